"""The README's example test, kept here so it runs: the README quotes this file."""
import requests


def test_order_a_number(mock_client):
    """In-process: a fresh app per test, no network."""
    auth = {"Authorization": "Bearer my-test-token"}
    page = mock_client.get("/avoxi/api/v2/inventory/US/DID?limit=1", headers=auth).json
    number = page[0]["number_e164"]
    reply = mock_client.post("/avoxi/api/v2/order", headers=auth,
                             json={"items": [{"number_e164": number}]})
    assert reply.status_code == 200
    owned = mock_client.get("/avoxi/api/v2/numbers", headers=auth).json["data"]
    assert number in [n["number"] for n in owned]


def test_backorder_arrives_after_lead_time(mock_client, mock_clock):
    """Freeze the mock clock, act, advance it: no sleeping."""
    auth = {"Authorization": "Bearer my-test-token"}
    mock_clock.freeze("2030-01-01T09:00:00Z")
    before = len(mock_client.get("/avoxi/api/v2/numbers", headers=auth).json["data"])
    mock_client.post("/avoxi/api/v2/order", headers=auth, json={"items": [
        {"product_id": 487, "quantity": 400}]})          # more than Atlanta 470 has in stock
    mock_clock.advance(86400)                            # product 487: "1 Days" lead time
    after = mock_client.get("/avoxi/api/v2/numbers", headers=auth).json["data"]
    assert len(after) == before + 400


def test_against_a_live_server(mock_server):
    """Over real HTTP, on a free port; state is reset before each test."""
    reply = requests.get(f"{mock_server.url}/avoxi/api/v2/countries",
                         headers={"Authorization": "Bearer my-test-token"}, timeout=5)
    assert {"id": "JP", "english_name": "Japan"} in reply.json()
