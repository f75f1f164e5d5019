"""Seed 004_0bee4f3fb019fb3f.txt's voice examples, replayed as written (see
test_seed_examples.py for the rest and for how placeholders are filled): Make Call with its
required From, To and Url, the To formats of its "Format" section and the SIP URIs of
"Making a SIP Call" (lines ~1714-1770); View and List Calls; Interrupt Live Call and Send
Digits to Live Call at the URL the seed gives them, ``.../Calls.json`` with ``CallSid`` a
parameter; Record, Play Audio to and Apply Voice Effect to a live call; the recordings,
transcriptions, conferences and participants those make.

``:CallSid`` is a call the test makes (its Url an application on ``httpserver`` that holds
the call in a Pause); the live operations need it answered, which the mock does four
seconds after it is made: ``Api.elapse`` lets that time pass (the mock's clock is moved on;
only the real service is waited for).
``:RecordingSid`` comes from recording that call, ``:TranscriptionSid`` from transcribing
it, ``:ConferenceSid`` and ``:ParticipantSid`` from a call whose application answers
``<Dial><Conference>``.
"""
from __future__ import annotations

import pytest

from .helpers import PAGING_FIELDS, held_call, ok_json, ok_xml, rest_exception
from .test_calls import FIELDS as CALL_FIELDS, FROM, TO
from .test_recordings import FIELDS as RECORDING_FIELDS
from .test_seed_examples import a_page, has_fields
from .test_transcriptions import FIELDS as TRANSCRIPTION_FIELDS

pytestmark = pytest.mark.orders
APP = "https://example.com/app.xml"
AUDIO = "https://example.com/audio/greeting.mp3"
#: View Conference's and View Participant's Response Parameters
CONFERENCE_FIELDS = ["sid", "friendly_name", "account_sid", "active_participants_count",
                     "run_time", "status", "uri"]
PARTICIPANT_FIELDS = ["sid", "caller_name", "caller_number", "duration", "conference_sid",
                      "date_created", "date_updated", "account_sid", "muted", "deaf", "uri"]
CONFERENCE = '<Response><Dial><Conference>seed-room</Conference></Dial></Response>'
WAIT = 15.0


def until(avaya, check, what: str):
    """``check()`` once it returns something truthy, letting the service's time pass
    (``Api.elapse``) in half-second steps, at most ``WAIT`` seconds of it."""
    waited = 0.0
    while True:
        value = check()
        if value:
            return value
        assert waited < WAIT, f"no {what} after {WAIT} s"
        avaya.elapse(0.5)
        waited += 0.5


def answered(avaya, httpserver, to: str = TO) -> dict:
    """A call held in a Pause, once it is in progress."""
    sid = held_call(avaya, httpserver, to, FROM)["sid"]
    return until(avaya, lambda: (lambda c: c if c["status"] == "in-progress" else None)(
        ok_json(avaya.get(f"/Calls/{sid}.json"))), "answered call")


# -- Make Call, View Call, List Calls ------------------------------------------------------------

def test_make_view_and_list_a_call(avaya):
    """Make Call ``/Calls.json`` with From, To and Url (the required three), View Call
    ``/Calls/:CallSid.json``, List Calls ``/Calls.json``."""
    made = ok_json(avaya.post("/Calls.json", data={"From": FROM, "To": TO, "Url": APP}))
    assert list(made) == CALL_FIELDS
    assert ok_json(avaya.get(f"/Calls/{made['sid']}.json"))["sid"] == made["sid"]
    (listed,) = a_page(ok_json(avaya.get("/Calls.json")), "calls")
    assert has_fields(listed, CALL_FIELDS)["sid"] == made["sid"]


@pytest.mark.parametrize("to", ["415-555-2671", "1 (415) 555-2671", "14 1 5 5552 6 71"],
                         ids=["XXX-XXX-XXXX", "X (XXX) XXX-XXXX", "XX X X XXXX X XX"])
def test_the_format_section_s_three_forms(avaya, to):
    """Format: "This allows you to use any formatting you wish. For example: XXX-XXX-XXXX,
    X (XXX) XXX-XXXX, XX X X XXXX X XX"."""
    made = ok_json(avaya.post("/Calls.json", data={"From": FROM, "To": to, "Url": APP}))
    assert made["to"] == "+14155552671"


@pytest.mark.parametrize("to", ["sip:myusername@myexample.com",
                                "sip:myusername@myexample.com?headerone=ya&headertwo=hoo",
                                "sip:myusername@myexample.com?;transport=tcp"],
                         ids=["plain", "headers", "transport"])
def test_making_a_sip_call_with_the_seed_s_uris(avaya, to):
    """Making a SIP Call: the To examples verbatim, a SIP URI From, SipAuthUsername and
    SipAuthPassword."""
    made = ok_json(avaya.post("/Calls.json", data={
        "From": "sip:me@myexample.com", "To": to, "Url": APP,
        "SipAuthUsername": "myusername", "SipAuthPassword": "mypassword"}))
    assert (made["to"], made["from"]) == (to, "sip:me@myexample.com")


# -- Interrupt and Send Digits at .../Calls.json -----------------------------------------------

@pytest.mark.parametrize("status", ["canceled", "completed"])
def test_interrupt_live_call_at_the_seed_s_url(avaya, httpserver, status):
    """Interrupt Live Call: ``https://api.zang.io/v2/Accounts/{AccountSID}/Calls.json`` with
    CallSid (required) and Status; the answer is the call (View Call)."""
    sid = held_call(avaya, httpserver, TO, FROM)["sid"]
    ended = ok_json(avaya.post("/Calls.json", data={"CallSid": sid, "Status": status}))
    assert list(ended) == CALL_FIELDS
    assert (ended["sid"], ended["status"]) == (sid, status)


def test_interrupt_at_the_seed_s_url_names_an_unknown_call_21227(avaya):
    rest_exception(avaya.post("/Calls.json", data={"CallSid": "CA" + "0" * 32,
                                                   "Status": "canceled"}), 404, 21227)


def test_make_call_still_refuses_live_call_parameters_without_a_call_sid(avaya):
    """Status is Interrupt's, not Make Call's: without CallSid it is an unknown parameter."""
    rest_exception(avaya.post("/Calls.json", data={"From": FROM, "To": TO, "Url": APP,
                                                   "Status": "canceled"}), 400, 20001)


def test_send_digits_play_and_effect_on_an_answered_call(avaya, httpserver):
    """Send Digits to Live Call at ``.../Calls.json`` (CallSid, PlayDtmf, the seed's
    "12ww34"), Play Audio to Live Call ``/Calls/:CallSid/Play.json`` (AudioUrl required),
    Apply Voice Effect ``/Calls/:CallSid/Effect.json`` (only CallSid required): each
    answers with the call."""
    sid = answered(avaya, httpserver)["sid"]
    for path, data in [("/Calls.json", {"CallSid": sid, "PlayDtmf": "12ww34"}),
                       (f"/Calls/{sid}/Play.json", {"AudioUrl": AUDIO}),
                       (f"/Calls/{sid}/Effect.json", {})]:
        call = ok_json(avaya.post(path, data=data))
        assert list(call) == CALL_FIELDS and call["sid"] == sid, path


# -- Recordings and transcriptions -------------------------------------------------------------

def test_record_then_list_view_transcribe_delete(avaya, httpserver):
    """Record Live Call ``/Calls/:CallSid/Recordings.json`` (Record required: true, then
    false), List Recordings ``/Recordings.json`` and the call's ``Recordings.json``, View
    Recording, Transcribe Recording ``/Recordings/:RecordingSid/Transcriptions.json``, the
    recording's transcriptions at the seed's ``/{RecordingSid}/Transcriptions``, View
    Transcription (``.json`` and ``.txt``), List Transcriptions, Delete Recording."""
    sid = answered(avaya, httpserver)["sid"]
    for flag in ("true", "false"):
        call = ok_json(avaya.post(f"/Calls/{sid}/Recordings.json", data={"Record": flag}))
        assert list(call) == CALL_FIELDS
    (recording,) = a_page(ok_json(avaya.get("/Recordings.json")), "recordings")
    has_fields(recording, RECORDING_FIELDS)
    assert a_page(ok_json(avaya.get(f"/Calls/{sid}/Recordings.json")), "recordings") == \
        [recording]
    path = f"/Recordings/{recording['sid']}.json"
    assert ok_json(avaya.get(path)) == recording
    made = ok_json(avaya.post(f"/Recordings/{recording['sid']}/Transcriptions.json"))
    has_fields(made, TRANSCRIPTION_FIELDS)
    (of_recording,) = a_page(ok_json(avaya.get(f"/{recording['sid']}/Transcriptions.json")),
                             "transcriptions")
    assert of_recording["sid"] == made["sid"]
    viewed = ok_json(avaya.get(f"/Transcriptions/{made['sid']}.json"))
    assert has_fields(viewed, TRANSCRIPTION_FIELDS)["sid"] == made["sid"]
    text = avaya.get(f"/Transcriptions/{made['sid']}.txt")
    assert text.status_code == 200 and text.headers["Content-Type"].startswith("text/plain")
    (listed,) = a_page(ok_json(avaya.get("/Transcriptions.json")), "transcriptions")
    assert listed["sid"] == made["sid"]
    assert ok_json(avaya.delete(path))["sid"] == recording["sid"]
    rest_exception(avaya.get(path), 404, 21227)


def test_transcribe_audio_url(avaya):
    """Transcribe Audio Url ``/Transcriptions.json`` with AudioUrl (no parameter is marked
    required; the resource needs the audio)."""
    made = ok_json(avaya.post("/Transcriptions.json", data={"AudioUrl": AUDIO}))
    assert has_fields(made, TRANSCRIPTION_FIELDS)["audio_url"] == AUDIO


# -- Conferences and participants --------------------------------------------------------------

def test_conference_and_participant_examples(avaya, httpserver):
    """List Conferences, View Conference ``/Conferences/:ConferenceSid.json``, List and View
    Participants, Mute / Deaf Participant, Play Audio to Participant (``.../Play.json``)
    and Hangup Participant (DELETE), each with only its required SIDs (and AudioUrl)."""
    httpserver.expect_request("/conference").respond_with_data(
        CONFERENCE, content_type="application/xml")
    ok_json(avaya.post("/Calls.json", data={"From": FROM, "To": TO,
                                            "Url": httpserver.url_for("/conference")}))
    conferences = until(avaya, lambda: ok_json(avaya.get("/Conferences.json"))["conferences"],
                        "conference")
    conference = has_fields(conferences[0], CONFERENCE_FIELDS)
    assert ok_json(avaya.get(f"/Conferences/{conference['sid']}.json"))["sid"] == \
        conference["sid"]
    base = f"/Conferences/{conference['sid']}/Participants"
    body = ok_json(avaya.get(f"{base}.json"))
    has_fields(body, PAGING_FIELDS)
    (participant,) = body["participants"]
    has_fields(participant, PARTICIPANT_FIELDS)
    item = f"{base}/{participant['sid']}"
    assert ok_json(avaya.get(f"{item}.json"))["sid"] == participant["sid"]
    muted = ok_json(avaya.post(f"{item}.json", data={"Muted": "true", "Deaf": "true"}))
    assert (muted["muted"], muted["deaf"]) == (True, True)
    has_fields(ok_json(avaya.post(f"{item}/Play.json", data={"AudioUrl": AUDIO})),
               PARTICIPANT_FIELDS)
    has_fields(ok_json(avaya.delete(f"{item}.json")), PARTICIPANT_FIELDS)
    (element,) = list(ok_xml(avaya.get(f"/Conferences/{conference['sid']}")))
    assert element.tag == "Conference"
