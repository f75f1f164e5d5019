"""The built-in inbox (issue 12): ``/_mock/inbox/<name>`` records whatever arrives and
answers with its reply, so a webhook target or an InboundXML document needs no server of
the test's own, in-process and over HTTP."""
from __future__ import annotations

import requests
import pytest

from avaya_mock import basic_auth

pytestmark = pytest.mark.mock_only
SID = "AC00000000000000000000000000000061"
AUTH = basic_auth(SID)
CALLS = f"/avaya/v2/Accounts/{SID}/Calls.json"


def messages(client, name: str) -> list[dict]:
    reply = client.get(f"/_mock/inbox/{name}/messages")
    assert reply.status_code == 200
    return reply.json["messages"]


def test_any_request_is_kept_and_answered(mock_client, mock_clock):
    mock_clock.freeze("2031-05-06T07:08:09Z")
    first = mock_client.post("/_mock/inbox/hooks?attempt=1", data={"CallSid": "CA1",
                                                                  "Digits": ["1", "2"]})
    assert first.status_code == 200 and first.json == {"received": 1}
    mock_client.put("/_mock/inbox/hooks/deep/path", json={"event": "updated", "n": 2})
    mock_client.delete("/_mock/inbox/hooks/")
    got = messages(mock_client, "hooks")
    assert [(m["method"], m["path"]) for m in got] == [
        ("POST", "/"), ("PUT", "/deep/path"), ("DELETE", "/")]
    assert got[0]["body"] == {"CallSid": "CA1", "Digits": ["1", "2"]}   # a form as an object
    assert got[0]["query"] == {"attempt": "1"}
    assert got[0]["time"] == "2031-05-06T07:08:09.000Z"                 # mock time
    assert got[0]["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert got[1]["body"] == {"event": "updated", "n": 2}               # JSON as JSON
    assert messages(mock_client, "other") == []


def test_the_reply_can_be_set_and_is_validated(mock_client):
    assert mock_client.get("/_mock/inbox/doc/reply").json["status"] == 200
    xml = "<Response><Say>Hello</Say></Response>"
    set_reply = mock_client.put("/_mock/inbox/doc/reply", json={
        "status": 201, "content_type": "application/xml", "body": xml,
        "headers": {"X-Trace": "abc"}})
    assert set_reply.status_code == 200
    answer = mock_client.get("/_mock/inbox/doc/app.xml")
    assert (answer.status_code, answer.mimetype, answer.get_data(as_text=True),
            answer.headers["X-Trace"]) == (201, "application/xml", xml, "abc")
    for bad, field in [({"status": 99}, "status"), ({"status": "500"}, "status"),
                       ({"content_type": "xml"}, "content_type"), ({"body": 5}, "body"),
                       ({"headers": {"X-A": 1}}, "headers"), ({"colour": 1}, "colour")]:
        refused = mock_client.put("/_mock/inbox/doc/reply", json=bad)
        assert refused.status_code == 400 and refused.json["error"].startswith(field + ":")
    assert mock_client.get("/_mock/inbox/doc/reply").json["status"] == 201   # unchanged


def test_an_inbox_keeps_its_latest_messages_and_reset_clears_it():
    from mockserver import create_app
    client = create_app({"INBOX_SIZE": 3}).test_client()
    for n in range(5):
        client.post("/_mock/inbox/small", json={"n": n})
    assert [m["body"]["n"] for m in messages(client, "small")] == [2, 3, 4]
    assert client.delete("/_mock/inbox/small/messages").json == {"deleted": 3}
    client.post("/_mock/inbox/small", json={"n": 9})
    client.put("/_mock/inbox/small/reply", json={"status": 500})
    client.post("/_mock/reset")
    assert messages(client, "small") == []
    assert client.post("/_mock/inbox/small").status_code == 200     # the reply went too


def test_an_inbox_as_an_avaya_status_callback(mock_client, mock_clock, mock_webhooks):
    """A StatusCallback pointing at the inbox works in-process, whatever the host."""
    mock_clock.freeze("2031-01-01T09:00:00Z")
    mock_client.put("/_mock/inbox/ivr/reply", json={
        "content_type": "application/xml", "body": "<Response><Say>Hi</Say></Response>"})
    call = mock_client.post(CALLS, headers=AUTH, data={
        "From": "+14155550100", "To": "+14155552671",
        "Url": "http://mock.example:8080/_mock/inbox/ivr",
        "StatusCallback": "http://localhost/_mock/inbox/status"}).json
    mock_clock.advance(120)
    mock_webhooks.wait(1, url="*/_mock/inbox/status")
    status = messages(mock_client, "status")
    assert status and status[-1]["method"] == "POST"
    assert status[-1]["body"]["CallSid"] == call["sid"]
    assert status[-1]["body"]["CallStatus"] == "completed"
    fetched = messages(mock_client, "ivr")[0]
    assert fetched["body"]["CallSid"] == call["sid"] and fetched["body"]["AccountSid"] == SID


def test_an_inbox_hosts_an_ivr(mock_client, mock_clock):
    """The README's IVR recipe with no server of the test's own: two inboxes, a menu and
    the page its Gather posts the key press to."""
    mock_clock.freeze("2031-01-01T09:00:00Z")
    mock_client.put("/_mock/inbox/menu/reply", json={
        "content_type": "application/xml",
        "body": '<Response><Gather action="http://localhost/_mock/inbox/choice" '
                'numDigits="1"><Say>Press 1 or 2.</Say></Gather></Response>'})
    mock_client.put("/_mock/inbox/choice/reply", json={
        "content_type": "application/xml", "body": "<Response><Hangup/></Response>"})
    mock_client.post("/_mock/avaya/callees", json={
        "account_sid": SID, "to": "+14155552671", "digits": ["2"]})
    call = mock_client.post(CALLS, headers=AUTH, data={
        "From": "+14155550100", "To": "+14155552671",
        "Url": "http://localhost/_mock/inbox/menu"}).json
    mock_clock.advance(60)
    assert messages(mock_client, "choice")[0]["body"]["Digits"] == "2"
    ended = mock_client.get(f"/avaya/v2/Accounts/{SID}/Calls/{call['sid']}.json",
                            headers=AUTH).json
    assert ended["status"] == "completed"


def test_a_failing_inbox_makes_avaya_use_the_fallback(mock_client, mock_clock):
    mock_clock.freeze("2031-01-01T09:00:00Z")
    mock_client.put("/_mock/inbox/broken/reply", json={"status": 500, "body": "oops"})
    mock_client.put("/_mock/inbox/fallback/reply", json={
        "content_type": "application/xml", "body": "<Response><Hangup/></Response>"})
    mock_client.post(CALLS, headers=AUTH, data={
        "From": "+14155550100", "To": "+14155552671",
        "Url": "http://localhost/_mock/inbox/broken",
        "FallbackUrl": "http://localhost/_mock/inbox/fallback"})
    mock_clock.advance(60)
    assert len(messages(mock_client, "broken")) == 1
    assert len(messages(mock_client, "fallback")) == 1


def test_the_inbox_over_http(mock_server):
    url = f"{mock_server.url}/_mock/inbox/live"
    assert requests.post(url + "/cb", json={"ok": True}, timeout=5).json() == {"received": 1}
    got = requests.get(url + "/messages", timeout=5).json()["messages"]
    assert got[0]["body"] == {"ok": True} and got[0]["path"] == "/cb"


def test_an_inbox_as_an_avanser_callback_uri(mock_client, mock_clock):
    """AVANSER's Callback Body reaches an inbox, and AVANSER records the inbox's 200."""
    import base64
    auth = {"Authorization": "Basic " + base64.b64encode(b"inbox:x").decode()}
    body = {"name": "Inbox", "custom_id": "inbox-1",
            "service_number": {"country": "AU", "search_type": "szu", "szu": "hobart"},
            "service": {"type": "transfer", "answer_point": "61420123123",
                        "record_call": False},
            "callback_uri": "http://localhost/_mock/inbox/avanser"}
    mock_clock.freeze("2030-01-15T00:00:00Z")
    ack = mock_client.post("/avanser/v1/requests", json=body, headers=auth).json["response"]
    mock_clock.advance(2)
    [callback] = messages(mock_client, "avanser")
    assert callback["method"] == "POST" and callback["content_type"] == "application/json"
    assert callback["body"]["request_id"] == ack["request_id"]
    assert callback["body"]["status"] == "completed"
    listed = mock_client.get("/avanser/v1/requests", headers=auth).json["response"]
    entry = next(r for r in listed if r["id"] == ack["request_id"])
    assert entry["@callback"]["status"] == "success" and entry["@callback"]["http_reply"] == 200


def test_reset_numbers_messages_afresh(mock_client):
    mock_client.post("/_mock/inbox/a")
    mock_client.post("/_mock/inbox/b")
    mock_client.post("/_mock/reset")
    assert mock_client.post("/_mock/inbox/c").json == {"received": 1}
