"""GET /inventory/{country}[/{number_type}] (seed 000, "Current available inventory")."""
from __future__ import annotations

import phonenumbers
import pytest

from .helpers import assert_error, assert_inventory_item, inventory


def test_page_items_have_every_documented_field(avoxi):
    items = inventory(avoxi, limit=20)
    assert len(items) == 20
    for item in items:
        assert_inventory_item(item)
        assert item["country"] == "US"
        parsed = phonenumbers.parse(item["number_e164"])
        assert phonenumbers.is_valid_number(parsed)
        assert phonenumbers.region_code_for_number(parsed) == "US"
        assert item["number_e164"].endswith(item["number_local_format"])


def test_pages_follow_each_other_without_overlap_or_gap(avoxi):
    whole = inventory(avoxi, limit=30, offset=0)
    first = inventory(avoxi, limit=10, offset=0)
    second = inventory(avoxi, limit=20, offset=10)
    assert first + second == whole
    assert len({i["number_e164"] for i in whole}) == 30


def test_order_is_stable_between_calls(avoxi):
    assert inventory(avoxi, limit=25, offset=5) == inventory(avoxi, limit=25, offset=5)


@pytest.mark.parametrize("kind", ["DID", "itfs"])
def test_number_type_path_narrows_the_type(avoxi, kind):
    items = inventory(avoxi, f"/inventory/US/{kind}", limit=50)
    assert items and {i["number_type"] for i in items} == {kind}


def test_contains_filters_on_digits(avoxi):
    sample = inventory(avoxi, limit=5, offset=3)[2]["number_e164"]
    digits = sample[-7:]
    found = inventory(avoxi, contains=digits, limit=50)
    assert sample in [i["number_e164"] for i in found]
    assert all(digits in i["number_e164"] or digits in i["number_local_format"] for i in found)


@pytest.mark.parametrize("written", ["{a}-{b}", "({a}) {b}", "{a}.{b}", " {a} {b} "])
def test_contains_ignores_what_people_write_between_digits(avoxi, written):
    # seed 000: contains is SOME_STRING_VALUE, a string with no stated format
    sample = inventory(avoxi, "/inventory/US/DID", limit=1)[0]["number_local_format"]
    digits = inventory(avoxi, "/inventory/US/DID", contains=sample[:6], limit=20)
    area, rest = sample[:3], sample[3:6]
    assert inventory(avoxi, "/inventory/US/DID", contains=written.format(a=area, b=rest),
                     limit=20) == digits


def test_sms_enabled_keeps_sms_numbers(avoxi):
    items = inventory(avoxi, "/inventory/GB", sms_enabled="true", limit=100)
    assert all(i["capabilities"]["sms"] for i in items)


def test_exclude_all_documents_required_drops_numbers_needing_documents(avoxi):
    everything = inventory(avoxi, "/inventory/DE", limit=20)
    assert any(i["required_documents"] for i in everything)
    items = inventory(avoxi, "/inventory/DE", exclude_all_documents_required="true", limit=100)
    assert all(not i["required_documents"] for i in items)


def test_exclude_documents_drops_numbers_needing_any_listed(avoxi):
    items = inventory(avoxi, "/inventory/GB", exclude_documents="proof_of_address", limit=200)
    assert all("proof_of_address" not in [d["document_type_id"] for d in i["required_documents"]]
               for i in items)
    repeated = avoxi.get("/inventory/GB?exclude_documents=proof_of_address"
                         "&exclude_documents=passport_photo&limit=200")
    assert repeated.status_code == 200
    for item in repeated.json():
        ids = {d["document_type_id"] for d in item["required_documents"]}
        assert not ids & {"proof_of_address", "passport_photo"}


def test_offset_past_the_end_is_an_empty_page(avoxi):
    assert inventory(avoxi, "/inventory/US/DID", offset=900_000_000, limit=5) == []


@pytest.mark.parametrize("params", [
    {"limit": "abc"}, {"limit": "0"}, {"limit": "-1"}, {"limit": "100000"},
    {"offset": "-5"}, {"offset": "x"}, {"sms_enabled": "maybe"},
    {"exclude_all_documents_required": "2"}, {"exclude_documents": "tax_return"},
    {"contains": "47O"},
])
def test_invalid_query_is_400_naming_the_parameter(avoxi, params):
    body = assert_error(avoxi.get("/inventory/US", params=params), 400)
    assert list(params)[0] in body["error"]["details"]


def test_unknown_region_filter_is_400(avoxi):
    assert_error(avoxi.get("/inventory/US", params={"region": "US Nowhere 000"}), 400)
