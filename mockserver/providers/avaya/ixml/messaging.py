"""InboundXML ``<Sms>`` and ``<Mms>`` (seed 004 error table, 14101-14111; the attributes are
those zang-python's ``zang/inboundxml/elements/sms.py`` and ``mms.py`` build: ``to``,
``from``, ``action``, ``method``, ``statusCallback``, Mms's ``mediaUrl``; zang-node's xsd
adds ``statusCallbackMethod``). The text is the message body.

The message is sent from the account as Send SMS / Send MMS send one (sms.py, mms.py:
priced, charged, ``queued`` then ``sending`` and ``sent`` on the mock clock, its
statusCallback told), listed with direction ``outbound-call`` when a call sent it and
``outbound-reply`` when it answers an inbound SMS (the seed's View SMS ``direction``).
``to`` defaults to the other party (the caller of an inbound call, the callee of an
outbound one, the sender of an inbound SMS) and ``from`` to the account's number on the
call or SMS (zang-node's sms.js). In a call, the ``action`` (if any) is then requested with
``SmsSid`` and ``SmsStatus`` (``MmsSid``, ``MmsStatus``) and its document runs; otherwise
the document goes on at once.

Codes: a ``to`` that is missing, not a valid number, equal to ``from`` or not reachable
14101; a ``from`` that is not one of the account's numbers 14102, not SMS (MMS) capable
14108; an empty or too long body 14103; ``method`` or ``statusCallbackMethod`` 14104; a
malformed ``statusCallback`` 14105; a trial account sending outside the US 14111; a
recipient who opted out 80000; ``mediaUrl`` missing or malformed 14115, of an unsupported
type 14117; a malformed ``action`` 11100.
"""
from __future__ import annotations

from ..errors import AvayaError
from ..params import Params
from ..state import AvayaState
from . import attributes as attr
from .outcome import Outcome, fetch, go_on
from .verbs import base_of, verb

#: the Send SMS / Send MMS code behind each InboundXML message code
MESSAGE_CODES = {21604: 14101, 21211: 14101, 21611: 14101, 31010: 14101,
                 21603: 14102, 21212: 14102, 21606: 14102,
                 21602: 14103, 21605: 14103, 21610: 14103,
                 12301: 14105, 80001: 14111, 80002: 14111}
#: each kind's element, sending method name, and the names of the action's fields
KINDS = {"Sms": ("store_sms", "sid", "SmsSid", "SmsStatus"),
         "Mms": ("store_mms", "mms_sid", "MmsSid", "MmsStatus")}


def send_message(backend, state: AvayaState, element: dict, *, to: str, from_: str,
                 direction: str, base: str) -> tuple[dict, dict | None, dict]:
    """Send the Sms or Mms ``element``: the message record, its action (``{"url",
    "method"}`` or None) and the fields the action is requested with."""
    attrs = element["attrs"]
    method = attr.method(element, 14104)
    action = attr.url(element, attrs.get("action"), base, 11100)
    values = {"To": attrs.get("to") or to, "From": attrs.get("from") or from_,
              "Body": element["text"]}
    callback = attrs.get("statusCallback")
    if callback:
        values["StatusCallback"] = attr.url(element, callback, base, 14105)
        values["StatusCallbackMethod"] = attrs.get("statusCallbackMethod") or "POST"
    store, sid_key, sid_name, status_name = KINDS[element["tag"]]
    if element["tag"] == "Mms":
        values["MediaUrl"] = attrs.get("mediaUrl") or ""
    try:
        record = getattr(backend, store)(state, Params(values), direction=direction)
    except AvayaError as err:
        code = MESSAGE_CODES.get(err.code, err.code)
        raise AvayaError(code, details=err.details or err.message) from None
    fields = {sid_name: record[sid_key], status_name: record["status"]}
    return record, ({"url": action, "method": method} if action else None), fields


def call_ends(call: dict) -> tuple[str, str]:
    """The other party of a call and the account's number on it: (to, from)."""
    if call["direction"] == "inbound":
        return call["from"], call["to"]
    return call["to"], call["from"]


def _in_call(backend, state, call, element) -> Outcome:
    to, from_ = call_ends(call)
    _, action, fields = send_message(backend, state, element, to=to, from_=from_,
                                     direction="outbound-call", base=base_of(call))
    if action:
        return fetch(action["url"], action["method"], fields)
    return go_on(0)


@verb("Sms")
def sms(backend, state, call, element) -> Outcome:
    """Send an SMS from the account; request ``action`` or go on."""
    return _in_call(backend, state, call, element)


@verb("Mms")
def mms(backend, state, call, element) -> Outcome:
    """Send an MMS from the account; request ``action`` or go on."""
    return _in_call(backend, state, call, element)
