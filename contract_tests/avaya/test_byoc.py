"""BYOC numbers (seed 004, BYOC Number APIs; the BYOC parts of Add, List, View, Update and
Delete Number): added from an approved vendor with any length of number, listed apart,
viewed like any number, updated and deleted (gone entirely)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from .conftest import TRIAL, account_api
from .helpers import assert_paging, ok_csv, ok_json, ok_xml, rest_exception, sid_of
from .numbering import NUMBER_FIELDS, buy, numbers

pytestmark = pytest.mark.orders
LIST = "incoming_phone_numbers"
VENDOR = "Telnyx"


def add_byoc(avaya, number: str = "39111111111", **params) -> dict:
    """Add a BYOC number the way the seed's example does: parameters in the query string."""
    query = {"ByocVendor": VENDOR, "PhoneNumber": number, "Type": "Local", **params}
    return ok_json(avaya.post("/Byoc.json", params=query))


def test_add_byoc_number(avaya):
    before = Decimal(ok_json(avaya.get(".json"))["account_balance"])
    number = add_byoc(avaya)
    assert set(NUMBER_FIELDS) <= set(number)
    assert sid_of("DI").fullmatch(number["sid"])
    assert number["phone_number"] == "+39111111111" and number["type"] == "local"
    assert number["capabilities"]["voice"] == "true"
    assert number["capabilities"]["sms"] == "false"
    assert Decimal(ok_json(avaya.get(".json"))["account_balance"]) == before


def test_byoc_number_of_any_length_in_a_form_body(avaya):
    reply = avaya.post("/Byoc.json", data={"ByocVendor": "bandwidth", "PhoneNumber": "+1 234",
                                           "Type": "local", "FriendlyName": "Short"})
    number = ok_json(reply)
    assert number["phone_number"] == "+1234" and number["friendly_name"] == "Short"


def test_byoc_through_incoming_phone_numbers(avaya):
    reply = avaya.post("/IncomingPhoneNumbers.json",
                       data={"ByocVendor": VENDOR, "PhoneNumber": "442071234567",
                             "Type": "Local"})
    number = ok_json(reply)
    assert [n["sid"] for n in numbers(avaya, "/Numbers/Byoc.json")[LIST]] == [number["sid"]]


def test_byoc_list_holds_only_byoc_numbers(avaya):
    bought = buy(avaya, AreaCode="212")
    brought = add_byoc(avaya)
    assert [n["sid"] for n in numbers(avaya, "/Numbers/Byoc.json")[LIST]] == [brought["sid"]]
    assert [n["sid"] for n in numbers(avaya)[LIST]] == [bought["sid"], brought["sid"]]


def test_view_a_byoc_number_as_an_incoming_number(avaya):
    number = add_byoc(avaya)
    assert ok_json(avaya.get(f"/IncomingPhoneNumbers/{number['sid']}.json")) == number


def test_byoc_list_paging_and_filters(avaya):
    sids = [add_byoc(avaya, f"3911111111{i}")["sid"] for i in range(3)]
    assert_paging(numbers(avaya, "/Numbers/Byoc.json"), LIST, page=0, page_size=50, total=3)
    for size, page in ((1, 2), (3, 0), (2, 1), (2, 4)):
        assert_paging(numbers(avaya, "/Numbers/Byoc.json", PageSize=size, Page=page), LIST,
                      page=page, page_size=size, total=3)
    found = numbers(avaya, "/Numbers/Byoc.json", Contains="39111111112")[LIST]
    assert [n["sid"] for n in found] == [sids[2]]


def test_byoc_empty_list(avaya):
    buy(avaya, AreaCode="212")
    assert_paging(numbers(avaya, "/Numbers/Byoc.json"), LIST, page=0, page_size=50, total=0)


def test_byoc_list_xml_and_csv(avaya):
    number = add_byoc(avaya)
    listing = ok_xml(avaya.get("/Numbers/Byoc")).find("IncomingPhoneNumbers")
    assert [e.findtext("Sid") for e in listing.findall("IncomingPhoneNumber")] == [number["sid"]]
    rows = ok_csv(avaya.get("/Numbers/Byoc.csv"))
    assert [r["phone_number"] for r in rows] == ["+39111111111"]


def test_add_byoc_xml(avaya):
    root = ok_xml(avaya.post("/Byoc", params={"ByocVendor": VENDOR, "PhoneNumber": "3912",
                                              "Type": "Local"}))
    assert root.find("IncomingPhoneNumber").findtext("PhoneNumber") == "+3912"


@pytest.mark.parametrize("path", ["/Numbers/Byoc", "/Numbers/BYOC"])
def test_update_byoc_number(avaya, path):
    number = add_byoc(avaya)
    updated = ok_json(avaya.post(f"{path}/{number['sid']}.json",
                                 data={"VoiceUrl": "https://example.com/v",
                                       "FriendlyName": "Carrier line"}))
    assert updated["voice_url"] == "https://example.com/v"
    assert updated["friendly_name"] == "Carrier line"
    assert ok_json(avaya.get(f"/IncomingPhoneNumbers/{number['sid']}.json")) == updated


def test_update_byoc_number_xml(avaya):
    number = add_byoc(avaya)
    root = ok_xml(avaya.post(f"/Numbers/Byoc/{number['sid']}", data={"FriendlyName": "X"}))
    assert root.find("IncomingPhoneNumber").findtext("FriendlyName") == "X"


def test_delete_byoc_number(avaya):
    number = add_byoc(avaya)
    deleted = ok_json(avaya.delete(f"/Numbers/Byoc/{number['sid']}.json"))
    assert deleted["sid"] == number["sid"]
    rest_exception(avaya.get(f"/IncomingPhoneNumbers/{number['sid']}.json"), 404, 21227)
    assert numbers(avaya, "/Numbers/Byoc.json")["total"] == 0
    assert add_byoc(avaya)["sid"] != number["sid"]        # gone: may be brought again


def test_delete_byoc_number_xml(avaya):
    number = add_byoc(avaya)
    root = ok_xml(avaya.delete(f"/Numbers/Byoc/{number['sid']}"))
    assert root.find("IncomingPhoneNumber").findtext("Sid") == number["sid"]


def test_delete_byoc_number_through_incoming_phone_numbers(avaya):
    number = add_byoc(avaya)
    assert ok_json(avaya.delete(f"/IncomingPhoneNumbers/{number['sid']}.json"))
    assert numbers(avaya, "/Numbers/Byoc.json")["total"] == 0


@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_byoc_paths_refuse_other_numbers(avaya, method):
    bought = buy(avaya, AreaCode="212")
    rest_exception(avaya.request(method, f"/Numbers/Byoc/{bought['sid']}.json"), 404, 21227)
    rest_exception(avaya.request(method, f"/Numbers/Byoc/DI{'0' * 32}.json"), 404, 21227)
    assert numbers(avaya)["total"] == 1


@pytest.mark.parametrize("params,status,code", [
    ({"ByocVendor": None}, 400, 10022),
    ({"ByocVendor": ""}, 400, 10022),
    ({"ByocVendor": "Acme Telecom"}, 403, 20003),
    ({"PhoneNumber": None}, 400, 21408),
    ({"PhoneNumber": "abc"}, 400, 21401),
    ({"Type": None}, 400, 21458),
    ({"Type": "Tollfree"}, 400, 21458),
    ({"VoiceUrl": "nope"}, 400, 21402),
    ({"Colour": "red"}, 400, 20001),
])
def test_add_byoc_errors_change_nothing(avaya, params, status, code):
    query = {"PhoneNumber": "39111111111", "Type": "Local", "ByocVendor": VENDOR, **params}
    query = {k: v for k, v in query.items() if v is not None}
    rest_exception(avaya.post("/Byoc.json", params=query), status, code)
    rest_exception(avaya.post("/Byoc", params=query), status, code, fmt="xml")
    assert numbers(avaya)["total"] == 0


def test_a_byoc_number_already_on_the_account(avaya):
    add_byoc(avaya)
    reply = avaya.post("/Byoc.json", params={"ByocVendor": VENDOR, "PhoneNumber": "+39111111111",
                                             "Type": "Local"})
    rest_exception(reply, 400, 21501)


def test_trial_account_may_not_bring_numbers(target, mock_only):
    trial = account_api(target, *TRIAL)
    reply = trial.post("/Byoc.json", params={"ByocVendor": VENDOR, "PhoneNumber": "3912345",
                                             "Type": "Local"})
    rest_exception(reply, 403, 21404)
