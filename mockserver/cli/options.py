"""The ``serve`` options: each has a default and an environment variable
(``MOCKSERVER_<NAME>``), shown in ``--help``; a command-line flag beats the variable, which
beats the default."""
from __future__ import annotations

import argparse
import os
import socket
from dataclasses import dataclass
from typing import Any, Callable

from ..core.auth import MODES
from ..core.wsgi import SERVERS

ENV_PREFIX = "MOCKSERVER_"


@dataclass(frozen=True)
class Option:
    """One ``serve`` option."""

    flag: str                    # "--port"
    default: Any
    help: str
    type: Callable[[str], Any] | None = str
    choices: tuple[str, ...] | None = None
    metavar: str | None = None
    switch: bool = False         # a flag without a value (store_true)
    check: Callable[[Any], str | None] | None = None     # the problem with a value, if any

    @property
    def dest(self) -> str:
        """The argparse destination: ``--save-interval`` is ``save_interval``."""
        return self.flag.lstrip("-").replace("-", "_")

    @property
    def env(self) -> str:
        """The environment variable: ``MOCKSERVER_SAVE_INTERVAL``."""
        return ENV_PREFIX + self.dest.upper()


def _resolvable(host: str) -> str | None:
    """Why ``host`` cannot be listened on by name, if it cannot be resolved."""
    try:
        socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        return f"cannot resolve {host!r} ({getattr(exc, 'strerror', None) or exc})"
    return None


def _fixtures_problem(folder: str) -> str | None:
    """What is wrong with a fixtures directory or a file in it (names the file)."""
    from ..core.fixtures import FixtureError, check
    try:
        check(folder)
    except FixtureError as exc:
        return str(exc)
    return None


def _unknown_providers(names: str) -> str | None:
    """The slugs of ``names`` (comma-separated) that are no provider's."""
    from ..providers import available
    known = available()
    unknown = [n.strip() for n in names.split(",") if n.strip() and n.strip() not in known]
    if unknown:
        return f"unknown provider(s) {', '.join(unknown)} (known: {', '.join(known)})"
    return None


def _server_problem(name: str) -> str | None:
    """Why the server ``name`` cannot run here: granian not installed."""
    from importlib.util import find_spec
    if name == "granian" and find_spec("granian") is None:
        return ("granian is not installed: pip install 'telco-mockserver[fast]' "
                "(or pip install granian)")
    return None


SERVE_OPTIONS: tuple[Option, ...] = (
    Option("--host", "127.0.0.1", "interface to listen on (0.0.0.0: every interface)",
           check=_resolvable),
    Option("--port", 8080, "TCP port to listen on (0: any free port)", type=int,
           check=lambda port: None if 0 <= port <= 65535 else "must be 0 to 65535"),
    Option("--fixtures", None, "directory whose <slug>/<file>.json replace the packaged "
           "fixtures; every file is checked at start", metavar="DIR",
           check=_fixtures_problem),
    Option("--seed", 1, "seed of every random source", type=int),
    Option("--auth", "lenient", "lenient: any well-formed credential is its own tenant; "
           "strict: only the fixtures' credentials", choices=MODES),
    Option("--providers", None, "comma-separated slugs to mount (default: all)",
           metavar="LIST", check=_unknown_providers),
    Option("--server", "waitress", "HTTP server: waitress (pure Python; drop faults "
           "close the connection exactly) or granian (Rust, faster; needs the 'fast' extra)",
           choices=SERVERS, check=_server_problem),
    Option("--threads", 8, "WSGI worker threads", type=int,
           check=lambda threads: None if threads >= 1 else "must be at least 1"),
    Option("--quiet", False, "no per-request log lines", type=None, switch=True),
    Option("--state-file", None, "keep state in this file: restored on start, saved on "
           "shutdown and every --save-interval seconds", metavar="PATH"),
    Option("--save-interval", 30.0, "seconds between saves of --state-file (0: only on "
           "shutdown)", type=float,
           check=lambda seconds: None if seconds >= 0 else "must be 0 or more"),
)


def add_serve_options(parser: argparse.ArgumentParser) -> None:
    """Add every serve option; its help ends with its default and its variable."""
    for option in SERVE_OPTIONS:
        shown = ("off" if option.switch and not option.default
                 else "none" if option.default is None else option.default)
        text = f"{option.help} (default: {shown}; env {option.env})"
        if option.switch:
            parser.add_argument(option.flag, action="store_true", default=None, help=text)
        else:
            parser.add_argument(option.flag, default=None, help=text, metavar=option.metavar,
                                choices=option.choices)


def resolve(args: argparse.Namespace, environ: dict[str, str] | None = None) -> None:
    """Fill each option of ``args`` from its flag, else its variable, else its default,
    converted to its type; a value that does not convert or that its option's ``check``
    refuses is a UsageError naming the flag (or the variable) it came from."""
    from . import UsageError
    environ = os.environ if environ is None else environ
    for option in SERVE_OPTIONS:
        given, source = getattr(args, option.dest), option.flag
        if given is None and environ.get(option.env, "") != "":     # empty: unset
            given, source = environ[option.env], option.env
        if given is None:
            setattr(args, option.dest, option.default)
            continue
        if option.switch:
            value = given if isinstance(given, bool) else _switch(given, source)
        elif option.type is not None:
            try:
                value = option.type(given)
            except (TypeError, ValueError):
                raise UsageError(f"{source}: {given!r} is not a valid "
                                 f"{getattr(option.type, '__name__', 'value')}") from None
        else:
            value = given
        if option.choices and value not in option.choices:
            raise UsageError(f"{source}: {value!r} is not one of {', '.join(option.choices)}")
        problem = option.check(value) if option.check is not None else None
        if problem:
            raise UsageError(f"{source}: {problem}")
        setattr(args, option.dest, value)


def _switch(text: str, source: str) -> bool:
    from . import UsageError
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("", "0", "false", "no", "off"):
        return False
    raise UsageError(f"{source}: {text!r} is not true or false")
