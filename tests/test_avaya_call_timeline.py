"""An Avaya call's timeline in the control API (``GET /_mock/avaya/calls`` and
``GET /_mock/avaya/calls/<CallSid>``, timeline.py): the call's states, the documents
requested and what came back, each InboundXML element run, the digits gathered and the
notifications written, in order, on the frozen mock clock. A local application server
(pytest-httpserver) serves the documents; the clock is advanced, never slept on."""
from __future__ import annotations

import pytest

from avaya_mock import AvayaMock, closed_port
from mockserver.providers.avaya import timeline

pytestmark = pytest.mark.mock_only
SID = "AC" + "7" * 32
START = "2030-02-01T10:00:00Z"
TO = "+14155550100"
XML = "application/xml"


class Mock(AvayaMock):
    """An app with a frozen clock, one account and a local application server."""

    def __init__(self, httpserver) -> None:
        super().__init__(SID, START)
        self.server = httpserver

    def serve(self, path: str, body: str) -> str:
        """Serve ``<Response>body</Response>`` at ``path``; its URL."""
        self.server.expect_request(path).respond_with_data(f"<Response>{body}</Response>",
                                                           content_type=XML)
        return self.server.url_for(path)

    def make(self, url: str, **params) -> str:
        """Make Call from one of the account's numbers to ``TO``; the call's SID."""
        number = self.post("/IncomingPhoneNumbers.json", AreaCode="212")["phone_number"]
        return self.post("/Calls.json", To=TO, From=number, Url=url, **params)["sid"]

    def timeline(self, sid: str, account_sid: str = SID, expect: int = 200) -> dict:
        """``GET /_mock/avaya/calls/<sid>``: its JSON."""
        reply = self.client.get(f"/_mock/avaya/calls/{sid}",
                                query_string={"account_sid": account_sid})
        assert reply.status_code == expect, reply.get_data(as_text=True)
        return reply.json

    def kinds(self, sid: str) -> list[tuple]:
        """The timeline as (kind, the detail that tells entries of that kind apart)."""
        found = []
        for entry in self.timeline(sid)["timeline"]:
            detail = {"status": "status", "fetch": "url", "document": "elements",
                      "element": "verb", "digits": "digits", "notification": "code",
                      "interrupt": "url", "redirect": "url"}[entry["kind"]]
            found.append((entry["kind"], entry.get(detail)))
        return found


@pytest.fixture
def mock(httpserver):
    """A fresh mock, its application server ``httpserver``."""
    return Mock(httpserver)


def test_a_gathering_call_shows_every_step_in_order(mock):
    url = mock.serve("/menu", '<Say voice="man">Press one for sales</Say>'
                              '<Gather action="/choice" numDigits="1"><Say>Now</Say></Gather>')
    choice = mock.serve("/choice", "<Hangup/>")
    mock.control("/_mock/avaya/callees", account_sid=SID, to=TO, digits=["1"])
    sid = mock.make(url)
    mock.advance(30)

    assert mock.kinds(sid) == [
        ("status", "queued"), ("status", "ringing"), ("status", "in-progress"),
        ("fetch", url), ("document", ["Say", "Gather"]),
        ("element", "Say"), ("element", "Gather"), ("digits", "1"),
        ("fetch", choice), ("document", ["Hangup"]), ("element", "Hangup"),
        ("status", "completed")]
    answer = mock.timeline(sid)
    entries = answer["timeline"]
    assert answer["dropped"] == 0 and answer["call"]["sid"] == sid
    assert answer["call"]["status"] == "completed"
    assert answer["call"]["uri"] == f"/avaya/v2/Accounts/{SID}/Calls/{sid}"
    assert not any(key.startswith("_") for key in answer["call"])
    assert [e["at"] for e in entries[:3]] == ["2030-02-01T10:00:00.000Z",
                                              "2030-02-01T10:00:01.000Z",
                                              "2030-02-01T10:00:04.000Z"]
    fetch, document, say, gather, digits, action = entries[3:9]
    assert fetch["method"] == "POST" and fetch["fallback"] is False
    assert fetch["params"]["CallSid"] == sid and fetch["params"]["To"] == TO
    assert (document["status"], document["content_type"]) == (200, XML)
    assert say["text"] == "Press one for sales" and say["attributes"] == {"voice": "man"}
    assert gather["attributes"]["action"] == "/choice"
    assert gather["children"] == [{"verb": "Say", "attributes": {}, "text": "Now"}]
    assert (digits["action"], digits["method"], digits["input"]) == (choice, "POST", "dtmf")
    assert action["params"]["Digits"] == "1"
    assert all(a["at"] <= b["at"] for a, b in zip(entries, entries[1:]))

    listed = mock.control("/_mock/avaya/calls?account_sid=" + SID, method="GET", expect=200)
    assert listed["account_sid"] == SID
    (summary,) = listed["calls"]
    assert summary == {"sid": sid, "from": answer["call"]["from"], "to": TO,
                       "status": "completed", "direction": "outbound-api",
                       "date_created": answer["call"]["date_created"],
                       "duration": answer["call"]["duration"], "events": len(entries)}


def test_a_long_say_is_shortened_and_calls_are_listed_newest_first(mock):
    url = mock.serve("/long", f"<Say>{'word ' * 100}</Say>")
    first, second = mock.make(url), mock.make(url)
    mock.advance(5)
    say = next(e for e in mock.timeline(first)["timeline"] if e["kind"] == "element")
    assert len(say["text"]) == timeline.TEXT_LIMIT and say["text"].endswith("…")
    listed = mock.control("/_mock/avaya/calls?account_sid=" + SID, method="GET", expect=200)
    assert [c["sid"] for c in listed["calls"]] == [second, first]


def test_an_unreachable_url_gives_a_document_error_and_a_notification(mock):
    url = f"http://127.0.0.1:{closed_port()}/app"
    sid = mock.make(url)
    mock.advance(5)
    assert [k for k, _ in mock.kinds(sid)][-4:] == ["fetch", "document", "notification",
                                                    "status"]
    entries = mock.timeline(sid)["timeline"]
    document, notification = entries[-3], entries[-2]
    assert document["status"] is None and "elements" not in document
    assert document["error"]["code"] == 11205
    assert (notification["code"], notification["log"], notification["level"]) == \
        (11205, 0, "ERROR")
    assert notification["sid"] == mock.get("/Notifications.json")["notifications"][0]["sid"]
    assert entries[-1]["status"] == "completed"


def test_send_digits_and_an_interruption_are_on_the_timeline(mock):
    url = mock.serve("/menu", '<Gather action="/choice" timeout="10"><Say>Press</Say>'
                              '</Gather>')
    choice = mock.serve("/choice", '<Pause length="5"/>')
    second = mock.serve("/second", '<Redirect>/choice</Redirect>')
    sid = mock.make(url)
    mock.advance(6)
    mock.post(f"/Calls/{sid}.json", PlayDtmf="42")
    mock.advance(1)
    mock.post(f"/Calls/{sid}.json", Url=second)
    mock.advance(20)
    kinds = mock.kinds(sid)
    digits = kinds.index(("digits", "42"))
    assert kinds[digits + 1] == ("fetch", choice)
    interrupt = kinds.index(("interrupt", second))
    assert kinds[interrupt:interrupt + 3] == [("interrupt", second), ("fetch", second),
                                              ("document", ["Redirect"])]
    assert ("redirect", choice) in kinds[interrupt:]
    entry = mock.timeline(sid)["timeline"][digits]
    assert (entry["input"], entry["action"]) == ("send-digits", choice)


@pytest.mark.parametrize("query, status, error", [
    ({}, 400, "account_sid"),
    ({"account_sid": SID, "colour": "red"}, 400, "colour"),
    ({"account_sid": "AC" + "0" * 32}, 404, "unknown account"),
])
def test_control_errors(mock, query, status, error):
    for path in ("/_mock/avaya/calls", "/_mock/avaya/calls/CA" + "1" * 32):
        reply = mock.client.get(path, query_string=query)
        assert reply.status_code == status and error in reply.json["error"]
    tenants = mock.client.get("/_mock/tenants", query_string={"provider": "avaya"}).json
    assert "AC" + "0" * 32 not in [t["tenant"] for t in tenants["tenants"]]


def test_an_unknown_call_is_a_404(mock):
    mock.get("/Calls.json")
    reply = mock.client.get("/_mock/avaya/calls/CA" + "1" * 32,
                            query_string={"account_sid": SID})
    assert reply.status_code == 404 and "unknown call" in reply.json["error"]


def test_the_timeline_keeps_the_newest_entries(mock, monkeypatch):
    monkeypatch.setattr(timeline, "CAP", 4)
    url = mock.serve("/app", '<Say>one</Say><Say>two</Say><Say>three</Say>')
    sid = mock.make(url)
    mock.advance(20)
    answer = mock.timeline(sid)
    kinds = [(e["kind"], e.get("text") or e.get("status")) for e in answer["timeline"]]
    assert kinds == [("element", "one"), ("element", "two"), ("element", "three"),
                     ("status", "completed")]
    assert answer["dropped"] == 5
    listed = mock.control("/_mock/avaya/calls?account_sid=" + SID, method="GET", expect=200)
    assert listed["calls"][0]["events"] == 4


def test_a_snapshot_round_trip_keeps_the_timeline(mock):
    url = mock.serve("/app", '<Say>hello</Say>')
    sid = mock.make(url)
    mock.advance(10)
    before = mock.timeline(sid)
    snapshot = mock.client.get("/_mock/state").json
    assert mock.client.post("/_mock/reset").status_code == 200
    mock.timeline(sid, expect=404)
    assert mock.client.put("/_mock/state", json=snapshot).status_code == 200
    assert mock.timeline(sid) == before
