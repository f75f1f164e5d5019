"""SMS (seed 004, Send SMS, View SMS, List SMS) at ``/SMS/Messages``: the seed gives no
URL; the Zang SDKs (zang-python, zang-node, zang-go) all use ``SMS/Messages``. Part of the
Avaya backend (a mixin); no Flask here.

Send: ``To``, ``From``, ``Body``, ``StatusCallback``, ``StatusCallbackMethod`` and
``AllowMultiple`` (which zang-python and zang-node send). A body of up to 160 GSM-7 or 70
Unicode characters is one unit; a longer one goes in units of 153 (67) characters, up to
765 (335). ``AllowMultiple`` absent or true lets a body take several units, as the seed
describes; ``AllowMultiple=false`` holds it to one unit (21605 / 21610 beyond), as the
SDKs' "If the Body length is greater than 160 characters, the SMS will be sent as a
multi-part SMS" implies. An international destination (``To`` in another country than
``From``) takes one unit only. The price is units times the destination's per-unit price
(fixtures/avaya/message_prices.json); a destination not priced there is refused (31010).
Each SMS sent is charged as product 3 "Outbound SMS" (quantity: its units).
"""
from __future__ import annotations

from .accounts import account_path
from .errors import AvayaError
from .ledger import OUTBOUND_SMS
from .message_rules import checked_body, price
from .outbound import ADDRESSES, Outbound, present_message
from .params import Params
from .state import AvayaState
from .wire import rfc2822

SMS_PARAMS = ("To", "From", "Body", "StatusCallback", "StatusCallbackMethod", "AllowMultiple")
#: every SMS needs a To (21604), a From (21603) and a Body (21602)
SMS_REQUIRED = ADDRESSES + (("Body", 21602),)


def sms_path(account_sid: str, sid: str) -> str:
    """The ``uri`` of an SMS."""
    return f"{account_path(account_sid)}/SMS/Messages/{sid}"


class SmsMessages(Outbound):
    """SMS of the Avaya backend."""

    def send_sms(self, account_sid: str, params: Params) -> dict:
        """Send SMS: checked (codes in outbound.py, message_rules.py and the module doc),
        stored ``queued``, charged, and moved on by the mock clock."""
        with self.locked(account_sid) as state:
            return present_message(self.store_sms(state, params))

    def store_sms(self, state: AvayaState, params: Params,
                  direction: str = "outbound-api") -> dict:
        """Check, store, charge and queue an SMS of the account (Send SMS, and InboundXML's
        Sms with direction ``outbound-call`` or ``outbound-reply``); its record."""
        self.require_active(state)
        self.require_present(params, SMS_REQUIRED)
        body = params.get("Body")
        callback = self.checked_callback(params)
        ends = self.checked_addresses(state, params, "sms")
        self.check_recipient(state, ends, 80001)
        self.check_flood(state, "sms", body)
        per_unit = self.unit_price("sms_outbound", ends.to_region)
        if per_unit is None:
            raise AvayaError(31010, details=f"no SMS to {ends.to_region or ends.to}")
        international = ends.to_region != ends.from_region
        allow_multiple = params.boolean("AllowMultiple") is not False
        segments = checked_body(body, single_unit=international or not allow_multiple,
                                why="an international destination" if international
                                else "AllowMultiple=false")
        account_sid = state.account["sid"]
        sid = self.new_sid(state, "SM")
        now = rfc2822(self.clock.now())
        cost = per_unit * segments.units
        record = {"body": body, "status": "queued", "direction": direction,
                  "date_updated": now, "price": price(per_unit, segments.units),
                  "from": ends.from_, "uri": sms_path(account_sid, sid),
                  "account_sid": account_sid, "to": ends.to, "sid": sid,
                  "date_sent": None, "date_created": now, "api_version": "v2",
                  "_callback": callback, "_units": segments.units,
                  "_encoding": segments.encoding}
        state.sms[sid] = record
        self.charge(state, OUTBOUND_SMS, segments.units, cost)
        self.queue_message(state, "sms", sid)
        return record
