"""An SMS from the outside world to an account number, simulated through the control API
(``POST /_mock/avaya/sms``), and the opt-out and opt-in keywords it may carry (seed 004,
Supported opt-in and opt-out keywords). Part of the Avaya backend (a mixin); no Flask here.

The SMS is listed with direction ``incoming`` and status ``received``, and charged as
product 4 "Inbound SMS" (quantity: its units; price per unit by the number's country). When
its whole body (trimmed, any case) is an opt-out keyword (UNSUBSCRIBE, CANCEL, STOP, QUIT)
the sender may no longer be sent messages from that number (80000); an opt-in keyword
(SUBSCRIBE, RESUME, UNSTOP, START, YES) lifts that. The platform's automatic reply to a
keyword is not simulated.

If the number (or the SMS application it names) has an ``sms_url``, the SMS is delivered
there, form-encoded (query for GET, form body for POST, per ``sms_method``), keywords
included; when the last attempt fails a Notification is written and the
``sms_fallback_url``, if any, is tried.

Errors are the control API's (core BadRequest / NotFound, rendered ``{"error": ...}``).
"""
from __future__ import annotations

from decimal import Decimal

from marshmallow import RAISE, Schema, validate

from ...core.errors import BadRequest, NotFound
from ...core.validation import StrictString, load
from .ledger import INBOUND_SMS
from .message_rules import capable, keyword, price, segments
from .message_status import INBOUND
from .outbound import Outbound, present_message
from .params import phone, region_of, valid_e164
from .sms import sms_path
from .state import AvayaState
from .wire import rfc2822


class InboundSms(Schema):
    """``POST /_mock/avaya/sms``."""

    class Meta:
        unknown = RAISE       # a control endpoint names a key it does not take

    account_sid = StrictString(required=True, validate=validate.Length(min=1))
    from_ = StrictString(required=True, data_key="from")
    to = StrictString(required=True)
    body = StrictString(required=True, validate=validate.Length(max=1600))


INBOUND_SMS_SCHEMA = InboundSms()


def inbound_fields(record: dict) -> dict[str, str]:
    """What the SmsUrl is sent about a received SMS (Twilio and Zang style names)."""
    return {"AccountSid": record["account_sid"], "SmsSid": record["sid"],
            "From": record["from"], "To": record["to"], "Body": record["body"],
            "SmsStatus": record["status"], "Direction": record["direction"],
            "DateSent": record["date_sent"], "ApiVersion": "v2"}


class InboundMessages(Outbound):
    """Inbound SMS of the Avaya backend."""

    def receive_sms(self, body: object) -> dict:
        """An SMS ``from`` a phone ``to`` a number of ``account_sid``: stored, charged,
        its keyword applied, delivered to the SmsUrl. Returns the SMS resource, the keyword
        (``opt-out``, ``opt-in`` or None), the senders now opted out from that number, and
        the URL it is delivered to."""
        args = load(INBOUND_SMS_SCHEMA, body if isinstance(body, dict) else {}, "invalid sms")
        tenant = self.store.peek(args["account_sid"])
        if tenant is None:
            raise NotFound(details=f"no Avaya account {args['account_sid']!r} has been used")
        sender, to = phone(args["from_"]), phone(args["to"])
        if not valid_e164(sender):
            raise BadRequest(details=f"from {args['from_']!r} is not a valid E.164 number")
        with tenant.lock:
            state = tenant.state
            number = self.account_number(state, to) if to else None
            if number is None:
                raise NotFound(details=f"{args['to']} is not a number of {tenant.id}")
            if not capable(number, "sms"):
                raise BadRequest(details=f"{to} is not SMS capable")
            record = self._received(state, sender, to, args["body"])
            word = keyword(args["body"])
            senders = self._apply_keyword(state, to, sender, word)
            target = self.sms_target(state, number)
            fields = inbound_fields(record)
        if target is not None:
            self.deliver(tenant.id, INBOUND, target["url"], target["method"], fields,
                         {"kind": "sms", "sid": record["sid"], "fallback": target["fallback"]})
        return {"sms_message": present_message(record), "keyword": word,
                "opted_out": senders, "sms_url": target["url"] if target else None}

    def _received(self, state: AvayaState, sender: str, to: str, body: str) -> dict:
        units = segments(body).units
        per_unit = self.unit_price("sms_inbound", region_of(to)) or Decimal(0)
        sid = self.new_sid(state, "SM")
        now = rfc2822(self.clock.now())
        account_sid = state.account["sid"]
        record = {"body": body, "status": "received", "direction": "incoming",
                  "date_updated": now, "price": price(per_unit, units), "from": sender,
                  "uri": sms_path(account_sid, sid), "account_sid": account_sid,
                  "to": to, "sid": sid, "date_sent": now, "date_created": now,
                  "api_version": "v2", "_units": units}
        state.sms[sid] = record
        self.charge(state, INBOUND_SMS, units, per_unit * units)
        return record

    def _apply_keyword(self, state: AvayaState, number: str, sender: str,
                       word: str | None) -> list[str]:
        senders = state.opted_out.setdefault(number, [])
        if word == "opt-out" and sender not in senders:
            senders.append(sender)
        elif word == "opt-in" and sender in senders:
            senders.remove(sender)
        if not senders:
            del state.opted_out[number]
        return list(senders)

    def sms_target(self, state: AvayaState, number: dict) -> dict | None:
        """Where an SMS to ``number`` is delivered: the SMS application's URLs when the
        number names one that exists, else the number's own; None without an SmsUrl."""
        source = number
        application = state.applications.get(number.get("sms_application_sid") or "")
        if application is not None:
            source = application
        url = source.get("sms_url")
        if not url:
            return None
        fallback_url = source.get("sms_fallback_url")
        fallback = {"url": fallback_url, "method": _method(source.get("sms_fallback_method"))} \
            if fallback_url else None
        return {"url": url, "method": _method(source.get("sms_method")), "fallback": fallback}


def _method(value: str | None) -> str:
    return "GET" if (value or "").strip().upper() == "GET" else "POST"
