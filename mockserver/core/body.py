"""Reading request bodies the same careful way for every provider."""
from __future__ import annotations

import json
from typing import Any

from flask import Request

from .errors import BadRequest, UnsupportedMediaType
from .wsgi import BODY_KEY


def raw_body(request: Request) -> bytes:
    """The request body: as the front door already read it, else from the stream (which
    enforces MAX_CONTENT_LENGTH: werkzeug raises 413)."""
    body = request.environ.get(BODY_KEY)
    return body if body is not None else request.get_data(cache=True)


def media_type(request: Request) -> str:
    """The Content-Type without parameters, lower case ('' when absent)."""
    return request.environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()


def read_json(request: Request, *, required: bool = True) -> Any:
    """The request's JSON body.

    A body declared as anything but JSON is UnsupportedMediaType; a body that does not
    parse is BadRequest; an empty body is BadRequest when ``required`` (else None).
    """
    raw = raw_body(request)
    if not raw.strip():
        if required:
            raise BadRequest("Request body is required", details="empty request body")
        return None
    mimetype = media_type(request)
    if mimetype and mimetype != "application/json" and not mimetype.endswith("+json"):
        raise UnsupportedMediaType("Unsupported content type",
                                   details=f"expected application/json, got {mimetype}")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest("Malformed JSON body", details=f"invalid JSON: {exc}")
