"""Avaya Communications APIs routes (seed 004): one module per resource, each only parsing,
calling the backend and rendering through ``api.Call``."""
from __future__ import annotations

from flask import Blueprint

from ..models import AvayaBackend
from . import accounts, agents, applications, calls, conferences, fraud, live_calls, lookups, \
    messages, numbers, recordings, reports, sip
from .api import Router


def build_blueprint(backend: AvayaBackend) -> Blueprint:
    """The Avaya blueprint over one backend."""
    bp = Blueprint("avaya", __name__)
    api = Router(bp, backend)
    for module in (accounts, numbers, applications, messages, reports, calls, live_calls,
                   recordings, conferences, agents, sip, lookups, fraud):
        module.register(api)
    api.install()
    return bp
