"""Lookup routes (seed 004, Carrier Lookup, Carrier Lookup List, CNAM Lookup, CNAM Lookup
List, BNA Lookup, BNA Lookup List): a POST performs a lookup, a GET lists them."""
from __future__ import annotations

from ..lookups import LOOKUP_PARAMS
from .api import Call, Router


def register(api: Router) -> None:
    """Add the lookup routes."""
    backend = api.backend

    @api.route("/Lookups/Carrier", ["POST"])
    def carrier_lookup(call: Call):
        """POST /Lookups/Carrier with PhoneNumber."""
        return call.one(backend.carrier_lookup(call.account_sid, call.params(LOOKUP_PARAMS)),
                        "CarrierLookup")

    @api.route("/Lookups/Carrier", ["GET"])
    def list_carrier_lookups(call: Call):
        """GET /Lookups/Carrier with Page, PageSize."""
        return call.page(backend.list_carrier_lookups(call.account_sid, call.window()),
                         "carrier_lookups", "CarrierLookup")

    @api.route("/Lookups/Cnam", ["POST"])
    def cnam_lookup(call: Call):
        """POST /Lookups/Cnam with PhoneNumber."""
        return call.one(backend.cnam_lookup(call.account_sid, call.params(LOOKUP_PARAMS)),
                        "CnamLookup")

    @api.route("/Lookups/Cnam", ["GET"])
    def list_cnam_lookups(call: Call):
        """GET /Lookups/Cnam with Page, PageSize."""
        return call.page(backend.list_cnam_lookups(call.account_sid, call.window()),
                         "cnam_lookups", "CnamLookup")

    @api.route("/Lookups/Bna", ["POST"])
    def bna_lookup(call: Call):
        """POST /Lookups/Bna with PhoneNumber."""
        return call.one(backend.bna_lookup(call.account_sid, call.params(LOOKUP_PARAMS)),
                        "BnaLookup")

    @api.route("/Lookups/Bna", ["GET"])
    def list_bna_lookups(call: Call):
        """GET /Lookups/Bna with Page, PageSize."""
        return call.page(backend.list_bna_lookups(call.account_sid, call.window()),
                         "bna_lookups", "BnaLookup")
