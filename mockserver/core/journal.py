"""A bounded journal of what the server received and what it answered, and the filters a
test verifies its client with.

Recording is on every request's path (``core.wsgi.FrontDoor`` does it), so it stores
references (the body bytes, a small header dict, the mock time) and builds the JSON view
only when someone reads the journal. An entry shows the path as the client sent it
(``path``), the path the app routed after host routing (``routed_path``), the route rule
that served it (``route``; None when no documented route did: ``unmatched``), the fault
that answered it if any, and both bodies as JSON when they are JSON (form bodies as
objects, other bodies as text).
"""
from __future__ import annotations

import itertools
from collections import deque
from datetime import datetime
from fnmatch import fnmatchcase
from typing import Any, NamedTuple

from .errors import BadRequest
from .inbox import parsed_body
from .params import flag, status_matcher

BODY_LIMIT = 64 * 1024
FILTERS = ("provider", "tenant", "method", "path", "status", "since", "body", "route",
           "fault", "unmatched")


def _body(body: bytes | None, content_type: str | None) -> Any:
    if not body:
        return None
    if len(body) > BODY_LIMIT:
        return body[:BODY_LIMIT].decode("utf-8", errors="replace") + "...[truncated]"
    return parsed_body(body, content_type)


def _header_name(environ_key: str) -> str:
    """``HTTP_X_AUTH_TOKEN`` as ``X-Auth-Token``, ``CONTENT_TYPE`` as ``Content-Type``."""
    name = environ_key[5:] if environ_key.startswith("HTTP_") else environ_key
    return name.replace("_", "-").title()


class Exchange(NamedTuple):
    """One request and its answer, as recorded."""

    id: int
    time: datetime
    method: str
    path: str                  # as the client sent it
    query: str
    provider: str | None
    tenant: str | None
    request_headers: dict[str, str]
    request_body: bytes | None
    status: int | None         # None: no answer (a dropped connection)
    response_body: bytes | None
    duration_ms: float
    routed_path: str = ""
    route: str | None = None
    fault: str | None = None
    response_type: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The exchange as the control API shows it; bodies parsed, clipped at 64 KiB."""
        headers = {_header_name(key): value for key, value in self.request_headers.items()}
        return {"id": self.id, "time": self.time.isoformat(timespec="milliseconds") + "Z",
                "method": self.method, "path": self.path,
                "routed_path": self.routed_path or self.path, "route": self.route,
                "query": self.query, "provider": self.provider, "tenant": self.tenant,
                "fault": self.fault,
                "request": {"headers": headers,
                            "body": _body(self.request_body, headers.get("Content-Type"))},
                "response": {"status": self.status, "content_type": self.response_type,
                             "body": _body(self.response_body, self.response_type)},
                "duration_ms": round(self.duration_ms, 3)}

    def body_text(self) -> str:
        """The request body as text, for the ``body`` substring filter."""
        return (self.request_body or b"").decode("utf-8", errors="replace")


class Journal:
    """The last ``size`` exchanges, oldest first; older ones fall off the end."""

    def __init__(self, size: int = 1000) -> None:
        self._entries: deque[Exchange] = deque(maxlen=max(1, size))
        self._ids = itertools.count(1)

    def record(self, time: datetime, method: str, path: str, query: str,
               provider: str | None, tenant: str | None, request_headers: dict[str, str],
               request_body: bytes | None, status: int | None,
               response_body: bytes | None, duration_ms: float, *, routed_path: str = "",
               route: str | None = None, fault: str | None = None,
               response_type: str | None = None) -> None:
        """Add one exchange (deque appends are atomic: no lock on this hot path)."""
        self._entries.append(Exchange(next(self._ids), time, method, path, query,
                                      provider, tenant, request_headers, request_body, status,
                                      response_body, duration_ms, routed_path, route, fault,
                                      response_type))

    def entries(self, provider: str | None = None, tenant: str | None = None,
                limit: int | None = None, **filters: Any) -> list[dict[str, Any]]:
        """Recorded exchanges, oldest first, that pass every filter (see ``select``); the
        last ``limit`` of them."""
        found = self.select(provider=provider, tenant=tenant, **filters)
        return [e.to_json() for e in (found[-limit:] if limit else found)]

    def count(self, **filters: Any) -> int:
        """How many recorded exchanges pass every filter."""
        return len(self.select(**filters))

    def select(self, **filters: Any) -> list[Exchange]:
        """The exchanges that pass every filter given (None: no filter): ``provider``,
        ``tenant``, ``method``, ``path`` (a glob over the path as sent, as routed, or
        below the mount), ``status`` (``503``, a class ``"5xx"``, or ``none``: dropped),
        ``since`` (a mock time: at or after it), ``body`` (a substring of the request
        body), ``route`` (a glob over the route rule), ``fault`` (a rule id, or True for
        any), ``unmatched`` (True: reached no route; a request a fault dropped on arrival
        never got that far, and is not counted)."""
        unknown = sorted(set(filters) - set(FILTERS))
        if unknown:
            raise BadRequest(fields={unknown[0]: f"unknown filter; the filters are "
                                                 f"{', '.join(FILTERS)}"})
        tests = [test for test in (_filter(name, value) for name, value in filters.items()
                                   if value is not None) if test is not None]
        return [e for e in list(self._entries) if all(test(e) for test in tests)]

    def clear(self) -> int:
        """Forget every exchange; return how many there were."""
        count = len(self._entries)
        self._entries.clear()
        return count

    def __len__(self) -> int:
        return len(self._entries)


def paths_of(exchange_path: str, routed_path: str, provider: str | None) -> tuple[str, ...]:
    """The forms a path glob is tried against: as sent, as routed, and below the mount."""
    below = routed_path
    if provider and routed_path.lstrip("/").startswith(provider):
        below = "/" + routed_path.lstrip("/")[len(provider):].lstrip("/")
    return tuple(dict.fromkeys((exchange_path, routed_path, below)))


def _filter(name: str, value: Any):
    """A predicate over exchanges for one filter, or a 400 naming it."""
    if name in ("provider", "tenant"):
        return lambda e: getattr(e, name) == value
    if name == "method":
        return lambda e: e.method == str(value).upper()
    if name == "path":
        return lambda e: any(fnmatchcase(p, str(value))
                             for p in paths_of(e.path, e.routed_path or e.path, e.provider))
    if name == "route":
        return lambda e: e.route is not None and fnmatchcase(e.route, str(value))
    if name == "body":
        return lambda e: str(value) in e.body_text()
    if name == "status":
        match = status_matcher(value)
        return lambda e: match(e.status)
    if name == "since":
        since = _time(value)
        return lambda e: e.time >= since
    if name == "fault":
        if value is True or str(value).lower() in ("true", "1", "any"):
            return lambda e: e.fault is not None
        return lambda e: e.fault == value
    if name == "unmatched":
        wanted = flag(name, value)
        return lambda e: (e.route is None and e.fault is None) == wanted
    return None


def _time(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    try:
        parsed = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        raise BadRequest(fields={"since": f"must be an ISO-8601 time, not {value!r}"}) \
            from None
    if parsed.tzinfo is not None:
        from datetime import timezone
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed
