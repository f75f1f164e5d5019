"""What sending an SMS and sending an MMS share (seed 004, Send SMS, Send MMS): the
addresses, the account number sent from, the trial and opt-out rules, the StatusCallback,
prices, and the listing filters. Part of the Avaya backend (a mixin); no Flask here.

Which mistake answers with which code (docs/providers/avaya.md):

- ``To`` missing or blank: 21604; ``From`` missing or blank: 21603;
- ``To`` not a valid E.164 number (phonenumbers): 21211; ``From`` with no digits: 21212;
  an MMS's ``To`` and ``From`` may be national numbers ("The value does not have to be in
  any specific format"): From read as US, To in From's country (``params.any_format``);
- ``From`` not a number the account holds: 21606; held but not SMS (MMS) capable: 14108;
- ``To`` equal to ``From``: 21611;
- a trial account sending anywhere but the US: 80001 (SMS), 80002 (MMS);
- a recipient who opted out from that account number: 80000;
- ``StatusCallback`` longer than 200 characters: 12301, malformed: 14105;
  ``StatusCallbackMethod`` other than GET or POST: 14104.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Mapping

from .errors import AvayaError, NotFound
from .message_rules import capable
from .message_status import MessageStatus
from .paging import Listing, NewestFirst, Window, key_order
from .params import Params, any_format, date_filter, phone, region_of, valid_e164, within
from .state import AvayaState
from .wire import per_key_set


#: each kind of message: its state collection, its name in errors, its own list filters
LISTED = {"sms": ("sms", "SMS message", ("Status", "Direction")),
          "mms": ("mms", "MMS message", ())}
#: the addresses every message needs, and the code answering each one missing
ADDRESSES = (("To", 21604), ("From", 21603))
#: every query key ``_filtered`` reads: a list asked for with none of them is the whole list
LIST_FILTERS = ("To", "From", "Status", "Direction", "DateSent", "DateSent>", "DateSent>=",
                "DateSentGte", "DateSent<", "DateSent<=", "DateSentLt")


@dataclass(frozen=True)
class Addresses:
    """A message's checked ends: the numbers, their countries, and the account number
    sent from (its record)."""

    to: str
    from_: str
    to_region: str | None
    from_region: str | None
    number: dict


def present_message(record: dict) -> dict:
    """A stored message as the API shows it: without the mock's bookkeeping (``_`` keys)."""
    shown = dict(record)
    for key in _private_keys(record):
        del shown[key]
    return shown


def _private_key_set(keys: tuple) -> tuple:
    """The bookkeeping keys among a record's keys."""
    return tuple(key for key in keys if key.startswith("_"))


_private_keys = per_key_set(_private_key_set)


class Outbound(MessageStatus):
    """The checks, prices and listing shared by SMS and MMS."""

    def require_present(self, params: Params, required: tuple[tuple[str, int], ...]) -> None:
        """The first of ``required`` (name, code) that is missing or blank is refused with
        its code: every message needs ``To`` (21604) and ``From`` (21603), an SMS its
        ``Body`` (21602)."""
        for name, code in required:
            if not params.text(name):
                raise AvayaError(code, details=f"{name} is required")

    def checked_addresses(self, state: AvayaState, params: Params, feature: str) -> Addresses:
        """``To`` and ``From`` checked against the account (codes in the module doc);
        ``feature`` (``sms`` or ``mms``) is the capability the From number needs. An MMS's
        numbers may be national (``any_format``): its From read as a US number, its To in
        the From number's country; an SMS's need their country code."""
        self.require_present(params, ADDRESSES)
        raw_to, raw_from = params.text("To"), params.text("From")
        if feature == "mms":        # "The value does not have to be in any specific format"
            from_ = any_format(raw_from)
            to = any_format(raw_to, region_of(from_) if valid_e164(from_) else None)
        else:                       # SMS: "The number needs to be E.164 format"
            to, from_ = phone(raw_to), phone(raw_from)
        if not valid_e164(to):
            raise AvayaError(21211, details=f"To {raw_to!r} is not a valid E.164 number")
        if from_ is None:
            raise AvayaError(21212, details=f"From {raw_from!r} has no digits")
        number = self.account_number(state, from_)
        if number is None:
            raise AvayaError(21606, details=f"{from_} is not a number of this account")
        if not capable(number, feature):
            raise AvayaError(14108, details=f"{from_} cannot send {feature.upper()}")
        if to == from_:
            raise AvayaError(21611)
        return Addresses(to, from_, region_of(to), region_of(from_), number)

    def check_recipient(self, state: AvayaState, ends: Addresses, trial_code: int) -> None:
        """A trial account sends to the US only (``trial_code``, 403); a recipient who
        opted out from the From number is refused (80000, 403)."""
        if state.account["type"] == "trial" and ends.to_region != "US":
            raise AvayaError(trial_code, status=403,
                             details=f"{ends.to} is in {ends.to_region}; trial accounts "
                                     "send to the US only")
        if ends.to in state.opted_out.get(ends.from_, ()):
            raise AvayaError(80000, status=403,
                             details=f"{ends.to} opted out of messages from {ends.from_}")
        self.check_fraud(state, ends.to, "sms")

    def checked_callback(self, params: Params) -> dict | None:
        """``{"url", "method"}`` of the StatusCallback, or None without one."""
        url = params.url("StatusCallback", invalid=14105)
        raw_method = (params.text("StatusCallbackMethod") or "").upper()
        if raw_method and raw_method not in ("GET", "POST"):
            raise AvayaError(14104, details="StatusCallbackMethod must be GET or POST, got "
                                            f"{params.get('StatusCallbackMethod')!r}")
        return {"url": url, "method": raw_method or "POST"} if url else None

    def unit_price(self, table: str, region: str | None) -> Decimal | None:
        """The per-unit price of ``table`` (message_prices.json) for a country, its ``*``
        entry for any other, or None when neither is listed."""
        prices = self.settings["fixtures"].load("message_prices.json")[table]
        found = prices.get(region or "", prices.get("*"))
        return Decimal(found) if found is not None else None

    def view_message(self, account_sid: str, kind: str, sid: str) -> dict:
        """View SMS or View MMS (``kind``); 21227 (404) for an unknown SID."""
        collection, label, _ = LISTED[kind]
        with self.locked(account_sid) as state:
            record = getattr(state, collection).get(sid)
            if record is None:
                raise NotFound(label, sid)
            return present_message(record)

    def list_messages(self, account_sid: str, kind: str, args: Mapping[str, str],
                      window: Window) -> Listing:
        """List SMS or List MMS (``kind``): newest first, filtered by ``To``, ``From``,
        ``DateSent`` (with inequalities: on the day sent, or created while not yet sent)
        and, for SMS, ``Status`` and ``Direction`` (``inbound`` finds ``incoming``). List
        SMS's ``To`` and ``From`` "must include the country code"; List MMS's may be
        national (``any_format``, read as US numbers)."""
        collection, _, filters = LISTED[kind]
        with self.locked(account_sid) as state:
            records = getattr(state, collection)
            if not any(name in args for name in LIST_FILTERS):     # the whole list
                return window.slice(NewestFirst(records, key_order(state, collection)),
                                    present_message)
            return self._filtered(records.values(), args, window, filters,
                                  any_format if kind == "mms" else phone)

    def _filtered(self, records: Iterable[dict], args: Mapping[str, str], window: Window,
                  filters: tuple[str, ...], number=phone) -> Listing:
        to, from_ = number(args.get("To")), number(args.get("From"))
        sent = date_filter(args, "DateSent")
        status = (args.get("Status") or "").strip().lower() if "Status" in filters else ""
        direction = (args.get("Direction") or "").strip().lower() \
            if "Direction" in filters else ""
        if direction == "inbound":
            direction = "incoming"
        found = []
        for record in reversed(list(records)):
            if (to and record["to"] != to) or (from_ and record["from"] != from_):
                continue
            if (status and record["status"] != status) or \
                    (direction and record["direction"] != direction):
                continue
            if not within(record["date_sent"] or record["date_created"], sent):
                continue
            found.append(record)
        return window.slice(found, present_message)
