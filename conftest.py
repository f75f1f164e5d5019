"""Settings for the whole test run (tests/ and contract_tests/), and what it prints at the
end (the fuzz figures, added up over pytest-xdist's workers).

The suite builds thousands of apps, each with its own state: with the interpreter's default
collection thresholds, the cyclic garbage collector ran its full passes over everything ever
loaded again and again, half the suite's time. What exists when the session starts (modules,
fixtures) is frozen out of the collector, and young objects are collected in larger batches.
Nothing about what a test checks changes.

Callback and document URLs in the seeds' examples name placeholder hosts (example.com,
example.tld). Deliveries to them really go out, and on a machine without a network the
resolver took its full 5 s timeout to say so, while the next clock advance waited for the
delivery. Those names are answered "not known" at once in the test process: the answer the
resolver gives in the end, without the wait.
"""
from __future__ import annotations

import gc
import json
import socket

import pytest


#: documentation-only names (RFC 2606, RFC 6761) and the seeds' own placeholder TLD
PLACEHOLDER_DOMAINS = ("example", "example.com", "example.net", "example.org", "test",
                       "invalid", "tld")


def is_placeholder_host(host: object) -> bool:
    """True for a name under one of the placeholder domains (never an address or localhost)."""
    if not isinstance(host, str):
        host = host.decode("ascii", "replace") if isinstance(host, bytes) else ""
    name = host.rstrip(".").lower()
    return any(name == d or name.endswith("." + d) for d in PLACEHOLDER_DOMAINS)


_real_getaddrinfo = socket.getaddrinfo


def _getaddrinfo(host, *args, **kwargs):
    """socket.getaddrinfo, answering placeholder names as unknown without asking the resolver."""
    if is_placeholder_host(host):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return _real_getaddrinfo(host, *args, **kwargs)


def pytest_sessionstart(session) -> None:
    """Freeze what is loaded; collect less often; placeholder hosts fail fast."""
    socket.getaddrinfo = _getaddrinfo
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


def pytest_configure(config) -> None:
    """Where the fuzz suite's figures (tests/fuzz/conftest.py) are added up."""
    config.fuzz_figures = None


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """Under pytest-xdist: add a worker's fuzz figures to the run's."""
    raw = getattr(node, "workeroutput", {}).get("fuzz_figures")
    if raw is None:
        return
    theirs = json.loads(raw)
    ours = node.config.fuzz_figures
    if ours is None:
        node.config.fuzz_figures = theirs
        return
    for slug, counts in theirs["figures"].items():
        mine = ours["figures"].setdefault(slug, {})
        for key, value in counts.items():
            mine[key] = mine.get(key, 0) + value
    for slug, found in theirs["problems"].items():
        for problem, example in found.items():
            ours["problems"].setdefault(slug, {}).setdefault(problem, example)


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the fuzz suite's figures per provider, for docs/reliability.md."""
    run = terminalreporter.config.fuzz_figures
    if not run or not run["figures"]:
        return
    write = terminalreporter.write_line
    write("")
    write(f"fuzz figures (profile {run['profile']}):")
    write("| provider | requests sent | refused | 5xx | envelope violations | state changes |")
    write("|---|---|---|---|---|---|")
    for slug, counts in sorted(run["figures"].items()):
        write(f"| {slug} | {counts.get('requests', 0)} | {counts.get('refused', 0)} | "
              f"{counts.get('5xx', 0)} | {counts.get('envelope', 0)} | {counts.get('state', 0)} |")
    for slug, problems in sorted(run["problems"].items()):
        for problem, example in problems.items():
            write(f"  {slug}: {problem}\n      e.g. {example}")
