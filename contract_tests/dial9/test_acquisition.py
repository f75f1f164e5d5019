"""``acquirable_numbers``, ``acquire`` and ``update_subscriber`` (seed 003: "List available
numbers within a prefix", "Purchase a new number", "Update subscriber information")."""
from __future__ import annotations

import phonenumbers
import pytest

from .helpers import TIMESTAMP, assert_number, error, numbers, ok, parameter_error, \
    validation_error

SUBSCRIBER = {"first_name": "Alex", "name": "Telcom", "address1": "24/26 Lever Street",
              "address4": "Manchester", "postcode": "M1 1DZ"}


def offered(dial9, prefix="01234"):
    found = ok(dial9, "acquirable_numbers", {"prefix": prefix})
    assert isinstance(found, list)
    return found


def acquired(dial9, prefix="01234"):
    return ok(dial9, "acquire", {"number": offered(dial9, prefix)[0]})


@pytest.mark.parametrize("prefix", ["01234", "01224", "01887", "0113", "020", "0330", "0345"])
def test_ten_valid_distinct_numbers_in_the_prefix(dial9, prefix):
    found = offered(dial9, prefix)
    assert len(found) == 10 and len(set(found)) == 10
    owned = {n["number"] for n in numbers(dial9)}
    for number in found:
        assert isinstance(number, str) and number.startswith(prefix) and number.isdigit()
        assert phonenumbers.is_valid_number(phonenumbers.parse(number, "GB")), number
        assert number not in owned


def test_listing_reserves_nothing(dial9):
    assert offered(dial9) == offered(dial9)


@pytest.mark.parametrize("params", [{}, {"prefix": None}, {"prefix": ""}])
def test_missing_prefix_is_a_parameter_error(dial9, params):
    parameter_error(dial9, "acquirable_numbers", params, "prefix")


@pytest.mark.parametrize("prefix", ["99999", "0123", "01", "abc", "07700", 1224, ["01224"]])
def test_unknown_or_malformed_prefix_is_invalid_prefix(dial9, prefix):
    error(dial9, "acquirable_numbers", {"prefix": prefix}, "InvalidPrefix")


def test_acquire_adds_the_number_as_the_seed_shows(dial9):
    before = numbers(dial9)
    number = offered(dial9)[0]
    bought = ok(dial9, "acquire", {"number": number})
    assert_number(bought, destination=False)
    assert "destination" not in bought
    assert bought["number"] == number and bought["context"] == "incoming"
    assert bought["id"] > max(n["id"] for n in before)
    assert bought["created_at"] == bought["updated_at"] == bought["aquisition"]["acquired_at"]
    assert TIMESTAMP.fullmatch(bought["created_at"])
    assert (bought["recording_enabled"], bought["caller_id_prefix"],
            bought["callerid_passthrough"], bought["forward_sip_to"]) == (True, None, True, None)
    assert bought["aquisition"]["subscriber"] == {
        "first_name": None, "name": None, "address1": None, "address2": None,
        "address3": None, "address4": None, "postcode": None, "pushed_at": None,
        "status": "unknown"}
    listed = numbers(dial9)
    assert listed[:-1] == before
    assert listed[-1] == {**bought, "destination": None}


def test_acquired_number_leaves_the_pool(dial9):
    first = offered(dial9)
    ok(dial9, "acquire", {"number": first[3]})
    after = offered(dial9)
    assert first[3] not in after
    assert after[:3] == first[:3] and after[3:9] == first[4:]


def test_acquire_accepts_spaces_and_international_format(dial9):
    number = offered(dial9)[0]
    spaced = f"+44 {number[1:5]} {number[5:]}"
    assert ok(dial9, "acquire", {"number": spaced})["number"] == number


def test_deleted_acquired_number_returns_to_the_pool(dial9):
    first = offered(dial9)
    bought = ok(dial9, "acquire", {"number": first[0]})
    ok(dial9, "delete", {"id": bought["id"]})
    assert offered(dial9) == first


@pytest.mark.parametrize("params", [{}, {"number": None}, {"number": ""}])
def test_missing_number_is_a_parameter_error(dial9, params):
    before = numbers(dial9)
    parameter_error(dial9, "acquire", params, "number")
    assert numbers(dial9) == before


@pytest.mark.parametrize("number", ["abc", "0123-456", 1234069352, ["01234069352"]])
def test_malformed_number_is_a_parameter_error(dial9, number):
    before = numbers(dial9)
    parameter_error(dial9, "acquire", {"number": number}, "number")
    assert numbers(dial9) == before


def test_number_not_offered_is_not_acquirable(dial9, seeded):
    before = numbers(dial9)
    pool = offered(dial9)
    stranger = next(f"01234{i:06d}" for i in range(200000, 999999)
                    if f"01234{i:06d}" not in pool
                    and phonenumbers.is_valid_number(phonenumbers.parse(f"01234{i:06d}", "GB")))
    for number in (stranger, "07700900123", "12345", "03301222970"):
        error(dial9, "acquire", {"number": number}, "NumberNotAcquirable")
    assert numbers(dial9) == before


def test_a_number_cannot_be_acquired_twice(dial9):
    bought = acquired(dial9)
    before = numbers(dial9)
    message = error(dial9, "acquire", {"number": bought["number"]}, "NumberNotAcquirable")
    assert bought["number"] in message
    assert numbers(dial9) == before


def test_update_subscriber_sets_the_record_pending_validation(dial9):
    bought = acquired(dial9)
    updated = ok(dial9, "update_subscriber", {"id": bought["id"], **SUBSCRIBER})
    assert_number(updated)
    shown = ok(dial9, "info", {"id": bought["id"]})
    assert shown == updated
    assert shown["aquisition"]["subscriber"] == {
        "first_name": "Alex", "name": "Telcom", "address1": "24/26 Lever Street",
        "address2": None, "address3": None, "address4": "Manchester", "postcode": "M1 1DZ",
        "pushed_at": None, "status": "validation_pending"}
    assert shown["aquisition"]["acquired_at"] == bought["aquisition"]["acquired_at"]
    assert shown["updated_at"] >= bought["updated_at"]
    assert shown["destination"] is None


def test_update_subscriber_keeps_fields_not_given(dial9):
    bought = acquired(dial9)
    ok(dial9, "update_subscriber", {"id": bought["id"], **SUBSCRIBER})
    ok(dial9, "update_subscriber", {"id": bought["id"], "address2": "Northern Quarter"})
    subscriber = ok(dial9, "info", {"id": bought["id"]})["aquisition"]["subscriber"]
    assert subscriber["address2"] == "Northern Quarter" and subscriber["name"] == "Telcom"


@pytest.mark.parametrize("params, field", [
    ({"postcode": "NOT A POSTCODE"}, "postcode"),
    ({"postcode": 11}, "postcode"),
    ({"first_name": 7}, "first_name"),
    ({"name": ["Telcom"]}, "name"),
    ({"address1": "x" * 256}, "address1"),
    ({"address4": True}, "address4"),
])
def test_invalid_subscriber_is_a_validation_error(dial9, params, field):
    bought = acquired(dial9)
    before = numbers(dial9)
    errors = validation_error(dial9, "update_subscriber",
                              {"id": bought["id"], **SUBSCRIBER, **params})
    assert set(errors) == {field}
    assert numbers(dial9) == before


def test_number_not_acquired_has_no_subscriber(dial9, seeded):
    created = ok(dial9, "save", {"context": "utility", "number": "3001"})
    before = numbers(dial9)
    error(dial9, "update_subscriber", {"id": created["id"], **SUBSCRIBER}, "NumberNotAcquired")
    assert numbers(dial9) == before
