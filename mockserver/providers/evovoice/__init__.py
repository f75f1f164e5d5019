"""Evo Voice BuyPhoneNumber (seed 001_983e0faaec7e2888.txt): placeholder until built."""
from __future__ import annotations

from flask import Blueprint

from ...core.errors import ProviderError
from ...core.provider import ProviderSpec, Services
from ...core.render import json_response


def build(services: Services) -> Blueprint:
    """An empty blueprint (no routes yet)."""
    return Blueprint("evovoice", __name__)


def render_error(err: ProviderError):
    """Placeholder envelope."""
    return json_response({"responseStatus": {"errorCode": type(err).__name__,
                                             "message": err.describe()}}, err.status)


SPEC = ProviderSpec(slug="evovoice", name="Evo Voice", hostnames=("evovoice.io",),
                    base_path="", build=build, render_error=render_error)
