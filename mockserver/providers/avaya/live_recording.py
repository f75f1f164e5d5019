"""Record Live Call (seed 004, "Record Live Call" and "Record Call", POST
``/Calls/{CallSid}/Recordings``): "Specifies if a call recording should start or end ... Any
number of simultaneous, separate recordings can be initiated ... Please note that no more
than 5 recordings may be associated with a call." Part of the Avaya backend (a mixin of
recordings.py's ``Recordings``); no Flask here.

``Record=true`` opens a recording of an in-progress call (kept on the call under
``_recordings_open`` with its start and options until it is finished); ``Record=false``
finishes every open one; a ``TimeLimit`` finishes it that many seconds after it started
(an event on the mock clock); the end of the call finishes the rest. Each finished
recording is stored (recordings.py). The answer is the call (View Call), as "Record Live
Call" says ("Record Call" says View Recording; the call is what the mock answers).

Which mistake answers with which code (docs/providers/avaya.md, "Recordings, transcriptions
and agents (part 2)"): an unknown CallSid 21227 (404); a call that has ended 21221; an
account that is not active 20005 (403); ``Record`` missing, or not true/false (1/0), 10022;
``Direction`` other than in, out or both 21507; ``TimeLimit`` not an integer above 0 10022;
a ``CallbackUrl`` (or ``Callback``) or ``TranscribeCallback`` over 200 characters 12301,
malformed 21502; starting a recording of a call not yet in progress 21220; a sixth
recording of a call (stored, open, and the whole-call recording of ``Record=true`` still
to come) 21510; stopping when none is open 21509.
"""
from __future__ import annotations

import math
from datetime import datetime

from .calls import present_call
from .errors import SLUG, AvayaError
from .params import Params
from .state import AvayaState

#: every parameter Record Live Call documents ("Callback" is Record Call's name for
#: CallbackUrl)
RECORD_PARAMS = ("Record", "Direction", "TimeLimit", "CallbackUrl", "Callback", "FileFormat",
                 "TrimSilence", "Transcribe", "TranscribeQuality", "TranscribeCallback")
DIRECTIONS = ("in", "out", "both")
MAX_RECORDINGS = 5
RECORDING_LIMIT = "recording-limit"
FLAGS = {"true": True, "1": True, "false": False, "0": False}


class LiveRecording:
    """Starting and stopping recordings of live calls."""

    def setup_part(self) -> None:
        """Register the event that ends a recording at its TimeLimit."""
        self.services.scheduler.register(SLUG, RECORDING_LIMIT, self.recording_limit_reached)

    def record_call(self, account_sid: str, call_sid: str, params: Params) -> dict:
        """Record Live Call: start (``Record=true``) or stop (``Record=false``) recording
        the call; answers with the call."""
        with self.locked(account_sid) as state:
            self.require_active(state)
            call = self.live_call(state, call_sid)
            raw = (params.text("Record") or "").lower()
            if raw not in FLAGS:
                raise AvayaError(10022, details="Record is required: true to start "
                                                "recording, false to stop")
            if FLAGS[raw]:
                self._start_recording(state, call, recording_options(params))
            else:
                if not call.get("_recordings_open"):
                    raise AvayaError(21509, details="the call has no recording in progress")
                self.finish_open_recordings(state, call)
            return present_call(call)

    def _start_recording(self, state: AvayaState, call: dict, options: dict) -> None:
        if call["status"] != "in-progress":
            raise AvayaError(21220, details="a recording starts on a call in progress; "
                                            f"this one is {call['status']}")
        if self.call_recording_count(state, call) >= MAX_RECORDINGS:
            raise AvayaError(21510, details=f"a call has at most {MAX_RECORDINGS} recordings")
        sid = self.new_sid(state, "RE")
        call.setdefault("_recordings_open", []).append(
            {"sid": sid, "started": self.clock.now().isoformat(), **options})
        if options["time_limit"]:
            self.services.scheduler.schedule(SLUG, state.account["sid"], RECORDING_LIMIT,
                                             {"call_sid": call["sid"], "sid": sid},
                                             delay=options["time_limit"])

    def call_recording_count(self, state: AvayaState, call: dict) -> int:
        """The recordings a call has and will have: stored, open, and the whole-call
        recording of a call made with ``Record=true`` (until it is stored)."""
        stored = sum(1 for record in state.recordings.values()
                     if record["call_sid"] == call["sid"])
        whole = 1 if call.get("_record") and not call.get("_recorded_whole") else 0
        return stored + len(call.get("_recordings_open") or ()) + whole

    def finish_open_recordings(self, state: AvayaState, call: dict) -> None:
        """Store every open recording of the call, each lasting from its start to now (at
        most its TimeLimit)."""
        entries = call.pop("_recordings_open", None) or []
        for entry in entries:
            self._finish(state, call, entry)

    def _finish(self, state: AvayaState, call: dict, entry: dict) -> None:
        started = datetime.fromisoformat(entry["started"])
        elapsed = math.ceil(max(0.0, (self.clock.now() - started).total_seconds()) - 1e-9)
        if entry["time_limit"]:
            elapsed = min(elapsed, entry["time_limit"])
        self.store_recording(state, call, entry["sid"], started=started, duration=elapsed,
                             file_format=entry["file_format"], direction=entry["direction"],
                             trim_silence=entry["trim_silence"], callback=entry["callback"],
                             transcribe=entry["transcribe"],
                             speech=(call.get("_far") or {}).get("say"))

    def recording_limit_reached(self, tenant_id: str, payload: dict, at: datetime) -> None:
        """Scheduler handler: a recording reached its TimeLimit and is stored (unless it
        was stopped before, or its call ended)."""
        tenant = self.store.peek(tenant_id)
        if tenant is None:
            return
        with tenant.lock:
            call = tenant.state.calls.get(payload["call_sid"])
            entries = (call or {}).get("_recordings_open") or []
            entry = next((e for e in entries if e["sid"] == payload["sid"]), None)
            if entry is None:
                return
            entries.remove(entry)
            if not entries:
                call.pop("_recordings_open", None)
            self._finish(tenant.state, call, entry)


def recording_options(params: Params) -> dict:
    """Record Live Call's options checked (codes in the module doc)."""
    direction = (params.text("Direction") or "both").lower()
    if direction not in DIRECTIONS:
        raise AvayaError(21507, details=f"Direction {params.get('Direction')!r}")
    raw_limit = params.text("TimeLimit")
    time_limit = None
    if raw_limit:
        try:
            time_limit = int(raw_limit)
        except ValueError:
            time_limit = 0
        if time_limit <= 0:
            raise AvayaError(10022, details=f"TimeLimit must be an integer greater than 0, "
                                            f"got {raw_limit!r}")
    name = "CallbackUrl" if "CallbackUrl" in params else "Callback"
    callback = params.url(name, invalid=21502)
    transcribe_callback = params.url("TranscribeCallback", invalid=21502)
    file_format = (params.text("FileFormat") or "").lower()
    quality = (params.text("TranscribeQuality") or "").lower()
    return {
        "direction": direction, "time_limit": time_limit,
        "file_format": file_format if file_format in ("mp3", "wav") else "mp3",
        "trim_silence": bool(params.boolean("TrimSilence")),
        "callback": {"url": callback, "method": "POST"} if callback else None,
        "transcribe": {"quality": quality if quality == "keywords" else "auto",
                       "callback": {"url": transcribe_callback, "method": "POST"}
                       if transcribe_callback else None}
        if params.boolean("Transcribe") else None,
    }
