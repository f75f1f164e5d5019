"""Search Numbers (seed 002): by location, coordinates, matching prefix, number type and
SZU; the Search Element; Multiple Addresses; 400 naming the parameters."""
from __future__ import annotations

import phonenumbers
import pytest

from .helpers import assert_error_detail, assert_search_element, assert_transaction, ok

SEED_ADDRESS = "Level 2 150-152 Elizabeth St, 2000 NSW, Australia"


def search(avanser, **params) -> dict:
    response = ok(avanser.get("/numbers", params=params))
    assert_search_element(response)
    return response


def test_numbers_are_valid_australian_numbers_of_their_type(avanser):
    kinds = {"GEO": {phonenumbers.PhoneNumberType.FIXED_LINE},
             "MOBILE": {phonenumbers.PhoneNumberType.MOBILE},
             "FREECALL": {phonenumbers.PhoneNumberType.TOLL_FREE},
             "TOLLFREE": {phonenumbers.PhoneNumberType.SHARED_COST}}
    for kind, expected in kinds.items():
        found = search(avanser, country="AU", number_type=kind)
        assert found, kind
        for number, element in found.items():
            parsed = phonenumbers.parse(f"+{number}")
            assert phonenumbers.is_valid_number(parsed), number
            assert phonenumbers.region_code_for_number(parsed) == "AU"
            assert phonenumbers.number_type(parsed) in expected, number
            assert element["type"] == kind


def test_number_type_is_case_insensitive(avanser):
    assert search(avanser, country="AU", number_type="mobile") == search(
        avanser, country="AU", number_type="MOBILE")


def test_by_szu(avanser):
    found = search(avanser, szu="sydney")
    assert found and all(e["type"] == "GEO" and e["region"] == "NSW: Sydney"
                         and e["national"].startswith("02") for e in found.values())


def test_by_location_of_the_seed_address_finds_sydney_numbers(avanser):
    found = search(avanser, country="AU", location=SEED_ADDRESS)
    assert found
    assert all(e["type"] == "GEO" and e["national"].startswith("02") for e in found.values())
    assert any(e["region"] == "NSW: Sydney" for e in found.values())


def test_by_coordinates_of_the_seed_example(avanser):
    found = search(avanser, country="AU", lat="-33.865143", lng="151.209900", radius="20")
    assert found and all(e["national"].startswith("02") for e in found.values())


def test_radius_defaults_to_twenty_km(avanser):
    assert search(avanser, country="AU", lat="-33.865143", lng="151.2099") == search(
        avanser, country="AU", lat="-33.865143", lng="151.2099", radius="20")


def test_coordinates_far_from_any_number_find_nothing(avanser):
    assert search(avanser, country="AU", lat="-40.5", lng="125.0", radius="5") == {}


def test_a_larger_radius_finds_at_least_as_far(avanser):
    near = search(avanser, country="AU", lat="-34.4278", lng="150.8931", radius="1")
    far = search(avanser, country="AU", lat="-34.4278", lng="150.8931", radius="100")
    assert near and far
    assert {e["region"] for e in far.values()} >= {e["region"] for e in near.values()}


def test_ambiguous_address_is_300_multiple_addresses(avanser):
    reply = avanser.get("/numbers", params={"country": "AU", "location": "Richmond"})
    assert reply.status_code == 300, reply.text
    body = reply.json()
    assert set(body) == {"@transaction", "error", "errors"}
    assert body["error"]["code"] == 300
    places = body["errors"]["location"]
    assert len(places) >= 2
    for place in places:
        assert set(place) == {"name", "state", "country", "lat_lng"}
        assert place["country"] == "AU" and len(place["lat_lng"]) == 2
    assert len({p["state"] for p in places}) == len(places)


def test_a_state_resolves_an_ambiguous_address(avanser):
    found = search(avanser, country="AU", location="Richmond VIC 3121, Australia")
    assert found and all(e["national"].startswith("03") for e in found.values())


def test_matching_prefix_prefers_the_closest_match(avanser):
    some = search(avanser, szu="melbourne")
    wanted = sorted(some)[0]
    exact = search(avanser, country="AU", number=wanted)
    assert list(exact) == [wanted]                       # attempt 1: a perfect match
    near = wanted[:-1] + str((int(wanted[-1]) + 1) % 10)
    found = search(avanser, country="AU", number=near)
    assert found
    shared = max(len(_common(near, n)) for n in found)
    assert all(len(_common(near, n)) == shared for n in found)
    assert shared >= len(near) - 6


def test_matching_prefix_accepts_a_plus(avanser):
    assert search(avanser, country="AU", number="+61290081596") == search(
        avanser, country="AU", number="61290081596")


@pytest.mark.parametrize("params,fields", [
    ({}, {"search", "country"}),
    ({"country": "AU"}, {"search"}),
    ({"number_type": "GEO"}, {"country"}),
    ({"country": "ZZ", "number_type": "GEO"}, {"country"}),
    ({"country": "AU", "number_type": "LANDLINE"}, {"number_type"}),
    ({"country": "AU", "szu": "atlantis"}, {"szu"}),
    ({"country": "AU", "number": "12345"}, {"number"}),
    ({"country": "AU", "number": "6412345678"}, {"number"}),
    ({"country": "AU", "number": "14155550123"}, {"number"}),
    ({"country": "AU", "lat": "-33.8"}, {"lng"}),
    ({"country": "AU", "lat": "-133.8", "lng": "151"}, {"lat"}),
    ({"country": "AU", "lat": "x", "lng": "151"}, {"lat"}),
    ({"country": "AU", "lat": "-33.8", "lng": "151", "radius": "-1"}, {"radius"}),
    ({"country": "AU", "location": "Sydney", "radius": "far"}, {"radius"}),
    ({"country": "AU", "location": "Atlantis"}, {"location"}),
    ({"country": "AU", "szu": "sydney", "number_type": "GEO"}, {"szu", "number_type"}),
])
def test_missing_or_invalid_parameters_are_400_naming_them(avanser, params, fields):
    reply = avanser.get("/numbers", params=params)
    body = assert_error_detail(reply, fields)
    query = reply.json()["@transaction"]["request"]["path"]
    assert_transaction(body, "GET", query)


def _common(a: str, b: str) -> str:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return a[:size]
