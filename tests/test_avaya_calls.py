"""Avaya calls as only the mock can show them (seed 004, Make Call, View Call, List Calls,
Interrupt Live Call, Send Digits, Play Audio, Apply Voice Effect): the life of a call on the
frozen mock clock, its price, 30/6 billing and Usages, its StatusCallback and HeartbeatUrl,
answering-machine detection, inbound calls (``POST /_mock/avaya/calls``), what live-call
operations do to an answered call, and the InboundXML engine's documented error paths.

A local application server (pytest-httpserver) serves the InboundXML and receives the
callbacks; the mock's record of its own requests (``webhooks.attempts``) gives the mock-clock
time of each. Timings with the defaults: a call rings 1 s after it is made and its far end
answers 3 s later, so the document is requested at t=4.
"""
from __future__ import annotations

import os
from datetime import date
from decimal import Decimal

import pytest

from avaya_mock import AvayaMock, account_root, basic_auth, closed_port

pytestmark = pytest.mark.mock_only
SID = "AC" + "6" * 32
ROOT, H = account_root(SID), basic_auth(SID)
START = "2030-01-15T00:00:00Z"
TO, CALLER = "+14155550100", "+14155550123"
XML = "application/xml"
ZANG_PYTHON = "/tmp/zang-python"


def doc(body: str) -> str:
    """An InboundXML document."""
    return f"<Response>{body}</Response>"


class Mock(AvayaMock):
    """An app with a frozen clock and a local application server, as the tests drive it."""

    def __init__(self, httpserver) -> None:
        super().__init__(SID, START)
        self.server = httpserver

    # -- the application server ---------------------------------------------------------------

    def serve(self, path: str, body: str, content_type: str = XML, status: int = 200) -> str:
        """Serve ``body`` at ``path`` of the application server; its URL."""
        self.server.expect_request(path).respond_with_data(body, status=status,
                                                           content_type=content_type)
        return self.server.url_for(path)

    def requests(self, kind: str = "ixml-fetch") -> list[dict]:
        """The mock's requests of one kind (documents, callbacks), oldest first, each with
        ``path``, ``at`` (seconds of mock time) and ``fields`` (query or form)."""
        self.services.webhooks.wait_idle(10)
        return self.deliveries(kind)

    def paths(self) -> list[tuple[str, float]]:
        """Which documents were requested, and when."""
        return [(r["path"], r["at"]) for r in self.requests()]

    # -- the API ----------------------------------------------------------------------------

    def refused(self, path: str, status: int, code: int, **data) -> None:
        """POST ``data`` to ``path``: refused with ``status`` and error ``code``."""
        assert self.refusal("POST", path, **data) == (status, code)

    def make(self, url: str, to: str = TO, **params) -> dict:
        """Make a call from one of the account's numbers (unless ``From`` is given)."""
        params.setdefault("From", self.number()["phone_number"])
        return self.post("/Calls.json", To=to, Url=url, **params)

    def view(self, sid: str) -> dict:
        """View Call."""
        return self.get(f"/Calls/{sid}.json")

    def stored(self, sid: str) -> dict:
        """The call as the mock keeps it (``GET /_mock/state``), bookkeeping included."""
        state = self.client.get("/_mock/state").json
        return state["providers"]["avaya"]["tenants"][SID]["calls"][sid]

    def number(self) -> dict:
        """The account's number, bought on first use."""
        if not hasattr(self, "_number"):
            self._number = self.post("/IncomingPhoneNumbers.json", AreaCode="212")
        return self._number

    def script(self, to: str, **script) -> None:
        """What ``to`` does when the account calls it (``POST /_mock/avaya/callees``)."""
        self.control("/_mock/avaya/callees", expect=201, account_sid=SID, to=to, **script)

    def notifications(self, call_sid: str) -> list[dict]:
        """The call's Notifications, oldest first."""
        found = self.get("/Notifications.json")["notifications"]
        return [n for n in reversed(found) if n["call_sid"] == call_sid]


@pytest.fixture
def mock(httpserver):
    """A fresh mock, its application server ``httpserver``."""
    return Mock(httpserver)


# -- the life of a call ------------------------------------------------------------------------

def test_queued_ringing_in_progress_completed_on_the_clock(mock):
    url = mock.serve("/app", doc('<Pause length="10"/>'))
    sid = mock.make(url)["sid"]
    mock.advance(0.9)
    assert mock.view(sid)["status"] == "queued"
    mock.advance(0.1)
    ringing = mock.view(sid)
    assert ringing["status"] == "ringing" and ringing["start_time"] is None
    mock.advance(2.9)
    assert mock.view(sid)["status"] == "ringing" and mock.paths() == []
    mock.advance(0.1)
    live = mock.view(sid)
    assert live["status"] == "in-progress"
    assert live["start_time"] == "Tue, 15 Jan 2030 00:00:04 -0000"
    assert mock.paths() == [("/app", 4.0)]
    mock.advance(9.9)
    assert mock.view(sid)["status"] == "in-progress"
    mock.advance(0.1)
    done = mock.view(sid)
    assert done["status"] == "completed"
    assert done["end_time"] == done["date_updated"] == "Tue, 15 Jan 2030 00:00:14 -0000"
    assert (done["duration"], done["duration_billed"]) == (10, 30)
    assert mock.get("/Calls.json", Status="completed")["total"] == 1


def test_the_document_is_requested_with_the_call_s_fields(mock):
    url = mock.serve("/app", doc("<Hangup/>"))
    call = mock.make(url, Method="GET", ForwardedFrom="+1 415 555 0188")
    mock.advance(4)
    (fetch,) = mock.requests()
    assert fetch["method"] == "GET"
    assert fetch["fields"] == {
        "AccountSid": SID, "CallSid": call["sid"], "CallStatus": "in-progress",
        "From": mock.number()["phone_number"], "To": TO, "Direction": "outbound-api",
        "ApiVersion": "v2", "ForwardedFrom": "+14155550188", "CallerName": "",
        "ParentCallSid": "", "AnsweredBy": "tbd"}
    assert mock.view(call["sid"])["status"] == "completed"


@pytest.mark.parametrize("given", ["PUT", "delete", "anything"])
def test_another_method_requests_the_url_with_post(mock, given):
    url = mock.serve("/app", doc("<Hangup/>"))
    mock.make(url, Method=given)
    mock.advance(4)
    assert [r["method"] for r in mock.requests()] == ["POST"]


@pytest.mark.parametrize("answer, status, at", [("busy", "busy", 4), ("failed", "failed", 1),
                                                ("no-answer", "no-answer", 61)])
def test_a_scripted_callee_that_does_not_answer(mock, answer, status, at):
    url = mock.serve("/app", doc("<Hangup/>"))
    mock.script(TO, answer=answer)
    sid = mock.make(url)["sid"]
    mock.advance(at - 0.1)
    assert mock.view(sid)["status"] in ("queued", "ringing")
    mock.advance(0.1)
    call = mock.view(sid)
    assert call["status"] == status and call["start_time"] is None
    assert (call["duration"], call["duration_billed"], call["price"]) == (0, 0, "0.0000")
    assert mock.paths() == [] and mock.usage(1) == []


def test_a_timeout_shorter_than_the_ring_is_no_answer(mock):
    url = mock.serve("/app", doc("<Hangup/>"))
    mock.script(TO, ring_seconds=10)
    sid = mock.make(url, Timeout="5")["sid"]
    mock.advance(5.9)
    assert mock.view(sid)["status"] == "ringing"
    mock.advance(0.1)
    assert mock.view(sid)["status"] == "no-answer" and mock.paths() == []


def test_the_far_end_hanging_up_completes_the_call(mock):
    url = mock.serve("/app", doc('<Pause length="100"/>'))
    mock.script(TO, hangup_after=7)
    sid = mock.make(url)["sid"]
    mock.advance(11)
    call = mock.view(sid)
    assert (call["status"], call["duration"], call["duration_billed"]) == ("completed", 7, 30)


def test_the_list_filters_by_status_and_start_time_as_calls_progress(mock):
    url = mock.serve("/app", doc('<Pause length="100"/>'))
    first = mock.make(url)["sid"]
    mock.advance(2)
    second = mock.make(url, to="+14155550101")["sid"]
    mock.advance(1)

    def sids(**params) -> list[str]:
        return [c["sid"] for c in mock.get("/Calls.json", **params)["calls"]]
    assert (sids(Status="ringing"), sids(Status="queued")) == ([second, first], [])
    mock.advance(1)
    assert (sids(Status="in-progress"), sids(Status="ringing")) == ([first], [second])
    assert sids(**{"StartTime>": "2030-01-15"}) == [first]
    mock.advance(3)
    assert sids(Status="in-progress") == [second, first]
    for params, found in [({"StartTime": "2030-01-15"}, [second, first]),
                          ({"StartTime>=": "2030-01-15"}, [second, first]),
                          ({"StartTime>": "2030-01-16"}, []),
                          ({"StartTime<": "2030-01-15"}, [second, first]),
                          ({"StartTime<=": "2030-01-14"}, []),
                          ({"StartTimeGte": "2030-01-14", "StartTimeLt": "2030-01-15"},
                           [second, first])]:
        assert sids(**params) == found, params


# -- price, billing, Usages ------------------------------------------------------------------

@pytest.mark.parametrize("seconds, billed", [(10, 30), (30, 30), (31, 36), (61, 66)])
def test_calls_are_billed_30_6(mock, seconds, billed):
    url = mock.serve("/app", doc(f'<Pause length="{seconds}"/>'))
    sid = mock.make(url)["sid"]
    mock.advance(4 + seconds)
    call = mock.view(sid)
    assert (call["duration"], call["duration_billed"]) == (seconds, billed)
    assert Decimal(call["price"]) == (Decimal("0.0130") * billed / 60).quantize(
        Decimal("0.0001"))


@pytest.mark.parametrize("to, from_, product, price", [
    (TO, None, 1, "0.0065"), (TO, "8143", 21, "0.0090"),
    ("sip:bob@pbx.example.com", None, 5, "0.0015")])
def test_the_charge_is_in_usages_by_product(mock, to, from_, product, price):
    url = mock.serve("/app", doc('<Pause length="10"/>'))
    mock.number()
    balance = Decimal(mock.get(".json")["account_balance"])
    params = {"From": from_} if from_ else {}
    sid = mock.make(url, to=to, **params)["sid"]
    mock.advance(14)
    assert mock.view(sid)["price"] == price
    (usage,) = mock.usage(product)
    assert (usage["quantity"], usage["total"]) == (1, 1)
    assert Decimal(usage["total_cost"]) == Decimal(price)
    assert Decimal(mock.get(".json")["account_balance"]) == balance - Decimal(price)


# -- StatusCallback and HeartbeatUrl ---------------------------------------------------------

def test_the_status_callback_is_told_at_connect_and_at_end(mock):
    url = mock.serve("/app", doc('<Pause length="10"/>'))
    callback = mock.serve("/status", "ok", "text/plain")
    sid = mock.make(url, StatusCallback=callback, StatusCallbackMethod="GET")["sid"]
    mock.advance(4)
    (connected,) = mock.requests("call-callback")
    assert connected["path"] == "/status" and connected["method"] == "GET"
    assert connected["at"] == 4.0
    assert connected["fields"]["CallSid"] == sid
    assert connected["fields"]["CallStatus"] == "in-progress"
    assert connected["fields"]["AccountSid"] == SID and connected["fields"]["To"] == TO
    mock.advance(10)
    connected, ended = mock.requests("call-callback")
    assert ended["at"] == 14.0 and ended["fields"]["CallStatus"] == "completed"
    assert ended["fields"]["CallDuration"] == "10" and ended["fields"]["Duration"] == "1"


def test_a_call_that_is_not_answered_calls_back_once(mock):
    callback = mock.serve("/status", "ok", "text/plain")
    mock.script(TO, answer="busy")
    mock.make(mock.serve("/app", doc("<Hangup/>")), StatusCallback=callback)
    mock.advance(10)
    (ended,) = mock.requests("call-callback")
    assert ended["method"] == "POST" and ended["fields"]["CallStatus"] == "busy"


def test_the_heartbeat_comes_every_60_seconds_after_60(mock):
    url = mock.serve("/app", doc('<Pause length="150"/>'))
    beat = mock.serve("/beat", "ok", "text/plain")
    sid = mock.make(url, HeartbeatUrl=beat, HeartbeatMethod="GET")["sid"]
    mock.advance(63.9)
    assert mock.requests("call-callback") == []
    mock.advance(0.1)
    (first,) = mock.requests("call-callback")
    assert (first["path"], first["method"], first["at"]) == ("/beat", "GET", 64.0)
    assert first["fields"]["CallDuration"] == "60" and first["fields"]["CallSid"] == sid
    mock.advance(100)
    beats = mock.requests("call-callback")
    assert [b["at"] for b in beats] == [64.0, 124.0]
    assert mock.view(sid)["status"] == "completed"


# -- IfMachine -------------------------------------------------------------------------------

def test_if_machine_hangup_ends_a_machine_answered_call(mock):
    url = mock.serve("/app", doc('<Pause length="10"/>'))
    mock.script(TO, answer="machine")
    sid = mock.make(url, IfMachine="hangup")["sid"]
    mock.advance(4)
    call = mock.view(sid)
    assert (call["status"], call["answered_by"]) == ("completed", "machine")
    assert mock.paths() == []


def test_if_machine_redirect_requests_the_if_machine_url(mock):
    url = mock.serve("/app", doc('<Pause length="10"/>'))
    machine = mock.serve("/machine", doc("<Say>Leave a message</Say><Hangup/>"))
    mock.script(TO, answer="machine")
    sid = mock.make(url, IfMachine="redirect", IfMachineUrl=machine,
                    IfMachineMethod="GET")["sid"]
    mock.advance(4)
    ((fetch),) = mock.requests()
    assert (fetch["path"], fetch["method"]) == ("/machine", "GET")
    assert fetch["fields"]["AnsweredBy"] == "machine"
    mock.advance(2)
    assert mock.view(sid)["status"] == "completed"


@pytest.mark.parametrize("answer", ["machine", "human"])
def test_if_machine_continue_goes_on_as_usual(mock, answer):
    url = mock.serve("/app", doc('<Pause length="10"/>'))
    mock.serve("/machine", doc("<Hangup/>"))
    mock.script(TO, answer=answer)
    sid = mock.make(url, IfMachine="continue",
                    IfMachineUrl=mock.server.url_for("/machine"))["sid"]
    mock.advance(4)
    assert mock.paths() == [("/app", 4.0)]
    assert mock.view(sid)["answered_by"] == answer


def test_a_human_with_if_machine_redirect_gets_the_url(mock):
    url = mock.serve("/app", doc('<Pause length="10"/>'))
    sid = mock.make(url, IfMachine="redirect",
                    IfMachineUrl=mock.serve("/machine", doc("<Hangup/>")))["sid"]
    mock.advance(4)
    assert mock.paths() == [("/app", 4.0)]
    assert mock.view(sid)["answered_by"] == "human"


# -- Interrupt Live Call ---------------------------------------------------------------------

def test_a_new_url_takes_effect_when_the_running_element_completes(mock):
    url = mock.serve("/first", doc('<Pause length="10"/><Say>never said</Say>'))
    second = mock.serve("/second", doc('<Pause length="2"/>'))
    sid = mock.make(url)["sid"]
    mock.advance(6)
    body = mock.post(f"/Calls/{sid}.json", Url=second, Method="GET")
    assert body["status"] == "in-progress"
    mock.advance(7.9)
    assert mock.paths() == [("/first", 4.0)]
    mock.advance(0.1)
    assert mock.paths() == [("/first", 4.0), ("/second", 14.0)]
    assert mock.requests()[1]["method"] == "GET"
    mock.advance(2)
    call = mock.view(sid)
    assert (call["status"], call["duration"]) == ("completed", 12)


@pytest.mark.parametrize("given, method", [("GET", "GET"), ("get", "GET"), ("PUT", "POST"),
                                           (None, "POST")])
def test_the_new_url_is_requested_with_its_method(mock, answered, given, method):
    data = {"Url": mock.serve("/second", doc("<Hangup/>"))}
    if given:
        data["Method"] = given
    mock.post(f"/Calls/{answered}.json", **data)
    mock.advance(100)
    assert [(r["path"], r["method"]) for r in mock.requests()][1:] == [("/second", method)]


def test_a_new_url_given_before_the_answer_is_requested_at_the_answer(mock):
    mock.serve("/first", doc("<Hangup/>"))
    second = mock.serve("/second", doc("<Hangup/>"))
    sid = mock.make(mock.server.url_for("/first"))["sid"]
    mock.advance(2)
    assert mock.post(f"/Calls/{sid}.json", Url=second)["status"] == "ringing"
    mock.advance(2)
    assert mock.paths() == [("/second", 4.0)]


def test_an_interruption_during_a_gather_replaces_its_action(mock):
    url = mock.serve("/menu", doc('<Gather action="/choice" timeout="10"><Say>Press</Say>'
                                  '</Gather>'))
    mock.serve("/choice", doc("<Hangup/>"))
    second = mock.serve("/second", doc("<Hangup/>"))
    mock.script(TO, digits=["5"])
    sid = mock.make(url)["sid"]
    mock.advance(5)
    mock.post(f"/Calls/{sid}.json", Url=second)
    mock.advance(10)
    assert mock.paths() == [("/menu", 4.0), ("/second", 6.0)]
    assert mock.view(sid)["status"] == "completed"


def test_an_interruption_during_a_gather_waiting_for_input_comes_at_its_timeout(mock):
    url = mock.serve("/menu", doc('<Gather action="/choice" timeout="10"><Say>Press</Say>'
                                  '</Gather><Say>no input</Say>'))
    second = mock.serve("/second", doc("<Hangup/>"))
    sid = mock.make(url)["sid"]
    mock.advance(6)
    mock.post(f"/Calls/{sid}.json", Url=second)
    mock.advance(20)
    assert mock.paths() == [("/menu", 4.0), ("/second", 15.0)]


def test_status_completed_ends_a_call_in_progress(mock):
    url = mock.serve("/app", doc('<Pause length="100"/>'))
    callback = mock.serve("/status", "ok", "text/plain")
    sid = mock.make(url, StatusCallback=callback)["sid"]
    mock.advance(10)
    ended = mock.post(f"/Calls/{sid}.json", Status="completed")
    assert (ended["status"], ended["duration"], ended["duration_billed"]) == \
        ("completed", 6, 30)
    assert ended["end_time"] == "Tue, 15 Jan 2030 00:00:10 -0000"
    assert [c["fields"]["CallStatus"] for c in mock.requests("call-callback")] == \
        ["in-progress", "completed"]
    mock.advance(200)
    assert mock.view(sid) == ended and mock.paths() == [("/app", 4.0)]


def test_status_canceled_is_refused_for_a_call_in_progress(mock):
    sid = mock.make(mock.serve("/app", doc('<Pause length="100"/>')))["sid"]
    mock.advance(10)
    before = mock.view(sid)
    mock.refused(f"/Calls/{sid}.json", 400, 21220, Status="canceled")
    mock.refused(f"/Calls/{sid}.json", 400, 21220, Status="canceled",
                 Url="https://example.com/x")
    assert mock.view(sid) == before


def test_canceling_a_ringing_call_tells_the_status_callback(mock):
    callback = mock.serve("/status", "ok", "text/plain")
    sid = mock.make(mock.serve("/app", doc("<Hangup/>")), StatusCallback=callback)["sid"]
    mock.advance(2)
    assert mock.post(f"/Calls/{sid}.json", Status="canceled")["status"] == "canceled"
    mock.advance(10)
    (ended,) = mock.requests("call-callback")
    assert ended["fields"]["CallStatus"] == "canceled"
    assert mock.paths() == [] and mock.view(sid)["status"] == "canceled"


# -- Send Digits, Play Audio, Apply Voice Effect on an answered call -------------------------

@pytest.fixture
def answered(mock) -> str:
    """A call in progress (t=5) in a long Pause; its SID."""
    sid = mock.make(mock.serve("/app", doc('<Pause length="100"/>')))["sid"]
    mock.advance(5)
    assert mock.view(sid)["status"] == "in-progress"
    return sid


def test_digits_are_kept_on_the_call(mock, answered):
    body = mock.post(f"/Calls/{answered}.json", PlayDtmf="12ww34", PlayDtmfDirection="in")
    assert body["sid"] == answered and body["status"] == "in-progress"
    reply = mock.client.post(f"{ROOT}/Calls/{answered}", data={"PlayDtmf": "4@2000 #"},
                             headers=H)
    assert reply.status_code == 200 and b"<Call>" in reply.data
    sent = mock.stored(answered)["_dtmf_sent"]
    assert [(s["digits"], s["direction"], s["gathered"]) for s in sent] == \
        [("12ww34", "in", False), ("4@2000 #", "out", False)]
    assert sent[0]["date"] == "Tue, 15 Jan 2030 00:00:05 -0000"


def test_digits_sent_out_are_the_input_of_a_waiting_gather(mock):
    url = mock.serve("/menu", doc('<Gather action="/choice" numDigits="3" timeout="10">'
                                  '<Say>Press</Say></Gather><Say>no input</Say>'))
    mock.serve("/choice", doc("<Hangup/>"))
    sid = mock.make(url)["sid"]
    mock.advance(6)
    mock.post(f"/Calls/{sid}.json", PlayDtmf="1w2@300 3 4", PlayDtmfDirection="out")
    mock.advance(1)
    assert mock.paths() == [("/menu", 4.0), ("/choice", 6.0)]
    assert mock.requests()[1]["fields"]["Digits"] == "123"
    assert mock.view(sid)["status"] == "completed"
    assert mock.stored(sid)["_dtmf_sent"][0]["gathered"] is True


def test_digits_sent_in_leave_the_gather_waiting(mock):
    url = mock.serve("/menu", doc('<Gather action="/choice" timeout="10"><Say>Press</Say>'
                                  '</Gather><Pause length="3"/>'))
    sid = mock.make(url)["sid"]
    mock.advance(6)
    mock.post(f"/Calls/{sid}.json", PlayDtmf="12", PlayDtmfDirection="in")
    mock.advance(20)
    assert mock.paths() == [("/menu", 4.0)]
    call = mock.view(sid)
    assert (call["status"], call["end_time"]) == ("completed",
                                                  "Tue, 15 Jan 2030 00:00:18 -0000")


def test_digits_stop_at_the_finish_key(mock):
    url = mock.serve("/menu", doc('<Gather action="/choice" timeout="10"/>'))
    mock.serve("/choice", doc("<Hangup/>"))
    sid = mock.make(url)["sid"]
    mock.advance(5)
    mock.post(f"/Calls/{sid}.json", PlayDtmf="42#7")
    assert mock.requests()[1]["fields"]["Digits"] == "42"


def test_bad_digits_change_nothing_on_an_answered_call(mock, answered):
    before = mock.stored(answered)
    mock.refused(f"/Calls/{answered}.json", 400, 21206, PlayDtmf="12x")
    mock.refused(f"/Calls/{answered}.json", 400, 21206, PlayDtmf="1", PlayDtmfDirection="up")
    assert mock.stored(answered) == before and "_dtmf_sent" not in before


def test_audio_played_is_kept_on_the_call(mock, answered):
    body = mock.post(f"/Calls/{answered}/Play.json", AudioUrl="https://example.com/a.mp3",
                     Direction="in", Loop="true")
    assert body["sid"] == answered and body["status"] == "in-progress"
    reply = mock.client.post(f"{ROOT}/Calls/{answered}/Play",
                             data={"AudioUrl": "https://example.com/b.wav"}, headers=H)
    assert reply.status_code == 200 and b"<Sid>" + answered.encode() in reply.data
    plays = mock.stored(answered)["_plays"]
    assert [(p["audio_url"], p["direction"], p["loop"]) for p in plays] == [
        ("https://example.com/a.mp3", "in", True), ("https://example.com/b.wav", "both", False)]


def test_bad_audio_changes_nothing_on_an_answered_call(mock, answered):
    before = mock.stored(answered)
    mock.refused(f"/Calls/{answered}/Play.json", 400, 21205)
    mock.refused(f"/Calls/{answered}/Play.json", 400, 10022,
                 AudioUrl="https://example.com/a.mp3", Direction="left")
    assert mock.stored(answered) == before


def test_the_effect_is_kept_on_the_call(mock, answered):
    body = mock.post(f"/Calls/{answered}/Effect.json", AudioDirection="in", Pitch="0.5",
                     PitchSemiTones="-14", PitchOctaves="1", Rate="2", Tempo="0.75")
    assert body["sid"] == answered
    effect = mock.stored(answered)["_effect"]
    assert {k: v for k, v in effect.items() if k != "date"} == {
        "audio_direction": "in", "pitch": 0.5, "pitch_semi_tones": -14.0,
        "pitch_octaves": 1.0, "rate": 2.0, "tempo": 0.75}
    reply = mock.client.post(f"{ROOT}/Calls/{answered}/Effect",
                             data={"AudioDirections": "out"}, headers=H)
    assert reply.status_code == 200 and b"<Status>in-progress</Status>" in reply.data
    effect = mock.stored(answered)["_effect"]
    assert {k: v for k, v in effect.items() if k != "date"} == {
        "audio_direction": "out", "pitch": 1.0, "pitch_semi_tones": 0.0,
        "pitch_octaves": 0.0, "rate": 1.0, "tempo": 1.0}


def test_a_bad_effect_changes_nothing_on_an_answered_call(mock, answered):
    mock.post(f"/Calls/{answered}/Effect.json", Pitch="2")
    before = mock.stored(answered)
    mock.refused(f"/Calls/{answered}/Effect.json", 400, 21222, Pitch="2", Tempo="0")
    mock.refused(f"/Calls/{answered}/Effect.json", 400, 21222, AudioDirection="both")
    assert mock.stored(answered) == before


def test_the_zang_python_client_drives_a_live_call(httpserver, mock_server, monkeypatch):
    """zang-python's calls connector (an extracted copy at /tmp/zang-python) against a
    running mock: it sends AudioDirection (the seed: AudioDirections), Loop as Python's
    True, Url, Method and Status together."""
    if not os.path.isdir(ZANG_PYTHON):
        pytest.skip("zang-python is not available at /tmp/zang-python")
    monkeypatch.syspath_prepend(ZANG_PYTHON)
    from zang.configuration.configuration import Configuration
    from zang.connectors.connector_factory import ConnectorFactory
    from zang.domain.enums.audio_direction import AudioDirection
    from zang.domain.enums.call_status import CallStatus
    from zang.domain.enums.end_call_status import EndCallStatus
    from zang.domain.enums.http_method import HttpMethod
    from zang.domain.enums.recording_audio_direction import RecordingAudioDirection
    from zang.exceptions.zang_exception import ZangException

    mock_server.clock.freeze(START)
    httpserver.expect_request("/app").respond_with_data(doc('<Pause length="100"/>'),
                                                        content_type=XML)
    config = Configuration(SID, "token", url=mock_server.url_for("avaya") + "/v2")
    calls = ConnectorFactory(config).callsConnector
    made = calls.makeCall(TO, "8143", httpserver.url_for("/app"), method=HttpMethod.GET,
                          timeout=30, hideCallerId=True, playDtmf="1w2")
    assert made.callStatus == CallStatus.QUEUED and made.callerIdBlocked is True
    mock_server.clock.advance(5)
    assert calls.viewCall(made.sid).callStatus == CallStatus.IN_PROGRESS
    calls.sendDigitsToLiveCall(made.sid, "0123#", AudioDirection.OUT)
    calls.playAudioToLiveCall(made.sid, "https://example.com/a.mp3",
                              RecordingAudioDirection.BOTH, True)
    calls.applyVoiceEffect(made.sid, AudioDirection.IN, 2, 4, 1, 2, 1)
    with pytest.raises(ZangException):
        calls.applyVoiceEffect(made.sid, AudioDirection.OUT, 5, 4, 3, 2, 1)
    state = mock_server.app.test_client().get("/_mock/state").json
    stored = state["providers"]["avaya"]["tenants"][SID]["calls"][made.sid]
    assert [(d["digits"], d["direction"]) for d in stored["_dtmf_sent"]] == [("0123#", "out")]
    assert [(p["direction"], p["loop"]) for p in stored["_plays"]] == [("both", True)]
    assert (stored["_effect"]["audio_direction"], stored["_effect"]["pitch_octaves"]) == \
        ("in", 1.0)
    ended = calls.interruptLiveCall(made.sid, "https://example.com/next", HttpMethod.GET,
                                    EndCallStatus.COMPLETED)
    assert ended.callStatus == CallStatus.COMPLETED and ended.duration == 1
    listed = calls.listCalls(to=TO, from_="8143", status=CallStatus.COMPLETED,
                             startTimeGte=date(2030, 1, 15), startTimeLt=date(2030, 1, 15))
    assert [call.sid for call in listed.elements] == [made.sid]


# -- inbound calls ---------------------------------------------------------------------------

def test_an_inbound_call_requests_the_number_s_voice_url(mock):
    voice = mock.serve("/voice", doc('<Pause length="10"/>'))
    number = mock.number()
    mock.post(f"/IncomingPhoneNumbers/{number['sid']}.json", VoiceUrl=voice,
              VoiceMethod="GET")
    reply = mock.client.post("/_mock/avaya/calls", json={
        "account_sid": SID, "from": "+1 (415) 555-0123", "to": number["phone_number"]})
    assert reply.status_code == 201, reply.json
    sid = reply.json["sid"]
    assert reply.json["direction"] == "inbound" and reply.json["from"] == CALLER
    mock.advance(0)
    (fetch,) = mock.requests()
    assert (fetch["path"], fetch["method"], fetch["at"]) == ("/voice", "GET", 0.0)
    assert fetch["fields"]["Direction"] == "inbound"
    assert fetch["fields"]["To"] == number["phone_number"]
    mock.advance(10)
    call = mock.view(sid)
    assert (call["status"], call["duration"], call["price"]) == ("completed", 10, "0.0035")
    assert call["phone_number_sid"] == number["sid"]
    assert [(u["quantity"], u["total_cost"]) for u in mock.usage(2)] == [(1, "0.003500")]


# -- the engine's error paths ----------------------------------------------------------------

BAD_DOCUMENTS = {
    "500": (11200, doc("<Hangup/>"), XML, 500),
    "text/plain": (12300, doc("<Hangup/>"), "text/plain", 200),
    "malformed": (12100, "<Response><Say>unclosed</Response>", XML, 200),
    "root Foo": (12102, "<Foo><Say>hi</Say></Foo>", XML, 200),
    "unknown verb": (12200, doc("<Dance/>"), XML, 200),
    "Pause length x": (13910, doc('<Pause length="x"/>'), XML, 200),
    "Gather timeout 0": (13313, doc('<Gather timeout="0"/>'), XML, 200),
}


def bad_url(mock, case: str) -> tuple[int, str]:
    """The error code and Url of a broken document."""
    if case == "unreachable":
        return 11205, f"http://127.0.0.1:{closed_port()}/app"
    code, body, content_type, status = BAD_DOCUMENTS[case]
    return code, mock.serve("/app", body, content_type, status)


@pytest.mark.parametrize("case", ["unreachable", *BAD_DOCUMENTS])
def test_a_broken_document_ends_the_call_with_a_notification(mock, case):
    code, url = bad_url(mock, case)
    sid = mock.make(url)["sid"]
    mock.advance(4)
    call = mock.view(sid)
    assert call["status"] == "completed" and call["end_time"] == \
        "Tue, 15 Jan 2030 00:00:04 -0000"
    (notification,) = mock.notifications(sid)
    assert notification["error_code"] == code and notification["log"] == 0
    assert notification["request_url"] == url


@pytest.mark.parametrize("case", ["unreachable", *BAD_DOCUMENTS])
def test_a_broken_document_goes_to_the_fallback_url(mock, case):
    code, url = bad_url(mock, case)
    fallback = mock.serve("/fallback", doc('<Pause length="5"/>'))
    sid = mock.make(url, FallbackUrl=fallback, FallbackMethod="GET")["sid"]
    mock.advance(4)
    error, warning = mock.notifications(sid)
    assert (error["error_code"], warning["error_code"], warning["log"]) == (code, 12105, 1)
    assert warning["request_url"] == fallback
    fetched = [r for r in mock.requests() if r["path"] == "/fallback"]
    assert len(fetched) == 1 and fetched[0]["method"] == "GET"
    assert fetched[0]["fields"]["ErrorCode"] == str(code)
    assert fetched[0]["fields"]["ErrorUrl"] == url
    assert mock.view(sid)["status"] == "in-progress"
    mock.advance(5)
    assert mock.view(sid)["status"] == "completed"


def test_a_broken_fallback_ends_the_call(mock):
    url = mock.serve("/app", doc("<Dance/>"))
    fallback = mock.serve("/fallback", doc('<Pause length="x"/>'))
    sid = mock.make(url, FallbackUrl=fallback)["sid"]
    mock.advance(4)
    assert [n["error_code"] for n in mock.notifications(sid)] == [12200, 12105, 13910]
    assert mock.view(sid)["status"] == "completed"
