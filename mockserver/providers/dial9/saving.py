"""``save``: add a number (no ``id``) or update one (``id``): the saving part of
``Dial9Backend``. Every check comes before any change; a refused save changes nothing.
"""
from __future__ import annotations

import re
from typing import Any

from ...core.state import Tenant
from .catalog import uk_national
from .errors import ParameterError, ValidationFailed
from .schemas import CONTEXTS, SAVE_SCHEMA, as_integer, moonrope_values, validated
from .state import Dial9State, number_view

BLANK = "can't be blank"
#: an internal (``utility``) number: 2 to 11 digits
_UTILITY = re.compile(r"\d{2,11}")
_SETTINGS = ("recording_enabled", "caller_id_prefix", "callerid_passthrough")


class Saving:
    """The ``save`` operation of ``Dial9Backend`` (a mixin)."""

    def save(self, tenant: Tenant[Dial9State], params: dict[str, Any]) -> dict:
        """``save``: create with ``context`` and ``number``, or update by ``id``;
        ``destination_type`` and ``destination_id`` must name one of the unit's
        destinations (both null clears it)."""
        params = moonrope_values(params)
        number_id = None
        if params.get("id") is not None:
            number_id = as_integer(params["id"])
            if number_id is None:
                raise ParameterError("`id` parameter is invalid")
        data = validated(SAVE_SCHEMA, params)
        with tenant.lock:
            state = tenant.state
            record = self.record(state, number_id) if number_id is not None else None
            errors: dict[str, list[str]] = {}
            destination = self._destination(state, data, record, errors)
            number = self._new_number(state, data, errors) if record is None else None
            if errors:
                raise ValidationFailed(errors)
            if record is None:
                record = self._create(state, data, number, destination)
            else:
                self._update(record, data, destination)
            return number_view(state, record)

    @staticmethod
    def _destination(state: Dial9State, data: dict, record: dict | None,
                     errors: dict[str, list[str]]) -> dict | None:
        """The destination after this save ({"type", "id"} or None); problems go to
        ``errors``."""
        current = record["destination"] if record is not None else None
        if "destination_type" not in data and "destination_id" not in data:
            return current
        kind = data.get("destination_type", current["type"] if current else None)
        target = data.get("destination_id", current["id"] if current else None)
        if kind is None and target is None:
            return None
        if kind is None:
            errors["destination_type"] = [BLANK]
        elif target is None:
            errors["destination_id"] = [BLANK]
        elif kind not in {d["type"] for d in state.destinations}:
            errors["destination_type"] = ["is not included in the list"]
        elif state.destination_name(kind, target) is None:
            errors["destination_id"] = [f"does not exist (no {kind} with ID {target})"]
        else:
            return {"type": kind, "id": target}
        return None

    @staticmethod
    def _new_number(state: Dial9State, data: dict, errors: dict[str, list[str]]) -> str | None:
        """The number a create adds, normalised; problems go to ``errors``."""
        context, raw = data.get("context"), data.get("number")
        if context is None:
            errors["context"] = [BLANK]
        elif context not in CONTEXTS:
            errors["context"] = ["is not included in the list"]
        if raw is None:
            errors["number"] = [BLANK]
            return None
        if context == "incoming":
            number = uk_national(raw)
        elif context == "utility":
            number = raw.strip() if _UTILITY.fullmatch(raw.strip()) else None
        else:
            return None
        if number is None:
            errors["number"] = ["is invalid"]
        elif number in state.owned():
            errors["number"] = ["has already been taken"]
        return number

    def _create(self, state: Dial9State, data: dict, number: str,
                destination: dict | None) -> dict:
        now = self.now()
        record = {"id": state.next_id, "number": number, "context": data["context"],
                  "created_at": now, "updated_at": now,
                  "recording_enabled": data.get("recording_enabled", False),
                  "caller_id_prefix": data.get("caller_id_prefix"),
                  "callerid_passthrough": data.get("callerid_passthrough", True),
                  "forward_sip_to": None, "aquisition": None, "destination": destination}
        state.next_id += 1
        state.numbers[str(record["id"])] = record
        if number in state.released:
            state.released.remove(number)
        return record

    def _update(self, record: dict, data: dict, destination: dict | None) -> None:
        changes = {key: data[key] for key in _SETTINGS if key in data}
        changes["destination"] = destination
        if any(record[key] != value for key, value in changes.items()):
            record.update(changes)
            record["updated_at"] = self.now()
