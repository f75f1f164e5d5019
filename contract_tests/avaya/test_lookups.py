"""Carrier, CNAM and BNA lookups (seed 004, Carrier Lookup, Carrier Lookup List, CNAM Lookup,
CNAM Lookup List, BNA Lookup, BNA Lookup List) in JSON and XML, their lists in the three
formats with paging, the same answer for the same number, the price charged to the account,
and every refusal (code, status, and that nothing was stored or charged).

Every lookup costs money on a real account, so the module is marked ``orders``.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from .conftest import SUSPENDED, account_api
from .helpers import (RFC2822, assert_paging, ok_csv, ok_json, ok_xml, path_of,
                      rest_exception, sid_of)

pytestmark = pytest.mark.orders

CARRIER_FIELDS = ["sid", "account_sid", "date_created", "date_updated", "phone_number",
                  "network", "mobile", "carrier_id", "country_code", "mnc", "mcc", "price",
                  "api_version", "uri"]
CNAM_FIELDS = ["sid", "account_sid", "date_created", "date_updated", "phone_number", "body",
               "price", "api_version", "uri"]
BNA_FIELDS = ["sid", "account_sid", "date_created", "date_updated", "phone_number",
              "first_name", "last_name", "address", "city", "state", "zip_code",
              "country_code", "price", "api_version", "uri"]
#: path, SID prefix, uri segment, fields, list key, XML element
KINDS = {
    "Carrier": ("CR", "Carrier", CARRIER_FIELDS, "carrier_lookups", "CarrierLookup"),
    "Cnam": ("CL", "CNAM", CNAM_FIELDS, "cnam_lookups", "CnamLookup"),
    "Bna": ("BL", "BNA", BNA_FIELDS, "bna_lookups", "BnaLookup"),
}
US = "+14086474636"             # San Jose, CA (the recorded responses' number)
US_OTHER = "+12125550100"       # New York, NY
CA = "+14165550123"             # Toronto
HR_MOBILE = "+385912345678"     # A1 Telekom (phonenumbers' carrier data)
GB_LANDLINE = "+442079460000"   # London
US_TOLL_FREE = "+18002345678"
UNASSIGNED = "+15550100000"     # possible (ten digits) but not a valid NANP number
GB_UNASSIGNED = "+447700900123"  # Ofcom's drama range: possible, not valid
NON_GEOGRAPHIC = "+8823421234"  # an international network: no country, no rate
IMPOSSIBLE = "+1234"                 # too short for its country (NANP)
NO_COUNTRY = "+999123456"            # no country has calling code 999
#: (lookup, PhoneNumber, code): every refusal of a number
REFUSALS = [
    ("Carrier", IMPOSSIBLE, 31026), ("Cnam", IMPOSSIBLE, 31026), ("Bna", IMPOSSIBLE, 31026),
    ("Carrier", NO_COUNTRY, 21401), ("Cnam", NO_COUNTRY, 21401),
    ("Carrier", "no digits", 21401), ("Cnam", "", 21401), ("Bna", "+", 21401),
    ("Cnam", GB_LANDLINE, 31006), ("Bna", GB_LANDLINE, 31006), ("Bna", CA, 31006),
    ("Carrier", NON_GEOGRAPHIC, 31008),
    ("Cnam", US_TOLL_FREE, 31007), ("Bna", US_TOLL_FREE, 31007),
    ("Carrier", GB_UNASSIGNED, 31017), ("Carrier", UNASSIGNED, 31017),
    ("Cnam", UNASSIGNED, 31016), ("Bna", UNASSIGNED, 31020),
    ("Cnam", f"{US},{GB_LANDLINE}", 31006),
]
MESSAGES = {
    21401: "Invalid Phone Number",
    31026: "Requested phone number details could not be discovered",
    31006: "Your request for lookup has been rejected. Given phone number country code is "
           "not supported",
    31007: "Lookup for specified phone number is not supported",
    31008: "Rate could not be found for requested destination number",
    31016: "Requested phone number CNAM details could not be discovered",
    31017: "Requested phone number Carrier details could not be discovered",
    31020: "BNA details could not be discovered for requested phone number",
}


def lookup(api, kind: str, number: str) -> dict:
    """Perform one lookup (JSON): its resource."""
    return ok_json(api.post(f"/Lookups/{kind}.json", data={"PhoneNumber": number}))


def found(record: dict) -> dict:
    """What a lookup found, without what each lookup has of its own."""
    return {key: value for key, value in record.items()
            if key not in ("sid", "date_created", "date_updated", "uri")}


def snapshot(api) -> tuple:
    """The lookups' totals, the usages and the balance: what a refusal must not change."""
    totals = tuple(ok_json(api.get(f"/Lookups/{kind}.json"))["total"] for kind in KINDS)
    return totals, ok_json(api.get("/Usages.json"))["usages"], \
        ok_json(api.get(".json"))["account_balance"]


def check_resource(record: dict, kind: str, account_sid: str, number: str) -> None:
    """The documented fields in the documented order, typed as the recorded responses."""
    prefix, segment, fields, _, _ = KINDS[kind]
    assert [key for key in fields if key in record] == list(record), list(record)
    assert sid_of(prefix).fullmatch(record["sid"])
    assert record["account_sid"] == account_sid and record["phone_number"] == number
    assert RFC2822.fullmatch(record["date_created"]) and RFC2822.fullmatch(record["date_updated"])
    assert isinstance(record["price"], str) and Decimal(record["price"]) >= 0
    assert record["api_version"] == "v2"
    assert record["uri"].endswith(f"/Accounts/{account_sid}/{segment}/{record['sid']}")


def test_carrier_lookup_of_a_mobile_number_names_its_network_and_codes(avaya, account):
    record = lookup(avaya, "Carrier", HR_MOBILE)
    check_resource(record, "Carrier", account[0], HR_MOBILE)
    assert list(record) == CARRIER_FIELDS
    assert record["network"] and record["mobile"] is True and record["country_code"] == "HR"
    assert isinstance(record["carrier_id"], int)
    assert record["mcc"] == "219" and record["mnc"].isdigit()


def test_carrier_lookup_formats_the_number_and_answers_xml(avaya, account):
    root = ok_xml(avaya.post("/Lookups/Carrier", data={"PhoneNumber": "+1 (408) 647-4636"}))
    (element,) = list(root)
    assert element.tag == "CarrierLookup"
    fields = {child.tag: child.text for child in element}
    assert fields["PhoneNumber"] == US and fields["CountryCode"] == "US"
    assert fields["Mobile"] in ("true", "false") and fields["CarrierId"].isdigit()
    assert [tag for tag in fields][:5] == ["Sid", "AccountSid", "DateCreated", "DateUpdated",
                                           "PhoneNumber"]
    record = lookup(avaya, "Carrier", GB_LANDLINE)
    check_resource(record, "Carrier", account[0], GB_LANDLINE)
    assert record["mobile"] is False and record["country_code"] == "GB"


@pytest.mark.parametrize("number", [US, CA])
def test_cnam_lookup_of_a_north_american_number(avaya, account, number):
    record = lookup(avaya, "Cnam", number)
    check_resource(record, "Cnam", account[0], number)
    assert list(record) == CNAM_FIELDS
    assert record["body"] is None or (isinstance(record["body"], str) and record["body"])
    (element,) = list(ok_xml(avaya.post("/Lookups/Cnam", data={"PhoneNumber": number})))
    assert element.tag == "CnamLookup"
    assert {child.tag: child.text for child in element}["Body"] == record["body"]


def test_bna_lookup_of_a_us_number(avaya, account):
    record = lookup(avaya, "Bna", US)
    check_resource(record, "Bna", account[0], US)
    assert list(record) == BNA_FIELDS
    assert record["country_code"] == "US" and record["state"] == "CA"
    assert record["city"] and record["zip_code"].isdigit() and len(record["zip_code"]) == 5
    assert record["price"] in ("0.01", "0.15")
    full = record["address"] is not None
    assert (record["first_name"] is not None) == full == (record["price"] == "0.15")
    (element,) = list(ok_xml(avaya.post("/Lookups/Bna", data={"PhoneNumber": US})))
    assert element.tag == "BnaLookup"
    assert {child.tag: child.text for child in element}["City"] == record["city"]


@pytest.mark.parametrize("kind, number", [("Carrier", US), ("Carrier", HR_MOBILE),
                                          ("Cnam", US), ("Cnam", CA), ("Bna", US_OTHER)])
def test_the_same_number_gets_the_same_answer(avaya, kind, number):
    first, second = lookup(avaya, kind, number), lookup(avaya, kind, number)
    assert first["sid"] != second["sid"]
    assert found(first) == found(second)


@pytest.mark.parametrize("kind", KINDS)
def test_lists_are_newest_first_in_three_formats_with_paging(avaya, kind):
    _, _, fields, list_key, element = KINDS[kind]
    numbers = [US, US_OTHER, "+12015550123"]
    made = [lookup(avaya, kind, number)["sid"] for number in numbers]
    body = ok_json(avaya.get(f"/Lookups/{kind}.json", params={"PageSize": 2}))
    items = assert_paging(body, list_key, page=0, page_size=2, total=3)
    assert [item["sid"] for item in items] == made[::-1][:2]
    assert all(list(item) == [key for key in fields if key in item] for item in items)
    following = ok_json(avaya.get(path_of(body["next_page_uri"], avaya)))
    assert [item["sid"] for item in
            assert_paging(following, list_key, page=1, page_size=2, total=3)] == made[:1]
    (listing,) = list(ok_xml(avaya.get(f"/Lookups/{kind}", params={"Page": 1,
                                                                  "PageSize": 2})))
    assert listing.tag == list_key.title().replace("_", "") and listing.get("total") == "3"
    assert [child.tag for child in listing] == [element]
    assert listing[0].find("Sid").text == made[0]
    rows = ok_csv(avaya.get(f"/Lookups/{kind}.csv"))
    assert [row["sid"] for row in rows] == made[::-1]
    assert rows[0]["phone_number"] == numbers[-1]


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_list(avaya, kind):
    list_key = KINDS[kind][3]
    body = ok_json(avaya.get(f"/Lookups/{kind}.json"))
    assert assert_paging(body, list_key, page=0, page_size=50, total=0) == []
    assert ok_csv(avaya.get(f"/Lookups/{kind}.csv")) == []


def test_each_lookup_is_charged_to_the_account(avaya):
    before = Decimal(ok_json(avaya.get(".json"))["account_balance"])
    prices = [Decimal(lookup(avaya, "Carrier", US)["price"]),
              Decimal(lookup(avaya, "Cnam", US)["price"]),
              Decimal(lookup(avaya, "Bna", US)["price"])]
    after = Decimal(ok_json(avaya.get(".json"))["account_balance"])
    assert before - after == sum(prices)
    assert prices[0] > 0 and prices[2] > 0
    usages = {u["product_id"]: u for u in ok_json(avaya.get("/Usages.json"))["usages"]}
    assert usages[20]["product"] == "Carrier Lookup"
    assert Decimal(usages[20]["total_cost"]) >= prices[0]
    assert usages[19]["product"] == "CNAM Dip"
    assert Decimal(usages[19]["total_cost"]) >= prices[1] + prices[2]


def test_several_cnam_numbers_in_one_request(avaya):
    record = lookup(avaya, "Cnam", f"{US}, {CA}")
    assert record["phone_number"] == US
    items = ok_json(avaya.get("/Lookups/Cnam.json"))["cnam_lookups"]
    assert [item["phone_number"] for item in items] == [CA, US]
    assert items[1]["sid"] == record["sid"]


@pytest.mark.parametrize("kind, number, code", REFUSALS)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_refused_lookup_stores_and_charges_nothing(avaya, kind, number, code, fmt):
    before = snapshot(avaya)
    path = f"/Lookups/{kind}.json" if fmt == "json" else f"/Lookups/{kind}"
    body = rest_exception(avaya.post(path, data={"PhoneNumber": number}), 400, code, fmt)
    assert body["message"] == MESSAGES[code]
    assert snapshot(avaya) == before


@pytest.mark.parametrize("kind", KINDS)
def test_a_missing_phone_number_or_an_unknown_parameter(avaya, kind):
    before = snapshot(avaya)
    rest_exception(avaya.post(f"/Lookups/{kind}.json", data={}), 400, 21401)
    rest_exception(avaya.post(f"/Lookups/{kind}.json",
                              data={"PhoneNumber": US, "Number": US}), 400, 20001)
    assert snapshot(avaya) == before


def test_a_suspended_account_cannot_look_up(target, mock_only):
    api = account_api(target, *SUSPENDED)
    for kind in KINDS:
        rest_exception(api.post(f"/Lookups/{kind}.json", data={"PhoneNumber": US}), 403,
                       20005)
        assert ok_json(api.get(f"/Lookups/{kind}.json"))["total"] == 0
