"""Property-based fuzzing of every route of every provider, from the app's route table.

Properties, for every reply to a hostile request:
- never a 5xx;
- inside the provider's documented envelope and content type (``fuzzkit.check_*``);
- a refused request changes no tenant's state and schedules nothing (clock frozen).
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import pytest
from hypothesis import given, strategies as st

from mockserver.app import create_app

from fuzzkit import (FIGURES, KITS, OVERSIZE, PROBLEMS, TALLY, deep_json, METHODS, Sent, fill, forget_new_tenants, hostile_request,
                     mangled_request,
                     mounted_slugs, provider_rules, send, simple_value, snapshot,
                     state_changes)

SLUGS = mounted_slugs(create_app())


def is_5xx(problem: str) -> bool:
    """A problem that is a 5xx reply."""
    return problem.startswith("5xx")


def is_state(problem: str) -> bool:
    """A problem that is a change of state."""
    return problem.startswith(("tenant", "scheduled"))


def is_envelope(problem: str) -> bool:
    """A problem with the reply's envelope, type or status class (not a 5xx)."""
    return not is_5xx(problem) and not is_state(problem)


def assert_properties(problems: list[str]) -> None:
    """Each property on its own line, so that Hypothesis reports (and shrinks) each kind
    of failure separately instead of the easiest one only."""
    if TALLY:
        return
    assert not [p for p in problems if is_5xx(p)], problems
    assert not [p for p in problems if is_envelope(p)], problems
    assert not [p for p in problems if is_state(p)], problems


def reseed(app, kit) -> None:
    """Start the provider's tenants afresh: what a refusal may add by design (Avaya's
    Notifications) would otherwise grow every snapshot, and the run with it."""
    store = app.extensions["mockserver"].state.stores.get(kit.slug)
    if store is not None:
        store.reset()
        for tenant in kit.own.values():
            store.tenant(tenant)


def exercise(app, kit, sent: Sent) -> list[str]:
    """Send one request; return every property it breaks (and count it)."""
    before = snapshot(app, kit)
    reply = send(app.test_client(), sent)
    problems = kit.check(sent, reply)
    refused = kit.refused(reply)
    if refused:
        problems += state_changes(before, snapshot(app, kit))
    forget_new_tenants(app, kit, before)
    figures = FIGURES[kit.slug]
    figures["requests"] += 1
    if kit.volatile and figures["requests"] % 100 == 0:
        reseed(app, kit)
    figures["refused"] += refused
    figures["5xx"] += any(map(is_5xx, problems))
    figures["envelope"] += any(map(is_envelope, problems))
    figures["state"] += any(map(is_state, problems))
    for problem in problems:
        kind = re.sub(r"\d{3}", "Nxx", re.split(r"[:(]| to ", problem)[0])
        if problem.startswith("5xx"):
            kind += " " + re.sub(r"\d+", "N", problem[5:60])
        mangled = "//" in sent.path or sent.path.endswith("/")
        key = f"{kind} ({'mangled path' if mangled else 'path as routed'})"
        example = repr(sent)
        if len(example) < len(PROBLEMS[kit.slug].get(key, example + "x")):
            PROBLEMS[kit.slug][key] = f"{example[:300]} -> {problem[:200]}"
    return problems


def test_every_mounted_provider_has_a_kit():
    """A provider added later must say how its credentials and errors look."""
    assert set(SLUGS) <= set(KITS), f"add a fuzzkit.Kit for {sorted(set(SLUGS) - set(KITS))}"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_route_and_method(fuzz_app, slug):
    """Every rule, every method, with the valid and each broken credential: the properties
    hold (the deterministic floor under the random search)."""
    kit = KITS[slug]
    failures = []
    for rule in provider_rules(fuzz_app, slug):
        path = fill(rule, kit, lambda conv, args, name: simple_value(conv, args, name, kit))
        for method in METHODS:
            for headers in [kit.valid] + kit.broken:
                sent = Sent(method, path, "", dict(headers), b"", None)
                failures += [f"{sent!r}: {p}" for p in exercise(fuzz_app, kit, sent)]
    assert TALLY or not failures, "\n".join(failures[:20])


def probes(kit) -> list[tuple[str, bytes, str | None, str]]:
    """The hostile inputs that have broken the mock before, as (path variable value, body,
    content type, query): every route gets each of them."""
    deep = deep_json(5_000, "array").encode()
    echo = {name: "a\udfffb" for name in kit.fields}
    controls = {name: "a\udfffb\r\nc\x00" for name in kit.fields}
    return [
        ("%0D%0A", b"", None, ""),                                      # CRLF in a segment
        ("a%ED%BF%BFb", b"", None, ""),                                 # a lone surrogate
        ("", deep, "application/json", ""),                             # 5,000 nested arrays
        ("", b"params=" + deep, "application/x-www-form-urlencoded", ""),
        ("", json.dumps(echo).encode(), "application/json", ""),        # echoed surrogate
        ("", json.dumps(controls).encode(), "application/json", ""),
        *[("", json.dumps({name: "a\udfffb"}).encode(), "application/json", "")
          for name in kit.fields[:2]],                                  # one field alone
        ("", urlencode([(k, "a\r\nb") for k in kit.fields]).encode(),
         "application/x-www-form-urlencoded", ""),                      # CRLF in fields
        ("", b"", None, urlencode([("a\r\nb", "1"), ("Page", "-1"), ("PageSize", "1e309"),
                                   ("limit", "NaN"), ("page", str(2 ** 64))])),
        ("", b"x" * OVERSIZE, "text/plain", ""),                        # over the body limit
    ]


@pytest.mark.parametrize("slug", SLUGS)
def test_known_hostile_inputs(fuzz_app, slug):
    """Every route, with each of its methods and the valid credential, survives each probe
    (the inputs of issue 11's defects, deterministically, whatever the random search
    draws)."""
    kit = KITS[slug]
    failures = []
    for rule in provider_rules(fuzz_app, slug):
        for segment, body, content_type, query in probes(kit):
            path = fill(rule, kit, lambda conv, args, name: (
                segment if segment and name not in kit.own and conv not in ("fmt", "any")
                else simple_value(conv, args, name, kit)))
            methods = sorted(rule.methods - ({"HEAD", "OPTIONS"} if body else set()))
            for method in methods if len(body) < OVERSIZE else methods[:1]:
                sent = Sent(method, path, query, dict(kit.valid), body, content_type)
                failures += [f"{sent!r}: {p}" for p in exercise(fuzz_app, kit, sent)]
    assert TALLY or not failures, "\n".join(failures[:20])


@pytest.mark.parametrize("slug", SLUGS)
@given(data=st.data())
def test_hostile_requests(fuzz_app, slug, data):
    """Any hostile request to any route of the provider keeps the properties."""
    kit = KITS[slug]
    sent = data.draw(hostile_request(provider_rules(fuzz_app, slug), kit), label="request")
    assert_properties(exercise(fuzz_app, kit, sent))


@pytest.mark.parametrize("slug", SLUGS)
@given(data=st.data())
def test_mangled_paths(fuzz_app, slug, data):
    """A route's path with a trailing slash, doubled slashes or a dot segment is answered
    by the provider (no redirect, no HTML), in its envelope."""
    kit = KITS[slug]
    sent = data.draw(mangled_request(provider_rules(fuzz_app, slug), kit), label="request")
    assert_properties(exercise(fuzz_app, kit, sent))
