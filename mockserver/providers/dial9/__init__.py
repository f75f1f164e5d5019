"""Dial 9 Connect Numbers API v2 (seed 003_ab1ee9f69e41c417.txt): placeholder until built."""
from __future__ import annotations

from flask import Blueprint

from ...core.errors import ProviderError
from ...core.provider import ProviderSpec, Services
from ...core.render import json_response


def build(services: Services) -> Blueprint:
    """An empty blueprint (no routes yet)."""
    return Blueprint("dial9", __name__)


def render_error(err: ProviderError):
    """Placeholder envelope."""
    return json_response({"status": "error", "data": {"message": err.describe()}}, err.status)


SPEC = ProviderSpec(slug="dial9", name="Dial 9", hostnames=("connectapi.dial9.co.uk",),
                    base_path="/api/v2", build=build, render_error=render_error)
