"""The InboundXML reply to an inbound SMS (seed 004, Add/Update Number: "SmsUrl: The URL
requested when an SMS is received, returning InboundXML with instructions on how to process
your SMS"; error table 14109 ``SMS Reply message limit exceeded``, 14110 ``Invalid Verb for
SMS Reply``).

When the delivery of an inbound SMS to the SmsUrl (or the SmsFallbackUrl) succeeds and what
came back is an XML document (an XML Content-Type, or none, and a body that starts with
``<``), it is parsed (document.py: 12100, 12102) and its elements run at once, in order:
each ``Sms`` or ``Mms`` sends a message (messaging.py) with direction ``outbound-reply``,
``to`` defaulting to the sender and ``from`` to the number that received the SMS; an
``action`` is requested with ``SmsSid`` and ``SmsStatus`` (``MmsSid``, ``MmsStatus``), fire
and forget (what it answers is not run). Any other element is refused with 14110; more
than ``AVAYA_SMS_REPLY_LIMIT`` (10) messages with 14109. A refusal (or a bad attribute's
141xx code) writes a Notification and stops the reply; the messages before it were sent.
A body that is not XML (``OK``) is no reply: nothing is sent and nothing is written.
"""
from __future__ import annotations

from ..errors import MESSAGES, AvayaError
from ..ledger import ERROR
from ..message_status import STATUS_CALLBACK
from .document import is_xml_type, parse
from .messaging import send_message

REPLY_VERBS = ("Sms", "Mms")
REPLY_LIMIT = 10
INVALID_VERB, LIMIT_EXCEEDED = 14110, 14109


def run_sms_reply(backend, tenant_id: str, context: dict, attempt: dict) -> None:
    """Run the InboundXML the SmsUrl answered ``attempt`` with (module doc)."""
    body = (attempt.get("response") or "").strip()
    if not body.startswith("<") or not is_xml_type(attempt.get("content_type")):
        return
    tenant = backend.store.peek(tenant_id)
    if tenant is None:
        return
    limit = int(backend.services.config.get("AVAYA_SMS_REPLY_LIMIT", REPLY_LIMIT))
    with tenant.lock:
        state = tenant.state
        received = state.sms.get(context.get("sid") or "")
        if received is None:
            return
        try:
            elements = parse(body)
            for count, element in enumerate(elements):
                if element["tag"] not in REPLY_VERBS:
                    raise AvayaError(INVALID_VERB, details=f"<{element['tag']}> in an SMS "
                                                           "reply")
                if count >= limit:
                    raise AvayaError(LIMIT_EXCEEDED, details=f"at most {limit} messages")
                _, action, fields = send_message(
                    backend, state, element, to=received["from"], from_=received["to"],
                    direction="outbound-reply", base=attempt["url"])
                if action:
                    backend.deliver(tenant_id, STATUS_CALLBACK, action["url"],
                                    action["method"], fields,
                                    {"kind": "sms", "sid": received["sid"]})
        except AvayaError as err:
            backend.notify(state, err.code, MESSAGES.get(err.code, err.message), log=ERROR,
                           request_url=attempt["url"], request_method=attempt["method"],
                           request_variables=context.get("fields"),
                           response_body=attempt.get("response") or "")
