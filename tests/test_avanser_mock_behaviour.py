"""AVANSER behaviour only the mock can show: auth modes, fixture users and their accounts,
tenant isolation, host routing, the mock clock in @transaction, state export and import
(a template used by a service, numbers held), fixtures a user overrides, and 500s."""
from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockserver import create_app
from mockserver.providers.avanser.errors import EXTENSION_KEY

pytestmark = pytest.mark.mock_only
API = "/avanser/v1"


def basic(user: str, password: str = "x") -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


A, B = basic("tenant-a"), basic("tenant-b")


def templates(client, headers) -> list[dict]:
    return client.get(f"{API}/templates", headers=headers).json["response"]


def test_strict_mode_accepts_only_fixture_users_with_their_password():
    client = create_app({"AUTH_MODE": "strict"}).test_client()
    ok = client.get(f"{API}/accounts", headers=basic("tapi-demo", "tapi-demo-password"))
    assert ok.status_code == 200 and ok.json["@transaction"]["account-id"] == 6999
    for headers in (basic("tapi-demo", "wrong"), A):
        refused = client.get(f"{API}/accounts", headers=headers)
        assert refused.status_code == 401
        assert refused.json["@transaction"]["account-id"] is None
        assert refused.json["errors"]["description"] == "invalid username or password"


def test_lenient_mode_still_checks_a_fixture_users_password(mock_client):
    assert mock_client.get(f"{API}/accounts", headers=basic("tapi-demo", "nope")).status_code == 401
    assert mock_client.get(f"{API}/accounts", headers=basic("anyone", "")).status_code == 200


def test_a_user_reaches_only_its_accounts(mock_client):
    single = basic("tapi-single", "tapi-single-password")
    listed = mock_client.get(f"{API}/accounts", headers=single).json
    assert listed["response"] == [{"account-id": 7001, "account": "Harbour City Plumbing"}]
    assert listed["@transaction"]["account-id"] == 7001
    refused = mock_client.post(f"{API}/accounts?account-id=6999", headers=single)
    assert refused.status_code == 400 and refused.json["errors"] == {"account-id": "invalid account"}
    billing = mock_client.get(f"{API}/accounts?type=billing", headers=basic(
        "tapi-demo", "tapi-demo-password")).json["response"]
    assert [a["account-id"] for a in billing] == [6999, 7001, 7003]


def test_tenants_never_see_each_others_templates_or_selection(mock_client):
    before = templates(mock_client, B)
    reply = mock_client.post(f"{API}/templates?name=only_a&country=AU", data="x",
                             content_type="text/html", headers=A)
    assert reply.status_code == 200
    assert mock_client.post(f"{API}/accounts?account-id=7002", headers=A).status_code == 200
    assert templates(mock_client, B) == before
    assert mock_client.get(f"{API}/accounts", headers=B).json["@transaction"]["account-id"] == 6999


def test_real_hostname_serves_the_documented_paths(mock_client):
    host = {"Host": "tapi-sandbox.avanser.com"}
    reply = mock_client.get("/v1/accounts/details", headers={**A, **host})
    assert reply.status_code == 200
    assert reply.json["@transaction"]["request"]["path"] == "/accounts/details"
    missing = mock_client.get("/v1/nothing", headers={**A, **host})
    assert missing.status_code == 404
    assert missing.json["errors"]["description"] == "GET /nothing is not an endpoint"
    assert mock_client.get("/v1/accounts", headers=A).status_code == 404


@pytest.mark.parametrize("instant,shown", [
    ("2030-01-15T00:00:00Z", "2030-01-15T11:00:00+11:00"),     # Sydney daylight time
    ("2030-07-01T06:13:38Z", "2030-07-01T16:13:38+10:00"),
])
def test_transaction_time_is_the_mock_clock_in_sydney_time(mock_client, mock_clock, instant,
                                                             shown):
    mock_clock.freeze(instant)
    assert mock_client.get(f"{API}/accounts", headers=A).json["@transaction"]["time"] == shown
    assert mock_client.get(f"{API}/nope", headers=A).json["@transaction"]["time"] == shown


def test_transaction_ids_are_stable_for_the_same_seed():
    def ids(seed):
        client = create_app({"SEED": seed}).test_client()
        return [client.get(f"{API}/accounts", headers=A).json["@transaction"]["id"]
                for _ in range(3)]
    assert ids(1) == ids(1) != ids(2)
    assert len(set(ids(1))) == 3


def _state(client) -> dict:
    return client.get("/_mock/state").json


def _put_state(client, state) -> None:
    reply = client.put("/_mock/state", json=state)
    assert reply.status_code == 200, reply.json


def test_a_template_used_by_a_service_cannot_be_deleted(mock_client):
    mock_client.get(f"{API}/accounts", headers=A)                  # seed the tenant
    state = _state(mock_client)
    tenant = state["providers"]["avanser"]["tenants"]["tenant-a"]
    tenant["services"]["6999"]["61290081596"] = {
        "name": "Tracking Service 1", "service_number": "61290081596",
        "service": {"type": "voicemail", "call_reporting": {
            "report": "missed", "email": {"subject": "call", "email_to": ["a@b.c"],
                                          "template": "html_email_template"}}}}
    tenant["services"]["6999"]["61390000000"] = {
        "name": "Prompt", "service_number": "61390000000", "service": {"type": "prompt"},
        "call_reporting": {"report": "missed", "sms": {"mobile": "61420123123",
                                                       "template": "text_sms_template"}}}
    _put_state(mock_client, {"version": 1, "providers": {"avanser": state["providers"]["avanser"]}})
    before = templates(mock_client, A)
    for name in ("html_email_template", "text_sms_template"):
        reply = mock_client.delete(f"{API}/templates?name={name}&country=AU", headers=A)
        assert reply.status_code == 400
        assert reply.json["error"] == {"message": "Template is in use", "code": 400}
        assert set(reply.json["errors"]) == {"name"}
    assert templates(mock_client, A) == before
    # the same names in another account are not in use there
    assert mock_client.post(f"{API}/accounts?account-id=7001", headers=A).status_code == 200
    assert mock_client.delete(f"{API}/templates?name=html_email_template&country=AU",
                              headers=A).status_code == 200


def test_held_numbers_are_not_offered(mock_app, mock_client):
    found = mock_client.get(f"{API}/numbers?szu=sydney", headers=A).json["response"]
    first = sorted(found)[0]
    backend = mock_app.extensions[EXTENSION_KEY]
    available = backend.inventory.locate(first)
    state = _state(mock_client)
    state["providers"]["avanser"]["tenants"]["tenant-a"]["held"] = {
        available.block.id: [available.index]}
    _put_state(mock_client, {"version": 1, "providers": {"avanser": state["providers"]["avanser"]}})
    again = mock_client.get(f"{API}/numbers?szu=sydney", headers=A).json["response"]
    assert first not in again and len(again) == len(found)
    exact = mock_client.get(f"{API}/numbers?country=AU&number={first}", headers=A).json
    assert first not in exact["response"]           # the next attempt, one digit fewer
    assert first in mock_client.get(f"{API}/numbers?szu=sydney", headers=B).json["response"]


def test_state_round_trips(mock_client):
    mock_client.post(f"{API}/templates?name=kept&country=NZ&type=sms", data="hi __ani__",
                     content_type="text/html", headers=A)
    mock_client.post(f"{API}/accounts?account-id=7001", headers=A)
    exported = _state(mock_client)["providers"]
    _put_state(mock_client, {"version": 1, "providers": exported})
    assert _state(mock_client)["providers"] == exported
    assert mock_client.get(f"{API}/accounts", headers=A).json["@transaction"]["account-id"] == 7001


@pytest.mark.parametrize("bad", [{"selected": "6999"}, {"templates": []}, {"nope": 1}])
def test_invalid_state_is_refused_and_changes_nothing(mock_client, bad):
    mock_client.get(f"{API}/accounts", headers=A)
    before = _state(mock_client)["providers"]["avanser"]
    tenant = {**before["tenants"]["tenant-a"], **bad}
    reply = mock_client.put("/_mock/state", json={"version": 1, "providers": {"avanser": {
        "tenants": {"tenant-a": tenant}}}})
    assert reply.status_code == 400
    assert _state(mock_client)["providers"]["avanser"] == before


def test_search_limit_and_stock_follow_the_config():
    client = create_app({"AVANSER_SEARCH_LIMIT": 3, "AVANSER_STOCK_PER_SZU": 5}).test_client()
    assert len(client.get(f"{API}/numbers?szu=hobart", headers=A).json["response"]) == 3
    wide = client.get(f"{API}/numbers?country=AU&location=Hobart&radius=50",
                      headers=A).json["response"]
    assert len(wide) == 3


def test_user_fixtures_override_the_packaged_ones(tmp_path: Path):
    folder = tmp_path / "avanser"
    folder.mkdir()
    (folder / "users.json").write_text(json.dumps([
        {"username": "own", "password": "pw", "accounts": [7002]}]))
    client = create_app({"FIXTURES_DIR": str(tmp_path), "AUTH_MODE": "strict"}).test_client()
    reply = client.get(f"{API}/accounts/details", headers=basic("own", "pw"))
    assert reply.status_code == 200 and reply.json["@transaction"]["account-id"] == 7002
    assert client.get(f"{API}/accounts", headers=basic("tapi-demo", "tapi-demo-password")
                      ).status_code == 401


def test_an_unexpected_error_is_500_in_the_error_shape(mock_app, mock_client, monkeypatch):
    backend = mock_app.extensions[EXTENSION_KEY]

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(backend, "list_templates", broken)
    reply = mock_client.get(f"{API}/templates", headers=A)
    assert reply.status_code == 500
    assert reply.json["error"] == {"message": "Unexpected Error", "code": 500}
    assert set(reply.json["errors"]) == {"description", "code"}
    assert reply.json["@transaction"]["account-id"] == 6999


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(held=st.dictionaries(st.sampled_from(["GEO", "TOLLFREE", "FREECALL", "MOBILE"]),
                            st.sets(st.integers(0, 40), max_size=30)),
       kind=st.sampled_from(["GEO", "TOLLFREE", "FREECALL", "MOBILE", " mobile "]))
def test_a_request_reserves_the_first_number_the_search_shows(mock_app, held, kind):
    """A service request reserves the first number of the search page (its cheaper
    ``_first_by_type``), whatever the tenant holds already."""
    from mockserver.core.numbering import HeldIndexes
    backend = mock_app.extensions[EXTENSION_KEY]
    taken = {}
    for type_, indexes in held.items():
        for block in backend.inventory.by_type.get(type_, [])[:2]:
            taken[block.id] = HeldIndexes(sorted(indexes))
    page = backend._by_type(kind, taken)
    assert backend._first_by_type(kind, taken) == page[:1]
