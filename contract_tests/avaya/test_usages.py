"""Usages (seed 004, View Usage, List Usages) in the three formats: one Usage per product
per day, ``quantity`` (units) beside ``total`` (uses), costs as strings, the Day, Month,
Year and Product filters and their errors.

The usage comes from buying numbers (marked ``orders``); tests compare before and after, so
they also hold on a real account that has used things already today.
"""
from __future__ import annotations

from decimal import Decimal
from email.utils import parsedate_to_datetime

import pytest

from .helpers import assert_paging, ok_csv, ok_json, ok_xml, path_of, rest_exception, sid_of

FIELDS = ["sid", "product", "product_id", "day", "month", "year", "quantity", "total",
          "average_cost", "total_cost", "uri"]
USAGE_SID = sid_of("AU")
RECURRING_DID = 8


def buy_number(api) -> dict:
    """Buy a number in area code 212 (seed 004, Add Number)."""
    return ok_json(api.post("/IncomingPhoneNumbers.json", data={"AreaCode": "212"}))


def did_usage(api, day) -> dict | None:
    """Today's Recurring DID usage, if any."""
    body = ok_json(api.get("/Usages.json", params={"Product": RECURRING_DID, "Day": day.day,
                                                    "Month": day.month, "Year": day.year}))
    assert len(body["usages"]) <= 1, body
    return body["usages"][0] if body["usages"] else None


def test_a_year_without_usage_is_an_empty_list(avaya):
    body = ok_json(avaya.get("/Usages.json", params={"Year": "1999"}))
    assert assert_paging(body, "usages", page=0, page_size=50, total=0) == []
    (element,) = list(ok_xml(avaya.get("/Usages", params={"Year": "1999"})))
    assert element.tag == "Usages" and element.get("total") == "0" and list(element) == []
    assert ok_csv(avaya.get("/Usages.csv", params={"Year": "1999"})) == []


@pytest.mark.parametrize("params", [{"Day": "0"}, {"Day": "32"}, {"Day": "x"},
                                    {"Month": "13"}, {"Month": "0"}, {"Year": "twenty"},
                                    {"Day": "30", "Month": "2", "Year": "2024"},
                                    {"Day": "29", "Month": "2", "Year": "2023"}])
def test_a_date_filter_that_is_no_date_is_32005(avaya, params):
    rest_exception(avaya.get("/Usages.json", params=params), 400, 32005)


def test_february_29_of_a_leap_year_is_a_day(avaya):
    body = ok_json(avaya.get("/Usages.json", params={"Day": "29", "Month": "02",
                                                     "Year": "2024"}))
    assert body["total"] == 0


@pytest.mark.parametrize("product", ["10", "0", "99", "SMS"])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_product_that_is_not_a_product_code_is_10022(avaya, product, fmt):
    suffix = ".json" if fmt == "json" else ""
    rest_exception(avaya.get(f"/Usages{suffix}", params={"Product": product}), 400, 10022,
                   fmt)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_usage_is_21227(avaya, fmt):
    suffix = ".json" if fmt == "json" else ""
    rest_exception(avaya.get(f"/Usages/AU{'0' * 32}{suffix}"), 404, 21227, fmt)


@pytest.mark.orders
def test_buying_a_number_is_recurring_did_usage_of_that_day(avaya, account):
    number = buy_number(avaya)
    day = parsedate_to_datetime(number["date_created"]).date()
    usage = did_usage(avaya, day)
    assert usage is not None
    assert list(usage) == FIELDS
    assert USAGE_SID.fullmatch(usage["sid"])
    assert (usage["product"], usage["product_id"]) == ("Recurring DID", RECURRING_DID)
    assert (usage["day"], usage["month"], usage["year"]) == \
        (f"{day.day:02d}", f"{day.month:02d}", f"{day.year:04d}")
    assert usage["quantity"] >= 1 and usage["total"] >= 1
    for key in ("average_cost", "total_cost"):
        assert isinstance(usage[key], str) and Decimal(usage[key]) >= 0, key
        assert len(usage[key].split(".")[1]) == 6, usage[key]
    assert usage["uri"].endswith(f"/v2/Accounts/{account[0]}/Usages/{usage['sid']}")


@pytest.mark.orders
def test_a_second_number_adds_to_the_same_usage(avaya):
    day = parsedate_to_datetime(buy_number(avaya)["date_created"]).date()
    before = did_usage(avaya, day)
    buy_number(avaya)
    after = did_usage(avaya, day)
    assert after["sid"] == before["sid"]
    assert after["quantity"] == before["quantity"] + 1
    assert after["total"] == before["total"] + 1
    assert Decimal(after["total_cost"]) >= Decimal(before["total_cost"])
    assert Decimal(after["average_cost"]) == \
        (Decimal(after["total_cost"]) / after["quantity"]).quantize(Decimal("0.000001"))


@pytest.mark.orders
def test_view_usage_in_three_formats(avaya):
    day = parsedate_to_datetime(buy_number(avaya)["date_created"]).date()
    usage = did_usage(avaya, day)
    assert ok_json(avaya.get(f"/Usages/{usage['sid']}.json")) == usage
    assert ok_json(avaya.get(path_of(usage["uri"], avaya) + ".json")) == usage
    element = ok_xml(avaya.get(f"/Usages/{usage['sid']}"))[0]
    assert element.tag == "Usage"
    assert element.findtext("ProductId") == "8" and element.findtext("Total") == \
        str(usage["total"])
    (row,) = ok_csv(avaya.get(f"/Usages/{usage['sid']}.csv"))
    assert list(row) == FIELDS and row["sid"] == usage["sid"]


@pytest.mark.orders
def test_filters_keep_and_drop_the_usage(avaya):
    day = parsedate_to_datetime(buy_number(avaya)["date_created"]).date()
    sid = did_usage(avaya, day)["sid"]

    def listed(**params) -> bool:
        body = ok_json(avaya.get("/Usages.json", params=params))
        return sid in [usage["sid"] for usage in body["usages"]]

    assert listed()
    assert listed(Product=RECURRING_DID) and not listed(Product=3)
    assert listed(Year=day.year) and not listed(Year=day.year - 1)
    assert listed(Month=day.month, Year=day.year)
    assert listed(Day=day.day, Month=f"{day.month:02d}", Year=day.year)
    other_day = 1 if day.day != 1 else 2
    assert not listed(Day=other_day, Month=day.month, Year=day.year)


@pytest.mark.orders
def test_list_in_xml_and_csv(avaya):
    day = parsedate_to_datetime(buy_number(avaya)["date_created"]).date()
    params = {"Product": RECURRING_DID, "Day": day.day, "Month": day.month, "Year": day.year}
    (element,) = list(ok_xml(avaya.get("/Usages", params=params)))
    assert element.tag == "Usages" and element.get("total") == "1"
    (usage,) = list(element)
    assert usage.tag == "Usage" and usage.findtext("Product") == "Recurring DID"
    (row,) = ok_csv(avaya.get("/Usages.csv", params=params))
    assert list(row) == FIELDS and row["product_id"] == "8"
