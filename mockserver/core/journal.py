"""A bounded journal of what the server received and what it answered.

Recording is on every request's path (``core.wsgi.FrontDoor`` does it), so it stores
references (the body bytes, a small header dict, the mock time) and builds the JSON view
only when someone reads the journal.
"""
from __future__ import annotations

import itertools
from collections import deque
from datetime import datetime
from typing import Any, NamedTuple

BODY_LIMIT = 64 * 1024


def _text(body: bytes | None) -> str | None:
    if not body:
        return None
    text = body[:BODY_LIMIT].decode("utf-8", errors="replace")
    return text + "...[truncated]" if len(body) > BODY_LIMIT else text


def _header_name(environ_key: str) -> str:
    """``HTTP_X_AUTH_TOKEN`` as ``X-Auth-Token``, ``CONTENT_TYPE`` as ``Content-Type``."""
    name = environ_key[5:] if environ_key.startswith("HTTP_") else environ_key
    return name.replace("_", "-").title()


class Exchange(NamedTuple):
    """One request and its answer, as recorded."""

    id: int
    time: datetime
    method: str
    path: str
    query: str
    provider: str | None
    tenant: str | None
    request_headers: dict[str, str]
    request_body: bytes | None
    status: int
    response_body: bytes | None
    duration_ms: float

    def to_json(self) -> dict[str, Any]:
        """The exchange as the control API shows it; bodies as text, clipped at 64 KiB."""
        headers = {_header_name(key): value for key, value in self.request_headers.items()}
        return {"id": self.id, "time": self.time.isoformat(timespec="milliseconds") + "Z",
                "method": self.method, "path": self.path, "query": self.query,
                "provider": self.provider, "tenant": self.tenant,
                "request": {"headers": headers, "body": _text(self.request_body)},
                "response": {"status": self.status, "body": _text(self.response_body)},
                "duration_ms": round(self.duration_ms, 3)}


class Journal:
    """The last ``size`` exchanges, oldest first; older ones fall off the end."""

    def __init__(self, size: int = 1000) -> None:
        self._entries: deque[Exchange] = deque(maxlen=max(1, size))
        self._ids = itertools.count(1)

    def record(self, time: datetime, method: str, path: str, query: str,
               provider: str | None, tenant: str | None, request_headers: dict[str, str],
               request_body: bytes | None, status: int, response_body: bytes | None,
               duration_ms: float) -> None:
        """Add one exchange (deque appends are atomic: no lock on this hot path)."""
        self._entries.append(Exchange(next(self._ids), time, method, path, query,
                                      provider, tenant, request_headers, request_body, status,
                                      response_body, duration_ms))

    def entries(self, provider: str | None = None, tenant: str | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
        """Recorded exchanges, oldest first, optionally filtered; the last ``limit`` of them."""
        found = [e for e in list(self._entries) if (provider is None or e.provider == provider)
                 and (tenant is None or e.tenant == tenant)]
        return [e.to_json() for e in (found[-limit:] if limit else found)]

    def clear(self) -> int:
        """Forget every exchange; return how many there were."""
        count = len(self._entries)
        self._entries.clear()
        return count

    def __len__(self) -> int:
        return len(self._entries)

