"""The telco-mockserver benchmark suite: one command, one results file, one table.

    .venv/bin/python benchmarks/run.py [--duration 10] [--sections http,inprocess,...]

Measures, against the bare Flask ceiling of ``benchmarks/bare_app.py`` where there is one:

* cold start of ``mockserver serve`` (quiet, and logging to a file) and of the bare app;
* HTTP throughput and latency with wrk (server on core 0, wrk on core 1);
* in-process time per request through Flask's test client;
* the cost of resetting one tenant, and of the request that seeds it again;
* resident memory of a server with 100 tenants;
* page cost of the inventory against the inventory's size;
* one everyday read and one write of every provider (``cases.py``), in-process and over
  HTTP, each beside a bare app answering the mock's bytes;
* scale (``scale.py``): 10,000 tenants, 100,000 SMS in one account, 100,000 pending events.

``--quick`` makes every section short (a smoke test of the suite, not figures to quote).

Writes ``benchmarks/results.json`` and prints a Markdown table. These are measurements:
nothing here asserts a timing. It does fail loudly when a response is not a 200.
"""
from __future__ import annotations

import argparse
import base64
import datetime as dt
import gc
import http.client
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_BIN = Path(sys.executable).parent
MOCKSERVER = str(VENV_BIN / "mockserver")
PYTHON = sys.executable
sys.path.insert(0, str(HERE))

import bare_app  # noqa: E402  (beside this file)
import cases  # noqa: E402
import scale  # noqa: E402

API = "/avoxi/api/v2"
COUNTRIES = f"{API}/countries"
INVENTORY = f"{API}/inventory/US?limit=50"
NUMBERS = f"{API}/numbers"
ORDER = f"{API}/order"
ORDER_BODY = json.dumps(bare_app.ORDER_BODY, separators=(",", ":")).encode()
SECTIONS = ("coldstart", "http", "inprocess", "reset", "memory", "paging", "cases",
            "cases_http", "scale_tenants", "scale_messages", "scale_events")
#: ``--quick``: settings for a short run (a smoke test of the suite, not figures to quote)
QUICK = {"duration": 3, "warmup": 1, "runs": 3, "batches": 5, "batch_size": 300,
         "resets": 200, "tenants": 20, "case_batches": 5, "case_batch_size": 50,
         "scale_tenants": 1000, "scale_messages": 20_000, "scale_events": 20_000}

#: the targets of benchmarks/README.md: (label, how it is judged)
TARGETS = {
    "http_get": "GET throughput >= 0.6 x bare (aim 0.8)",
    "http_post": "POST throughput >= 0.5 x bare",
    "coldstart": "cold start < 0.5 s (median)",
    "inprocess_get": "in-process GET <= 1.5 x bare",
    "reset": "tenant reset < 1 ms",
    "memory": "RSS < 150 MB with 100 tenants",
    "paging": "page cost flat from 300 to 1,000,000 (best batches within 1.25 x)",
}


def auth(token: str) -> dict[str, str]:
    """The AVOXI bearer header for a tenant token."""
    return {"Authorization": f"Bearer {token}"}


# -- processes ---------------------------------------------------------------------------------

def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mock_command(port: int, quiet: bool) -> list[str]:
    """``mockserver serve`` on a port, with or without per-request logging."""
    return [MOCKSERVER, "serve", "--host", "127.0.0.1", "--port", str(port), "--threads", "8"] + (
        ["--quiet"] if quiet else [])


def bare_command(port: int, captured: Path) -> list[str]:
    """The bare app on a port, serving responses captured earlier into a file."""
    return [PYTHON, str(HERE / "bare_app.py"), "--host", "127.0.0.1", "--port", str(port),
            "--threads", "8", "--captured", str(captured)]


def start(command: list[str], stderr_path: Path, cpu: int | None = None,
          env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start a server process (pinned to one CPU with taskset when ``cpu`` is given), its
    stdout discarded and its stderr written to a file."""
    if cpu is not None:
        command = ["taskset", "-c", str(cpu)] + command
    with open(stderr_path, "wb") as err:
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT,
                                env=env)


def bytecode_env(workdir: Path) -> dict[str, str]:
    """The environment with bytecode caching on (into ``workdir``), as an installed package
    runs: pip and the Docker image compile every module, while this checkout is installed
    in editable mode and the workplace sets PYTHONDONTWRITEBYTECODE."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    return env


def source_env() -> dict[str, str]:
    """The environment with no bytecode written, so every start compiles the project."""
    return dict(os.environ, PYTHONDONTWRITEBYTECODE="1")


def stop(proc: subprocess.Popen) -> None:
    """Stop a server started by :func:`start` (SIGTERM, then SIGKILL if it lingers)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_for_200(proc: subprocess.Popen, port: int, path: str, headers: dict[str, str],
                 stderr_path: Path, timeout: float = 30.0) -> float:
    """Poll ``GET path`` every millisecond until it answers 200; return the time waited.

    Raises if the process exits, the answer is not a 200, or ``timeout`` passes.
    """
    started = time.perf_counter()
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering:\n"
                               + stderr_path.read_text(errors="replace")[-2000:])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                raise RuntimeError(f"GET {path} answered {response.status}: {body[:300]!r}")
            return time.perf_counter() - started
        except (ConnectionRefusedError, ConnectionResetError):
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"no answer on port {port} within {timeout} s") from None
            time.sleep(0.001)
        finally:
            conn.close()


def rss_mb(pid: int) -> float:
    """VmRSS of a process, in MB (10^6 bytes)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024 / 1e6
    raise RuntimeError(f"no VmRSS for pid {pid}")


def cpu_busy_ticks() -> dict[int, int]:
    """Busy clock ticks (everything but idle and iowait) of each CPU, from /proc/stat."""
    out = {}
    for line in Path("/proc/stat").read_text().splitlines():
        name, *values = line.split()
        if name.startswith("cpu") and name != "cpu":
            ticks = list(map(int, values))
            out[int(name[3:])] = sum(ticks) - ticks[3] - ticks[4]
    return out


def process_ticks(pid: int) -> int:
    """User plus system clock ticks a process (all its threads) has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


# -- cold start --------------------------------------------------------------------------------

def cold_start(command: Callable[[int], list[str]], runs: int, workdir: Path,
               env: dict[str, str] | None = None) -> dict:
    """Spawn a server ``runs`` times and time each until its first 200 on
    ``GET /avoxi/api/v2/countries`` with a token; median and max, in seconds. With a
    bytecode cache in ``env``, one untimed spawn fills it first."""
    times = []
    for run in range(-1 if env and "PYTHONPYCACHEPREFIX" in env else 0, runs):
        port = free_port()
        stderr_path = workdir / f"coldstart-{run}.log"
        started = time.perf_counter()
        proc = start(command(port), stderr_path, env=env)
        try:
            wait_for_200(proc, port, COUNTRIES, auth("coldstart"), stderr_path)
            if run >= 0:
                times.append(time.perf_counter() - started)
        finally:
            stop(proc)
    return {"runs": runs, "median_s": statistics.median(times), "max_s": max(times),
            "min_s": min(times), "all_s": times}


def bench_cold_start(args: argparse.Namespace, captured: Path, workdir: Path) -> dict:
    """Cold start of the mock (quiet, and logging to a file) and of the bare app, as
    installed (bytecode cached); and of the mock compiling its source at every start."""
    env = bytecode_env(workdir)
    return {
        "mock_quiet": cold_start(lambda port: mock_command(port, quiet=True), args.runs,
                                 workdir, env),
        "mock_logging": cold_start(lambda port: mock_command(port, quiet=False), args.runs,
                                   workdir, env),
        "mock_quiet_source": cold_start(lambda port: mock_command(port, quiet=True),
                                        args.runs, workdir, source_env()),
        "bare": cold_start(lambda port: bare_command(port, captured), args.runs, workdir, env),
    }


# -- HTTP with wrk -----------------------------------------------------------------------------

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    """A wrk duration (``812.00us``, ``4.51ms``, ``1.02s``) in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse_wrk(output: str) -> dict:
    """Requests/s, p50/p99 latency (ms), request count and error counts from wrk's output
    (run with ``--latency`` and one of the status-counting Lua scripts)."""
    def number(pattern: str, default: float | None = None) -> float:
        """The first group of ``pattern`` in the output, as a number."""
        match = re.search(pattern, output)
        if match is None:
            if default is None:
                raise ValueError(f"wrk output lacks {pattern!r}:\n{output}")
            return default
        return float(match.group(1))

    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), "
                              r"timeout (\d+)", output)
    return {"requests_per_s": number(r"Requests/sec:\s+([\d.]+)"),
            "requests": int(number(r"(\d+) requests in")),
            "p50_ms": _ms(latency["50"]), "p99_ms": _ms(latency["99"]),
            "non_2xx_3xx": int(number(r"Non-2xx or 3xx responses:\s+(\d+)", 0)),
            "non_200": int(number(r"Non-200 responses:\s+(\d+)")),
            "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0}


def run_wrk(url: str, token: str | None, script: Path, duration: float, connections: int,
            server_pid: int, env: dict[str, str] | None = None) -> dict:
    """One wrk run on core 1 (one thread, ``connections`` connections, ``--latency``);
    raises if any response was not a 200 or any socket error happened.

    Also reports how busy core 0 was and how much of it the server used: when
    ``core0_other_share`` is well above zero, something else on the machine competed with
    the server and the figures are low. Without a ``token`` no Authorization header is
    added (the script sends its own); ``env`` is wrk's environment.
    """
    command = ["taskset", "-c", "1", "wrk", "-t1", f"-c{connections}", f"-d{duration:g}s",
               "--latency", "--timeout", "10s", "-s", str(script)] + (
        ["-H", f"Authorization: Bearer {token}"] if token else []) + [url]
    hz = os.sysconf("SC_CLK_TCK")
    busy_before, server_before = cpu_busy_ticks(), process_ticks(server_pid)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60,
                          env=env)
    elapsed = time.perf_counter() - started
    elapsed_ticks = elapsed * hz
    busy_after, server_after = cpu_busy_ticks(), process_ticks(server_pid)
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk_share = (children_after.ru_utime + children_after.ru_stime - children_before.ru_utime
                 - children_before.ru_stime) / elapsed
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr}\n{done.stdout}")
    result = parse_wrk(done.stdout)
    if result["non_200"] or result["non_2xx_3xx"] or result["socket_errors"]:
        raise RuntimeError(f"{url}: {result['non_200']} responses were not 200 "
                           f"({result['non_2xx_3xx']} non-2xx/3xx, {result['socket_errors']} "
                           f"socket errors):\n{done.stdout}")
    server_share = (server_after - server_before) / elapsed_ticks
    core0_share = (busy_after[0] - busy_before[0]) / elapsed_ticks
    result.update(server_cpu_share=server_share, core0_busy_share=core0_share,
                  core0_other_share=max(0.0, core0_share - server_share),
                  core1_busy_share=(busy_after[1] - busy_before[1]) / elapsed_ticks,
                  wrk_cpu_share=wrk_share,
                  core1_other_share=max(0.0, (busy_after[1] - busy_before[1]) / elapsed_ticks
                                        - wrk_share),
                  loadavg_1min_after=os.getloadavg()[0], wrk_output=done.stdout)
    return result


def wrk_case(command: Callable[[int], list[str]], path: str, script: Path, token: str,
             stderr_path: Path, args: argparse.Namespace) -> dict:
    """Start a server on core 0, warm it up with wrk, measure with wrk, stop it."""
    port = free_port()
    proc = start(command(port), stderr_path, cpu=0)
    try:
        wait_for_200(proc, port, COUNTRIES, auth(token), stderr_path)
        url = f"http://127.0.0.1:{port}{path}"
        run_wrk(url, token, script, args.warmup, args.connections, proc.pid)
        result = run_wrk(url, token, script, args.duration, args.connections, proc.pid)
    finally:
        stop(proc)
    result["log_bytes"] = stderr_path.stat().st_size
    return result


def bench_http(args: argparse.Namespace, captured: Path, workdir: Path) -> dict:
    """wrk against a fresh server per case: GET inventory and POST order, each on the mock
    logging to a file, the mock with --quiet, and the bare app; server pinned to core 0.

    With ``--rounds N`` every case is run N times, the servers taking turns within a round;
    a case's figures are then those of its round with the median requests/s.
    """
    servers = {
        "mock_logging": lambda port: mock_command(port, quiet=False),
        "mock_quiet": lambda port: mock_command(port, quiet=True),
        "bare": lambda port: bare_command(port, captured),
    }
    cases = {"get_inventory": (INVENTORY, HERE / "wrk_check.lua"),
             "post_order": (ORDER, HERE / "wrk_order.lua")}
    runs: dict[str, dict[str, list[dict]]] = {c: {s: [] for s in servers} for c in cases}
    for round_ in range(args.rounds):
        for case, (path, script) in cases.items():
            for name, command in servers.items():
                token = f"wrk-{case}-{name}-{round_}"
                stderr_path = workdir / f"http-{case}-{name}-{round_}.log"
                result = wrk_case(command, path, script, token, stderr_path, args)
                runs[case][name].append(result)
                print(f"  http {case:<14} {name:<13} {result['requests_per_s']:6.0f} req/s  "
                      f"p50 {result['p50_ms']:5.2f} ms  p99 {result['p99_ms']:6.2f} ms  "
                      f"server CPU {result['server_cpu_share']:.2f}, others: core 0 "
                      f"{result['core0_other_share']:.2f}, core 1 "
                      f"{result['core1_other_share']:.2f}", flush=True)
    out: dict[str, dict] = {}
    for case, by_server in runs.items():
        out[case] = {}
        for name, results in by_server.items():
            ranked = sorted(results, key=lambda r: r["requests_per_s"])
            chosen = dict(ranked[(len(ranked) - 1) // 2])
            chosen["rounds_requests_per_s"] = [r["requests_per_s"] for r in results]
            out[case][name] = chosen
        bare = out[case]["bare"]["requests_per_s"]
        out[case]["ratio_quiet"] = out[case]["mock_quiet"]["requests_per_s"] / bare
        out[case]["ratio_logging"] = out[case]["mock_logging"]["requests_per_s"] / bare
    return out


# -- in-process --------------------------------------------------------------------------------

def per_request_us(calls: dict[str, Callable[[], Any]], batches: int, batch_size: int,
                   warmup: int = 200) -> dict[str, dict]:
    """Time of one request for each of ``calls``, in microseconds: the median (and spread)
    over ``batches`` of the mean in a batch of ``batch_size``.

    The batches of the different calls are interleaved (A B C, A B C, ...), so a burst of
    background load on the machine hits every case alike. Each call returns a response whose
    status must be 200.
    """
    def checked(call: Callable[[], Any]) -> None:
        """Make one request; raise unless it answered 200."""
        response = call()
        if response.status_code != 200:
            raise RuntimeError(f"in-process request answered {response.status_code}: "
                               f"{response.get_data(as_text=True)[:300]}")

    for call in calls.values():
        for _ in range(warmup):
            checked(call)
    means: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(batches):
        for name, call in calls.items():
            started = time.perf_counter_ns()
            for _ in range(batch_size):
                checked(call)
            means[name].append((time.perf_counter_ns() - started) / batch_size / 1000)
    return {name: {"median_us": statistics.median(values), "min_us": min(values),
                   "max_us": max(values), "batches": batches, "batch_size": batch_size}
            for name, values in means.items()}


def bench_inprocess(args: argparse.Namespace, captured: dict) -> dict:
    """Test-client time per request, mock vs bare app, for GET inventory and POST order."""
    import mockserver

    mock = mockserver.create_app({}).test_client()
    bare = bare_app.build_app(captured).test_client()
    headers = auth("inprocess")

    def get(client):
        """A call making the benchmarked GET on a client."""
        return lambda: client.get(INVENTORY, headers=headers)

    def post(client):
        """A call making the benchmarked POST on a client."""
        return lambda: client.post(ORDER, data=ORDER_BODY, content_type="application/json",
                                   headers=headers)

    out = {"get_inventory": per_request_us({"mock": get(mock), "bare": get(bare)},
                                           args.batches, args.batch_size),
           "post_order": per_request_us({"mock": post(mock), "bare": post(bare)},
                                        args.batches, args.batch_size)}
    for case in out.values():
        case["ratio"] = case["mock"]["median_us"] / case["bare"]["median_us"]
    return out


# -- reset and re-seed -------------------------------------------------------------------------

def bench_reset(args: argparse.Namespace) -> dict:
    """In-process: the control reset of one tenant seeded just before (median of
    ``args.resets``), the first request after it (which seeds the tenant again), a second
    request (already seeded), and the reset again with 10,000 events pending for another
    tenant. For scale, the test client's floor: a bare-app GET of constant bytes."""
    import mockserver
    from mockserver.app import services_of

    app = mockserver.create_app({})
    client = app.test_client()
    client.get(NUMBERS, headers=auth("reset-warmup"))  # imports Faker, builds the seed

    def timed(call: Callable[[], Any]) -> float:
        """Milliseconds one request took; raise unless it answered 200."""
        started = time.perf_counter_ns()
        response = call()
        elapsed = (time.perf_counter_ns() - started) / 1e6
        if response.status_code != 200:
            raise RuntimeError(f"answered {response.status_code}: "
                               f"{response.get_data(as_text=True)[:300]}")
        return elapsed

    def reset_body(token: str) -> bytes:
        """The control API body resetting one AVOXI tenant."""
        return json.dumps({"provider": "avoxi", "tenant": token}).encode()

    resets, reseeds, steady = [], [], []
    for i in range(args.resets):
        token, body = f"reset-{i}", reset_body(f"reset-{i}")
        client.get(NUMBERS, headers=auth(token))
        resets.append(timed(lambda: client.post("/_mock/reset", data=body,
                                                content_type="application/json")))
        reseeds.append(timed(lambda: client.get(NUMBERS, headers=auth(token))))
        steady.append(timed(lambda: client.get(NUMBERS, headers=auth(token))))

    bare = bare_app.build_app(bare_app.capture_responses()).test_client()
    floor = [timed(lambda: bare.get(COUNTRIES)) for _ in range(args.resets)]

    scheduler = services_of(app).scheduler
    for k in range(10_000):
        scheduler.schedule("avoxi", "someone-else", "backorder-delivery",
                           {"reference_id": f"r{k}", "region": "US GA Atlanta 470",
                            "product_id": 0, "quantity": 1}, delay=86400)
    crowded = []
    for i in range(min(args.resets, 200)):
        token, body = f"crowded-{i}", reset_body(f"crowded-{i}")
        client.get(NUMBERS, headers=auth(token))
        crowded.append(timed(lambda: client.post("/_mock/reset", data=body,
                                                 content_type="application/json")))

    def summary(values: list[float]) -> dict:
        """Median, p90 and max of millisecond timings."""
        return {"median_ms": statistics.median(values), "p90_ms": quantile(values, 0.9),
                "max_ms": max(values), "n": len(values)}

    return {"reset": summary(resets), "reseed_first_request": summary(reseeds),
            "seeded_request": summary(steady),
            "reseed_extra_ms": statistics.median(reseeds) - statistics.median(steady),
            "reset_with_10000_pending_events": summary(crowded),
            "test_client_floor": summary(floor),
            "note": "times include the test client's own overhead; GET /numbers is the "
                    "request that seeds"}


def quantile(values: list[float], q: float) -> float:
    """The ``q`` quantile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


# -- memory ------------------------------------------------------------------------------------

def bench_memory(args: argparse.Namespace, captured: Path, workdir: Path) -> dict:
    """VmRSS of ``mockserver serve --quiet`` right after it answers, after the first of
    100 tokens (the first tenant loads Faker and builds the seed) and after all 100 have each
    made ``GET /avoxi/api/v2/numbers`` and an order; and the bare app's right after start."""
    port = free_port()
    stderr_path = workdir / "memory.log"
    proc = start(mock_command(port, quiet=True), stderr_path)
    try:
        wait_for_200(proc, port, "/_mock/health", {}, stderr_path)
        time.sleep(0.2)
        at_start = rss_mb(proc.pid)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        after_first = None
        for i in range(args.tenants):
            if i == 1:
                time.sleep(0.2)
                after_first = rss_mb(proc.pid)
            headers = auth(f"memory-{i}")
            for method, path, body in (("GET", NUMBERS, None), ("POST", ORDER, ORDER_BODY)):
                conn.request(method, path, body=body,
                             headers={**headers, "Content-Type": "application/json"})
                response = conn.getresponse()
                text = response.read()
                if response.status != 200:
                    raise RuntimeError(f"{method} {path} answered {response.status}: "
                                       f"{text[:300]!r}")
        conn.close()
        time.sleep(0.2)
        after = rss_mb(proc.pid)
    finally:
        stop(proc)
    bare_port = free_port()
    bare = start(bare_command(bare_port, captured), workdir / "memory-bare.log")
    try:
        wait_for_200(bare, bare_port, COUNTRIES, auth("memory"), workdir / "memory-bare.log")
        time.sleep(0.2)
        bare_start = rss_mb(bare.pid)
    finally:
        stop(bare)
    return {"rss_start_mb": at_start, "bare_rss_start_mb": bare_start,
            "rss_after_first_tenant_mb": after_first,
            "rss_after_tenants_mb": after, "tenants": args.tenants,
            "per_further_tenant_kb": ((after - after_first) * 1000 / (args.tenants - 1)
                                      if after_first is not None else None)}


# -- page cost ---------------------------------------------------------------------------------

def bench_paging(args: argparse.Namespace) -> dict:
    """In-process ``GET inventory/US/DID?limit=50`` at offset 0 and at ``size - 100`` (deep
    into US GA Atlanta 470, the first US DID region) with 300 and 1,000,000 numbers a region;
    the four cases' batches interleaved, three times as many batches a tenth the size of the
    other in-process figures. Flatness is judged on each case's best batch (the work is
    deterministic, so the fastest batch is the one least disturbed by the machine); the
    medians are reported beside it."""
    import mockserver

    headers = auth("paging")
    calls: dict[str, Callable[[], Any]] = {}
    cases: dict[str, dict] = {}
    for size in (300, 1_000_000):
        client = mockserver.create_app({"AVOXI_INVENTORY_PER_REGION": size}).test_client()
        for offset in (0, size - 100):
            path = f"{API}/inventory/US/DID?limit=50&offset={offset}"
            page = client.get(path, headers=headers)
            items = page.get_json()
            if page.status_code != 200 or not isinstance(items, list) or len(items) != 50:
                raise RuntimeError(f"{path} with {size} a region: {page.status_code}, "
                                   f"{items if not isinstance(items, list) else len(items)}")
            if items[0]["region"] != "US GA Atlanta 470":
                raise RuntimeError(f"{path}: page starts in {items[0]['region']}")
            key = f"size_{size}_offset_{offset}"
            cases[key] = {"size": size, "offset": offset, "first": items[0]["number_e164"]}
            calls[key] = (lambda c, p: lambda: c.get(p, headers=headers))(client, path)
    timed = per_request_us(calls, 3 * args.batches, max(100, args.batch_size // 10), warmup=50)
    out: dict[str, Any] = {key: {**cases[key], **timed[key]} for key in cases}
    medians = [case["median_us"] for case in out.values()]
    bests = [case["min_us"] for case in out.values()]
    out["max_over_min"] = max(medians) / min(medians)
    out["best_max_over_min"] = max(bests) / min(bests)
    return out


# -- every provider: cases.py, in-process and over HTTP ----------------------------------------

def selected_cases(args: argparse.Namespace) -> list:
    """The cases of cases.py named by ``--cases`` (all by default)."""
    wanted = args.cases.split(",") if args.cases else None
    return [case for case in cases.CASES if wanted is None or case.name in wanted]


def bench_cases(args: argparse.Namespace) -> dict:
    """Every case in-process, mock and bare batches interleaved (``cases.run_inprocess``)."""
    out = {}
    for case in selected_cases(args):
        gc.collect()
        out[case.name] = result = cases.run_inprocess(case, args.case_batches,
                                                      args.case_batch_size, warmup=20)
        print(f"  {case.name:<26} mock {result['mock']['median_us']:7.0f} us  bare "
              f"{result['bare']['median_us']:5.0f} us  {result['ratio']:5.2f}x", flush=True)
    return out


def write_requests(requests: list, path: Path) -> None:
    """The request file of wrk_cases.lua: method, path, body, then header names and values,
    tab-separated, a request a line (``WRK_MARKER``: bytes each answer must hold)."""
    with open(path, "w", encoding="utf-8") as out:
        for method, target, headers, body in requests:
            fields = [method, target, (body or b"").decode()]
            for name, value in headers.items():
                fields += [name, value]
            if any("\t" in f or "\n" in f for f in fields):
                raise ValueError(f"a tab or newline in a request of {target}")
            out.write("\t".join(fields) + "\n")


def bench_cases_http(args: argparse.Namespace, workdir: Path) -> dict:
    """Every case over HTTP with wrk: a fresh ``mockserver serve --quiet`` on core 0, the
    case's requests prepared on it over HTTP (a write: enough distinct requests for 5,000
    a second for the whole run), warm-up then measure; then the bare app serving the
    mock's first answer to the same request file."""
    script = HERE / "wrk_cases.lua"
    out = {}
    for case in selected_cases(args):
        wanted = 1 + int(5000 * (args.warmup + args.duration)) if case.kind == "write" else 1
        port = free_port()
        log = workdir / f"cases-{case.name}.log"
        proc = start(mock_command(port, quiet=True), log, cpu=0)
        try:
            wait_for_200(proc, port, "/_mock/health", {}, log)
            send = cases.http_send(port)
            requests = case.prepare(send, wanted)
            captured = cases.capture(send, requests[0], case.marker, requests)
            requests = requests[1:] if len(requests) > 1 else requests
            if captured["status"] != 200:
                raise RuntimeError(f"{case.name}: answered {captured['status']}; "
                                   "wrk_check.lua counts every status but 200")
            request_file = workdir / f"cases-{case.name}.tsv"
            write_requests(requests, request_file)
            env = dict(os.environ, WRK_REQUESTS=str(request_file),
                       WRK_MARKER=(case.marker or b"").decode())
            url = f"http://127.0.0.1:{port}"
            warm = run_wrk(url, None, script, args.warmup, args.connections, proc.pid, env)
            # the measured run starts past what the warm-up sent (and may have had in flight)
            measured_env = dict(env, WRK_SKIP=str(warm["requests"] + 2 * args.connections))
            mock = run_wrk(url, None, script, args.duration, args.connections, proc.pid,
                           measured_env)
        finally:
            stop(proc)
        case_file = workdir / f"cases-{case.name}.json"
        case_file.write_text(json.dumps({**captured, "body": base64.b64encode(
            captured["body"]).decode()}), encoding="utf-8")
        port = free_port()
        proc = start([PYTHON, str(HERE / "bare_app.py"), "--host", "127.0.0.1", "--port",
                      str(port), "--threads", "8", "--case", str(case_file)],
                     workdir / f"cases-{case.name}-bare.log", cpu=0)
        try:
            wait_for_200(proc, port, "/_ready", {}, workdir / f"cases-{case.name}-bare.log")
            url = f"http://127.0.0.1:{port}"
            run_wrk(url, None, script, args.warmup, args.connections, proc.pid, env)
            bare = run_wrk(url, None, script, args.duration, args.connections, proc.pid,
                           measured_env)
        finally:
            stop(proc)
        for result in (mock, bare):
            result.pop("wrk_output")
        out[case.name] = {"mock": mock, "bare": bare, "provider": case.provider,
                          "label": case.label, "kind": case.kind,
                          "ratio": mock["requests_per_s"] / bare["requests_per_s"],
                          "distinct_requests": len(requests)}
        print(f"  http {case.name:<26} mock {mock['requests_per_s']:6.0f} req/s  bare "
              f"{bare['requests_per_s']:6.0f} req/s  {out[case.name]['ratio']:.2f}  p99 "
              f"{mock['p99_ms']:.1f} / {bare['p99_ms']:.1f} ms", flush=True)
    return out


# -- machine and report ------------------------------------------------------------------------

def machine() -> dict:
    """CPU model, core count, Python and package versions, wrk version."""
    cpu = "unknown"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                cpu = line.split(":", 1)[1].strip()
    except OSError:
        pass
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return {"cpu_model": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(),
            "packages": {name: metadata.version(name) for name in
                         ("flask", "werkzeug", "waitress", "telco-mockserver")},
            "wrk": (wrk.stdout or wrk.stderr).splitlines()[0] if (wrk.stdout or wrk.stderr)
            else "unknown"}


def met(ok: bool) -> str:
    """A yes/no mark for the table."""
    return "yes" if ok else "**no**"


def table(results: dict) -> str:
    """The Markdown table of everything measured, bare ceiling beside each mock figure."""
    rows = ["| Measure | Mock | Bare Flask ceiling | Mock / bare | Target | Met |",
            "| --- | ---: | ---: | ---: | --- | --- |"]

    def row(*cells: str) -> None:
        """Add one table row."""
        rows.append("| " + " | ".join(cells) + " |")

    if "coldstart" in results:
        cs = results["coldstart"]
        bare = cs["bare"]
        for name, label in (("mock_quiet", "quiet"), ("mock_logging", "logging to file")):
            m = cs[name]
            row(f"Cold start, {label}: median (max) s", f"{m['median_s']:.3f} ({m['max_s']:.3f})",
                f"{bare['median_s']:.3f} ({bare['max_s']:.3f})",
                f"{m['median_s'] / bare['median_s']:.2f}", TARGETS["coldstart"],
                met(m["median_s"] < 0.5))
        if "mock_quiet_source" in cs:
            m = cs["mock_quiet_source"]
            row("Cold start, quiet, compiling the source each time: median (max) s",
                f"{m['median_s']:.3f} ({m['max_s']:.3f})",
                f"{bare['median_s']:.3f} ({bare['max_s']:.3f})",
                f"{m['median_s'] / bare['median_s']:.2f}", "(not judged)", "")
    if "http" in results:
        for case, label, key, floor in (("get_inventory", "GET inventory?limit=50", "http_get",
                                         0.6),
                                        ("post_order", "POST order", "http_post", 0.5)):
            c = results["http"][case]
            bare = c["bare"]
            for name, ratio_key, how in (("mock_quiet", "ratio_quiet", "quiet"),
                                         ("mock_logging", "ratio_logging", "logging")):
                m = c[name]
                row(f"HTTP {label}, {how}: req/s", f"{m['requests_per_s']:.0f}",
                    f"{bare['requests_per_s']:.0f}", f"{c[ratio_key]:.2f}", TARGETS[key],
                    met(c[ratio_key] >= floor))
                row(f"HTTP {label}, {how}: p50 / p99 ms",
                    f"{m['p50_ms']:.2f} / {m['p99_ms']:.2f}",
                    f"{bare['p50_ms']:.2f} / {bare['p99_ms']:.2f}",
                    f"{m['p50_ms'] / bare['p50_ms']:.2f} / {m['p99_ms'] / bare['p99_ms']:.2f}",
                    "", "")
    if "inprocess" in results:
        for case, label in (("get_inventory", "GET inventory?limit=50"),
                            ("post_order", "POST order")):
            c = results["inprocess"][case]
            row(f"In-process {label}: median (best) us/request",
                f"{c['mock']['median_us']:.0f} ({c['mock']['min_us']:.0f})",
                f"{c['bare']['median_us']:.0f} ({c['bare']['min_us']:.0f})",
                f"{c['ratio']:.2f} ({c['mock']['min_us'] / c['bare']['min_us']:.2f})",
                TARGETS["inprocess_get"] if case == "get_inventory" else "",
                met(c["ratio"] <= 1.5) if case == "get_inventory" else "")
    if "reset" in results:
        r = results["reset"]
        row("Tenant reset (control call, in-process): median / max ms",
            f"{r['reset']['median_ms']:.3f} / {r['reset']['max_ms']:.3f}",
            f"{r['test_client_floor']['median_ms']:.3f} (test-client floor)", "",
            TARGETS["reset"], met(r["reset"]["median_ms"] < 1.0))
        row("Tenant reset with 10,000 events pending elsewhere: median ms",
            f"{r['reset_with_10000_pending_events']['median_ms']:.3f}", "n/a", "", "", "")
        row("First request after reset (re-seeds): median ms",
            f"{r['reseed_first_request']['median_ms']:.3f}", "n/a", "",
            f"(seeded: {r['seeded_request']['median_ms']:.3f} ms)", "")
    if "memory" in results:
        m = results["memory"]
        row("RSS right after start, MB", f"{m['rss_start_mb']:.1f}",
            f"{m['bare_rss_start_mb']:.1f}", f"{m['rss_start_mb'] / m['bare_rss_start_mb']:.2f}",
            "", "")
        if m["rss_after_first_tenant_mb"] is not None:
            row("RSS after the first tenant, MB", f"{m['rss_after_first_tenant_mb']:.1f}",
                "n/a", "", f"(then {m['per_further_tenant_kb']:.0f} KB a tenant)", "")
        row(f"RSS after {m['tenants']} tenants (GET numbers + order each), MB",
            f"{m['rss_after_tenants_mb']:.1f}", "n/a", "", TARGETS["memory"],
            met(m["rss_after_tenants_mb"] < 150))
    if "paging" in results:
        p = results["paging"]
        for key, case in p.items():
            if isinstance(case, dict):
                row(f"Page cost, {case['size']:,} a region, offset {case['offset']:,}: "
                    f"median (best) us", f"{case['median_us']:.0f} ({case['min_us']:.0f})",
                    "n/a", "", "", "")
        row("Page cost, slowest / fastest case: median (best)",
            f"{p['max_over_min']:.2f} ({p['best_max_over_min']:.2f})", "n/a", "",
            TARGETS["paging"], met(p["best_max_over_min"] <= 1.25))
    return "\n".join(rows)


def case_tables(results: dict) -> str:
    """A Markdown table for each of the sections cases, cases_http and scale_*: case, mock,
    bare (or the small-state reference), ratio."""
    out = []
    if "cases" in results:
        out += ["", "In-process, us a request (median batch; best batch ratio beside it):", "",
                "| Case | Mock us | Bare us | Mock / bare | Best batches |",
                "| --- | ---: | ---: | ---: | ---: |"]
        for c in results["cases"].values():
            flag = " **>2x**" if c["ratio"] > 2 else ""
            out.append(f"| {c['provider']}: {c['label']} | {c['mock']['median_us']:.0f} | "
                       f"{c['bare']['median_us']:.0f} | {c['ratio']:.2f}{flag} | "
                       f"{c['best_ratio']:.2f} |")
    if "cases_http" in results:
        out += ["", "Over HTTP (wrk, server on core 0), requests/s and p99 ms:", "",
                "| Case | Mock req/s | Bare req/s | Mock / bare | p99 mock / bare ms |",
                "| --- | ---: | ---: | ---: | ---: |"]
        for c in results["cases_http"].values():
            out.append(f"| {c['provider']}: {c['label']} | {c['mock']['requests_per_s']:.0f} | "
                       f"{c['bare']['requests_per_s']:.0f} | {c['ratio']:.2f} | "
                       f"{c['mock']['p99_ms']:.1f} / {c['bare']['p99_ms']:.1f} |")
    scale_rows = {
        "scale_tenants": [("AVOXI inventory page", "avoxi_full", "avoxi_one"),
                          ("Avaya account view", "avaya_full", "avaya_one")],
        "scale_messages": [("List SMS, page 0", "big_page0", "small_page0"),
                           ("List SMS, deep page", None, "big_page0"),
                           ("Send SMS", "big_send", "small_send")],
        "scale_events": [("AVOXI inventory page", "request_full", "request_empty"),
                         ("Scheduling one more event", "schedule_full", "schedule_empty"),
                         ("Advancing the clock past one event", "advance_full",
                          "advance_empty")],
    }
    for section, rows in scale_rows.items():
        if section not in results:
            continue
        r = results[section]
        size = {"scale_tenants": f"{r.get('tenants_each', 0):,} tenants of each",
                "scale_messages": f"{r.get('messages', 0):,} SMS",
                "scale_events": f"{r.get('events', 0):,} events"}[section]
        out += ["", f"{section}: us (median batch), with {size} against a small state:", "",
                "| Case | Large state us | Small state us | Large / small |",
                "| --- | ---: | ---: | ---: |"]
        for label, big, small in rows:
            if big is None:
                big = f"big_page{r['deep_page']}"
                label = f"{label} {r['deep_page']:,} (against page 0)"
            out.append(f"| {label} | {r[big]['median_us']:.0f} | {r[small]['median_us']:.0f} "
                       f"| {r[big]['median_us'] / r[small]['median_us']:.2f} |")
        if section == "scale_messages" and "send_within_flood_window_us" in r:
            w = r["send_within_flood_window_us"]
            out.append(f"\nSend SMS while all {r['messages']:,} are within the last minute "
                       f"(the flood check's window): {w['big'] / 1000:.1f} ms, against "
                       f"{w['small'] / 1000:.2f} ms with 100.")
        if section == "scale_tenants":
            out.append(f"\nRSS grew {r['rss_growth_mb']:.1f} MB for {2 * r['tenants_each']:,} "
                       f"tenants ({r['rss_per_tenant_kb']:.1f} KB a tenant); seeding them took "
                       f"{r['seeding_s']:.1f} s.")
    return "\n".join(out)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--duration", type=float, default=10, help="wrk seconds per case (10)")
    cli.add_argument("--warmup", type=float, default=2, help="wrk warm-up seconds (2)")
    cli.add_argument("--connections", type=int, default=16, help="wrk connections (16)")
    cli.add_argument("--rounds", type=int, default=1, help="wrk runs of each case, servers "
                     "taking turns; the median round is reported (1)")
    cli.add_argument("--runs", type=int, default=10, help="cold starts per server (10)")
    cli.add_argument("--batches", type=int, default=15, help="in-process batches (15)")
    cli.add_argument("--batch-size", type=int, default=2000, help="requests a batch (2000)")
    cli.add_argument("--resets", type=int, default=1000, help="tenant resets timed (1000)")
    cli.add_argument("--tenants", type=int, default=100, help="tenants for memory (100)")
    cli.add_argument("--sections", default=",".join(SECTIONS),
                     help=f"comma-separated subset of {','.join(SECTIONS)}")
    cli.add_argument("--cases", default="", help="comma-separated names of cases.py's "
                     "cases for cases and cases_http (all)")
    cli.add_argument("--case-batches", type=int, default=11,
                     help="in-process batches of each case and scale measure (11)")
    cli.add_argument("--case-batch-size", type=int, default=200,
                     help="requests a batch for cases and scale sections (200)")
    cli.add_argument("--scale-tenants", type=int, default=10_000,
                     help="AVOXI and Avaya tenants each for scale_tenants (10,000)")
    cli.add_argument("--scale-messages", type=int, default=100_000,
                     help="SMS in one Avaya account for scale_messages (100,000)")
    cli.add_argument("--scale-events", type=int, default=100_000,
                     help="pending events for scale_events (100,000)")
    cli.add_argument("--quick", action="store_true", help="a short run: "
                     + ", ".join(f"{k.replace('_', '-')} {v}" for k, v in QUICK.items()))
    cli.add_argument("--output", default=str(HERE / "results.json"))
    args = cli.parse_args(argv)
    if args.quick:
        for name, value in QUICK.items():
            setattr(args, name, value)
    args.sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        cli.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the chosen sections, write the results file, print the table."""
    args = parse_args(argv)
    for tool in ("wrk", "taskset"):
        if {"http", "cases_http"} & set(args.sections) and shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (apt-get install -y wrk util-linux)")
    results: dict[str, Any] = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": {k: v for k, v in vars(args).items() if k != "output"},
    }
    captured = bare_app.capture_responses()
    with tempfile.TemporaryDirectory(prefix="mockserver-bench-") as tmp:
        workdir = Path(tmp)
        captured_file = workdir / "captured.json"
        bare_app.save_captured(captured, captured_file)
        steps = {
            "coldstart": lambda: bench_cold_start(args, captured_file, workdir),
            "http": lambda: bench_http(args, captured_file, workdir),
            "inprocess": lambda: bench_inprocess(args, captured),
            "reset": lambda: bench_reset(args),
            "memory": lambda: bench_memory(args, captured_file, workdir),
            "paging": lambda: bench_paging(args),
            "cases": lambda: bench_cases(args),
            "cases_http": lambda: bench_cases_http(args, workdir),
            "scale_tenants": lambda: scale.run("scale_tenants", args),
            "scale_messages": lambda: scale.run("scale_messages", args),
            "scale_events": lambda: scale.run("scale_events", args),
        }
        for name in args.sections:
            print(f"{name} ...", flush=True)
            started = time.perf_counter()
            gc.collect()
            results[name] = steps[name]()
            print(f"{name} done in {time.perf_counter() - started:.1f} s", flush=True)
    Path(args.output).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print()
    print(f"{results['date']} on {results['machine']['cpu_model']}, "
          f"{results['machine']['cores']} cores, Python {results['machine']['python']}")
    print(table(results))
    print(case_tables(results))
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
