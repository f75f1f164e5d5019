"""``save`` (seed 003, "Add or update a number"): update by ``id``, or create with
``context`` and ``number``; bad values answer validation-error and change nothing."""
from __future__ import annotations

import pytest

from .helpers import TIMESTAMP, assert_number, call, error, numbers, ok, result, \
    validation_error


def info(dial9, number_id):
    return ok(dial9, "info", {"id": number_id})


def test_update_changes_only_the_given_fields(dial9, seeded):
    before = info(dial9, 3466)
    saved = ok(dial9, "save", {"id": 3466, "recording_enabled": True})
    assert_number(saved)
    after = info(dial9, 3466)
    assert after == saved
    assert after["recording_enabled"] is True
    assert after["updated_at"] > before["updated_at"]
    unchanged = {k: v for k, v in before.items() if k not in ("recording_enabled", "updated_at")}
    assert {k: after[k] for k in unchanged} == unchanged


def test_update_every_setting(dial9, seeded):
    ok(dial9, "save", {"id": 3466, "caller_id_prefix": "SALES", "callerid_passthrough": False,
                       "destination_type": "Queue", "destination_id": 118})
    after = info(dial9, 3466)
    assert after["caller_id_prefix"] == "SALES"
    assert after["callerid_passthrough"] is False
    assert after["destination"] == {"type": "Queue", "object": {"id": 118, "name": "Sales"}}


def test_destination_id_alone_keeps_the_type(dial9, seeded):
    ok(dial9, "save", {"id": 3466, "destination_id": 263})
    assert info(dial9, 3466)["destination"] == {
        "type": "Menu", "object": {"id": 263, "name": "Out of Hours Menu"}}


def test_null_destination_clears_it(dial9, seeded):
    ok(dial9, "save", {"id": 3466, "destination_type": None, "destination_id": None})
    assert info(dial9, 3466)["destination"] is None


def test_empty_string_is_no_value(dial9, seeded):
    ok(dial9, "save", {"id": 3466, "caller_id_prefix": "", "destination_type": "",
                       "destination_id": ""})
    after = info(dial9, 3466)
    assert after["caller_id_prefix"] is None and after["destination"] is None


@pytest.mark.parametrize("value, expected", [("true", True), ("1", True), (1, True),
                                             ("false", False), ("0", False), (0, False)])
def test_booleans_as_moonrope_reads_them(dial9, seeded, value, expected):
    ok(dial9, "save", {"id": 3466, "recording_enabled": value, "callerid_passthrough": value})
    after = info(dial9, 3466)
    assert after["recording_enabled"] is expected and after["callerid_passthrough"] is expected


def test_save_without_changes_keeps_updated_at(dial9, seeded):
    before = info(dial9, 3466)
    ok(dial9, "save", {"id": 3466, "recording_enabled": before["recording_enabled"]})
    assert info(dial9, 3466) == before


def test_context_and_number_are_ignored_on_update(dial9, seeded):
    before = info(dial9, 3466)
    ok(dial9, "save", {"id": 3466, "context": "utility", "number": "01224000000"})
    assert info(dial9, 3466) == before


def test_create_incoming(dial9, seeded):
    before = numbers(dial9)
    created = ok(dial9, "save", {"context": "incoming", "number": "020 7946 0123",
                                 "destination_type": "Menu", "destination_id": 262,
                                 "recording_enabled": True})
    assert_number(created)
    assert created["number"] == "02079460123"
    assert created["context"] == "incoming"
    assert created["created_at"] == created["updated_at"]
    assert TIMESTAMP.fullmatch(created["created_at"])
    assert created["aquisition"] is None
    assert created["id"] > max(n["id"] for n in before)
    assert numbers(dial9) == before + [created]
    assert info(dial9, created["id"])["destination"]["object"]["name"] == "Main Menu"


def test_create_defaults(dial9, seeded):
    created = ok(dial9, "save", {"context": "incoming", "number": "+441224000123"})
    listed = info(dial9, created["id"])
    assert listed["number"] == "01224000123"
    assert (listed["recording_enabled"], listed["caller_id_prefix"],
            listed["callerid_passthrough"], listed["forward_sip_to"], listed["destination"]) \
        == (False, None, True, None, None)


def test_create_utility(dial9, seeded):
    created = ok(dial9, "save", {"context": "utility", "number": "3001"})
    assert info(dial9, created["id"])["context"] == "utility"


def test_created_number_can_be_deleted_and_added_again(dial9, seeded):
    created = ok(dial9, "save", {"context": "utility", "number": "3001"})
    ok(dial9, "delete", {"id": created["id"]})
    again = ok(dial9, "save", {"context": "utility", "number": "3001"})
    assert again["id"] != created["id"]


CREATE = {"context": "incoming", "number": "02079460999"}


@pytest.mark.parametrize("params, fields", [
    ({"number": "02079460999"}, {"context"}),
    ({"context": "outgoing", "number": "02079460999"}, {"context"}),
    ({"context": 1, "number": "02079460999"}, {"context"}),
    ({"context": "incoming"}, {"number"}),
    ({"context": "incoming", "number": "12345"}, {"number"}),
    ({"context": "incoming", "number": "02079460"}, {"number"}),
    ({"context": "incoming", "number": 2079460999}, {"number"}),
    ({"context": "utility", "number": "30a1"}, {"number"}),
    ({"context": "utility", "number": "1"}, {"number"}),
    ({"context": "incoming", "number": "03301222970"}, {"number"}),
    ({**CREATE, "destination_type": "Teleporter", "destination_id": 1}, {"destination_type"}),
    ({**CREATE, "destination_type": "Menu", "destination_id": 999}, {"destination_id"}),
    ({**CREATE, "destination_type": "Queue", "destination_id": 262}, {"destination_id"}),
    ({**CREATE, "destination_type": "Menu"}, {"destination_id"}),
    ({**CREATE, "destination_id": 262}, {"destination_type"}),
    ({**CREATE, "destination_type": "Menu", "destination_id": "main"}, {"destination_id"}),
    ({**CREATE, "recording_enabled": "maybe"}, {"recording_enabled"}),
    ({**CREATE, "callerid_passthrough": "yes"}, {"callerid_passthrough"}),
    ({**CREATE, "callerid_passthrough": 2}, {"callerid_passthrough"}),
    ({**CREATE, "caller_id_prefix": 42}, {"caller_id_prefix"}),
    ({**CREATE, "caller_id_prefix": "X" * 21}, {"caller_id_prefix"}),
    ({"context": "outgoing"}, {"context", "number"}),
])
def test_invalid_create_is_a_validation_error(dial9, seeded, params, fields):
    before = numbers(dial9)
    assert set(validation_error(dial9, "save", params)) == fields
    assert numbers(dial9) == before


@pytest.mark.parametrize("params, fields", [
    ({"recording_enabled": "maybe"}, {"recording_enabled"}),
    ({"recording_enabled": None}, {"recording_enabled"}),
    ({"callerid_passthrough": [True]}, {"callerid_passthrough"}),
    ({"caller_id_prefix": {"a": 1}}, {"caller_id_prefix"}),
    ({"destination_type": "Queue"}, {"destination_id"}),
    ({"destination_id": 999}, {"destination_id"}),
    ({"destination_type": None}, {"destination_type"}),
    ({"destination_type": "Teleporter", "destination_id": 262}, {"destination_type"}),
    ({"recording_enabled": True, "destination_id": 999}, {"destination_id"}),
])
def test_invalid_update_is_a_validation_error(dial9, seeded, params, fields):
    before = numbers(dial9)
    assert set(validation_error(dial9, "save", {"id": 3466, **params})) == fields
    assert numbers(dial9) == before


def test_validation_error_messages_name_the_problem(dial9, seeded):
    errors = validation_error(dial9, "save", {"context": "incoming", "number": "03301222970"})
    assert errors == {"number": ["has already been taken"]}
    errors = validation_error(dial9, "save", {"number": "02079460999"})
    assert errors == {"context": ["can't be blank"]}


def test_unknown_id_is_number_not_found_even_with_good_values(dial9):
    before = numbers(dial9)
    error(dial9, "save", {"id": 999999, "recording_enabled": True}, "NumberNotFound")
    assert numbers(dial9) == before


def test_unknown_parameters_are_ignored(dial9, seeded):
    before = info(dial9, 3466)
    result(call(dial9, "save", {"id": 3466, "colour": "blue"}), "success")
    assert info(dial9, 3466) == before
