"""Calls (seed 004, Make Call, View Call, List Calls, Making a SIP Call) in the three formats,
every documented parameter of Make Call and every error it answers with (and that a refused
call is not made), the list's filters and paging.

Contract tests cannot move the clock, so the calls they make are seen queued (the mock
rings them a second after they are made): what calls do once answered is in
tests/test_avaya_calls.py. The calls' Url is a local application server (pytest-httpserver)
that holds an answered call in a long Pause. Against the real service these tests place
calls to fictional 555-01xx numbers, so they are ``orders``.
"""
from __future__ import annotations

import pytest

from .conftest import SUSPENDED, TRIAL, account_api
from .helpers import (RFC2822, assert_paging, ok_csv, ok_json, ok_xml, path_of,
                      rest_exception, sid_of)

pytestmark = pytest.mark.orders
#: the View Call fields in the order the real API answered them (zang-python's call.json)
FIELDS = ["date_updated", "parent_call_sid", "duration", "from", "to", "caller_id_blocked",
          "answered_by", "sid", "recordings_count", "price", "api_version", "status",
          "direction", "start_time", "date_created", "subresource_uris", "forwarded_from",
          "uri", "account_sid", "duration_billed", "end_time", "phone_number_sid"]
CALL_SID = sid_of("CA")
TO, TO_2, TO_GB = "+14155550100", "+14155550101", "+442071838750"
FROM = "+14155550199"
#: each URL parameter and the code a malformed one answers with
URL_CODES = {"Url": 21205, "FallbackUrl": 21231, "StatusCallback": 21229,
             "HeartbeatUrl": 21232, "IfMachineUrl": 21234, "RecordCallback": 21502,
             "TranscribeCallback": 21502}
HOLD = '<Response><Pause length="600"/></Response>'


@pytest.fixture
def app_url(httpserver) -> str:
    """The calls' Url: an application that keeps an answered call in a Pause."""
    httpserver.expect_request("/hold").respond_with_data(HOLD, content_type="application/xml")
    return httpserver.url_for("/hold")


@pytest.fixture
def make(avaya, app_url):
    """Make a call (JSON) with To, From and Url defaulted; its resource."""
    def call(**params) -> dict:
        data = {"To": TO, "From": FROM, "Url": app_url, **params}
        return ok_json(avaya.post("/Calls.json", data=data))
    return call


def total_calls(api) -> int:
    """How many calls the account has."""
    return ok_json(api.get("/Calls.json"))["total"]


# -- Make Call -------------------------------------------------------------------------------

def test_make_call_answers_a_queued_call(make, account):
    body = make()
    assert list(body) == FIELDS
    assert CALL_SID.fullmatch(body["sid"])
    assert (body["to"], body["from"], body["status"], body["direction"]) == \
        (TO, FROM, "queued", "outbound-api")
    assert body["account_sid"] == account[0] and body["api_version"] == "v2"
    assert body["uri"].endswith(f"/v2/Accounts/{account[0]}/Calls/{body['sid']}")
    assert body["subresource_uris"]["notifications"] == body["uri"] + "/Notifications"
    assert body["subresource_uris"]["recordings"] == body["uri"] + "/Recordings"
    assert RFC2822.fullmatch(body["date_created"]) and body["date_updated"] == \
        body["date_created"]
    assert body["start_time"] is None and body["end_time"] is None
    assert (body["duration"], body["duration_billed"], body["price"]) == (0, 0, "0.0000")
    assert (body["parent_call_sid"], body["forwarded_from"], body["answered_by"]) == \
        ("", "", "tbd")
    assert body["caller_id_blocked"] is False and body["phone_number_sid"] == ""


def test_make_call_answers_in_xml_by_default(avaya, app_url):
    reply = avaya.post("/Calls", data={"To": TO, "From": FROM, "Url": app_url})
    (element,) = list(ok_xml(reply))
    assert element.tag == "Call"
    assert [child.tag for child in element][:4] == ["DateUpdated", "ParentCallSid",
                                                    "Duration", "From"]
    assert CALL_SID.fullmatch(element.findtext("Sid"))
    assert element.findtext("Status") == "queued" and element.findtext("To") == TO
    assert element.findtext("SubresourceUris/Recordings").endswith("/Recordings")


def test_make_call_takes_every_documented_parameter(make, app_url):
    body = make(Method="GET", FallbackUrl=app_url, FallbackMethod="GET",
                StatusCallback=app_url, StatusCallbackMethod="GET", HeartbeatUrl=app_url,
                HeartbeatMethod="GET", ForwardedFrom="+1 (415) 555-0123", PlayDtmf="142##*",
                Timeout="30", HideCallerId="true", Record="true", RecordCallback=app_url,
                RecordCallbackMethod="GET", Transcribe="true", TranscribeQuality="keywords",
                TranscribeCallback=app_url, StraightToVoicemail="false", IfMachine="continue",
                IfMachineUrl=app_url, IfMachineMethod="GET")
    assert body["status"] == "queued"
    assert body["forwarded_from"] == "+14155550123"
    assert body["caller_id_blocked"] is True


@pytest.mark.parametrize("given, shown", [
    ("+1 (415) 555-0100", TO), ("1-415-555-0100", TO), ("+1 415 555 01 00", TO),
    ("  +14155550100  ", TO)])
def test_to_is_formatted(make, given, shown):
    assert make(To=given)["to"] == shown


@pytest.mark.parametrize("given, shown", [
    ("8143", "8143"), ("(415) 555-0100", "4155550100"), ("+1 415 555 0199", FROM),
    ("sip:alice@pbx.example.com", "sip:alice@pbx.example.com")])
def test_from_may_be_in_any_format(make, given, shown):
    assert make(From=given)["from"] == shown


def test_a_from_that_is_an_account_number_names_it(avaya, make):
    number = ok_json(avaya.post("/IncomingPhoneNumbers.json", data={"AreaCode": "212"}))
    body = make(From=number["phone_number"])
    assert body["phone_number_sid"] == number["sid"]


@pytest.mark.parametrize("timeout", ["1", "999", ""])
def test_timeout_from_1_to_999_is_accepted(make, timeout):
    assert make(Timeout=timeout)["status"] == "queued"


@pytest.mark.parametrize("timeout", ["0", "1000", "-5", "abc", "1.5"])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_another_timeout_is_21208(avaya, app_url, timeout, fmt):
    suffix = ".json" if fmt == "json" else ""
    reply = avaya.post(f"/Calls{suffix}", data={"To": TO, "From": FROM, "Url": app_url,
                                                "Timeout": timeout})
    rest_exception(reply, 400, 21208, fmt)
    assert total_calls(avaya) == 0


@pytest.mark.parametrize("method", ["GET", "get", "POST", "PUT", "DELETE", "anything"])
def test_any_method_is_accepted_and_others_default_to_post(make, method):
    body = make(Method=method, FallbackMethod=method, StatusCallbackMethod=method,
                HeartbeatMethod=method, RecordCallbackMethod=method, IfMachineMethod=method)
    assert body["status"] == "queued"


@pytest.mark.parametrize("value", ["continue", "redirect", "hangup", "Hangup"])
def test_if_machine_takes_its_three_values(make, value):
    assert make(IfMachine=value)["answered_by"] == "tbd"


@pytest.mark.parametrize("value", ["voicemail", "yes", "1"])
def test_another_if_machine_is_21207(avaya, app_url, value):
    reply = avaya.post("/Calls.json", data={"To": TO, "From": FROM, "Url": app_url,
                                            "IfMachine": value})
    rest_exception(reply, 400, 21207)
    assert total_calls(avaya) == 0


@pytest.mark.parametrize("given, blocked", [("true", True), ("True", True), ("TRUE", False),
                                            ("1", False), ("false", False), ("yes", False)])
def test_hide_caller_id_is_true_for_true_and_True_only(make, given, blocked):
    assert make(HideCallerId=given)["caller_id_blocked"] is blocked


@pytest.mark.parametrize("dtmf", ["142##*", "12ww34", "4@2000", "1 2 3", "W9@500#"])
def test_play_dtmf_in_the_seed_syntax_is_accepted(make, dtmf):
    assert make(PlayDtmf=dtmf)["status"] == "queued"


@pytest.mark.parametrize("dtmf", ["12a", "4@", "@100", "1-2", "x"])
def test_play_dtmf_outside_the_syntax_is_21206(avaya, app_url, dtmf):
    reply = avaya.post("/Calls.json", data={"To": TO, "From": FROM, "Url": app_url,
                                            "PlayDtmf": dtmf})
    rest_exception(reply, 400, 21206)
    assert total_calls(avaya) == 0


@pytest.mark.parametrize("name, code", URL_CODES.items())
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_malformed_url_parameter_has_its_code(avaya, app_url, name, code, fmt):
    data = {"To": TO, "From": FROM, "Url": app_url, name: "not a url"}
    suffix = ".json" if fmt == "json" else ""
    rest_exception(avaya.post(f"/Calls{suffix}", data=data), 400, code, fmt)
    rest_exception(avaya.post("/Calls.json", data={**data, name: "ftp://example.com/x"}),
                   400, code)
    assert total_calls(avaya) == 0


@pytest.mark.parametrize("name", URL_CODES)
def test_a_url_parameter_of_200_characters_is_accepted_and_201_is_12301(avaya, make, name):
    base = "https://example.com/"
    at_limit = base + "a" * (200 - len(base))
    assert make(**{name: at_limit})["status"] == "queued"
    data = {"To": TO, "From": FROM, "Url": at_limit, name: at_limit + "a"}
    rest_exception(avaya.post("/Calls.json", data=data), 400, 12301)
    assert total_calls(avaya) == 1


@pytest.mark.parametrize("missing, code", [("To", 21201), ("From", 21213), ("Url", 21205)])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_missing_required_parameter_has_its_code(avaya, app_url, missing, code, fmt):
    data = {"To": TO, "From": FROM, "Url": app_url}
    suffix = ".json" if fmt == "json" else ""
    rest_exception(avaya.post(f"/Calls{suffix}", data={**data, missing: ""}), 400, code, fmt)
    del data[missing]
    rest_exception(avaya.post("/Calls.json", data=data), 400, code)
    assert total_calls(avaya) == 0


@pytest.mark.parametrize("to", ["+1415", "12", "+999 123", "not a number"])
def test_an_invalid_to_is_21211(avaya, app_url, to):
    reply = avaya.post("/Calls.json", data={"To": to, "From": FROM, "Url": app_url})
    rest_exception(reply, 400, 21211)
    assert total_calls(avaya) == 0


def test_a_from_without_digits_is_21212(avaya, app_url):
    reply = avaya.post("/Calls.json", data={"To": TO, "From": "caller", "Url": app_url})
    rest_exception(reply, 400, 21212)
    assert total_calls(avaya) == 0


def test_an_unknown_parameter_is_20001(avaya, app_url):
    reply = avaya.post("/Calls.json", data={"To": TO, "From": FROM, "Url": app_url,
                                            "Colour": "blue"})
    rest_exception(reply, 400, 20001)
    assert total_calls(avaya) == 0


# -- SIP -------------------------------------------------------------------------------------

@pytest.mark.parametrize("to", ["sip:myusername@myexample.com",
                                "sip:myusername@myexample.com?headerone=ya&headertwo=hoo",
                                "sip:myusername@myexample.com?;transport=tcp",
                                "sip:myusername@myexample.com;transport=udp",
                                "sip:myusername@myexample.com;transport=TCP"])
def test_a_sip_to_is_called_as_given(make, to):
    body = make(To=to, SipAuthUsername="me", SipAuthPassword="secret")
    assert body["to"] == to and body["status"] == "queued"


def test_sip_headers_of_1024_characters_are_accepted_and_1025_refused(avaya, make, app_url):
    def uri(length: int) -> str:
        header = "X-Data="
        return "sip:bob@pbx.example.com?" + header + "a" * (length - len(header))
    assert make(To=uri(1024))["to"] == uri(1024)
    reply = avaya.post("/Calls.json", data={"To": uri(1025), "From": FROM, "Url": app_url})
    rest_exception(reply, 400, 21211)
    assert total_calls(avaya) == 1


@pytest.mark.parametrize("to", ["sip:bob@pbx.example.com;transport=sctp",
                                "sip:bob@pbx.example.com?;transport=tls", "sip:pbx.example.com",
                                "sip:bob@"])
def test_a_sip_to_with_another_transport_or_no_user_is_21211(avaya, app_url, to):
    reply = avaya.post("/Calls.json", data={"To": to, "From": FROM, "Url": app_url})
    rest_exception(reply, 400, 21211)
    assert total_calls(avaya) == 0


# -- accounts --------------------------------------------------------------------------------

def test_a_trial_account_calls_us_numbers_only(target, mock_only, app_url):
    trial = account_api(target, *TRIAL)
    before = total_calls(trial)          # a server shared by several runs has some
    assert ok_json(trial.post("/Calls.json", data={"To": TO, "From": FROM,
                                                   "Url": app_url}))["to"] == TO
    for to in (TO_GB, "+14165550123"):
        reply = trial.post("/Calls.json", data={"To": to, "From": FROM, "Url": app_url})
        rest_exception(reply, 403, 21215)
    assert total_calls(trial) == before + 1


def test_a_suspended_account_makes_no_call(target, mock_only, app_url):
    suspended = account_api(target, *SUSPENDED)
    reply = suspended.post("/Calls.json", data={"To": TO, "From": FROM, "Url": app_url})
    rest_exception(reply, 403, 20005)
    rest_exception(suspended.post("/Calls", data={"To": TO, "From": FROM, "Url": app_url}),
                   403, 20005, "xml")
    assert total_calls(suspended) == 0


# -- View Call -------------------------------------------------------------------------------

def test_view_in_three_formats(avaya, make):
    made = make(From="8143")
    sid = made["sid"]
    viewed = ok_json(avaya.get(f"/Calls/{sid}.json"))
    assert list(viewed) == FIELDS and viewed["sid"] == sid and viewed["from"] == "8143"
    element = ok_xml(avaya.get(f"/Calls/{sid}"))[0]
    assert element.tag == "Call" and element.findtext("Sid") == sid
    assert ok_xml(avaya.get(f"/Calls/{sid}.xml"))[0].findtext("From") == "8143"
    (row,) = ok_csv(avaya.get(f"/Calls/{sid}.csv"))
    assert list(row) == FIELDS and row["sid"] == sid and row["to"] == TO


def test_the_uri_can_be_followed(avaya, make):
    made = make()
    assert ok_json(avaya.get(path_of(made["uri"], avaya) + ".json"))["sid"] == made["sid"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_call_is_21227(avaya, fmt):
    suffix = ".json" if fmt == "json" else ""
    rest_exception(avaya.get(f"/Calls/CA{'0' * 32}{suffix}"), 404, 21227, fmt)


def test_another_account_s_call_is_not_found(target, avaya, make):
    if target == "real":
        pytest.skip("needs a second account")
    sid = make()["sid"]
    other = account_api(target, "AC" + "e" * 32, "token")
    rest_exception(other.get(f"/Calls/{sid}.json"), 404, 21227)


# -- List Calls ------------------------------------------------------------------------------

def test_an_empty_list(avaya):
    body = ok_json(avaya.get("/Calls.json"))
    assert assert_paging(body, "calls", page=0, page_size=50, total=0) == []


def test_the_list_is_newest_first_in_three_formats(avaya, make):
    sids = [make(To=to)["sid"] for to in (TO, TO_2, TO)]
    body = ok_json(avaya.get("/Calls.json"))
    items = assert_paging(body, "calls", page=0, page_size=50, total=3)
    assert [item["sid"] for item in items] == sids[::-1]
    assert list(items[0]) == FIELDS
    root = ok_xml(avaya.get("/Calls"))
    (calls,) = list(root)
    assert calls.tag == "Calls" and calls.get("total") == "3"
    assert [call.findtext("Sid") for call in calls] == sids[::-1]
    rows = ok_csv(avaya.get("/Calls.csv"))
    assert [row["sid"] for row in rows] == sids[::-1] and list(rows[0]) == FIELDS


def test_the_list_pages(avaya, make):
    sids = [make()["sid"] for _ in range(5)][::-1]
    first = ok_json(avaya.get("/Calls.json", params={"PageSize": 2}))
    assert [c["sid"] for c in assert_paging(first, "calls", page=0, page_size=2,
                                             total=5)] == sids[:2]
    second = ok_json(avaya.get(path_of(first["next_page_uri"], avaya)))
    assert [c["sid"] for c in assert_paging(second, "calls", page=1, page_size=2,
                                             total=5)] == sids[2:4]
    last = ok_json(avaya.get("/Calls.json", params={"Page": 2, "PageSize": 2}))
    assert [c["sid"] for c in assert_paging(last, "calls", page=2, page_size=2,
                                             total=5)] == sids[4:]
    beyond = ok_json(avaya.get("/Calls.json", params={"Page": 3, "PageSize": 2}))
    assert assert_paging(beyond, "calls", page=3, page_size=2, total=5) == []
    rows = ok_csv(avaya.get("/Calls.csv", params={"Page": 1, "PageSize": 2}))
    assert [row["sid"] for row in rows] == sids[2:4]


@pytest.mark.parametrize("params", [{"Page": "x"}, {"PageSize": "0"}, {"Page": "-1"}])
def test_bad_paging_is_10022(avaya, params):
    rest_exception(avaya.get("/Calls.json", params=params), 400, 10022)


def test_the_list_filters_by_to_and_from_as_formatted(avaya, make):
    to_first = make(To=TO, From="8143")["sid"]
    to_second = make(To=TO_2, From="(415) 555-0199")["sid"]
    spoofed = make(To=TO_2, From=FROM)["sid"]

    def sids(**params) -> list[str]:
        return [c["sid"] for c in ok_json(avaya.get("/Calls.json", params=params))["calls"]]
    assert sids(To="+1 (415) 555-0100") == [to_first]
    assert sids(To=TO_2) == [spoofed, to_second]
    assert sids(From="8143") == [to_first]
    assert sids(From="(415) 555-0199") == [to_second]
    assert sids(From=FROM) == [spoofed]
    assert sids(To=TO, From=FROM) == []
    body = ok_json(avaya.get("/Calls.json", params={"To": TO_2, "PageSize": 1}))
    assert body["total"] == 2 and "To=%2B14155550101" in body["next_page_uri"]


def test_the_list_filters_by_status(avaya, make):
    sid = make()["sid"]
    queued = ok_json(avaya.get("/Calls.json", params={"Status": "queued"}))
    assert [c["sid"] for c in queued["calls"]] == [sid]
    for status in ("ringing", "in-progress", "completed", "busy", "no-answer", "failed"):
        assert ok_json(avaya.get("/Calls.json", params={"Status": status}))["total"] == 0


def test_the_list_filters_by_sip_domain_in_either_address(avaya, make):
    to_sip = make(To="sip:bob@pbx.example.com;transport=tcp")["sid"]
    from_sip = make(From="sip:alice@PBX.example.com")["sid"]
    make(To="sip:carol@other.example.org")
    make()
    found = ok_json(avaya.get("/Calls.json", params={"SipDomain": "pbx.example.com"}))
    assert [c["sid"] for c in found["calls"]] == [from_sip, to_sip]
    rows = ok_csv(avaya.get("/Calls.csv", params={"SipDomain": "other.example.org"}))
    assert len(rows) == 1 and rows[0]["to"] == "sip:carol@other.example.org"


def test_a_start_time_filter_leaves_out_calls_that_have_not_started(avaya, make):
    make()
    for params in ({"StartTime>": "2000-01-01"}, {"StartTime>=": "2000-01-01"},
                   {"StartTime": "2000-01-01"}, {"StartTime<": "2999-12-31"}):
        assert ok_json(avaya.get("/Calls.json", params=params))["total"] == 0, params
    assert ok_json(avaya.get("/Calls.json"))["total"] == 1


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_start_time_that_is_not_a_date_is_32005(avaya, fmt):
    suffix = ".json" if fmt == "json" else ""
    reply = avaya.get(f"/Calls{suffix}", params={"StartTime>": "yesterday"})
    rest_exception(reply, 400, 32005, fmt)
