"""InboundXML ``<Ping>``, ``<Refer>``, ``<Connect>``/``<Agent>`` and ``<GetSpeech>``: the
elements zang-python (``zang/inboundxml/elements/ping.py``, ``refer.py``, ``connect.py``,
``agent.py``) and zang-node (``inboundxml/getspeech.js``, ``inboundxml.xsd``) build that
the other modules do not run. The seed's table has codes for none of their attributes but
GetSpeech's grammar (13335), so a value outside the SDKs' schema answers 12200 ``Schema
validation warning`` and a malformed URL 11100.

- Ping: its URL (the text) is requested with the call's parameters, fire and forget (a
  webhook delivery, retried and recorded like any callback); the document goes on at once.
- Refer: the call is handed over to a SIP address (the text, or a nested ``Sip``). The
  address's scripted far end (far_end.py) decides: one that answers within ``timeout``
  (30) takes the call, which leaves the platform and ends ``completed`` after the far
  end's ``ring_seconds``; one that is busy, does not answer or fails makes the Refer fail:
  after the ringing (``timeout`` at most) the ``action`` is requested with
  ``ReferStatus`` (``busy``, ``no-answer`` or ``failed``), or the document goes on.
  ``callbackUrl`` is checked but not called.
- Connect: the call talks with the Dialogflow agent whose SID the nested ``Agent`` gives
  (``state.agents``, agents.py) until the far end hangs up (its ``hangup_after``); the
  conversation itself is not simulated and ``action`` is not requested. An agent the
  account does not have: 21227 ``SID Could not be found``.
- GetSpeech: plays its nested Say, Play, Pause and PlayLastRecording, then takes the far
  end's next scripted ``speech`` entry a second later and requests ``action`` (by default
  the document's URL) with ``SpeechResult``; with nothing said it waits ``timeout`` (5)
  seconds and the document goes on. ``grammar`` missing or malformed: 13335.
"""
from __future__ import annotations

from ..calls import checked_sip, is_sip
from ..errors import AvayaError
from . import attributes as attr
from .outcome import Outcome, fetch, go_on, wait
from .verbs import (GATHER_PROMPTS, SCHEMA, base_of, pause_seconds, play_seconds,
                    say_seconds, verb)

REFER_TIMEOUT = 30
SPEECH_TIMEOUT = 5
UNKNOWN_AGENT = 21227


@verb("Ping")
def ping(backend, state, call, element) -> Outcome:
    """Request the URL with the call's parameters; go on at once."""
    from ..call_life import CALL_CALLBACK, call_fields
    method = attr.method(element, SCHEMA)
    target = attr.url(element, element["text"], base_of(call), 11100)
    if target is None:
        raise AvayaError(11100, details="Ping has no URL")
    backend.deliver(state.account["sid"], CALL_CALLBACK, target, method, call_fields(call),
                    {"kind": "call", "sid": call["sid"]})
    return go_on(0)


def refer_address(element: dict) -> str:
    """The SIP address a Refer hands the call to (12200 when there is none, or two)."""
    nouns = element["children"]
    if any(noun["tag"] != "Sip" for noun in nouns) or len(nouns) > 1 or \
            (nouns and element["text"]):
        raise AvayaError(SCHEMA, details="Refer takes one SIP address, as text or a <Sip>")
    raw = nouns[0]["text"] if nouns else element["text"]
    if not raw:
        raise AvayaError(SCHEMA, details="Refer has no SIP address")
    try:
        return checked_sip(raw if is_sip(raw) else f"sip:{raw}")
    except AvayaError as err:
        raise AvayaError(SCHEMA, details=err.details) from None


@verb("Refer")
def refer(backend, state, call, element) -> Outcome:
    """Hand the call to a SIP address (module doc)."""
    base = base_of(call)
    method = attr.method(element, SCHEMA)
    action = attr.url(element, element["attrs"].get("action"), base, 11100)
    timeout = attr.integer(element, "timeout", SCHEMA, REFER_TIMEOUT, minimum=1)
    attr.url(element, element["attrs"].get("callbackUrl"), base, 11100)
    attr.method(element, SCHEMA, "callbackMethod")
    far = backend.callee_for(state, refer_address(element))
    ring = float(far["ring_seconds"])
    if far["answer"] in ("human", "machine") and ring < timeout:
        backend.schedule_hangup(state, call, ring)
        return wait()
    status = far["answer"] if far["answer"] in ("busy", "failed") else "no-answer"
    seconds = 0.0 if status == "failed" else timeout if status == "no-answer" \
        else min(ring, timeout)
    if action:
        return fetch(action, method, {"ReferStatus": status}, seconds)
    return go_on(seconds)


@verb("Connect")
def connect(backend, state, call, element) -> Outcome:
    """Put the caller through to a Dialogflow agent until the far end hangs up."""
    attr.method(element, SCHEMA)
    attr.url(element, element["attrs"].get("action"), base_of(call), 11100)
    nouns = element["children"]
    if len(nouns) != 1 or nouns[0]["tag"] != "Agent" or not nouns[0]["text"]:
        raise AvayaError(SCHEMA, details="Connect takes one <Agent> naming an agent SID")
    agent = nouns[0]["text"]
    if agent not in state.agents:
        raise AvayaError(UNKNOWN_AGENT, details=f"no agent {agent}")
    return wait()


@verb("GetSpeech")
def get_speech(backend, state, call, element) -> Outcome:
    """Play the prompts, take what the far end says, request ``action``."""
    method = attr.method(element, SCHEMA)
    timeout = attr.integer(element, "timeout", SCHEMA, SPEECH_TIMEOUT, minimum=1)
    attr.boolean(element, "playBeep", SCHEMA, False)
    if attr.url(element, element["attrs"].get("grammar"), base_of(call), 13335) is None:
        raise AvayaError(13335, details="GetSpeech needs the URL of an SRGS grammar")
    action = attr.url(element, element["attrs"].get("action"), base_of(call), 11100) \
        or base_of(call)
    prompt = 0.0
    for child in element["children"]:
        if child["tag"] == "Say":
            prompt += say_seconds(child) or 0.0
        elif child["tag"] == "Play":
            prompt += play_seconds(backend, child) or 0.0
        elif child["tag"] == "Pause":
            prompt += pause_seconds(child)
        elif child["tag"] in GATHER_PROMPTS:
            prompt += GATHER_PROMPTS[child["tag"]](backend, state, call, child)
        else:
            raise AvayaError(SCHEMA, details=f"<{child['tag']}> inside GetSpeech")
    speech = call.setdefault("_far", {}).get("speech") or []
    spoken = speech.pop(0) if speech else ""
    if not spoken:
        return go_on(prompt + timeout)
    return fetch(action, method, {"SpeechResult": spoken}, prompt + 1)
