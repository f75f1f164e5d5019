"""Issue 12's "Done when": any documented endpoint of any provider can be made to fail with
that provider's own error body, or drop the connection, and the request changes nothing.
Every route of the app's table, every method it takes, with the ``X-Mock-Fault`` header."""
from __future__ import annotations

import pytest

from mockserver.app import create_app
from mockserver.core.faults import DroppedConnection

from fuzzkit import KITS, Sent, fill, mounted_slugs, provider_rules, send, simple_value, \
    snapshot, state_changes

APP = create_app()
CASES = [(slug, rule.rule, method) for slug in mounted_slugs(APP)
         for rule in provider_rules(APP, slug)
         for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]


def request_for(slug: str, rule_text: str, method: str, fault: str) -> Sent:
    kit = KITS[slug]
    rule = next(r for r in provider_rules(APP, slug) if r.rule == rule_text)
    path = fill(rule, kit, lambda conv, args, name: simple_value(conv, args, name, kit))
    return Sent(method, path, "", {**kit.valid, "X-Mock-Fault": fault}, b"", None)


@pytest.mark.parametrize("slug, rule, method", CASES)
def test_every_route_fails_in_its_envelope_and_changes_nothing(slug, rule, method):
    app = create_app()
    client = app.test_client()
    kit = KITS[slug]
    before = snapshot(app, kit)
    sent = request_for(slug, rule, method, "status=429")      # the kit's checks: any 5xx is
    reply = send(client, sent)                                # a bug, so the envelope is
    assert reply.status_code == 429, reply.get_data()[:300]   # checked on a 4xx
    assert kit.check(sent, reply) == []
    unavailable = send(client, request_for(slug, rule, method, "status=503"))
    assert unavailable.status_code == 503 and unavailable.mimetype == reply.mimetype
    assert state_changes(before, snapshot(app, kit)) == []
    with pytest.raises(DroppedConnection):
        send(client, request_for(slug, rule, method, "fault=empty_response"))
    assert state_changes(before, snapshot(app, kit)) == []
