"""AVANSER's packaged fixtures and the pieces built from them: every stock number is a
valid Australian number of its type, the gazetteer covers the capitals and 100+ places,
address matching, and the computed inventory's index mapping."""
from __future__ import annotations

import phonenumbers
import pytest

from mockserver.core.fixtures import Fixtures
from mockserver.providers.avanser.directory import Directory
from mockserver.providers.avanser.gazetteer import AmbiguousAddress, Gazetteer, distance_km
from mockserver.providers.avanser.inventory import Inventory

FIXTURES = Fixtures("avanser")
PHONE_TYPES = {"GEO": phonenumbers.PhoneNumberType.FIXED_LINE,
               "MOBILE": phonenumbers.PhoneNumberType.MOBILE,
               "FREECALL": phonenumbers.PhoneNumberType.TOLL_FREE,
               "TOLLFREE": phonenumbers.PhoneNumberType.SHARED_COST}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(FIXTURES)


@pytest.fixture(scope="module")
def inventory(gazetteer) -> Inventory:
    return Inventory(FIXTURES, gazetteer, 1, 200)


def test_every_stock_number_is_valid_and_of_its_type(inventory):
    for block in inventory.blocks.values():
        assert block.size > 0, block.id
        previous = -1
        for i in range(block.size):
            nsn = block.nsn(i)
            assert int(nsn) > previous                     # ascending, never repeated
            previous = int(nsn)
            parsed = phonenumbers.parse(f"+61{nsn}")
            assert phonenumbers.is_valid_number(parsed), (block.id, nsn)
            assert phonenumbers.region_code_for_number(parsed) == "AU"
            assert phonenumbers.number_type(parsed) == PHONE_TYPES[block.type], (block.id, nsn)
            assert block.index_of(nsn) == i


def test_blocks_never_overlap(inventory):
    spans = sorted((lo, hi, b.width, b.id) for b in inventory.blocks.values()
                   for lo, hi in b.ranges)
    for (lo1, hi1, w1, a), (lo2, hi2, w2, b) in zip(spans, spans[1:]):
        assert w1 != w2 or hi1 < lo2, (a, b)


def test_numbers_outside_the_stock_have_no_index(inventory):
    block = inventory.blocks["GEO-sydney"]
    nsn = block.nsn(3)
    neighbour = f"{int(nsn) + 1:09d}"
    assert block.index_of(neighbour) in (None, 4)
    assert block.index_of("12345") is None and block.index_of("999999999") is None
    assert inventory.locate(f"61{nsn}").index == 3
    assert inventory.locate("64212345678") is None


def test_prefix_walk_finds_exactly_the_stock_numbers_with_that_prefix(inventory):
    block = inventory.blocks["GEO-melbourne"]
    every = [block.nsn(i) for i in range(block.size)]
    for prefix in ("3", "38", "39", "391", "3912"):
        assert [block.nsn(i) for i in block.with_prefix(prefix)] == [
            n for n in every if n.startswith(prefix)]


def test_gazetteer_has_the_capitals_and_over_a_hundred_places(gazetteer):
    assert len(gazetteer.localities) >= 100
    names = {(p.name, p.state) for p in gazetteer.localities}
    for capital in [("Sydney", "NSW"), ("Melbourne", "VIC"), ("Brisbane", "QLD"),
                    ("Adelaide", "SA"), ("Perth", "WA"), ("Hobart", "TAS"),
                    ("Darwin", "NT"), ("Canberra", "ACT")]:
        assert capital in names
    for place in gazetteer.localities:
        assert place.postcode.isdigit() and len(place.postcode) == 4
        assert -44 < place.lat < -10 and 112 < place.lng < 154
        szu = gazetteer.szus[place.szu]
        assert distance_km(place.lat, place.lng, szu.lat, szu.lng) < 150, place
    assert all(gazetteer.by_szu[szu] for szu in gazetteer.szus)


def test_distance_is_great_circle(gazetteer):
    sydney = gazetteer.locate("Sydney NSW")
    melbourne = gazetteer.locate("Melbourne VIC")
    assert 705 < distance_km(sydney.lat, sydney.lng, melbourne.lat, melbourne.lng) < 720


@pytest.mark.parametrize("address,expected", [
    ("Level 2 150-152 Elizabeth St, 2000 NSW, Australia", ("Sydney", "NSW")),
    ("Sydney, 2000 NSW, Australia", ("Sydney", "NSW")),
    ("LEVEL 2 150-152 Elizabeth St, 2000 NSW Australia", ("Sydney", "NSW")),
    ("12 Sydney Rd, Brunswick VIC 3056", ("Brunswick", "VIC")),
    ("1 Main St, North Sydney", ("North Sydney", "NSW")),
    ("Perth WA", ("Perth", "WA")),
    ("Perth, Tasmania", ("Perth", "TAS")),
    ("Richmond 3121", ("Richmond", "VIC")),
    ("5112", ("Elizabeth", "SA")),
    ("Parramatta, Sydney NSW", ("Parramatta", "NSW")),
    ("10 Victoria St, Sydney NSW 2000", ("Sydney", "NSW")),
])
def test_address_matching(gazetteer, address, expected):
    place = gazetteer.locate(address)
    assert (place.name, place.state) == expected if expected else place is None


@pytest.mark.parametrize("address,states", [
    ("Richmond", {"NSW", "VIC", "TAS"}), ("Perth", {"WA", "TAS"}),
    ("Newtown, Australia", {"NSW", "VIC"}), ("Kingston", {"ACT", "TAS"}),
    ("Paddington", {"NSW", "QLD"}),
])
def test_ambiguous_addresses(gazetteer, address, states):
    with pytest.raises(AmbiguousAddress) as caught:
        gazetteer.locate(address)
    assert {p.state for p in caught.value.places} == states


def test_szu_lookup_ignores_case_and_spacing(gazetteer):
    assert gazetteer.szu("Gold Coast").id == gazetteer.szu("gold_coast").id == "gold_coast"
    assert gazetteer.szu("SYDNEY").region == "NSW: Sydney"
    assert gazetteer.szu("atlantis") is None


def test_directory_has_the_seed_test_account():
    directory = Directory(FIXTURES)
    account = directory.accounts[6999]
    assert account.name == "Test Account"
    assert set(account.purposes) == {"configuration", "billing"}
    assert account.resources["details"][0]["client_name"] == "AVANSER test EDB"
    assert directory.reachable("stranger") == tuple(directory.accounts)
    assert directory.reachable("tapi-single") == (7001,)
