"""``mockserver serve``: run the mock with a production WSGI server.

One process, one threaded server (waitress, or Granian with ``--server granian``): the
state is in memory, so it must never be split over several worker processes.
"""
from __future__ import annotations

import argparse
import errno
import gc
import logging
import sys

from ..core.wsgi import (AccessLog, make_granian_server, make_server,
                          serve_until_signalled)
from ..persistence import StateFile
from . import UsageError
from .options import add_serve_options, resolve


def register(sub) -> None:
    """Add ``serve`` to the subcommands."""
    command = sub.add_parser("serve", help="run the mock server",
                             description="Run the mock server. Every option can also be "
                             "given by its environment variable.")
    add_serve_options(command)
    command.set_defaults(func=serve)


def config_from(args: argparse.Namespace) -> dict:
    """App config from parsed ``serve`` arguments."""
    return {"SEED": args.seed, "AUTH_MODE": args.auth, "FIXTURES_DIR": args.fixtures,
            "PROVIDERS": args.providers}


def listen(wsgi, args: argparse.Namespace):
    """The server bound to ``--host``/``--port``; a port in use (or one this user may
    not bind) is a UsageError naming ``--port``, an address not of this machine
    ``--host``."""
    try:
        build = make_granian_server if args.server == "granian" else make_server
        return build(wsgi, args.host, args.port, args.threads)
    except OSError as exc:
        option = "--host" if exc.errno == errno.EADDRNOTAVAIL else "--port"
        raise UsageError(f"{option}: cannot listen on {args.host}:{args.port}: "
                         f"{exc.strerror or exc}") from None


def serve(args: argparse.Namespace) -> int:
    """Build the app, print its mounts, serve until SIGINT or SIGTERM."""
    from ..app import create_app
    resolve(args)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        app = create_app(config_from(args))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    state_file = StateFile.open(app, args.state_file, args.save_interval) \
        if args.state_file else None        # restores it; a bad file is a UsageError
    # What exists now (modules, fixtures) lives as long as the process: keep it out of the
    # collector's full passes, whose cost otherwise grows with every object ever loaded.
    gc.collect()
    gc.freeze()
    wsgi = app if args.quiet else AccessLog(app)
    server = listen(wsgi, args)
    base = f"http://{args.host}:{server.effective_port}"
    print(f"telco-mockserver listening on {base}", flush=True)
    for spec in app.extensions["mockserver.providers"].values():
        hosts = ", ".join(spec.hostnames)
        print(f"  {spec.name:<10} {base}/{spec.slug}{spec.base_path}"
              f"   (or {spec.base_path or '/'} with Host: {hosts})", flush=True)
        if spec.credentials_hint:
            print(f"  {'':<10} {spec.credentials_hint}", flush=True)
    print(f"  {'control':<10} {base}/_mock/health", flush=True)
    print(f"  {'dashboard':<10} {base}/_mock/ui", flush=True)

    if state_file is not None:
        state_file.start()                  # saves every --save-interval when changed
    try:
        serve_until_signalled(server)
    finally:
        if state_file is not None:
            state_file.close()              # the last save, on a clean shutdown
    print("telco-mockserver stopped", flush=True)
    return 0
