"""cProfile of the mock's in-process request paths, for whoever optimises them.

    .venv/bin/python benchmarks/profile_paths.py [--requests 3000] [--top 15]
    .venv/bin/python benchmarks/profile_paths.py --case avaya_sms_send [--bare]

Profiles ``GET /avoxi/api/v2/inventory/US?limit=50`` and ``POST /avoxi/api/v2/order``
through Flask's test client (so the test client's own work shows too: compare with the bare
app's profile, ``--bare``), and prints the top entries by own time and by cumulative time,
then the mock's own functions by cumulative time. ``--case NAME`` profiles one of
``cases.py``'s provider cases instead, its requests prepared as the ``cases`` section does.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bare_app  # noqa: E402
from run import INVENTORY, ORDER, ORDER_BODY, auth  # noqa: E402


def profile(call, requests: int, warmup: int = 200) -> pstats.Stats:
    """Run ``call`` ``warmup`` times unprofiled, then ``requests`` times under cProfile."""
    for _ in range(warmup):
        call()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        call()
    profiler.disable()
    return pstats.Stats(profiler)


def report(title: str, stats: pstats.Stats, top: int) -> str:
    """The top ``top`` functions of a profile by own time and by cumulative time."""
    out = io.StringIO()
    out.write(f"\n=== {title} ===\n")
    stats.stream = out
    for order in ("tottime", "cumulative"):
        stats.sort_stats(order).print_stats(top)
    out.write("--- the mock's own functions (mockserver/), by cumulative time ---\n")
    stats.sort_stats("cumulative").print_stats(r"/mockserver/", top)
    return out.getvalue()


def profile_case(name: str, requests: int, top: int, bare: bool) -> int:
    """Profile one of ``cases.py``'s cases on a fresh mock (or its bare app)."""
    import cases
    import mockserver

    [case] = [c for c in cases.CASES if c.name == name]
    mock = mockserver.create_app({}).test_client()
    send = cases.client_send(mock)
    prepared = case.prepare(send, 1 + 200 + requests)
    captured = cases.capture(send, prepared[0], case.marker, prepared)
    rest = prepared[1:] if len(prepared) > 1 else prepared
    client = cases.bare_case_app(captured).test_client() if bare else mock
    call = cases.caller(client, rest, None if bare else case.marker)
    stats = profile(call, requests)
    print(report(f"{'bare' if bare else 'mock'}: {case.provider} {case.label}, "
                 f"{requests} requests", stats, top))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Profile the GET inventory and POST order paths of the mock (or the bare app)."""
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--requests", type=int, default=3000)
    cli.add_argument("--top", type=int, default=15)
    cli.add_argument("--bare", action="store_true", help="profile the bare app instead")
    cli.add_argument("--case", help="a case of cases.py (e.g. avaya_sms_send)")
    args = cli.parse_args(argv)
    if args.case:
        return profile_case(args.case, args.requests, args.top, args.bare)
    if args.bare:
        app = bare_app.build_app(bare_app.capture_responses())
    else:
        import mockserver
        app = mockserver.create_app({})
    client = app.test_client()
    headers = auth("profile")
    paths = {
        "GET inventory/US?limit=50": lambda: client.get(INVENTORY, headers=headers),
        "POST order": lambda: client.post(ORDER, data=ORDER_BODY,
                                          content_type="application/json", headers=headers),
    }
    for title, call in paths.items():
        stats = profile(call, args.requests)
        print(report(f"{'bare' if args.bare else 'mock'}: {title}, {args.requests} requests",
                     stats, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
