"""SMS and MMS (seed 004, View/List/Send SMS, Supported opt-in and opt-out keywords,
View/List/Send MMS). Part of the Avaya backend (a mixin); no Flask here.

The parts: sms.py and mms.py (the resources), outbound.py (what sending shares),
message_rules.py (bodies, units, keywords, media types), message_status.py (statuses on the
mock clock, status callbacks, deliveries), inbound.py (an SMS from outside, simulated).
"""
from __future__ import annotations

from .inbound import InboundMessages
from .mms import MmsMessages
from .sms import SmsMessages


class Messages(SmsMessages, MmsMessages, InboundMessages):
    """SMS and MMS of the Avaya backend."""
