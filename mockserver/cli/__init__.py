"""The ``mockserver`` command: ``serve`` runs the mock; the admin commands (``reset``,
``state``, ``clock``, ``requests``, ``webhooks``) drive a running one over its control API;
``providers`` and ``endpoints`` describe what it serves.

Each subcommand lives in its own module with a ``register(subparsers)`` that adds its
parser and sets ``func``: what ``main`` calls with the parsed arguments. Every refused
option or file is one line on stderr and exit status 2 (``UsageError``), never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from .. import __version__


class UsageError(Exception):
    """A refused option, file or answer: printed as one line, exit status 2."""


class Parser(argparse.ArgumentParser):
    """argparse, but a refused argument is one line (naming the command and where its help
    is) and exit status 2, like every other refusal of the command."""

    def error(self, message: str):
        """Print ``mockserver <command>: <message>`` and exit 2."""
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def parser() -> argparse.ArgumentParser:
    """The command line: every subcommand's parser."""
    from . import admin, catalog, serve
    top = Parser(
        prog="mockserver", description="telco-mockserver: a faithful, stateful mock of the "
        "AVOXI, AVANSER, Evo Voice, Dial 9 and Avaya REST APIs.")
    top.add_argument("--version", action="version", version=f"telco-mockserver {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    serve.register(sub)
    admin.register(sub)
    catalog.register(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``mockserver`` command."""
    top = parser()
    args = top.parse_args(argv)
    if getattr(args, "func", None) is None:     # a bare ``mockserver``: the help
        top.print_help()
        return 0
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"mockserver: {exc}", file=sys.stderr)
        return 2
