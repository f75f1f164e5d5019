"""``/_mock/avaya``: the control-API simulations of the outside world (an inbound SMS),
mounted by the app from ``SPEC.build_control``. JSON in, JSON out; errors are the control
API's ``{"error": ...}``. (Being written.)"""
from __future__ import annotations

from flask import Blueprint

from ...core.provider import Services
from .errors import SLUG


def build_control(services: Services) -> Blueprint:
    """The simulation endpoints over the backend ``build`` left in ``services.backends``."""
    backend = services.backends[SLUG]  # noqa: F841 (used by the simulations to come)
    bp = Blueprint("avaya_control", __name__)
    return bp
