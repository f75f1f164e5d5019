"""Four Avaya voice applications end to end (issue 9): an IVR that gathers a digit and
redirects, a voicemail that records and transcribes, a forward that dials a second number,
and a conference of three. A real local application server (pytest-httpserver) serves the
InboundXML and receives every request the platform makes; the mock clock is frozen and
advanced, never slept on. Each flow runs twice: against the in-process app and against a
running server over HTTP."""
from __future__ import annotations

import base64
import io
import uuid
import wave
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from mockserver import create_app

pytestmark = pytest.mark.mock_only
START = "2030-03-02T10:00:00Z"
XML = "application/xml"


class InProcess:
    """The mock as a fresh in-process app."""

    def __init__(self) -> None:
        self.client = create_app().test_client()

    def request(self, method: str, path: str, **kwargs) -> tuple[int, dict | bytes]:
        """Send a request; the JSON answer (or the bytes of one that is not JSON)."""
        if "params" in kwargs:
            kwargs["query_string"] = kwargs.pop("params")
        reply = self.client.open(path, method=method, **kwargs)
        return reply.status_code, reply.json if reply.is_json else reply.data


class OverHttp:
    """The mock as a running server (the plugin's live server, reset for each test)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.session = requests.Session()

    def request(self, method: str, path: str, **kwargs) -> tuple[int, dict | bytes]:
        """Send a request; the JSON answer (or the bytes of one that is not JSON)."""
        url = path if path.startswith("http") else self.url + path
        reply = self.session.request(method, url, timeout=30, **kwargs)
        is_json = reply.headers.get("Content-Type", "").startswith("application/json")
        return reply.status_code, reply.json() if is_json else reply.content


class Account:
    """One Avaya account of the mock, with the control API beside it."""

    def __init__(self, transport) -> None:
        self.transport = transport
        self.sid = "AC" + uuid.uuid4().hex
        token = base64.b64encode(f"{self.sid}:token".encode()).decode()
        self.auth = {"Authorization": f"Basic {token}"}
        self.root = f"/avaya/v2/Accounts/{self.sid}"
        self.control("POST", "/_mock/clock", json={"freeze": START})

    def control(self, method: str, path: str, **kwargs) -> dict:
        """A control-API request that must succeed."""
        status, body = self.transport.request(method, path, **kwargs)
        assert status in (200, 201), body
        return body

    def api(self, method: str, path: str, **data) -> dict:
        """A documented request (JSON format) that must succeed."""
        carried = {"params": data} if method == "GET" else {"data": data or None}
        status, body = self.transport.request(method, f"{self.root}{path}", headers=self.auth,
                                              **carried)
        assert status == 200, body
        return body

    def advance(self, seconds: float) -> None:
        """Move the mock clock, running what falls due (and letting deliveries finish)."""
        self.control("POST", "/_mock/clock", json={"advance": seconds})

    def number_with(self, voice_url: str) -> str:
        """Buy a number whose VoiceUrl is ``voice_url``; its E.164 form."""
        number = self.api("POST", "/IncomingPhoneNumbers.json", AreaCode="212")
        self.api("POST", f"/IncomingPhoneNumbers/{number['sid']}.json", VoiceUrl=voice_url)
        return number["phone_number"]

    def call_in(self, to: str, caller: str, **script) -> dict:
        """A call from ``caller`` to an account number, with the caller's script."""
        return self.control("POST", "/_mock/avaya/calls",
                            json={"account_sid": self.sid, "from": caller, "to": to, **script})

    def script(self, to: str, **script) -> None:
        """What ``to`` does when the account calls it."""
        self.control("POST", "/_mock/avaya/callees",
                     json={"account_sid": self.sid, "to": to, **script})

    def call(self, sid: str) -> dict:
        """View Call."""
        return self.api("GET", f"/Calls/{sid}.json")


@pytest.fixture(params=["in-process", "over HTTP"])
def account(request) -> Account:
    """A fresh account on the in-process app, or on the running server."""
    if request.param == "in-process":
        return Account(InProcess())
    return Account(OverHttp(request.getfixturevalue("mock_server").url))


def received(httpserver, path: str) -> list[dict[str, str]]:
    """The parameters of every request the application server got at ``path``, in order
    (query string for GET, form body for POST)."""
    found = []
    for request, _ in httpserver.log:
        if request.path == path:
            values = parse_qs(request.query_string.decode()) if request.method == "GET" \
                else parse_qs(request.get_data(as_text=True))
            found.append({key: value[0] for key, value in values.items()})
    return found


def serve(httpserver, path: str, document: str, method: str | None = None) -> str:
    """Serve an InboundXML document at ``path``; its absolute URL."""
    kwargs = {"method": method} if method else {}
    httpserver.expect_request(path, **kwargs).respond_with_data(document, content_type=XML)
    return httpserver.url_for(path)


def test_ivr_gathers_a_digit_and_redirects(account, httpserver):
    """A caller reaches the menu, presses 2, and is redirected to support."""
    number = account.number_with(serve(httpserver, "/ivr", (
        '<Response><Gather action="/menu" method="POST" numDigits="1" timeout="5">'
        '<Say>For sales press 1. For support press 2.</Say></Gather>'
        '<Say>We did not hear you.</Say></Response>')))
    serve(httpserver, "/menu", '<Response><Redirect method="GET">/support</Redirect></Response>')
    serve(httpserver, "/support", "<Response><Say>Connecting you to support.</Say>"
                                  "<Hangup/></Response>")
    call = account.call_in(number, "+14155550100", digits=["2"])

    account.advance(60)

    menu = received(httpserver, "/menu")
    assert len(menu) == 1 and menu[0]["Digits"] == "2"
    assert menu[0]["CallSid"] == call["sid"] and menu[0]["From"] == "+14155550100"
    assert menu[0]["To"] == number and menu[0]["Direction"] == "inbound"
    support = received(httpserver, "/support")
    assert len(support) == 1 and support[0]["CallStatus"] == "in-progress"
    ended = account.call(call["sid"])
    assert ended["status"] == "completed" and ended["direction"] == "inbound"
    assert ended["duration"] > 0 and ended["duration_billed"] >= 30
    assert account.api("GET", "/Notifications.json")["total"] == 0


def test_voicemail_records_and_transcribes(account, httpserver):
    """The callee speaks into a Record; the recording is stored, downloadable and
    transcribed with what they said."""
    callee = "+14155550123"
    account.script(callee, say="Please call me back about the invoice", record_seconds=8)
    url = serve(httpserver, "/voicemail", (
        '<Response><Say>Leave a message after the tone.</Say>'
        '<Record action="/saved" maxLength="30" fileFormat="wav" transcribe="true" '
        'transcribeCallback="/transcribed"/></Response>'))
    serve(httpserver, "/saved", "<Response><Hangup/></Response>")
    httpserver.expect_request("/transcribed").respond_with_data("ok")
    call = account.api("POST", "/Calls.json", To=callee, From="+14155550100", Url=url)

    account.advance(120)

    saved = received(httpserver, "/saved")
    assert len(saved) == 1 and saved[0]["RecordingDuration"] == "8"
    recordings = account.api("GET", "/Recordings.json", CallSid=call["sid"])["recordings"]
    assert len(recordings) == 1 and recordings[0]["duration"] == 8
    assert saved[0]["RecordingUrl"] == recordings[0]["recording_url"]
    assert account.call(call["sid"])["recordings_count"] == 1
    status, audio = account.transport.request("GET", recordings[0]["recording_url"])
    assert status == 200
    with wave.open(io.BytesIO(audio)) as wav:
        assert round(wav.getnframes() / wav.getframerate()) == 8
    transcriptions = account.api(
        "GET", f"/Recordings/{recordings[0]['sid']}/Transcriptions.json")["transcriptions"]
    assert [t["status"] for t in transcriptions] == ["completed"]
    assert transcriptions[0]["transcription_text"] == "Please call me back about the invoice"
    callback = received(httpserver, "/transcribed")
    assert len(callback) == 1
    assert callback[0]["TranscriptionText"] == "Please call me back about the invoice"


def test_forward_dials_a_second_number(account, httpserver):
    """An inbound call is forwarded; the second number answers and talks for 30 seconds;
    the Dial's action hears how it went."""
    mobile = "+14155550177"
    account.script(mobile, ring_seconds=4, hangup_after=30)
    number = account.number_with(serve(httpserver, "/forward", (
        f'<Response><Dial action="/after" timeout="20"><Number>{mobile}</Number></Dial>'
        "</Response>")))
    serve(httpserver, "/after", "<Response><Hangup/></Response>")
    call = account.call_in(number, "+14155550100")

    account.advance(120)

    after = received(httpserver, "/after")
    assert len(after) == 1 and after[0]["DialCallStatus"] == "completed"
    assert after[0]["DialCallDuration"] == "30"
    legs = account.api("GET", "/Calls.json", To=mobile)["calls"]
    assert len(legs) == 1 and after[0]["DialCallSid"] == legs[0]["sid"]
    assert legs[0]["direction"] == "outbound-dial"
    assert legs[0]["parent_call_sid"] == call["sid"]
    assert legs[0]["status"] == "completed" and legs[0]["duration"] == 30
    assert account.call(call["sid"])["status"] == "completed"


def test_conference_of_three(account, httpserver):
    """Three callers join one conference and leave one by one; it completes when the last
    has gone."""
    number = account.number_with(serve(httpserver, "/room", (
        "<Response><Dial><Conference>standup</Conference></Dial></Response>")))
    callers = ["+14155550101", "+14155550102", "+14155550103"]
    calls = [account.call_in(number, caller, hangup_after=60 + 30 * i)
             for i, caller in enumerate(callers)]

    account.advance(30)
    conferences = account.api("GET", "/Conferences.json")["conferences"]
    assert len(conferences) == 1
    room = conferences[0]
    assert room["friendly_name"] == "standup" and room["status"] == "in-progress"
    assert room["active_participants_count"] == 3
    participants = account.api("GET", f"/Conferences/{room['sid']}/Participants.json")
    assert sorted(p["call_sid"] for p in participants["participants"]) == \
        sorted(c["sid"] for c in calls)

    account.advance(200)
    room = account.api("GET", f"/Conferences/{room['sid']}.json")
    assert room["status"] == "completed" and room["active_participants_count"] == 0
    assert [account.call(c["sid"])["status"] for c in calls] == ["completed"] * 3
