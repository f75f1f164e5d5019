"""Every example request of seed 000_7fc162f5edaff4d5.txt (AVOXI Genius v2), PROVISIONING
part, replayed as its curl sample writes it: method, path, query and body (readable copy:
../shared/seeds/readable/avoxi-genius-v2.txt). The NUMBERS, EXTENSIONS and ENTITLEMENTS
samples are in test_seed_examples_config.py.

Placeholders are filled from the seed's own example values, each confirmed first by another
documented request: ``{country}`` US (GET /countries), ``{number_type}`` DID (GET
/number_types), ``{region}`` "US GA Atlanta 470" (GET /regions/US), ``SOME_ARRAY_VALUE`` a
document type id (GET /document_types), the order's "string" fields a number, its
geography and a product taken from GET /inventory and GET /products. A sample sent with its
placeholders unfilled, and the order's "Request" block, which is not valid JSON, get the
documented 400 (docs/providers/avoxi.md, "Seed examples").
"""
from __future__ import annotations

import json

import pytest

from .helpers import (JSON, NUMBER_FIELDS, assert_error, assert_inventory_item, json_of,
                      numbers)

COUNTRY, NUMBER_TYPE, REGION = "US", "DID", "US GA Atlanta 470"
#: the inventory samples' query (raw seed lines 388 and 565), verbatim
INVENTORY_QUERY = ("limit=SOME_INTEGER_VALUE&offset=SOME_INTEGER_VALUE&contains=SOME_STRING_VALUE"
                   "&sms_enabled=SOME_BOOLEAN_VALUE&exclude_all_documents_required="
                   "SOME_BOOLEAN_VALUE&exclude_documents=SOME_ARRAY_VALUE")
#: the order sample's --data (raw seed line 862), verbatim
ORDER_DATA = ('{"contact_name":"string","reference_number":"string","items":[{"number_e164":'
              '"string","country":"string","number_type":"string","region":"string",'
              '"product_id":"string","quantity":1}]}')
#: the order's "Request" example block (raw seed lines 1007 to 1019): its closing brace is missing
ORDER_BLOCK = ('{\n"contact_name": "string",\n"reference_number": "string",\n"items": [\n{\n'
               '"number_e164": "string",\n"country": "string",\n"number_type": "string",\n'
               '"region": "string",\n"product_id": "string",\n"quantity": 1\n}\n]\n')
PRODUCT_FIELDS = {"id": int, "name": str, "monthly_fee": (int, float), "setup_fee": (int, float),
                  "included_minutes": int, "overage_fixed_rate_per_minute": (int, float),
                  "overage_mobile_rate_per_minute": (int, float), "required_documents": list,
                  "standard_capacity": str, "estimated_lead_time": str,
                  "geographic_restrictions": str, "mobile_accessible": str,
                  "outside_country_display": str, "portable": str}


def assert_records(rows, **kinds) -> None:
    """A non-empty list of objects with exactly these keys, of these types."""
    assert isinstance(rows, list) and rows
    for row in rows:
        assert set(row) == set(kinds), row
        assert all(isinstance(row[k], t) for k, t in kinds.items()), row


def test_countries(avoxi):
    countries = json_of(avoxi.get("/countries"))
    assert_records(countries, id=str, english_name=str)
    assert COUNTRY in {c["id"] for c in countries}


def test_destinations_without_a_token(avoxi):
    body = json_of(avoxi.get(f"/destinations/{COUNTRY}/{NUMBER_TYPE}", replace_headers=True))
    assert set(body) == {"data"}
    assert_records(body["data"], id=str, name=str, default_destination=str,
                   best_rate_dial_prefix=str, requires_user_input=bool)


def test_document_types(avoxi):
    assert_records(json_of(avoxi.get("/document_types")), id=str, name=str)


@pytest.mark.parametrize("path", [f"/inventory/{COUNTRY}", f"/inventory/{COUNTRY}/{NUMBER_TYPE}"])
def test_inventory_with_every_sample_parameter_filled(avoxi, path):
    document = json_of(avoxi.get("/document_types"))[0]["id"]
    query = (INVENTORY_QUERY.replace("SOME_INTEGER_VALUE", "2", 1)
             .replace("SOME_INTEGER_VALUE", "0").replace("SOME_STRING_VALUE", "470")
             .replace("SOME_BOOLEAN_VALUE", "true", 1).replace("SOME_BOOLEAN_VALUE", "false")
             .replace("SOME_ARRAY_VALUE", document))
    items = json_of(avoxi.get(f"{path}?{query}"))
    assert 1 <= len(items) <= 2
    for item in items:
        assert_inventory_item(item)
        assert "470" in item["number_e164"] and item["capabilities"]["sms"]
        assert document not in {d["document_type_id"] for d in item["required_documents"]}


@pytest.mark.parametrize("path", [f"/inventory/{COUNTRY}", f"/inventory/{COUNTRY}/{NUMBER_TYPE}"])
def test_inventory_with_the_placeholders_unfilled_is_400(avoxi, path):
    body = assert_error(avoxi.get(f"{path}?{INVENTORY_QUERY}"), 400)
    assert "limit" in body["error"]["details"]


def test_number_types(avoxi):
    types = json_of(avoxi.get("/number_types"))
    assert_records(types, name=str, description=str)
    assert NUMBER_TYPE in {t["name"] for t in types}


@pytest.mark.parametrize("path", [f"/products/{COUNTRY}", f"/products/{COUNTRY}/{NUMBER_TYPE}",
                                  f"/products/{COUNTRY}/{NUMBER_TYPE}/{REGION}"])
def test_products(avoxi, path):
    body = json_of(avoxi.get(path))
    assert list(body) == [COUNTRY]
    assert NUMBER_TYPE in body[COUNTRY]
    if path.count("/") > 2:
        assert list(body[COUNTRY]) == [NUMBER_TYPE]
    if path.endswith(REGION):
        assert list(body[COUNTRY][NUMBER_TYPE]) == [REGION]
    for regions in body[COUNTRY].values():
        for products in regions.values():
            assert_records(products, **PRODUCT_FIELDS)


def test_regions(avoxi):
    regions = json_of(avoxi.get(f"/regions/{COUNTRY}"))
    assert_records(regions, id=str, name=str)
    assert REGION in {r["id"] for r in regions}


@pytest.mark.orders
def test_order_with_the_sample_body_filled(avoxi):
    item = next(i for i in json_of(avoxi.get(f"/inventory/{COUNTRY}/{NUMBER_TYPE}?limit=500"))
                if i["region"] == REGION)
    product = json_of(avoxi.get(f"/products/{COUNTRY}/{NUMBER_TYPE}/{REGION}"))[
        COUNTRY][NUMBER_TYPE][REGION][0]["id"]
    data = json.loads(ORDER_DATA)
    data["items"][0].update(number_e164=item["number_e164"], country=item["country"],
                            number_type=item["number_type"], region=item["region"],
                            product_id=str(product))
    reply = avoxi.post("/order", data=json.dumps(data, separators=(",", ":")), headers=JSON)
    body = json_of(reply)
    assert set(body) == {"data"} and set(body["data"]) == {"reference_id"}
    assert isinstance(body["data"]["reference_id"], str) and body["data"]["reference_id"]
    owned = [n for n in numbers(avoxi) if n["number"] == item["number_e164"]]
    assert len(owned) == 1 and set(owned[0]) == set(NUMBER_FIELDS)


@pytest.mark.orders
@pytest.mark.parametrize("raw", [ORDER_DATA, ORDER_BLOCK], ids=["curl-data", "request-block"])
def test_order_as_written_is_400_and_orders_nothing(avoxi, raw):
    before = numbers(avoxi)
    assert_error(avoxi.post("/order", data=raw, headers=JSON), 400)
    assert numbers(avoxi) == before
