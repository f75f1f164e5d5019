"""Avaya InboundXML, part 2, as only the mock can show it (seed 004 error table, 13201-13614
and 14101-14111; the elements and attributes zang-python's ``zang/inboundxml`` builds):
Dial with Number, Sip, User and Conference, Record and PlayLastRecording, Sms and Mms,
Ping, Refer, Connect/Agent, GetSpeech, and the InboundXML reply to an inbound SMS. A local
application server (pytest-httpserver) serves the documents and receives every request;
the mock clock is frozen and advanced, never slept on."""
from __future__ import annotations

import base64
import csv
import io
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from avaya_mock import AvayaMock
from mockserver.providers.avaya.errors import MESSAGES

pytestmark = pytest.mark.mock_only
SID = "AC" + "9" * 32
START = "2030-05-04T12:00:00Z"
XML = "application/xml"
CALLER = "+14155550100"
MOBILE = "+14155550177"
OTHER = "+14155550188"
ZANG_PYTHON = Path("/tmp/zang-python")


class Mock(AvayaMock):
    """An app with a frozen clock and one account, as the tests drive it."""

    def __init__(self, httpserver, config: dict | None = None) -> None:
        super().__init__(SID, START, config)
        self.http = httpserver

    def serve(self, path: str, document: str) -> str:
        """Serve ``<Response>document</Response>`` at ``path``; its URL."""
        self.http.expect_request(path).respond_with_data(
            f"<Response>{document}</Response>", content_type=XML)
        return self.http.url_for(path)

    def sink(self, path: str) -> str:
        """A URL that answers 200 with no document."""
        self.http.expect_request(path).respond_with_data("ok", content_type="text/plain")
        return self.http.url_for(path)

    def number(self, **settings) -> str:
        """A number of the account with Update Number ``settings``; its E.164 form."""
        number = self.post("/IncomingPhoneNumbers.json", AreaCode="212")
        if settings:
            self.post(f"/IncomingPhoneNumbers/{number['sid']}.json", **settings)
        return number["phone_number"]

    def call_in(self, document: str, caller: str = CALLER, fallback: str | None = None,
                **script) -> dict:
        """A call from ``caller`` to a new number whose VoiceUrl serves ``document``."""
        settings = {"VoiceUrl": self.serve("/voice", document)}
        if fallback:
            settings["VoiceFallbackUrl"] = self.serve("/fallback", fallback)
        to = self.number(**settings)
        return self.control("/_mock/avaya/calls", account_sid=SID, to=to,
                            **{"from": caller}, **script)

    def script(self, to: str, **script) -> None:
        """What ``to`` does when the account calls it (``POST /_mock/avaya/callees``)."""
        self.control("/_mock/avaya/callees", account_sid=SID, to=to, **script)

    def call(self, sid: str) -> dict:
        """View Call."""
        return self.get(f"/Calls/{sid}.json")

    def legs(self, parent_sid: str) -> list[dict]:
        """The calls whose parent is ``parent_sid`` (the legs its Dials made)."""
        return [c for c in self.get("/Calls.json")["calls"]
                if c["parent_call_sid"] == parent_sid]

    def notifications(self, code: int | None = None) -> list[dict]:
        """The account's Notifications, of one error ``code`` if given."""
        return [n for n in self.get("/Notifications.json")["notifications"]
                if code is None or n["error_code"] == code]

    def received(self, path: str) -> list[dict[str, str]]:
        """The parameters of every request the application server got at ``path``."""
        found = []
        for request, _ in self.http.log:
            if request.path == path:
                raw = request.query_string.decode() if request.method == "GET" \
                    else request.get_data(as_text=True)
                values = parse_qs(raw, keep_blank_values=True)
                found.append({key: value[0] for key, value in values.items()})
        return found

    def backend(self):
        """The Avaya provider's backend."""
        return self.services.backends["avaya"]


@pytest.fixture
def mock(httpserver):
    """A fresh mock, its application server ``httpserver``."""
    return Mock(httpserver)


# -- Dial ------------------------------------------------------------------------------------

def test_forward_dials_a_number_and_reports_to_the_action(mock):
    """The documented forward: the callee answers after 4 s and talks for 30 s."""
    mock.script(MOBILE, ring_seconds=4, hangup_after=30)
    mock.serve("/after", "<Hangup/>")
    call = mock.call_in(f'<Dial action="/after" timeout="20"><Number>{MOBILE}</Number></Dial>')

    mock.advance(4)
    legs = mock.legs(call["sid"])
    assert len(legs) == 1 and legs[0]["status"] == "ringing"
    assert mock.received("/after") == []
    mock.advance(120)

    after = mock.received("/after")
    leg = mock.legs(call["sid"])[0]
    assert len(after) == 1
    assert after[0]["DialCallStatus"] == "completed" and after[0]["DialCallDuration"] == "30"
    assert after[0]["DialCallSid"] == leg["sid"] and after[0]["CallSid"] == call["sid"]
    assert leg["direction"] == "outbound-dial" and leg["to"] == MOBILE
    assert leg["from"] == CALLER and leg["status"] == "completed" and leg["duration"] == 30
    assert mock.call(call["sid"])["status"] == "completed"
    view = ET.fromstring(mock.get(f"/Calls/{leg['sid']}"))
    assert view.findtext(".//ParentCallSid") == call["sid"]
    assert view.findtext(".//Direction") == "outbound-dial"
    rows = list(csv.DictReader(io.StringIO(mock.get("/Calls.csv"))))
    assert [row["direction"] for row in rows if row["sid"] == leg["sid"]] == ["outbound-dial"]
    assert mock.notifications() == []


@pytest.mark.parametrize("script, status", [
    ({"answer": "busy", "ring_seconds": 2}, "busy"),
    ({"answer": "no-answer"}, "no-answer"),
    ({"answer": "failed"}, "failed"),
    ({"ring_seconds": 15}, "no-answer"),
])
def test_dial_that_is_not_answered(mock, script, status):
    mock.script(MOBILE, **script)
    mock.serve("/after", "<Hangup/>")
    call = mock.call_in(f'<Dial action="/after" timeout="10">{MOBILE}</Dial>')
    mock.advance(60)
    after = mock.received("/after")
    assert len(after) == 1 and after[0]["DialCallStatus"] == status
    assert after[0]["DialCallDuration"] == "0"
    leg = mock.legs(call["sid"])[0]
    assert leg["status"] == status and after[0]["DialCallSid"] == leg["sid"]
    assert leg["price"] == "0.0000"


def test_no_answer_comes_at_the_dial_timeout(mock):
    mock.script(MOBILE, answer="no-answer")
    mock.serve("/after", "<Hangup/>")
    mock.call_in(f'<Dial action="/after" timeout="10"><Number>{MOBILE}</Number></Dial>')
    mock.advance(10.5)                       # rings 1 s after the Dial, then 10 s
    assert mock.received("/after") == []
    mock.advance(1)
    assert [r["DialCallStatus"] for r in mock.received("/after")] == ["no-answer"]


def test_dial_without_action_goes_on_with_the_document(mock):
    mock.script(MOBILE, hangup_after=5)
    mock.serve("/next", "<Hangup/>")
    call = mock.call_in(f"<Dial>{MOBILE}</Dial><Redirect>/next</Redirect>")
    mock.advance(60)
    nxt = mock.received("/next")
    assert len(nxt) == 1 and nxt[0]["CallSid"] == call["sid"] and "DialCallStatus" not in nxt[0]
    assert mock.call(call["sid"])["status"] == "completed"


def test_first_leg_to_answer_wins(mock):
    mock.script(MOBILE, ring_seconds=6, hangup_after=10)
    mock.script(OTHER, ring_seconds=2, hangup_after=10)
    mock.serve("/after", "<Hangup/>")
    call = mock.call_in(f'<Dial action="/after"><Number>{MOBILE}</Number>'
                        f'<Number>{OTHER}</Number></Dial>', hangup_after=100)
    mock.advance(60)
    legs = {leg["to"]: leg for leg in mock.legs(call["sid"])}
    assert legs[OTHER]["status"] == "completed" and legs[OTHER]["duration"] == 10
    assert legs[MOBILE]["status"] == "canceled" and legs[MOBILE]["duration"] == 0
    after = mock.received("/after")
    assert len(after) == 1 and after[0]["DialCallSid"] == legs[OTHER]["sid"]


def test_every_leg_failing_reports_the_summary(mock):
    mock.script(MOBILE, answer="busy", ring_seconds=1)
    mock.script(OTHER, answer="failed")
    mock.serve("/after", "<Hangup/>")
    call = mock.call_in(f'<Dial action="/after"><Number>{MOBILE}</Number>'
                        f'<Number>{OTHER}</Number></Dial>')
    mock.advance(30)
    after = mock.received("/after")
    assert len(after) == 1 and after[0]["DialCallStatus"] == "busy"
    assert {leg["status"] for leg in mock.legs(call["sid"])} == {"busy", "failed"}


def test_time_limit_ends_the_bridge(mock):
    mock.serve("/after", "<Hangup/>")
    mock.call_in(f'<Dial action="/after" timeLimit="12" callerId="+1 (415) 555-0999">'
                 f'<Number>{MOBILE}</Number></Dial>')
    mock.advance(60)
    after = mock.received("/after")
    assert after[0]["DialCallStatus"] == "completed" and after[0]["DialCallDuration"] == "12"
    leg = mock.call(after[0]["DialCallSid"])
    assert leg["from"] == "+14155550999"


def test_caller_hanging_up_cancels_the_ringing_leg(mock):
    mock.script(MOBILE, ring_seconds=20)
    call = mock.call_in(f"<Dial>{MOBILE}</Dial>", hangup_after=5)
    mock.advance(60)
    assert mock.call(call["sid"])["status"] == "completed"
    [leg] = mock.legs(call["sid"])
    assert leg["status"] == "canceled" and leg["duration"] == 0


def test_caller_hanging_up_ends_the_bridged_leg(mock):
    call = mock.call_in(f"<Dial>{MOBILE}</Dial>", hangup_after=30)
    mock.advance(60)
    [leg] = mock.legs(call["sid"])
    assert leg["status"] == "completed" and leg["duration"] == 26   # answered at 4 s


def test_number_url_runs_on_the_leg_before_the_bridge(mock):
    mock.script(MOBILE, hangup_after=20)
    mock.serve("/whisper", "<Say>Call from the website</Say>")
    mock.serve("/after", "<Hangup/>")
    call = mock.call_in(f'<Dial action="/after"><Number url="/whisper" method="GET" '
                        f'sendDigits="ww12">{MOBILE}</Number></Dial>')
    mock.advance(60)
    [leg] = mock.legs(call["sid"])
    whisper = mock.received("/whisper")
    assert len(whisper) == 1 and whisper[0]["CallSid"] == leg["sid"]
    assert whisper[0]["Direction"] == "outbound-dial"
    after = mock.received("/after")
    assert after[0]["DialCallStatus"] == "completed" and after[0]["DialCallDuration"] == "20"


def test_dial_inside_a_dialled_leg_is_13201(mock):
    mock.serve("/whisper", f"<Dial>{OTHER}</Dial>")
    mock.serve("/after", "<Hangup/>")
    call = mock.call_in(f'<Dial action="/after"><Number url="/whisper">{MOBILE}</Number>'
                        "</Dial>")
    mock.advance(60)
    [leg] = mock.legs(call["sid"])
    [note] = mock.notifications(13201)
    assert note["call_sid"] == leg["sid"]
    assert mock.received("/after")[0]["DialCallSid"] == leg["sid"]
    assert [c for c in mock.get("/Calls.json")["calls"] if c["to"] == OTHER] == []


def test_sip_noun_dials_a_sip_leg(mock):
    mock.script("sip:alice@pbx.example.com", hangup_after=8)
    mock.serve("/after", "<Hangup/>")
    call = mock.call_in('<Dial action="/after"><Sip username="bob" password="pw">'
                        "alice@pbx.example.com</Sip></Dial>")
    mock.advance(60)
    [leg] = mock.legs(call["sid"])
    assert leg["to"] == "sip:alice@pbx.example.com" and leg["duration"] == 8
    assert mock.received("/after")[0]["DialCallDuration"] == "8"


def test_conference_noun_joins_and_the_action_follows(mock):
    mock.serve("/left", "<Hangup/>")
    call = mock.call_in('<Dial action="/left"><Conference>standup</Conference></Dial>',
                        hangup_after=40)
    mock.advance(5)
    [room] = mock.get("/Conferences.json")["conferences"]
    assert room["friendly_name"] == "standup"
    parts = mock.get(f"/Conferences/{room['sid']}/Participants.json")["participants"]
    assert [p["call_sid"] for p in parts] == [call["sid"]]
    mock.advance(60)
    assert mock.call(call["sid"])["status"] == "completed"


def test_conference_ending_requests_the_dial_action(mock):
    """Two callers; the first leaves with endConferenceOnExit, which ends the conference
    for the second: its Dial's action is requested."""
    mock.serve("/left", "<Hangup/>")
    room = '<Dial action="/left"><Conference endConferenceOnExit="{}">standup</Conference></Dial>'
    first = mock.call_in(room.format("true"), hangup_after=20)
    to = mock.call(first["sid"])["to"]
    second = mock.control("/_mock/avaya/calls", account_sid=SID, to=to, **{"from": OTHER})
    mock.advance(60)
    left = mock.received("/left")
    assert [r["CallSid"] for r in left] == [second["sid"]]
    assert left[0]["DialCallStatus"] == "completed"


# -- errors ----------------------------------------------------------------------------------

CODES = [
    (f'<Dial method="PUT">{MOBILE}</Dial>', 13210),
    (f'<Dial timeout="0">{MOBILE}</Dial>', 13212),
    (f'<Dial hangupOnStar="maybe">{MOBILE}</Dial>', 13213),
    (f'<Dial callerId="anonymous">{MOBILE}</Dial>', 13214),
    ("<Dial><Say>hello</Say></Dial>", 13215),
    (f"<Dial><Conference>room</Conference><Number>{MOBILE}</Number></Dial>", 13215),
    (f'<Dial timeLimit="-5">{MOBILE}</Dial>', 13216),
    (f'<Dial><Number method="PUT">{MOBILE}</Number></Dial>', 13221),
    (f'<Dial><Number sendDigits="12x">{MOBILE}</Number></Dial>', 13222),
    ("<Dial><Number>call me</Number></Dial>", 13223),
    ("<Dial><Sip>nobody</Sip></Dial>", 13223),
    ("<Dial><Number>+1555</Number></Dial>", 13224),
    ("<Dial></Dial>", 13226),
    ("<Dial><User></User></Dial>", 13227),
    ("<Dial><Conference></Conference></Dial>", 13237),
    ("<Dial><User>alice</User></Dial>", 13239),
    ('<Record method="PUT"/>', 13610),
    ('<Record timeout="soon"/>', 13611),
    ('<Record maxLength="0"/>', 13612),
    ('<Record finishOnKey="A"/>', 13613),
    ("<PlayLastRecording/>", 13421),
    ('<Sms to="nobody">Hi</Sms>', 14101),
    (f'<Sms from="{OTHER}">Hi</Sms>', 14102),
    ("<Sms></Sms>", 14103),
    ('<Sms method="PUT">Hi</Sms>', 14104),
    ('<Sms statusCallback="ftp://example.com/x">Hi</Sms>', 14105),
    ('<Sms statusCallback="http://example.com/x" statusCallbackMethod="PUT">Hi</Sms>', 14104),
    ('<Mms mediaUrl="http://example.com/cat.exe">Hi</Mms>', 14117),
    ("<Mms>Hi</Mms>", 14115),
    ("<GetSpeech><Say>Speak</Say></GetSpeech>", 13335),
    ("<Connect><Agent>AG00000000000000000000000000000000</Agent></Connect>", 21227),
    ("<Connect></Connect>", 12200),
    ("<Ping></Ping>", 11100),
    ("<Refer></Refer>", 12200),
    ('<Say language="xx">Hello</Say>', 12200),
    ('<Gather input="keys"><Say>Press</Say></Gather>', 12200),
    ('<Gather language="english"><Say>Press</Say></Gather>', 12200),
]


@pytest.mark.parametrize("document, code", CODES)
def test_each_code_is_a_notification_on_the_call(mock, document, code):
    call = mock.call_in(document)
    mock.advance(30)
    notes = mock.notifications(code)
    assert len(notes) == 1 and notes[0]["call_sid"] == call["sid"]
    assert notes[0]["log"] == 0
    assert parse_qs(notes[0]["message_text"])["Msg"] == [MESSAGES[code]]
    assert mock.call(call["sid"])["status"] == "completed"
    assert mock.legs(call["sid"]) == []
    assert mock.get("/SMS/Messages.json")["total"] == 0


def test_a_trial_account_dialling_abroad_is_13225(mock):
    """A trial account (fixtures/avaya/accounts.json) calls a US number whose document
    dials London."""
    sid, token = "ACa0000000000000000000000000000001", "trial-token"
    auth = {"Authorization": "Basic " + base64.b64encode(f"{sid}:{token}".encode()).decode()}
    url = mock.serve("/abroad", "<Dial><Number>+442071838750</Number></Dial>")
    reply = mock.client.post(f"/avaya/v2/Accounts/{sid}/Calls.json", headers=auth,
                             data={"To": MOBILE, "From": "8143", "Url": url})
    assert reply.status_code == 200, reply.json
    mock.advance(30)
    notes = mock.client.get(f"/avaya/v2/Accounts/{sid}/Notifications.json",
                            headers=auth).json["notifications"]
    assert [(n["error_code"], n["call_sid"]) for n in notes] == [(13225, reply.json["sid"])]
    calls = mock.client.get(f"/avaya/v2/Accounts/{sid}/Calls.json", headers=auth).json
    assert calls["total"] == 1


def test_a_bad_element_uses_the_fallback_url(mock):
    call = mock.call_in('<Say>One moment</Say><Dial timeout="never">+14155550177</Dial>',
                        fallback="<Say>Sorry</Say><Hangup/>")
    mock.advance(30)
    [note] = mock.notifications(13212)
    assert note["call_sid"] == call["sid"]
    fallback = mock.received("/fallback")
    assert len(fallback) == 1 and fallback[0]["ErrorCode"] == "13212"
    assert fallback[0]["ErrorUrl"].endswith("/voice")
    assert len(mock.notifications(12105)) == 1


# -- Record ----------------------------------------------------------------------------------

def test_voicemail_records_and_transcribes(mock):
    mock.serve("/saved", "<Hangup/>")
    mock.sink("/transcribed")
    call = mock.call_in('<Say>Leave a message</Say><Record action="/saved" maxLength="30" '
                        'fileFormat="wav" transcribe="true" transcribeCallback="/transcribed"/>',
                        say="Call me back", record_seconds=8)
    mock.advance(3)                         # Say 1 s, then 8 s of speech and 5 of silence
    assert mock.received("/saved") == []
    mock.advance(200)
    [saved] = mock.received("/saved")
    [rec] = mock.get("/Recordings.json", CallSid=call["sid"])["recordings"]
    assert saved["RecordingDuration"] == "8" and saved["RecordingSid"] == rec["sid"]
    assert saved["RecordingUrl"] == rec["recording_url"] and saved["Digits"] == ""
    transcribed = mock.received("/transcribed")
    assert len(transcribed) == 1 and transcribed[0]["TranscriptionText"] == "Call me back"


def test_record_finish_key_and_max_length(mock):
    mock.serve("/saved", "<Hangup/>")
    mock.call_in('<Record action="/saved" maxLength="4" finishOnKey="*#"/>',
                 record_seconds=20, digits=["#"])
    mock.advance(30)
    [saved] = mock.received("/saved")
    assert saved["RecordingDuration"] == "4" and saved["Digits"] == "#"


def test_record_without_speech_goes_on(mock):
    mock.serve("/next", "<Hangup/>")
    call = mock.call_in('<Record action="/saved" timeout="7"/><Redirect>/next</Redirect>',
                        record_seconds=0)
    mock.advance(6)
    assert mock.received("/next") == []
    mock.advance(2)
    assert len(mock.received("/next")) == 1 and mock.received("/saved") == []
    assert mock.call(call["sid"])["recordings_count"] == 0


def test_play_last_recording_plays_what_was_recorded(mock):
    mock.serve("/saved", "<PlayLastRecording/><Redirect>/next</Redirect>")
    mock.serve("/next", "<Hangup/>")
    mock.call_in('<Record action="/saved"/>', record_seconds=6, digits=["#"])
    mock.advance(7)                          # 6 s recorded, the key ends it
    assert len(mock.received("/saved")) == 1
    mock.advance(4.5)                        # the 6 s recording plays from 6 s to 12 s
    assert mock.received("/next") == []
    mock.advance(1)
    assert len(mock.received("/next")) == 1


# -- Sms, Mms, Ping, Refer, Connect, GetSpeech ----------------------------------------------

def test_sms_verb_sends_from_the_called_number_and_requests_action(mock):
    mock.serve("/sent", "<Hangup/>")
    call = mock.call_in('<Sms action="/sent" statusCallback="/status">Thanks for calling</Sms>')
    mock.sink("/status")
    mock.advance(10)
    to = mock.call(call["sid"])["to"]
    [sms] = mock.get("/SMS/Messages.json")["sms_messages"]
    assert sms["direction"] == "outbound-call" and sms["to"] == CALLER and sms["from"] == to
    assert sms["body"] == "Thanks for calling" and sms["status"] == "sent"
    [sent] = mock.received("/sent")
    assert sent["SmsSid"] == sms["sid"] and sent["SmsStatus"] == "queued"
    assert sent["CallSid"] == call["sid"]
    assert [r["SmsStatus"] for r in mock.received("/status")] == ["sending", "sent"]


def test_mms_verb_sends_an_mms(mock):
    call = mock.call_in(f'<Mms to="{MOBILE}" mediaUrl="https://example.com/cat.png">Cat</Mms>'
                        "<Hangup/>")
    mock.advance(10)
    [mms] = mock.get("/MMS/Messages.json")["mms_messages"]
    assert mms["to"] == MOBILE and mms["direction"] == "outbound-call"
    assert mms["media_url"] == "https://example.com/cat.png" and mms["body"] == "Cat"
    assert mock.call(call["sid"])["status"] == "completed"


def test_ping_requests_its_url_and_goes_on(mock):
    mock.sink("/ping")
    call = mock.call_in('<Ping method="GET">/ping</Ping><Pause length="3"/><Hangup/>')
    mock.advance(1)
    [ping] = mock.received("/ping")
    assert ping["CallSid"] == call["sid"] and ping["CallStatus"] == "in-progress"
    assert mock.call(call["sid"])["status"] == "in-progress"
    mock.advance(3)
    assert mock.call(call["sid"])["status"] == "completed"


def test_refer_hands_the_call_over(mock):
    mock.script("sip:desk@pbx.example.com", ring_seconds=2)
    call = mock.call_in("<Refer><Sip>sip:desk@pbx.example.com</Sip></Refer>")
    mock.advance(1)
    assert mock.call(call["sid"])["status"] == "in-progress"
    mock.advance(2)
    ended = mock.call(call["sid"])
    assert ended["status"] == "completed" and ended["duration"] == 2


def test_refer_that_fails_requests_action(mock):
    mock.script("sip:desk@pbx.example.com", answer="busy", ring_seconds=3)
    mock.serve("/referred", "<Hangup/>")
    mock.call_in('<Refer action="/referred" timeout="10">desk@pbx.example.com</Refer>')
    mock.advance(30)
    [referred] = mock.received("/referred")
    assert referred["ReferStatus"] == "busy"


def test_connect_to_an_agent_waits_until_the_caller_hangs_up(mock):
    agent = "AG" + "1" * 32
    with mock.backend().locked(SID) as state:
        state.agents[agent] = {"sid": agent, "friendly_name": "Helper"}
    call = mock.call_in(f'<Connect action="/done"><Agent>{agent}</Agent></Connect>'
                        "<Say>never said</Say>", hangup_after=45)
    mock.advance(40)
    assert mock.call(call["sid"])["status"] == "in-progress"
    mock.advance(10)
    ended = mock.call(call["sid"])
    assert ended["status"] == "completed" and ended["duration"] == 45
    assert mock.notifications() == []


def test_get_speech_sends_what_was_said(mock):
    mock.serve("/heard", "<Hangup/>")
    mock.call_in('<GetSpeech action="/heard" grammar="/yesno.grxml"><Say>Yes or no</Say>'
                 "</GetSpeech>", speech=["yes"])
    mock.advance(10)
    [heard] = mock.received("/heard")
    assert heard["SpeechResult"] == "yes"


# -- the SMS reply ---------------------------------------------------------------------------

def sms_in(mock: Mock, reply: str, *, content_type: str = XML, body: str = "Hello") -> str:
    """An SMS from CALLER to a number whose SmsUrl answers ``reply``; the number."""
    mock.http.expect_request("/sms").respond_with_data(reply, content_type=content_type)
    number = mock.number(SmsUrl=mock.http.url_for("/sms"))
    mock.control("/_mock/avaya/sms", account_sid=SID, to=number, body=body,
                  **{"from": CALLER})
    mock.advance(1)
    return number


def outgoing(mock: Mock) -> list[dict]:
    """The account's SMS that are not incoming (the replies sent)."""
    return [s for s in mock.get("/SMS/Messages.json")["sms_messages"]
            if s["direction"] != "incoming"]


def test_sms_reply_sends_the_reply(mock):
    mock.sink("/replied")
    number = sms_in(mock, '<Response><Sms action="/replied">Thanks!</Sms>'
                          f'<Sms to="{MOBILE}">Customer wrote</Sms></Response>')
    sent = outgoing(mock)
    assert [(s["to"], s["from"], s["body"], s["direction"]) for s in reversed(sent)] == [
        (CALLER, number, "Thanks!", "outbound-reply"),
        (MOBILE, number, "Customer wrote", "outbound-reply")]
    [replied] = mock.received("/replied")
    assert replied["SmsSid"] == sent[-1]["sid"] and replied["SmsStatus"] == "queued"
    assert mock.notifications() == []


def test_sms_reply_with_an_mms(mock):
    sms_in(mock, '<Response><Mms mediaUrl="https://example.com/a.jpg">Look</Mms></Response>')
    [mms] = mock.get("/MMS/Messages.json")["mms_messages"]
    assert mms["to"] == CALLER and mms["direction"] == "outbound-reply"


def test_sms_reply_refuses_voice_verbs(mock):
    sms_in(mock, "<Response><Sms>First</Sms><Say>Hello</Say><Sms>Never</Sms></Response>")
    assert [s["body"] for s in outgoing(mock)] == ["First"]
    [note] = mock.notifications(14110)
    assert note["call_sid"] in (None, "") and note["request_url"].endswith("/sms")


def test_sms_reply_limit(httpserver):
    mock = Mock(httpserver, {"AVAYA_SMS_REPLY_LIMIT": 2})
    sms_in(mock, "<Response>" + "<Sms>Again</Sms>" * 3 + "</Response>")
    assert len(outgoing(mock)) == 2
    assert len(mock.notifications(14109)) == 1


def test_sms_reply_with_a_bad_attribute(mock):
    sms_in(mock, '<Response><Sms to="nobody">Hi</Sms></Response>')
    assert outgoing(mock) == [] and len(mock.notifications(14101)) == 1


@pytest.mark.parametrize("reply, content_type", [("OK", "text/plain"), ("", XML),
                                                 ("<html/>", "text/html")])
def test_a_reply_that_is_not_inboundxml_sends_nothing(mock, reply, content_type):
    sms_in(mock, reply, content_type=content_type)
    assert outgoing(mock) == [] and mock.notifications() == []


def test_a_reply_that_does_not_parse_is_12100(mock):
    sms_in(mock, "<Response><Sms>", content_type=XML)
    assert outgoing(mock) == [] and len(mock.notifications(12100)) == 1


# -- what zang-python builds runs ------------------------------------------------------------

@pytest.fixture
def zang():
    """zang-python's InboundXML builders (skipped where it is not at /tmp/zang-python)."""
    if not ZANG_PYTHON.is_dir():
        pytest.skip("zang-python is not at /tmp/zang-python")
    sys.path.insert(0, str(ZANG_PYTHON))
    try:
        import zang.inboundxml as ix
        from zang.domain.enums.http_method import HttpMethod
        from zang.domain.enums.recording_file_format import RecordingFileFormat
    finally:
        sys.path.remove(str(ZANG_PYTHON))
    return ix, HttpMethod, RecordingFileFormat


def zang_document(response) -> str:
    """The body of a zang-python Response, without its XML declaration and root."""
    return response.xml.split("<Response>", 1)[1].rsplit("</Response>", 1)[0]


def test_zang_python_dial_and_sms_run(mock, zang):
    ix, http_method, _ = zang
    mock.script(MOBILE, hangup_after=9)
    mock.serve("/after", ix.Hangup().xml)
    response = ix.Response()
    response.addElement(ix.Say("Connecting", voice=ix.Voice.FEMALE, language=ix.Language.EN))
    response.addElement(ix.Sms("We are connecting you", from_=None))
    response.addElement(ix.Ping(mock.sink("/ping"), method=http_method.GET))
    dial = ix.Dial(action=mock.http.url_for("/after"), method=http_method.POST,
                   timeLimit=60, callerId="+14155550999", hideCallerId=False)
    dial.addElement(ix.Number(MOBILE, sendDigits="ww1"))
    response.addElement(dial)
    call = mock.call_in(zang_document(response))
    mock.advance(60)
    assert mock.notifications() == []
    [after] = mock.received("/after")
    assert after["DialCallStatus"] == "completed" and after["DialCallDuration"] == "9"
    assert len(mock.received("/ping")) == 1
    assert mock.call(call["sid"])["status"] == "completed"
    assert [s["direction"] for s in outgoing(mock)] == ["outbound-call"]


def test_zang_python_gather_and_record_run(mock, zang):
    ix, http_method, file_format = zang
    mock.serve("/saved", ix.Hangup().xml)
    response = ix.Response()
    gather = ix.Gather(action="/menu", input=ix.GatherInput.SPEECH_DTMF,
                       language=ix.BCPLanguage.EN_US, hints="sales, support", numDigits=1)
    gather.addElement(ix.Say("Press one", voice=ix.Voice.MALE, loop=1))
    response.addElement(gather)
    response.addElement(ix.Record(action=mock.http.url_for("/saved"), method=http_method.POST,
                                  fileFormat=file_format.WAV, direction=ix.RecordDirection.IN,
                                  transcribe=True, playBeep=True, trimSilence=True,
                                  maxLength=30, timeout=3, background=False))
    call = mock.call_in(zang_document(response), record_seconds=4)
    mock.advance(30)
    assert mock.notifications() == []
    [saved] = mock.received("/saved")
    assert saved["CallSid"] == call["sid"] and saved["RecordingDuration"] == "4"


def test_record_hands_the_recording_to_the_recordings_part(mock, monkeypatch):
    """The contract with recordings.py, whatever its state: what ``add_recording`` is
    given, and what the action hears of the record it returns."""
    given = []

    def add_recording(state, call, **options):
        given.append(options)
        record = {"sid": "RE" + "7" * 32, "call_sid": call["sid"],
                  "duration": options["duration"], "recording_url": "http://rec/RE7.wav"}
        state.recordings[record["sid"]] = record
        return record

    monkeypatch.setattr(mock.backend(), "add_recording", add_recording)
    mock.serve("/saved", "<PlayLastRecording/><Redirect>/next</Redirect>")
    mock.serve("/next", "<Hangup/>")
    mock.call_in('<Record action="/saved" fileFormat="WAV" direction="in" trimSilence="true" '
                 'transcribe="true" transcribeQuality="keywords" '
                 'transcribeCallback="/transcribed"/>', say="Call me back", record_seconds=8)
    mock.advance(12.5)                       # 8 s of speech, 5 s of silence
    assert given == []
    mock.advance(1)
    assert given == [{"duration": 8, "file_format": "wav", "direction": "in",
                      "trim_silence": True, "callback": None, "speech": "Call me back",
                      "transcribe": {"quality": "keywords",
                                     "callback": {"url": mock.http.url_for("/transcribed"),
                                                  "method": "POST"}}}]
    [saved] = mock.received("/saved")
    assert saved == {**saved, "RecordingUrl": "http://rec/RE7.wav", "RecordingDuration": "8",
                     "RecordingSid": "RE" + "7" * 32, "Digits": ""}
    mock.advance(7)                          # PlayLastRecording plays the 8 s
    assert mock.received("/next") == []
    mock.advance(1)
    assert len(mock.received("/next")) == 1


def test_background_record_goes_on_at_once(mock, monkeypatch):
    given = []
    monkeypatch.setattr(mock.backend(), "add_recording",
                        lambda state, call, **options: given.append(options) or
                        {"sid": "RE" + "8" * 32, "recording_url": ""})
    mock.serve("/next", "<Pause length=\"20\"/><Hangup/>")
    mock.call_in('<Record action="/saved" background="true"/><Redirect>/next</Redirect>',
                 record_seconds=6)
    mock.advance(1)
    assert len(mock.received("/next")) == 1 and given == []
    mock.advance(6)
    assert [options["duration"] for options in given] == [6]
    assert mock.received("/saved") == []


def test_dial_record_records_the_leg(mock):
    mock.script(MOBILE, hangup_after=14)
    mock.sink("/recorded")
    call = mock.call_in(f'<Dial record="true" recordCallbackUrl="/recorded">{MOBILE}</Dial>'
                        "<Hangup/>")
    mock.advance(60)
    [leg] = mock.legs(call["sid"])
    [rec] = mock.get("/Recordings.json", CallSid=leg["sid"])["recordings"]
    assert rec["duration"] == 14
    [told] = mock.received("/recorded")
    assert told["CallSid"] == leg["sid"]
