"""``/_mock/avaya``: the control-API simulations of the outside world (an inbound SMS,
inbound.py), mounted by the app from ``SPEC.build_control``. JSON in, JSON out; errors are
the control API's ``{"error": ...}``."""
from __future__ import annotations

from flask import Blueprint, request

from ...core.body import read_json
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

    return bp
