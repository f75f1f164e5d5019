"""``/_mock/avaya``: the control-API simulations of the outside world (an inbound SMS,
inbound.py; an inbound call and scripted callees, far_end.py; a SIP call into a SIP domain,
sip_calls.py), mounted by the app from ``SPEC.build_control``; and what the mock knows of the
calls it holds (each call's timeline, timeline.py), read without seeding an account. JSON in,
JSON out; errors are the control API's ``{"error": ...}``."""
from __future__ import annotations

from flask import Blueprint, request

from ...core.body import read_json
from ...core.errors import BadRequest, NotFound
from ...core.params import refuse_unknown
from ...core.provider import Services
from ...core.render import json_copy, json_response
from ...core.state import ProviderStore
from .calls import present_call
from .errors import SLUG
from .wire import mounted


def build_control(services: Services) -> Blueprint:
    """The simulation endpoints over the backend ``build`` left in ``services.backends``."""
    backend = services.backends[SLUG]
    bp = Blueprint("avaya_control", __name__)

    @bp.post("/sms")
    def sms():
        """POST /_mock/avaya/sms {account_sid, from, to, body}: an SMS to an account
        number."""
        return json_response(backend.receive_sms(read_json(request)))

    @bp.post("/calls")
    def calls():
        """POST /_mock/avaya/calls {account_sid, from, to, and the caller's script}: a
        call to an account number; answers with the call resource (201)."""
        base_url = request.host_url.rstrip("/") + "/" + SLUG
        return json_response(backend.receive_call(read_json(request), base_url), 201)

    @bp.get("/calls")
    def call_list():
        """GET /_mock/avaya/calls?account_sid=: the account's calls, newest first, each
        with the number of its timeline's entries; 404 for an account never seen."""
        return json_response(call_summaries(backend.store, _account(request.args)))

    @bp.get("/calls/<sid>")
    def call_timeline_view(sid: str):
        """GET /_mock/avaya/calls/<CallSid>?account_sid=: the call as View Call shows it,
        its timeline and how many entries were dropped; 404 for an unknown account or
        call."""
        return json_response(call_timeline(backend.store, _account(request.args), sid))

    @bp.post("/sip/calls")
    def sip_calls():
        """POST /_mock/avaya/sip/calls {from, to (sip:user@<domain>), username, password,
        ip, account_sid (optional), and the caller's script}: a SIP device calls into a SIP
        domain (sip_calls.py); the call (201), or the refusal with the failed call (403)."""
        base_url = request.host_url.rstrip("/") + "/" + SLUG
        status, body = backend.receive_sip_call(read_json(request), base_url)
        return json_response(body, status)

    @bp.post("/callees")
    def script_callee():
        """POST /_mock/avaya/callees {account_sid, to, answer, ring_seconds, hangup_after,
        digits, speech, say, record_seconds}: what a destination does when called."""
        return json_response(backend.script_callee(read_json(request)), 201)

    @bp.get("/callees")
    def callees():
        """GET /_mock/avaya/callees?account_sid=: the account's scripted destinations."""
        return json_response({"callees": backend.callees(_account(request.args))})

    @bp.delete("/callees")
    def forget_callees():
        """DELETE /_mock/avaya/callees?account_sid=: forget them."""
        return json_response({"deleted": backend.forget_callees(_account(request.args))})

    return bp


def _account(args) -> str:
    refuse_unknown(args, ("account_sid",))
    sid = (args.get("account_sid") or "").strip()
    if not sid:
        raise BadRequest(fields={"account_sid": "is required"})
    return sid


def call_summaries(store: ProviderStore, account_sid: str) -> dict:
    """The account's calls, newest first, each summed up with how many timeline entries it
    has; NotFound for an account never seen (looking seeds nothing)."""
    tenant = _tenant(store, account_sid)
    with tenant.lock:
        calls = [{"sid": call["sid"], "from": call["from"], "to": call["to"],
                  "status": call["status"], "direction": call["direction"],
                  "date_created": call["date_created"], "duration": call["duration"],
                  "events": len(call.get("_timeline") or ())}
                 for call in reversed(tenant.state.calls.values())]
    return {"account_sid": account_sid, "calls": calls}


def call_timeline(store: ProviderStore, account_sid: str, sid: str) -> dict:
    """The call as View Call's JSON shows it (links under ``/avaya``), its timeline and how
    many entries were dropped; NotFound for an account never seen or a call it lacks."""
    tenant = _tenant(store, account_sid)
    with tenant.lock:
        call = tenant.state.calls.get(sid)
        if call is None:
            raise NotFound(f"unknown call {sid} of account {account_sid}")
        return {"call": mounted(json_copy(present_call(call)), f"/{SLUG}"),
                "timeline": json_copy(call.get("_timeline") or []),
                "dropped": call.get("_timeline_dropped", 0)}


def _tenant(store: ProviderStore, account_sid: str):
    tenant = store.peek(account_sid)
    if tenant is None:
        raise NotFound(f"unknown account {account_sid}")
    return tenant
