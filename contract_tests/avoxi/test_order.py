"""POST /order (seed 000, "Add phone number to account"): user-selected and AVOXI-selected
numbers, product defaults, and every way an order is refused without ordering anything."""
from __future__ import annotations

import json

import pytest

from .helpers import NUMBER_FIELDS, assert_error, inventory, numbers

pytestmark = pytest.mark.orders
ATLANTA = {"country": "US", "number_type": "DID", "region": "US GA Atlanta 470"}


def test_ordering_a_listed_number_moves_it_to_the_account(avoxi):
    wanted = inventory(avoxi, "/inventory/US/DID", limit=3)[1]
    reply = avoxi.post("/order", json={"contact_name": "Ada", "reference_number": "PO-1",
                                       "items": [{"number_e164": wanted["number_e164"]}]})
    assert reply.status_code == 200, reply.text
    data = reply.json()["data"]
    assert set(data) == {"reference_id"} and isinstance(data["reference_id"], str)
    assert data["reference_id"]
    owned = [n for n in numbers(avoxi) if n["number"] == wanted["number_e164"]]
    assert len(owned) == 1
    number = owned[0]
    assert set(number) == set(NUMBER_FIELDS)
    assert all(isinstance(number[k], t) for k, t in NUMBER_FIELDS.items())
    assert number["country_code"] == "US"
    assert number["local_format"] == wanted["number_local_format"]
    remaining = inventory(avoxi, "/inventory/US/DID", limit=200)
    assert wanted["number_e164"] not in [i["number_e164"] for i in remaining]


def test_each_order_has_its_own_reference(avoxi):
    first, second = inventory(avoxi, "/inventory/US/DID", limit=2)
    refs = {avoxi.post("/order", json={"items": [{"number_e164": n["number_e164"]}]}).json()[
        "data"]["reference_id"] for n in (first, second)}
    assert len(refs) == 2


def test_avoxi_selects_numbers_for_a_geography_and_quantity(avoxi):
    before = {n["number"] for n in numbers(avoxi)}
    offered = [i for i in inventory(avoxi, "/inventory/US/DID", limit=500)
               if i["region"] == ATLANTA["region"]][:3]
    reply = avoxi.post("/order", json={"items": [{**ATLANTA, "quantity": 3}]})
    assert reply.status_code == 200, reply.text
    added = {n["number"] for n in numbers(avoxi)} - before
    assert added == {i["number_e164"] for i in offered}


def test_product_alone_names_the_geography(avoxi):
    before = len(numbers(avoxi))
    reply = avoxi.post("/order", json={"items": [{"product_id": "489", "quantity": 2}]})
    assert reply.status_code == 200, reply.text
    assert len(numbers(avoxi)) == before + 2


def test_number_with_its_own_product_and_geography(avoxi):
    wanted = next(i for i in inventory(avoxi, "/inventory/US/DID", limit=500)
                  if i["region"] == ATLANTA["region"])
    reply = avoxi.post("/order", json={"items": [
        {**ATLANTA, "number_e164": wanted["number_e164"], "product_id": 490, "quantity": 1}]})
    assert reply.status_code == 200, reply.text


def _unchanged(avoxi, before_numbers, before_inventory):
    assert numbers(avoxi) == before_numbers
    assert inventory(avoxi, "/inventory/US", limit=50) == before_inventory


@pytest.fixture
def snapshot(avoxi):
    return numbers(avoxi), inventory(avoxi, "/inventory/US", limit=50)


def test_toll_free_product_with_a_local_number_is_a_conflict(avoxi, snapshot):
    local = inventory(avoxi, "/inventory/US/DID", limit=1)[0]["number_e164"]
    toll_free = avoxi.get("/products/US/itfs").json()["US"]["itfs"]
    product_id = next(iter(toll_free.values()))[0]["id"]
    body = assert_error(avoxi.post("/order", json={"items": [
        {"number_e164": local, "product_id": product_id}]}), 400)
    assert "product_id" in body["error"]["details"]
    assert "number_e164" in body["error"]["details"]
    _unchanged(avoxi, *snapshot)


@pytest.mark.parametrize("item, field", [
    ({"product_id": "99999999"}, "product_id"),
    ({"product_id": "abc"}, "product_id"),
    ({"number_e164": "+19999999999"}, "number_e164"),
    ({"number_e164": "not a number"}, "number_e164"),
    ({**ATLANTA, "quantity": 0}, "quantity"),
    ({**ATLANTA, "quantity": "two"}, "quantity"),
    ({"country": "US", "number_type": "DID"}, "region"),
    ({"country": "XX", "number_type": "DID", "region": "US GA Atlanta 470"}, "country"),
    ({"country": "US", "number_type": "fax", "region": "US GA Atlanta 470"}, "number_type"),
    ({"country": "US", "number_type": "DID", "region": "US Nowhere 000"}, "region"),
    ({"product_id": 487, "country": "GB"}, "country"),
    ({"product_id": 487, "region": "US NY New York 212"}, "region"),
])
def test_invalid_item_is_400_and_orders_nothing(avoxi, snapshot, item, field):
    body = assert_error(avoxi.post("/order", json={"items": [item]}), 400)
    assert field in body["error"]["details"], body
    _unchanged(avoxi, *snapshot)


def test_quantity_other_than_one_with_a_number_is_a_conflict(avoxi, snapshot):
    number = inventory(avoxi, "/inventory/US", limit=1)[0]["number_e164"]
    body = assert_error(avoxi.post("/order", json={"items": [
        {"number_e164": number, "quantity": 2}]}), 400)
    assert "quantity" in body["error"]["details"]
    _unchanged(avoxi, *snapshot)


def test_one_bad_item_refuses_the_whole_order(avoxi, snapshot):
    good = inventory(avoxi, "/inventory/US", limit=1)[0]["number_e164"]
    assert_error(avoxi.post("/order", json={"items": [
        {"number_e164": good}, {"product_id": "99999999"}]}), 400)
    _unchanged(avoxi, *snapshot)


def test_the_same_number_twice_is_refused(avoxi, snapshot):
    good = inventory(avoxi, "/inventory/US", limit=1)[0]["number_e164"]
    assert_error(avoxi.post("/order", json={"items": [
        {"number_e164": good}, {"number_e164": good}]}), 400)
    _unchanged(avoxi, *snapshot)


def test_an_ordered_number_cannot_be_ordered_again(avoxi):
    good = inventory(avoxi, "/inventory/US", limit=1)[0]["number_e164"]
    assert avoxi.post("/order", json={"items": [{"number_e164": good}]}).status_code == 200
    before = numbers(avoxi)
    body = assert_error(avoxi.post("/order", json={"items": [{"number_e164": good}]}), 400)
    assert "number_e164" in body["error"]["details"]
    assert numbers(avoxi) == before


@pytest.mark.parametrize("body", [{}, {"items": []}, {"items": "all"}, [], {"items": [7]}])
def test_missing_or_malformed_items_are_400(avoxi, snapshot, body):
    body = assert_error(avoxi.post("/order", json=body), 400)
    _unchanged(avoxi, *snapshot)


def test_malformed_json_is_400(avoxi, snapshot):
    assert_error(avoxi.post("/order", data='{"items": [', headers={
        "Content-Type": "application/json"}), 400)
    _unchanged(avoxi, *snapshot)


def test_empty_body_is_400(avoxi, snapshot):
    assert_error(avoxi.post("/order", data="", headers={"Content-Type": "application/json"}),
                 400)
    _unchanged(avoxi, *snapshot)


def test_body_that_is_not_json_is_415(avoxi, snapshot):
    assert_error(avoxi.post("/order", data="items=1", headers={
        "Content-Type": "application/x-www-form-urlencoded"}), 415)
    _unchanged(avoxi, *snapshot)


def test_oversized_body_is_413(avoxi, snapshot):
    huge = json.dumps({"contact_name": "x" * (2 * 1024 * 1024), "items": [ATLANTA]})
    assert_error(avoxi.post("/order", data=huge, headers={"Content-Type": "application/json"}),
                 413)
    _unchanged(avoxi, *snapshot)


def test_json_with_a_charset_is_accepted(avoxi):
    reply = avoxi.post("/order", data=json.dumps({"items": [{**ATLANTA, "quantity": 1}]}),
                       headers={"Content-Type": "application/json; charset=utf-8"})
    assert reply.status_code == 200, reply.text
