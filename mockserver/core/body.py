"""Reading request bodies the same careful way for every provider."""
from __future__ import annotations

import json
from typing import Any

from flask import Request

from .errors import BadRequest, UnsupportedMediaType


def read_json(request: Request, *, required: bool = True) -> Any:
    """The request's JSON body.

    A body declared as anything but JSON is UnsupportedMediaType; a body that does not
    parse is BadRequest; an empty body is BadRequest when ``required`` (else None). Reading
    the body also enforces the app's MAX_CONTENT_LENGTH (werkzeug raises 413).
    """
    raw = request.get_data(cache=True)
    if not raw.strip():
        if required:
            raise BadRequest("Request body is required", details="empty request body")
        return None
    mimetype = request.mimetype
    if mimetype and mimetype != "application/json" and not mimetype.endswith("+json"):
        raise UnsupportedMediaType("Unsupported content type",
                                   details=f"expected application/json, got {mimetype}")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest("Malformed JSON body", details=f"invalid JSON: {exc}")
