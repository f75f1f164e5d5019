"""Transcriptions (seed 004, View Transcription, List Transcriptions, Transcribe Recording,
Transcribe Audio Url; the transcriptions of a recording). Part of the Avaya backend (a
mixin); no Flask here. What the text says is in transcript.py.

A transcription is ``in-progress`` when it is asked for and ``completed`` after
``AVAYA_TRANSCRIPTION_DELAY`` seconds (5) plus ``AVAYA_TRANSCRIPTION_DELAY_PER_SECOND`` (0.1)
per second of audio, on the mock clock: then its ``transcription_text`` and ``price`` are
set, it is charged (product 12 "Transcription (Auto)" or 14 "Transcription (Keywords)", per
started minute at the rates of fixtures/avaya/media_prices.json) and its
``TranscribeCallback`` is requested with ``CallbackMethod``. A transcription of this mock's
own recording file that is gone ``failed`` (Notification 50006). Fields in the seed's View
Transcription order; ``recording_sid`` "is only returned for transcriptions of ...
recordings" (absent for an audio URL's).

Which mistake answers with which code (docs/providers/avaya.md): an unknown RecordingSid
21227 (404); a recording without audio (0 seconds) 13614; ``Quality`` other than auto or
keywords 21503; ``TranscribeCallback`` over 200 characters 12301, malformed 21502;
``AudioUrl`` missing or malformed 50006 (over 200 characters 12301); ``SliceStart`` not an
integer of 0 or more, ``SliceDuration`` not one above 0, or a slice starting past the end
10022; an account that is not active 20005 (403).
"""
from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Mapping
from urllib.parse import urlsplit

from .accounts import account_path
from .errors import MESSAGES, SLUG, AvayaError, NotFound
from .paging import Listing, Window
from .params import Params, date_filter, within
from .recordings import billed_minutes
from .state import AvayaState
from .transcript import audio_seconds, transcript
from .wire import rfc2822

TRANSCRIBE_PARAMS = ("TranscribeCallback", "CallbackMethod", "SliceStart", "SliceDuration",
                     "Quality")
AUDIO_URL_PARAMS = ("AudioUrl", *TRANSCRIBE_PARAMS)
QUALITIES = ("auto", "keywords")
PRODUCTS = {"auto": 12, "keywords": 14}
DONE = "transcription-done"
TRANSCRIPTION_CALLBACK = "transcription-callback"
DELAY, DELAY_PER_SECOND = 5.0, 0.1
#: the path of this mock's own recording files (recordings.py)
OWN_MEDIA = re.compile(r"/recordings/(AC[0-9a-f]{32})/(RE[0-9a-f]{32})\.(mp3|wav)$")
MISSING_MEDIA = 50006


def present_transcription(record: dict) -> dict:
    """A stored transcription as the API shows it (bookkeeping ``_`` keys left out)."""
    return {key: value for key, value in record.items() if not key.startswith("_")}


class Transcriptions:
    """Transcriptions of the Avaya backend."""

    def setup_part(self) -> None:
        """Read the delays; register the completion event and the callback results."""
        config = self.services.config
        self.transcription_delay = float(config.get("AVAYA_TRANSCRIPTION_DELAY", DELAY))
        self.transcription_per_second = float(
            config.get("AVAYA_TRANSCRIPTION_DELAY_PER_SECOND", DELAY_PER_SECOND))
        self.services.scheduler.register(SLUG, DONE, self.transcription_done)
        self.services.webhooks.register(SLUG, TRANSCRIPTION_CALLBACK, self.callback_attempted)

    # -- asking -----------------------------------------------------------------------------

    def transcribe_recording(self, account_sid: str, recording_sid: str,
                             params: Params) -> dict:
        """Transcribe Recording: ``TranscribeCallback``, ``CallbackMethod``, ``SliceStart``,
        ``SliceDuration``, ``Quality`` (codes in the module doc)."""
        with self.locked(account_sid) as state:
            self.require_active(state)
            recording = self.recording_of(state, recording_sid)
            options = transcribe_options(params)
            if not recording["recording_url"]:
                raise AvayaError(13614, details=f"recording {recording_sid} has no audio")
            record = self.transcribe_stored(state, recording, **options)
            return present_transcription(record)

    def transcribe_stored(self, state: AvayaState, recording: dict, *, quality: str,
                          callback: dict | None, start: int = 0,
                          length: int | None = None) -> dict:
        """Start transcribing a stored recording (``start``/``length``: a slice)."""
        duration = slice_seconds(recording["duration"], start, length)
        return self._begin(state, quality=quality, callback=callback,
                           audio_url=recording["recording_url"], duration=duration,
                           recording=recording,
                           text=transcript(recording.get("_speech"), recording["sid"],
                                           quality))

    def transcribe_audio_url(self, account_sid: str, params: Params) -> dict:
        """Transcribe Audio Url: ``AudioUrl`` and the options of Transcribe Recording. A URL
        of this account's own recording files is that recording's audio; any other is
        heard as described in transcript.py."""
        with self.locked(account_sid) as state:
            self.require_active(state)
            audio_url = params.url("AudioUrl", invalid=MISSING_MEDIA)
            if not audio_url:
                raise AvayaError(MISSING_MEDIA, details="AudioUrl is required")
            options = transcribe_options(params)
            recording, missing = self._own_recording(state, audio_url)
            if recording is not None:
                seconds, text = recording["duration"], transcript(
                    recording.get("_speech"), recording["sid"], options["quality"])
            else:
                seconds, text = audio_seconds(audio_url), transcript(None, audio_url,
                                                                     options["quality"])
            duration = slice_seconds(seconds, options.pop("start"), options.pop("length"))
            record = self._begin(state, audio_url=audio_url, duration=duration, text=text,
                                 recording=None, failed=missing, **options)
            return present_transcription(record)

    def _own_recording(self, state: AvayaState, url: str) -> tuple[dict | None, bool]:
        """The account's recording a URL is the file of, and whether it names one of this
        account's recording files that is gone."""
        found = OWN_MEDIA.search(urlsplit(url).path)
        if found is None or found.group(1) != state.account["sid"]:
            return None, False
        record = state.recordings.get(found.group(2))
        if record is None or record["_file_format"] != found.group(3):
            return None, True
        return record, False

    def _begin(self, state: AvayaState, *, quality: str, callback: dict | None,
               audio_url: str, duration: int, text: str, recording: dict | None,
               failed: bool = False) -> dict:
        sid = self.new_sid(state, "TR")
        now = rfc2822(self.clock.now())
        account_sid = state.account["sid"]
        record = {"sid": sid, "account_sid": account_sid, "date_created": now,
                  "date_updated": now, "status": "in-progress", "type": quality,
                  "audio_url": audio_url}
        if recording is not None:
            record["recording_sid"] = recording["sid"]
        record.update({
            "duration": duration, "transcription_text": "", "api_version": "v2",
            "price": "0.0000", "transcribe_callback": (callback or {}).get("url") or "",
            "callback_method": (callback or {}).get("method") or "POST",
            "uri": f"{account_path(account_sid)}/Transcriptions/{sid}",
            "_text": text, "_failed": failed,
            "_call_sid": recording["call_sid"] if recording is not None else "",
        })
        state.transcriptions[sid] = record
        self.services.scheduler.schedule(
            SLUG, account_sid, DONE, {"sid": sid},
            delay=self.transcription_delay + duration * self.transcription_per_second)
        return record

    # -- completing -------------------------------------------------------------------------

    def transcription_done(self, tenant_id: str, payload: dict, at: datetime) -> None:
        """Scheduler handler: the transcription is ``completed`` (text, price, charge) or
        ``failed``; its TranscribeCallback is requested."""
        tenant = self.store.peek(tenant_id)
        if tenant is None:
            return
        with tenant.lock:
            state = tenant.state
            record = state.transcriptions.get(payload["sid"])
            if record is None or record["status"] != "in-progress":
                return
            record["date_updated"] = rfc2822(at)
            if record["_failed"]:
                record["status"] = "failed"
                self.notify(state, MISSING_MEDIA, MESSAGES[MISSING_MEDIA],
                            request_url=record["audio_url"], request_method="GET",
                            call_sid=record["_call_sid"] or None)
            else:
                minutes = billed_minutes(record["duration"])
                cost = self.transcription_rate(record["type"]) * minutes
                record.update(status="completed", transcription_text=record["_text"],
                              price=f"{cost:.4f}")
                if minutes:
                    self.charge(state, PRODUCTS[record["type"]], minutes, cost)
            if record["transcribe_callback"]:
                self.deliver(tenant_id, TRANSCRIPTION_CALLBACK, record["transcribe_callback"],
                             record["callback_method"], transcription_fields(record),
                             {"kind": "transcription", "sid": record["sid"]})

    def transcription_rate(self, quality: str) -> Decimal:
        """The per-minute price of a transcription of a quality (media_prices.json)."""
        prices = self.settings["fixtures"].load("media_prices.json")["transcription"]
        return Decimal(prices[quality])

    # -- reading ----------------------------------------------------------------------------

    def view_transcription(self, account_sid: str, sid: str) -> dict:
        """View Transcription; 21227 (404) for an unknown SID."""
        with self.locked(account_sid) as state:
            record = state.transcriptions.get(sid)
            if record is None:
                raise NotFound("transcription", sid)
            return present_transcription(record)

    def list_transcriptions(self, account_sid: str, args: Mapping[str, str], window: Window,
                            recording_sid: str | None = None) -> Listing:
        """List Transcriptions, newest first, filtered by ``Status`` and
        ``DateTranscribed`` (the day it was asked for, with inequalities); with
        ``recording_sid`` those of that recording (21227 for an unknown one)."""
        status = (args.get("Status") or "").strip().lower()
        transcribed = date_filter(args, "DateTranscribed")
        with self.locked(account_sid) as state:
            if recording_sid:
                self.recording_of(state, recording_sid)
            found = []
            for record in reversed(list(state.transcriptions.values())):
                if (recording_sid and record.get("recording_sid") != recording_sid) or \
                        (status and record["status"] != status):
                    continue
                if not within(record["date_created"], transcribed):
                    continue
                found.append(record)
            return window.slice(found, present_transcription)


def transcribe_options(params: Params) -> dict:
    """Quality, callback and slice of a transcription request, checked."""
    raw = params.text("Quality")
    quality = (raw or "auto").lower()
    if quality not in QUALITIES:
        raise AvayaError(21503, details=f"Quality must be auto or keywords, got {raw!r}")
    url = params.url("TranscribeCallback", invalid=21502)
    return {"quality": quality,
            "callback": {"url": url, "method": params.method("CallbackMethod")}
            if url else None,
            "start": _integer(params, "SliceStart", 0) or 0,
            "length": _integer(params, "SliceDuration", 1)}


def _integer(params: Params, name: str, minimum: int) -> int | None:
    raw = params.text(name)
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise AvayaError(10022, details=f"{name} must be an integer of {minimum} or more, "
                                        f"got {raw!r}")
    return value


def slice_seconds(duration: int, start: int, length: int | None) -> int:
    """How much of ``duration`` seconds a slice from ``start`` lasting ``length`` covers;
    10022 for a slice that starts at or past the end."""
    if start and start >= duration:
        raise AvayaError(10022, details=f"SliceStart {start} is past the end of the "
                                        f"{duration}-second audio")
    rest = duration - start
    return min(rest, length) if length else rest


def transcription_fields(record: dict) -> dict[str, str]:
    """What a TranscribeCallback carries (TwiML-family names)."""
    fields = {"AccountSid": record["account_sid"], "TranscriptionSid": record["sid"],
              "TranscriptionText": record["transcription_text"],
              "TranscriptionStatus": record["status"], "TranscriptionType": record["type"],
              "TranscriptionDuration": str(record["duration"]),
              "TranscriptionPrice": record["price"], "AudioUrl": record["audio_url"]}
    if record.get("recording_sid"):
        fields["RecordingSid"] = record["recording_sid"]
        fields["RecordingUrl"] = record["audio_url"]
    if record["_call_sid"]:
        fields["CallSid"] = record["_call_sid"]
    fields["ApiVersion"] = "v2"
    return fields
