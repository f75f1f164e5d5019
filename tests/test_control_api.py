"""The /_mock control API: health, reset, state, clock, journal; errors as {"error": ...}."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.mock_only
TOKEN = {"Authorization": "Bearer control-test"}
OTHER = {"Authorization": "Bearer control-other"}
ORDER = {"items": [{"country": "US", "number_type": "DID", "region": "US GA Atlanta 470",
                    "quantity": 2}]}


def owned(client, headers=TOKEN):
    return [n["number"] for n in client.get("/avoxi/api/v2/numbers", headers=headers).json["data"]]


def assert_control_error(reply, status):
    assert reply.status_code == status
    assert reply.content_type == "application/json"
    assert set(reply.json) == {"error"} and reply.json["error"]


def test_health(mock_client):
    reply = mock_client.get("/_mock/health")
    assert reply.status_code == 200
    from mockserver import __version__
    from mockserver.providers import available
    assert reply.json == {"status": "ok", "version": __version__,
                          "providers": list(available())}
    assert "avoxi" in reply.json["providers"]


def test_reset_everything(mock_client):
    base = owned(mock_client)
    mock_client.post("/avoxi/api/v2/order", json=ORDER, headers=TOKEN)
    assert len(owned(mock_client)) == len(base) + 2
    reply = mock_client.post("/_mock/reset")
    assert reply.status_code == 200 and reply.json["tenants_dropped"] == 1
    assert owned(mock_client) == base


def test_reset_one_tenant_leaves_the_others(mock_client):
    base = owned(mock_client)
    for headers in (TOKEN, OTHER):
        mock_client.post("/avoxi/api/v2/order", json=ORDER, headers=headers)
    reply = mock_client.post("/_mock/reset", json={"provider": "avoxi",
                                                   "tenant": "control-test"})
    assert reply.json["tenants_dropped"] == 1
    assert owned(mock_client) == base
    assert len(owned(mock_client, OTHER)) == len(base) + 2


def test_reset_by_query_string(mock_client):
    mock_client.post("/avoxi/api/v2/order", json=ORDER, headers=TOKEN)
    assert mock_client.post("/_mock/reset?provider=avoxi&tenant=control-test").json[
        "tenants_dropped"] == 1


def test_reset_unknown_provider_is_400(mock_client):
    assert_control_error(mock_client.post("/_mock/reset", json={"provider": "acme"}), 400)


def test_reset_with_a_body_that_is_not_an_object_is_400(mock_client):
    assert_control_error(mock_client.post("/_mock/reset", json=[1]), 400)


def test_state_export_and_import_round_trip(mock_client):
    mock_client.post("/avoxi/api/v2/order", json=ORDER, headers=TOKEN)
    exported = mock_client.get("/_mock/state").json
    assert set(exported) == {"version", "clock", "providers", "scheduled"}
    before = owned(mock_client)
    mock_client.post("/_mock/reset")
    assert owned(mock_client) != before
    reply = mock_client.put("/_mock/state", json=exported)
    assert reply.status_code == 200 and reply.json["imported"]["avoxi"] == 1
    assert owned(mock_client) == before


def test_a_snapshot_larger_than_a_providers_request_limit_imports():
    """GET /_mock/state after a suite easily passes the 1 MiB the providers' endpoints
    take (6 MB after the contract suite); PUT /_mock/state takes back whatever GET gave.
    Here the limit is lowered to 64 KiB, not the state grown to megabytes."""
    from mockserver.app import create_app
    app = create_app({"MAX_CONTENT_LENGTH": 64 * 1024})
    client = app.test_client()
    for n in range(60):
        client.get("/avoxi/api/v2/numbers", headers={"Authorization": f"Bearer bulk-{n}"})
    exported = client.get("/_mock/state")
    assert len(exported.data) > app.config["MAX_CONTENT_LENGTH"]
    assert client.post("/avoxi/api/v2/order", data=exported.data, headers=TOKEN,
                       content_type="application/json").status_code == 413
    client.post("/_mock/reset")
    reply = client.put("/_mock/state", data=exported.data, content_type="application/json")
    assert reply.status_code == 200, reply.get_data(as_text=True)
    assert reply.json["imported"]["avoxi"] == 60


@pytest.mark.parametrize("body", [{"version": 1, "providers": {"acme": {"tenants": {}}}},
                                  {"version": 1, "providers": {"avoxi": {"tenants": {"t": {
                                      "bogus": 1}}}}},
                                  {"version": 1, "providers": {"avoxi": []}},
                                  {"version": 1, "providers": 3}])
def test_invalid_state_import_is_400_and_changes_nothing(mock_client, body):
    before = owned(mock_client)
    assert_control_error(mock_client.put("/_mock/state", json=body), 400)
    assert owned(mock_client) == before


def test_clock_freeze_advance_and_free(mock_client):
    frozen = mock_client.post("/_mock/clock", json={"freeze": "2025-06-01T08:00:00Z"}).json
    assert frozen["frozen"] is True and frozen["now"] == "2025-06-01T08:00:00.000Z"
    advanced = mock_client.post("/_mock/clock", json={"advance": 3600}).json
    assert advanced["now"] == "2025-06-01T09:00:00.000Z"
    assert mock_client.get("/_mock/clock").json["now"] == "2025-06-01T09:00:00.000Z"
    free = mock_client.post("/_mock/clock", json={"freeze": None}).json
    assert free["frozen"] is False


@pytest.mark.parametrize("body", [{"freeze": "yesterday-ish"}, {"advance": "soon"},
                                  {"advance": -5}, {"advance": True}, {"freeze": 12}])
def test_bad_clock_requests_are_400(mock_client, body):
    before = mock_client.get("/_mock/clock").json["frozen"]
    assert_control_error(mock_client.post("/_mock/clock", json=body), 400)
    assert mock_client.get("/_mock/clock").json["frozen"] == before


def test_journal_records_provider_requests(mock_client):
    mock_client.get("/avoxi/api/v2/countries", headers=TOKEN)
    mock_client.post("/avoxi/api/v2/order", json={"items": []}, headers=TOKEN)
    entries = mock_client.get("/_mock/requests").json["requests"]
    assert [(e["method"], e["path"], e["response"]["status"]) for e in entries] == [
        ("GET", "/avoxi/api/v2/countries", 200), ("POST", "/avoxi/api/v2/order", 400)]
    assert entries[1]["request"]["body"] == {"items": []}        # JSON bodies as JSON
    assert entries[1]["tenant"] == "control-test" and entries[1]["provider"] == "avoxi"
    assert entries[1]["route"] == "/avoxi/api/v2/order"
    assert entries[1]["response"]["content_type"].startswith("application/json")
    assert "message" in entries[1]["response"]["body"]
    assert mock_client.delete("/_mock/requests").json == {"deleted": 2}
    assert mock_client.get("/_mock/requests").json["requests"] == []


def test_journal_is_bounded():
    from mockserver import create_app
    client = create_app({"JOURNAL_SIZE": 3}).test_client()
    for _ in range(5):
        client.get("/avoxi/api/v2/countries", headers=TOKEN)
    entries = client.get("/_mock/requests").json["requests"]
    assert len(entries) == 3 and entries[0]["id"] == 3


def test_unknown_control_path_is_json_404(mock_client):
    assert_control_error(mock_client.get("/_mock/nothing"), 404)
    assert_control_error(mock_client.get("/nothing"), 404)
