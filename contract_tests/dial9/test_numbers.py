"""``list``, ``info`` and ``delete`` (seed 003: "List all numbers", "Number properties",
"Delete a number")."""
from __future__ import annotations

import pytest

from .helpers import SEEDED, assert_number, error, numbers, ok, parameter_error


def test_list_shows_every_number_with_every_field(dial9):
    found = numbers(dial9)
    assert found, "a unit has numbers"
    for number in found:
        assert_number(number)
    ids = [n["id"] for n in found]
    assert len(set(ids)) == len(ids)
    assert len({n["number"] for n in found}) == len(found)


def test_seeded_number_is_the_seed_example_exactly(dial9, seeded):
    assert SEEDED in numbers(dial9)
    assert ok(dial9, "info", {"id": 3466}) == SEEDED


def test_info_answers_what_list_shows(dial9):
    for number in numbers(dial9):
        assert ok(dial9, "info", {"id": number["id"]}) == number


def test_info_accepts_the_id_as_a_digit_string(dial9, seeded):
    assert ok(dial9, "info", {"id": "3466"}) == SEEDED


@pytest.mark.parametrize("action", ["info", "delete", "update_subscriber"])
@pytest.mark.parametrize("params", [{}, {"id": None}, {"id": ""}])
def test_missing_id_is_a_parameter_error(dial9, action, params):
    before = numbers(dial9)
    message = parameter_error(dial9, action, params, "id")
    assert "required" in message
    assert numbers(dial9) == before


@pytest.mark.parametrize("action", ["info", "delete", "update_subscriber", "save"])
@pytest.mark.parametrize("bad", ["abc", "34.66", -1, 3466.5, True, [3466], {"id": 1}])
def test_malformed_id_is_a_parameter_error(dial9, action, bad):
    before = numbers(dial9)
    parameter_error(dial9, action, {"id": bad}, "id")
    assert numbers(dial9) == before


@pytest.mark.parametrize("action", ["info", "delete", "update_subscriber", "save"])
def test_unknown_id_is_number_not_found(dial9, action):
    before = numbers(dial9)
    unknown = max(n["id"] for n in before) + 1000
    assert str(unknown) in error(dial9, action, {"id": unknown}, "NumberNotFound")
    assert numbers(dial9) == before


def test_delete_answers_true_and_the_number_is_gone(dial9, seeded):
    others = [n for n in numbers(dial9) if n["id"] != 3466]
    assert ok(dial9, "delete", {"id": 3466}) is True
    assert numbers(dial9) == others
    error(dial9, "info", {"id": 3466}, "NumberNotFound")
    error(dial9, "delete", {"id": 3466}, "NumberNotFound")
    error(dial9, "save", {"id": 3466, "recording_enabled": True}, "NumberNotFound")
    error(dial9, "update_subscriber", {"id": 3466, "name": "X"}, "NumberNotFound")
    assert numbers(dial9) == others


def test_deleted_number_can_be_acquired_again_with_a_new_id(dial9, seeded):
    ok(dial9, "delete", {"id": 3466})
    assert "03301222970" in ok(dial9, "acquirable_numbers", {"prefix": "0330"})
    again = ok(dial9, "acquire", {"number": "03301222970"})
    assert again["number"] == "03301222970" and again["id"] != 3466
    assert again["id"] > max(n["id"] for n in numbers(dial9) if n["id"] != again["id"])
    assert "03301222970" not in ok(dial9, "acquirable_numbers", {"prefix": "0330"})


def test_deleted_utility_number_is_not_acquirable(dial9, seeded):
    utility = next(n for n in numbers(dial9) if n["context"] == "utility")
    ok(dial9, "delete", {"id": utility["id"]})
    error(dial9, "acquire", {"number": utility["number"]}, "NumberNotAcquirable")


def test_ids_are_never_reused(dial9):
    offered = ok(dial9, "acquirable_numbers", {"prefix": "01224"})
    first = ok(dial9, "acquire", {"number": offered[0]})
    ok(dial9, "delete", {"id": first["id"]})
    second = ok(dial9, "acquire", {"number": offered[1]})
    assert second["id"] > first["id"]
