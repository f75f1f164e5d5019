"""Response rendering shared by every provider: JSON now; XML, CSV and JSONP join it as
the providers that document them arrive."""
from __future__ import annotations

import json
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
