"""Consistency checks for the AVOXI Genius v2 seed fixtures (countries, regions, products)."""

import json
from pathlib import Path

import phonenumbers
import pytest
from phonenumbers import PhoneNumberType as T

FIXTURES = Path(__file__).parents[1] / "fixtures/avoxi"

NUMBER_TYPES = ("DID", "itfs", "national", "mobile")
DOCUMENT_TYPES = {
    "passport_photo": "Passport Photo",
    "proof_of_address": "Proof of Address",
    "business_registration": "Business Registration",
    "local_address": "Local Address",
    "company_letter_of_authorization": "Company Letter of Authorization",
}
PRODUCT_KEYS = [
    "estimated_lead_time", "geographic_restrictions", "id", "included_minutes",
    "mobile_accessible", "monthly_fee", "name", "outside_country_display",
    "overage_fixed_rate_per_minute", "overage_mobile_rate_per_minute", "portable",
    "required_documents", "setup_fee", "standard_capacity",
]
REGION_KEYS = [
    "id", "name", "country", "number_type", "ranges", "sms", "required_documents",
    "standard_capacity", "geographic_restrictions", "mobile_accessible",
    "outside_country_display", "portable",
]
# Italian geographic numbers keep their leading 0 in the national significant
# number (it is not a trunk prefix). A JSON integer cannot hold it, so ranges may be
# written as digit strings, whose length is the number's length.

PORTABLE_DOC = (
    "Yes For more information please review your porting documentation. Review the KB for "
    "More details. https://support.avoxi.com/90307-porting/porting-availability?from_search=41872834"
)
ATLANTA_470 = [
    # id, name, monthly_fee, included_minutes, overage per minute (fixed == mobile)
    (487, "Business Classic", 4.49, 0, 0.04),
    (488, "Business Basic", 7.99, 430, 0.035),
    (489, "Business Connect", 16.99, 1151, 0.028),
    (490, "Business Standard", 25.99, 2196, 0.024),
    (491, "Business Advanced", 43.99, 4579, 0.015),
    (492, "Business Premium", 70.99, 8977, 0.013),
]


def _load(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def countries():
    return _load("countries.json")


@pytest.fixture(scope="module")
def regions():
    return _load("regions.json")


@pytest.fixture(scope="module")
def products():
    return _load("products.json")


def _fits(number_type, t):
    if number_type == "DID":
        return t in (T.FIXED_LINE, T.FIXED_LINE_OR_MOBILE)
    if number_type == "itfs":
        return t == T.TOLL_FREE
    if number_type == "mobile":
        return t in (T.MOBILE, T.FIXED_LINE_OR_MOBILE)
    if number_type == "national":
        return t not in (T.TOLL_FREE, T.PREMIUM_RATE, T.MOBILE, T.UNKNOWN)
    raise AssertionError(f"unknown number type {number_type!r}")


def _phone_number(country, nsn: str):
    return phonenumbers.parse(f"+{phonenumbers.country_code_for_region(country)}{nsn}")


def test_minimum_sizes(countries, regions):
    assert len(countries) >= 30
    assert len(regions) >= 100


def test_countries_shape(countries):
    ids = [c["id"] for c in countries]
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))
    for c in countries:
        assert list(c) == ["id", "english_name"]
        assert len(c["id"]) == 2 and c["id"].isupper()
    names = {c["id"]: c["english_name"] for c in countries}
    assert names["US"] == "United States of America"
    assert names["GB"] == "United Kingdom"
    for cc in ("US CA MX BR AR CO CL GB IE DE FR ES IT NL BE CH AT SE NO DK PL PT AU NZ JP SG HK "
               "IN ZA IL").split():
        assert cc in names, cc


def test_region_countries_known(countries, regions):
    known = {c["id"] for c in countries}
    for r in regions:
        assert r["country"] in known, r["id"]
    # every country has at least one local (DID) region
    assert {r["country"] for r in regions if r["number_type"] == "DID"} == known


def test_region_ids_unique(regions):
    ids = [r["id"] for r in regions]
    assert len(ids) == len(set(ids))


def test_region_shape_and_order(regions):
    for r in regions:
        assert list(r) == REGION_KEYS, r["id"]
        assert r["number_type"] in NUMBER_TYPES, r["id"]
        assert set(r["required_documents"]) <= set(DOCUMENT_TYPES), r["id"]
        assert r["ranges"], r["id"]
    keys = [(r["country"], NUMBER_TYPES.index(r["number_type"])) for r in regions]
    assert keys == sorted(keys)
    us = [r for r in regions if r["country"] == "US"]
    assert us[0]["id"] == "US GA Atlanta 470"
    assert us[0]["name"] == "Georgia, Atlanta 470"
    assert us[0]["ranges"] == [[4702000000, 4709999999]]


def test_product_ids_unique(products):
    ids = [p["id"] for g in products for p in g["products"]]
    assert len(ids) == len(set(ids))


def test_each_region_has_a_product_group(regions, products):
    assert [g["region"] for g in products] == [r["id"] for r in regions]


def test_products_shape(regions, products):
    by_id = {r["id"]: r for r in regions}
    for g in products:
        region = by_id[g["region"]]
        assert g["products"], g["region"]
        fees = [p["monthly_fee"] for p in g["products"]]
        assert fees == sorted(fees), g["region"]
        for p in g["products"]:
            assert list(p) == PRODUCT_KEYS, (g["region"], p["id"])
            for key in ("geographic_restrictions", "mobile_accessible",
                        "outside_country_display", "standard_capacity"):
                assert p[key] == region[key], (g["region"], p["id"], key)
            assert [d["document_type_id"] for d in p["required_documents"]] == \
                region["required_documents"]
            for d in p["required_documents"]:
                assert d["name"] == DOCUMENT_TYPES[d["document_type_id"]]
                assert d["more_information"]


def test_atlanta_470_products_match_documentation(products):
    group = next(g for g in products if g["region"] == "US GA Atlanta 470")
    items = group["products"]
    assert [p["id"] for p in items] == [487, 488, 489, 490, 491, 492]
    assert [p["name"] for p in items] == [
        "Business Classic", "Business Basic", "Business Connect",
        "Business Standard", "Business Advanced", "Business Premium",
    ]
    assert [p["monthly_fee"] for p in items] == [4.49, 7.99, 16.99, 25.99, 43.99, 70.99]
    assert [p["included_minutes"] for p in items] == [0, 430, 1151, 2196, 4579, 8977]
    for p, (pid, name, fee, minutes, overage) in zip(items, ATLANTA_470):
        assert p == {
            "estimated_lead_time": "1 Days",
            "geographic_restrictions": "",
            "id": pid,
            "included_minutes": minutes,
            "mobile_accessible": "Yes",
            "monthly_fee": fee,
            "name": name,
            "outside_country_display": "Yes, In Most Cases",
            "overage_fixed_rate_per_minute": overage,
            "overage_mobile_rate_per_minute": overage,
            "portable": PORTABLE_DOC,
            "required_documents": [],
            "setup_fee": 0,
            "standard_capacity": "Unlimited",
        }


def _range_cases():
    return [
        pytest.param(r["country"], r["number_type"], lo, hi, id=f"{r['id']}[{lo}-{hi}]")
        for r in _load("regions.json")
        for lo, hi in r["ranges"]
    ]


@pytest.mark.parametrize("country,number_type,first,last", _range_cases())
def test_range_numbers_valid(country, number_type, first, last):
    width = len(str(last))
    assert isinstance(first, (int, str)) and len(str(first)) == width
    first, last = int(first), int(last)
    assert first <= last
    assert last - first + 1 >= 100_000
    samples = 200
    for i in range(samples):
        nsn = f"{first + (last - first) * i // (samples - 1):0{width}d}"
        number = _phone_number(country, nsn)
        assert phonenumbers.is_valid_number(number), (country, nsn)
        assert phonenumbers.is_valid_number_for_region(number, country), (country, nsn)
        t = phonenumbers.number_type(number)
        assert _fits(number_type, t), (country, number_type, nsn, t)
