"""Carrier, CNAM and BNA lookups (seed 004, Carrier Lookup, Carrier Lookup List, CNAM
Lookup, CNAM Lookup List, BNA Lookup, BNA Lookup List). Part of the Avaya backend (a
mixin); no Flask here.

    "The Carrier Lookup API allows you to retrieve additional information about a phone
    number" ... "look up the CNAM (caller name) caller ID information of a phone number"
    ... "BNA lookups are currently only available for US numbers."

A lookup is a POST with ``PhoneNumber`` (CNAM and BNA: "Multiple PhoneNumbers to lookup
can be specified in a single request": here separated by commas; each is looked up,
stored and charged, and the answer is the first one's resource). What is found comes from
lookup_data.py, deterministic per number. Each lookup is kept in ``state.carrier_lookups``,
``state.cnam_lookups`` or ``state.bna_lookups`` and listed newest first. Prices are in
fixtures/avaya/lookup_prices.json; a lookup is charged (Carrier Lookup product 20, CNAM
and BNA product 19 "CNAM Dip") only when it finds something. Checks, in this order, all
before anything is stored:

- the account is not active: 20005 (403);
- ``PhoneNumber`` missing, without digits, or not a possible number: 21401;
- CNAM outside the US and Canada, BNA outside the US: 31006;
- no price for the number's country (non-geographic numbers have none): 31008;
- a valid number of a type without subscriber records (toll-free, premium...), CNAM and
  BNA: 31007;
- a possible number that is not assigned (phonenumbers finds it invalid): 31017 (Carrier),
  31016 (CNAM), 31020 (BNA);
- a number too short or too long for its country: 31026; one without a country code: 21401;
- an assigned number the CNAM database has no record of (about one in ten, fixed per
  number): 31021.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable

from .accounts import account_path
from .errors import AvayaError
from .lookup_data import (NON_GEOGRAPHIC, SUBSCRIBER_LINES, Number, bna_record,
                          carrier_facts, classify, cnam_name, in_cnam_database)
from .paging import Listing, Window
from .params import Params, phone
from .state import AvayaState
from .wire import rfc2822

LOOKUP_PARAMS = ("PhoneNumber",)
#: the products lookups are charged as (ledger.PRODUCTS: 19 "CNAM Dip", 20 "Carrier Lookup")
CNAM_DIP, CARRIER_LOOKUP = 19, 20
#: what an unlisted number's CNAM lookup costs (the recorded responses: body null, 0.00)
UNLISTED_PRICE = "0.00"


class Kind:
    """One kind of lookup: where it is kept, its SID prefix, its ``uri`` segment (as the
    recorded responses spell it), the product it is charged as, the countries it serves
    (None: all), the code of a number it cannot discover, and whether it needs a
    subscriber's line."""

    def __init__(self, collection: str, prefix: str, segment: str, product: int,
                 countries: frozenset | None, unknown: int, subscriber: bool) -> None:
        self.collection, self.prefix, self.segment = collection, prefix, segment
        self.product, self.countries, self.unknown = product, countries, unknown
        self.subscriber = subscriber


CARRIER = Kind("carrier_lookups", "CR", "Carrier", CARRIER_LOOKUP, None, 31017, False)
CNAM = Kind("cnam_lookups", "CL", "CNAM", CNAM_DIP, frozenset({"US", "CA"}), 31016, True)
BNA = Kind("bna_lookups", "BL", "BNA", CNAM_DIP, frozenset({"US"}), 31020, True)


class Lookups:
    """Carrier, CNAM and BNA lookups of the Avaya backend."""

    def carrier_lookup(self, sid: str, params: Params) -> dict:
        """Carrier Lookup: network, mobile, carrier ID, country, MCC/MNC where known."""
        return self._lookup(sid, params, CARRIER, self._carrier_fields)

    def cnam_lookup(self, sid: str, params: Params) -> dict:
        """CNAM Lookup: the caller name (``body``; null for an unlisted number)."""
        return self._lookup(sid, params, CNAM, self._cnam_fields)

    def bna_lookup(self, sid: str, params: Params) -> dict:
        """BNA Lookup: the billing name and address of a US number."""
        return self._lookup(sid, params, BNA, self._bna_fields)

    def list_carrier_lookups(self, sid: str, window: Window) -> Listing:
        """Carrier Lookup List, newest first."""
        return self._list(sid, CARRIER, window)

    def list_cnam_lookups(self, sid: str, window: Window) -> Listing:
        """CNAM Lookup List, newest first."""
        return self._list(sid, CNAM, window)

    def list_bna_lookups(self, sid: str, window: Window) -> Listing:
        """BNA Lookup List, newest first."""
        return self._list(sid, BNA, window)

    # -- the work ------------------------------------------------------------------------

    def _lookup(self, sid: str, params: Params, kind: Kind,
                fields: Callable[[Number, bytes], tuple[dict, str]]) -> dict:
        with self.locked(sid) as state:
            self.require_active(state)
            found = []
            for number in lookup_numbers(params, multiple=kind is not CARRIER):
                self._check(number, kind)
                found.append((number, *fields(number, self.services.digest("lookup",
                                                                             number.e164))))
            records = [self._store(state, kind, number, data, price)
                       for number, data, price in found]
            return dict(records[0])

    def _check(self, number: Number, kind: Kind) -> None:
        if kind.countries is not None and number.region not in kind.countries:
            raise AvayaError(31006, details=f"{number.e164} is in {number.region}; this "
                                            f"lookup serves {', '.join(sorted(kind.countries))}")
        if self._rates(kind, number.region) is None:
            raise AvayaError(31008, details=f"no {kind.segment} lookup price for "
                                            f"{number.e164} ({number.region})")
        if number.valid and kind.subscriber and number.kind not in SUBSCRIBER_LINES:
            raise AvayaError(31007, details=f"{number.e164} is not a subscriber's line "
                                            f"({number.kind})")
        if not number.valid:
            raise AvayaError(kind.unknown, details=f"{number.e164} is not an assigned number")

    def _rates(self, kind: Kind, region: str):
        """The price (or, for BNA, the prices) of a lookup in ``region``; None: no rate."""
        if region == NON_GEOGRAPHIC:
            return None
        table = self.settings["fixtures"].load("lookup_prices.json")[kind.collection]
        return table.get(region, table.get("*"))

    def _carrier_fields(self, number: Number, digest: bytes) -> tuple[dict, str]:
        facts = carrier_facts(number, digest)
        price = self._rates(CARRIER, number.region)
        order = ("network", "mobile", "carrier_id", "country_code", "mnc", "mcc")
        return {key: facts[key] for key in order if key in facts}, price

    def _cnam_fields(self, number: Number, digest: bytes) -> tuple[dict, str]:
        if not in_cnam_database(digest):
            raise AvayaError(31021, details=f"the CNAM database has no record of "
                                            f"{number.e164}")
        name = cnam_name(number, digest)
        return {"body": name}, self._rates(CNAM, number.region) if name else UNLISTED_PRICE

    def _bna_fields(self, number: Number, digest: bytes) -> tuple[dict, str]:
        record, full = bna_record(number, digest)
        rates = self._rates(BNA, number.region)
        return ({**record, "country_code": number.region},
                rates["full_address" if full else "city_state"])

    def _store(self, state: AvayaState, kind: Kind, number: Number, data: dict,
               price: str) -> dict:
        lookup_sid = self.new_sid(state, kind.prefix)
        now = rfc2822(self.clock.now())
        record = {"sid": lookup_sid, "account_sid": state.account["sid"],
                  "date_created": now, "date_updated": now, "phone_number": number.e164,
                  **data, "price": price, "api_version": "v2",
                  "uri": f"{account_path(state.account['sid'])}/{kind.segment}/{lookup_sid}"}
        getattr(state, kind.collection)[lookup_sid] = record
        if Decimal(price) > 0:
            self.charge(state, kind.product, 1, Decimal(price))
        return record

    def _list(self, sid: str, kind: Kind, window: Window) -> Listing:
        with self.locked(sid) as state:
            records = list(reversed(getattr(state, kind.collection).values()))
            return window.slice(records, dict)


def lookup_numbers(params: Params, *, multiple: bool) -> list[Number]:
    """The numbers a lookup asks about: ``PhoneNumber`` formatted as every number is
    (``+1 (408) 647-4636`` -> ``+14086474636``); for CNAM and BNA, several separated by
    commas. 21401 when it is missing, a part has no digits, or a number cannot be one."""
    raw = params.get("PhoneNumber")
    parts = (raw or "").split(",") if multiple else [raw or ""]
    numbers = [phone(part) for part in parts]
    if raw is None or not all(numbers):
        raise AvayaError(21401, details="PhoneNumber is required: a number in E.164 format"
                         if raw is None else f"PhoneNumber {raw!r} holds no number")
    return [classify(number) for number in numbers]
