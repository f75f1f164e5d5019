"""Evo Voice behaviour only the mock can show: auth modes, state in /_mock/state, refused
requests leaving state untouched, tenant isolation, sessions cleared by a reset, host
routing, the mock clock, stable ids and fixtures a user overrides."""
from __future__ import annotations

import base64
import json

import pytest

from mockserver import create_app

pytestmark = pytest.mark.mock_only
BUY = "/evovoice/endpoints/phone-numbers"
NUMBER = "+14702035109"
MANAGER = ("manager@evovoice.test", "manager-secret")
VIEWER = ("viewer@evovoice.test", "viewer-secret")


def basic(user: str, password: str = "pw") -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def tenants(client) -> dict:
    return client.get("/_mock/state").json["providers"]["evovoice"]["tenants"]


def test_bought_numbers_are_in_the_mock_state(mock_client):
    info = mock_client.post(BUY, json={"number": NUMBER}, headers=basic("alice")).json
    state = tenants(mock_client)["alice"]
    assert state["endpoints"] == {info["id"]: info}
    assert state["numbers"] == {NUMBER: info["id"]}


@pytest.mark.parametrize("body,headers", [
    ({"number": NUMBER, "tagIds": ["nope"]}, basic("alice")),
    ({"number": NUMBER, "flowId": "nope"}, basic("alice")),
    ({"number": "+1470"}, basic("alice")),
    ({"number": NUMBER, "data": {"k": 1}}, basic("alice")),
    ({"number": NUMBER}, basic(*VIEWER)),
    ({"number": NUMBER}, basic(MANAGER[0], "wrong")),
])
def test_refused_requests_change_nothing(mock_client, body, headers):
    mock_client.post(BUY, json={"number": "+14702035110"}, headers=basic("alice"))
    mock_client.post(BUY, json={"number": "+14702035111"}, headers=basic(*VIEWER))
    before = tenants(mock_client)
    assert mock_client.post(BUY, json=body, headers=headers).status_code in (400, 401, 403)
    assert tenants(mock_client) == before


def test_tenants_do_not_share_numbers(mock_client):
    assert mock_client.post(BUY, json={"number": NUMBER}, headers=basic("a")).status_code == 200
    assert mock_client.post(BUY, json={"number": NUMBER}, headers=basic("b")).status_code == 200
    assert mock_client.post(BUY, json={"number": NUMBER}, headers=basic("a")).status_code == 400


def test_strict_mode_admits_only_fixture_users_and_keys():
    client = create_app({"AUTH_MODE": "strict"}).test_client()
    refused = client.post(BUY, json={"number": NUMBER}, headers=basic("stranger"))
    assert refused.status_code == 401
    assert refused.json["responseStatus"]["message"] == "Invalid BasicAuth Credentials"
    key = client.post(BUY, json={"number": NUMBER}, headers={"Authorization": "Bearer nope"})
    assert key.status_code == 401
    session = client.post("/evovoice/auth/credentials",
                          json={"userName": "stranger", "password": "x"})
    assert session.status_code == 401
    assert client.post(BUY, json={"number": NUMBER},
                       headers=basic(*MANAGER)).status_code == 200
    assert client.post(BUY, json={"number": "+14702035110"}, headers={
        "Authorization": "Bearer evo-key-admin-7f3c9a"}).status_code == 200


def test_the_journal_records_the_tenant(mock_client):
    mock_client.post(BUY, json={"number": NUMBER}, headers=basic(*MANAGER))
    entries = mock_client.get("/_mock/requests?provider=evovoice").json["requests"]
    assert entries[-1]["tenant"] == MANAGER[0]


def test_a_reset_ends_sessions(mock_app):
    mock_client = mock_app.test_client(use_cookies=False)
    sid = mock_client.post("/evovoice/auth/credentials", json={
        "userName": MANAGER[0], "password": MANAGER[1]}).json["sessionId"]
    assert tenants(mock_client)[MANAGER[0]]["sessions"][sid]["principal"]["user_name"] \
        == MANAGER[0]
    assert mock_client.post(BUY, json={"number": NUMBER},
                            headers={"X-ss-id": sid}).status_code == 200
    mock_client.post("/_mock/reset")
    assert mock_client.post(BUY, json={"number": NUMBER},
                            headers={"X-ss-id": sid}).status_code == 401


def test_state_round_trip_keeps_numbers_and_sessions(mock_app):
    mock_client = mock_app.test_client(use_cookies=False)
    sid = mock_client.post("/evovoice/auth/credentials", json={
        "userName": MANAGER[0], "password": MANAGER[1]}).json["sessionId"]
    mock_client.post(BUY, json={"number": NUMBER}, headers={"X-ss-id": sid})
    snapshot = mock_client.get("/_mock/state").json
    other = create_app().test_client()
    reply = other.put("/_mock/state", json={"version": 1, "providers": snapshot["providers"]})
    assert reply.status_code == 200
    again = other.post(BUY, json={"number": NUMBER}, headers={"X-ss-id": sid})
    assert again.status_code == 400                    # the session works, the number is owned
    assert "already in use" in again.json["responseStatus"]["message"]


def test_bad_state_is_refused(mock_client):
    reply = mock_client.put("/_mock/state", json={"version": 1, "providers": {"evovoice": {
        "tenants": {"x": {"endpoints": [], "bogus": 1}}}}})
    assert reply.status_code == 400


def test_host_routing(mock_client):
    reply = mock_client.post("/endpoints/phone-numbers", json={"number": NUMBER},
                             headers={**basic("alice"), "Host": "evovoice.io"})
    assert reply.status_code == 200
    assert reply.json["phoneNumber"] == NUMBER
    assert mock_client.post("/api/BuyPhoneNumber", json={"number": "+14702035110"}, headers={
        **basic("alice"), "Host": "evovoice.io"}).status_code == 200


def test_dates_come_from_the_mock_clock(mock_client, mock_clock):
    mock_clock.freeze("2024-03-01T09:30:00Z")
    info = mock_client.post(BUY, json={"number": NUMBER}, headers=basic("alice")).json
    assert info["dateCreated"] == info["dateLastModified"] == "2024-03-01T09:30:00.000Z"


def test_ids_are_stable_for_the_same_seed():
    def first() -> dict:
        return create_app().test_client().post(BUY, json={"number": NUMBER},
                                               headers=basic("alice")).json
    one, two = first(), first()
    assert (one["id"], one["phoneNumberSid"]) == (two["id"], two["phoneNumberSid"])
    other = create_app({"SEED": 2}).test_client().post(BUY, json={"number": NUMBER},
                                                       headers=basic("alice")).json
    assert other["id"] != one["id"]


def test_fixtures_can_be_overridden(tmp_path):
    folder = tmp_path / "evovoice"
    folder.mkdir()
    (folder / "inventory.json").write_text(json.dumps({"numbers": ["+12127363100"]}))
    client = create_app({"FIXTURES_DIR": str(tmp_path)}).test_client()
    assert client.post(BUY, json={"number": "+12127363100"},
                       headers=basic("alice")).status_code == 200
    assert client.post(BUY, json={"number": NUMBER}, headers=basic("alice")).status_code == 400
