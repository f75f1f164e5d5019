"""AVANSER Telco API v1 (seed 002_c5f96eabcc7f1588.txt): placeholder until built."""
from __future__ import annotations

from flask import Blueprint

from ...core.errors import ProviderError
from ...core.provider import ProviderSpec, Services
from ...core.render import json_response


def build(services: Services) -> Blueprint:
    """An empty blueprint (no routes yet)."""
    return Blueprint("avanser", __name__)


def render_error(err: ProviderError):
    """Placeholder envelope."""
    return json_response({"error": {"message": err.message, "code": err.status}}, err.status)


SPEC = ProviderSpec(slug="avanser", name="AVANSER", hostnames=("tapi-sandbox.avanser.com",),
                    base_path="/v1", build=build, render_error=render_error)
