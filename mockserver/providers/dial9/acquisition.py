"""Buying numbers (``acquirable_numbers``, ``acquire``) and their subscriber records
(``update_subscriber``): the acquisition part of ``Dial9Backend``.

A number is acquirable by a unit when it is in its prefix's stock or is one the unit
released (deleted), and the unit does not hold it. Listing does not reserve anything.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...core.state import Tenant
from .catalog import uk_national
from .errors import InvalidPrefix, NumberNotAcquirable, NumberNotAcquired, ParameterError
from .schemas import SUBSCRIBER_SCHEMA, moonrope_values, required, required_id, validated
from .state import SUBSCRIBER_KEYS, Dial9State, number_view

if TYPE_CHECKING:
    from .catalog import Catalog

#: numbers ``acquirable_numbers`` lists
PAGE = 10


class Acquisition:
    """The acquisition operations of ``Dial9Backend`` (a mixin)."""

    catalog: "Catalog"

    def acquirable(self, state: Dial9State, prefix: str) -> list[str]:
        """Every number of the prefix the unit could acquire now: released ones first
        (most recent first), then the stock in its fixed order."""
        owned = state.owned()
        released = [n for n in reversed(state.released) if n.startswith(prefix)]
        return [n for n in released + list(self.catalog.stock(prefix)) if n not in owned]

    def acquirable_numbers(self, tenant: Tenant[Dial9State], params: dict[str, Any]) -> list:
        """``acquirable_numbers``: ten numbers the unit can acquire in ``prefix``."""
        prefix = required(moonrope_values(params), "prefix")
        if not isinstance(prefix, str) or prefix.strip() not in self.catalog.prefix_set:
            raise InvalidPrefix(prefix)
        prefix = prefix.strip()
        with tenant.lock:
            return self.acquirable(tenant.state, prefix)[:PAGE]

    def acquire(self, tenant: Tenant[Dial9State], params: dict[str, Any]) -> dict:
        """``acquire``: the number joins the unit, acquired now, subscriber unknown, no
        destination; answered without the ``destination`` key, as the seed shows."""
        raw = required(moonrope_values(params), "number")
        if not isinstance(raw, str) or not raw.replace(" ", "").lstrip("+").isdigit():
            raise ParameterError("`number` parameter is invalid")
        number = uk_national(raw)
        with tenant.lock:
            state = tenant.state
            if number is None:
                raise NumberNotAcquirable(f"{raw} is not a valid UK number")
            if number in state.owned():
                raise NumberNotAcquirable(f"{number} is already in this unit")
            prefix = self.catalog.prefix_of(number)
            if prefix is None or (number not in state.released
                                  and number not in self.catalog.stock(prefix)):
                raise NumberNotAcquirable(f"{number} is not available to acquire")
            now = self.now()
            record = {"id": state.next_id, "number": number, "context": "incoming",
                      "created_at": now, "updated_at": now, "recording_enabled": True,
                      "caller_id_prefix": None, "callerid_passthrough": True,
                      "forward_sip_to": None,
                      "aquisition": {"acquired_at": now, "subscriber": {
                          **{key: None for key in SUBSCRIBER_KEYS},
                          "pushed_at": None, "status": "unknown"}},
                      "destination": None}
            state.next_id += 1
            state.numbers[str(record["id"])] = record
            if number in state.released:
                state.released.remove(number)
            return number_view(state, record, destination=False)

    def update_subscriber(self, tenant: Tenant[Dial9State], params: dict[str, Any]) -> dict:
        """``update_subscriber``: set the given subscriber fields; the record awaits
        validation again (``validation_pending``, not yet pushed)."""
        params = moonrope_values(params)
        number_id = required_id(params)
        data = validated(SUBSCRIBER_SCHEMA, params)
        with tenant.lock:
            state = tenant.state
            record = self.record(state, number_id)
            if record["aquisition"] is None:
                raise NumberNotAcquired(number_id)
            subscriber = record["aquisition"]["subscriber"]
            subscriber.update(data)
            if subscriber.get("postcode"):
                subscriber["postcode"] = subscriber["postcode"].strip().upper()
            subscriber.update(pushed_at=None, status="validation_pending")
            record["updated_at"] = self.now()
            return number_view(state, record)
