"""``mockserver providers`` and ``mockserver endpoints [PROVIDER]``: what the mock serves."""
from __future__ import annotations

import argparse


def register(sub) -> None:
    """Add ``providers`` (and, later, ``endpoints``) to the subcommands."""
    providers_cmd = sub.add_parser("providers", help="list the providers and where they are "
                                   "mounted")
    providers_cmd.set_defaults(func=providers)


def providers(args: argparse.Namespace) -> int:
    """Print each provider's slug, name, mount and real hostnames."""
    from ..providers import available
    rows = [(spec.slug, spec.name, f"/{spec.slug}{spec.base_path}", ", ".join(spec.hostnames))
            for spec in available().values()]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3])
    return 0
