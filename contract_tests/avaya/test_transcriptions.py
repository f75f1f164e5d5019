"""Transcriptions (seed 004, Transcribe Audio Url, View Transcription and its ``.txt`` form,
List Transcriptions, Transcribe Recording, the transcriptions of a recording) in the three
formats, every parameter and every error they answer with, and that a refused request
transcribes nothing.

Contract tests cannot move the clock: the transcriptions here are seen ``in-progress`` (the
mock completes them seconds later; what completion brings, with prices and callbacks, is in
tests/test_avaya_recordings.py). Against the real service a transcription costs money, so
these tests are ``orders``.
"""
from __future__ import annotations

import pytest

from .conftest import SUSPENDED, account_api
from .helpers import (RFC2822, assert_paging, ok_csv, ok_json, ok_xml, path_of, rest_exception,
                      sid_of)

pytestmark = pytest.mark.orders
#: the View Transcription fields in the seed's order (recording_sid only for recordings)
FIELDS = ["sid", "account_sid", "date_created", "date_updated", "status", "type",
          "audio_url", "duration", "transcription_text", "api_version", "price",
          "transcribe_callback", "callback_method", "uri"]
TRANSCRIPTION_SID = sid_of("TR")
AUDIO = "https://example.com/audio/greeting.mp3"
UNKNOWN_RECORDING = "RE" + "0" * 32


def transcribe(avaya, **params) -> dict:
    """Transcribe Audio Url (JSON) with AudioUrl defaulted."""
    return ok_json(avaya.post("/Transcriptions.json", data={"AudioUrl": AUDIO, **params}))


def total(avaya) -> int:
    """How many transcriptions the account has."""
    return ok_json(avaya.get("/Transcriptions.json"))["total"]


# -- Transcribe Audio Url --------------------------------------------------------------------

def test_transcribe_audio_url_answers_an_in_progress_transcription(avaya, account):
    body = transcribe(avaya)
    assert list(body) == FIELDS
    assert TRANSCRIPTION_SID.fullmatch(body["sid"]) and body["account_sid"] == account[0]
    assert RFC2822.fullmatch(body["date_created"]) and RFC2822.fullmatch(body["date_updated"])
    assert (body["status"], body["type"], body["audio_url"]) == ("in-progress", "auto", AUDIO)
    assert isinstance(body["duration"], int) and body["duration"] > 0
    assert isinstance(body["price"], str) and isinstance(body["transcription_text"], str)
    assert (body["transcribe_callback"], body["callback_method"]) == ("", "POST")
    assert body["api_version"] == "v2"
    assert body["uri"].endswith(f"/Accounts/{account[0]}/Transcriptions/{body['sid']}")


def test_transcribe_audio_url_in_xml(avaya):
    root = ok_xml(avaya.post("/Transcriptions", data={"AudioUrl": AUDIO}))
    element = root[0]
    assert element.tag == "Transcription"
    assert [child.tag for child in element][:6] == ["Sid", "AccountSid", "DateCreated",
                                                    "DateUpdated", "Status", "Type"]
    assert element.find("AudioUrl").text == AUDIO


def test_every_parameter_is_taken(avaya):
    body = transcribe(avaya, TranscribeCallback="https://example.com/transcribed",
                      CallbackMethod="GET", SliceStart="0", SliceDuration="3",
                      Quality="keywords")
    assert (body["type"], body["transcribe_callback"], body["callback_method"]) == \
        ("keywords", "https://example.com/transcribed", "GET")
    assert 0 < body["duration"] <= 3


@pytest.mark.parametrize("given, stored", [("get", "GET"), ("POST", "POST"), ("PUT", "POST")])
def test_callback_method_is_get_or_post(avaya, given, stored):
    body = transcribe(avaya, TranscribeCallback="https://example.com/t", CallbackMethod=given)
    assert body["callback_method"] == stored


def test_another_quality_is_an_invalid_transcription_type(avaya):
    body = rest_exception(avaya.post("/Transcriptions", data={"AudioUrl": AUDIO,
                                                             "Quality": "hybrid"}),
                          400, 21503, "xml")
    assert body["message"] == "Invalid transcription type"


@pytest.mark.parametrize("quality", ["auto", "keywords", "AUTO"])
def test_quality_is_auto_or_keywords(avaya, quality):
    assert transcribe(avaya, Quality=quality)["type"] == quality.lower()


@pytest.mark.parametrize("params, code", [
    ({"Quality": "hybrid"}, 21503), ({"Quality": "gold"}, 21503),
    ({"AudioUrl": ""}, 50006), ({"AudioUrl": "not a url"}, 50006),
    ({"AudioUrl": "https://example.com/" + "a" * 181}, 12301),
    ({"TranscribeCallback": "example.com/t"}, 21502),
    ({"TranscribeCallback": "https://example.com/" + "a" * 181}, 12301),
    ({"SliceStart": "-1"}, 10022), ({"SliceStart": "x"}, 10022),
    ({"SliceDuration": "0"}, 10022), ({"SliceStart": "100000"}, 10022),
    ({"Language": "en"}, 20001),
])
def test_a_bad_parameter_has_its_code_and_transcribes_nothing(avaya, params, code):
    before = total(avaya)
    rest_exception(avaya.post("/Transcriptions.json", data={"AudioUrl": AUDIO, **params}),
                   400, code)
    assert total(avaya) == before


def test_audio_url_is_required(avaya):
    body = rest_exception(avaya.post("/Transcriptions.json", data={}), 400, 50006)
    assert body["message"] == \
        "Fatal error transcribing audio due to missing or invalid media url"
    rest_exception(avaya.post("/Transcriptions", data={}), 400, 50006, "xml")
    assert total(avaya) == 0


def test_a_suspended_account_transcribes_nothing(target, mock_only):
    api = account_api(target, *SUSPENDED)
    rest_exception(api.post("/Transcriptions.json", data={"AudioUrl": AUDIO}), 403, 20005)


# -- View and List ---------------------------------------------------------------------------

def test_view_in_four_formats(avaya):
    made = transcribe(avaya)
    viewed = ok_json(avaya.get(f"/Transcriptions/{made['sid']}.json"))
    assert viewed["sid"] == made["sid"] and list(viewed) == FIELDS
    root = ok_xml(avaya.get(f"/Transcriptions/{made['sid']}"))
    assert root[0].find("Sid").text == made["sid"]
    (row,) = ok_csv(avaya.get(f"/Transcriptions/{made['sid']}.csv"))
    assert row["sid"] == made["sid"]
    text = avaya.get(f"/Transcriptions/{made['sid']}.txt")
    assert text.status_code == 200 and text.headers["Content-Type"].startswith("text/plain")
    assert text.text.strip() == viewed["transcription_text"]


def test_the_uri_can_be_followed(avaya):
    made = transcribe(avaya)
    assert ok_json(avaya.get(path_of(made["uri"], avaya) + ".json"))["sid"] == made["sid"]


@pytest.mark.parametrize("suffix, fmt", [(".json", "json"), ("", "xml"), (".txt", "xml")])
def test_an_unknown_transcription_is_21227(avaya, suffix, fmt):
    rest_exception(avaya.get(f"/Transcriptions/TR{'0' * 32}{suffix}"), 404, 21227, fmt)


def test_the_list_is_newest_first_in_three_formats(avaya):
    first, second = transcribe(avaya), transcribe(avaya, Quality="keywords")
    body = ok_json(avaya.get("/Transcriptions.json"))
    items = assert_paging(body, "transcriptions", page=0, page_size=50, total=2)
    assert [t["sid"] for t in items] == [second["sid"], first["sid"]]
    root = ok_xml(avaya.get("/Transcriptions"))
    assert root[0].tag == "Transcriptions"
    assert [e.find("Sid").text for e in root[0]] == [second["sid"], first["sid"]]
    assert [row["sid"] for row in ok_csv(avaya.get("/Transcriptions.csv"))] == \
        [second["sid"], first["sid"]]


def test_the_list_pages(avaya):
    made = [transcribe(avaya)["sid"] for _ in range(3)]
    body = ok_json(avaya.get("/Transcriptions.json", params={"Page": "1", "PageSize": "2"}))
    items = assert_paging(body, "transcriptions", page=1, page_size=2, total=3)
    assert [t["sid"] for t in items] == [made[0]]


def test_the_list_filters_by_status_and_date(avaya):
    transcribe(avaya)
    assert ok_json(avaya.get("/Transcriptions.json",
                             params={"Status": "in-progress"}))["total"] == 1
    assert ok_json(avaya.get("/Transcriptions.json", params={"Status": "failed"}))["total"] == 0
    assert ok_json(avaya.get("/Transcriptions.json", params={
        "DateTranscribed>": "2000-01-01", "DateTranscribed<": "2999-12-31"}))["total"] == 1
    assert ok_json(avaya.get("/Transcriptions.json",
                             params={"DateTranscribed>": "2999-01-01"}))["total"] == 0


def test_a_date_filter_that_is_not_a_date_is_32005(avaya):
    rest_exception(avaya.get("/Transcriptions.json", params={"DateTranscribed": "today"}),
                   400, 32005)


# -- a recording's transcriptions ------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_transcribing_an_unknown_recording_is_21227(avaya, fmt):
    suffix = ".json" if fmt == "json" else ""
    rest_exception(avaya.post(f"/Recordings/{UNKNOWN_RECORDING}/Transcriptions{suffix}",
                              data={"Quality": "auto"}), 404, 21227, fmt)
    assert total(avaya) == 0


@pytest.mark.parametrize("path", [f"/Recordings/{UNKNOWN_RECORDING}/Transcriptions.json",
                                  f"/{UNKNOWN_RECORDING}/Transcriptions.json"])
def test_an_unknown_recording_s_transcriptions_are_21227(avaya, path):
    rest_exception(avaya.get(path), 404, 21227)
