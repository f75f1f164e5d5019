"""``mockserver serve|providers``: run the mock with a production WSGI server.

One process, one threaded waitress server: the state is in memory, so it must never be
split over several worker processes.
"""
from __future__ import annotations

import argparse
import gc
import logging
import sys
from typing import Sequence

from .core.auth import MODES
from .core.wsgi import AccessLog, make_server, serve_until_signalled


def parser() -> argparse.ArgumentParser:
    """The command line."""
    top = argparse.ArgumentParser(prog="mockserver", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the mock server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--fixtures", metavar="DIR", help="directory whose <slug>/<file>.json "
                       "replace the packaged fixtures")
    serve.add_argument("--seed", type=int, default=1, help="seed of every random source")
    serve.add_argument("--auth", choices=MODES, default="lenient")
    serve.add_argument("--providers", metavar="LIST", help="comma-separated slugs (default all)")
    serve.add_argument("--threads", type=int, default=8, help="WSGI worker threads")
    serve.add_argument("--quiet", action="store_true", help="no per-request log lines")
    sub.add_parser("providers", help="list the providers and where they are mounted")
    return top


def config_from(args: argparse.Namespace) -> dict:
    """App config from parsed ``serve`` arguments."""
    return {"SEED": args.seed, "AUTH_MODE": args.auth, "FIXTURES_DIR": args.fixtures,
            "PROVIDERS": args.providers}


def serve(args: argparse.Namespace) -> int:
    """Build the app, print its mounts, serve until SIGINT or SIGTERM."""
    from .app import create_app
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        app = create_app(config_from(args))
    except ValueError as exc:
        print(f"mockserver: {exc}", file=sys.stderr)
        return 2
    # What exists now (modules, fixtures) lives as long as the process: keep it out of the
    # collector's full passes, whose cost otherwise grows with every object ever loaded.
    gc.collect()
    gc.freeze()
    wsgi = app if args.quiet else AccessLog(app)
    server = make_server(wsgi, args.host, args.port, args.threads)
    base = f"http://{args.host}:{server.effective_port}"
    print(f"telco-mockserver listening on {base}", flush=True)
    for spec in app.extensions["mockserver.providers"].values():
        hosts = ", ".join(spec.hostnames)
        print(f"  {spec.name:<10} {base}/{spec.slug}{spec.base_path}"
              f"   (or {spec.base_path or '/'} with Host: {hosts})", flush=True)
        if spec.credentials_hint:
            print(f"  {'':<10} {spec.credentials_hint}", flush=True)
    print(f"  {'control':<10} {base}/_mock/health", flush=True)

    serve_until_signalled(server)
    print("telco-mockserver stopped", flush=True)
    return 0


def providers() -> int:
    """Print each provider's slug, name, mount and real hostnames."""
    from .providers import available
    rows = [(spec.slug, spec.name, f"/{spec.slug}{spec.base_path}", ", ".join(spec.hostnames))
            for spec in available().values()]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3])
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``mockserver`` command."""
    args = parser().parse_args(argv)
    if args.command == "serve":
        return serve(args)
    return providers()
