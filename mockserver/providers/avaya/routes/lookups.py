"""Lookup routes (seed 004, Carrier Lookup, Carrier Lookup List, CNAM Lookup, CNAM Lookup
List, BNA Lookup, BNA Lookup List): a POST performs a lookup, a GET lists them."""
from __future__ import annotations

from ..lookups import LOOKUP_PARAMS
from .api import Call, Router

#: each kind of lookup: its path segment, its backend name, XML element and JSON list key
KINDS = (("Carrier", "carrier", "CarrierLookup", "carrier_lookups"),
         ("Cnam", "cnam", "CnamLookup", "cnam_lookups"),
         ("Bna", "bna", "BnaLookup", "bna_lookups"))


def register(api: Router) -> None:
    """Add the lookup routes: for each kind, ``POST`` (with PhoneNumber) and ``GET`` (with
    Page, PageSize) on ``/Lookups/{Kind}``."""
    for segment, name, element, list_key in KINDS:
        register_kind(api, f"/Lookups/{segment}", name, element, list_key)


def register_kind(api: Router, path: str, name: str, element: str, list_key: str) -> None:
    """Add one kind's two routes (endpoints ``{name}_lookup`` and ``list_{name}_lookups``)."""
    perform = getattr(api.backend, f"{name}_lookup")
    listing = getattr(api.backend, f"list_{name}_lookups")

    def lookup(call: Call):
        """POST /Lookups/{Kind} with PhoneNumber."""
        return call.one(perform(call.account_sid, call.params(LOOKUP_PARAMS)), element)

    def lookups(call: Call):
        """GET /Lookups/{Kind} with Page, PageSize."""
        return call.page(listing(call.account_sid, call.window()), list_key, element)

    lookup.__name__, lookups.__name__ = f"{name}_lookup", f"list_{name}_lookups"
    api.route(path, ["POST"])(lookup)
    api.route(path, ["GET"])(lookups)
