"""Fraud control (seed 004, Block Destination, Authorize Destination, Extend Destination
Authorization, Whitelist Destination, List Fraud Control Resources, and the Fraud Error
Codes 70001-70014). Part of the Avaya backend (a mixin); no Flask here.

"Block Destination restricts outbound calls and sms messages to some destination";
"Authorize ... is only meant to provide temporary permission ... Unless extended, authorized
destination will expire after 30 days"; Extend "extends a destinations authorization
expiration by 30 days"; Whitelist "permanently authorizes destination"; each takes
MobileEnabled, LandlineEnabled, SmsEnabled ("If false, all mobile call activity will be
rejected or disabled"). "Currently, the US is locked as a whitelisted destination."

One rule per country (``state.fraud``, fraud_rules.py), its SID (``FC`` + 32 hex) and
``date_created`` kept for the country's life. A country without a rule follows the default
(fixtures/avaya/fraud.json): allowed, except a short list the fraud system blocks.

Which request answers with which code (docs/providers/avaya.md, "Fraud control (part 3)"):

- a CountryCode that is not an ISO 3166 alpha-2 country: 70002 (400);
- any change to a locked country (the US): 70014 (403);
- Block a country already blocked (an expired authorization included): 70003 (400); Block a
  whitelisted country: 70004 (400, a whitelisting is permanent);
- Authorize a whitelisted country: 70001 (400); Extend a country without a live
  authorization: 70001 (400);
- a switch other than "true" or "false": 10022; another parameter: 20001.

Enforcement (``check_fraud``, 403): an outbound call (Make Call, a Dial leg) to a country
the default blocks 70013; under an expired authorization 70012; under the account's block
70006; a mobile number under an authorization or whitelisting with MobileEnabled false
70010, a landline 70011; an SMS or MMS with SmsEnabled false 70008, to a country the
default blocks 70009; a call whose per-minute price is above the account's
``max_outbound_limit`` 70005; the same SMS (MMS) body sent ``AVAYA_FLOOD_LIMIT`` (10) times in
``AVAYA_FLOOD_SECONDS`` (60) 70015 (70016). Blocking a country writes an INFO Notification
70007 "Country added to blacklisted destinations".
"""
from __future__ import annotations

from bisect import bisect_left
from datetime import timedelta
from itertools import islice
from decimal import Decimal
from typing import Mapping

import phonenumbers

from ...core import phones
from .calls import is_sip
from .errors import MESSAGES, AvayaError
from .fraud_rules import (AUTHORIZATION, AUTHORIZED, BLOCKED, WHITELISTED, build, country,
                          current, expiring, expiry, flag, present, switches)
from .ledger import INFO
from .paging import Listing, Window
from .params import Params, region_of
from .state import AvayaState
from .wire import parse_rfc2822, rfc2822

#: what a Block leaves on unless told, and what an authorization or whitelisting does
ALL_OFF = {"mobile_enabled": False, "landline_enabled": False, "sms_enabled": False}
ALL_ON = {"mobile_enabled": True, "landline_enabled": True, "sms_enabled": True}
#: phonenumbers' number types counted as mobile; every other type is a landline
#: the same body this many times in this many seconds is a flood (70015, 70016)
FLOOD_LIMIT, FLOOD_SECONDS = 10, 60.0
MOBILE_TYPES = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.PAGER)


class FraudControl:
    """Fraud-control rules per destination country, and their enforcement."""

    def fraud_defaults(self) -> dict:
        """fixtures/avaya/fraud.json: ``locked``, ``blocked_by_default``, ``names``."""
        return self.settings["fixtures"].load("fraud.json")

    def block_destination(self, account_sid: str, code: str, params: Params) -> dict:
        """Block Destination: the country's rule becomes a block; switches default off."""
        with self.locked(account_sid) as state:
            place, rule = self._fraud_changeable(state, code)
            if rule is not None and rule["_status"] == BLOCKED:
                raise AvayaError(70003, details=f"{place['country_code']} is blocked")
            if rule is not None and rule["_status"] == WHITELISTED:
                raise AvayaError(70004, details=f"{place['country_code']} is whitelisted, "
                                                "permanently")
            record = self._fraud_store(state, place, rule, BLOCKED, switches(params, ALL_OFF))
            self.notify(state, 70007, MESSAGES[70007], log=INFO,
                        request_url=f"/Fraud/Block/{place['country_code']}",
                        request_variables=dict(params.values))
            return record

    def authorize_destination(self, account_sid: str, code: str, params: Params) -> dict:
        """Authorize Destination: an authorization for 30 days from now (again from now
        when re-authorized); switches default on (an authorization's own when renewed)."""
        with self.locked(account_sid) as state:
            place, rule = self._fraud_changeable(state, code)
            if rule is not None and rule["_status"] == WHITELISTED:
                raise AvayaError(70001, details=f"{place['country_code']} is whitelisted, "
                                                "permanently")
            keep = rule if rule is not None and rule["_status"] == AUTHORIZED else ALL_ON
            chosen = switches(params, keep)
            chosen["expiration_date"] = expiring(self.clock.now())
            return self._fraud_store(state, place, rule, AUTHORIZED, chosen)

    def extend_authorization(self, account_sid: str, code: str) -> dict:
        """Extend Destination Authorization: the live authorization's expiry plus 30 days."""
        with self.locked(account_sid) as state:
            place, rule = self._fraud_changeable(state, code)
            if rule is None or rule["_status"] != AUTHORIZED:
                raise AvayaError(70001, details=f"{place['country_code']} has no "
                                                "authorization to extend")
            later = rfc2822(expiry(rule) + AUTHORIZATION)
            return self._fraud_store(state, place, rule, AUTHORIZED,
                               dict(rule, expiration_date=later))

    def whitelist_destination(self, account_sid: str, code: str, params: Params) -> dict:
        """Whitelist Destination: a permanent permission; switches default on (the
        whitelisting's own when whitelisted again)."""
        with self.locked(account_sid) as state:
            place, rule = self._fraud_changeable(state, code)
            keep = rule if rule is not None and rule["_status"] == WHITELISTED else ALL_ON
            return self._fraud_store(state, place, rule, WHITELISTED, switches(params, keep))

    def list_fraud(self, account_sid: str, args: Mapping[str, str],
                   window: Window) -> Listing:
        """List Fraud Control Resources: the locked countries (the US), then every rule,
        oldest first (as the recorded list is), filtered by ``SmsEnabled``; an expired
        authorization shows as blocked."""
        wanted = args.get("SmsEnabled")
        sms = flag("SmsEnabled", wanted) if wanted is not None else None
        with self.locked(account_sid) as state:
            now = self.clock.now()
            rules = self._locked_rules(state) + [current(rule, now)
                                                 for rule in state.fraud.values()]
            return window.slice([rule for rule in rules
                                 if sms is None or rule["sms_enabled"] == sms], present)

    def check_fraud(self, state: AvayaState, number: str | None, kind: str) -> None:
        """Refuse (AvayaError, 403) an outbound ``kind`` (``call``, or ``sms`` for SMS and
        MMS) to ``number`` that the country's rule, or the default, forbids (codes in the
        module doc). SIP addresses and numbers no country claims pass."""
        if not number or is_sip(number):
            return
        region = region_of(number)
        defaults = self.fraud_defaults()
        if region is None or region in defaults["locked"]:
            return
        rule = current(state.fraud.get(region), self.clock.now())
        code = _refusal(rule, number, kind, region in defaults["blocked_by_default"])
        if code is not None:
            raise AvayaError(code, status=403,
                             details=f"{number} ({region}) is refused by fraud control")
        if kind == "call":
            self._check_rate_limit(state, number)

    def _check_rate_limit(self, state: AvayaState, number: str) -> None:
        """70005 (403) for a call whose per-minute price is above the account's
        ``max_outbound_limit`` ("The price limit an outbound call may be. Calls which cost
        more will be rejected", the seed's ``max_outbound_rate``)."""
        limit = state.account.get("max_outbound_limit")
        if not limit:
            return
        rate = self.outbound_rate(number)
        if rate > Decimal(limit):
            raise AvayaError(70005, status=403,
                             details=f"{number} costs {rate} a minute; the account's limit "
                                     f"is {limit}")

    def check_flood(self, state: AvayaState, kind: str, body: str) -> None:
        """70015 (SMS) or 70016 (MMS), 403, when the account has already sent
        ``AVAYA_FLOOD_LIMIT`` (10) messages of that kind with the same non-empty body in
        the last ``AVAYA_FLOOD_SECONDS`` (60) of the mock clock ("a large number of
        messages with the same body sent in a short period of time")."""
        if not body:
            return
        config = self.services.config
        limit = int(config.get("AVAYA_FLOOD_LIMIT", FLOOD_LIMIT))
        window = float(config.get("AVAYA_FLOOD_SECONDS", FLOOD_SECONDS))
        sent = sent_bodies(state, kind).count_since(
            body, self.clock.now() - timedelta(seconds=window))
        if sent >= limit:
            raise AvayaError(70015 if kind == "sms" else 70016, status=403,
                             details=f"{sent} {kind.upper()} with this body in the last "
                                     f"{window:g} seconds")

    def _locked_rules(self, state: AvayaState) -> list[dict]:
        """The countries locked as whitelisted ("Currently, the US is locked as a
        whitelisted destination"): listed first, ``is_lock`` true, every switch on, as old
        as the account; their SID depends only on the seed, the account and the country."""
        defaults = self.fraud_defaults()
        since = state.account["date_created"]
        return [build(WHITELISTED, {
            **ALL_ON, **country(code, defaults["names"]), "is_lock": True,
            "expiration_date": None, "date_created": since, "date_updated": since,
            "sid": "FC" + self.services.digest(state.account["sid"], "fraud", code).hex()})
            for code in defaults["locked"]]

    def _fraud_changeable(self, state: AvayaState, code: str) -> tuple[dict, dict | None]:
        defaults = self.fraud_defaults()
        place = country(code, defaults["names"])
        if place["country_code"] in defaults["locked"]:
            raise AvayaError(70014, status=403,
                             details=f"{place['country_code']} is locked as whitelisted")
        return place, current(state.fraud.get(place["country_code"]), self.clock.now())

    def _fraud_store(self, state: AvayaState, place: dict, rule: dict | None, status: str,
                     fields: dict) -> dict:
        now = rfc2822(self.clock.now())
        kept = {"sid": rule["sid"], "date_created": rule["date_created"]} if rule else \
            {"sid": self.new_sid(state, "FC"), "date_created": now}
        record = build(status, {"is_lock": False, "expiration_date": None, **fields, **kept,
                                **place, "date_updated": now})
        state.fraud[place["country_code"]] = record
        return present(record)


def _refusal(rule: dict | None, number: str, kind: str, blocked_by_default: bool
             ) -> int | None:
    """The code refusing ``kind`` to ``number`` under ``rule`` (None: allowed)."""
    if rule is None:
        if not blocked_by_default:
            return None
        return 70009 if kind == "sms" else 70013
    if kind == "sms":
        return None if rule["sms_enabled"] else 70008
    if rule["_expired"]:
        return 70012
    line = "mobile" if _is_mobile(number) else "landline"
    if rule[f"{line}_enabled"]:
        return None
    if rule["_status"] == BLOCKED:
        return 70006
    return 70010 if line == "mobile" else 70011


class SentBodies:
    """When each body of one kind of message (SMS or MMS) was sent, oldest first: an index
    of the account's records, kept beside its state and never in a snapshot, so that the
    flood check is a lookup instead of a scan of every message in the window. Messages are
    only ever added (none is deleted), so the index reads the records added since it last
    looked."""

    def __init__(self) -> None:
        self.seen = 0
        self.times: dict[str, list] = {}

    def sync(self, records: dict[str, dict]) -> None:
        """Index the records added since the last call (all of them the first time)."""
        new = len(records) - self.seen
        if new < 0:                       # not ours any more: start again
            self.seen, self.times, new = 0, {}, len(records)
        for record in reversed(list(islice(reversed(records.values()), new))):
            if record["direction"] != "incoming" and record.get("body"):
                self.times.setdefault(record["body"], []).append(
                    parse_rfc2822(record["date_created"]))
        self.seen = len(records)

    def count_since(self, body: str, since) -> int:
        """Messages with ``body`` sent at ``since`` or later."""
        times = self.times.get(body, ())
        return len(times) - bisect_left(times, since)


def sent_bodies(state: AvayaState, kind: str) -> SentBodies:
    """The account's ``SentBodies`` of ``kind`` (``sms`` or ``mms``), up to date."""
    index = state.__dict__.setdefault(f"_sent_{kind}", SentBodies())
    index.sync(getattr(state, kind))
    return index


def _is_mobile(number: str) -> bool:
    return phones.number_type(number) in MOBILE_TYPES
