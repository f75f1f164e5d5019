"""Live-call routes (seed 004, Interrupt Live Call, Send Digits to Live Call, Play Audio to
Live Call, Apply Voice Effect). Interrupt and Send Digits share ``POST /Calls/{CallSid}``:
the backend tells them apart by their parameters. Each answers with the call (View Call)."""
from __future__ import annotations

from ..live_calls import EFFECT_PARAMS, PLAY_PARAMS, UPDATE_PARAMS
from .api import Call, Router
from .calls import ELEMENT

ITEM = "/Calls/<sid:call_sid>"


def register(api: Router) -> None:
    """Add the live-call routes."""
    backend = api.backend

    @api.route(ITEM, ["POST"])
    def update_call(call: Call, call_sid: str):
        """POST /Calls/{CallSid} with Url, Method, Status (Interrupt) or PlayDtmf,
        PlayDtmfDirection (Send Digits)."""
        return call.one(backend.update_live_call(call.account_sid, call_sid,
                                                 call.params(UPDATE_PARAMS)), ELEMENT)

    @api.route(f"{ITEM}/Play", ["POST"])
    def play_audio(call: Call, call_sid: str):
        """POST /Calls/{CallSid}/Play with AudioUrl, Direction, Loop."""
        return call.one(backend.play_to_call(call.account_sid, call_sid,
                                             call.params(PLAY_PARAMS)), ELEMENT)

    @api.route(f"{ITEM}/Effect", ["POST"])
    def apply_effect(call: Call, call_sid: str):
        """POST /Calls/{CallSid}/Effect with AudioDirection(s), Pitch, PitchSemiTones,
        PitchOctaves, Rate, Tempo."""
        return call.one(backend.apply_effect(call.account_sid, call_sid,
                                             call.params(EFFECT_PARAMS)), ELEMENT)
