"""IncomingPhoneNumbers (seed 004, Add, View, List, Update and Delete Number): buying by
PhoneNumber or AreaCode, the resource in three formats, the list's filters and paging, the
updates, deletion back to the inventory, the errors, and what trial and suspended accounts
may not do."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from email.utils import parsedate_to_datetime

import phonenumbers
import pytest

from .conftest import SUSPENDED, TRIAL, account_api
from .helpers import RFC2822, assert_paging, ok_csv, ok_json, ok_xml, path_of, \
    rest_exception, sid_of
from .numbering import NUMBER_FIELDS, available, buy, first_available, national, numbers

pytestmark = pytest.mark.orders
LIST = "incoming_phone_numbers"
DI = sid_of("DI")


def balance(avaya) -> Decimal:
    return Decimal(ok_json(avaya.get(".json"))["account_balance"])


def application(avaya) -> str:
    return ok_json(avaya.post("/Applications.json", data={"FriendlyName": "App"}))["sid"]


# -- Add Number ---------------------------------------------------------------------------

def test_buy_by_area_code(avaya):
    number = buy(avaya, AreaCode="212")
    assert set(NUMBER_FIELDS) <= set(number)
    assert DI.fullmatch(number["sid"])
    assert number["phone_number"].startswith("+1212")
    assert phonenumbers.is_valid_number(phonenumbers.parse(number["phone_number"]))
    assert number["friendly_name"] == national(number["phone_number"])
    assert number["type"] == "local" and number["api_version"] == "v2"
    assert number["capabilities"]["voice"] == "true" and number["capabilities"]["sms"] == "true"
    assert number["voice_caller_id_lookup"] == "false"
    assert all(number[key] == "POST" for key in NUMBER_FIELDS if key.endswith("_method"))
    for key in ("date_created", "date_updated", "next_renewal_date"):
        assert RFC2822.fullmatch(number[key]), number[key]
    created = parsedate_to_datetime(number["date_created"])
    assert parsedate_to_datetime(number["next_renewal_date"]) - created == timedelta(days=30)
    assert path_of(number["uri"], avaya) == f"/IncomingPhoneNumbers/{number['sid']}"


@pytest.mark.parametrize("code", ["415", "646", "312", "416"])
def test_the_area_codes_other_tests_rely_on_have_stock(avaya, code):
    assert buy(avaya, AreaCode=code)["phone_number"].startswith(f"+1{code}")


def test_buy_by_phone_number(avaya):
    wanted = first_available(avaya, "GB", "Local")["phone_number"]
    number = buy(avaya, PhoneNumber=wanted)
    assert number["phone_number"] == wanted and number["type"] == "local"
    assert number["capabilities"]["sms"] == "false"
    assert number["friendly_name"] == national(wanted)


def test_buy_a_toll_free_number(avaya):
    wanted = first_available(avaya, "US", "Tollfree")["phone_number"]
    assert buy(avaya, PhoneNumber=wanted, Type="Tollfree")["type"] == "tollfree"


def test_phone_number_is_normalised(avaya):
    wanted = first_available(avaya, "US", "Local", AreaCode="415")["phone_number"]
    spaced = f"+1 ({wanted[2:5]}) {wanted[5:8]}-{wanted[8:]}"
    assert buy(avaya, PhoneNumber=spaced)["phone_number"] == wanted


def test_buy_with_settings(avaya):
    app = application(avaya)
    number = buy(avaya, AreaCode="646", FriendlyName="Support line",
                 VoiceUrl="https://example.com/voice", VoiceMethod="GET",
                 SmsUrl="https://example.com/sms", VoiceCallerIdLookup="True",
                 VoiceApplicationSid=app)
    assert number["friendly_name"] == "Support line"
    assert number["voice_url"] == "https://example.com/voice"
    assert number["voice_method"] == "GET" and number["sms_url"] == "https://example.com/sms"
    assert number["voice_caller_id_lookup"] == "true"
    assert number["voice_application_sid"] == app


def test_buying_debits_the_monthly_cost(avaya):
    offered = first_available(avaya, "US", "Local", AreaCode="312")
    before = balance(avaya)
    buy(avaya, PhoneNumber=offered["phone_number"])
    assert balance(avaya) == before - Decimal(offered["monthly_cost"])


def test_area_code_purchases_differ(avaya):
    bought = {buy(avaya, AreaCode="415")["phone_number"] for _ in range(3)}
    assert len(bought) == 3


def test_add_number_xml(avaya):
    root = ok_xml(avaya.post("/IncomingPhoneNumbers", data={"AreaCode": "212"}))
    number = root.find("IncomingPhoneNumber")
    assert DI.fullmatch(number.findtext("Sid"))
    assert number.find("Capabilities").findtext("Voice") == "true"


@pytest.mark.parametrize("data,status,code", [
    ({}, 400, 21408),
    ({"FriendlyName": "x"}, 400, 21408),
    ({"AreaCode": "12"}, 400, 21451),
    ({"AreaCode": "abc"}, 400, 21451),
    ({"AreaCode": "999"}, 400, 21452),
    ({"AreaCode": "800"}, 400, 21457),
    ({"PhoneNumber": "+1555"}, 400, 21401),
    ({"PhoneNumber": "+12125550123"}, 400, 21501),
    ({"AreaCode": "212", "Colour": "red"}, 400, 20001),
    ({"AreaCode": "212", "VoiceUrl": "https://example.com/" + "a" * 200}, 400, 12301),
    ({"AreaCode": "212", "VoiceUrl": "not a url"}, 400, 21402),
    ({"AreaCode": "212", "StatusCallback": "ftp://example.com"}, 400, 21229),
    ({"AreaCode": "212", "VoiceFallbackUrl": "https://example.com/f"}, 400, 21405),
    ({"AreaCode": "212", "SmsFallbackUrl": "https://example.com/f"}, 400, 21406),
    ({"AreaCode": "212", "VoiceApplicationSid": "AP" + "0" * 32}, 400, 21218),
    ({"AreaCode": "212", "SmsApplicationSid": "nope"}, 400, 21218),
    ({"AreaCode": "212", "VoiceCallerIdLookup": "maybe"}, 400, 10022),
    ({"AreaCode": "212", "FriendlyName": "n" * 65}, 400, 20002),
    ({"AreaCode": "212", "Type": "Tollfree"}, 400, 21458),
])
def test_add_number_errors_change_nothing(avaya, data, status, code):
    before = balance(avaya)
    rest_exception(avaya.post("/IncomingPhoneNumbers.json", data=data), status, code)
    assert numbers(avaya)["total"] == 0 and balance(avaya) == before


def test_add_number_error_in_xml(avaya):
    rest_exception(avaya.post("/IncomingPhoneNumbers", data={}), 400, 21408, fmt="xml")


def test_a_number_cannot_be_bought_twice(avaya):
    number = buy(avaya, AreaCode="212")
    reply = avaya.post("/IncomingPhoneNumbers.json", data={"PhoneNumber": number["phone_number"]})
    rest_exception(reply, 400, 21501)
    assert numbers(avaya)["total"] == 1


def test_type_mismatch_by_phone_number(avaya):
    wanted = first_available(avaya, "US", "Tollfree")["phone_number"]
    reply = avaya.post("/IncomingPhoneNumbers.json", data={"PhoneNumber": wanted, "Type": "Local"})
    rest_exception(reply, 400, 21458)


def test_every_number_of_an_area_code_bought_is_21452(avaya):
    total = available(avaya, "US", "Local", AreaCode="907")["total"]
    assert 0 < total <= 200
    for _ in range(total):
        buy(avaya, AreaCode="907")
    rest_exception(avaya.post("/IncomingPhoneNumbers.json", data={"AreaCode": "907"}),
                   400, 21452)


# -- View and List --------------------------------------------------------------------------

def test_view_in_three_formats(avaya):
    number = buy(avaya, AreaCode="212")
    path = f"/IncomingPhoneNumbers/{number['sid']}"
    assert ok_json(avaya.get(path + ".json")) == number
    element = ok_xml(avaya.get(path)).find("IncomingPhoneNumber")
    assert element.findtext("PhoneNumber") == number["phone_number"]
    assert element.findtext("Type") == "local"
    rows = ok_csv(avaya.get(path + ".csv"))
    assert len(rows) == 1 and rows[0]["sid"] == number["sid"]
    assert rows[0]["phone_number"] == number["phone_number"]


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
def test_unknown_sid_is_404(avaya, method):
    reply = avaya.request(method, f"/IncomingPhoneNumbers/DI{'0' * 32}.json")
    rest_exception(reply, 404, 21227)


def test_unknown_sid_in_xml(avaya):
    rest_exception(avaya.get(f"/IncomingPhoneNumbers/DI{'0' * 32}"), 404, 21227, fmt="xml")


def test_empty_list(avaya):
    assert_paging(numbers(avaya), LIST, page=0, page_size=50, total=0)


def test_list_paging_at_the_edges(avaya):
    bought = [buy(avaya, AreaCode="415")["sid"] for _ in range(4)]
    whole = numbers(avaya)
    assert [n["sid"] for n in whole[LIST]] == bought        # oldest first
    for size, page in ((2, 0), (2, 1), (2, 2), (3, 1), (3, 5), (4, 0)):
        assert_paging(numbers(avaya, PageSize=size, Page=page), LIST, page=page,
                      page_size=size, total=4)
    following = numbers(avaya, PageSize=3)["next_page_uri"]
    assert [n["sid"] for n in ok_json(avaya.get(path_of(following, avaya)))[LIST]] == bought[3:]


def test_list_filters(avaya):
    first = buy(avaya, AreaCode="212", FriendlyName="Sales desk")
    second = buy(avaya, AreaCode="415")
    contains = numbers(avaya, Contains=first["phone_number"][-6:])
    assert [n["sid"] for n in contains[LIST]] == [first["sid"]]
    both = numbers(avaya, Contains="1")[LIST]          # every North American number
    assert {n["sid"] for n in both} == {first["sid"], second["sid"]}
    assert [n["sid"] for n in numbers(avaya, Contains=second["phone_number"][1:])[LIST]] == \
        [second["sid"]]
    assert [n["sid"] for n in numbers(avaya, FriendlyName="Sales desk")[LIST]] == \
        [first["sid"]]
    assert numbers(avaya, FriendlyName="Sales")[LIST] == []        # the whole name, exactly
    filtered = numbers(avaya, FriendlyName="Sales desk", PageSize=1)
    assert "FriendlyName=Sales+desk" in filtered["first_page_uri"]
    assert_paging(numbers(avaya, FriendlyName="nobody"), LIST, page=0, page_size=50, total=0)


def test_list_xml_and_csv(avaya):
    numbers_bought = [buy(avaya, AreaCode="646") for _ in range(2)]
    root = ok_xml(avaya.get("/IncomingPhoneNumbers"))
    listing = root.find("IncomingPhoneNumbers")
    assert listing.get("total") == "2"
    assert [e.findtext("Sid") for e in listing.findall("IncomingPhoneNumber")] == \
        [n["sid"] for n in numbers_bought]
    rows = ok_csv(avaya.get("/IncomingPhoneNumbers.csv"))
    assert [r["phone_number"] for r in rows] == [n["phone_number"] for n in numbers_bought]
    assert set(NUMBER_FIELDS) <= set(rows[0])


# -- Update Number ------------------------------------------------------------------------------

def test_update_number(avaya):
    number = buy(avaya, AreaCode="312")
    app = application(avaya)
    path = f"/IncomingPhoneNumbers/{number['sid']}.json"
    updated = ok_json(avaya.post(path, data={
        "FriendlyName": "Front desk", "VoiceUrl": "https://example.com/v",
        "VoiceMethod": "get", "VoiceFallbackUrl": "https://example.com/vf",
        "VoiceFallbackMethod": "PUT", "SmsUrl": "https://example.com/s",
        "HeartbeatUrl": "https://example.com/h", "HeartbeatMethod": "GET",
        "StatusCallback": "https://example.com/sc", "StatusCallbackMethod": "GET",
        "HangupCallback": "https://example.com/hc", "VoiceCallerIdLookup": "true",
        "SmsApplicationSid": app, "MmsApplicationSid": app}))
    assert updated["friendly_name"] == "Front desk"
    assert (updated["voice_url"], updated["voice_method"]) == ("https://example.com/v", "GET")
    assert updated["voice_fallback_method"] == "POST"        # "any other value" is POST
    assert updated["heartbeat_url"] == "https://example.com/h"
    assert updated["status_callback_method"] == "GET"
    assert updated["hangup_callback"] == "https://example.com/hc"
    assert updated["voice_caller_id_lookup"] == "true"
    assert updated["sms_application_sid"] == app == updated["mms_application_sid"]
    assert updated["phone_number"] == number["phone_number"]
    assert ok_json(avaya.get(path)) == updated               # kept across requests


def test_update_clears_and_restores(avaya):
    number = buy(avaya, AreaCode="212", FriendlyName="Temp", SmsUrl="https://example.com/s")
    path = f"/IncomingPhoneNumbers/{number['sid']}.json"
    updated = ok_json(avaya.post(path, data={"FriendlyName": "", "SmsUrl": ""}))
    assert updated["friendly_name"] == national(number["phone_number"])
    assert updated["sms_url"] == ""


def test_update_in_xml(avaya):
    number = buy(avaya, AreaCode="212")
    root = ok_xml(avaya.post(f"/IncomingPhoneNumbers/{number['sid']}",
                             data={"FriendlyName": "Xml"}))
    assert root.find("IncomingPhoneNumber").findtext("FriendlyName") == "Xml"


@pytest.mark.parametrize("data,code", [
    ({"VoiceUrl": "https://example.com/" + "a" * 200}, 12301),
    ({"SmsUrl": "example"}, 21402),
    ({"HeartbeatUrl": "nope"}, 21232),
    ({"VoiceFallbackUrl": "https://example.com/f"}, 21405),
    ({"VoiceApplicationSid": "AP" + "1" * 32}, 21218),
    ({"FriendlyName": "n" * 65}, 20002),
    ({"PhoneNumber": "+12125550100"}, 20001),
])
def test_update_errors_change_nothing(avaya, data, code):
    number = buy(avaya, AreaCode="212")
    path = f"/IncomingPhoneNumbers/{number['sid']}.json"
    rest_exception(avaya.post(path, data=data), 400, code)
    assert ok_json(avaya.get(path)) == number


# -- Delete Number ------------------------------------------------------------------------------

def test_delete_returns_the_number_and_releases_it(avaya):
    number = buy(avaya, AreaCode="646")
    path = f"/IncomingPhoneNumbers/{number['sid']}"
    deleted = ok_json(avaya.delete(path + ".json"))
    assert deleted["sid"] == number["sid"] and deleted["phone_number"] == number["phone_number"]
    rest_exception(avaya.get(path + ".json"), 404, 21227)
    assert numbers(avaya)["total"] == 0
    again = available(avaya, "US", "Local", Contains=number["phone_number"][1:])
    assert [i["phone_number"] for i in again["available_phone_numbers"]] == \
        [number["phone_number"]]
    assert buy(avaya, PhoneNumber=number["phone_number"])["sid"] != number["sid"]


def test_delete_in_xml(avaya):
    number = buy(avaya, AreaCode="646")
    root = ok_xml(avaya.delete(f"/IncomingPhoneNumbers/{number['sid']}"))
    assert root.find("IncomingPhoneNumber").findtext("Sid") == number["sid"]


# -- Trial and suspended accounts (the mock's fixture accounts) ---------------------------------

@pytest.fixture
def trial(target, mock_only):
    api = account_api(target, *TRIAL)
    for number in ok_json(api.get("/IncomingPhoneNumbers.json"))[LIST]:    # a shared server
        ok_json(api.delete(f"/IncomingPhoneNumbers/{number['sid']}.json"))
    return api


def test_trial_account_holds_one_local_number(trial):
    first = buy(trial, AreaCode="212")
    rest_exception(trial.post("/IncomingPhoneNumbers.json", data={"AreaCode": "415"}),
                   403, 14200)
    ok_json(trial.delete(f"/IncomingPhoneNumbers/{first['sid']}.json"))
    buy(trial, AreaCode="415")


def test_trial_account_may_not_buy_toll_free(trial):
    wanted = first_available(trial, "US", "Tollfree")["phone_number"]
    rest_exception(trial.post("/IncomingPhoneNumbers.json", data={"PhoneNumber": wanted}),
                   403, 21404)
    assert numbers(trial)["total"] == 0


def test_suspended_account_may_look_but_not_buy(target, mock_only):
    api = account_api(target, *SUSPENDED)
    assert available(api, "US", "Local", PageSize=1)["available_phone_numbers"]
    rest_exception(api.post("/IncomingPhoneNumbers.json", data={"AreaCode": "212"}), 403, 20005)
