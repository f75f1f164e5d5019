"""GET /numbers (seed 000, NUMBERS): number configurations and their search parameters."""
from __future__ import annotations

import pytest

from .helpers import NUMBER_FIELDS, assert_error, inventory, numbers

# the seed's own example configuration, present in every new mock tenant
EXAMPLE = "+17709379735"


@pytest.fixture
def two_owned(avoxi, is_real):
    """Two numbers of the account: bought here (in the mock) or already there (real)."""
    if not is_real:
        for item in inventory(avoxi, "/inventory/GB/DID", limit=2):
            assert avoxi.post("/order", json={"items": [
                {"number_e164": item["number_e164"]}]}).status_code == 200
    owned = numbers(avoxi)
    if len(owned) < 2:
        pytest.skip("the account has fewer than two numbers")
    return owned[-2:]


def test_configurations_have_the_documented_fields(avoxi):
    for number in numbers(avoxi):
        assert list(number) == list(NUMBER_FIELDS)
        assert all(isinstance(number[k], t) for k, t in NUMBER_FIELDS.items())
        for rule in number["rules"]:
            assert {"name", "priority", "disabled"} <= set(rule)
            assert isinstance(rule["priority"], int) and isinstance(rule["disabled"], bool)


def test_seeded_example_matches_the_documentation(avoxi, is_real):
    if is_real:
        pytest.skip("the documentation's example exists only in the mock's seed")
    example = avoxi.get("/numbers", params={"number": EXAMPLE}).json()["data"]
    assert len(example) == 1
    number = example[0]
    assert number["name"] == "Main Call Center Number"
    assert number["country_code"] == "US" and number["local_format"] == "7709379735"
    rule = number["rules"][0]
    assert rule["target_id"] == "abcd1c35-81b6-3333-2222-1ecaf4912345"
    assert rule["priority"] == 5000 and rule["disabled"] is True
    assert rule["activations"][0] == {"start": 1622851200, "stop": 1622851700,
                                      "days": ["M", "Tu", "W", "Th", "F"],
                                      "start_time": "07:30", "stop_time": "15:45",
                                      "time_zone": "America/New_York"}
    assert rule["action"]["type"] == "Dial" and rule["action"]["timeout_sec"] == 60


def test_filter_by_number_id(avoxi, two_owned):
    wanted = two_owned[0]
    found = avoxi.get("/numbers", params={"number_id": wanted["number_id"]}).json()["data"]
    assert found == [wanted]


def test_filter_by_number_accepts_a_plus_lost_in_the_query_string(avoxi, two_owned):
    wanted = two_owned[1]
    encoded = avoxi.get("/numbers", params={"number": wanted["number"]}).json()["data"]
    raw = avoxi.get(f"/numbers?number={wanted['number']}").json()["data"]   # + becomes a space
    bare = avoxi.get("/numbers", params={"number": wanted["number"][1:]}).json()["data"]
    assert encoded == raw == bare == [wanted]


def test_filter_by_numbers_list(avoxi, two_owned):
    listed = ",".join(n["number"] for n in two_owned)
    found = avoxi.get("/numbers", params={"numbers": listed}).json()["data"]
    assert {n["number_id"] for n in found} == {n["number_id"] for n in two_owned}
    repeated = avoxi.get("/numbers", params=[("numbers", n["number"]) for n in two_owned])
    assert {n["number_id"] for n in repeated.json()["data"]} == {
        n["number_id"] for n in two_owned}


def test_filter_by_name_ignores_case(avoxi, two_owned):
    wanted = two_owned[0]
    found = avoxi.get("/numbers", params={"name": wanted["name"].upper()}).json()["data"]
    assert wanted in found and all(n["name"].lower() == wanted["name"].lower() for n in found)


def test_filters_combine(avoxi, two_owned):
    first, second = two_owned
    assert avoxi.get("/numbers", params={"number_id": first["number_id"],
                                         "number": second["number"]}).json()["data"] == []


def test_no_match_is_an_empty_list(avoxi):
    assert avoxi.get("/numbers", params={"number_id": "no-such-id"}).json() == {"data": []}


@pytest.mark.parametrize("params", [{"number": "call-me"}, {"numbers": "+1,+2"}])
def test_malformed_number_is_400(avoxi, params):
    body = assert_error(avoxi.get("/numbers", params=params), 400)
    assert list(params)[0] in body["error"]["details"]


@pytest.mark.parametrize("params", [{"number": "4242"}, {"numbers": "4242"}])
def test_a_user_extension_is_a_number_to_search_for(avoxi, params):
    # seed 000: a configuration's number is "e164 example: +17709379735 or user extension
    # example: 4242"; number configurations hold E.164 numbers, so this finds none
    reply = avoxi.get("/numbers", params=params)
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"data": []}
