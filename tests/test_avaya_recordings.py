"""Avaya recordings, transcriptions and agents as only the mock can show them (seed 004,
Record Live Call, Make Call's Record, View/List/Delete Recording, Transcribe Recording,
Transcribe Audio Url, View Transcription, List Agents): recordings of answered calls on the
frozen mock clock (TimeLimit, Record=false, the end of the call, the whole-call recording),
their audio files (real WAV and MP3 of the right length), prices and Usages, callbacks
received by a local server, transcriptions completing on the clock, the seeded agents.

Timings with the defaults: a call rings 1 s after it is made and its far end answers 3 s
later (t=4); a transcription completes 5 s plus 0.1 s per second of audio after it is
asked for.
"""
from __future__ import annotations

import base64
import io
import wave
from decimal import Decimal
from urllib.parse import urlsplit

import pytest

from avaya_mock import AvayaMock, account_root, basic_auth
from mockserver.core.numbering import stable_hash
from mockserver.providers.avaya.seed import agent_extra
from mockserver.providers.avaya.transcript import SENTENCES

pytestmark = pytest.mark.mock_only
SID = "AC" + "8" * 32
ROOT, H = account_root(SID), basic_auth(SID)
START = "2030-01-15T00:00:00Z"
TO, FROM = "+14155552671", "+14155550199"
HOLD = '<Response><Pause length="600"/></Response>'


class Mock(AvayaMock):
    """An app with a frozen clock and a local application server."""

    def __init__(self, httpserver, config: dict | None = None) -> None:
        super().__init__(SID, START, config)
        self.server = httpserver
        httpserver.expect_request("/hold").respond_with_data(HOLD,
                                                             content_type="application/xml")
        httpserver.expect_request("/cb").respond_with_data("ok")

    def url(self, path: str) -> str:
        """The URL of ``path`` on the application server."""
        return self.server.url_for(path)

    def refused(self, path: str, status: int, code: int, **data) -> None:
        """POST ``data`` to ``path``: refused with ``status`` and error ``code``."""
        assert self.refusal("POST", path, **data) == (status, code)

    def answered_call(self, **params) -> str:
        """A call made and answered (t=4 after it is made); its SID."""
        sid = self.post("/Calls.json", To=TO, From=FROM, Url=self.url("/hold"), **params)["sid"]
        self.advance(4)
        assert self.get(f"/Calls/{sid}.json")["status"] == "in-progress"
        return sid

    def record(self, call_sid: str, **params) -> dict:
        """Record Live Call."""
        return self.post(f"/Calls/{call_sid}/Recordings.json", **params)

    def recordings(self, call_sid: str | None = None) -> list[dict]:
        """The recordings of a call, or of the account."""
        path = f"/Calls/{call_sid}/Recordings.json" if call_sid else "/Recordings.json"
        return self.get(path)["recordings"]

    def hang_up(self, call_sid: str) -> None:
        """End the call (Interrupt Live Call, ``Status=completed``)."""
        self.post(f"/Calls/{call_sid}.json", Status="completed")

    def callbacks(self, kind: str) -> list[dict]:
        """The mock's deliveries of one kind: their fields, and when (seconds of mock time)."""
        self.settle()
        return self.deliveries(kind)

    def media(self, url: str, host: str = "localhost"):
        """GET a recording_url (an absolute URL of the mock) without credentials."""
        parts = urlsplit(url)
        return self.client.get(parts.path, headers={"Host": host})


@pytest.fixture
def mock(httpserver):
    """A fresh mock, its application server ``httpserver``."""
    return Mock(httpserver)


def mp3_frames(data: bytes) -> list[tuple[int, int, int]]:
    """Walk an MP3 frame by frame: (MPEG version bits, bitrate index, sample rate index)
    of each frame; fails on anything that is not a frame header where one must be."""
    frames, pos = [], 0
    while pos < len(data):
        header = data[pos:pos + 4]
        assert header[0] == 0xFF and header[1] & 0xE0 == 0xE0, pos
        version, layer = (header[1] >> 3) & 3, (header[1] >> 1) & 3
        bitrate, rate = header[2] >> 4, (header[2] >> 2) & 3
        assert (version, layer, bitrate, rate) == (2, 1, 1, 2)  # MPEG-2 L3, 8 kbit/s, 16 kHz
        padding = (header[2] >> 1) & 1
        frames.append((version, bitrate, rate))
        pos += 72 * 8000 // 16000 + padding
    assert pos == len(data)
    return frames


# -- Record Live Call ------------------------------------------------------------------------

def test_a_time_limit_ends_the_recording_on_the_clock(mock):
    call = mock.answered_call()
    answer = mock.record(call, Record="true", TimeLimit="7", FileFormat="wav",
                         CallbackUrl=mock.url("/cb"))
    assert answer["sid"] == call and answer["status"] == "in-progress"
    mock.advance(6.9)
    assert mock.recordings(call) == []
    mock.advance(0.1)
    (rec,) = mock.recordings(call)
    assert rec["duration"] == 7 and rec["call_sid"] == call
    assert rec["date_created"] == "Tue, 15 Jan 2030 00:00:04 -0000"
    assert rec["date_updated"] == "Tue, 15 Jan 2030 00:00:11 -0000"
    assert rec["recording_url"] == f"http://localhost/avaya/recordings/{SID}/{rec['sid']}.wav"
    assert mock.get(f"/Calls/{call}.json")["recordings_count"] == 1
    (callback,) = mock.callbacks("recording-callback")
    assert callback["at"] == 11 and callback["method"] == "POST"
    assert {k: callback["fields"][k] for k in (
        "AccountSid", "CallSid", "RecordingSid", "RecordingUrl", "RecordingDuration",
        "RecordingStatus", "RecordingFileFormat", "RecordingDirection")} == {
        "AccountSid": SID, "CallSid": call, "RecordingSid": rec["sid"],
        "RecordingUrl": rec["recording_url"], "RecordingDuration": "7",
        "RecordingStatus": "completed", "RecordingFileFormat": "wav",
        "RecordingDirection": "both"}


def test_record_false_stops_every_open_recording(mock):
    call = mock.answered_call()
    mock.record(call, Record="true", Direction="in")
    mock.advance(3)
    mock.record(call, Record="true", Direction="out", TimeLimit="100")
    mock.advance(2.5)
    mock.record(call, Record="false")
    durations = sorted(r["duration"] for r in mock.recordings(call))
    assert durations == [3, 6]
    mock.refused(f"/Calls/{call}/Recordings.json", 400, 21509, Record="false")
    mock.advance(200)                      # the TimeLimit of a stopped recording does nothing
    assert len(mock.recordings(call)) == 2


def test_the_end_of_the_call_finishes_open_recordings_capped_by_their_limit(mock):
    call = mock.answered_call()
    mock.record(call, Record="true", TimeLimit="100")
    mock.record(call, Record="true")
    mock.advance(20)
    mock.hang_up(call)
    assert sorted(r["duration"] for r in mock.recordings(call)) == [20, 20]
    assert mock.get(f"/Calls/{call}.json")["recordings_count"] == 2
    mock.refused(f"/Calls/{call}/Recordings.json", 400, 21221, Record="true")


def test_a_call_has_at_most_five_recordings(mock):
    call = mock.answered_call(Record="true")     # the whole-call recording is the first
    for _ in range(3):
        mock.record(call, Record="true", TimeLimit="1")
    mock.advance(1)
    mock.record(call, Record="true")
    mock.refused(f"/Calls/{call}/Recordings.json", 400, 21510, Record="true")
    assert len(mock.recordings(call)) == 3
    mock.hang_up(call)
    assert len(mock.recordings(call)) == 5


def test_a_recording_starts_on_a_call_in_progress_only(mock):
    sid = mock.post("/Calls.json", To=TO, From=FROM, Url=mock.url("/hold"))["sid"]
    mock.advance(1)
    assert mock.get(f"/Calls/{sid}.json")["status"] == "ringing"
    mock.refused(f"/Calls/{sid}/Recordings.json", 400, 21220, Record="true")
    assert mock.client.get("/_mock/state").json["providers"]["avaya"]["tenants"][SID][
        "calls"][sid].get("_recordings_open") is None


def test_a_recording_of_no_time_has_no_audio_and_cannot_be_transcribed(mock):
    call = mock.answered_call()
    mock.record(call, Record="true")
    mock.record(call, Record="false")
    (rec,) = mock.recordings(call)
    assert (rec["duration"], rec["recording_url"], rec["price"]) == (0, "", "0.0000")
    mock.refused(f"/Recordings/{rec['sid']}/Transcriptions.json", 400, 13614)
    assert mock.get("/Transcriptions.json")["total"] == 0
    assert mock.usage(7) == []


# -- Make Call with Record=true --------------------------------------------------------------

def test_a_recorded_call_is_recorded_from_answer_to_end(mock):
    call = mock.answered_call(Record="true", RecordCallback=mock.url("/cb"),
                              RecordCallbackMethod="GET")
    mock.advance(61)
    mock.hang_up(call)
    (rec,) = mock.recordings(call)
    assert rec["duration"] == 61 and rec["recording_url"].endswith(".mp3")
    assert rec["date_created"] == "Tue, 15 Jan 2030 00:00:04 -0000"
    assert rec["price"] == "0.0050"                           # 2 started minutes
    (usage,) = mock.usage(7)
    assert (usage["quantity"], Decimal(usage["total_cost"])) == (2, Decimal("0.005"))
    (callback,) = mock.callbacks("recording-callback")
    assert callback["method"] == "GET" and callback["fields"]["CallStatus"] == "completed"
    assert callback["fields"]["RecordingDuration"] == "61"


def test_a_recorded_call_never_answered_leaves_no_recording(mock):
    sid = mock.post("/Calls.json", To=TO, From=FROM, Url=mock.url("/hold"),
                    Record="true")["sid"]
    mock.post(f"/Calls/{sid}.json", Status="canceled")
    assert mock.recordings() == []
    assert mock.get(f"/Calls/{sid}.json")["recordings_count"] == 0


# -- audio files -----------------------------------------------------------------------------

def test_a_wav_recording_is_a_wav_file_of_its_duration(mock):
    call = mock.answered_call()
    mock.record(call, Record="true", FileFormat="wav", TimeLimit="3")
    mock.advance(3)
    (rec,) = mock.recordings(call)
    reply = mock.media(rec["recording_url"])
    assert reply.status_code == 200 and reply.content_type == "audio/wav"
    with wave.open(io.BytesIO(reply.data)) as audio:
        assert (audio.getnchannels(), audio.getframerate()) == (1, 8000)
        assert audio.getnframes() / audio.getframerate() == 3


@pytest.mark.parametrize("given", ["mp3", "ogg", ""])
def test_an_mp3_recording_is_mpeg_frames_of_its_duration(mock, given):
    call = mock.answered_call()
    mock.record(call, Record="true", FileFormat=given, TimeLimit="15")
    mock.advance(15)
    (rec,) = mock.recordings(call)
    assert rec["recording_url"].endswith(".mp3")
    reply = mock.media(rec["recording_url"])
    assert reply.status_code == 200 and reply.content_type == "audio/mpeg"
    frames = mp3_frames(reply.data)
    seconds = len(frames) * 576 / 16000
    assert 15 <= seconds < 15 + 576 / 16000


def test_a_deleted_recording_s_file_is_gone(mock):
    call = mock.answered_call()
    mock.record(call, Record="true", TimeLimit="2")
    mock.advance(2)
    (rec,) = mock.recordings(call)
    deleted = mock.client.delete(f"{ROOT}/Recordings/{rec['sid']}.json", headers=H)
    assert deleted.status_code == 200 and deleted.json == rec
    reply = mock.media(rec["recording_url"])
    assert reply.status_code == 404 and b"<Code>21227</Code>" in reply.data
    assert mock.recordings() == []


@pytest.mark.parametrize("path", [f"/avaya/recordings/{SID}/RE{'0' * 32}.mp3",
                                  f"/avaya/recordings/AC{'1' * 32}/RE{'0' * 32}.wav"])
def test_an_unknown_file_is_404(mock, path):
    reply = mock.client.get(path)
    assert reply.status_code == 404 and b"<Code>21227</Code>" in reply.data


def test_the_file_has_the_recording_s_extension_only(mock):
    call = mock.answered_call()
    mock.record(call, Record="true", TimeLimit="2", FileFormat="wav")
    mock.advance(2)
    (rec,) = mock.recordings(call)
    assert mock.media(rec["recording_url"].replace(".wav", ".mp3")).status_code == 404


def test_a_call_placed_through_the_provider_hostname_has_its_files_there(mock):
    reply = mock.client.post(f"/v2/Accounts/{SID}/Calls.json", headers={**H, "Host":
                             "api.zang.io"}, data={"To": TO, "From": FROM,
                                                   "Url": mock.url("/hold")})
    call = reply.json["sid"]
    mock.advance(4)
    mock.record(call, Record="true", TimeLimit="2")
    mock.advance(2)
    (rec,) = mock.recordings(call)
    assert rec["recording_url"] == f"http://api.zang.io/recordings/{SID}/{rec['sid']}.mp3"
    reply = mock.media(rec["recording_url"], host="api.zang.io")
    assert reply.status_code == 200 and len(mp3_frames(reply.data)) == 56


# -- lists -----------------------------------------------------------------------------------

def test_the_lists_filter_by_call_and_date(mock):
    first = mock.answered_call()
    mock.record(first, Record="true", TimeLimit="1")
    mock.advance(86400)                                   # the next day
    second = mock.answered_call()
    mock.record(second, Record="true", TimeLimit="1")
    mock.advance(1)
    newest, oldest = mock.recordings()
    assert (newest["call_sid"], oldest["call_sid"]) == (second, first)
    assert [r["call_sid"] for r in mock.get("/Recordings.json", CallSid=first)["recordings"]] \
        == [first]
    on = {"DateCreated": "2030-01-16"}
    assert [r["call_sid"] for r in mock.get("/Recordings.json", **on)["recordings"]] == [second]
    before = {"DateCreated<": "2030-01-15"}
    assert [r["call_sid"] for r in mock.get("/Recordings.json", **before)["recordings"]] == \
        [first]
    assert [r["call_sid"] for r in mock.recordings(second)] == [second]


# -- transcriptions --------------------------------------------------------------------------

def test_a_transcription_completes_on_the_clock(mock):
    call = mock.answered_call()
    mock.record(call, Record="true", TimeLimit="50")
    mock.advance(50)
    (rec,) = mock.recordings(call)
    asked = mock.post(f"/Recordings/{rec['sid']}/Transcriptions.json",
                      TranscribeCallback=mock.url("/cb"), CallbackMethod="GET")
    assert (asked["status"], asked["recording_sid"], asked["duration"]) == \
        ("in-progress", rec["sid"], 50)
    assert asked["audio_url"] == rec["recording_url"] and asked["transcription_text"] == ""
    path = f"/Transcriptions/{asked['sid']}.json"
    mock.advance(9.9)                                      # 5 + 0.1 * 50 = 10 s
    assert mock.get(path)["status"] == "in-progress"
    mock.advance(0.1)
    done = mock.get(path)
    assert done["status"] == "completed" and done["price"] == "0.0500"
    assert done["transcription_text"] == SENTENCES[stable_hash(rec["sid"]) % len(SENTENCES)]
    assert done["date_updated"] == "Tue, 15 Jan 2030 00:01:04 -0000"
    text = mock.client.get(f"{ROOT}/Transcriptions/{asked['sid']}.txt", headers=H)
    assert text.get_data(as_text=True) == done["transcription_text"] + "\n"
    (usage,) = mock.usage(12)
    assert (usage["quantity"], usage["total_cost"]) == (1, "0.050000")
    (callback,) = mock.callbacks("transcription-callback")
    assert callback["method"] == "GET" and callback["at"] == 64
    assert callback["fields"] == {
        "AccountSid": SID, "TranscriptionSid": done["sid"],
        "TranscriptionText": done["transcription_text"], "TranscriptionStatus": "completed",
        "TranscriptionType": "auto", "TranscriptionDuration": "50",
        "TranscriptionPrice": "0.0500", "AudioUrl": rec["recording_url"],
        "RecordingSid": rec["sid"], "RecordingUrl": rec["recording_url"], "CallSid": call,
        "ApiVersion": "v2"}
    assert [t["sid"] for t in mock.get(f"/Recordings/{rec['sid']}/Transcriptions.json")[
        "transcriptions"]] == [done["sid"]]


def test_what_the_far_end_said_is_the_text_and_keywords_its_keywords(mock):
    reply = mock.client.post("/_mock/avaya/callees", json={
        "account_sid": SID, "to": TO, "say": "Please send the invoice to Berlin tomorrow."})
    assert reply.status_code == 201, reply.json
    call = mock.answered_call()
    mock.record(call, Record="true", TimeLimit="10", Transcribe="true",
                TranscribeQuality="keywords", TranscribeCallback=mock.url("/cb"))
    mock.advance(10)
    (rec,) = mock.recordings(call)
    (auto,) = mock.get("/Transcriptions.json")["transcriptions"]
    assert (auto["type"], auto["recording_sid"]) == ("keywords", rec["sid"])
    mock.advance(6)
    done = mock.get(f"/Transcriptions/{auto['sid']}.json")
    assert done["transcription_text"] == "send, invoice, berlin, tomorrow"
    assert done["price"] == "0.0800" and len(mock.usage(14)) == 1
    plain = mock.post(f"/Recordings/{rec['sid']}/Transcriptions.json", Quality="auto")
    mock.advance(6)
    assert mock.get(f"/Transcriptions/{plain['sid']}.json")["transcription_text"] == \
        "Please send the invoice to Berlin tomorrow."


def test_a_recorded_call_asked_to_transcribe_is_transcribed(mock):
    call = mock.answered_call(Record="true", Transcribe="true",
                              TranscribeCallback=mock.url("/cb"))
    mock.advance(30)
    mock.hang_up(call)
    (rec,) = mock.recordings(call)
    (asked,) = mock.get("/Transcriptions.json")["transcriptions"]
    assert (asked["recording_sid"], asked["duration"], asked["type"]) == (rec["sid"], 30, "auto")
    assert asked["transcribe_callback"] == mock.url("/cb")
    mock.advance(8)
    (callback,) = mock.callbacks("transcription-callback")
    assert callback["fields"]["TranscriptionStatus"] == "completed"


def test_the_mock_s_own_file_is_its_recording_s_audio(mock):
    call = mock.answered_call()
    mock.record(call, Record="true", TimeLimit="12")
    mock.advance(12)
    (rec,) = mock.recordings(call)
    asked = mock.post("/Transcriptions.json", AudioUrl=rec["recording_url"], SliceStart="2",
                      SliceDuration="100")
    assert asked["duration"] == 10 and "recording_sid" not in asked
    mock.advance(6)
    assert mock.get(f"/Transcriptions/{asked['sid']}.json")["transcription_text"] == \
        SENTENCES[stable_hash(rec["sid"]) % len(SENTENCES)]


def test_a_file_that_is_gone_fails_with_a_notification(mock):
    call = mock.answered_call()
    mock.record(call, Record="true", TimeLimit="2")
    mock.advance(2)
    (rec,) = mock.recordings(call)
    mock.client.delete(f"{ROOT}/Recordings/{rec['sid']}.json", headers=H)
    asked = mock.post("/Transcriptions.json", AudioUrl=rec["recording_url"],
                      TranscribeCallback=mock.url("/cb"))
    mock.advance(10)
    failed = mock.get(f"/Transcriptions/{asked['sid']}.json")
    assert (failed["status"], failed["transcription_text"], failed["price"]) == \
        ("failed", "", "0.0000")
    codes = [n["error_code"] for n in mock.get("/Notifications.json")["notifications"]]
    assert codes == [50006]
    assert mock.usage(12) == []
    (callback,) = mock.callbacks("transcription-callback")
    assert callback["fields"]["TranscriptionStatus"] == "failed"


def test_other_audio_is_heard_deterministically(mock):
    url = "https://example.com/voicemail.wav"
    first = mock.post("/Transcriptions.json", AudioUrl=url)
    second = mock.post("/Transcriptions.json", AudioUrl=url)
    assert first["duration"] == second["duration"] == 10 + stable_hash(url) % 51
    mock.advance(12)
    texts = {mock.get(f"/Transcriptions/{t['sid']}.json")["transcription_text"]
             for t in (first, second)}
    assert texts == {SENTENCES[stable_hash(url) % len(SENTENCES)]}


def test_the_transcription_delay_follows_the_config(httpserver):
    mock = Mock(httpserver, {"AVAYA_TRANSCRIPTION_DELAY": "1",
                             "AVAYA_TRANSCRIPTION_DELAY_PER_SECOND": "0"})
    asked = mock.post("/Transcriptions.json", AudioUrl="https://example.com/a.mp3")
    mock.advance(0.9)
    assert mock.get(f"/Transcriptions/{asked['sid']}.json")["status"] == "in-progress"
    mock.advance(0.1)
    assert mock.get(f"/Transcriptions/{asked['sid']}.json")["status"] == "completed"


# -- agents ----------------------------------------------------------------------------------

def test_each_account_is_given_one_or_two_agents_of_its_own(mock):
    seen = {}
    for digit in "0123456789ab":
        sid = "AC" + digit * 32
        headers = {"Authorization": "Basic " + base64.b64encode(f"{sid}:t".encode()).decode()}
        reply = mock.client.get(f"/avaya/v2/Accounts/{sid}/Agents.json", headers=headers)
        agents = reply.json["agents"]
        assert len(agents) == 1 + agent_extra(mock.services, sid)
        assert all(a["account_sid"] == sid for a in agents)
        seen.update({a["sid"]: sid for a in agents})
    assert {1, 2} <= {list(seen.values()).count(sid) for sid in set(seen.values())}
