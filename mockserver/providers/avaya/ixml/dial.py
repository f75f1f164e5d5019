"""InboundXML ``<Dial>`` and its nouns ``Number``, ``Sip``, ``User`` and ``Conference``
(seed 004 error table, 13201-13239; the elements and attributes are those zang-python's
``zang/inboundxml/elements/dial.py``, ``number.py``, ``sip.py``, ``user.py`` and
``conference.py`` build, with zang-node's ``inboundxml/inboundxml.xsd`` for ``timeout``,
``hangupOnStar`` and Number's ``url``/``method``).

Dialling numbers or SIP addresses: each destination becomes a call of its own (a leg:
direction ``outbound-dial``, ``parent_call_sid`` the dialling call, from ``callerId`` or
the dialling call's From) that rings as its scripted far end says (far_end.py), at most
``timeout`` seconds (30). The first leg to answer is bridged and the others are canceled;
a Number with a ``url`` first runs that document on the answered leg, and is bridged when
the document is done. The bridge lasts until either side hangs up, or ``timeLimit``
seconds. Then the Dial is over: its ``action`` is requested with ``DialCallStatus``
(``completed``, or when no leg answered ``busy``, ``no-answer``, ``failed`` or
``canceled``), ``DialCallSid`` and ``DialCallDuration``; without an action the document
goes on. ``Conference`` puts the call in a conference (conferences.py) until it ends.

Which mistake answers with which code (docs/providers/avaya.md, "InboundXML (part 2)"):
a Dial on a leg that was itself dialled 13201; ``method`` 13210; ``timeout`` 13212;
``hangupOnStar`` 13213; ``callerId`` without digits 13214; another nested element, or a
Conference beside other nouns, 13215; ``timeLimit`` 13216; Number ``method`` 13221;
``sendDigits`` 13222; a number without digits (or a malformed SIP address) 13223; a number
that is not valid 13224; a trial account dialling outside the US 13225; nothing to dial
13226; an empty User 13227; a User (application clients are not emulated) 13239; an empty
Conference name 13237; a malformed URL 11100; another enum or flag of the SDKs' schema 12200.
"""
from __future__ import annotations

from ..calls import ENDED, PLAY_DTMF, caller_id, checked_sip, is_sip
from ..errors import AvayaError
from ..params import phone, region_of, valid_e164
from ..state import AvayaState
from . import attributes as attr
from .outcome import Outcome, wait
from .verbs import SCHEMA, base_of, verb

DIAL_NOUNS = ("Number", "Sip", "User", "Conference")
DEFAULT_TIMEOUT = 30
IF_MACHINE = ("continue", "redirect", "hangup")
#: what a Dial that no leg answered reports, when its legs ended differently
FAILURE_ORDER = ("busy", "no-answer", "failed", "canceled")


def _target(element: dict, base: str, url_name: str, method_name: str,
            method_code: int = SCHEMA) -> dict | None:
    found = attr.url(element, element["attrs"].get(url_name), base, 11100)
    method = attr.method(element, method_code, method_name)
    return {"url": found, "method": method} if found else None


def _send_digits(element: dict) -> str:
    raw = (element["attrs"].get("sendDigits") or "").strip()
    if raw and not PLAY_DTMF.match(raw):
        raise AvayaError(13222, details=f"sendDigits={raw!r}: digits 0-9 # * and w")
    return raw


def dial_settings(call: dict, element: dict) -> dict:
    """Dial's own attributes checked: what the Dial and each leg keep."""
    base = base_of(call)
    attrs = element["attrs"]
    method = attr.method(element, 13210)
    timeout = attr.integer(element, "timeout", 13212, DEFAULT_TIMEOUT, minimum=1)
    hangup_on_star = attr.boolean(element, "hangupOnStar", 13213, False)
    time_limit = attr.integer(element, "timeLimit", 13216, None, minimum=1)
    raw_caller = (attrs.get("callerId") or "").strip()
    caller = None
    if raw_caller:
        caller = raw_caller if is_sip(raw_caller) else caller_id(raw_caller)
        if not caller:
            raise AvayaError(13214, details=f"callerId={raw_caller!r} has no digits")
    action = attr.url(element, attrs.get("action"), base, 11100)
    if_machine = attr.choice(element, "ifMachine", SCHEMA, IF_MACHINE, None)
    machine_target = _target(element, base, "ifMachineUrl", "ifMachineMethod")
    straight = (attrs.get("straightToVm") or "").strip().lower()
    record = attr.boolean(element, "record", SCHEMA, False)
    leg = {
        "timeout": timeout,
        "hide_caller_id": attr.boolean(element, "hideCallerId", SCHEMA, False),
        "status_callback": _target(element, base, "callbackUrl", "callbackMethod"),
        "heartbeat": _target(element, base, "heartbeatUrl", "heartbeatMethod"),
        "forwarded_from": phone(attrs.get("forwardedFrom")) or "",
        "straight_to_voicemail": straight in ("true", "1") or straight.isdigit()
        and int(straight) > 0,
        "if_machine": {"mode": if_machine, "target": machine_target} if if_machine else None,
        "record": {"callback": _target(element, base, "recordCallbackUrl",
                                           "recordCallbackMethod"),
                   "transcribe": None} if record else None,
    }
    return {"action": {"url": action, "method": method} if action else None,
            "time_limit": time_limit, "hangup_on_star": hangup_on_star,
            "caller": caller, "leg": leg}


def number_target(state: AvayaState, call: dict, element: dict) -> dict:
    """A Number (or Dial's own text): the E.164 number, its sendDigits and url."""
    method = attr.method(element, 13221)
    send_digits = _send_digits(element)
    url = attr.url(element, element["attrs"].get("url"), base_of(call), 11100)
    number = phone(element["text"])
    if number is None:
        raise AvayaError(13223, details=f"{element['text']!r} is not a phone number")
    if not valid_e164(number):
        raise AvayaError(13224, details=f"{number} is not a valid phone number")
    if state.account["type"] == "trial" and region_of(number) != "US":
        raise AvayaError(13225, details="trial accounts dial US numbers only")
    return {"to": number, "play_dtmf": send_digits,
            "screen": {"url": url, "method": method} if url else None}


def sip_target(state: AvayaState, call: dict, element: dict) -> dict:
    """A Sip noun: the address (``sip:`` added when missing), its credentials."""
    text = element["text"]
    if not text:
        raise AvayaError(13226, details="Sip has no address")
    address = text if is_sip(text) else f"sip:{text}"
    try:
        address = checked_sip(address)
    except AvayaError as err:
        raise AvayaError(13223, details=err.details) from None
    username = (element["attrs"].get("username") or "").strip()
    return {"to": address, "play_dtmf": _send_digits(element), "screen": None,
            "sip_auth": {"username": username,
                         "password": element["attrs"].get("password") or ""}
            if username else None}


def user_target(state: AvayaState, call: dict, element: dict) -> dict:
    """A User noun: application clients are not emulated, so no user is reachable."""
    if not element["text"]:
        raise AvayaError(13227, details="User names no client")
    raise AvayaError(13239, details=f"client {element['text']!r}: application clients are "
                                    "not emulated by the mock")


TARGETS = {"Number": number_target, "Sip": sip_target, "User": user_target}


@verb("Dial")
def dial(backend, state, call, element) -> Outcome:
    """Dial numbers, SIP addresses or a conference; wait until the Dial is over."""
    if call.get("_bridge") or call["direction"] == "outbound-dial":
        raise AvayaError(13201, details="this call was itself dialled by a Dial")
    settings = dial_settings(call, element)
    nouns = element["children"]
    for noun in nouns:
        if noun["tag"] not in DIAL_NOUNS:
            raise AvayaError(13215, details=f"<{noun['tag']}> inside Dial")
    if any(noun["tag"] == "Conference" for noun in nouns):
        if len(nouns) > 1 or element["text"]:
            raise AvayaError(13215, details="a Conference is dialled alone")
        name = nouns[0]["text"]
        if not name:
            raise AvayaError(13237, details="Conference has no name")
        backend.join_conference(state, call, name, dict(nouns[0]["attrs"]))
        call["_run"]["dial"] = {"action": settings["action"], "conference": True,
                                "legs": []}
        return wait()
    targets = []
    if element["text"]:
        targets.append(number_target(state, call, {"tag": "Number", "attrs": {},
                                                   "text": element["text"],
                                                   "children": []}))
    targets += [TARGETS[noun["tag"]](state, call, noun) for noun in nouns]
    if not targets:
        raise AvayaError(13226, details="Dial has nothing to dial")
    for target in targets:
        backend.check_fraud(state, target["to"], "call")
    legs = []
    for target in targets:
        to = target.pop("to")
        legs.append(backend.new_call(
            state, to=to, from_=settings["caller"] or call["from"],
            direction="outbound-dial", parent_call_sid=call["sid"],
            base_url=call.get("_base", ""), bridge=True, **settings["leg"], **target))
    run = call["_run"]
    run["legs"] = [leg["sid"] for leg in legs]
    run["dial"] = {"action": settings["action"], "time_limit": settings["time_limit"],
                   "legs": list(run["legs"]), "winner": None}
    for leg in legs:
        backend.dial(state, leg)
    return wait()


class Dialling:
    """The Dial's legs as they answer and end (overrides the engine's stubs)."""

    def _dial_of(self, parent: dict | None, leg: dict) -> dict | None:
        dial = ((parent or {}).get("_run") or {}).get("dial")
        return dial if dial and leg["sid"] in dial["legs"] else None

    def ixml_leg_answered(self, state: AvayaState, leg: dict) -> None:
        """The first leg to answer wins: the others are canceled; it runs its Number's
        ``url`` document (or its ``ifMachineUrl``'s when a machine answered and
        ``ifMachine`` is redirect), else it is bridged at once."""
        parent = state.calls.get(leg["parent_call_sid"])
        dial = self._dial_of(parent, leg)
        if dial is None or dial["winner"] or parent["status"] != "in-progress":
            leg.pop("_bridge", None)
            self.end_call(state, leg, "completed")
            return
        dial["winner"] = leg["sid"]
        for sid in dial["legs"]:
            other = state.calls.get(sid)
            if sid != leg["sid"] and other is not None and other["status"] not in ENDED:
                self.end_call(state, other, "canceled")
        detection = leg.get("_if_machine") or {}
        if leg["answered_by"] == "machine" and detection.get("mode") == "redirect" \
                and detection.get("target"):
            leg["_screening"] = "machine"
            self.ixml_begin(state, leg, detection["target"]["url"],
                            detection["target"]["method"])
        elif leg.get("_screen"):
            leg["_screening"] = "number"
            self.ixml_begin(state, leg, leg["_screen"]["url"], leg["_screen"]["method"])
        else:
            self._bridge(state, leg, dial)

    def _bridge(self, state: AvayaState, leg: dict, dial: dict) -> None:
        if dial["time_limit"]:
            self.schedule_hangup(state, leg, dial["time_limit"])

    def ixml_document_done(self, state: AvayaState, call: dict) -> None:
        """A leg that ran its Number's ``url`` document is bridged; any other call ends."""
        if call.pop("_screening", None) == "number":
            dial = self._dial_of(state.calls.get(call["parent_call_sid"]), call)
            if dial is not None:
                self._bridge(state, call, dial)
                return
        super().ixml_document_done(state, call)

    def ixml_leg_ended(self, state: AvayaState, parent: dict, leg: dict) -> None:
        """The bridged leg ended, or every leg ended unanswered: the Dial is over; its
        action is requested (or the document goes on)."""
        dial = self._dial_of(parent, leg)
        if dial is None or (dial["winner"] and dial["winner"] != leg["sid"]):
            return
        status = leg["status"]
        if not dial["winner"]:
            legs = [state.calls.get(sid) for sid in dial["legs"]]
            if any(other is not None and other["status"] not in ENDED for other in legs):
                return
            statuses = {other["status"] for other in legs if other is not None}
            if len(statuses) > 1:
                status = next(found for found in FAILURE_ORDER if found in statuses)
        run = parent["_run"]
        run.pop("dial", None)
        run.pop("legs", None)
        self.ixml_continue(state, parent, {"DialCallStatus": status,
                                           "DialCallSid": leg["sid"],
                                           "DialCallDuration": str(leg["duration"])},
                           dial["action"])

    def ixml_continue(self, state: AvayaState, call: dict, fields: dict | None = None,
                      action: dict | None = None) -> None:
        """As the engine's; a call that left its Dial's conference requests the Dial's
        action (the conferences part resumes it without one)."""
        run = call.get("_run") or {}
        dial = run.get("dial")
        if dial and dial.get("conference") and run.get("wait") == "Dial":
            run.pop("dial")
            action = action or dial["action"]
        super().ixml_continue(state, call, fields, action)
