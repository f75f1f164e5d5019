"""Response rendering shared by every provider: JSON and JSONP now; XML and CSV join them
as the providers that document them arrive."""
from __future__ import annotations

import json
import re
from typing import Any

from flask import Response

JSON = "application/json"


def dumps(data: Any) -> bytes:
    """Compact JSON bytes, non-ASCII kept as UTF-8."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None,
                  *, raw: bool = False) -> Response:
    """A JSON response of ``data`` (already-encoded bytes when ``raw``)."""
    body = data if raw else dumps(data)
    response = Response(body, status=status, mimetype=JSON)
    if headers:
        response.headers.update(headers)
    return response


_CALLBACK = re.compile(r"[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*")
JAVASCRIPT = "application/javascript"


def valid_callback(name: str) -> bool:
    """True for a JSONP callback that is a plain (dotted) JavaScript identifier."""
    return bool(_CALLBACK.fullmatch(name)) and len(name) <= 128


def jsonp_response(callback: str, body: bytes, status: int = 200,
                   headers: dict[str, str] | None = None) -> Response:
    """``callback(<json>)`` as JavaScript; ``body`` is the encoded JSON. The caller checks
    ``valid_callback`` first."""
    response = Response(callback.encode() + b"(" + body + b")", status=status,
                        mimetype=JAVASCRIPT)
    if headers:
        response.headers.update(headers)
    return response
