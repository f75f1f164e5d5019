"""InboundXML ``<Record>`` and ``<PlayLastRecording>`` (seed 004 error table, 13610-13613;
the attributes are those zang-python's ``zang/inboundxml/elements/record.py`` builds, with
zang-node's ``inboundxml/inboundxml.xsd`` for their types and its ``record.js`` for the
defaults: timeout 5, finishOnKey ``#``, maxLength 3600, fileFormat mp3, direction both).

The far end speaks into the Record for its script's ``record_seconds`` (5, far_end.py),
at most ``maxLength``, saying its ``say``. The Record ends when the far end presses a
``finishOnKey`` key (its next scripted ``digits`` entry, if that starts with one), when
``maxLength`` is reached, or else after ``timeout`` seconds of silence following the
speech. The recording (the speech only: trailing silence is not kept) is stored through the
recordings part and the ``action`` is requested with ``RecordingUrl``, ``RecordingDuration``,
``RecordingSid`` and ``Digits`` (the finishing key, or empty); without an action the
document goes on. A far end that says nothing (``record_seconds`` 0) leaves no recording:
after ``timeout`` seconds the document goes on. ``background="true"`` records while the
document goes on at once; the recording is stored when the speech ends, and no action is
requested. ``transcribe`` asks the recordings part for a transcription (quality
``keywords`` when asked, else ``auto``) posted to ``transcribeCallback``.

Codes: ``method`` 13610, ``timeout`` 13611, ``maxLength`` 13612, ``finishOnKey`` 13613, a
malformed URL 11100, another flag or enum 12200; PlayLastRecording on a call without a
recording 13421 ``Play: No file URL provided`` (there is nothing to play; the seed has no
row of its own).
"""
from __future__ import annotations

from datetime import datetime

from ..errors import SLUG, AvayaError
from ..state import AvayaState
from . import attributes as attr
from .outcome import Outcome, go_on, wait
from .verbs import GATHER_PROMPTS, SCHEMA, base_of, verb

RECORD_EVENT = "ixml-record"
KEYS = "0123456789#*"
DIRECTIONS = ("in", "out", "both", "inlow")
FORMATS = ("mp3", "wav")
QUALITIES = ("auto", "silver", "gold", "platinum", "manual", "hybrid", "keywords",
             "subtitles")
SAMPLE_RATES = ("8000", "16000", "32000", "48000")
DEFAULT_SPEECH = 5


def record_settings(call: dict, element: dict) -> dict:
    """Record's attributes checked (codes in the module doc)."""
    attrs, base = element["attrs"], base_of(call)
    method = attr.method(element, 13610)
    timeout = attr.integer(element, "timeout", 13611, 5, minimum=0)
    max_length = attr.integer(element, "maxLength", 13612, 3600, minimum=1)
    finish = attrs.get("finishOnKey", "#")
    if any(key not in KEYS for key in finish):
        raise AvayaError(13613, details=f"finishOnKey={finish!r}: keys 0-9, # and *")
    action = attr.url(element, attrs.get("action"), base, 11100)
    transcribe = attr.boolean(element, "transcribe", SCHEMA, False)
    quality = attr.choice(element, "transcribeQuality", SCHEMA, QUALITIES, "auto")
    transcribed = attr.url(element, attrs.get("transcribeCallback"), base, 11100)
    attr.boolean(element, "playBeep", SCHEMA, False)
    attr.choice(element, "sampleRate", SCHEMA, SAMPLE_RATES, None)
    return {
        "method": method, "timeout": timeout, "max_length": max_length, "finish": finish,
        "action": {"url": action, "method": method} if action else None,
        "direction": attr.choice(element, "direction", SCHEMA, DIRECTIONS, "both"),
        "file_format": attr.choice(element, "fileFormat", SCHEMA, FORMATS, "mp3"),
        "trim_silence": attr.boolean(element, "trimSilence", SCHEMA, False),
        "background": attr.boolean(element, "background", SCHEMA, False),
        "transcribe": {"quality": "keywords" if quality == "keywords" else "auto",
                       "callback": {"url": transcribed, "method": "POST"}
                       if transcribed else None} if transcribe else None,
    }


@verb("Record")
def record(backend, state, call, element) -> Outcome:
    """Record what the far end says; then request ``action`` (module doc)."""
    settings = record_settings(call, element)
    far = call.setdefault("_far", {})
    speech = min(float(far.get("record_seconds", DEFAULT_SPEECH) or 0),
                 settings["max_length"])
    digits = far.get("digits") or []
    key = ""
    if speech and digits and digits[0][:1] and digits[0][0] in settings["finish"]:
        key = digits.pop(0)[0]
    if not speech:
        return go_on(settings["timeout"])
    ends = speech if key or speech >= settings["max_length"] else speech + settings["timeout"]
    payload = {"sid": call["sid"], "seq": call["_run"]["seq"], "duration": speech,
               "digits": key, "say": far.get("say"), "background": settings["background"],
               "options": {name: settings[name] for name in
                           ("file_format", "direction", "trim_silence", "transcribe")},
               "action": settings["action"]}
    backend.services.scheduler.schedule(SLUG, state.account["sid"], RECORD_EVENT, payload,
                                        delay=speech if settings["background"] else ends)
    return go_on(0) if settings["background"] else wait()


def last_recording(state: AvayaState, call: dict) -> dict:
    """The call's latest recording; 13421 when it has none."""
    found = [rec for rec in state.recordings.values() if rec.get("call_sid") == call["sid"]]
    if not found:
        raise AvayaError(13421, details="PlayLastRecording: the call has no recording")
    return found[-1]


def last_recording_seconds(backend, state, call, element) -> float:
    """How long playing the call's latest recording takes."""
    return float(last_recording(state, call).get("duration") or 0)


GATHER_PROMPTS["PlayLastRecording"] = last_recording_seconds


@verb("PlayLastRecording")
def play_last_recording(backend, state, call, element) -> Outcome:
    """Play the call's latest recording (its duration)."""
    return go_on(last_recording_seconds(backend, state, call, element))


class Recording:
    """The end of a Record on the mock clock."""

    def setup_part(self) -> None:
        """Register the event ending a Record."""
        self.services.scheduler.register(SLUG, RECORD_EVENT, self.ixml_recorded)

    def ixml_recorded(self, tenant_id: str, payload: dict, at: datetime) -> None:
        """Scheduler handler: the Record is over; the recording is stored and the action
        requested (a background recording is only stored)."""
        tenant = self.store.peek(tenant_id)
        if tenant is None:
            return
        with tenant.lock:
            state = tenant.state
            call = state.calls.get(payload["sid"])
            if call is None or call["status"] != "in-progress":
                return
            run = call.get("_run") or {}
            if not payload["background"] and (run.get("seq") != payload["seq"]
                                               or run.get("wait") != "Record"):
                return
            duration = int(payload["duration"])
            saved = self.add_recording(state, call, duration=duration, callback=None,
                                       speech=payload["say"], **payload["options"])
            if payload["background"]:
                return
            self.ixml_continue(state, call, {
                "RecordingUrl": saved.get("recording_url", ""),
                "RecordingDuration": str(duration), "RecordingSid": saved["sid"],
                "Digits": payload["digits"]}, payload["action"])
