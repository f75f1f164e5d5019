"""A bounded journal of what the server received and what it answered."""
from __future__ import annotations

import itertools
import threading
from collections import deque
from typing import Any

BODY_LIMIT = 64 * 1024


def _text(body: bytes | None) -> str | None:
    if not body:
        return None
    clipped = body[:BODY_LIMIT]
    text = clipped.decode("utf-8", errors="replace")
    return text + "...[truncated]" if len(body) > BODY_LIMIT else text


class Journal:
    """The last ``size`` exchanges, oldest first; older ones fall off the end."""

    def __init__(self, size: int = 1000) -> None:
        self._entries: deque[dict[str, Any]] = deque(maxlen=max(1, size))
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def record(self, *, time: str, method: str, path: str, query: str, provider: str | None,
               tenant: str | None, request_headers: dict[str, str], request_body: bytes | None,
               status: int, response_body: bytes | None, duration_ms: float) -> None:
        """Add one exchange. Bodies are kept as text, clipped at 64 KiB."""
        entry = {"id": next(self._ids), "time": time, "method": method, "path": path,
                 "query": query, "provider": provider, "tenant": tenant,
                 "request": {"headers": request_headers, "body": _text(request_body)},
                 "response": {"status": status, "body": _text(response_body)},
                 "duration_ms": round(duration_ms, 3)}
        with self._lock:
            self._entries.append(entry)

    def entries(self, provider: str | None = None, tenant: str | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
        """Recorded exchanges, oldest first, optionally filtered; the last ``limit`` of them."""
        with self._lock:
            found = [e for e in self._entries if (provider is None or e["provider"] == provider)
                     and (tenant is None or e["tenant"] == tenant)]
        return found[-limit:] if limit else found

    def clear(self) -> int:
        """Forget every exchange; return how many there were."""
        with self._lock:
            count = len(self._entries)
            self._entries.clear()
        return count

    def __len__(self) -> int:
        return len(self._entries)
