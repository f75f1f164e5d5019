"""Applications (seed 004, View/Create/Update/Delete/List Application(s)) in the three
formats, their errors, and the list's paging at its edges (seed 004, Response Paging).

Paging tests give their applications a FriendlyName of their own and list with that
filter, so they know the totals even on a real account that has applications already;
against the real service the applications a test made are deleted when it ends.
"""
from __future__ import annotations

import uuid

import pytest

from .conftest import SUSPENDED, account_api
from .helpers import (RFC2822, assert_paging, ok_csv, ok_json, ok_xml, path_of, query_of,
                      rest_exception, sid_of)

FIELDS = ["sid", "friendly_name", "account_sid", "voice_url", "voice_method",
          "voice_fallback_url", "voice_fallback_method", "voice_caller_id_lookup",
          "date_created", "date_updated", "sms_url", "sms_method", "sms_fallback_url",
          "sms_fallback_method", "heartbeat_url", "heartbeat_method", "status_callback",
          "status_callback_method", "hangup_callback", "hangup_callback_method",
          "client_count", "api_version", "uri"]
APP_SID = sid_of("AP")
EVERY_PARAMETER = {
    "FriendlyName": "Every parameter", "VoiceUrl": "https://example.com/voice",
    "VoiceMethod": "GET", "VoiceFallbackUrl": "https://example.com/voice-fallback",
    "VoiceFallbackMethod": "GET", "VoiceCallerIdLookup": "true",
    "SmsUrl": "https://example.com/sms", "SmsMethod": "GET",
    "SmsFallbackUrl": "https://example.com/sms-fallback", "SmsFallbackMethod": "GET",
    "HeartbeatUrl": "https://example.com/heartbeat", "HeartbeatMethod": "GET",
    "StatusCallback": "https://example.com/status", "StatusCallbackMethod": "GET",
    "HangupCallback": "https://example.com/hangup", "HangupCallbackMethod": "GET",
}
#: the seed's words for the codes a malformed URL answers with
MALFORMED = {21402: "Invalid Url",
             21229: "Invalid StatusCallback provided. If set, it must be a valid URL",
             21232: "Invalid HeartbeatUrl provided. If set, it must be a valid URL"}
#: each parameter as the resource's key
KEYS = {"FriendlyName": "friendly_name", "VoiceUrl": "voice_url",
        "VoiceMethod": "voice_method", "VoiceFallbackUrl": "voice_fallback_url",
        "VoiceFallbackMethod": "voice_fallback_method", "SmsUrl": "sms_url",
        "SmsMethod": "sms_method", "SmsFallbackUrl": "sms_fallback_url",
        "SmsFallbackMethod": "sms_fallback_method", "HeartbeatUrl": "heartbeat_url",
        "HeartbeatMethod": "heartbeat_method", "StatusCallback": "status_callback",
        "StatusCallbackMethod": "status_callback_method", "HangupCallback": "hangup_callback",
        "HangupCallbackMethod": "hangup_callback_method"}


class Apps:
    """Creates applications and, against the real service, deletes them afterwards."""

    def __init__(self, api, real: bool) -> None:
        self.api = api
        self.real = real
        self.made: list[str] = []

    def create(self, **params) -> dict:
        """Create one application (JSON) and return it."""
        body = ok_json(self.api.post("/Applications.json", data=params))
        self.made.append(body["sid"])
        return body

    def many(self, count: int) -> str:
        """Create ``count`` applications sharing a new FriendlyName; return the name."""
        name = f"paging-{uuid.uuid4().hex[:12]}"
        for _ in range(count):
            self.create(FriendlyName=name)
        return name

    def cleanup(self) -> None:
        """Delete what was made, against the real service only."""
        if self.real:
            for sid in self.made:
                self.api.delete(f"/Applications/{sid}.json")


@pytest.fixture
def apps(avaya, is_real):
    """The test's application factory."""
    factory = Apps(avaya, is_real)
    yield factory
    factory.cleanup()


def test_create_with_nothing_takes_the_documented_defaults(avaya, apps, account):
    body = apps.create()
    assert list(body) == FIELDS
    assert APP_SID.fullmatch(body["sid"])
    assert body["friendly_name"] == body["sid"]
    assert body["account_sid"] == account[0]
    for key in ("voice_url", "voice_fallback_url", "sms_url", "sms_fallback_url",
                "heartbeat_url", "status_callback", "hangup_callback"):
        assert body[key] == "", key
    for key in KEYS.values():
        if key.endswith("method"):
            assert body[key] == "POST", key
    assert body["voice_caller_id_lookup"] is False
    assert body["client_count"] == 0 and body["api_version"] == "v2"
    assert RFC2822.fullmatch(body["date_created"]) and body["date_created"] == \
        body["date_updated"]
    assert body["uri"].endswith(f"/v2/Accounts/{account[0]}/Applications/{body['sid']}")


def test_create_takes_every_documented_parameter(apps):
    body = apps.create(**EVERY_PARAMETER)
    for param, key in KEYS.items():
        assert body[key] == EVERY_PARAMETER[param], param
    assert body["voice_caller_id_lookup"] is True


@pytest.mark.parametrize("given, method", [("get", "GET"), ("post", "POST"), ("PUT", "POST"),
                                           ("", "POST")])
def test_any_other_method_defaults_to_post(apps, given, method):
    body = apps.create(VoiceMethod=given, SmsFallbackMethod=given)
    assert body["voice_method"] == method and body["sms_fallback_method"] == method


@pytest.mark.parametrize("given, value", [("true", True), ("True", True), ("false", False),
                                          ("False", False)])
def test_voice_caller_id_lookup_is_true_or_false(apps, given, value):
    assert apps.create(VoiceCallerIdLookup=given)["voice_caller_id_lookup"] is value


def test_create_answers_in_xml_by_default(avaya, apps):
    reply = avaya.post("/Applications", data={"FriendlyName": "In XML",
                                              "VoiceUrl": "https://example.com/v"})
    (element,) = list(ok_xml(reply))
    assert element.tag == "Application"
    apps.made.append(element.findtext("Sid"))
    assert [child.tag for child in element][:4] == ["Sid", "FriendlyName", "AccountSid",
                                                    "VoiceUrl"]
    assert element.findtext("FriendlyName") == "In XML"
    assert element.findtext("VoiceCallerIdLookup") == "false"
    assert element.findtext("HeartbeatMethod") == "POST"


def test_view_in_three_formats(avaya, apps):
    made = apps.create(FriendlyName="Viewed", SmsUrl="https://example.com/sms")
    sid = made["sid"]
    assert ok_json(avaya.get(f"/Applications/{sid}.json")) == made
    element = ok_xml(avaya.get(f"/Applications/{sid}"))[0]
    assert element.tag == "Application" and element.findtext("Sid") == sid
    assert element.findtext("SmsUrl") == "https://example.com/sms"
    (row,) = ok_csv(avaya.get(f"/Applications/{sid}.csv"))
    assert list(row) == FIELDS
    assert row["sid"] == sid and row["friendly_name"] == "Viewed"


def test_the_uri_can_be_followed(avaya, apps):
    made = apps.create()
    again = ok_json(avaya.get(path_of(made["uri"], avaya) + ".json"))
    assert again["sid"] == made["sid"]


@pytest.mark.parametrize("method", ["get", "post", "delete"])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_application_is_21227(avaya, method, fmt):
    sid = "AP" + "0" * 32
    suffix = ".json" if fmt == "json" else ""
    reply = getattr(avaya, method)(f"/Applications/{sid}{suffix}")
    rest_exception(reply, 404, 21227, fmt)


def test_update_changes_only_what_is_given(avaya, apps):
    made = apps.create(**EVERY_PARAMETER)
    updated = ok_json(avaya.post(f"/Applications/{made['sid']}.json",
                                 data={"VoiceUrl": "https://example.com/new",
                                       "VoiceMethod": "POST", "VoiceCallerIdLookup": "false"}))
    assert updated["voice_url"] == "https://example.com/new"
    assert updated["voice_method"] == "POST"
    assert updated["voice_caller_id_lookup"] is False
    for key in ("friendly_name", "sms_url", "sms_method", "heartbeat_url", "status_callback",
                "hangup_callback_method", "date_created"):
        assert updated[key] == made[key], key
    assert RFC2822.fullmatch(updated["date_updated"])
    assert ok_json(avaya.get(f"/Applications/{made['sid']}.json")) == updated


def test_update_clears_a_url_given_empty(avaya, apps):
    made = apps.create(StatusCallback="https://example.com/status")
    updated = ok_json(avaya.post(f"/Applications/{made['sid']}.json",
                                 data={"StatusCallback": ""}))
    assert updated["status_callback"] == ""


def test_update_answers_in_xml_by_default(avaya, apps):
    made = apps.create()
    element = ok_xml(avaya.post(f"/Applications/{made['sid']}",
                                data={"FriendlyName": "Renamed"}))[0]
    assert element.tag == "Application" and element.findtext("FriendlyName") == "Renamed"


def test_delete_returns_the_deleted_application(avaya, apps):
    made = apps.create(FriendlyName="Doomed")
    gone = ok_json(avaya.delete(f"/Applications/{made['sid']}.json"))
    assert gone == made
    rest_exception(avaya.get(f"/Applications/{made['sid']}.json"), 404, 21227)
    rest_exception(avaya.delete(f"/Applications/{made['sid']}.json"), 404, 21227)
    listed = ok_json(avaya.get("/Applications.json", params={"FriendlyName": "Doomed"}))
    assert made["sid"] not in [app["sid"] for app in listed["applications"]]


def test_delete_answers_in_xml_by_default(avaya, apps):
    made = apps.create()
    element = ok_xml(avaya.delete(f"/Applications/{made['sid']}"))[0]
    assert element.tag == "Application" and element.findtext("Sid") == made["sid"]


def test_list_filters_by_friendly_name(avaya, apps):
    name = f"filtered-{uuid.uuid4().hex[:8]}"
    wanted = apps.create(FriendlyName=name)
    apps.create(FriendlyName=name + "-other")
    body = ok_json(avaya.get("/Applications.json", params={"FriendlyName": name}))
    assert [app["sid"] for app in body["applications"]] == [wanted["sid"]]
    assert query_of(body["first_page_uri"])["FriendlyName"] == name


def test_list_without_filter_includes_what_was_created(avaya, apps):
    made = [apps.create()["sid"] for _ in range(2)]
    body = ok_json(avaya.get("/Applications.json"))
    listed = [app["sid"] for app in body["applications"]]
    while body["next_page_uri"]:
        body = ok_json(avaya.get(path_of(body["next_page_uri"], avaya)))
        listed += [app["sid"] for app in body["applications"]]
    assert len(listed) == body["total"] >= 2
    assert listed[-2:] == made                  # in the order they were created


@pytest.mark.orders
def test_deleting_an_application_a_number_uses_detaches_the_number(avaya, apps):
    made = apps.create(FriendlyName="Used", VoiceUrl="https://example.com/v")
    number = ok_json(avaya.post("/IncomingPhoneNumbers.json",
                                data={"AreaCode": "212", "VoiceApplicationSid": made["sid"],
                                      "SmsApplicationSid": made["sid"]}))
    assert number["voice_application_sid"] == made["sid"]
    assert ok_json(avaya.delete(f"/Applications/{made['sid']}.json"))["sid"] == made["sid"]
    after = ok_json(avaya.get(f"/IncomingPhoneNumbers/{number['sid']}.json"))
    assert after["voice_application_sid"] == "" and after["sms_application_sid"] == ""
    assert after["phone_number"] == number["phone_number"]
    avaya.delete(f"/IncomingPhoneNumbers/{number['sid']}.json")


# -- errors ------------------------------------------------------------------------------

@pytest.mark.parametrize("param", ["VoiceUrl", "VoiceFallbackUrl", "SmsUrl", "SmsFallbackUrl",
                                   "HeartbeatUrl", "StatusCallback", "HangupCallback"])
def test_url_longer_than_200_characters_is_12301(avaya, param):
    url = "https://example.com/" + "a" * 181
    assert len(url) == 201
    rest_exception(avaya.post("/Applications.json", data={param: url}), 400, 12301)


def test_url_of_exactly_200_characters_is_accepted(apps):
    url = "https://example.com/" + "a" * 180
    assert apps.create(VoiceUrl=url)["voice_url"] == url


@pytest.mark.parametrize("param, code", [("VoiceUrl", 21402), ("VoiceFallbackUrl", 21402),
                                         ("SmsUrl", 21402), ("SmsFallbackUrl", 21402),
                                         ("HeartbeatUrl", 21232), ("StatusCallback", 21229),
                                         ("HangupCallback", 21229)])
@pytest.mark.parametrize("url", ["not a url", "ftp://example.com/x", "example.com/x"])
def test_malformed_url_is_refused(avaya, param, code, url):
    data = {param: url}
    if param == "VoiceFallbackUrl":
        data["VoiceUrl"] = "https://example.com/v"
    if param == "SmsFallbackUrl":
        data["SmsUrl"] = "https://example.com/s"
    error = rest_exception(avaya.post("/Applications.json", data=data), 400, code)
    assert error["message"] == MALFORMED[code]


def test_fallback_without_its_url_is_21405_or_21406(avaya, apps):
    rest_exception(avaya.post("/Applications.json",
                              data={"VoiceFallbackUrl": "https://example.com/f"}), 400, 21405)
    rest_exception(avaya.post("/Applications.json",
                              data={"SmsFallbackUrl": "https://example.com/f"}), 400, 21406)
    made = apps.create(VoiceUrl="https://example.com/v",
                       VoiceFallbackUrl="https://example.com/f")
    rest_exception(avaya.post(f"/Applications/{made['sid']}.json", data={"VoiceUrl": ""}),
                   400, 21405)


def test_voice_caller_id_lookup_other_than_true_or_false_is_10022(avaya):
    rest_exception(avaya.post("/Applications.json", data={"VoiceCallerIdLookup": "maybe"}),
                   400, 10022)


@pytest.mark.parametrize("name", ["x" * 65])
def test_friendly_name_longer_than_64_is_20002(avaya, name):
    rest_exception(avaya.post("/Applications.json", data={"FriendlyName": name}), 400, 20002)


def test_blank_friendly_name_on_update_is_20002(avaya, apps):
    made = apps.create(FriendlyName="Kept")
    rest_exception(avaya.post(f"/Applications/{made['sid']}.json", data={"FriendlyName": " "}),
                   400, 20002)


def test_unknown_parameter_is_20001(avaya):
    rest_exception(avaya.post("/Applications.json", data={"VoiceURL2": "x"}), 400, 20001)


def test_json_body_is_12300(avaya):
    reply = avaya.post("/Applications.json", data='{"FriendlyName": "x"}',
                       headers={"Content-Type": "application/json"})
    rest_exception(reply, 415, 12300)


def test_refused_update_changes_nothing(avaya, apps):
    made = apps.create(FriendlyName="Unchanged", VoiceUrl="https://example.com/v")
    reply = avaya.post(f"/Applications/{made['sid']}.json",
                       data={"FriendlyName": "Changed", "SmsUrl": "https://example.com/s",
                             "HeartbeatUrl": "bad url"})
    rest_exception(reply, 400, 21232)
    assert ok_json(avaya.get(f"/Applications/{made['sid']}.json")) == made


def test_refused_create_creates_nothing(avaya):
    name = f"never-{uuid.uuid4().hex[:8]}"
    rest_exception(avaya.post("/Applications.json",
                              data={"FriendlyName": name, "SmsUrl": "nope"}), 400, 21402)
    body = ok_json(avaya.get("/Applications.json", params={"FriendlyName": name}))
    assert body["total"] == 0


def test_suspended_account_may_list_but_not_change(target, mock_only):
    api = account_api(target, *SUSPENDED)
    assert ok_json(api.get("/Applications.json"))["total"] == 0
    rest_exception(api.post("/Applications.json", data={}), 403, 20005)


# -- paging at the edges -----------------------------------------------------------------

def listing(api, name, **params):
    """The JSON page of applications named ``name``."""
    return ok_json(api.get("/Applications.json", params={"FriendlyName": name, **params}))


def test_empty_list(avaya):
    name = f"nothing-{uuid.uuid4().hex}"
    body = listing(avaya, name)
    assert assert_paging(body, "applications", page=0, page_size=50, total=0) == []
    assert body["num_pages"] == 0 and body["start"] == 0 and body["end"] == 0
    root = ok_xml(avaya.get("/Applications", params={"FriendlyName": name}))
    (element,) = list(root)
    assert element.tag == "Applications" and list(element) == []
    assert element.get("total") == "0" and element.get("numpages") == "0"
    reply = avaya.get("/Applications.csv", params={"FriendlyName": name})
    assert ok_csv(reply) == []


def test_exactly_one_full_page(avaya, apps):
    name = apps.many(50)
    body = listing(avaya, name)
    items = assert_paging(body, "applications", page=0, page_size=50, total=50)
    assert body["end"] == 49 and body["next_page_uri"] == ""
    assert [app["sid"] for app in items] == apps.made
    beyond = listing(avaya, name, Page=1)
    assert assert_paging(beyond, "applications", page=1, page_size=50, total=50) == []


def test_fifty_one_make_a_last_page_of_one(avaya, apps):
    name = apps.many(51)
    first = listing(avaya, name)
    assert_paging(first, "applications", page=0, page_size=50, total=51)
    following = ok_json(avaya.get(path_of(first["next_page_uri"], avaya)))
    last = assert_paging(following, "applications", page=1, page_size=50, total=51)
    assert [app["sid"] for app in last] == apps.made[50:]
    assert following["start"] == 50 and following["end"] == 50
    assert following["last_page_uri"] == first["last_page_uri"]
    back = ok_json(avaya.get(path_of(following["previous_page_uri"], avaya)))
    assert [app["sid"] for app in back["applications"]] == apps.made[:50]


def test_walking_the_next_links_visits_every_application_once(avaya, apps):
    name = apps.many(7)
    seen, body = [], listing(avaya, name, PageSize=3)
    pages = 0
    while True:
        pages += 1
        seen += [app["sid"] for app in body["applications"]]
        assert query_of(body["next_page_uri"] or body["uri"]).get("FriendlyName") == name
        if not body["next_page_uri"]:
            break
        body = ok_json(avaya.get(path_of(body["next_page_uri"], avaya)))
    assert pages == 3 and seen == apps.made
    first = ok_json(avaya.get(path_of(body["first_page_uri"], avaya)))
    assert first["page"] == 0 and first["applications"] == listing(avaya, name,
                                                                    PageSize=3)["applications"]


def test_a_page_beyond_the_end_is_empty(avaya, apps):
    name = apps.many(3)
    body = listing(avaya, name, Page=4, PageSize=2)
    assert assert_paging(body, "applications", page=4, page_size=2, total=3) == []
    assert query_of(body["previous_page_uri"])["Page"] == "1"


def test_page_size_above_50_is_served_as_50(avaya, apps):
    name = apps.many(51)
    body = listing(avaya, name, PageSize=80)
    assert len(assert_paging(body, "applications", page=0, page_size=50, total=51)) == 50


def test_paging_in_xml_is_attributes_of_the_list_element(avaya, apps):
    name = apps.many(5)
    root = ok_xml(avaya.get("/Applications", params={"FriendlyName": name, "Page": 1,
                                                     "PageSize": 2}))
    (element,) = list(root)
    assert element.tag == "Applications"
    assert {key: element.get(key) for key in ("page", "numpages", "pagesize", "total",
                                              "start", "end")} == \
        {"page": "1", "numpages": "3", "pagesize": "2", "total": "5", "start": "2", "end": "3"}
    for key in ("uri", "firstpageuri", "previouspageuri", "nextpageuri", "lastpageuri"):
        assert key in element.attrib, key
    assert query_of(element.get("nextpageuri"))["Page"] == "2"
    assert [child.findtext("Sid") for child in element] == apps.made[2:4]
    nxt = ok_xml(avaya.get(path_of(element.get("nextpageuri"), avaya)))[0]
    assert [child.findtext("Sid") for child in nxt] == apps.made[4:]


def test_csv_list_is_one_header_row_and_a_row_per_application(avaya, apps):
    name = apps.many(3)
    rows = ok_csv(avaya.get("/Applications.csv", params={"FriendlyName": name,
                                                         "PageSize": 2}))
    assert [row["sid"] for row in rows] == apps.made[:2]
    assert list(rows[0]) == FIELDS


@pytest.mark.parametrize("params", [{"Page": "-1"}, {"PageSize": "0"}, {"Page": "x"}])
def test_bad_paging_parameters_are_10022(avaya, params):
    rest_exception(avaya.get("/Applications.json", params=params), 400, 10022)
