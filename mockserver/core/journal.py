"""A bounded journal of what the server received and what it answered.

Recording is on every request's path, so it stores references (the body bytes, a small
header dict, the Unix time) and builds the JSON view only when someone reads the journal.
"""
from __future__ import annotations

import io
import itertools
import time
from collections import deque
from datetime import datetime, timezone
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
    timestamp: float
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
        moment = datetime.fromtimestamp(self.timestamp, timezone.utc)
        headers = {_header_name(key): value for key, value in self.request_headers.items()}
        return {"id": self.id, "time": moment.isoformat(timespec="milliseconds")[:-6] + "Z",
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

    def record(self, timestamp: float, method: str, path: str, query: str,
               provider: str | None, tenant: str | None, request_headers: dict[str, str],
               request_body: bytes | None, status: int, response_body: bytes | None,
               duration_ms: float) -> None:
        """Add one exchange (deque appends are atomic: no lock on this hot path)."""
        self._entries.append(Exchange(next(self._ids), timestamp, method, path, query,
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


class JournalMiddleware:
    """WSGI middleware recording every exchange under the given path prefixes.

    It works on the environ and the response iterable directly, outside the framework, so
    recording costs a few microseconds. The tenant is whatever the provider's auth left in
    ``environ["mockserver.tenant"]``; the request body is what the framework read (werkzeug
    keeps its request object in ``environ["werkzeug.request"]``).
    """

    def __init__(self, app: Any, journal: Journal, now: Any, prefixes: dict[str, str],
                 max_body: int | None = None) -> None:
        self.app = app
        self.journal = journal
        self.now = now
        self.prefixes = prefixes
        self.max_body = max_body

    def _read_body(self, environ: dict) -> bytes | None:
        """The request body, read once and handed on as a fresh stream; None when absent
        or larger than the app accepts (the app answers that with its own 413)."""
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        if length <= 0 or (self.max_body is not None and length > self.max_body):
            return None
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        return body

    def __call__(self, environ: dict, start_response: Any):
        path = environ.get("PATH_INFO", "")
        provider = self.prefixes.get(path.split("/", 2)[1] if path.count("/") >= 1 else "")
        if provider is None:
            return self.app(environ, start_response)
        started = time.perf_counter()
        request_body = self._read_body(environ)
        status: list[str] = []

        def recording_start(code: str, headers: list, exc_info: Any = None):
            status.append(code)
            return start_response(code, headers, exc_info)

        body = b"".join(self.app(environ, recording_start))
        self.journal.record(
            self.now(), environ.get("REQUEST_METHOD", ""), path,
            environ.get("QUERY_STRING", ""), provider, environ.get("mockserver.tenant"),
            {key: value for key, value in environ.items() if key.startswith("HTTP_")
             or key in ("CONTENT_TYPE", "CONTENT_LENGTH")},
            request_body, int(status[0].split(" ", 1)[0]) if status
            else 500, body, (time.perf_counter() - started) * 1000)
        return [body]
