"""Account (seed 004, View Account, Update Account) in the three formats, and the
conventions every resource shares: XML by default inside <Response>, CamelCase in XML and
snake_case in JSON, RFC 2822 dates, ``uri`` and ``subresource_uris``."""
from __future__ import annotations

import pytest

from .conftest import SUSPENDED, TRIAL, account_api
from .helpers import RFC2822, ok_csv, ok_json, ok_xml, path_of, rest_exception

ACCOUNT_FIELDS = ["sid", "friendly_name", "status", "account_balance", "date_created",
                  "date_updated", "uri", "max_outbound_limit", "type", "time_zone",
                  "subresource_uris"]


def test_view_account_json_has_every_documented_field(avaya, account):
    body = ok_json(avaya.get(".json"))
    assert list(body) == ACCOUNT_FIELDS
    assert body["sid"] == account[0]
    assert body["status"] in ("active", "suspended", "closed")
    assert body["type"] in ("full", "trial")
    for name in ("date_created", "date_updated"):
        assert RFC2822.fullmatch(body[name]), body[name]
    float(body["account_balance"]), float(body["max_outbound_limit"])
    assert isinstance(body["account_balance"], str)
    assert body["uri"].endswith(f"/v2/Accounts/{account[0]}")
    uris = body["subresource_uris"]
    for key, tail in (("incoming_phone_numbers", "/IncomingPhoneNumbers"),
                      ("sms_messages", "/SMS/Messages"), ("notifications", "/Notifications"),
                      ("usages", "/Usages"), ("applications", "/Applications")):
        assert uris[key] == body["uri"] + tail


def test_xml_is_the_default_with_camel_case_elements(avaya, account):
    root = ok_xml(avaya.get(""))
    (element,) = list(root)
    assert element.tag == "Account"
    tags = [child.tag for child in element]
    assert tags == ["Sid", "FriendlyName", "Status", "AccountBalance", "DateCreated",
                    "DateUpdated", "Uri", "MaxOutboundLimit", "Type", "TimeZone",
                    "SubresourceUris"]
    assert element.findtext("Sid") == account[0]
    assert element.find("SubresourceUris").findtext("IncomingPhoneNumbers").endswith(
        "/IncomingPhoneNumbers")
    assert RFC2822.fullmatch(element.findtext("DateCreated"))


def test_xml_suffix_is_the_same_document(avaya):
    assert ok_xml(avaya.get(".xml"))[0].tag == "Account"


def test_csv_is_one_header_row_and_one_row(avaya, account):
    rows = ok_csv(avaya.get(".csv"))
    assert len(rows) == 1
    assert list(rows[0]) == ACCOUNT_FIELDS
    assert rows[0]["sid"] == account[0]
    assert RFC2822.fullmatch(rows[0]["date_created"])


def test_the_uri_can_be_followed(avaya, account):
    body = ok_json(avaya.get(".json"))
    again = ok_json(avaya.get(path_of(body["uri"], avaya) + ".json"))
    assert again["sid"] == account[0]
    numbers = avaya.get(path_of(body["subresource_uris"]["incoming_phone_numbers"], avaya)
                        + ".json")
    assert numbers.status_code == 200, numbers.text


def test_update_friendly_name_persists(avaya):
    before = ok_json(avaya.get(".json"))
    updated = ok_json(avaya.post(".json", data={"FriendlyName": "Contract test account"}))
    assert updated["friendly_name"] == "Contract test account"
    assert RFC2822.fullmatch(updated["date_updated"])
    assert ok_json(avaya.get(".json"))["friendly_name"] == "Contract test account"
    assert updated["sid"] == before["sid"] and updated["date_created"] == before["date_created"]


def test_update_answers_in_xml_by_default(avaya):
    element = ok_xml(avaya.post("", data={"FriendlyName": "In XML"}))[0]
    assert element.findtext("FriendlyName") == "In XML"


@pytest.mark.parametrize("name", ["", "x" * 65])
def test_invalid_friendly_name_is_20002_and_changes_nothing(avaya, name):
    before = ok_json(avaya.get(".json"))["friendly_name"]
    rest_exception(avaya.post(".json", data={"FriendlyName": name}), 400, 20002)
    assert ok_json(avaya.get(".json"))["friendly_name"] == before


def test_unknown_parameter_is_20001(avaya):
    error = rest_exception(avaya.post(".json", data={"FriendlyNme": "typo"}), 400, 20001)
    assert error["message"] == "Unknown parameters"


def test_parameter_names_match_without_regard_to_case(avaya):
    assert ok_json(avaya.post(".json", data={"friendlyname": "lower"}))["friendly_name"] == \
        "lower"


def test_trial_account_is_type_trial(target, mock_only):
    body = ok_json(account_api(target, *TRIAL).get(".json"))
    assert body["type"] == "trial"


def test_suspended_account_can_be_viewed_but_not_changed(target, mock_only):
    api = account_api(target, *SUSPENDED)
    assert ok_json(api.get(".json"))["status"] == "suspended"
    rest_exception(api.post(".json", data={"FriendlyName": "x"}), 403, 20005)
