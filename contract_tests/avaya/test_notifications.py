"""Notifications (seed 004, List Notifications, View Notification) in the three formats.

The account's notifications here come from requests it made that were refused, as the real
API logs them (zang-python's recorded notifications are refused requests: a SID that could
not be found, a method not allowed). Each test makes its own refusals and finds them by
their SIDs, so it also works on a real account that has notifications already.
"""
from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from .helpers import (RFC2822, assert_paging, ok_csv, ok_json, ok_xml, path_of,
                      rest_exception, sid_of)

FIELDS = ["sid", "account_sid", "call_sid", "date_created", "date_updated", "log",
          "error_code", "more_info", "message_text", "message_date", "response_headers",
          "response_data", "response_body", "request_url", "request_method",
          "request_variables", "api_version", "uri"]
NOTIFICATION_SID = sid_of("NO")
MISSING_APP = "AP" + "0" * 32


def newest(api, count: int = 1, **params) -> list[dict]:
    """The ``count`` newest notifications of the account."""
    body = ok_json(api.get("/Notifications.json", params={"PageSize": count, **params}))
    return body["notifications"]


def refuse_a_view(api) -> None:
    """Ask for an application that does not exist (21227)."""
    rest_exception(api.get(f"/Applications/{MISSING_APP}.json"), 404, 21227)


def test_a_refused_request_is_listed_with_every_documented_field(avaya, account):
    refuse_a_view(avaya)
    (note,) = newest(avaya)
    assert list(note) == FIELDS
    assert NOTIFICATION_SID.fullmatch(note["sid"])
    assert note["account_sid"] == account[0]
    assert note["call_sid"] is None
    assert note["log"] == 0 and note["error_code"] == 21227
    assert note["more_info"].endswith("/errors/21227")
    assert parse_qs(note["message_text"]) == {"ErrorCode": ["21227"],
                                              "Msg": ["SID Could not be found"],
                                              "LogLevel": ["(0, 'ERROR')"]}
    for key in ("date_created", "date_updated", "message_date"):
        assert RFC2822.fullmatch(note[key]), key
    assert note["request_method"] == "GET"
    assert note["request_url"].endswith(f"/v2/Accounts/{account[0]}/Applications/"
                                        f"{MISSING_APP}.json")
    assert note["api_version"] == "v2"
    assert note["uri"].endswith(f"/v2/Accounts/{account[0]}/Notifications/{note['sid']}")


def test_a_refused_post_records_its_variables(avaya):
    rest_exception(avaya.post("/Applications.json", data={"VoiceUrl": "not a url",
                                                          "FriendlyName": "Refused"}),
                   400, 21402)
    (note,) = newest(avaya)
    assert note["error_code"] == 21402 and note["request_method"] == "POST"
    assert parse_qs(note["request_variables"]) == {"VoiceUrl": ["not a url"],
                                                   "FriendlyName": ["Refused"]}


def test_newest_first(avaya):
    refuse_a_view(avaya)
    rest_exception(avaya.post("/Applications.json", data={"Bogus": "1"}), 400, 20001)
    later, earlier = newest(avaya, 2)
    assert (later["error_code"], earlier["error_code"]) == (20001, 21227)


def test_view_in_three_formats(avaya):
    refuse_a_view(avaya)
    (note,) = newest(avaya)
    sid = note["sid"]
    assert ok_json(avaya.get(f"/Notifications/{sid}.json")) == note
    element = ok_xml(avaya.get(f"/Notifications/{sid}"))[0]
    assert element.tag == "Notification"
    assert element.findtext("Sid") == sid and element.findtext("ErrorCode") == "21227"
    assert element.findtext("Log") == "0" and element.findtext("CallSid") == ""
    (row,) = ok_csv(avaya.get(f"/Notifications/{sid}.csv"))
    assert list(row) == FIELDS and row["sid"] == sid and row["error_code"] == "21227"


def test_the_uri_can_be_followed(avaya):
    refuse_a_view(avaya)
    (note,) = newest(avaya)
    assert ok_json(avaya.get(path_of(note["uri"], avaya) + ".json"))["sid"] == note["sid"]


def test_list_in_xml_and_csv(avaya):
    refuse_a_view(avaya)
    refuse_a_view(avaya)
    (element,) = list(ok_xml(avaya.get("/Notifications", params={"PageSize": 2})))
    assert element.tag == "Notifications" and element.get("pagesize") == "2"
    assert [child.tag for child in element] == ["Notification", "Notification"]
    rows = ok_csv(avaya.get("/Notifications.csv", params={"PageSize": 2}))
    assert len(rows) == 2 and list(rows[0]) == FIELDS


@pytest.mark.parametrize("log, kept", [("0", True), ("00", True), ("1", False), ("2", False)])
def test_log_filter_keeps_one_level(avaya, log, kept):
    refuse_a_view(avaya)
    (note,) = newest(avaya)
    listed = ok_json(avaya.get("/Notifications.json", params={"Log": log}))
    assert (note["sid"] in [n["sid"] for n in listed["notifications"]]) is kept
    assert all(n["log"] == int(log) for n in listed["notifications"])


@pytest.mark.parametrize("log", ["4", "-1", "DEBUG"])    # 3 and the names: test_fidelity.py
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_log_other_than_0_to_3_or_a_level_name_is_10022(avaya, log, fmt):
    suffix = ".json" if fmt == "json" else ""
    rest_exception(avaya.get(f"/Notifications{suffix}", params={"Log": log}), 400, 10022,
                   fmt)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_notification_is_21227(avaya, fmt):
    suffix = ".json" if fmt == "json" else ""
    rest_exception(avaya.get(f"/Notifications/NO{'0' * 32}{suffix}"), 404, 21227, fmt)


def test_paging_follows_the_links(avaya):
    for _ in range(3):
        refuse_a_view(avaya)
    first = ok_json(avaya.get("/Notifications.json", params={"PageSize": 2}))
    total = first["total"]
    assert total >= 3
    assert_paging(first, "notifications", page=0, page_size=2, total=total)
    second = ok_json(avaya.get(path_of(first["next_page_uri"], avaya)))
    assert_paging(second, "notifications", page=1, page_size=2, total=total)
    seen = [n["sid"] for n in first["notifications"] + second["notifications"]]
    assert len(set(seen)) == len(seen) == min(total, 4)


def test_a_page_beyond_the_end_is_empty(avaya):
    refuse_a_view(avaya)
    total = ok_json(avaya.get("/Notifications.json"))["total"]
    body = ok_json(avaya.get("/Notifications.json", params={"Page": total + 1,
                                                            "PageSize": 1}))
    assert assert_paging(body, "notifications", page=total + 1, page_size=1,
                         total=total) == []
