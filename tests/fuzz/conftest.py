"""Hypothesis profiles of the fuzz suite, the app it fuzzes, and the figures it reports.

- ``ci`` (the default here): bounded so the whole fuzz run takes about a minute on a
  2-core machine; derandomized, so CI sees the same examples every run.
- ``long``: 10,000 examples per provider, random (``pytest tests/fuzz --hypothesis-profile
  long``; give ``tests/fuzz`` on the command line so these profiles exist when Hypothesis
  reads the option).

``FUZZ_TALLY=1`` records failures instead of raising them, so a long run counts every
5xx, envelope violation and state change rather than stopping (and shrinking) at the first;
the figures are printed at the end of the run either way.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from mockserver.app import create_app

from fuzzkit import FIGURES, KITS, PROBLEMS, Sent, mounted_slugs, provider_rules, send

SLOW_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
               HealthCheck.large_base_example]
settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True,
                          database=None, suppress_health_check=SLOW_CHECKS, print_blob=True)
settings.register_profile("long", max_examples=10_000, deadline=None, database=None,
                          suppress_health_check=SLOW_CHECKS, print_blob=True)
if settings.get_current_profile_name() == "default":
    settings.load_profile("ci")

FROZEN_AT = "2030-01-01T09:00:00Z"


@pytest.fixture(scope="module")
def fuzz_app():
    """One app for a module, its clock frozen so time cannot change state, and every
    provider's own tenant seeded before the first snapshot."""
    app = create_app()
    app.extensions["mockserver"].clock.freeze(FROZEN_AT)
    client = app.test_client()
    for slug in mounted_slugs(app):
        kit = KITS.get(slug)
        if kit is None:
            continue
        for rule in provider_rules(app, slug):
            if "GET" in rule.methods and "<" not in rule.rule:
                send(client, Sent("GET", rule.rule, "", dict(kit.valid), b"", None))
        store = app.extensions["mockserver"].state.stores.get(slug)
        if store is not None and kit.own:
            store.tenant(next(iter(kit.own.values())))
    return app


def pytest_terminal_summary(terminalreporter):
    """Print the run's figures per provider, for docs/reliability.md."""
    if not FIGURES:
        return
    write = terminalreporter.write_line
    write("")
    write(f"fuzz figures (profile {settings.get_current_profile_name()}):")
    write("| provider | requests sent | refused | 5xx | envelope violations | state changes |")
    write("|---|---|---|---|---|---|")
    for slug, figures in sorted(FIGURES.items()):
        write(f"| {slug} | {figures['requests']} | {figures['refused']} | {figures['5xx']} | "
              f"{figures['envelope']} | {figures['state']} |")
    for slug, problems in sorted(PROBLEMS.items()):
        for problem, example in problems.items():
            write(f"  {slug}: {problem}\n      e.g. {example}")
