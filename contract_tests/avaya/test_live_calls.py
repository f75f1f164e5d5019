"""Live calls (seed 004, Interrupt Live Call, Send Digits to Live Call, Play Audio to Live
Call, Apply Voice Effect): what a call that has not been answered yet allows (ending it with
Status canceled or completed, a new Url for when it connects), what it refuses (digits,
audio and effects need a call in progress: 21220), what an ended call refuses (21221), and
every parameter error, with the call unchanged after each refusal.

Contract tests cannot move the clock: the calls here are queued or ringing (the mock rings
them after a second and answers after four). Live operations on answered calls are tested
in tests/test_avaya_calls.py.
"""
from __future__ import annotations

import pytest

from .conftest import SUSPENDED, account_api
from .helpers import held_call, ok_json, ok_xml, rest_exception
from .test_calls import FIELDS, FROM, TO

pytestmark = pytest.mark.orders
UNKNOWN = "CA" + "0" * 32
NOT_ANSWERED = ("queued", "ringing")
#: which path each live operation posts to, with parameters it accepts
OPERATIONS = {"interrupt": ("", {"Url": "https://example.com/next"}),
              "digits": ("", {"PlayDtmf": "1234#"}),
              "play": ("/Play", {"AudioUrl": "https://example.com/a.mp3"}),
              "effect": ("/Effect", {"Pitch": "2"})}


@pytest.fixture
def call(avaya, httpserver) -> dict:
    """A call just made (queued, or ringing a second later), held in a Pause once answered."""
    return held_call(avaya, httpserver, TO, FROM)


def view(avaya, sid: str) -> dict:
    """The call as View Call shows it."""
    return ok_json(avaya.get(f"/Calls/{sid}.json"))


def assert_unchanged(avaya, before: dict) -> None:
    """The call is as it was, but for the ring the clock may have moved it to."""
    after = view(avaya, before["sid"])
    if before["status"] in NOT_ANSWERED:
        assert after["status"] in NOT_ANSWERED, after
        before = {k: v for k, v in before.items() if k not in ("status", "date_updated")}
        after = {k: v for k, v in after.items() if k not in ("status", "date_updated")}
    assert after == before


def post(avaya, sid: str, path: str = "", fmt: str = "json", **data):
    """POST to the call (or one of its live subresources)."""
    suffix = ".json" if fmt == "json" else ""
    return avaya.post(f"/Calls/{sid}{path}{suffix}", data=data)


# -- Interrupt Live Call: Status -------------------------------------------------------------

@pytest.mark.parametrize("status", ["canceled", "completed", "Canceled", "COMPLETED"])
def test_a_call_not_answered_ends_with_either_status(avaya, call, status):
    ended = ok_json(post(avaya, call["sid"], Status=status))
    assert list(ended) == FIELDS
    assert ended["status"] == status.lower()
    assert ended["end_time"] == ended["date_updated"] and ended["end_time"] is not None
    assert (ended["duration"], ended["duration_billed"], ended["price"]) == (0, 0, "0.0000")
    assert ended["start_time"] is None
    assert view(avaya, call["sid"]) == ended


def test_interrupt_answers_in_xml_by_default(avaya, call):
    element = ok_xml(post(avaya, call["sid"], fmt="xml", Status="canceled"))[0]
    assert element.tag == "Call" and element.findtext("Status") == "canceled"
    assert element.findtext("Sid") == call["sid"]


def test_status_and_url_together_end_the_call(avaya, call):
    """zang-python's interruptLiveCall sends Url, Method and Status together."""
    ended = ok_json(post(avaya, call["sid"], Url="https://example.com/next", Method="GET",
                         Status="canceled"))
    assert ended["status"] == "canceled"


@pytest.mark.parametrize("status", ["busy", "failed", "hangup", "in-progress", "no-answer"])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_another_status_is_21220(avaya, call, status, fmt):
    rest_exception(post(avaya, call["sid"], fmt=fmt, Status=status), 400, 21220, fmt)
    assert_unchanged(avaya, call)


def test_an_ended_call_cannot_be_ended_again(avaya, call):
    ended = ok_json(post(avaya, call["sid"], Status="completed"))
    for status in ("completed", "canceled"):
        rest_exception(post(avaya, call["sid"], Status=status), 400, 21221)
    assert view(avaya, call["sid"]) == ended


# -- Interrupt Live Call: Url ----------------------------------------------------------------

@pytest.mark.parametrize("method", ["GET", "POST", "put", None])
def test_a_new_url_is_taken_for_a_call_not_answered(avaya, call, method):
    data = {"Url": "https://example.com/next"}
    if method:
        data["Method"] = method
    body = ok_json(post(avaya, call["sid"], **data))
    assert body["sid"] == call["sid"] and body["status"] in NOT_ANSWERED
    assert body["end_time"] is None


def test_nothing_to_do_answers_the_call_as_it_is(avaya, call):
    body = ok_json(post(avaya, call["sid"]))
    assert body["sid"] == call["sid"] and body["status"] in NOT_ANSWERED


@pytest.mark.parametrize("url, code", [("not a url", 21205), ("ftp://example.com/x", 21205),
                                       ("https://example.com/" + "a" * 181, 12301)])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_bad_url_is_refused(avaya, call, url, code, fmt):
    rest_exception(post(avaya, call["sid"], fmt=fmt, Url=url), 400, code, fmt)
    rest_exception(post(avaya, call["sid"], Url=url, Status="canceled"), 400, code)
    assert_unchanged(avaya, call)


def test_a_url_of_200_characters_is_accepted(avaya, call):
    url = "https://example.com/" + "a" * 180
    assert ok_json(post(avaya, call["sid"], Url=url))["status"] in NOT_ANSWERED


def test_interrupt_and_digits_together_are_10022(avaya, call):
    reply = post(avaya, call["sid"], Url="https://example.com/next", PlayDtmf="1")
    rest_exception(reply, 400, 10022)
    rest_exception(post(avaya, call["sid"], Status="completed", PlayDtmfDirection="out"),
                   400, 10022)
    assert_unchanged(avaya, call)


def test_an_unknown_parameter_is_20001(avaya, call):
    rest_exception(post(avaya, call["sid"], Status="completed", Reason="bye"), 400, 20001)
    assert_unchanged(avaya, call)


# -- Send Digits -----------------------------------------------------------------------------

@pytest.mark.parametrize("direction", ["in", "out", "OUT", None])
def test_digits_need_a_call_in_progress(avaya, call, direction):
    data = {"PlayDtmf": "12ww34"}
    if direction:
        data["PlayDtmfDirection"] = direction
    rest_exception(post(avaya, call["sid"], **data), 400, 21220)
    rest_exception(post(avaya, call["sid"], fmt="xml", **data), 400, 21220, "xml")
    assert_unchanged(avaya, call)


@pytest.mark.parametrize("data", [{"PlayDtmf": "12a"}, {"PlayDtmf": "4@"}, {"PlayDtmf": ""},
                                  {"PlayDtmf": "   "}, {"PlayDtmfDirection": "out"},
                                  {"PlayDtmf": "1", "PlayDtmfDirection": "both"},
                                  {"PlayDtmf": "1", "PlayDtmfDirection": "sideways"}])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_bad_digits_are_21206(avaya, call, data, fmt):
    rest_exception(post(avaya, call["sid"], fmt=fmt, **data), 400, 21206, fmt)
    assert_unchanged(avaya, call)


# -- Play Audio ------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [{}, {"Direction": "both", "Loop": "true"},
                                  {"Direction": "in", "Loop": "false"}, {"Direction": "OUT"}])
def test_audio_needs_a_call_in_progress(avaya, call, data):
    reply = post(avaya, call["sid"], "/Play", AudioUrl="https://example.com/a.mp3", **data)
    rest_exception(reply, 400, 21220)
    assert_unchanged(avaya, call)


@pytest.mark.parametrize("data, code", [
    ({}, 21205), ({"AudioUrl": ""}, 21205), ({"AudioUrl": "a.mp3"}, 21205),
    ({"AudioUrl": "https://example.com/" + "a" * 181}, 12301),
    ({"AudioUrl": "https://example.com/a.mp3", "Direction": "left"}, 10022),
    ({"AudioUrl": "https://example.com/a.mp3", "Volume": "11"}, 20001)])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_bad_audio_is_refused(avaya, call, data, code, fmt):
    rest_exception(post(avaya, call["sid"], "/Play", fmt=fmt, **data), 400, code, fmt)
    assert_unchanged(avaya, call)


# -- Apply Voice Effect ----------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    {}, {"AudioDirections": "in"}, {"AudioDirection": "out"}, {"AudioDirection": "IN"},
    {"Pitch": "0.01", "PitchSemiTones": "-14", "PitchOctaves": "-1", "Rate": "0.5",
     "Tempo": "3"},
    {"Pitch": "5", "PitchSemiTones": "14", "PitchOctaves": "1", "Rate": "2", "Tempo": "1"},
    {"PitchSemiTones": "2.5", "PitchOctaves": "0.5"}])
def test_a_valid_effect_needs_a_call_in_progress(avaya, call, data):
    rest_exception(post(avaya, call["sid"], "/Effect", **data), 400, 21220)
    assert_unchanged(avaya, call)


@pytest.mark.parametrize("name, value", [
    ("Pitch", "0"), ("Pitch", "-1"), ("Pitch", "abc"), ("Pitch", "nan"), ("Pitch", "inf"),
    ("PitchSemiTones", "14.5"), ("PitchSemiTones", "-15"), ("PitchSemiTones", "x"),
    ("PitchOctaves", "1.01"), ("PitchOctaves", "-2"), ("Rate", "0"), ("Rate", "-0.5"),
    ("Tempo", "0"), ("Tempo", "fast"), ("AudioDirections", "both"),
    ("AudioDirection", "up")])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_effect_parameter_out_of_bounds_is_21222(avaya, call, name, value, fmt):
    rest_exception(post(avaya, call["sid"], "/Effect", fmt=fmt, **{name: value}), 400,
                   21222, fmt)
    assert_unchanged(avaya, call)


# -- every live operation --------------------------------------------------------------------

@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_call_is_21227(avaya, operation, fmt):
    path, data = OPERATIONS[operation]
    rest_exception(post(avaya, UNKNOWN, path, fmt=fmt, **data), 404, 21227, fmt)


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_ended_call_is_21221(avaya, call, operation, fmt):
    ended = ok_json(post(avaya, call["sid"], Status="canceled"))
    path, data = OPERATIONS[operation]
    rest_exception(post(avaya, call["sid"], path, fmt=fmt, **data), 400, 21221, fmt)
    assert view(avaya, call["sid"]) == ended


@pytest.mark.parametrize("operation", OPERATIONS)
def test_a_suspended_account_is_20005(target, mock_only, operation):
    suspended = account_api(target, *SUSPENDED)
    path, data = OPERATIONS[operation]
    rest_exception(post(suspended, UNKNOWN, path, **data), 403, 20005)
