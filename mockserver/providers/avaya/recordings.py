"""Recordings (seed 004, List Recordings, View Recording, Delete Recording; the recordings
of a call at ``/Calls/{CallSid}/Recordings``). Part of the Avaya backend (a mixin); no Flask
here. Record Live Call (starting and stopping recordings of a live call) is in
live_recording.py; the audio files in audio.py.

"View Recording ... recording_url: The URL where the mp3 file of the recording is located."
A recording is stored when it is finished (a Record verb ends, Record Live Call is stopped
or reaches its TimeLimit, the call ends), in the seed's View Recording order: ``sid``,
``account_sid``, ``call_sid``, ``duration`` (an integer), ``date_created`` (when the
recording started), ``date_updated`` (when it was stored), ``recording_url``,
``api_version``, ``uri``, ``price`` (a string). ``recording_url`` is served by the mock
itself, without credentials: ``{base}/recordings/{AccountSid}/{RecordingSid}.mp3`` (or
``.wav``), ``base`` being the absolute URL of the mount the call was placed through. A
recording of 0 seconds has no audio: its ``recording_url`` is "" and it cannot be
transcribed (13614).

Each stored recording is charged as product 7 "Recording" per started minute at the rate
of fixtures/avaya/media_prices.json, counted in its call's ``recordings_count``, posted to
its callback (if any) and transcribed when asked to.
"""
from __future__ import annotations

import math
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Mapping

from .accounts import account_path
from .call_life import call_fields
from .errors import SLUG, NotFound
from .live_recording import LiveRecording
from .paging import Listing, Window
from .params import date_filter, within
from .state import AvayaState
from .wire import rfc2822

RECORDING_PRODUCT = 7
RECORDING_CALLBACK = "recording-callback"
FILE_FORMATS = ("mp3", "wav")
DEFAULT_BASE = "http://localhost/avaya"


def present_recording(record: dict) -> dict:
    """A stored recording as the API shows it (bookkeeping ``_`` keys left out)."""
    return {key: value for key, value in record.items() if not key.startswith("_")}


def billed_minutes(seconds: int) -> int:
    """Started minutes of ``seconds`` (0 for none)."""
    return math.ceil(max(0, seconds) / 60)


class Recordings(LiveRecording):
    """Recordings of the Avaya backend.

    Contract the voice engine relies on (all called under the tenant's lock):

    - ``add_recording(state, call, *, duration, file_format="mp3", direction="both",
      trim_silence=False, callback=None, transcribe=None, speech=None) -> dict``
      stores a finished recording of ``call`` and returns its record.
    - ``call_ended_recordings(state, call)``: the call ended; recordings still open
      (Record Live Call) are finished, and the whole-call recording of a call made with
      ``Record=true`` is stored.
    """

    def setup_part(self) -> None:
        """Register the result handler of recording callbacks."""
        self.services.webhooks.register(SLUG, RECORDING_CALLBACK, self.callback_attempted)

    # -- storing ----------------------------------------------------------------------------

    def add_recording(self, state: AvayaState, call: dict, *, duration: int,
                      file_format: str = "mp3", direction: str = "both",
                      trim_silence: bool = False, callback: dict | None = None,
                      transcribe: dict | None = None, speech: str | None = None) -> dict:
        """Store a finished recording of ``call`` that lasted ``duration`` seconds up to
        now; ``callback`` ({url, method}) is told, ``transcribe`` ({quality, callback})
        starts its transcription, ``speech`` is what was said (the transcription's text)."""
        sid = self.new_sid(state, "RE")
        started = self.clock.now() - timedelta(seconds=max(0, int(duration)))
        return self.store_recording(state, call, sid, started=started, duration=duration,
                                    file_format=file_format, direction=direction,
                                    trim_silence=trim_silence, callback=callback,
                                    transcribe=transcribe, speech=speech)

    def store_recording(self, state: AvayaState, call: dict, sid: str, *,
                        started: datetime, duration: int, file_format: str, direction: str,
                        trim_silence: bool, callback: dict | None, transcribe: dict | None,
                        speech: str | None) -> dict:
        """Store a recording under ``sid`` (handed out when it started), charge it, count
        it on its call, tell its callback and start its transcription."""
        account_sid = state.account["sid"]
        duration = max(0, int(duration))
        file_format = file_format if file_format in FILE_FORMATS else "mp3"
        minutes = billed_minutes(duration)
        cost = self.recording_rate() * minutes
        base = (call.get("_base") or self.services.config.get("AVAYA_PUBLIC_URL")
                or DEFAULT_BASE).rstrip("/")
        record = {
            "sid": sid, "account_sid": account_sid, "call_sid": call["sid"],
            "duration": duration, "date_created": rfc2822(started),
            "date_updated": rfc2822(self.clock.now()),
            "recording_url": f"{base}/recordings/{account_sid}/{sid}.{file_format}"
            if duration else "",
            "api_version": "v2", "uri": f"{account_path(account_sid)}/Recordings/{sid}",
            "price": f"{cost:.4f}",
            "_file_format": file_format, "_direction": direction,
            "_trim_silence": bool(trim_silence), "_speech": speech,
        }
        state.recordings[sid] = record
        call["recordings_count"] = int(call.get("recordings_count") or 0) + 1
        if minutes:
            self.charge(state, RECORDING_PRODUCT, minutes, cost)
        if callback and callback.get("url"):
            self.deliver(account_sid, RECORDING_CALLBACK, callback["url"],
                         callback.get("method") or "POST", recording_fields(call, record),
                         {"kind": "recording", "sid": sid})
        if transcribe and duration:
            self.transcribe_stored(state, record, quality=transcribe.get("quality") or "auto",
                                   callback=transcribe.get("callback"))
        return record

    def recording_rate(self) -> Decimal:
        """The per-minute price of a recording (media_prices.json)."""
        return Decimal(self.settings["fixtures"].load("media_prices.json")["recording"])

    def call_ended_recordings(self, state: AvayaState, call: dict) -> None:
        """The call ended: its open recordings are finished (each capped by its TimeLimit)
        and, for a call made with ``Record=true`` that was answered, the whole call's
        recording (from its answer to now) is stored."""
        self.finish_open_recordings(state, call)
        whole = call.get("_record")
        if not whole or call.get("_recorded_whole"):
            return
        seconds = self.call_seconds(call) if call.get("_answered_at") else 0
        call["_recorded_whole"] = True
        if seconds:
            self.store_recording(state, call, self.new_sid(state, "RE"),
                                 started=datetime.fromisoformat(call["_answered_at"]),
                                 duration=seconds, file_format="mp3", direction="both",
                                 trim_silence=False, callback=whole.get("callback"),
                                 transcribe=whole.get("transcribe"),
                                 speech=(call.get("_far") or {}).get("say"))

    # -- reading ----------------------------------------------------------------------------

    def view_recording(self, account_sid: str, sid: str) -> dict:
        """View Recording; 21227 (404) for an unknown SID."""
        with self.locked(account_sid) as state:
            return present_recording(self.recording_of(state, sid))

    def recording_of(self, state: AvayaState, sid: str) -> dict:
        """A recording of the account by SID; 21227 (404) when there is none."""
        record = state.recordings.get(sid)
        if record is None:
            raise NotFound("recording", sid)
        return record

    def list_recordings(self, account_sid: str, args: Mapping[str, str], window: Window,
                        call_sid: str | None = None) -> Listing:
        """List Recordings, newest first, filtered by ``CallSid`` and ``DateCreated`` (with
        inequalities); with ``call_sid`` the recordings of that call (21227 for an unknown
        call)."""
        wanted = call_sid or (args.get("CallSid") or "").strip()
        created = date_filter(args, "DateCreated")
        with self.locked(account_sid) as state:
            if call_sid:
                self.call_of(state, call_sid)
            found = []
            for record in reversed(list(state.recordings.values())):
                if wanted and record["call_sid"] != wanted:
                    continue
                if not within(record["date_created"], created):
                    continue
                found.append(record)
            return window.slice(found, present_recording)

    def delete_recording(self, account_sid: str, sid: str) -> dict:
        """Delete Recording: answers with the deleted resource; its file is gone (its
        ``recording_url`` answers 404) and its transcriptions stay."""
        with self.locked(account_sid) as state:
            self.require_active(state)
            record = self.recording_of(state, sid)
            del state.recordings[sid]
            return present_recording(record)

    def recording_media(self, account_sid: str, sid: str, extension: str) -> tuple[str, int]:
        """The file format and duration of the recording whose ``recording_url`` ends in
        ``{sid}.{extension}``; 21227 (404) when there is no such file."""
        tenant = self.store.peek(account_sid)
        if tenant is None:
            raise NotFound("recording", sid)
        with tenant.lock:
            record = tenant.state.recordings.get(sid)
            if record is None or not record["recording_url"] or \
                    record["_file_format"] != extension:
                raise NotFound("recording", f"{sid}.{extension}")
            return record["_file_format"], record["duration"]


def recording_fields(call: dict, record: dict) -> dict[str, str]:
    """What a recording's callback carries: the call's fields (AccountSid, CallSid, From,
    To, CallStatus, ...) and the recording's (TwiML-family names)."""
    fields = call_fields(call)
    fields.update({"RecordingSid": record["sid"], "RecordingUrl": record["recording_url"],
                   "RecordingDuration": str(record["duration"]),
                   "RecordingStatus": "completed",
                   "RecordingStartTime": record["date_created"],
                   "RecordingFileFormat": record["_file_format"],
                   "RecordingDirection": record["_direction"],
                   "RecordingPrice": record["price"]})
    return fields
