"""Recordings (seed 004, List Recordings, View Recording, Delete Recording, Record Live Call /
Record Call) as far as contract tests can reach them: the lists of an account and of a call
in the three formats, unknown SIDs, and every error Record Live Call answers with, with the
call unchanged after each refusal.

Contract tests cannot move the clock, so the calls here are queued or ringing (not yet in
progress: a recording cannot start, 21220) or ended with Interrupt's ``Status=completed``
(21221). Recordings made on answered calls, their files, prices and callbacks are in
tests/test_avaya_recordings.py. Against the real service these tests place calls to
fictional 555-01xx numbers, so they are ``orders``.
"""
from __future__ import annotations

import pytest

from .conftest import SUSPENDED, account_api
from .helpers import (assert_paging, held_call, ok_csv, ok_json, ok_xml, path_of,
                      rest_exception)
from .test_calls import FROM, TO

pytestmark = pytest.mark.orders
UNKNOWN_RECORDING = "RE" + "0" * 32
UNKNOWN_CALL = "CA" + "0" * 32
#: the View Recording fields in the seed's order
FIELDS = ["sid", "account_sid", "call_sid", "duration", "date_created", "date_updated",
          "recording_url", "api_version", "uri", "price"]


@pytest.fixture
def call(avaya, httpserver) -> dict:
    """A call just made (queued, or ringing a second later), held in a Pause once answered."""
    return held_call(avaya, httpserver, TO, FROM)


def record(avaya, sid: str, fmt: str = "json", **data):
    """POST /Calls/{sid}/Recordings."""
    return avaya.post(f"/Calls/{sid}/Recordings{'.json' if fmt == 'json' else ''}",
                      data=data)


def recordings_of(avaya, sid: str) -> dict:
    """The call's recordings list (JSON)."""
    return ok_json(avaya.get(f"/Calls/{sid}/Recordings.json"))


# -- lists -----------------------------------------------------------------------------------

def test_an_account_without_recordings_lists_none_in_three_formats(avaya):
    body = ok_json(avaya.get("/Recordings.json"))
    assert assert_paging(body, "recordings", page=0, page_size=50, total=0) == []
    root = ok_xml(avaya.get("/Recordings"))
    assert root[0].tag == "Recordings" and root[0].attrib["total"] == "0" and len(root[0]) == 0
    assert ok_csv(avaya.get("/Recordings.csv")) == []


def test_the_list_takes_its_filters(avaya, call):
    body = ok_json(avaya.get("/Recordings.json", params={
        "CallSid": call["sid"], "DateCreated>": "2020-01-01", "DateCreated<": "2099-12-31",
        "Page": "0", "PageSize": "10"}))
    assert assert_paging(body, "recordings", page=0, page_size=10, total=0) == []


@pytest.mark.parametrize("key", ["DateCreated", "DateCreated>", "DateCreated<"])
def test_a_date_filter_that_is_not_a_date_is_32005(avaya, key):
    rest_exception(avaya.get("/Recordings.json", params={key: "yesterday"}), 400, 32005)


def test_a_call_s_recordings_are_its_subresource(avaya, call):
    link = call["subresource_uris"]["recordings"]
    body = ok_json(avaya.get(path_of(link, avaya) + ".json"))
    assert assert_paging(body, "recordings", page=0, page_size=50, total=0) == []
    root = ok_xml(avaya.get(f"/Calls/{call['sid']}/Recordings"))
    assert root[0].tag == "Recordings"
    assert ok_csv(avaya.get(f"/Calls/{call['sid']}/Recordings.csv")) == []


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_call_s_recordings_are_21227(avaya, fmt):
    suffix = ".json" if fmt == "json" else ""
    rest_exception(avaya.get(f"/Calls/{UNKNOWN_CALL}/Recordings{suffix}"), 404, 21227, fmt)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_recording_is_21227(avaya, fmt):
    suffix = ".json" if fmt == "json" else ""
    rest_exception(avaya.get(f"/Recordings/{UNKNOWN_RECORDING}{suffix}"), 404, 21227, fmt)
    rest_exception(avaya.delete(f"/Recordings/{UNKNOWN_RECORDING}{suffix}"), 404, 21227, fmt)


# -- Record Live Call ------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_recording_an_unknown_call_is_21227(avaya, fmt):
    rest_exception(record(avaya, UNKNOWN_CALL, fmt, Record="true"), 404, 21227, fmt)


def test_a_recording_cannot_start_before_the_call_is_in_progress(avaya, call):
    rest_exception(record(avaya, call["sid"], Record="true"), 400, 21220)
    rest_exception(record(avaya, call["sid"], "xml", Record="true"), 400, 21220, "xml")
    assert recordings_of(avaya, call["sid"])["total"] == 0
    assert ok_json(avaya.get(f"/Calls/{call['sid']}.json"))["recordings_count"] == 0


def test_stopping_when_nothing_is_recorded_is_21509(avaya, call):
    body = rest_exception(record(avaya, call["sid"], Record="false"), 400, 21509)
    assert body["message"] == "Recording could not be stopped"


def test_a_bad_direction_has_the_seed_s_message(avaya, call):
    body = rest_exception(record(avaya, call["sid"], "xml", Record="true", Direction="up"),
                          400, 21507, "xml")
    assert body["message"] == \
        "Recording parameter 'direction' must be one of 'in', 'out' or 'both'"


@pytest.mark.parametrize("record_value", [None, "", "maybe", "yes"])
def test_record_is_required_as_true_or_false(avaya, call, record_value):
    data = {} if record_value is None else {"Record": record_value}
    rest_exception(record(avaya, call["sid"], **data), 400, 10022)


@pytest.mark.parametrize("params, code", [
    ({"Direction": "sideways"}, 21507), ({"Direction": "inlow"}, 21507),
    ({"TimeLimit": "0"}, 10022), ({"TimeLimit": "-5"}, 10022), ({"TimeLimit": "ten"}, 10022),
    ({"CallbackUrl": "not a url"}, 21502), ({"Callback": "ftp://example.com/x"}, 21502),
    ({"TranscribeCallback": "example.com/t"}, 21502),
    ({"CallbackUrl": "https://example.com/" + "a" * 181}, 12301),
    ({"TranscribeCallback": "https://example.com/" + "a" * 181}, 12301),
    ({"Colour": "blue"}, 20001),
])
def test_a_bad_option_has_its_code_and_changes_nothing(avaya, call, params, code):
    rest_exception(record(avaya, call["sid"], Record="true", **params), 400, code)
    assert recordings_of(avaya, call["sid"])["total"] == 0
    assert ok_json(avaya.get(f"/Calls/{call['sid']}.json"))["recordings_count"] == 0


def test_the_options_are_checked_before_the_call_state(avaya, call):
    """Every documented option with a valid value passes the checks: only the call's state
    (not yet in progress) refuses the request."""
    rest_exception(record(avaya, call["sid"], Record="true", Direction="in", TimeLimit="30",
                          CallbackUrl="https://example.com/recorded", FileFormat="ogg",
                          TrimSilence="true", Transcribe="true", TranscribeQuality="hybrid",
                          TranscribeCallback="https://example.com/transcribed"),
                   400, 21220)


def test_an_ended_call_is_21221(avaya, call):
    ok_json(avaya.post(f"/Calls/{call['sid']}.json", data={"Status": "completed"}))
    rest_exception(record(avaya, call["sid"], Record="true"), 400, 21221)
    rest_exception(record(avaya, call["sid"], Record="false"), 400, 21221)
    assert recordings_of(avaya, call["sid"])["total"] == 0


def test_a_suspended_account_records_nothing(target, mock_only):
    api = account_api(target, *SUSPENDED)
    rest_exception(record(api, UNKNOWN_CALL, Record="true"), 403, 20005)
