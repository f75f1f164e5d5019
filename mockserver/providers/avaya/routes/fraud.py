"""Fraud control routes (seed 004, Block Destination, Authorize Destination, Extend
Destination Authorization, Whitelist Destination, List Fraud Control Resources).

A rule answers wrapped in its status, as the real API did (zang-python's recorded
``fraudcontrol/*.json``): ``{"blocked": {...}}`` in JSON, ``<Response><Fraud><Blocked>...
</Blocked></Fraud></Response>`` in XML; the list's ``frauds`` array holds such objects
(``<Frauds page=...><Fraud><Authorized>...``). The switches are taken from the query (as
the seed documents them) or the form body (as the Zang SDKs send them).
"""
from __future__ import annotations

from ..fraud_rules import RULE_PARAMS
from .api import Call, Router

ELEMENT = "Fraud"
COUNTRY = "<sid:country_code>"


def register(api: Router) -> None:
    """Add the fraud control routes."""
    backend = api.backend

    @api.route(f"/Fraud/Block/{COUNTRY}", ["POST"])
    def block_destination(call: Call, country_code: str):
        """POST /Fraud/Block/{CountryCode} with MobileEnabled, LandlineEnabled, SmsEnabled."""
        return call.one(backend.block_destination(call.account_sid, country_code,
                                                  call.params(RULE_PARAMS)), ELEMENT)

    @api.route(f"/Fraud/Authorize/{COUNTRY}", ["POST"])
    def authorize_destination(call: Call, country_code: str):
        """POST /Fraud/Authorize/{CountryCode} with the switches."""
        return call.one(backend.authorize_destination(call.account_sid, country_code,
                                                      call.params(RULE_PARAMS)), ELEMENT)

    @api.route(f"/Fraud/Extend/{COUNTRY}", ["POST"])
    def extend_authorization(call: Call, country_code: str):
        """POST /Fraud/Extend/{CountryCode} (no parameters)."""
        call.params(())
        return call.one(backend.extend_authorization(call.account_sid, country_code),
                        ELEMENT)

    @api.route(f"/Fraud/Whitelist/{COUNTRY}", ["POST"])
    def whitelist_destination(call: Call, country_code: str):
        """POST /Fraud/Whitelist/{CountryCode} with the switches."""
        return call.one(backend.whitelist_destination(call.account_sid, country_code,
                                                      call.params(RULE_PARAMS)), ELEMENT)

    @api.route("/Fraud", ["GET"])
    def list_fraud(call: Call):
        """GET /Fraud with Page, PageSize, SmsEnabled."""
        return call.page(backend.list_fraud(call.account_sid, call.args, call.window()),
                         "frauds", ELEMENT)
