"""``/_mock/avaya``: the control-API simulations of the outside world (an inbound SMS,
inbound.py; an inbound call and scripted callees, far_end.py; a SIP call into a SIP domain,
sip_calls.py), mounted by the app from ``SPEC.build_control``. JSON in, JSON out; errors are
the control API's ``{"error": ...}``."""
from __future__ import annotations

from flask import Blueprint, request

from ...core.body import read_json
from ...core.errors import BadRequest
from ...core.params import refuse_unknown
from ...core.provider import Services
from ...core.render import json_response
from .errors import SLUG


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
