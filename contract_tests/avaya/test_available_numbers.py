"""List Available Numbers and List Available Countries (seed 004): every documented field,
the filters, paging at the edges, the three formats and the errors."""
from __future__ import annotations

import phonenumbers
import pytest

from .helpers import assert_paging, ok_csv, ok_json, ok_xml, path_of, rest_exception
from .numbering import AVAILABLE_FIELDS, available, buy, first_available, national

KEYPAD = {"2": "A", "3": "D", "4": "G", "5": "J", "6": "M", "7": "P", "8": "T", "9": "W"}
LIST = "available_phone_numbers"


def parsed(item: dict):
    return phonenumbers.parse(item["phone_number"])


@pytest.mark.parametrize("country,calling_code", [("US", "+1"), ("CA", "+1"), ("GB", "+44")])
def test_local_numbers_carry_every_documented_field(avaya, country, calling_code):
    items = available(avaya, country, "Local", PageSize=20)[LIST]
    assert len(items) == 20
    for item in items:
        assert set(AVAILABLE_FIELDS) <= set(item), item
        assert all(isinstance(item[key], str) for key in AVAILABLE_FIELDS), item
        number = parsed(item)
        assert phonenumbers.is_valid_number_for_region(number, country), item
        assert phonenumbers.number_type(number) in (
            phonenumbers.PhoneNumberType.FIXED_LINE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE), item
        assert item["friendly_name"] == national(item["phone_number"])
        assert item["country_code"] == calling_code and item["iso_country"] == country
        assert item["type"] == "local"
        national_digits = item["phone_number"][len(calling_code):]
        assert national_digits.startswith(item["npa"] + item["exchange"])
        assert len(item["exchange"]) == 3
        assert item["city"] and item["region"] and item["postal_code"]
        assert -90 <= float(item["latitude"]) <= 90 and -180 <= float(item["longitude"]) <= 180
        for key in ("voice_enabled", "sms_enabled", "supports_forwarded_from"):
            assert item[key] in ("true", "false")
        float(item["setup_cost"]), float(item["monthly_cost"])


@pytest.mark.parametrize("country", ["US", "CA", "GB"])
def test_tollfree_numbers_are_toll_free(avaya, country):
    items = available(avaya, country, "Tollfree", PageSize=10)[LIST]
    assert items
    for item in items:
        number = parsed(item)
        assert phonenumbers.is_valid_number(number)
        assert phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.TOLL_FREE
        assert item["type"] == "tollfree" and item["iso_country"] == country


def test_number_type_and_country_are_case_insensitive(avaya):
    lower = available(avaya, "us", "local", PageSize=5)
    upper = available(avaya, "US", "Local", PageSize=5)
    assert lower[LIST] == upper[LIST] and lower["total"] == upper["total"]
    assert available(avaya, "US", "TollFree", PageSize=5)[LIST]


def test_the_sdk_query_parameters_country_and_type_are_accepted(avaya):
    # zang-python also sends the path's Country and Type in the query string
    page = available(avaya, "US", "Local", Country="US", Type="Local", PageSize=3)
    assert len(page[LIST]) == 3


def test_area_code_filter(avaya):
    items = available(avaya, "US", "Local", AreaCode="415")[LIST]
    assert items and all(i["npa"] == "415" and i["phone_number"].startswith("+1415")
                         for i in items)
    assert available(avaya, "CA", "Local", AreaCode="416")[LIST]


def test_in_region_filter(avaya):
    items = available(avaya, "US", "Local", InRegion="IL", PageSize=50)[LIST]
    assert items and all(i["region"] == "IL" for i in items)
    assert available(avaya, "US", "Local", InRegion="il", PageSize=50)[LIST] == items
    assert all(i["region"] == "SCT" for i in available(avaya, "GB", "Local",
                                                         InRegion="SCT")[LIST])


def test_in_postal_code_filter(avaya):
    postal = first_available(avaya, "US", "Local", AreaCode="312")["postal_code"]
    items = available(avaya, "US", "Local", InPostalCode=postal)[LIST]
    assert items and all(i["postal_code"] == postal for i in items)
    london = first_available(avaya, "GB", "Local", InRegion="ENG")["postal_code"]
    outward = london.split()[0].lower()
    found = available(avaya, "GB", "Local", InPostalCode=outward)[LIST]
    assert found and all(i["postal_code"].lower().startswith(outward) for i in found)


def test_contains_digits_and_keypad_letters(avaya):
    numbers = [i["phone_number"] for i in available(avaya, "US", "Local", AreaCode="646")[LIST]]
    number = next(n for n in numbers if all(d in KEYPAD for d in n[-4:]))
    tail = number[-4:]
    digits = available(avaya, "US", "Local", Contains=tail)
    assert number in [i["phone_number"] for i in digits[LIST]]
    assert all(tail in i["phone_number"] for i in digits[LIST])
    letters = available(avaya, "US", "Local", Contains="".join(KEYPAD[d] for d in tail).lower())
    assert letters[LIST] == digits[LIST] and letters["total"] == digits["total"]


def test_contains_wildcard(avaya):
    number = first_available(avaya, "US", "Local", AreaCode="212")["phone_number"]
    pattern = number[2:8] + "*" + number[9:]
    found = available(avaya, "US", "Local", Contains=pattern)[LIST]
    assert number in [i["phone_number"] for i in found]


def test_contains_matches_the_national_trunk_prefix(avaya):
    items = available(avaya, "GB", "Tollfree", Contains="0800", PageSize=10)[LIST]
    assert items and all(i["phone_number"].startswith("+44800") for i in items)


def test_filters_combine(avaya):
    items = available(avaya, "US", "Local", AreaCode="212", InRegion="NY")[LIST]
    assert items and all(i["npa"] == "212" and i["region"] == "NY" for i in items)
    assert available(avaya, "US", "Local", AreaCode="212", InRegion="CA")["total"] == 0


def test_paging_first_middle_last_and_beyond(avaya):
    total = available(avaya, "US", "Local", AreaCode="415")["total"]
    assert total > 2
    size = next((d for d in range(min(50, total - 1), 1, -1) if total % d == 0), None)
    if size:                    # an exact multiple of the page size
        last = total // size - 1
        page = available(avaya, "US", "Local", AreaCode="415", PageSize=size, Page=last)
        assert_paging(page, LIST, page=last, page_size=size, total=total)
    size = 3 if total % 3 else 7
    last = -(-total // size) - 1
    for index in (0, 1, last, last + 1, last + 5):
        page = available(avaya, "US", "Local", AreaCode="415", PageSize=size, Page=index)
        assert_paging(page, LIST, page=index, page_size=size, total=total)


def test_pages_do_not_overlap_and_links_work(avaya):
    first = available(avaya, "US", "Local", AreaCode="212", PageSize=4)
    second = ok_json(avaya.get(path_of(first["next_page_uri"], avaya)))
    assert second["page"] == 1 and second["page_size"] == 4
    assert all(i["npa"] == "212" for i in second[LIST])
    numbers = [i["phone_number"] for i in first[LIST] + second[LIST]]
    assert len(set(numbers)) == 8


def test_empty_list(avaya):
    page = available(avaya, "US", "Local", Contains="99999999999999")
    assert_paging(page, LIST, page=0, page_size=50, total=0)


def test_page_size_above_fifty_is_served_as_fifty(avaya):
    page = available(avaya, "US", "Local", PageSize=500)
    assert page["page_size"] == 50 and len(page[LIST]) == 50


def test_xml(avaya):
    root = ok_xml(avaya.get("/AvailablePhoneNumbers/US/Local", params={"PageSize": 2}))
    listing = root.find("AvailablePhoneNumbers")
    assert listing is not None and listing.get("pagesize") == "2"
    items = listing.findall("AvailablePhoneNumber")
    assert len(items) == 2
    assert items[0].findtext("PhoneNumber").startswith("+1")
    assert items[0].findtext("IsoCountry") == "US" and items[0].findtext("Type") == "local"


def test_csv(avaya):
    rows = ok_csv(avaya.get("/AvailablePhoneNumbers/GB/Local.csv", params={"PageSize": 3}))
    assert len(rows) == 3
    assert set(AVAILABLE_FIELDS) <= set(rows[0])
    assert all(r["iso_country"] == "GB" and r["phone_number"].startswith("+44") for r in rows)


@pytest.mark.orders
def test_a_held_number_is_not_offered_until_deleted(avaya):
    number = first_available(avaya, "US", "Local", AreaCode="312")["phone_number"]
    bought = buy(avaya, PhoneNumber=number)
    assert available(avaya, "US", "Local", Contains=number[1:])["total"] == 0
    assert ok_json(avaya.delete(f"/IncomingPhoneNumbers/{bought['sid']}.json"))
    assert [i["phone_number"] for i in available(avaya, "US", "Local",
                                                 Contains=number[1:])[LIST]] == [number]


@pytest.mark.parametrize("path,status,code", [
    ("/AvailablePhoneNumbers/ZZ/Local.json", 404, 21501),
    ("/AvailablePhoneNumbers/US/Mobile.json", 404, 21501),
    ("/AvailablePhoneNumbers/GB/Local.json?AreaCode=20", 400, 21457),
    ("/AvailablePhoneNumbers/US/Local.json?AreaCode=12", 400, 21451),
    ("/AvailablePhoneNumbers/US/Local.json?AreaCode=021", 400, 21451),
    ("/AvailablePhoneNumbers/US/Local.json?Contains=12%2334", 400, 10022),
    ("/AvailablePhoneNumbers/US/Local.json?Page=-1", 400, 10022),
])
def test_errors(avaya, path, status, code):
    rest_exception(avaya.get(path), status, code)


def test_errors_in_xml(avaya):
    rest_exception(avaya.get("/AvailablePhoneNumbers/ZZ/Local"), 404, 21501, fmt="xml")


# -- Numbers/AllowedCountries -------------------------------------------------------------

COUNTRIES = "allowed_countries"
COUNTRY_FIELDS = ("country", "iso_country", "country_code", "type", "setup_cost",
                  "monthly_cost", "voice_enabled", "sms_enabled", "mms_enabled", "uri")


def allowed(avaya, kind: str = "Local", **params) -> dict:
    return ok_json(avaya.get(f"/Numbers/AllowedCountries/{kind}.json", params=params))


def isos(page: dict) -> list[str]:
    return [row["iso_country"] for row in page[COUNTRIES]]


def test_allowed_countries_local(avaya):
    page = allowed(avaya)
    assert_paging(page, COUNTRIES, page=0, page_size=50, total=len(page[COUNTRIES]))
    assert {"US", "CA", "GB"} <= set(isos(page))
    for row in page[COUNTRIES]:
        assert set(COUNTRY_FIELDS) <= set(row)
        assert row["type"] == "local"
        code = phonenumbers.country_code_for_region(row["iso_country"])
        assert row["country_code"] == f"+{code}"


def test_allowed_country_uri_lists_its_available_numbers(avaya):
    row = allowed(avaya, "Tollfree", Country="GB")[COUNTRIES][0]
    assert row["type"] == "tollfree"
    page = ok_json(avaya.get(path_of(row["uri"], avaya) + ".json"))
    assert page["available_phone_numbers"][0]["iso_country"] == "GB"


def test_allowed_countries_country_filter(avaya):
    assert isos(allowed(avaya, Country="GB")) == ["GB"]
    assert isos(allowed(avaya, Country="gb")) == ["GB"]
    assert set(isos(allowed(avaya, Country="LEGACY_COUNTRY"))) == set(isos(allowed(avaya)))
    empty = allowed(avaya, Country="AQ")
    assert_paging(empty, COUNTRIES, page=0, page_size=50, total=0)


def test_allowed_countries_service_type_filter(avaya):
    every = set(isos(allowed(avaya)))
    cpaas = set(isos(allowed(avaya, ServiceType="cpaas")))
    assert cpaas and cpaas <= every
    assert set(isos(allowed(avaya, ServiceType="LEGACY_SERVICE"))) == cpaas
    assert set(isos(allowed(avaya, ServiceType="siptrunk"))) <= every


def test_allowed_countries_paging(avaya):
    total = allowed(avaya)["total"]
    assert total >= 3
    for index in (0, 1, total - 1, total):
        page = allowed(avaya, PageSize=1, Page=index)
        assert_paging(page, COUNTRIES, page=index, page_size=1, total=total)


def test_allowed_countries_xml_and_csv(avaya):
    root = ok_xml(avaya.get("/Numbers/AllowedCountries/Local"))
    rows = root.find("AllowedCountries").findall("AllowedCountry")
    assert "US" in [r.findtext("IsoCountry") for r in rows]
    table = ok_csv(avaya.get("/Numbers/AllowedCountries/Tollfree.csv"))
    assert set(COUNTRY_FIELDS) <= set(table[0]) and {r["type"] for r in table} == {"tollfree"}


@pytest.mark.parametrize("path,status,code", [
    ("/Numbers/AllowedCountries/Mobile.json", 404, 21501),
    ("/Numbers/AllowedCountries/Local.json?ServiceType=fax", 400, 10022),
    ("/Numbers/AllowedCountries/Local.json?Country=USA", 400, 10022),
])
def test_allowed_countries_errors(avaya, path, status, code):
    rest_exception(avaya.get(path), status, code)
