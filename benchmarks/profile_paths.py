"""cProfile of the mock's in-process request paths, for whoever optimises them.

    .venv/bin/python benchmarks/profile_paths.py [--requests 3000] [--top 15]

Profiles ``GET /avoxi/api/v2/inventory/US?limit=50`` and ``POST /avoxi/api/v2/order``
through Flask's test client (so the test client's own work shows too: compare with the bare
app's profile, ``--bare``), and prints the top entries by own time and by cumulative time,
then the mock's own functions by cumulative time.
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


def main(argv: list[str] | None = None) -> int:
    """Profile the GET inventory and POST order paths of the mock (or the bare app)."""
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--requests", type=int, default=3000)
    cli.add_argument("--top", type=int, default=15)
    cli.add_argument("--bare", action="store_true", help="profile the bare app instead")
    args = cli.parse_args(argv)
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
