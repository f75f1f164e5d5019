"""What every resource writes down as it works: usage (what the account consumed, which
Usages are computed from, and which the balance is debited by) and notifications (errors
and warnings the account would see in its Notifications). Part of the Avaya backend (a
mixin); listing both is in usages.py and notifications.py.
"""
from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from . import timeline
from .accounts import account_path
from .errors import MORE_INFO
from .state import AvayaState
from .wire import rfc2822

#: product codes (seed 004, List Usages, Product Codes) -> product name
PRODUCTS = {
    1: "Outbound Call", 2: "Inbound Call", 3: "Outbound SMS", 4: "Inbound SMS",
    5: "Outbound SIP", 6: "Inbound SIP", 7: "Recording", 8: "Recurring DID",
    9: "Recurring DID (Premium)", 12: "Transcription (Auto)", 14: "Transcription (Keywords)",
    17: "Recurring Inbound Channel", 18: "Inbound Call (Channel)", 19: "CNAM Dip",
    20: "Carrier Lookup", 21: "Outbound Call (Spoofed)", 22: "Inbound Call (Channel Overage)",
    23: "Recurring DID Unblock", 24: "Inbound Call Unblocked", 25: "Inbound Call Forwarded From",
}
OUTBOUND_SMS, INBOUND_SMS, RECURRING_DID = 3, 4, 8
#: notification log levels (seed 004, View Notification): 0 ERROR, 1 WARNING, 2 INFO
ERROR, WARNING, INFO = 0, 1, 2
LOG_LEVELS = {ERROR: "ERROR", WARNING: "WARNING", INFO: "INFO"}
#: the most notifications an account keeps (the oldest go first): every refused request
#: writes one, so a long test run would otherwise grow them without end
NOTIFICATIONS_KEPT = 1000


class Ledger:
    """Usage and notifications of the Avaya backend."""

    def charge(self, state: AvayaState, product_id: int, quantity: int, cost: Decimal,
               *, count: int = 1) -> None:
        """Record ``count`` uses of a product (``quantity`` units, such as SMS segments or
        minutes, costing ``cost`` in all) today on the mock clock, and debit the balance."""
        state.usage.append({"product_id": product_id, "quantity": quantity, "count": count,
                            "cost": f"{cost:.6f}",
                            "date": self.clock.now().date().isoformat()})
        self.debit(state, cost)

    def notify(self, state: AvayaState, code: int, message: str, *, log: int = ERROR,
               request_url: str = "", request_method: str = "POST",
               request_variables: dict | None = None, response_headers: str = "",
               response_body: str = "", call_sid: str | None = None) -> dict:
        """Write a Notification: ``code`` is the seed's error code, ``message`` its text;
        the request that caused it (``request_*``; the method GET or POST, the only ones
        zang-python's HttpMethod enum reads) and what came back (``response_*``).

        The shape is the seed's View Notification as the real API answered it (zang-python's
        recorded notification.json): ``message_text`` is ``ErrorCode=..&Msg=..&LogLevel=``
        with the level written ``(0, 'ERROR')``; the body that came back is under both
        ``response_data`` (the seed's name) and ``response_body`` (the recorded response's,
        which zang-python's Notification reads)."""
        sid = self.new_sid(state, "NO")
        now = rfc2822(self.clock.now())
        record = {
            "sid": sid, "account_sid": state.account["sid"], "call_sid": call_sid,
            "date_created": now, "date_updated": now, "log": log, "error_code": code,
            "more_info": MORE_INFO.format(code=code),
            "message_text": urlencode({"ErrorCode": code, "Msg": message,
                                       "LogLevel": f"({log}, '{LOG_LEVELS[log]}')"}),
            "message_date": now, "response_headers": response_headers,
            "response_data": response_body, "response_body": response_body,
            "request_url": request_url,
            "request_method": request_method,
            "request_variables": urlencode(request_variables or {}),
            "api_version": "v2",
            "uri": f"{account_path(state.account['sid'])}/Notifications/{sid}",
        }
        state.notifications[sid] = record
        if call_sid and call_sid in state.calls:
            timeline.record(state.calls[call_sid], self.clock.now(), "notification", sid=sid,
                            code=code, message=message, log=log, level=LOG_LEVELS[log])
        while len(state.notifications) > NOTIFICATIONS_KEPT:
            del state.notifications[next(iter(state.notifications))]
        return record
