"""Avaya Communications APIs routes (seed 004): one module per resource, each only parsing,
calling the backend and rendering through ``api.Call``."""
from __future__ import annotations

from flask import Blueprint

from ..models import AvayaBackend
from . import accounts, agents, applications, calls, conferences, live_calls, messages, \
    numbers, recordings, reports
from .api import Router


def build_blueprint(backend: AvayaBackend) -> Blueprint:
    """The Avaya blueprint over one backend."""
    bp = Blueprint("avaya", __name__)
    api = Router(bp, backend)
    for module in (accounts, numbers, applications, messages, reports, calls, live_calls,
                   recordings, conferences, agents):
        module.register(api)
    api.install()
    return bp
