"""A call's life on the mock clock (seed 004, Make Call, View Call): ``queued``, ``ringing``,
``in-progress``, then ``completed``, ``busy``, ``no-answer``, ``failed`` or ``canceled``;
its StatusCallback when it connects and when it ends, its HeartbeatUrl every 60 seconds of
call time, its price. Part of the Avaya backend (a mixin); no Flask here.

Timings (docs/providers/avaya.md, "Calls"; config keys in brackets): a call placed through
the REST API rings ``AVAYA_CALL_RING_DELAY`` seconds (1) after it is queued; its far end
(far_end.py) answers after its ``ring_seconds`` (3), unless that is past the call's
``Timeout`` (then ``no-answer`` at the Timeout). An inbound call is answered as it arrives.

"The call start is defined by the connection and not by the dial. If the call does not
connect, no charge is incurred" (Make Call): a call that was never answered costs nothing.
An answered one is billed 30/6 (at least 30 seconds, then 6-second steps: the recorded
``call.json`` has duration 4, duration_billed 30) at the per-minute rates of
fixtures/avaya/call_prices.json, and charged to the account as product 1 (Outbound Call),
2 (Inbound Call), 5/6 (Outbound/Inbound SIP) or 21 (Outbound Call (Spoofed): a From that
is not one of the account's numbers), quantity in billed minutes.
"""
from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal

from . import timeline
from .calls import ENDED, is_sip
from .errors import SLUG
from .params import region_of
from .state import AvayaState
from .wire import rfc2822

PROGRESS = "call-progress"
CALL_CALLBACK = "call-callback"
RING_DELAY = 1.0
HEARTBEAT_SECONDS = 60
OUTBOUND_CALL, INBOUND_CALL, OUTBOUND_SIP, INBOUND_SIP, SPOOFED = 1, 2, 5, 6, 21
MINIMUM_BILLED, BILLING_STEP = 30, 6


def billed_seconds(duration: int) -> int:
    """30/6 billing: nothing for no time, else at least 30 seconds, then 6-second steps."""
    if duration <= 0:
        return 0
    return max(MINIMUM_BILLED, BILLING_STEP * math.ceil(duration / BILLING_STEP))


def call_fields(call: dict) -> dict[str, str]:
    """What the platform sends the application and callbacks about a call (TwiML-family
    names, as zang's InboundXML documentation uses them)."""
    return {"AccountSid": call["account_sid"], "CallSid": call["sid"],
            "CallStatus": call["status"], "From": call["from"], "To": call["to"],
            "Direction": call["direction"], "ApiVersion": "v2",
            "ForwardedFrom": call["forwarded_from"] or "",
            "CallerName": "", "ParentCallSid": call["parent_call_sid"] or "",
            "AnsweredBy": call["answered_by"]}


class CallLife:
    """Call progress, callbacks and prices of the Avaya backend."""

    def setup_part(self) -> None:
        """Register the progress event and the callback result handler."""
        config = self.services.config
        self.ring_delay = float(config.get("AVAYA_CALL_RING_DELAY", RING_DELAY))
        self.services.scheduler.register(SLUG, PROGRESS, self.progress_call)
        self.services.webhooks.register(SLUG, CALL_CALLBACK, self.callback_attempted)

    # -- starting --------------------------------------------------------------------------

    def dial(self, state: AvayaState, call: dict) -> None:
        """An outbound call goes out: its far end is looked up and it rings after the
        ring delay."""
        if not call.get("_far"):
            call["_far"] = self.callee_for(state, call["to"])
        if call.get("_straight_to_voicemail"):
            call["_far"]["answer"] = "machine"
        self.check_sip_destination(state, call)     # to one of its SIP domains: sip_calls.py
        self._step(state, call, "ring", self.ring_delay)

    def ring_inbound(self, state: AvayaState, call: dict) -> None:
        """An inbound call rings and the platform answers it at once."""
        self._set(call, "ringing")
        self._step(state, call, "answer", 0)

    def _step(self, state: AvayaState, call: dict, step: str, delay: float) -> None:
        self.services.scheduler.schedule(SLUG, state.account["sid"], PROGRESS,
                                         {"sid": call["sid"], "step": step}, delay=delay)

    def _set(self, call: dict, status: str) -> None:
        call["status"] = status
        call["date_updated"] = rfc2822(self.clock.now())
        timeline.record(call, self.clock.now(), "status", status=status)

    # -- progress ----------------------------------------------------------------------------

    def progress_call(self, tenant_id: str, payload: dict, at: datetime) -> None:
        """Scheduler handler: the call's next step (ring, answer, busy, no-answer, failed,
        the far end hanging up, a heartbeat, a time limit)."""
        tenant = self.store.peek(tenant_id)
        if tenant is None:
            return
        with tenant.lock:
            call = tenant.state.calls.get(payload["sid"])
            if call is None or call["status"] in ENDED:
                return
            getattr(self, f"_on_{payload['step'].replace('-', '_')}")(tenant.state, call)

    def _on_ring(self, state: AvayaState, call: dict) -> None:
        if call["status"] != "queued":
            return
        self._set(call, "ringing")
        far, timeout = call["_far"], call.get("_timeout") or 60
        answer = far["answer"]
        if answer in ("human", "machine"):
            ring = far["ring_seconds"]
            self._step(state, call, "answer" if ring < timeout else "no-answer",
                       min(ring, timeout))
        elif answer == "busy":
            self._step(state, call, "busy", min(far["ring_seconds"], timeout))
        elif answer == "no-answer":
            self._step(state, call, "no-answer", timeout)
        else:
            self._step(state, call, "failed", 0)

    def _on_answer(self, state: AvayaState, call: dict) -> None:
        if call["status"] != "ringing":
            return
        now = self.clock.now()
        self._set(call, "in-progress")
        call["start_time"] = rfc2822(now)
        call["_answered_at"] = now.isoformat()
        far = call.get("_far") or {}
        machine = far.get("answer") == "machine"
        if call.get("_if_machine") or call.get("_straight_to_voicemail"):
            call["answered_by"] = "machine" if machine else "human"
        self.call_callback(state, call)
        if call.get("_heartbeat"):
            self._step(state, call, "heartbeat", HEARTBEAT_SECONDS)
        if far.get("hangup_after") is not None:
            self._step(state, call, "far-hangup", far["hangup_after"])
        detection = call.get("_if_machine")
        if machine and detection and detection["mode"] == "hangup":
            self.end_call(state, call, "completed")
            return
        if machine and detection and detection["mode"] == "redirect" and detection["target"]:
            call["_url"], call["_method"] = (detection["target"]["url"],
                                             detection["target"]["method"])
            timeline.record(call, now, "redirect", url=call["_url"], method=call["_method"],
                            reason="machine")
        if call.get("_bridge"):
            self.ixml_leg_answered(state, call)
        else:
            self.ixml_begin(state, call, call["_url"], call["_method"])

    def _on_busy(self, state: AvayaState, call: dict) -> None:
        self.end_call(state, call, "busy")

    def _on_no_answer(self, state: AvayaState, call: dict) -> None:
        self.end_call(state, call, "no-answer")

    def _on_failed(self, state: AvayaState, call: dict) -> None:
        self.end_call(state, call, "failed")

    def _on_far_hangup(self, state: AvayaState, call: dict) -> None:
        self.end_call(state, call, "completed")

    def schedule_hangup(self, state: AvayaState, call: dict, seconds: float) -> None:
        """End the call ``seconds`` from now (Hangup's ``schedule``)."""
        self._step(state, call, "far-hangup", seconds)

    def _on_heartbeat(self, state: AvayaState, call: dict) -> None:
        if call["status"] != "in-progress" or not call.get("_heartbeat"):
            return
        target = call["_heartbeat"]
        fields = call_fields(call)
        fields["CallDuration"] = str(self.call_seconds(call))
        self.deliver(state.account["sid"], CALL_CALLBACK, target["url"], target["method"],
                     fields, {"kind": "call", "sid": call["sid"]})
        self._step(state, call, "heartbeat", HEARTBEAT_SECONDS)

    # -- ending ------------------------------------------------------------------------------

    def call_seconds(self, call: dict) -> int:
        """Whole seconds since the call was answered (0 if it never was)."""
        if not call.get("_answered_at"):
            return 0
        elapsed = self.clock.now() - datetime.fromisoformat(call["_answered_at"])
        return max(0, math.ceil(elapsed.total_seconds()))

    def end_call(self, state: AvayaState, call: dict, status: str) -> None:
        """End a live call with ``status``: its times, duration, billed duration and price
        are set, the account charged, its recordings, conference and InboundXML finished,
        and the StatusCallback told."""
        if call["status"] in ENDED:
            return
        duration = self.call_seconds(call)
        billed = billed_seconds(duration)
        per_minute, product = self.call_rate(state, call)
        cost = per_minute * billed / 60
        self._set(call, status)
        call["end_time"] = call["date_updated"]
        call["duration"], call["duration_billed"] = duration, billed
        call["price"] = f"{cost:.4f}"
        if billed:
            self.charge(state, product, billed // 60 + (billed % 60 > 0), cost)
        self.call_ended_recordings(state, call)
        self.call_ended_conference(state, call)
        self.ixml_call_ended(state, call)
        self.call_callback(state, call)

    def outbound_rate(self, to: str) -> Decimal:
        """The per-minute price of an outbound call to a number (call_prices.json)."""
        table = self.settings["fixtures"].load("call_prices.json")["outbound"]
        return Decimal(table.get(region_of(to) or "", table["*"]))

    def call_rate(self, state: AvayaState, call: dict) -> tuple[Decimal, int]:
        """The per-minute price of a call and the product it is charged as."""
        prices = self.settings["fixtures"].load("call_prices.json")
        inbound = call["direction"] == "inbound"
        if is_sip(call["to"]) or is_sip(call["from"]):
            key, product = ("sip_inbound", INBOUND_SIP) if inbound else \
                ("sip_outbound", OUTBOUND_SIP)
            return Decimal(prices[key]), product
        if inbound:
            table = prices["inbound"]
            rate = Decimal(table.get(region_of(call["to"]) or "", table["*"]))
        else:
            rate = self.outbound_rate(call["to"])
        if not inbound and call["direction"] == "outbound-api" and \
                not call["phone_number_sid"]:
            return rate + Decimal(prices["spoofed_surcharge"]), SPOOFED
        return rate, INBOUND_CALL if inbound else OUTBOUND_CALL

    def call_callback(self, state: AvayaState, call: dict) -> None:
        """Tell the call's StatusCallback (if any) its status: at connect and at end."""
        target = call.get("_status_callback")
        if not target:
            return
        fields = call_fields(call)
        if call["status"] in ENDED:
            fields.update({"CallDuration": str(call["duration"]),
                           "Duration": str(-(-call["duration_billed"] // 60))})
        self.deliver(state.account["sid"], CALL_CALLBACK, target["url"], target["method"],
                     fields, {"kind": "call", "sid": call["sid"]})
