"""AVOXI behaviour only the mock can show: auth modes, tenant isolation, host routing,
back-orders delivered on the mock clock, and fixtures a user overrides."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockserver import create_app

pytestmark = pytest.mark.mock_only
API = "/avoxi/api/v2"
A = {"Authorization": "Bearer tenant-a"}
B = {"Authorization": "Bearer tenant-b"}
ATLANTA = {"country": "US", "number_type": "DID", "region": "US GA Atlanta 470"}


def numbers(client, headers):
    return [n["number"] for n in client.get(f"{API}/numbers", headers=headers).json["data"]]


def test_lenient_mode_accepts_any_well_formed_token(mock_client):
    assert mock_client.get(f"{API}/countries", headers={
        "Authorization": "Bearer anything.at-all_~+/="}).status_code == 200


def test_strict_mode_accepts_only_fixture_tokens():
    client = create_app({"AUTH_MODE": "strict"}).test_client()
    ok = client.get(f"{API}/entitlements", headers={"Authorization": "Bearer avoxi-test-token"})
    assert ok.status_code == 200
    assert ok.json["token"]["organization_name"] == "J21012 - Business Inc."
    refused = client.get(f"{API}/countries", headers=A)
    assert refused.status_code == 401
    assert refused.json["error"]["details"] == "the bearer token is not recognized"


def test_unknown_auth_mode_is_refused_at_start():
    with pytest.raises(ValueError):
        create_app({"AUTH_MODE": "loose"}).test_client().get(f"{API}/countries", headers=A)


def test_tenants_never_see_each_others_orders(mock_client):
    base = numbers(mock_client, B)
    reply = mock_client.post(f"{API}/order", json={"items": [{**ATLANTA, "quantity": 3}]},
                             headers=A)
    assert reply.status_code == 200
    assert numbers(mock_client, B) == base
    assert len(numbers(mock_client, A)) == len(base) + 3
    bought = set(numbers(mock_client, A)) - set(base)
    page_b = {i["number_e164"] for i in mock_client.get(
        f"{API}/inventory/US/DID?limit=100", headers=B).json}
    assert bought <= page_b                   # still in stock for tenant B


def test_each_token_gets_its_own_organisation(mock_client):
    org_a = mock_client.get(f"{API}/entitlements", headers=A).json["token"]
    org_b = mock_client.get(f"{API}/entitlements", headers=B).json["token"]
    assert org_a["organization_id"] != org_b["organization_id"]
    again = create_app().test_client().get(f"{API}/entitlements", headers=A).json["token"]
    assert again["organization_name"] == org_a["organization_name"]   # seeded: stable


def test_real_hostname_serves_the_documented_paths(mock_client):
    reply = mock_client.get("/api/v2/regions/US", headers={**A, "Host": "genius.avoxi.com"})
    assert reply.status_code == 200
    assert {"id": "US GA Atlanta 470", "name": "Georgia, Atlanta 470"} in reply.json
    missing = mock_client.get("/api/v2/nothing", headers={**A, "Host": "genius.avoxi.com:443"})
    assert missing.status_code == 404 and set(missing.json) == {"message", "error"}
    assert mock_client.get("/_mock/health", headers={"Host": "genius.avoxi.com"}).status_code == 200
    assert mock_client.get("/api/v2/countries", headers=A).status_code == 404


def test_entitlements_expiration_follows_the_mock_clock(mock_client, mock_clock):
    mock_clock.freeze("2030-05-01T00:00:00Z")
    token = mock_client.get(f"{API}/entitlements", headers=A).json["token"]
    assert token["expiration_formatted"] == "2030-05-02T00:00:00.000Z"
    mock_clock.advance(3 * 86400 + 60)
    later = mock_client.get(f"{API}/entitlements", headers=A).json["token"]
    assert later["expiration_formatted"] == "2030-05-05T00:00:00.000Z"


@pytest.fixture
def small_stock():
    return create_app({"AVOXI_INVENTORY_PER_REGION": 4})


def test_shortfall_is_backordered_and_delivered_after_the_lead_time(small_stock):
    client = small_stock.test_client()
    from mockserver.pytest_plugin import ClockControl
    clock = ClockControl(small_stock)
    clock.freeze("2031-01-01T00:00:00Z")
    base = numbers(client, A)               # the seed already holds one Atlanta number
    reply = client.post(f"{API}/order", json={"items": [{**ATLANTA, "quantity": 5}]}, headers=A)
    assert reply.status_code == 200
    assert len(numbers(client, A)) == len(base) + 3           # the 3 left in stock
    assert client.get(f"{API}/inventory/US/DID?region=US GA Atlanta 470",
                      headers=A).json == []
    clock.advance(86400 - 1)                                   # lead time "1 Days"
    assert len(numbers(client, A)) == len(base) + 3
    assert clock.advance(1) == 1
    after = numbers(client, A)
    assert len(after) == len(base) + 5 and len(set(after)) == len(after)
    delivered = client.get(f"{API}/numbers", headers=A).json["data"][-2:]
    import phonenumbers
    for number in delivered:
        parsed = phonenumbers.parse(number["number"])
        assert phonenumbers.is_valid_number(parsed)
        assert number["number"].startswith("+1470")


def test_pending_backorders_are_visible_and_cancelled_by_reset(small_stock):
    client = small_stock.test_client()
    client.post(f"{API}/order", json={"items": [{**ATLANTA, "quantity": 10}]}, headers=A)
    scheduled = client.get("/_mock/state").json["scheduled"]
    assert [(e["provider"], e["tenant"], e["payload"]["quantity"]) for e in scheduled] == [
        ("avoxi", "tenant-a", 7)]
    client.post("/_mock/reset", json={"provider": "avoxi", "tenant": "tenant-a"})
    assert client.get("/_mock/state").json["scheduled"] == []


def test_backorder_runs_when_the_free_clock_passes_its_due_time(small_stock):
    client = small_stock.test_client()
    base = len(numbers(client, A))
    client.post(f"{API}/order", json={"items": [{**ATLANTA, "quantity": 6}]}, headers=A)
    assert len(numbers(client, A)) == base + 3
    client.post("/_mock/clock", json={"advance": 2 * 86400})
    assert len(numbers(client, A)) == base + 6


def test_user_fixtures_replace_packaged_ones(tmp_path: Path):
    (tmp_path / "avoxi").mkdir()
    (tmp_path / "avoxi" / "countries.json").write_text(json.dumps(
        [{"id": "US", "english_name": "United States of America"},
         {"id": "FR", "english_name": "France"}]))
    client = create_app({"FIXTURES_DIR": str(tmp_path)}).test_client()
    assert [c["id"] for c in client.get(f"{API}/countries", headers=A).json] == ["US", "FR"]
    assert client.get(f"{API}/number_types", headers=A).json   # others stay packaged


def test_snapshot_keeps_backorders_and_holdings(small_stock):
    client = small_stock.test_client()
    client.post(f"{API}/order", json={"items": [{**ATLANTA, "quantity": 6}]}, headers=A)
    snapshot = client.get("/_mock/state").json
    fresh = create_app({"AVOXI_INVENTORY_PER_REGION": 4}).test_client()
    assert fresh.put("/_mock/state", json=snapshot).status_code == 200
    assert numbers(fresh, A) == numbers(client, A)
    fresh.post("/_mock/clock", json={"advance": 2 * 86400})
    assert len(numbers(fresh, A)) == len(numbers(client, A)) + 3
