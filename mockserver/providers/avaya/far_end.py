"""The far end of a call, simulated: who answers, how, what they press and say, when they
hang up. Part of the Avaya backend (a mixin); no Flask here.

By default a callee answers after a few seconds, is a human, presses no keys, says
nothing and stays until the application hangs up (docs/providers/avaya.md, "Calls"). A
test scripts a destination (an E.164 number or a SIP URI) through
``POST /_mock/avaya/callees``; an inbound call, simulated through
``POST /_mock/avaya/calls``, carries its caller's script itself.

A script: ``answer`` (``human``, ``machine``, ``busy``, ``no-answer`` or ``failed``),
``ring_seconds`` (how long it rings first), ``hangup_after`` (seconds after answering, or
None to stay), ``digits`` (one entry a Gather: the keys pressed, "" for none), ``speech``
(one entry a speech Gather), ``say`` (what they say into a Record, which transcriptions
return) and ``record_seconds`` (how long they speak into a Record).
"""
from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from ...core.errors import BadRequest, NotFound
from ...core.validation import StrictString, load
from .calls import is_sip, present_call
from .params import phone
from .state import AvayaState

ANSWERS = ("human", "machine", "busy", "no-answer", "failed")
DEFAULT_SCRIPT = {"answer": "human", "ring_seconds": 3, "hangup_after": None, "digits": [],
                  "speech": [], "say": None, "record_seconds": 5}


class Script(Schema):
    """A far end's script (every field optional)."""

    class Meta:
        unknown = RAISE       # a control endpoint names a key it does not take

    answer = StrictString(validate=validate.OneOf(ANSWERS))
    ring_seconds = fields.Float(validate=validate.Range(min=0, max=999))
    hangup_after = fields.Float(allow_none=True, validate=validate.Range(min=0))
    digits = fields.List(StrictString(validate=validate.Regexp(r"^[0-9#*]*$")))
    speech = fields.List(StrictString())
    say = StrictString(allow_none=True)
    record_seconds = fields.Float(validate=validate.Range(min=0, max=3600))


class Callee(Script):
    """``POST /_mock/avaya/callees``: a destination's script."""

    account_sid = StrictString(required=True, validate=validate.Length(min=1))
    to = StrictString(required=True, validate=validate.Length(min=1))


class InboundCall(Script):
    """``POST /_mock/avaya/calls``: a call from outside to an account number."""

    account_sid = StrictString(required=True, validate=validate.Length(min=1))
    from_ = StrictString(required=True, data_key="from", validate=validate.Length(min=1))
    to = StrictString(required=True, validate=validate.Length(min=1))
    forwarded_from = StrictString()


CALLEE, INBOUND_CALL, SCRIPT = Callee(), InboundCall(), Script()


def destination_key(raw: str) -> str:
    """How a destination is looked up: a SIP URI without its parameters and headers, in
    lower case; a number formatted as the platform does (``+`` and digits)."""
    if is_sip(raw):
        return raw.strip().split("?", 1)[0].split(";", 1)[0].lower()
    return phone(raw) or raw.strip()


def script_of(values: dict) -> dict:
    """A complete script: the defaults with ``values``' script fields over them."""
    script = dict(DEFAULT_SCRIPT, digits=[], speech=[])
    script.update({key: values[key] for key in DEFAULT_SCRIPT if key in values})
    return script


class FarEnd:
    """Scripted callees of the Avaya backend."""

    def script_callee(self, body: object) -> dict:
        """Script what a destination does when the account calls it; the script back."""
        values = load(CALLEE, body if isinstance(body, dict) else {}, "invalid callee")
        with self.locked(values["account_sid"]) as state:
            key = destination_key(values["to"])
            state.callees[key] = script_of(values)
            return {"to": key, **state.callees[key]}

    def callees(self, account_sid: str) -> list[dict]:
        """Every scripted destination of an account."""
        with self.locked(account_sid) as state:
            return [{"to": key, **script} for key, script in state.callees.items()]

    def forget_callees(self, account_sid: str) -> int:
        """Drop an account's scripts; how many there were."""
        with self.locked(account_sid) as state:
            count = len(state.callees)
            state.callees.clear()
            return count

    def callee_for(self, state: AvayaState, destination: str) -> dict:
        """The script of whoever answers at ``destination`` (a fresh copy: a call consumes
        its digits and speech as it goes)."""
        found = state.callees.get(destination_key(destination))
        return script_of(found or {})

    def receive_call(self, body: object, base_url: str = "") -> dict:
        """A call from outside to one of the account's numbers (``POST /_mock/avaya/calls``):
        it rings and is answered by the platform, which requests the number's VoiceUrl (or
        its voice application's). ``base_url``: the mock's own ``/avaya`` URL, for the
        links the call leaves (recordings). The call resource back."""
        values = load(INBOUND_CALL, body if isinstance(body, dict) else {}, "invalid call")
        with self.locked(values["account_sid"]) as state:
            to = phone(values["to"])
            number = self.account_number(state, to) if to else None
            if number is None:
                raise NotFound(f"{values['to']} is not a number of account "
                               f"{values['account_sid']}")
            target = self.voice_target(state, number)
            if target is None:
                raise BadRequest(f"{to} has no VoiceUrl (nor a voice application with one)")
            raw_from = values["from_"]
            from_ = raw_from.strip() if is_sip(raw_from) else (phone(raw_from) or raw_from)
            call = self.new_call(state, to=to, from_=from_, direction="inbound",
                                 url=target["url"], method=target["method"],
                                 fallback=target["fallback"],
                                 status_callback=target["status_callback"],
                                 heartbeat=target["heartbeat"],
                                 forwarded_from=phone(values.get("forwarded_from")) or "",
                                 timeout=60, far=script_of(values), base_url=base_url)
            self.ring_inbound(state, call)
            return present_call(call)

    def voice_target(self, state: AvayaState, number: dict) -> dict | None:
        """Where a call to ``number`` is sent: its voice application's URLs when it names
        one that exists, else its own; None without a VoiceUrl."""
        source = state.applications.get(number.get("voice_application_sid") or "") or number
        url = source.get("voice_url")
        if not url:
            return None

        def target(url_key: str, method_key: str) -> dict | None:
            found = source.get(url_key)
            return {"url": found, "method": _method(source.get(method_key))} if found else None

        return {"url": url, "method": _method(source.get("voice_method")),
                "fallback": target("voice_fallback_url", "voice_fallback_method"),
                "status_callback": target("status_callback", "status_callback_method"),
                "heartbeat": target("heartbeat_url", "heartbeat_method")}


def _method(value: str | None) -> str:
    return "GET" if (value or "").strip().upper() == "GET" else "POST"
