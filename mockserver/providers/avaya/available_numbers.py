"""AvailablePhoneNumbers and Numbers/AllowedCountries (seed 004, List Available Numbers,
List Available Countries): what an account may buy. Part of the Avaya backend (a mixin);
no Flask here.

An account's available numbers are the inventory's stock (``inventory.py``) less the
numbers on the account; a number it deletes is offered again.
"""
from __future__ import annotations

import re
from typing import Mapping

from .accounts import account_path
from .errors import AvayaError
from .inventory import NORTH_AMERICA, Inventory, flag
from .number_filters import area_code, contains_pattern, number_type
from .paging import Listing, Window

#: the seed's ServiceType values; LEGACY_SERVICE (no service type configured) is cpaas
SERVICE_TYPES = ("byoc", "siptrunk", "cpaas")
LEGACY_SERVICE, LEGACY_COUNTRY = "LEGACY_SERVICE", "LEGACY_COUNTRY"
_ISO = re.compile(r"[A-Za-z]{2}")


class AvailableNumbers:
    """The AvailablePhoneNumbers and AllowedCountries operations of the Avaya backend."""

    inventory: Inventory

    def list_available_numbers(self, sid: str, country: str, kind: str,
                               args: Mapping[str, str], window: Window) -> Listing:
        """List Available Numbers of ``country`` (ISO code, any case) and ``kind`` (Local or
        Tollfree): 404 21501 for a country or type not sold. Filters ``Contains``,
        ``AreaCode`` (North America only: 21457 elsewhere, 21451 malformed), ``InRegion``,
        ``InPostalCode``."""
        iso, kind = country.strip().upper(), number_type(kind)
        if iso not in self.inventory.countries or kind is None:
            raise AvayaError(21501, status=404,
                             details=f"no {kind} numbers are sold in {country!r}" if kind
                             else "the number type is Local or Tollfree")
        pattern = contains_pattern(args.get("Contains"))
        blocks = self.inventory.blocks_of(iso, kind)
        code = args.get("AreaCode")
        if code is not None and code.strip():
            if iso not in NORTH_AMERICA:
                raise AvayaError(21457, details="AreaCode is only available for North "
                                                "American numbers")
            code = area_code(code)
            blocks = [b for b in blocks if b.npa == code]
        if (args.get("InRegion") or "").strip():
            blocks = self.inventory.in_region(blocks, args["InRegion"])
        if (args.get("InPostalCode") or "").strip():
            blocks = self.inventory.in_postal_code(blocks, args["InPostalCode"])
        with self.locked(sid) as state:
            held = self.inventory.held_indexes(n["phone_number"]
                                               for n in state.numbers.values())
        found, total = self.inventory.select(blocks, held, pattern, window.start, window.size)
        return Listing([f.block.available(f.nsn) for f in found], total, window)

    def list_allowed_countries(self, sid: str, kind: str, args: Mapping[str, str],
                               window: Window) -> Listing:
        """List Available Countries for ``kind`` (Local or Tollfree; 404 21501 otherwise):
        one AllowedCountry per country, filtered by ``Country`` (ISO code, or
        LEGACY_COUNTRY for none) and ``ServiceType`` (byoc, siptrunk, cpaas, or
        LEGACY_SERVICE, counted as cpaas); 10022 for other values."""
        wanted = number_type(kind)
        if wanted is None:
            raise AvayaError(21501, status=404, details="the number type is Local or Tollfree")
        country = (args.get("Country") or "").strip()
        if country and country.upper() != LEGACY_COUNTRY and not _ISO.fullmatch(country):
            raise AvayaError(10022, details=f"Country is a 2-letter code or {LEGACY_COUNTRY}, "
                                            f"not {country!r}")
        service = (args.get("ServiceType") or "").strip()
        if service.upper() == LEGACY_SERVICE:
            service = "cpaas"
        if service and service.lower() not in SERVICE_TYPES:
            raise AvayaError(10022, details="ServiceType is one of byoc, siptrunk, cpaas, "
                                            f"{LEGACY_SERVICE}")
        root = account_path(sid)
        path_type = "Local" if wanted == "local" else "Tollfree"
        rows = []
        for iso, entry in self.inventory.countries.items():
            if country and country.upper() not in (iso, LEGACY_COUNTRY):
                continue
            if service and service.lower() not in entry.service_types:
                continue
            offer = entry.offer(wanted)
            rows.append({
                "country": entry.name, "iso_country": iso,
                "country_code": f"+{entry.calling_code}", "type": wanted,
                "setup_cost": offer.setup_cost, "monthly_cost": offer.monthly_cost,
                "voice_enabled": flag(offer.voice), "sms_enabled": flag(offer.sms),
                "mms_enabled": flag(offer.mms),
                "uri": f"{root}/AvailablePhoneNumbers/{iso}/{path_type}",
            })
        return window.slice(rows)
