"""Calls (seed 004, Make Call, View Call, List Calls, Making a SIP Call). Part of the Avaya
backend (a mixin); no Flask here.

A call is stored in its JSON form: the seed's View Call fields in the order the real API
answered them (zang-python's recorded ``call.json``, which also has ``duration_billed``),
with the mock's bookkeeping under ``_`` keys: the URLs and methods it was made with, the far
end it reaches (``_far``), when it was answered (``_answered_at``), and where its InboundXML
stands (``_run``, ixml/engine.py). Its life on the mock clock is in call_life.py; the far
end's script in far_end.py.

Which mistake answers with which code (docs/providers/avaya.md, "Calls"):

- ``To`` missing: 21201; ``From`` missing: 21213; ``Url`` missing: 21205;
- ``To`` not a valid number (after the platform's formatting: "This allows you to use any
  formatting you wish", so ``415-555-0100`` is read as a national number of the From
  number's country, or of the US, ``params.any_format``) nor a ``sip:`` URI: 21211;
  a SIP ``To`` whose headers pass 1,024 characters, or whose ``transport`` is not tcp or
  udp: 21211;
- ``From`` with nothing in it: 21212 (any format is accepted, "8143" included);
- a URL longer than 200 characters: 12301; a malformed one: 21205 (Url), 21231
  (FallbackUrl), 21229 (StatusCallback), 21232 (HeartbeatUrl), 21234 (IfMachineUrl), 21502
  (RecordCallback, TranscribeCallback);
- ``Timeout`` not an integer from 1 to 999: 21208; ``IfMachine`` not continue, redirect or
  hangup: 21207; ``PlayDtmf`` outside the seed's syntax: 21206;
- a trial account calling outside the US: 21215; an account that is not active: 20005.
"""
from __future__ import annotations

import re
from typing import Mapping

from . import timeline
from .accounts import account_path
from .errors import AvayaError, NotFound
from .outbound import present_message
from .paging import Listing, NewestFirst, Window, key_order
from .params import Params, any_format, date_filter, phone, region_of, valid_e164, within
from .state import AvayaState
from .wire import rfc2822

#: every parameter Make Call documents (and zang-python's spellings of two of them)
CALL_PARAMS = ("To", "From", "Url", "Method", "FallbackUrl", "FallbackMethod",
               "StatusCallback", "StatusCallbackMethod", "HeartbeatUrl", "HeartbeatMethod",
               "HearbeatMethod", "ForwardedFrom", "PlayDtmf", "Timeout", "HideCallerId",
               "Record", "RecordCallback", "RecordCallbackMethod", "Transcribe",
               "TranscribeQuality", "TranscribeCallback", "StraightToVoicemail", "IfMachine",
               "IfMachineUrl", "IfMachineMethod", "SipAuthUsername", "SipAuthPassword")
#: the URL parameters and the code a malformed one answers with
URL_CODES = {"Url": 21205, "FallbackUrl": 21231, "StatusCallback": 21229,
             "HeartbeatUrl": 21232, "IfMachineUrl": 21234, "RecordCallback": 21502,
             "TranscribeCallback": 21502}
LIVE = ("queued", "ringing", "in-progress")
ENDED = ("completed", "busy", "failed", "no-answer", "canceled")
IF_MACHINE = ("continue", "redirect", "hangup")
#: every query key List Calls filters by: asked with none of them, it is the whole list
LIST_FILTERS = ("To", "From", "Status", "SipDomain", "StartTime", "StartTime>",
                "StartTime>=", "StartTimeGte", "StartTime<", "StartTime<=", "StartTimeLt")
DEFAULT_TIMEOUT, MAX_TIMEOUT = 60, 999
MAX_SIP_HEADERS = 1024
#: "0-9, #, *, W, or w ... (spaces are valid)", each digit optionally held ``@ms``
PLAY_DTMF = re.compile(r"^(?:[0-9#*](?:@\d{1,5})?|[Ww ])+$")
SEED_TRUE = ("true", "True")          # HideCallerId, StraightToVoicemail: these two only


def call_path(account_sid: str, sid: str) -> str:
    """The ``uri`` of a call."""
    return f"{account_path(account_sid)}/Calls/{sid}"


def present_call(record: dict) -> dict:
    """A stored call as the API shows it."""
    return present_message(record)


def is_sip(address: str | None) -> bool:
    """True for a ``sip:`` (or ``sips:``) URI."""
    return bool(address) and address.strip().lower().startswith(("sip:", "sips:"))


def checked_sip(raw: str) -> str:
    """A SIP ``To`` as given (white space trimmed), checked: a user part and a host, headers
    of at most 1,024 characters, ``transport`` tcp or udp (21211 otherwise)."""
    uri = raw.strip()
    address, _, headers = uri.partition("?")
    body = address.split(":", 1)[1] if ":" in address else ""
    host = body.split(";", 1)[0]
    if "@" not in host or not host.split("@", 1)[1]:
        raise AvayaError(21211, details=f"To {raw!r}: a SIP URI is sip:user@host")
    if len(headers) > MAX_SIP_HEADERS:
        raise AvayaError(21211, details=f"To's SIP headers are {len(headers)} characters; "
                                        f"at most {MAX_SIP_HEADERS} are allowed")
    found = re.search(r";transport=([^;&?]*)", uri, re.IGNORECASE)
    if found and found.group(1).lower() not in ("tcp", "udp"):
        raise AvayaError(21211, details="transport must be tcp or udp")
    return uri


def sip_host(address: str) -> str:
    """The host of a SIP URI (``sip:alice@pbx.example.com;transport=tcp`` ->
    ``pbx.example.com``)."""
    body = address.split(":", 1)[1] if ":" in address else address
    return body.split("?", 1)[0].split(";", 1)[0].split("@", 1)[-1].lower()


class Calls:
    """Make, view and list calls."""

    def make_call(self, account_sid: str, params: Params, base_url: str) -> dict:
        """Make Call: every documented parameter checked (module doc), the call stored
        ``queued`` and dialled on the mock clock. ``base_url`` is the absolute URL of the
        mount the client came through (recording URLs are built on it)."""
        with self.locked(account_sid) as state:
            self.require_active(state)
            settings = checked_call_params(params)
            to = settings.pop("to")
            if state.account["type"] == "trial" and not is_sip(to) and region_of(to) != "US":
                raise AvayaError(21215, status=403,
                                 details="trial accounts call US numbers only")
            self.check_fraud(state, to, "call")
            call = self.new_call(state, to=to, from_=settings.pop("from"),
                                 direction="outbound-api", base_url=base_url, **settings)
            self.dial(state, call)
            return present_call(call)

    def new_call(self, state: AvayaState, *, to: str, from_: str, direction: str,
                 base_url: str = "", parent_call_sid: str = "", **settings) -> dict:
        """Store a new ``queued`` call (any direction) with its settings as bookkeeping
        (``url``, ``method``, ``fallback``, ``status_callback``, ``heartbeat``, ``timeout``,
        ``if_machine``, ``record``, ...: each kept under ``_<name>``)."""
        sid = self.new_sid(state, "CA")
        now = rfc2822(self.clock.now())
        account_sid = state.account["sid"]
        number = self.account_number(state, to if direction == "inbound" else from_) \
            if not is_sip(to if direction == "inbound" else from_) else None
        hidden = bool(settings.get("hide_caller_id"))
        uri = call_path(account_sid, sid)
        record = {
            "date_updated": now, "parent_call_sid": parent_call_sid, "duration": 0,
            "from": from_, "to": to, "caller_id_blocked": hidden,
            "answered_by": "tbd", "sid": sid, "recordings_count": 0, "price": "0.0000",
            "api_version": "v2", "status": "queued", "direction": direction,
            "start_time": None, "date_created": now,
            "subresource_uris": {"notifications": f"{uri}/Notifications",
                                 "recordings": f"{uri}/Recordings"},
            "forwarded_from": settings.pop("forwarded_from", "") or "", "uri": uri,
            "account_sid": account_sid, "duration_billed": 0, "end_time": None,
            "phone_number_sid": number["sid"] if number else "",
            "_base": base_url, "_answered_at": None,
        }
        record.update({f"_{key}": value for key, value in settings.items()})
        state.calls[sid] = record
        timeline.record(record, self.clock.now(), "status", status="queued")
        return record

    def view_call(self, account_sid: str, sid: str) -> dict:
        """View Call; 21227 (404) for an unknown SID."""
        with self.locked(account_sid) as state:
            return present_call(self.call_of(state, sid))

    def call_of(self, state: AvayaState, sid: str) -> dict:
        """A call of the account by SID; 21227 (404) when there is none."""
        call = state.calls.get(sid)
        if call is None:
            raise NotFound("call", sid)
        return call

    def live_call(self, state: AvayaState, sid: str) -> dict:
        """A call that is still live (queued, ringing or in progress); 21227 (404) for an
        unknown SID, 21221 for a call that has ended."""
        call = self.call_of(state, sid)
        if call["status"] not in LIVE:
            raise AvayaError(21221, details=f"call {sid} is {call['status']}")
        return call

    def list_calls(self, account_sid: str, args: Mapping[str, str], window: Window) -> Listing:
        """List Calls: newest first, filtered by ``To``, ``From`` (formatted as numbers, or
        SIP URIs as given; a ``To`` may be national, as Make Call's: ``any_format``, while
        a ``From`` matches the caller ID's digits as given), ``Status``, ``StartTime`` (with inequalities) and ``SipDomain``
        (in either address)."""
        to, from_ = _address(args.get("To"), any_format), _address(args.get("From"))
        status = (args.get("Status") or "").strip().lower()
        domain = (args.get("SipDomain") or "").strip().lower()
        started = date_filter(args, "StartTime")
        with self.locked(account_sid) as state:
            if not any(name in args for name in LIST_FILTERS):     # the whole list
                return window.slice(NewestFirst(state.calls, key_order(state, "calls")),
                                    present_call)
            found = []
            for call in reversed(list(state.calls.values())):
                if (to and _address(call["to"], any_format) != to) or \
                        (from_ and _address(call["from"]) != from_) or \
                        (status and call["status"] != status):
                    continue
                if domain and not any(is_sip(end) and sip_host(end) == domain
                                      for end in (call["to"], call["from"])):
                    continue
                if not within(call["start_time"], started):
                    continue
                found.append(call)
            return window.slice(found, present_call)


def _address(raw: str | None, number=phone) -> str | None:
    if raw is None or not raw.strip():
        return None
    return raw.strip() if is_sip(raw) else number(raw)


def checked_call_params(params: Params) -> dict:
    """Make Call's parameters checked (codes in the module doc) and normalised into the
    settings ``new_call`` keeps."""
    raw_to, raw_from = params.text("To"), params.text("From")
    if not raw_to:
        raise AvayaError(21201)
    if not raw_from:
        raise AvayaError(21213)
    if not params.text("Url"):
        raise AvayaError(21205, details="Url is required")
    from_ = raw_from if is_sip(raw_from) else caller_id(raw_from)
    region = national_region(from_ or "")
    if is_sip(raw_to):
        to = checked_sip(raw_to)
    else:
        to = any_format(raw_to, region)
        if not valid_e164(to):
            raise AvayaError(21211, details=f"To {raw_to!r} is not a valid phone number")
    if not from_:
        raise AvayaError(21212, details=f"From {raw_from!r} has no digits")
    urls = {name: params.url(name, invalid=code) for name, code in URL_CODES.items()}
    timeout = _timeout(params.text("Timeout"))
    if_machine = (params.text("IfMachine") or "").lower() or None
    if if_machine is not None and if_machine not in IF_MACHINE:
        raise AvayaError(21207, details=f"IfMachine must be one of {', '.join(IF_MACHINE)}")
    dtmf = params.get("PlayDtmf")
    if dtmf is not None and dtmf.strip() and not PLAY_DTMF.match(dtmf.strip()):
        raise AvayaError(21206, details=f"PlayDtmf {dtmf!r}: digits 0-9 # * W w, tones "
                                        "as 4@2000")
    heartbeat_method = params.method("HeartbeatMethod") if "HeartbeatMethod" in params \
        else params.method("HearbeatMethod")
    record = params.boolean("Record")
    transcribe = params.boolean("Transcribe")
    return {
        "to": to, "from": from_,
        "url": urls["Url"], "method": params.method("Method"),
        "fallback": _target(urls["FallbackUrl"], params.method("FallbackMethod")),
        "status_callback": _target(urls["StatusCallback"],
                                   params.method("StatusCallbackMethod")),
        "heartbeat": _target(urls["HeartbeatUrl"], heartbeat_method),
        "forwarded_from": any_format(params.get("ForwardedFrom"), region) or "",
        "play_dtmf": (dtmf or "").strip(), "timeout": timeout,
        "hide_caller_id": (params.text("HideCallerId") or "") in SEED_TRUE,
        "record": {
            "callback": _target(urls["RecordCallback"], params.method("RecordCallbackMethod")),
            "transcribe": {"quality": _quality(params.text("TranscribeQuality")),
                           "callback": _target(urls["TranscribeCallback"], "POST")}
            if transcribe else None,
        } if record else None,
        "straight_to_voicemail": (params.text("StraightToVoicemail") or "") in SEED_TRUE,
        "if_machine": {"mode": if_machine,
                       "target": _target(urls["IfMachineUrl"],
                                         params.method("IfMachineMethod"))}
        if if_machine else None,
        "sip_auth": {"username": params.text("SipAuthUsername") or "",
                     "password": params.get("SipAuthPassword") or ""}
        if params.text("SipAuthUsername") else None,
    }


def national_region(from_: str) -> str | None:
    """The country a national ``To`` or ``ForwardedFrom`` is read in: the From number's
    when it is a valid E.164 number, else None (the US, ``params.DEFAULT_REGION``)."""
    return region_of(from_) if valid_e164(from_) else None


def caller_id(raw: str) -> str | None:
    """A From as the platform formats it: its digits, with the ``+`` only when it was
    given one ("8143 could be passed to the From parameter and would be displayed as the
    caller ID", Make Call); None when it has no digits."""
    digits = phone(raw)
    if digits is None:
        return None
    return digits if raw.strip().startswith("+") else digits[1:]


def _target(url: str | None, method: str) -> dict | None:
    return {"url": url, "method": method} if url else None


def _quality(raw: str | None) -> str:
    return "keywords" if (raw or "").lower() == "keywords" else "auto"


def _timeout(raw: str | None) -> int:
    if raw is None or raw == "":
        return DEFAULT_TIMEOUT
    try:
        value = int(raw)
    except ValueError:
        raise AvayaError(21208, details=f"Timeout must be an integer, got {raw!r}") from None
    if not 1 <= value <= MAX_TIMEOUT:
        raise AvayaError(21208, details=f"Timeout must be from 1 to {MAX_TIMEOUT}")
    return value
