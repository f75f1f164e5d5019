"""waitress against Granian: the mock and the bare Flask app, each on both servers.

    .venv/bin/python benchmarks/servers.py [--rounds 3] [--duration 10] [--output FILE]

For GET ``/avoxi/api/v2/inventory/US?limit=50`` and POST ``/avoxi/api/v2/order``, runs wrk
(one thread, 16 connections, ``--latency``, on core 1) against a fresh server pinned to
core 0: ``mockserver serve --quiet --server S`` and the bare app of ``bare_app.py`` on
the same server S, for S in waitress and granian, 8 threads each. Every round runs the
four servers in turn, in an order that alternates between rounds, so that a change in the
machine's speed hits every server alike; each figure is the median over the rounds.
Reuses ``run.py``'s process and wrk helpers (any non-200 answer aborts the run).

Prints a Markdown table (requests/s, p50, p99; mock / bare on each server; granian /
waitress for each app) and writes the figures to ``benchmarks/servers.json``.

``--serve-bare SERVER --port N --captured FILE`` is this script's own bare-app server.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bare_app  # noqa: E402  (beside this file)
import run  # noqa: E402

SERVERS = ("waitress", "granian")
APPS = ("mock", "bare")
CASES = {"get_inventory": (run.INVENTORY, HERE / "wrk_check.lua"),
         "post_order": (run.ORDER, HERE / "wrk_order.lua")}


def command(app: str, server: str, captured: Path):
    """The command line that serves ``app`` (mock or bare) with ``server`` on a port."""
    if app == "mock":
        return lambda port: run.mock_command(port, quiet=True) + ["--server", server]
    return lambda port: [run.PYTHON, __file__, "--serve-bare", server, "--port", str(port),
                         "--captured", str(captured)]


def serve_bare(server: str, port: int, captured: Path) -> int:
    """Serve the bare app with ``server`` and 8 threads until SIGINT or SIGTERM."""
    from mockserver.core.wsgi import make_granian_server, make_server, serve_until_signalled

    app = bare_app.build_app(bare_app.load_captured(captured))
    build = make_granian_server if server == "granian" else make_server
    serve_until_signalled(build(app, "127.0.0.1", port, 8))
    return 0


def measure(args: argparse.Namespace, captured: Path, workdir: Path) -> dict:
    """Every (case, app, server) ``args.rounds`` times; the order of the four servers
    alternates between rounds. Returns ``{case: {app/server: [wrk result, ...]}}``."""
    runs = {case: {f"{a}/{s}": [] for a in APPS for s in SERVERS} for case in CASES}
    order = [(a, s) for s in SERVERS for a in APPS]
    for round_ in range(args.rounds):
        for case, (path, script) in CASES.items():
            for app, server in (order if round_ % 2 == 0 else order[::-1]):
                name = f"{app}/{server}"
                token = f"servers-{case}-{app}-{server}-{round_}"
                log = workdir / f"{case}-{app}-{server}-{round_}.log"
                for _ in range(3):      # a run that got no answer at all: run it again
                    result = run.wrk_case(command(app, server, captured), path, script,
                                          token, log, args)
                    if result["requests"]:
                        break
                result.pop("wrk_output", None)
                runs[case][name].append(result)
                print(f"  round {round_ + 1} {case:<14} {name:<16} "
                      f"{result['requests_per_s']:6.0f} req/s  p50 {result['p50_ms']:5.2f} ms"
                      f"  p99 {result['p99_ms']:6.2f} ms  core 0 others "
                      f"{result['core0_other_share']:.2f}", flush=True)
    return runs


def summarise(runs: dict) -> dict:
    """Median requests/s, p50 and p99 of each (case, app/server), and the ratios."""
    out: dict = {}
    for case, by_name in runs.items():
        medians = {name: {key: statistics.median(r[key] for r in results)
                          for key in ("requests_per_s", "p50_ms", "p99_ms")}
                   | {"rounds_requests_per_s": [r["requests_per_s"] for r in results],
                      "core0_other_share_max": max(r["core0_other_share"] for r in results)}
                   for name, results in by_name.items()}
        rps = {name: m["requests_per_s"] for name, m in medians.items()}
        out[case] = {"servers": medians,
                     "mock_over_bare": {s: rps[f"mock/{s}"] / rps[f"bare/{s}"]
                                        for s in SERVERS},
                     "granian_over_waitress": {a: rps[f"{a}/granian"] / rps[f"{a}/waitress"]
                                               for a in APPS}}
    return out


def table(summary: dict) -> str:
    """The Markdown table of a summary."""
    lines = ["| Case | App | Server | req/s (rounds) | p50 ms | p99 ms | mock / bare | "
             "granian / waitress |", "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for case, figures in summary.items():
        for app in APPS:
            for server in SERVERS:
                m = figures["servers"][f"{app}/{server}"]
                rounds = ", ".join(f"{v:.0f}" for v in m["rounds_requests_per_s"])
                ratio = (f"{figures['mock_over_bare'][server]:.2f}" if app == "mock" else "")
                speedup = (f"{figures['granian_over_waitress'][app]:.2f}"
                           if server == "granian" else "")
                lines.append(f"| {case} | {app} | {server} | {m['requests_per_s']:.0f} "
                             f"({rounds}) | {m['p50_ms']:.2f} | {m['p99_ms']:.2f} | {ratio} | "
                             f"{speedup} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table, write the JSON."""
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--rounds", type=int, default=3)
    cli.add_argument("--duration", type=float, default=10.0)
    cli.add_argument("--warmup", type=float, default=2.0)
    cli.add_argument("--connections", type=int, default=16)
    cli.add_argument("--output", default=str(HERE / "servers.json"))
    cli.add_argument("--serve-bare", choices=SERVERS, help=argparse.SUPPRESS)
    cli.add_argument("--port", type=int, help=argparse.SUPPRESS)
    cli.add_argument("--captured", help=argparse.SUPPRESS)
    args = cli.parse_args(argv)
    if args.serve_bare:
        return serve_bare(args.serve_bare, args.port, Path(args.captured))
    from importlib import metadata
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        captured = workdir / "captured.json"
        bare_app.save_captured(bare_app.capture_responses(), captured)
        runs = measure(args, captured, workdir)
    summary = summarise(runs)
    print(table(summary))
    versions = {name: metadata.version(name) for name in ("flask", "waitress", "granian")}
    Path(args.output).write_text(json.dumps(
        {"started": started, "python": platform.python_version(), "versions": versions,
         "options": {k: v for k, v in vars(args).items() if k not in ("serve_bare", "port",
                                                                        "captured")},
         "summary": summary, "runs": runs}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
