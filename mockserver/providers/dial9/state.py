"""A Dial 9 unit (one X-Auth-Token): its numbers, its destinations, and the numbers it has
released; plus how a stored number is shown."""
from __future__ import annotations

from dataclasses import dataclass, field

from ...core.state import JsonDataclass

#: a number's keys in the order the seed shows them (``destination`` follows)
NUMBER_KEYS = ("id", "number", "context", "created_at", "updated_at", "recording_enabled",
               "caller_id_prefix", "callerid_passthrough", "forward_sip_to")
SUBSCRIBER_KEYS = ("first_name", "name", "address1", "address2", "address3", "address4",
                   "postcode")


@dataclass
class Dial9State(JsonDataclass):
    """One unit. ``numbers`` maps str(id) to the stored number (the API's shape, except
    that ``destination`` is ``{"type", "id"}`` or None); ``released`` holds deleted numbers
    that are acquirable again although outside the generated stock."""

    next_id: int = 1
    numbers: dict[str, dict] = field(default_factory=dict)
    destinations: list[dict] = field(default_factory=list)
    released: list[str] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict) -> "Dial9State":
        """State from ``to_json`` output; unknown keys or a malformed number are errors."""
        state = super().from_json(data)
        if not isinstance(state.next_id, int) or not isinstance(state.numbers, dict):
            raise ValueError("next_id must be an integer and numbers an object")
        for key, record in state.numbers.items():
            missing = [k for k in NUMBER_KEYS + ("aquisition", "destination") if k not in record]
            if missing or str(record["id"]) != key:
                raise ValueError(f"number {key}: missing {missing} or id mismatch")
        return state

    def owned(self) -> set[str]:
        """Every number the unit holds."""
        return {record["number"] for record in self.numbers.values()}

    def destination_name(self, kind: str, destination_id: int) -> str | None:
        """The name of the unit's destination of that type and id, None if there is none."""
        for destination in self.destinations:
            if destination["type"] == kind and destination["id"] == destination_id:
                return destination["name"]
        return None



def number_view(state: Dial9State, record: dict, *, destination: bool = True) -> dict:
    """A stored number as the API shows it, copied (safe to encode outside the lock);
    without the ``destination`` key when ``destination`` is False (``acquire``)."""
    out = {key: record[key] for key in NUMBER_KEYS}
    aquisition = record["aquisition"]
    out["aquisition"] = None if aquisition is None else {
        "acquired_at": aquisition["acquired_at"],
        "subscriber": dict(aquisition["subscriber"])}
    if destination:
        target = record["destination"]
        out["destination"] = None if target is None else {
            "type": target["type"],
            "object": {"id": target["id"],
                       "name": state.destination_name(target["type"], target["id"])}}
    return out
