"""``/_mock/avanser``: the control-API simulations of the outside world (simulations.py),
mounted by the app from ``SPEC.build_control``. JSON in, JSON out; errors are the control
API's ``{"error": ...}``."""
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
    bp = Blueprint("avanser_control", __name__)

    @bp.post("/calls")
    def call():
        """POST /_mock/avanser/calls {tenant, service_number, caller, status?, duration?,
        location?, voicemail?}."""
        return json_response(backend.simulate_call(read_json(request)))

    @bp.post("/sms")
    def sms():
        """POST /_mock/avanser/sms {tenant, to, from, text}."""
        return json_response(backend.simulate_sms(read_json(request)))

    @bp.get("/reports")
    def reports():
        """GET /_mock/avanser/reports?tenant=: the call reports that would have been sent."""
        refuse_unknown(request.args, ("tenant",))
        user = request.args.get("tenant")
        if not user:
            raise BadRequest(fields={"tenant": "is required (the Basic user)"})
        return json_response({"reports": backend.call_reports(user)})

    return bp
