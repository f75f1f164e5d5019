"""How a Moonrope action reads its parameters, and how long it took.

The Moonrope client POSTs a form with one field, ``params``, holding the parameters as a
JSON string (moonrope-client: lib/moonrope_client/request.rb); the server reads that field
from the form body or the query string (Rack's merged params, the body winning). A JSON
body (``Content-Type: application/json``) holding an object is accepted as the parameters
too. An absent or blank ``params`` (or JSON ``null``) is no parameters.
"""
from __future__ import annotations

import time
from typing import Any

from flask import Request

from ...core.body import form, loads, media_type, raw_body
from ...core.wsgi import STARTED_KEY
from .errors import InvalidJson


def read_params(request: Request) -> dict[str, Any]:
    """The action's parameters as a dict; InvalidJson when they do not parse or are not
    an object."""
    mimetype = media_type(request)
    if mimetype == "application/json" or mimetype.endswith("+json"):
        raw = raw_body(request)
        if raw.strip():
            return _object(raw, "the request body")
    fields = form(request)
    source = fields if "params" in fields else request.args
    text = source.get("params")
    if text is None or not text.strip():
        return {}
    return _object(text, "params")


def _object(text: str | bytes, where: str) -> dict[str, Any]:
    try:
        parsed = loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidJson(details=f"{where}: {exc}") from None
    if parsed is None:
        return {}
    if not isinstance(parsed, dict):
        raise InvalidJson(details=f"{where} must be a JSON object, not "
                                  f"{type(parsed).__name__}")
    return parsed


def elapsed(environ: dict) -> float:
    """Seconds since the request arrived, rounded to 2 decimals as Moonrope does."""
    started = environ.get(STARTED_KEY)
    return round(time.perf_counter() - started, 2) if started is not None else 0.0
