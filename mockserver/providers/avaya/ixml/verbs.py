"""The InboundXML verbs every call can run, and the registry further verbs join.

A verb is ``run(backend, state, call, element) -> Outcome``, registered with
``@verb("Name")``. It checks its attributes (attributes.py, with the seed's codes), does
what it does to the call, and says what follows and after how long on the mock clock.

Timings (docs/providers/avaya.md, "InboundXML"): Say takes 0.4 s a word (at least 1 s) for
each loop; Play takes ``AVAYA_PLAY_SECONDS`` (5) for each loop, since the mock does not
fetch the audio; Pause its ``length`` (1); a loop of 0 ("repeat until the call ends")
waits until the far end hangs up. Gather plays its nested Say, Play and Pause, then takes
the far end's next scripted digits (far_end.py) a second later and requests its
``action`` (by default the document's own URL) with ``Digits``; with nothing scripted it
waits ``timeout`` seconds and the document goes on with the next element.
"""
from __future__ import annotations

import math
import re
from typing import Callable

from .. import timeline
from ..errors import AvayaError
from . import attributes as attr
from .outcome import Outcome, fetch, go_on, hang_up, wait

Verb = Callable[..., Outcome]
#: every verb the engine runs, by element name
VERBS: dict[str, Verb] = {}
VOICES = ("man", "woman", "male", "female")
SECONDS_A_WORD = 0.4
PLAY_SECONDS = 5.0
#: each verb's codes for its loop/voice/url/method attributes, alone and inside Gather
SAY_CODES = {"loop": 13510, "voice": 13511, "text": 13520}
GATHER_SAY_CODES = {"loop": 13322, "voice": 13321, "text": 13520}
GATHER_NESTED = ("Say", "Play", "Pause")
#: further elements Gather may nest (zang-node's inboundxml.xsd: PlayLastRecording), each
#: registered by its module as ``seconds(backend, state, call, element)``
GATHER_PROMPTS: dict[str, Callable[..., float]] = {}
#: Say's languages (zang-python's Language enum, zang-node's xsd ``tts_languages``)
SAY_LANGUAGES = ("en", "en-gb", "es", "fr", "it", "de")
#: Gather's inputs (zang-python's GatherInput; both orders of the pair accepted)
GATHER_INPUTS = ("dtmf", "speech", "speech dtmf", "dtmf speech")
#: a BCP-47 tag as zang-python's BCPLanguage writes them (``en-US``, ``cmn-Hans-CN``)
BCP_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4}){1,2}$")
#: the code of a value the seed's table has no row for (an enum of the SDKs' schema)
SCHEMA = 12200


def verb(name: str) -> Callable[[Verb], Verb]:
    """Register ``run`` as the verb ``name``."""
    def register(run: Verb) -> Verb:
        VERBS[name] = run
        return run
    return register


def base_of(call: dict) -> str:
    """The URL of the document the call is running (relative URLs resolve against it)."""
    return (call.get("_run") or {}).get("url") or call.get("_url") or ""


# -- how long things take ------------------------------------------------------------------

def say_seconds(element: dict, codes: dict = SAY_CODES) -> float | None:
    """Seconds a Say takes (None: it loops until the call ends); checks its attributes."""
    if not element["text"]:
        raise AvayaError(codes["text"], details="Say has no text")
    attr.choice(element, "voice", codes["voice"], VOICES, "woman")
    attr.choice(element, "language", SCHEMA, SAY_LANGUAGES, "en")
    loop = attr.integer(element, "loop", codes["loop"], 1)
    words = len(element["text"].split())
    return None if loop == 0 else loop * max(1.0, math.ceil(words * SECONDS_A_WORD))


def play_seconds(backend, element: dict, loop_code: int = 13410) -> float | None:
    """Seconds a Play takes (None: it loops until the call ends); checks its attributes."""
    if not element["text"]:
        raise AvayaError(13421, details="Play has no file URL")
    loop = attr.integer(element, "loop", loop_code, 1)
    each = float(backend.services.config.get("AVAYA_PLAY_SECONDS", PLAY_SECONDS))
    return None if loop == 0 else loop * each


def pause_seconds(element: dict) -> float:
    """Seconds a Pause takes (its ``length``, 1 by default)."""
    return float(attr.integer(element, "length", 13910, 1))


def _then(seconds: float | None) -> Outcome:
    return wait() if seconds is None else go_on(seconds)


# -- the verbs -----------------------------------------------------------------------------

@verb("Say")
def say(backend, state, call, element) -> Outcome:
    """Speak the text (``voice``, ``language``, ``loop``)."""
    return _then(say_seconds(element))


@verb("Play")
def play(backend, state, call, element) -> Outcome:
    """Play the audio at the URL (``loop``)."""
    attr.url(element, element["text"], base_of(call), 13421)
    return _then(play_seconds(backend, element))


@verb("Pause")
def pause(backend, state, call, element) -> Outcome:
    """Wait ``length`` seconds."""
    return go_on(pause_seconds(element))


@verb("Answer")
def answer(backend, state, call, element) -> Outcome:
    """Answer the call (it already is: the platform answers as it fetches)."""
    return go_on(0)


@verb("Hangup")
def hangup(backend, state, call, element) -> Outcome:
    """End the call (``schedule``: after that many seconds)."""
    delay = attr.integer(element, "schedule", 12200, 0)
    if delay:
        backend.schedule_hangup(state, call, delay)
        return go_on(0)
    return hang_up("completed")


@verb("Reject")
def reject(backend, state, call, element) -> Outcome:
    """Refuse the call: ``reason`` ``busy`` ends it busy, ``rejected`` (the default)
    ends it rejected (zang's CallStatus has both); no charge."""
    reason = attr.choice(element, "reason", 12200, ("rejected", "busy"), "rejected")
    call["_answered_at"] = None
    return hang_up("busy" if reason == "busy" else "rejected")


@verb("Redirect")
def redirect(backend, state, call, element) -> Outcome:
    """Request another document (the text is its URL; ``method``)."""
    method = attr.method(element, 13710)
    target = attr.url(element, element["text"], base_of(call), 11100)
    if target is None:
        raise AvayaError(11100, details="Redirect has no URL")
    timeline.record(call, backend.clock.now(), "redirect", url=target, method=method)
    return fetch(target, method)


@verb("Gather")
def gather(backend, state, call, element) -> Outcome:
    """Play the nested Say/Play/Pause, collect the far end's digits, request ``action``."""
    method = attr.method(element, 13312)
    timeout = attr.integer(element, "timeout", 13313, 5, minimum=1)
    finish = element["attrs"].get("finishOnKey", "#")
    if len(finish) > 1 or (finish and finish not in "0123456789#*"):
        raise AvayaError(13310, details=f"finishOnKey={finish!r}")
    num_digits = attr.integer(element, "numDigits", 13314, None, minimum=1)
    mode = attr.choice(element, "input", SCHEMA, GATHER_INPUTS, "dtmf")
    language = (element["attrs"].get("language") or "").strip()
    if language and not BCP_LANGUAGE.match(language):
        raise AvayaError(SCHEMA, details=f"Gather language={language!r}: a BCP-47 tag")
    action = attr.url(element, element["attrs"].get("action"), base_of(call), 11100) \
        or base_of(call)
    prompt = 0.0
    for child in element["children"]:
        if child["tag"] not in GATHER_NESTED and child["tag"] not in GATHER_PROMPTS:
            raise AvayaError(13320, details=f"<{child['tag']}> inside Gather")
        if child["tag"] in GATHER_PROMPTS:
            seconds = GATHER_PROMPTS[child["tag"]](backend, state, call, child)
        elif child["tag"] == "Say":
            seconds = say_seconds(child, GATHER_SAY_CODES)
        elif child["tag"] == "Play":
            seconds = play_seconds(backend, child)
        else:
            seconds = pause_seconds(child)
        prompt += seconds or 0.0
    far = call.setdefault("_far", {})
    if "speech" in mode and far.get("speech"):
        spoken = far["speech"].pop(0)
        if spoken:
            timeline.record(call, backend.clock.now(), "digits", digits="", speech=spoken,
                            input="speech", action=action, method=method, after=prompt + 1)
            return fetch(action, method, {"SpeechResult": spoken, "Digits": ""}, prompt + 1)
    digits = far.get("digits") or []
    keys = digits.pop(0) if digits and "dtmf" in mode else ""
    if finish and finish in keys:
        keys = keys[:keys.index(finish)]
    if num_digits:
        keys = keys[:num_digits]
    if not keys:
        return go_on(prompt + timeout)
    timeline.record(call, backend.clock.now(), "digits", digits=keys, input="dtmf",
                    action=action, method=method, after=prompt + 1)
    return fetch(action, method, {"Digits": keys}, prompt + 1)
