"""The computed AVOXI inventory: every number valid for its country and type, local formats
as phonenumbers writes them, index and number convertible both ways, back-order numbers
outside the stock."""
from __future__ import annotations

import phonenumbers
import pytest
from phonenumbers import PhoneNumberType as T

from mockserver.core.fixtures import Fixtures
from mockserver.providers.avoxi.catalog import Catalog
from mockserver.providers.avoxi.inventory import Inventory, kth_free

FITS = {"DID": {T.FIXED_LINE, T.FIXED_LINE_OR_MOBILE}, "itfs": {T.TOLL_FREE},
        "mobile": {T.MOBILE, T.FIXED_LINE_OR_MOBILE}}


@pytest.fixture(scope="module")
def inventory():
    return Inventory(Catalog(Fixtures("avoxi")), 300, seed=1)


def test_every_stock_number_is_valid_for_its_country_and_type(inventory):
    checked = 0
    for region in inventory.catalog.regions.values():
        stock = inventory.stock(region)
        assert stock.size == 300
        previous = None
        for i in range(stock.size):
            nsn = stock.nsn(i)
            parsed = phonenumbers.parse(stock.e164(nsn))
            assert phonenumbers.is_valid_number_for_region(parsed, region.country), (
                region.id, nsn)
            kind = phonenumbers.number_type(parsed)
            if region.number_type in FITS:
                assert kind in FITS[region.number_type], (region.id, nsn, kind)
            else:
                assert kind not in {T.TOLL_FREE, T.PREMIUM_RATE, T.MOBILE}, (region.id, nsn)
            assert previous is None or int(nsn) > previous     # ascending, no repeats
            previous = int(nsn)
            checked += 1
    assert checked >= 100 * 300


def test_local_format_is_the_national_format_digits(inventory):
    for region in inventory.catalog.regions.values():
        stock = inventory.stock(region)
        nsn = stock.nsn(17)
        national = phonenumbers.format_number(phonenumbers.parse(stock.e164(nsn)),
                                              phonenumbers.PhoneNumberFormat.NATIONAL)
        assert stock.local_format(nsn) == "".join(c for c in national if c.isdigit()), region.id


def test_index_and_number_convert_both_ways(inventory):
    for region in list(inventory.catalog.regions.values())[:40]:
        stock = inventory.stock(region)
        for i in (0, 1, 150, 299):
            assert stock.index_of(stock.nsn(i)) == i
            assert inventory.locate(stock.e164(stock.nsn(i)))[2] == i


def test_procured_numbers_are_valid_distinct_and_not_in_stock(inventory):
    region = inventory.catalog.regions["US GA Atlanta 470"]
    stock = inventory.stock(region)
    procured = [stock.procured_nsn(k) for k in range(700)]
    assert len(set(procured)) == 700
    for nsn in procured:
        assert stock.index_of(nsn) is None
        assert phonenumbers.is_valid_number(phonenumbers.parse(stock.e164(nsn)))


def test_a_million_numbers_cost_no_more_to_page():
    big = Inventory(Catalog(Fixtures("avoxi")), 1_000_000, seed=1)
    region = big.catalog.regions["US GA Atlanta 470"]
    stock = big.stock(region)
    assert stock.size == 1_000_000
    last = big.page([region], {}, limit=5, offset=999_995)
    assert len(last) == 5 and stock.nsn(999_999).encode() in last[-1]


@pytest.mark.parametrize("held, k, expected", [
    ([], 0, 0), ([], 5, 5), ([0], 0, 1), ([0, 1, 2], 0, 3), ([1, 3], 1, 2), ([1, 3], 2, 4),
])
def test_kth_free_skips_held_indexes(held, k, expected):
    assert kth_free(k, held) == expected


@pytest.mark.parametrize("held, offset, limit", [
    ([], 0, 50), ([0, 1, 2], 0, 10), ([5, 6, 7, 40, 41], 3, 30), (list(range(0, 300, 2)), 7, 60),
    ([299], 290, 20), (list(range(300)), 0, 5),
])
def test_pages_match_a_naive_walk_over_free_numbers(inventory, held, offset, limit):
    regions = inventory.catalog.regions_of("US", "DID")[:2]
    first, second = (inventory.stock(r) for r in regions)
    free = [first.item_json(first.nsn(i)) for i in range(300) if i not in set(held)]
    free += [second.item_json(second.nsn(i)) for i in range(300)]
    page = inventory.page(regions, {regions[0].id: held}, limit=limit, offset=offset)
    assert page == free[offset:offset + limit]
