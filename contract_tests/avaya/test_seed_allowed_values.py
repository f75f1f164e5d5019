"""Every "Allowed values" line of seed 004_0bee4f3fb019fb3f.txt (``grep -n "Allowed values"``),
each value sent as the seed writes it and accepted; the "any other value will default to
..." ones with another value too, which is accepted (not refused) and, where the resource
shows it, read as the default. Notifications' ``Log`` is in test_fidelity.py.

Placeholders as in test_seed_examples.py; the live-call values need an answered call
(test_seed_examples_voice.answered, a wait of about four seconds).
"""
from __future__ import annotations

import pytest

from .helpers import ok_json
from .test_calls import FROM, TO
from .test_fraud import ok_rule
from .test_seed_examples_voice import APP, AUDIO, CONFERENCE, answered, until

#: Make Call's methods (lines 1616-1696): "Valid parameters are GET and POST - any other
#: value will default to POST" (HearbeatMethod as the seed spells it, line 1638)
CALL_METHODS = ["Method", "FallbackMethod", "StatusCallbackMethod", "HearbeatMethod",
                "HeartbeatMethod", "RecordCallbackMethod", "IfMachineMethod"]
#: Create/Update Application's methods (lines 3571-3700)
APP_METHODS = {"VoiceMethod": "voice_method", "VoiceFallbackMethod": "voice_fallback_method",
               "SmsMethod": "sms_method", "SmsFallbackMethod": "sms_fallback_method",
               "HeartbeatMethod": "heartbeat_method",
               "StatusCallbackMethod": "status_callback_method",
               "HangupCallbackMethod": "hangup_callback_method"}


def call_with(avaya, **params) -> dict:
    """Make Call (JSON) with the required three and ``params``."""
    return ok_json(avaya.post("/Calls.json", data={"From": FROM, "To": TO, "Url": APP,
                                                   **params}))


# -- Make Call --------------------------------------------------------------------------------

@pytest.mark.orders
@pytest.mark.parametrize("name", CALL_METHODS)
@pytest.mark.parametrize("value", ["GET", "POST", "PUT"])
def test_make_call_methods_default_to_post(avaya, name, value):
    call_with(avaya, **{name: value})


@pytest.mark.orders
@pytest.mark.parametrize("value, blocked", [("true", True), ("True", True),
                                            ("false", False), ("yes", False)])
def test_hide_caller_id_true_or_any_other_is_false(avaya, value, blocked):
    """Line 1656: "Allowed positive values are "true" and "True" - any other value will
    default to "false"" (``caller_id_blocked`` a JSON boolean, docs/providers/avaya.md)."""
    assert call_with(avaya, HideCallerId=value)["caller_id_blocked"] == blocked


@pytest.mark.orders
@pytest.mark.parametrize("params", [
    {"Record": "true"}, {"Record": "True"}, {"Record": "1"}, {"Record": "no"},
    {"Transcribe": "true"}, {"Transcribe": "True"}, {"Transcribe": "1"},
    {"TranscribeQuality": "auto"}, {"TranscribeQuality": "keywords"},
    {"StraightToVoicemail": "true"}, {"StraightToVoicemail": "True"},
    {"StraightToVoicemail": "other"},
    {"IfMachine": "continue"}, {"IfMachine": "redirect", "IfMachineUrl": APP},
    {"IfMachine": "hangup"},
    {"PlayDtmf": "142##*"}, {"PlayDtmf": "1 4 2 # # *"}, {"PlayDtmf": "4@2000"},
    {"PlayDtmf": "12Ww34"}], ids=lambda p: "-".join(f"{k}={v}" for k, v in p.items()))
def test_make_call_allowed_values(avaya, params):
    """Lines 1648-1688: Record, Transcribe, TranscribeQuality, StraightToVoicemail,
    IfMachine and PlayDtmf as the seed lists them."""
    call_with(avaya, **params)


@pytest.mark.parametrize("status", ["ringing", "in-progress", "queued", "busy", "completed",
                                    "no-answer", "failed"])
def test_list_calls_status(avaya, status):
    """Line 1894."""
    assert ok_json(avaya.get("/Calls.json", params={"Status": status}))["calls"] == []


# -- Live calls -------------------------------------------------------------------------------

@pytest.mark.orders
def test_digits_play_and_effect_values_on_an_answered_call(avaya, httpserver):
    """Send Digits (lines 2021-2025), Play Audio (2114-2118), Apply Voice Effect
    (2144-2164): each value accepted on one call in progress."""
    sid = answered(avaya, httpserver)["sid"]
    requests = [("", {"PlayDtmf": digits}) for digits in ("12ww34", "4@2000", "#*0W")]
    requests += [("", {"PlayDtmf": "1", "PlayDtmfDirection": way}) for way in ("in", "out")]
    requests += [("/Play", {"AudioUrl": AUDIO, "Direction": way})
                 for way in ("in", "out", "both")]
    requests += [("/Play", {"AudioUrl": AUDIO, "Loop": loop}) for loop in ("true", "false")]
    requests += [("/Effect", {name: value}) for name, values in {
        "AudioDirections": ("in", "out"), "Pitch": ("0.5", "2"),
        "PitchSemiTones": ("-14", "14", "0.5"), "PitchOctaves": ("-1", "1", "0.5"),
        "Rate": ("0.1", "3"), "Tempo": ("0.2", "2")}.items() for value in values]
    for path, data in requests:
        reply = avaya.post(f"/Calls/{sid}{path}.json", data=data)
        assert reply.status_code == 200, (path, data, reply.text)


@pytest.mark.orders
def test_record_values_with_their_defaults(avaya, httpserver):
    """Record Live Call / Record Call (lines 2051-2079, 5916-5944): Direction in, out,
    both; FileFormat mp3, wav and another (mp3); TrimSilence, Transcribe true, false and
    another; TranscribeQuality auto, keywords and another (auto). Three recordings (a call
    takes at most five), then Transcribe Recording's values on one of them."""
    sid = answered(avaya, httpserver)["sid"]
    for options in ({"Direction": "in", "FileFormat": "mp3", "TrimSilence": "true",
                     "Transcribe": "true", "TranscribeQuality": "auto"},
                    {"Direction": "out", "FileFormat": "wav", "TrimSilence": "false",
                     "Transcribe": "false", "TranscribeQuality": "keywords"},
                    {"Direction": "both", "FileFormat": "ogg", "TrimSilence": "maybe",
                     "Transcribe": "maybe", "TranscribeQuality": "other"}):
        for flag in ("true", "false"):
            reply = avaya.post(f"/Calls/{sid}/Recordings.json",
                               data={"Record": flag, **(options if flag == "true" else {})})
            assert reply.status_code == 200, (options, reply.text)
    recordings = ok_json(avaya.get(f"/Calls/{sid}/Recordings.json"))["recordings"]
    urls = [r["recording_url"] for r in recordings]
    assert sorted(url.rsplit(".", 1)[1] for url in urls) == ["mp3", "mp3", "wav"], urls
    # Transcribe Recording (lines 6593, 6605): CallbackMethod "any other value will default
    # to POST"; Quality "auto" and "keywords"
    for params, expected in (({"CallbackMethod": "PUT", "Quality": "keywords"},
                              ("POST", "keywords")),
                             ({"CallbackMethod": "GET", "Quality": "auto"}, ("GET", "auto"))):
        made = ok_json(avaya.post(f"/Recordings/{recordings[0]['sid']}/Transcriptions.json",
                                  data={"TranscribeCallback": "https://example.com/t",
                                        **params}))
        assert (made["callback_method"], made["type"]) == expected


# -- Usages, conferences, participants --------------------------------------------------------

@pytest.mark.parametrize("params", [{"Day": "05", "Month": "07", "Year": "2014"},
                                    {"Day": "31", "Month": "12", "Year": "2014"},
                                    {"Month": "1"}, {"Year": "2014"}])
def test_usage_filters_with_leading_zeros(avaya, params):
    """Lines 2715-2723: Day 1-31 "depending on the month", Month 1-12, "Leading 0s will be
    ignored", Year "such as "2014""."""
    assert ok_json(avaya.get("/Usages.json", params=params))["usages"] == []


@pytest.mark.parametrize("query", ["Status=init", "Status=in-progress", "Status=completed",
                                   "DateCreated>=2019-05-15", "DateCreated=2019-05-15",
                                   "DateUpdated>=2019-05-15"])
def test_conference_filters(avaya, query):
    """Lines 3131-3139."""
    assert ok_json(avaya.get(f"/Conferences.json?{query}"))["conferences"] == []


@pytest.mark.orders
def test_participant_values(avaya, httpserver):
    """Lines 3286-3290 (List Participants' Muted and Deaf filters) and 3377-3381 (Mute /
    Deaf Participant): "true" and "false"."""
    httpserver.expect_request("/conference").respond_with_data(
        CONFERENCE, content_type="application/xml")
    call_with(avaya, Url=httpserver.url_for("/conference"))
    (conference,) = until(avaya, lambda: ok_json(avaya.get("/Conferences.json"))["conferences"],
                          "conference")
    base = f"/Conferences/{conference['sid']}/Participants"
    (participant,) = ok_json(avaya.get(f"{base}.json"))["participants"]
    for name, key in (("Muted", "muted"), ("Deaf", "deaf")):
        for value, flag in (("true", True), ("false", False)):
            changed = ok_json(avaya.post(f"{base}/{participant['sid']}.json",
                                         data={name: value}))
            assert changed[key] is flag
            listed = ok_json(avaya.get(f"{base}.json", params={name: value}))["participants"]
            assert [p["sid"] for p in listed] == [participant["sid"]]


# -- Applications -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(APP_METHODS))
@pytest.mark.parametrize("value, stored", [("GET", "GET"), ("POST", "POST"),
                                           ("DELETE", "POST")])
def test_application_methods_default_to_post(avaya, name, value, stored):
    made = ok_json(avaya.post("/Applications.json", data={name: value}))
    assert made[APP_METHODS[name]] == stored
    updated = ok_json(avaya.post(f"/Applications/{made['sid']}.json", data={name: value}))
    assert updated[APP_METHODS[name]] == stored


@pytest.mark.parametrize("value", ["true", "false"])
def test_application_caller_id_lookup(avaya, value):
    """Lines 3583 and 3668 (``voice_caller_id_lookup`` a JSON boolean)."""
    made = ok_json(avaya.post("/Applications.json", data={"VoiceCallerIdLookup": value}))
    assert made["voice_caller_id_lookup"] is (value == "true")


# -- Transcriptions ---------------------------------------------------------------------------

@pytest.mark.parametrize("status", ["completed", "in-progress", "failed"])
def test_transcription_status_filter(avaya, status):
    """Line 6498."""
    assert ok_json(avaya.get("/Transcriptions.json",
                             params={"Status": status}))["transcriptions"] == []


@pytest.mark.parametrize("params, method, quality", [
    ({"CallbackMethod": "POST"}, "POST", "auto"), ({"CallbackMethod": "GET"}, "GET", "auto"),
    ({"CallbackMethod": "PUT"}, "POST", "auto"), ({"Quality": "auto"}, "POST", "auto"),
    ({"Quality": "keywords"}, "POST", "keywords")])
def test_transcribe_audio_url_values(avaya, params, method, quality):
    """Lines 6641-6645 (and Transcribe Recording's 6593: any other method is POST)."""
    made = ok_json(avaya.post("/Transcriptions.json", data={
        "AudioUrl": AUDIO, "TranscribeCallback": "https://example.com/t", **params}))
    assert (made["callback_method"], made["type"]) == (method, quality)


# -- Fraud control ----------------------------------------------------------------------------

@pytest.mark.parametrize("action", ["Block", "Authorize", "Whitelist"])
@pytest.mark.parametrize("value, flag", [("true", True), ("false", False)])
def test_fraud_switches(avaya, action, value, flag):
    """Lines 7106-7246: MobileEnabled, LandlineEnabled and SmsEnabled "true" and "false"."""
    switches = {"MobileEnabled": value, "LandlineEnabled": value, "SmsEnabled": value}
    rule = ok_rule(avaya, action, "DE", **switches)
    assert (rule["mobile_enabled"], rule["landline_enabled"], rule["sms_enabled"]) == \
        (flag,) * 3


@pytest.mark.parametrize("value", ["true", "false"])
def test_fraud_list_takes_sms_enabled(avaya, value):
    """Line 7276: List Fraud Control Resources documents SmsEnabled beside its paging."""
    ok_rule(avaya, "Block", "DE")
    frauds = ok_json(avaya.get("/Fraud.json", params={"SmsEnabled": value}))["frauds"]
    countries = {fields["country_code"] for item in frauds for fields in item.values()}
    assert ("DE" in countries) is (value == "false"), frauds
