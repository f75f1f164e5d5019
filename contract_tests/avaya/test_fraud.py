"""Fraud control (seed 004, Block Destination, Authorize Destination, Extend Destination
Authorization, Whitelist Destination, List Fraud Control Resources, Fraud Error Codes): the
rules in JSON and XML (CSV for the list), wrapped in their status as the real API answered
(zang-python's recorded ``fraudcontrol/*.json``), every refusal with its status and code
and nothing changed after it, and the rules refusing calls and SMS
(docs/providers/avaya.md, "Fraud control (part 3)").

Against a real account these tests change its fraud rules; those that make calls or send
SMS are ``orders``.
"""
from __future__ import annotations

from datetime import timedelta
from email.utils import parsedate_to_datetime as parse_rfc2822

import pytest

from ..conftest import Api
from .helpers import RFC2822, assert_paging, ok_csv, ok_json, ok_xml, rest_exception

#: the recorded key orders (blocked.json, whitelisted.json; list.json's authorized items)
RULE_FIELDS = ["is_lock", "mobile_enabled", "landline_enabled", "date_updated",
               "country_code", "sid", "country_name", "date_created", "sms_enabled",
               "country_prefix"]
AUTHORIZED_FIELDS = ["date_updated", "sms_enabled", "country_code", "is_lock",
                     "expiration_date", "mobile_enabled", "landline_enabled", "sid",
                     "country_name", "date_created", "country_prefix"]
ACTIONS = {"Block": "blocked", "Authorize": "authorized", "Whitelist": "whitelisted"}
SWITCHES = {"MobileEnabled": "mobile_enabled", "LandlineEnabled": "landline_enabled",
            "SmsEnabled": "sms_enabled"}
DE_MOBILE, DE_LANDLINE = "+4915123456789", "+493012345678"
FR_MOBILE, HR_LANDLINE = "+33612345678", "+38512345678"
CU_MOBILE = "+5352345678"           # Cuba: blocked by the fraud system by default
APP = "https://example.com/app.xml"


def rule(api: Api, action: str, country: str, fmt: str = ".json", **switches):
    """POST /Fraud/{action}/{country} with the switches; the reply."""
    return api.post(f"/Fraud/{action}/{country}{fmt}", data=switches)


def ok_rule(api: Api, action: str, country: str, **switches) -> dict:
    """A successful rule change in JSON: the rule inside its status key."""
    body = ok_json(rule(api, action, country, **switches))
    status = ACTIONS.get(action, "authorized")
    assert list(body) == [status], body
    return body[status]


def listing(api: Api, **params) -> dict:
    """The JSON list of the account's rules."""
    return ok_json(api.get("/Fraud.json", params=params))


def us_locked(item: dict) -> bool:
    """True for the US as every list starts with it: whitelisted and locked ("Currently,
    the US is locked as a whitelisted destination")."""
    fields = item.get("whitelisted") or {}
    return fields.get("country_code") == "US" and fields.get("is_lock") is True and \
        fields["mobile_enabled"] and fields["landline_enabled"] and fields["sms_enabled"]


def by_country(api: Api) -> dict[str, tuple[str, dict]]:
    """Every listed rule by country: (status, fields)."""
    found = {}
    for item in listing(api)["frauds"]:
        (status, fields), = item.items()
        found[fields["country_code"]] = (status, fields)
    return found


# -- the rules -----------------------------------------------------------------------------

@pytest.mark.parametrize("action, status", ACTIONS.items())
def test_a_rule_answers_in_the_recorded_shape(avaya, action, status):
    body = ok_json(rule(avaya, action, "HR", MobileEnabled="false", LandlineEnabled="true",
                        SmsEnabled="false"))
    assert list(body) == [status]
    fields = body[status]
    assert list(fields) == (AUTHORIZED_FIELDS if status == "authorized" else RULE_FIELDS)
    assert (fields["country_code"], fields["country_name"], fields["country_prefix"]) == \
        ("HR", "Croatia", "+385")
    assert (fields["mobile_enabled"], fields["landline_enabled"], fields["sms_enabled"]) == \
        (False, True, False)
    assert fields["is_lock"] is False
    assert isinstance(fields["sid"], str) and fields["sid"]
    assert RFC2822.fullmatch(fields["date_created"]) and fields["date_updated"] == \
        fields["date_created"]


@pytest.mark.parametrize("action, element", [("Block", "Blocked"),
                                             ("Authorize", "Authorized"),
                                             ("Whitelist", "Whitelisted")])
def test_a_rule_in_xml_is_wrapped_in_its_status(avaya, action, element):
    root = ok_xml(rule(avaya, action, "DE", fmt="", SmsEnabled="true"))
    (fraud,) = root
    (inner,) = fraud
    assert (fraud.tag, inner.tag) == ("Fraud", element)
    fields = {child.tag: child.text for child in inner}
    assert fields["CountryCode"] == "DE" and fields["CountryName"] == "Germany"
    assert fields["CountryPrefix"] == "+49" and fields["SmsEnabled"] == "true"
    assert fields["IsLock"] == "false"


@pytest.mark.parametrize("action, default", [("Block", False), ("Authorize", True),
                                             ("Whitelist", True)])
def test_switches_default_off_for_a_block_and_on_otherwise(avaya, action, default):
    fields = ok_rule(avaya, action, "FR")
    assert [fields[key] for key in SWITCHES.values()] == [default] * 3


def test_switches_come_from_the_query_as_documented_and_take_any_case(avaya):
    reply = avaya.post("/Fraud/Whitelist/fr.json?MobileEnabled=False&SmsEnabled=TRUE")
    fields = ok_json(reply)["whitelisted"]
    assert fields["country_code"] == "FR"
    assert (fields["mobile_enabled"], fields["landline_enabled"], fields["sms_enabled"]) == \
        (False, True, True)


def test_an_authorization_expires_30_days_after_it_is_given(avaya):
    fields = ok_rule(avaya, "Authorize", "FR")
    given = parse_rfc2822(fields["date_updated"])
    assert parse_rfc2822(fields["expiration_date"]) == given + timedelta(days=30)


@pytest.mark.parametrize("fmt", [".json", ""])
def test_extend_adds_30_days_to_the_expiry_and_keeps_the_rule(avaya, fmt):
    first = ok_rule(avaya, "Authorize", "FR", MobileEnabled="false")
    reply = avaya.post(f"/Fraud/Extend/FR{fmt}")
    if fmt:
        fields = ok_json(reply)["authorized"]
    else:
        (fraud,) = ok_xml(reply)
        assert fraud[0].tag == "Authorized"
        fields = {"sid": fraud[0].find("Sid").text,
                  "expiration_date": fraud[0].find("ExpirationDate").text,
                  "mobile_enabled": fraud[0].find("MobileEnabled").text == "true"}
    assert fields["sid"] == first["sid"] and fields["mobile_enabled"] is False
    assert parse_rfc2822(fields["expiration_date"]) == \
        parse_rfc2822(first["expiration_date"]) + timedelta(days=30)


def test_a_country_keeps_one_rule_whose_status_changes(avaya):
    blocked = ok_rule(avaya, "Block", "HR")
    authorized = ok_rule(avaya, "Authorize", "HR")
    whitelisted = ok_rule(avaya, "Whitelist", "HR", SmsEnabled="false")
    assert blocked["sid"] == authorized["sid"] == whitelisted["sid"]
    assert whitelisted["date_created"] == blocked["date_created"]
    assert "expiration_date" not in whitelisted
    assert by_country(avaya)["HR"][0] == "whitelisted"
    assert ok_rule(avaya, "Whitelist", "HR")["sms_enabled"] is False   # kept when absent


def test_an_authorized_country_can_be_blocked(avaya):
    ok_rule(avaya, "Authorize", "HR")
    fields = ok_rule(avaya, "Block", "HR", LandlineEnabled="true")
    assert "expiration_date" not in fields
    assert by_country(avaya)["HR"][0] == "blocked"


# -- the list ------------------------------------------------------------------------------

def test_the_list_holds_every_rule_oldest_first_in_json(avaya):
    ok_rule(avaya, "Authorize", "HR")
    ok_rule(avaya, "Whitelist", "DE")
    ok_rule(avaya, "Block", "FR", SmsEnabled="true")
    body = listing(avaya)
    locked, *items = assert_paging(body, "frauds", page=0, page_size=50, total=4)
    assert us_locked(locked) and list(locked["whitelisted"]) == RULE_FIELDS
    assert [list(item) for item in items] == [["authorized"], ["whitelisted"], ["blocked"]]
    assert [list(item.values())[0]["country_code"] for item in items] == ["HR", "DE", "FR"]
    assert list(items[0]["authorized"]) == AUTHORIZED_FIELDS
    assert list(items[1]["whitelisted"]) == RULE_FIELDS
    assert body["uri"].endswith("/Fraud.json")


def test_the_list_pages_and_filters_by_sms_enabled(avaya):
    for country in ("HR", "DE", "FR"):
        ok_rule(avaya, "Whitelist", country, SmsEnabled="false" if country == "DE" else "true")
    page = listing(avaya, Page=1, PageSize=3)
    (item,) = assert_paging(page, "frauds", page=1, page_size=3, total=4)
    assert item["whitelisted"]["country_code"] == "FR"
    off = listing(avaya, SmsEnabled="false")
    assert [i["whitelisted"]["country_code"] for i in off["frauds"]] == ["DE"]
    assert "SmsEnabled=false" in off["first_page_uri"]
    assert [i["whitelisted"]["country_code"] for i in
            listing(avaya, SmsEnabled="true")["frauds"]] == ["US", "HR", "FR"]


def test_the_list_in_xml_has_paging_attributes_and_wrapped_rules(avaya):
    ok_rule(avaya, "Block", "HR")
    ok_rule(avaya, "Authorize", "FR")
    root = ok_xml(avaya.get("/Fraud"))
    (frauds,) = root
    assert frauds.tag == "Frauds" and frauds.get("total") == "3" and frauds.get("page") == "0"
    assert [(f.tag, f[0].tag, f[0].find("CountryCode").text) for f in frauds] == \
        [("Fraud", "Whitelisted", "US"), ("Fraud", "Blocked", "HR"),
         ("Fraud", "Authorized", "FR")]
    assert frauds[0][0].find("IsLock").text == "true"
    assert frauds[2][0].find("ExpirationDate").text


def test_the_list_in_csv_has_a_column_per_status(avaya):
    ok_rule(avaya, "Block", "HR")
    ok_rule(avaya, "Whitelist", "DE")
    us, *rows = ok_csv(avaya.get("/Fraud.csv"))
    assert "'country_code': 'US'" in us["whitelisted"]
    assert "'is_lock': 'true'" in us["whitelisted"]
    assert len(rows) == 2
    assert "'country_code': 'HR'" in rows[0]["blocked"] and not rows[0]["whitelisted"]
    assert "'country_code': 'DE'" in rows[1]["whitelisted"] and not rows[1]["blocked"]


def test_a_new_account_lists_the_locked_us_only(avaya):
    (item,) = assert_paging(listing(avaya), "frauds", page=0, page_size=50, total=1)
    assert us_locked(item)


def test_a_bad_sms_enabled_filter_is_10022(avaya):
    rest_exception(avaya.get("/Fraud.json", params={"SmsEnabled": "maybe"}), 400, 10022)


# -- refusals: nothing changes -------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("action", ["Block", "Authorize", "Extend", "Whitelist"])
def test_an_unknown_country_is_70002(avaya, action, fmt):
    before = listing(avaya)
    reply = avaya.post(f"/Fraud/{action}/ZZ{'.json' if fmt == 'json' else ''}")
    body = rest_exception(reply, 400, 70002, fmt)
    assert body["message"] == "Requested country is not supported"
    assert listing(avaya) == before


@pytest.mark.parametrize("action", ["Block", "Authorize", "Extend", "Whitelist"])
def test_the_us_is_locked_70014(avaya, action):
    body = rest_exception(rule(avaya, action, "us"), 403, 70014)
    assert body["message"] == ("You do not have privileges to alter selected destination. "
                               "Please contact support")
    assert listing(avaya)["total"] == 1


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_blocking_a_blocked_country_is_70003(avaya, fmt):
    ok_rule(avaya, "Block", "HR")
    before = listing(avaya)
    reply = rule(avaya, "Block", "HR", ".json" if fmt == "json" else "", MobileEnabled="true")
    assert rest_exception(reply, 400, 70003, fmt)["message"] == \
        "Requested country is already blocked"
    assert listing(avaya) == before


def test_blocking_a_whitelisted_country_is_70004(avaya):
    ok_rule(avaya, "Whitelist", "DE")
    before = listing(avaya)
    assert rest_exception(rule(avaya, "Block", "DE"), 400, 70004)["message"] == \
        "Country could not be removed from whitelisted destinations"
    assert listing(avaya) == before


def test_authorizing_a_whitelisted_country_is_70001(avaya):
    ok_rule(avaya, "Whitelist", "DE")
    before = listing(avaya)
    assert rest_exception(rule(avaya, "Authorize", "DE"), 400, 70001)["message"] == \
        "Country could not be authorized"
    assert listing(avaya) == before


@pytest.mark.parametrize("setup", [None, "Block", "Whitelist"])
def test_extending_without_an_authorization_is_70001(avaya, setup):
    if setup:
        ok_rule(avaya, setup, "HR")
    before = listing(avaya)
    rest_exception(avaya.post("/Fraud/Extend/HR.json"), 400, 70001)
    assert listing(avaya) == before


@pytest.mark.parametrize("value", ["yes", "", "2"])
def test_a_switch_other_than_true_or_false_is_10022(avaya, value):
    rest_exception(rule(avaya, "Whitelist", "HR", SmsEnabled=value), 400, 10022)
    assert listing(avaya)["total"] == 1


def test_an_unknown_parameter_is_20001(avaya):
    rest_exception(rule(avaya, "Block", "HR", Prefix="+385"), 400, 20001)
    rest_exception(rule(avaya, "Extend", "HR", MobileEnabled="true"), 400, 20001)
    assert listing(avaya)["total"] == 1


# -- enforcement ---------------------------------------------------------------------------

def calls_total(api: Api) -> int:
    """How many calls the account has."""
    return ok_json(api.get("/Calls.json"))["total"]


def make_call(api: Api, to: str, fmt: str = ".json"):
    """Make Call to ``to``; the reply."""
    return api.post(f"/Calls{fmt}", data={"To": to, "From": "+14155550100", "Url": APP})


@pytest.mark.orders
@pytest.mark.parametrize("setup, to, code", [
    (("Block", "HR", {}), HR_LANDLINE, 70006),
    (("Whitelist", "DE", {"MobileEnabled": "false"}), DE_MOBILE, 70010),
    (("Authorize", "DE", {"LandlineEnabled": "false"}), DE_LANDLINE, 70011),
    (None, CU_MOBILE, 70013),
])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_call_the_rules_forbid_is_refused(avaya, setup, to, code, fmt):
    if setup:
        action, country, switches = setup
        ok_rule(avaya, action, country, **switches)
    balance = ok_json(avaya.get(".json"))["account_balance"]
    reply = make_call(avaya, to, ".json" if fmt == "json" else "")
    rest_exception(reply, 403, code, fmt)
    assert calls_total(avaya) == 0
    assert ok_json(avaya.get(".json"))["account_balance"] == balance


@pytest.mark.orders
@pytest.mark.parametrize("setup, to", [
    (("Block", "HR", {"LandlineEnabled": "true"}), HR_LANDLINE),   # a partial block
    (("Whitelist", "DE", {"MobileEnabled": "false"}), DE_LANDLINE),
    (("Whitelist", "CU", {}), CU_MOBILE),                          # out of the default block
    (None, FR_MOBILE),                                             # no rule: allowed
])
def test_a_call_the_rules_allow_goes_out(avaya, setup, to):
    if setup:
        action, country, switches = setup
        ok_rule(avaya, action, country, **switches)
    assert ok_json(make_call(avaya, to))["to"] == to
    assert calls_total(avaya) == 1


def buy(api: Api) -> str:
    """A number of the account's: its E.164 form."""
    return ok_json(api.post("/IncomingPhoneNumbers.json",
                            data={"AreaCode": "212"}))["phone_number"]


@pytest.mark.orders
@pytest.mark.parametrize("kind, extra", [("SMS", {"Body": "hi"}),
                                         ("MMS", {"MediaUrl": "https://x.example/a.png"})])
def test_a_message_to_a_country_with_sms_disabled_is_70008(avaya, kind, extra):
    number = buy(avaya)
    ok_rule(avaya, "Whitelist", "CA", SmsEnabled="false")
    balance = ok_json(avaya.get(".json"))["account_balance"]
    reply = avaya.post(f"/{kind}/Messages.json",
                       data={"To": "+14165550123", "From": number, **extra})
    assert rest_exception(reply, 403, 70008)["message"] == \
        "You do not have permission to send this SMS"
    assert ok_json(avaya.get(f"/{kind}/Messages.json"))["total"] == 0
    assert ok_json(avaya.get(".json"))["account_balance"] == balance


@pytest.mark.orders
def test_an_sms_to_a_country_the_fraud_system_blocks_is_70009(avaya):
    number = buy(avaya)
    reply = avaya.post("/SMS/Messages", data={"To": CU_MOBILE, "From": number, "Body": "hi"})
    rest_exception(reply, 403, 70009, "xml")
    assert ok_json(avaya.get("/SMS/Messages.json"))["total"] == 0


@pytest.mark.orders
def test_an_sms_under_a_block_that_leaves_sms_on_goes_out(avaya):
    number = buy(avaya)
    ok_rule(avaya, "Block", "DE", SmsEnabled="true")
    sent = ok_json(avaya.post("/SMS/Messages.json",
                              data={"To": DE_MOBILE, "From": number, "Body": "hi"}))
    assert sent["to"] == DE_MOBILE


@pytest.mark.orders
def test_a_refused_call_is_a_notification(avaya):
    ok_rule(avaya, "Block", "HR")
    rest_exception(make_call(avaya, HR_LANDLINE), 403, 70006)
    codes = [n["error_code"] for n in
             ok_json(avaya.get("/Notifications.json"))["notifications"]]
    assert codes.count(70006) == 1
