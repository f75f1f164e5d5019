"""Live calls (seed 004, Interrupt Live Call, Send Digits to Live Call, Play Audio to Live
Call, Apply Voice Effect). Part of the Avaya backend (a mixin); no Flask here.

"Avaya Communications APIs provide granular, real-time control over live calls. Just POST
to the Call Sid with a Url pointing to new instructions or end the call with a Status."
(Interrupt Live Call). Send Digits shares that path; which of the two a request is depends on
its parameters (``PlayDtmf``/``PlayDtmfDirection`` or ``Url``/``Method``/``Status``).

Which mistake answers with which code (docs/providers/avaya.md, "Calls (part 2)"): an
unknown CallSid 21227 (404); a call that has ended 21221; an account that is not active
20005 (403); a URL over 200 characters 12301; a malformed ``Url`` or ``AudioUrl``, or none
given to Play, 21205; ``Status`` other than canceled/completed, ``canceled`` for a call in
progress, and digits, audio or an effect for a call not yet in progress 21220; ``PlayDtmf``
outside the seed's syntax or ``PlayDtmfDirection`` other than in/out 21206; Play's
``Direction`` other than in/out/both 10022; an effect parameter that is not a number or is
out of its bounds, or an ``AudioDirection(s)`` other than in/out, 21222; the parameters of
Interrupt and of Send Digits in one request 10022.

What each does to the call on the mock: Interrupt with a ``Url`` switches its InboundXML
between two elements (ixml/engine.py ``interrupt``); with a ``Status`` it ends the call.
Digits are kept on the call (``_dtmf_sent``) and, sent ``out`` while a Gather of the
call's document is waiting for input that its far end's script did not give, are that
Gather's input. Played audio (``_plays``) and the voice effect (``_effect``) are kept on
the call; the mock plays and transforms nothing.
"""
from __future__ import annotations

import math
import re

from . import timeline
from .calls import PLAY_DTMF, present_call
from .errors import SLUG, AvayaError
from .ixml import attributes as attr
from .ixml.engine import STEP
from .ixml.verbs import base_of
from .params import Params
from .state import AvayaState
from .wire import rfc2822

INTERRUPT_PARAMS = ("Url", "Method", "Status")
DIGITS_PARAMS = ("PlayDtmf", "PlayDtmfDirection")
UPDATE_PARAMS = INTERRUPT_PARAMS + DIGITS_PARAMS
PLAY_PARAMS = ("AudioUrl", "Direction", "Loop")
#: the seed's name (AudioDirections) and zang-python's (AudioDirection)
EFFECT_PARAMS = ("AudioDirections", "AudioDirection", "Pitch", "PitchSemiTones",
                 "PitchOctaves", "Rate", "Tempo")
END_STATUSES = ("canceled", "completed")
DTMF_DIRECTIONS = ("in", "out")
PLAY_DIRECTIONS = ("in", "out", "both")
#: each effect parameter: its key on the call, its default, its bounds (None: above 0)
EFFECTS = {"Pitch": ("pitch", 1.0, None), "PitchSemiTones": ("pitch_semi_tones", 0.0, 14.0),
           "PitchOctaves": ("pitch_octaves", 0.0, 1.0), "Rate": ("rate", 1.0, None),
           "Tempo": ("tempo", 1.0, None)}
_TONE = re.compile(r"@\d+")


class LiveCalls:
    """Interrupt, Send Digits, Play Audio and Apply Voice Effect on live calls."""

    def update_live_call(self, account_sid: str, sid: str, params: Params) -> dict:
        """POST /Calls/{CallSid}: Send Digits when ``PlayDtmf`` or ``PlayDtmfDirection``
        is given, else Interrupt Live Call (nothing given: the call as it is)."""
        digits = any(name in params for name in DIGITS_PARAMS)
        if digits and any(name in params for name in INTERRUPT_PARAMS):
            raise AvayaError(10022, details="Interrupt (Url, Method, Status) and Send Digits "
                                            "(PlayDtmf, PlayDtmfDirection) are two requests")
        with self.locked(account_sid) as state:
            self.require_active(state)
            call = self.live_call(state, sid)
            if digits:
                self._send_digits(state, call, params)
            else:
                self._interrupt_call(state, call, params)
            return present_call(call)

    def _interrupt_call(self, state: AvayaState, call: dict, params: Params) -> None:
        url = params.url("Url", invalid=21205) or None
        method = params.method("Method")
        raw_status = params.text("Status")
        status = raw_status.lower() if raw_status else None
        if status is not None and status not in END_STATUSES:
            raise AvayaError(21220, details=f"Status must be canceled or completed, "
                                            f"got {raw_status!r}")
        if status == "canceled" and call["status"] not in ("queued", "ringing"):
            raise AvayaError(21220, details=f"a call that is {call['status']} cannot be "
                                            "canceled; end it with Status=completed")
        if status:
            self.end_call(state, call, status)
        elif url:
            self.interrupt(state, call, url, method)

    def _send_digits(self, state: AvayaState, call: dict, params: Params) -> None:
        raw = params.get("PlayDtmf")
        digits = (raw or "").strip()
        if not digits or not PLAY_DTMF.match(digits):
            raise AvayaError(21206, details=f"PlayDtmf {raw!r}: digits 0-9 # * W w, tones "
                                            "as 4@2000")
        direction = (params.text("PlayDtmfDirection") or "out").lower()
        if direction not in DTMF_DIRECTIONS:
            raise AvayaError(21206, details="PlayDtmfDirection must be in or out")
        _require_in_progress(call, "digits")
        gather = self._collecting_gather(state, call) if direction == "out" else None
        keys = _keys(digits)
        call.setdefault("_dtmf_sent", []).append(
            {"digits": digits, "direction": direction, "date": rfc2822(self.clock.now()),
             "gathered": bool(gather and keys)})
        if gather and keys:
            self._answer_gather(state, call, gather, keys)
        else:
            timeline.record(call, self.clock.now(), "digits", digits=digits,
                            input="send-digits", direction=direction)

    def _collecting_gather(self, state: AvayaState, call: dict) -> dict | None:
        """The Gather the call's document last ran when it is still waiting for input
        (its next step is the timeout's, not the request of its action); else None."""
        run = call.get("_run") or {}
        if not run.get("doc") or not run.get("pos") or run.get("wait") \
                or call.get("_interrupt"):
            return None
        element = run["doc"][run["pos"] - 1]
        if element["tag"] != "Gather":
            return None
        steps = [event for event in self.services.scheduler.pending(SLUG, state.account["sid"])
                 if event.kind == STEP and event.payload.get("sid") == call["sid"]
                 and event.payload.get("seq") == run["seq"]]
        if not steps or any("fetch" in event.payload for event in steps):
            return None
        return element

    def _answer_gather(self, state: AvayaState, call: dict, element: dict, keys: str) -> None:
        """The digits are the Gather's input: its ``finishOnKey`` and ``numDigits`` apply,
        and its action is requested with them at once."""
        finish = element["attrs"].get("finishOnKey", "#")
        if finish and finish in keys:
            keys = keys[:keys.index(finish)]
        num_digits = attr.integer(element, "numDigits", 13314, None, minimum=1)
        if num_digits:
            keys = keys[:num_digits]
        action = attr.url(element, element["attrs"].get("action"), base_of(call), 11100) \
            or base_of(call)
        method = attr.method(element, 13312)
        timeline.record(call, self.clock.now(), "digits", digits=keys, input="send-digits",
                        direction="out", action=action, method=method)
        self.ixml_begin(state, call, action, method, {"Digits": keys})

    def play_to_call(self, account_sid: str, sid: str, params: Params) -> dict:
        """Play Audio to Live Call: ``AudioUrl`` (required), ``Direction``, ``Loop``."""
        with self.locked(account_sid) as state:
            self.require_active(state)
            call = self.live_call(state, sid)
            audio_url = params.url("AudioUrl", invalid=21205)
            if not audio_url:
                raise AvayaError(21205, details="AudioUrl is required")
            direction = (params.text("Direction") or "both").lower()
            if direction not in PLAY_DIRECTIONS:
                raise AvayaError(10022, details="Direction must be in, out or both")
            loop = bool(params.boolean("Loop"))
            _require_in_progress(call, "audio")
            call.setdefault("_plays", []).append(
                {"audio_url": audio_url, "direction": direction, "loop": loop,
                 "date": rfc2822(self.clock.now())})
            return present_call(call)

    def apply_effect(self, account_sid: str, sid: str, params: Params) -> dict:
        """Apply Voice Effect: the direction and the five numbers, each checked (21222);
        each request sets the whole effect (what it omits takes its default)."""
        with self.locked(account_sid) as state:
            self.require_active(state)
            call = self.live_call(state, sid)
            raw = params.text("AudioDirections") if "AudioDirections" in params \
                else params.text("AudioDirection")
            direction = (raw or "out").lower()
            if direction not in DTMF_DIRECTIONS:
                raise AvayaError(21222, details="AudioDirection must be in or out")
            effect = {"audio_direction": direction}
            for name, (key, default, bound) in EFFECTS.items():
                effect[key] = _effect_number(params, name, default, bound)
            _require_in_progress(call, "a voice effect")
            effect["date"] = rfc2822(self.clock.now())
            call["_effect"] = effect
            return present_call(call)


def _require_in_progress(call: dict, what: str) -> None:
    if call["status"] != "in-progress":
        raise AvayaError(21220, details=f"{what} can only be sent to a call in progress; "
                                        f"this one is {call['status']}")


def _keys(digits: str) -> str:
    """The keys a string of DTMF presses: tones' durations, pauses and spaces dropped."""
    return re.sub(r"[Ww ]", "", _TONE.sub("", digits))


def _effect_number(params: Params, name: str, default: float, bound: float | None) -> float:
    raw = params.text(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    inside = value > 0 if bound is None else -bound <= value <= bound
    if not math.isfinite(value) or not inside:
        limits = "greater than 0" if bound is None else f"from {-bound:g} to {bound:g}"
        raise AvayaError(21222, details=f"{name} must be a number {limits}, got {raw!r}")
    return value

