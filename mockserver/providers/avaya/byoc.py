"""BYOC numbers (seed 004, BYOC Number APIs and the BYOC parts of Add, List, Update and
Delete Number): numbers a customer brings from an approved carrier. Part of the Avaya
backend (a mixin); no Flask here.

A BYOC number is an IncomingPhoneNumber of ``type`` local with ``service_type`` ``byoc``
(kept beside the resource, not shown). It may be of any length, costs the account nothing
(its carrier bills it), can take calls but not send SMS or MMS through the mock, and is
gone entirely when deleted (it never joins the inventory).
"""
from __future__ import annotations

from .errors import AvayaError
from .incoming_numbers import BYOC
from .inventory import LOCAL
from .paging import Listing, Window
from .params import Params, region_of

BYOC_CAPABILITIES = {"voice": "true", "sms": "false", "mms": "false"}


class ByocNumbers:
    """The BYOC operations of the Avaya backend."""

    def _vendors(self) -> dict[str, str]:
        vendors = self.settings["fixtures"].load("byoc_vendors.json")["vendors"]
        return {name.casefold(): name for name in vendors}

    def add_byoc_number(self, sid: str, params: Params) -> dict:
        """Add a BYOC number: ``ByocVendor`` from the approved list (10022 missing, 20003
        not approved), ``PhoneNumber`` of any length (21408 missing, 21401 without digits,
        21501 already on the account), ``Type`` local (21458 otherwise). Trial accounts
        may not (21404)."""
        with self.locked(sid) as state:
            self.require_active(state)
            self.require_full(state, 21404)
            changes = self._settings(state, params)
            vendor = params.text("ByocVendor")
            if not vendor:
                raise AvayaError(10022, details="ByocVendor is required for a BYOC number")
            if vendor.casefold() not in self._vendors():
                raise AvayaError(20003, status=403,
                                 details=f"{vendor!r} is not an approved BYOC vendor")
            if params.get("PhoneNumber") is None:
                raise AvayaError(21408)
            e164 = params.phone("PhoneNumber")
            if e164 is None:
                raise AvayaError(21401, details="PhoneNumber holds no digits")
            kind = params.text("Type")
            if kind is None or kind.lower() != LOCAL:
                raise AvayaError(21458, details="BYOC numbers are of Type Local")
            if any(n["phone_number"] == e164 for n in state.numbers.values()):
                raise AvayaError(21501, details=f"{e164} is already on this account")
            number = self._new_number(state, e164, LOCAL, BYOC, dict(BYOC_CAPABILITIES),
                                      region_of(e164) or "", "0.00")
            number["byoc_vendor"] = self._vendors()[vendor.casefold()]
            number.update(changes)
            return self.present_number(number)

    def list_byoc_numbers(self, sid: str, args, window: Window) -> Listing:
        """List BYOC numbers (``/Numbers/Byoc``): the account's BYOC numbers only."""
        return self.list_numbers(sid, args, window, service_type=BYOC)

    def update_byoc_number(self, sid: str, number_sid: str, params: Params) -> dict:
        """Update a BYOC number (404 21227 for a SID that is not one)."""
        return self.update_number(sid, number_sid, params, service_type=BYOC)

    def delete_byoc_number(self, sid: str, number_sid: str) -> dict:
        """Delete a BYOC number entirely (404 21227 for a SID that is not one)."""
        return self.delete_number(sid, number_sid, service_type=BYOC)

