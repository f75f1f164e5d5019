"""The Dial 9 backend: every action of the numbers controller over a unit's state. No
Flask here: each method takes the unit (a Tenant) and the action's parameters (a dict) and
returns the result's ``data``. Acquisition and saving live in ``acquisition.py`` and
``saving.py`` as parts of this one class.
"""
from __future__ import annotations

from typing import Any

from ...core.clock import iso_millis
from ...core.provider import Services
from ...core.state import ProviderStore, Tenant
from .acquisition import Acquisition
from .catalog import Catalog
from .errors import NumberNotFound
from .saving import Saving
from .schemas import moonrope_values, required_id
from .state import Dial9State, number_view

SLUG = "dial9"


class Dial9Backend(Acquisition, Saving):
    """Every numbers action, over the shared catalog and a unit's state."""

    def __init__(self, services: Services, catalog: Catalog,
                 store: ProviderStore[Dial9State]) -> None:
        self.services = services
        self.clock = services.clock
        self.catalog = catalog
        self.store = store

    def now(self) -> str:
        """The mock clock's time as the API writes it."""
        return iso_millis(self.clock.now())

    @staticmethod
    def record(state: Dial9State, number_id: int) -> dict:
        """The stored number with that id, or NumberNotFound."""
        found = state.numbers.get(str(number_id))
        if found is None:
            raise NumberNotFound(number_id)
        return found

    # -- reading -----------------------------------------------------------------------------

    def list_numbers(self, tenant: Tenant[Dial9State], params: dict[str, Any]) -> list[dict]:
        """``list``: every number of the unit, by id."""
        with tenant.lock:
            state = tenant.state
            return [number_view(state, state.numbers[key])
                    for key in sorted(state.numbers, key=int)]

    def info(self, tenant: Tenant[Dial9State], params: dict[str, Any]) -> dict:
        """``info``: one number by ``id``."""
        number_id = required_id(moonrope_values(params))
        with tenant.lock:
            return number_view(tenant.state, self.record(tenant.state, number_id))

    def available_prefixes(self, tenant: Tenant[Dial9State], params: dict[str, Any]) -> list:
        """``available_prefixes``: the same for every unit."""
        return self.catalog.prefixes

    def access_numbers(self, tenant: Tenant[Dial9State], params: dict[str, Any]) -> list:
        """``available_access_numbers``: the seed's list."""
        return self.catalog.access_numbers

    # -- deleting ----------------------------------------------------------------------------

    def delete(self, tenant: Tenant[Dial9State], params: dict[str, Any]) -> bool:
        """``delete``: remove the number; an incoming number in an available prefix becomes
        acquirable again (stock numbers simply are no longer held)."""
        number_id = required_id(moonrope_values(params))
        with tenant.lock:
            state = tenant.state
            record = self.record(state, number_id)
            del state.numbers[str(number_id)]
            number = record["number"]
            if (record["context"] == "incoming" and self.catalog.prefix_of(number)
                    and not self.catalog.in_stock(number) and number not in state.released):
                state.released.append(number)
            return True
