"""A fraud-control rule as the Avaya API shows it (seed 004, Block Destination's Response
Parameters, List Fraud Control Resources), and the country it is about. No Flask here;
fraud.py applies the rules.

A rule is kept in ``state.fraud`` under its ISO country code, in its JSON form with two
bookkeeping keys: ``_status`` (``blocked``, ``authorized`` or ``whitelisted``: the key the
API wraps it in, ``{"blocked": {...}}``) and ``_expired`` (an authorization whose 30 days
ran out). The keys are in the order the real API answered (zang-python's recorded
``fraudcontrol/*.json``): a block or whitelisting as ``blocked.json``, an authorization as
the authorized items of ``list.json`` (which add ``expiration_date``).

An authorization's expiry is computed from the mock clock when the rule is read
(``current``), never scheduled: "Authorization has expired and destination has returned to
fully blocked status" (70012), so an expired authorization reads as a block with every
switch off, updated at its expiration date, that remembers it was an authorization.
"""
from __future__ import annotations

from datetime import datetime, timedelta

import phonenumbers

from .errors import AvayaError
from .params import Params
from .wire import parse_rfc2822, rfc2822

BLOCKED, AUTHORIZED, WHITELISTED = "blocked", "authorized", "whitelisted"
#: "Unless extended, authorized destination will expire after 30 days"; Extend adds 30
AUTHORIZATION = timedelta(days=30)
#: each documented switch and its key in the rule
SWITCHES = (("MobileEnabled", "mobile_enabled"), ("LandlineEnabled", "landline_enabled"),
            ("SmsEnabled", "sms_enabled"))
RULE_PARAMS = tuple(name for name, _ in SWITCHES)
#: the recorded key orders: blocked.json / whitelisted.json, and list.json's authorized items
ORDER = {
    BLOCKED: ("is_lock", "mobile_enabled", "landline_enabled", "date_updated",
              "country_code", "sid", "country_name", "date_created", "sms_enabled",
              "country_prefix"),
    AUTHORIZED: ("date_updated", "sms_enabled", "country_code", "is_lock", "expiration_date",
                 "mobile_enabled", "landline_enabled", "sid", "country_name", "date_created",
                 "country_prefix"),
}
ORDER[WHITELISTED] = ORDER[BLOCKED]
_TRUE, _FALSE = ("true", "1"), ("false", "0")


def country(raw: str, names: dict[str, str]) -> dict:
    """The path's CountryCode (ISO 3166 alpha-2, any case) as a rule's ``country_code``,
    ``country_name`` and ``country_prefix``; 70002 for a code phonenumbers does not place
    or whose name is unknown."""
    code = raw.strip().upper()
    name = ""
    if code in phonenumbers.SUPPORTED_REGIONS:
        # imported on first use: the locale table costs ~300 ms and ~100 MB at start-up
        from phonenumbers.geodata.locale import LOCALE_DATA
        name = names.get(code) or LOCALE_DATA.get(code, {}).get("en", "")
        if name.startswith("*"):          # geodata's "same as language X" reference
            name = LOCALE_DATA[code].get(name[1:], "")
    if not name:
        raise AvayaError(70002, details=f"CountryCode {raw!r} is not an ISO 3166 alpha-2 "
                                        "country the mock knows")
    return {"country_code": code, "country_name": name,
            "country_prefix": f"+{phonenumbers.country_code_for_region(code)}"}


def switches(params: Params, default: dict[str, bool]) -> dict[str, bool]:
    """MobileEnabled, LandlineEnabled and SmsEnabled as the rule's booleans: "true" or
    "false" (any case; "1" and "0" too), ``default`` for each one absent; 10022 for any
    other value."""
    found = {}
    for name, key in SWITCHES:
        raw = params.text(name)
        found[key] = default[key] if raw is None else flag(name, raw)
    return found


def flag(name: str, raw: str) -> bool:
    """A documented "true"/"false" value; 10022 for another."""
    value = raw.strip().lower()
    if value not in _TRUE + _FALSE:
        raise AvayaError(10022, details=f'{name} must be "true" or "false", got {raw!r}')
    return value in _TRUE


def build(status: str, fields: dict, *, expired: bool = False) -> dict:
    """A stored rule of ``status`` from its fields (``expiration_date`` kept only for an
    authorization), in the recorded order."""
    record = {key: fields[key] for key in ORDER[status]}
    record.update({"_status": status, "_expired": expired})
    return record


def expiry(rule: dict) -> datetime:
    """When an authorization expires (naive UTC)."""
    return parse_rfc2822(rule["expiration_date"])


def current(rule: dict | None, now: datetime) -> dict | None:
    """The rule as it stands at ``now``: an authorization whose expiry has passed is a
    full block (every switch off) updated at its expiry, marked ``_expired``."""
    if rule is None or rule["_status"] != AUTHORIZED or expiry(rule) > now:
        return rule
    fields = dict(rule, mobile_enabled=False, landline_enabled=False, sms_enabled=False,
                  date_updated=rule["expiration_date"])
    return build(BLOCKED, fields, expired=True)


def present(rule: dict) -> dict:
    """A rule as the API shows it: ``{"<status>": {fields}}`` without bookkeeping."""
    return {rule["_status"]: {key: value for key, value in rule.items()
                              if not key.startswith("_")}}


def expiring(moment: datetime) -> str:
    """An ``expiration_date`` 30 days after ``moment``."""
    return rfc2822(moment + AUTHORIZATION)
