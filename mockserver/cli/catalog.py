"""``mockserver providers`` and ``mockserver endpoints [PROVIDER]``: what the mock serves."""
from __future__ import annotations

import argparse


def register(sub) -> None:
    """Add ``providers`` and ``endpoints`` to the subcommands."""
    providers_cmd = sub.add_parser("providers", help="list the providers and where they are "
                                   "mounted")
    providers_cmd.set_defaults(func=providers)
    endpoints_cmd = sub.add_parser(
        "endpoints", help="list every documented endpoint and whether the mock serves it",
        description="Every endpoint the providers document (the project's catalog), "
        "and whether the mock serves it, with totals.")
    endpoints_cmd.add_argument("provider", nargs="?", metavar="PROVIDER",
                               help="only this provider's (a slug, as 'providers' lists)")
    endpoints_cmd.add_argument("--json", action="store_true", help="print them as JSON")
    endpoints_cmd.set_defaults(func=endpoints)


def providers(args: argparse.Namespace) -> int:
    """Print each provider's slug, name, mount and real hostnames."""
    from ..providers import available
    rows = [(spec.slug, spec.name, f"/{spec.slug}{spec.base_path}", ", ".join(spec.hostnames))
            for spec in available().values()]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3])
    return 0


def endpoints(args: argparse.Namespace) -> int:
    """Print each provider's documented endpoints, served or not, and the totals."""
    import json

    from ..app import create_app
    from ..catalog import endpoints as documented
    from ..catalog import served
    from ..providers import available
    from . import UsageError
    known = list(available())
    if args.provider is not None and args.provider not in known:
        raise UsageError(f"endpoints: unknown provider {args.provider!r}; known: "
                         f"{', '.join(known)}")
    app = create_app({"PROVIDERS": args.provider})
    report: dict = {"providers": {}, "documented": 0, "served": 0}
    for endpoint in documented(args.provider):
        entry = report["providers"].setdefault(endpoint.provider, {
            "documented": 0, "served": 0, "endpoints": []})
        is_served = served(app, endpoint)
        entry["endpoints"].append({"method": endpoint.method, "path": endpoint.path,
                                   "name": endpoint.name, "served": is_served})
        for totals in (entry, report):
            totals["documented"] += 1
            totals["served"] += is_served
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for slug, entry in report["providers"].items():
        print(f"{slug}: {entry['served']} of {entry['documented']} endpoints served")
        width = max(len(e["path"]) for e in entry["endpoints"])
        for e in entry["endpoints"]:
            print(f"  {'served ' if e['served'] else 'MISSING'}  {e['method']:<6} "
                  f"{e['path']:<{width}}  {e['name']}")
    print(f"total: {report['served']} of {report['documented']} documented endpoints served")
    return 0
