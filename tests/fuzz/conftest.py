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

import json

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


def pytest_sessionfinish(session) -> None:
    """Leave the run's figures where the root conftest prints them (at the end of the run,
    added up over pytest-xdist's workers). A process that sent nothing (the xdist
    controller) leaves the figures its workers sent alone."""
    if not FIGURES:
        return
    figures = {slug: dict(counts) for slug, counts in FIGURES.items()}
    problems = {slug: dict(found) for slug, found in PROBLEMS.items()}
    session.config.fuzz_figures = {"profile": settings.get_current_profile_name(),
                                   "figures": figures, "problems": problems}
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["fuzz_figures"] = json.dumps(session.config.fuzz_figures)
