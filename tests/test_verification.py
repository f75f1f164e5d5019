"""Verification (issue 12): the journal's filters, count and unmatched requests over the
control API, and the pytest helpers ``mock_journal`` and ``mock_webhooks`` on the
in-process app and on the live server."""
from __future__ import annotations

import pytest
import requests

pytestmark = pytest.mark.mock_only
AVOXI = {"Authorization": "Bearer verify"}
OTHER = {"Authorization": "Bearer verify-other"}
ORDER = {"items": [{"country": "US", "number_type": "DID", "region": "US GA Atlanta 470",
                    "quantity": 1}]}


def journal(client, query: str = "", path: str = "/_mock/requests"):
    reply = client.get(path + ("?" + query if query else ""))
    assert reply.status_code == 200, reply.json
    return reply.json


@pytest.fixture
def traffic(mock_client, mock_clock):
    """A few requests at known mock times: two tenants, a form body, an unknown path."""
    mock_clock.freeze("2032-03-04T10:00:00Z")
    mock_client.get("/avoxi/api/v2/countries", headers=AVOXI)
    mock_clock.advance(60)
    mock_client.post("/avoxi/api/v2/order", json=ORDER, headers=AVOXI)
    mock_client.post("/avoxi/api/v2/order", json={"items": []}, headers=OTHER)
    mock_client.get("/avoxi/api/v2/numberz", headers=AVOXI)
    mock_client.get("/api/v2/countries", headers=AVOXI)            # the mount forgotten
    mock_client.post("/avaya/v2/Accounts/AC00000000000000000000000000000071/SMS/Messages.json",
                     data={"To": "+14155552671", "Body": "hello"},
                     headers={"Authorization": "Basic QUMwMDAwMDAwMDAwMDAwMDAwMDAwMDAw"
                                               "MDAwMDAwMDcxOnRva2Vu"})
    return mock_client


@pytest.mark.parametrize("query, expected", [
    ("provider=avoxi", 4),
    ("tenant=verify", 2),                      # a 404 is refused before anyone is asked
    ("method=post", 3),
    ("path=/avoxi/api/v2/order", 2),
    ("path=/api/v2/order", 2),                 # below the mount
    ("path=*/order", 2),
    ("status=200", 2),
    ("status=4xx", 4),
    ("since=2032-03-04T10:01:00Z", 5),
    ("body=Atlanta", 1),
    ("route=*/order", 2),
    ("provider=avoxi&method=POST&status=400", 1),
])
def test_filters_and_count_agree(traffic, query, expected):
    found = journal(traffic, query)["requests"]
    assert len(found) == expected
    assert journal(traffic, query, "/_mock/requests/count") == {"count": expected}


def test_an_entry_shows_both_paths_the_route_and_parsed_bodies(traffic):
    sms = journal(traffic, "provider=avaya")["requests"][0]
    assert sms["path"] == sms["routed_path"]
    assert sms["route"].startswith("/avaya/v2/Accounts/<") and "/SMS/Messages<" in sms["route"]
    assert sms["request"]["body"] == {"To": "+14155552671", "Body": "hello"}   # form: object
    assert sms["time"] == "2032-03-04T10:01:00.000Z"
    order = journal(traffic, "body=Atlanta")["requests"][0]
    assert order["request"]["body"] == ORDER and isinstance(order["response"]["body"], dict)


def test_the_path_a_client_sent_to_a_real_hostname(mock_client):
    mock_client.get("/api/v2/countries", headers={**AVOXI, "Host": "genius.avoxi.com"})
    entry = journal(mock_client)["requests"][0]
    assert (entry["path"], entry["routed_path"]) == ("/api/v2/countries",
                                                     "/avoxi/api/v2/countries")
    assert entry["route"] == "/avoxi/api/v2/countries"


def test_unmatched_lists_wrong_urls_plainly(traffic):
    unmatched = journal(traffic, path="/_mock/requests/unmatched")["requests"]
    assert [(e["path"], e["response"]["status"]) for e in unmatched] == [
        ("/avoxi/api/v2/numberz", 404), ("/api/v2/countries", 404)]
    assert unmatched[1]["provider"] is None


@pytest.mark.parametrize("query, field", [
    ("colour=red", "colour"), ("status=abc", "status"), ("since=yesterday", "since"),
    ("limit=0", "limit"), ("unmatched=perhaps", "unmatched")])
def test_a_bad_filter_is_a_400_naming_it(mock_client, query, field):
    reply = mock_client.get("/_mock/requests?" + query)
    assert reply.status_code == 400 and reply.json["error"].startswith(field + ":")


def test_assert_called_passes_and_returns_the_requests(traffic, mock_journal):
    found = mock_journal.assert_called("POST", "/api/v2/order", times=2)
    assert [e["tenant"] for e in found] == ["verify", "verify-other"]
    mock_journal.assert_called("GET", "*/countries")
    assert mock_journal.count(provider="avoxi", status="4xx") == 2
    assert [e["path"] for e in mock_journal.unmatched()] == ["/avoxi/api/v2/numberz",
                                                             "/api/v2/countries"]


def test_assert_called_lists_the_near_misses(traffic, mock_journal):
    with pytest.raises(AssertionError) as failed:
        mock_journal.assert_called("GET", "/avoxi/api/v2/numbers")
    message = str(failed.value)
    assert "expected GET /avoxi/api/v2/numbers at least once, found 0" in message
    assert "Near misses:" in message
    assert "GET /avoxi/api/v2/numberz -> 404 (no route)" in message
    with pytest.raises(AssertionError, match=r"expected POST \*/order 1 time, found 2"):
        mock_journal.assert_called("POST", "*/order", times=1)


def test_assert_called_with_nothing_similar(mock_journal):
    with pytest.raises(AssertionError, match="Nothing similar among the 0 recorded requests"):
        mock_journal.assert_called("GET", "/avoxi/api/v2/countries")


def test_the_helpers_read_the_live_server(mock_server, mock_journal, mock_webhooks):
    requests.get(f"{mock_server.url}/avoxi/api/v2/countries", headers=AVOXI, timeout=5)
    assert mock_journal.assert_called("GET", "/avoxi/api/v2/countries", times=1)
    assert mock_server.journal.count(provider="avoxi") == 1
    requests.post(f"{mock_server.url}/_mock/clock", json={"freeze": "2032-01-01T00:00:00Z"},
                  timeout=5)
    assert mock_webhooks.deliveries() == []


def test_mock_webhooks_waits_for_deliveries(mock_client, mock_clock, mock_webhooks):
    sid = "AC00000000000000000000000000000072"
    from avaya_mock import basic_auth
    mock_clock.freeze("2032-01-01T00:00:00Z")
    mock_client.post(f"/avaya/v2/Accounts/{sid}/Calls.json", headers=basic_auth(sid), data={
        "From": "+14155550100", "To": "+14155552671",
        "Url": "http://localhost/_mock/inbox/app",
        "StatusCallback": "http://localhost/_mock/inbox/status"})
    mock_clock.advance(30)
    got = mock_webhooks.wait(1, timeout=10, url="*/inbox/status")
    assert got[0]["provider"] == "avaya" and got[0]["ok"] is True
    assert mock_webhooks.deliveries(provider="avaya", status="2xx")
    assert mock_webhooks.deliveries(provider="avoxi") == []
    with pytest.raises(AssertionError, match="expected 99 webhook deliveries"):
        mock_webhooks.wait(99, timeout=0.1, provider="avaya")


def test_a_bad_webhook_filter_is_a_400(mock_client):
    for query, field in [("colour=1", "colour"), ("status=big", "status"), ("ok=maybe", "ok"),
                         ("wait=1&timeout=abc", "timeout")]:
        reply = mock_client.get("/_mock/webhooks?" + query)
        assert reply.status_code == 400 and reply.json["error"].startswith(field + ":"), query
