"""GET and PUT /extension/{extension} (seed 000, EXTENSIONS): PUT replaces every rule."""
from __future__ import annotations

import copy
import os

import pytest

from .helpers import assert_error

EXTENSION = os.environ.get("AVOXI_EXTENSION", "4242")
RULE = {
    "target_id": "abcd1c35-81b6-3333-2222-1ecaf4912345",
    "name": "My Forwarding Rule",
    "priority": 5000,
    "disabled": True,
    "activations": [{"start": 1622851200, "stop": 1622851700,
                     "days": ["M", "Tu", "W", "Th", "F"], "start_time": "07:30",
                     "stop_time": "15:45", "time_zone": "America/New_York"}],
    "action": {"type": "Dial", "destination": "+12604379623", "timeout_sec": 60,
               "caller_id": "Show Caller's Number", "tags": {}},
}


def current(avoxi) -> dict:
    reply = avoxi.get(f"/extension/{EXTENSION}")
    assert reply.status_code == 200, reply.text
    data = reply.json()["data"]
    assert len(data) == 1
    return data[0]


def body_for(extension: dict, *rules: dict, name: str | None = None) -> dict:
    return {"extension": {"number_id": extension["number_id"],
                          "organization_id": extension["organization_id"],
                          "number": extension["number"], "name": name or extension["name"],
                          "rules": list(rules)}}


def test_get_has_the_documented_shape(avoxi):
    ext = current(avoxi)
    assert list(ext) == ["number_id", "organization_id", "number", "name", "rules"]
    assert ext["number"] == EXTENSION
    assert all(isinstance(ext[k], str) for k in ("number_id", "organization_id", "name"))


def test_put_replaces_all_rules_and_name(avoxi):
    ext = current(avoxi)
    second = {**copy.deepcopy(RULE), "name": "Night", "priority": 10, "disabled": False,
              "action": {"type": "Voicemail", "tags": {"k": "v"}}}
    second.pop("target_id")
    reply = avoxi.put(f"/extension/{EXTENSION}", json=body_for(ext, RULE, second, name="Desk"))
    assert reply.status_code == 200, reply.text
    saved = reply.json()["data"][0]
    assert saved["name"] == "Desk"
    assert [r["name"] for r in saved["rules"]] == ["My Forwarding Rule", "Night"]
    assert saved["rules"][0] == RULE
    assert saved["rules"][1]["target_id"]                  # assigned by the server
    assert saved["rules"][1]["action"] == {"type": "Voicemail", "tags": {"k": "v"}}
    assert current(avoxi) == saved
    only = {**copy.deepcopy(RULE), "name": "Only"}
    again = avoxi.put(f"/extension/{EXTENSION}", json=body_for(ext, only)).json()["data"][0]
    assert [r["name"] for r in again["rules"]] == ["Only"]
    cleared = avoxi.put(f"/extension/{EXTENSION}", json=body_for(ext)).json()["data"][0]
    assert cleared["rules"] == []


def test_put_accepts_the_documented_sample_body(avoxi):
    ext = current(avoxi)
    sample = body_for(ext, RULE)
    sample["extension"]["country_code"] = "US"          # the sample carries read-only fields
    sample["extension"]["local_format"] = "7709379735"
    assert avoxi.put(f"/extension/{EXTENSION}", json=sample).status_code == 200


def _rule(**changes):
    rule = copy.deepcopy(RULE)
    for key, value in changes.items():
        target, _, leaf = key.partition("__")
        if leaf:
            holder = rule[target][0] if target == "activations" else rule[target]
            if value is ...:
                holder.pop(leaf)
            else:
                holder[leaf] = value
        elif value is ...:
            rule.pop(key)
        else:
            rule[key] = value
    return rule


@pytest.mark.parametrize("rule, field", [
    (_rule(name=...), "name"),
    (_rule(priority=...), "priority"),
    (_rule(priority="high"), "priority"),
    (_rule(priority=1.5), "priority"),
    (_rule(disabled="yes"), "disabled"),
    (_rule(disabled=...), "disabled"),
    (_rule(activations__start=...), "start"),
    (_rule(activations__stop=1), "stop"),
    (_rule(activations__days=["Mon"]), "days"),
    (_rule(activations__start_time="25:00"), "start_time"),
    (_rule(activations__stop_time="7:30"), "stop_time"),
    (_rule(activations__time_zone="Mars/Olympus_Mons"), "time_zone"),
    (_rule(activations__time_zone=...), "time_zone"),
    (_rule(action__type="Teleport"), "type"),
    (_rule(action__destination=...), "destination"),
    (_rule(action__destination="12345"), "destination"),
    (_rule(action__timeout_sec="60"), "timeout_sec"),
    (_rule(action__caller_id="Anonymous"), "caller_id"),
    (_rule(action={"type": "Hangup", "destination": "+12604379623", "tags": {}}), "destination"),
])
def test_invalid_rule_is_400_and_changes_nothing(avoxi, rule, field):
    before = current(avoxi)
    body = assert_error(avoxi.put(f"/extension/{EXTENSION}", json=body_for(before, rule)), 400)
    assert field in body["error"]["details"], body
    assert current(avoxi) == before


@pytest.mark.parametrize("change, field", [
    ({"number": "9999"}, "number"),
    ({"number_id": "not-this-extension"}, "number_id"),
    ({"name": ...}, "name"),
    ({"number_id": ...}, "number_id"),
    ({"rules": "none"}, "rules"),
])
def test_invalid_extension_object_is_400(avoxi, change, field):
    before = current(avoxi)
    body = body_for(before, RULE)
    for key, value in change.items():
        if value is ...:
            body["extension"].pop(key)
        else:
            body["extension"][key] = value
    reply = assert_error(avoxi.put(f"/extension/{EXTENSION}", json=body), 400)
    assert field in reply["error"]["details"]
    assert current(avoxi) == before


@pytest.mark.parametrize("raw", ['{"extension": ', "[]", '{"rules": []}'])
def test_malformed_body_is_400(avoxi, raw):
    before = current(avoxi)
    assert_error(avoxi.put(f"/extension/{EXTENSION}", data=raw,
                           headers={"Content-Type": "application/json"}), 400)
    assert current(avoxi) == before


def test_unknown_extension_is_404(avoxi):
    assert_error(avoxi.get("/extension/987654"), 404)
    ext = current(avoxi)
    body = body_for(ext, RULE)
    body["extension"]["number"] = "987654"
    assert_error(avoxi.put("/extension/987654", json=body), 404)


def test_malformed_extension_is_400(avoxi):
    assert_error(avoxi.get("/extension/front-desk"), 400)


def test_put_without_a_token_is_401_and_changes_nothing(avoxi):
    before = current(avoxi)
    reply = avoxi.put(f"/extension/{EXTENSION}", json=body_for(before, name="Intruder"),
                      replace_headers=True)
    assert_error(reply, 401)
    assert current(avoxi) == before
