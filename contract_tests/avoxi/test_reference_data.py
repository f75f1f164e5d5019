"""Countries, number types, document types, regions, products and destinations
(seed 000, PROVISIONING)."""
from __future__ import annotations

import pytest

from .helpers import assert_error

PORTABLE = ("Yes For more information please review your porting documentation. Review the "
            "KB for More details. https://support.avoxi.com/90307-porting/porting-availability"
            "?from_search=41872834")
# seed 000, "GET /products/{country}": the six US DID products of Atlanta 470
ATLANTA_470 = [
    (487, "Business Classic", 4.49, 0, 0.04),
    (488, "Business Basic", 7.99, 430, 0.035),
    (489, "Business Connect", 16.99, 1151, 0.028),
    (490, "Business Standard", 25.99, 2196, 0.024),
    (491, "Business Advanced", 43.99, 4579, 0.015),
    (492, "Business Premium", 70.99, 8977, 0.013),
]
PRODUCT_FIELDS = {"id", "name", "monthly_fee", "setup_fee", "included_minutes",
                  "overage_fixed_rate_per_minute", "overage_mobile_rate_per_minute",
                  "required_documents", "standard_capacity", "estimated_lead_time",
                  "geographic_restrictions", "mobile_accessible", "outside_country_display",
                  "portable"}


def test_countries_lists_ids_and_english_names(avoxi):
    reply = avoxi.get("/countries")
    assert reply.status_code == 200
    assert reply.headers["Content-Type"].startswith("application/json")
    countries = reply.json()
    assert {"id": "US", "english_name": "United States of America"} in countries
    assert all(set(c) == {"id", "english_name"} for c in countries)
    ids = {c["id"] for c in countries}
    assert {"US", "GB", "MX", "DE", "AU", "BR", "JP"} <= ids
    assert len(ids) == len(countries) >= 25


def test_number_types_include_itfs_as_documented(avoxi):
    types = avoxi.get("/number_types").json()
    assert {"name": "itfs", "description": (
        "International Toll Free. This type of number can be dialed internationally and the "
        "callee will pay necessary telephony charges. These numbers generally do not work as "
        "caller id")} in types
    assert all(set(t) == {"name", "description"} for t in types)


def test_document_types_include_passport_photo(avoxi):
    docs = avoxi.get("/document_types").json()
    assert {"id": "passport_photo", "name": "Passport Photo"} in docs
    assert all(set(d) == {"id", "name"} for d in docs)


def test_regions_of_us_include_atlanta_470(avoxi):
    regions = avoxi.get("/regions/US").json()
    assert {"id": "US GA Atlanta 470", "name": "Georgia, Atlanta 470"} in regions
    assert all(set(r) == {"id", "name"} for r in regions)


@pytest.mark.parametrize("path", ["/regions/XX", "/products/XX", "/inventory/XX",
                                  "/destinations/XX/DID"])
def test_unknown_country_is_400(avoxi, path):
    assert_error(avoxi.get(path), 400)


@pytest.mark.parametrize("path", ["/products/US/premium_sms", "/inventory/US/premium_sms",
                                  "/destinations/US/premium_sms",
                                  "/products/US/DID/US GA Nowhere 999"])
def test_unknown_number_type_or_region_is_400(avoxi, path):
    assert_error(avoxi.get(path), 400)


def test_products_of_atlanta_470_are_the_documented_six(avoxi):
    body = avoxi.get("/products/US/DID/US GA Atlanta 470").json()
    assert list(body) == ["US"] and list(body["US"]) == ["DID"]
    products = body["US"]["DID"]["US GA Atlanta 470"]
    assert [(p["id"], p["name"], p["monthly_fee"], p["included_minutes"],
             p["overage_fixed_rate_per_minute"]) for p in products] == ATLANTA_470
    for product in products:
        assert set(product) == PRODUCT_FIELDS
        assert product["estimated_lead_time"] == "1 Days"
        assert product["setup_fee"] == 0 and product["required_documents"] == []
        assert product["portable"] == PORTABLE
        assert product["standard_capacity"] == "Unlimited"
        assert product["overage_mobile_rate_per_minute"] == product[
            "overage_fixed_rate_per_minute"]


def test_products_are_grouped_by_country_type_and_region(avoxi):
    by_country = avoxi.get("/products/US").json()
    assert "US GA Atlanta 470" in by_country["US"]["DID"]
    assert len(by_country["US"]) >= 2          # DID and toll free at least
    by_type = avoxi.get("/products/US/DID").json()
    assert set(by_type["US"]) == {"DID"}
    assert by_type["US"]["DID"]["US GA Atlanta 470"] == by_country["US"]["DID"][
        "US GA Atlanta 470"]
    regions = {r["id"] for r in avoxi.get("/regions/US").json()}
    for kind in by_country["US"].values():
        assert set(kind) <= regions


def test_number_type_in_path_is_matched_case_insensitively(avoxi):
    assert avoxi.get("/products/US/did").json() == avoxi.get("/products/US/DID").json()


def test_destinations_list_forwarding_targets(avoxi):
    reply = avoxi.get("/destinations/US/DID")
    assert reply.status_code == 200
    data = reply.json()["data"]
    us = next(d for d in data if d["id"] == "US")
    assert us["name"] == "United States of America"
    assert us["default_destination"] == "+1" and us["best_rate_dial_prefix"].startswith("+1")
    for entry in data:
        assert set(entry) == {"id", "name", "default_destination", "best_rate_dial_prefix",
                              "requires_user_input"}
        assert isinstance(entry["requires_user_input"], bool)
    assert any(d["default_destination"].startswith("sip:") for d in data)


def test_destinations_answer_without_a_token_as_the_sample_shows(avoxi):
    reply = avoxi.get("/destinations/GB/DID", replace_headers=True)
    assert reply.status_code == 200
    assert any(d["id"] == "GB" for d in reply.json()["data"])
