"""Verification helpers for tests: what the mock received (``MockJournal``) and what its
webhooks sent (``MockWebhooks``), read through the control API, so the same helpers work
on an in-process app, the plugin's live server, or a mock running elsewhere (Docker)."""
from __future__ import annotations

import difflib
import time
from datetime import datetime
from typing import Any


class ControlClient:
    """The ``/_mock`` API of one mock: in-process through Flask's test client, or over
    HTTP at a root URL."""

    def __init__(self, app: Any = None, url: str | None = None) -> None:
        if (app is None) == (url is None):
            raise ValueError("give the app or the URL of a mock server")
        self._client = app.test_client() if app is not None else None
        self._url = url.rstrip("/") if url else None

    def get(self, endpoint: str, /, **params: Any) -> Any:
        """GET ``/_mock<endpoint>`` with ``params`` (None dropped); the JSON answer, or an
        AssertionError carrying the control API's message."""
        path = endpoint
        query = {key: _param(value) for key, value in params.items() if value is not None}
        if self._client is not None:
            reply = self._client.get("/_mock" + path, query_string=query)
            status, body = reply.status_code, reply.get_json(silent=True)
        else:
            import requests
            answer = requests.get(f"{self._url}/_mock{path}", params=query, timeout=70)
            status, body = answer.status_code, answer.json()
        if status != 200:
            raise AssertionError(f"/_mock{path} answered {status}: "
                                 f"{(body or {}).get('error', body)}")
        return body


def _param(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _line(entry: dict) -> str:
    status = entry["response"]["status"]
    where = entry["route"] or "no route"
    fault = f", fault {entry['fault']}" if entry.get("fault") else ""
    query = f"?{entry['query']}" if entry.get("query") else ""
    return (f"  {entry['method']} {entry['path']}{query} -> "
            f"{status if status is not None else 'no answer'} ({where}{fault})")


class MockJournal:
    """The journal of what the providers received (``GET /_mock/requests``).

    Filters: ``provider``, ``tenant``, ``method``, ``path`` (a glob, with or without the
    mount), ``status`` (503 or "5xx"), ``since`` (mock time), ``body`` (substring),
    ``route``, ``fault`` and ``unmatched``."""

    def __init__(self, control: ControlClient) -> None:
        self.control = control

    def requests(self, **filters: Any) -> list[dict]:
        """The recorded requests that pass the filters, oldest first."""
        return self.control.get("/requests", **filters)["requests"]

    def count(self, **filters: Any) -> int:
        """How many recorded requests pass the filters."""
        return self.control.get("/requests/count", **filters)["count"]

    def unmatched(self, **filters: Any) -> list[dict]:
        """Requests that reached no documented route (a wrong URL, most often)."""
        return self.control.get("/requests/unmatched", **filters)["requests"]

    def assert_called(self, method: str, path: str, times: int | None = None,
                      **filters: Any) -> list[dict]:
        """Assert the client sent ``method path`` (a glob), ``times`` times exactly or at
        least once; return the matching requests. The failure message lists the near
        misses: same path with another method, or similar paths."""
        found = self.requests(method=method, path=path, **filters)
        if (times is None and found) or (times is not None and len(found) == times):
            return found
        expected = f"{times} time{'s' * (times != 1)}" if times is not None else "at least once"
        lines = [f"expected {method.upper()} {path} {expected}"
                 + (f" (with {filters})" if filters else "") + f", found {len(found)}."]
        near = self._near_misses(method, path, found)
        if near:
            lines.append("Near misses:")
            lines.extend(_line(entry) for entry in near)
        elif not found:
            total = self.count()
            lines.append(f"Nothing similar among the {total} recorded request"
                         f"{'s' * (total != 1)}.")
        if found:
            lines.append("Matching:")
            lines.extend(_line(entry) for entry in found[:10])
        raise AssertionError("\n".join(lines))

    def _near_misses(self, method: str, path: str, found: list[dict]) -> list[dict]:
        seen = {entry["id"] for entry in found}
        pattern = path.replace("*", "")
        scored = []
        for entry in self.requests():
            if entry["id"] in seen:
                continue
            score = max(difflib.SequenceMatcher(None, pattern, candidate).ratio()
                        for candidate in (entry["path"], entry["routed_path"]))
            if entry["method"] == method.upper():
                score += 0.1
            if score >= 0.6:
                scored.append((score, entry["id"], entry))
        return [entry for _, _, entry in sorted(scored, key=lambda t: (-t[0], t[1]))[:5]]


class MockWebhooks:
    """The record of every webhook delivery attempt (``GET /_mock/webhooks``).

    Filters: ``provider``, ``tenant``, ``kind``, ``method``, ``url`` (a glob), ``status``
    (200, "5xx" or "none") and ``ok``."""

    def __init__(self, control: ControlClient) -> None:
        self.control = control

    def deliveries(self, **filters: Any) -> list[dict]:
        """The attempts recorded so far that pass the filters (deliveries still in flight
        are not waited for: see ``wait``)."""
        return self.control.get("/webhooks", **filters)["webhooks"]

    def wait(self, count: int = 1, timeout: float = 10.0, **filters: Any) -> list[dict]:
        """Wait (in real time: deliveries are real HTTP) until at least ``count`` attempts
        pass the filters; return them, or fail saying what did arrive."""
        deadline = time.monotonic() + timeout
        while True:
            left = max(0.0, deadline - time.monotonic())
            found = self.control.get("/webhooks", wait=True, timeout=min(left, 1.0),
                                     **filters)["webhooks"]
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                every = self.deliveries()
                listed = "\n".join(f"  {a['method']} {a['url']} -> {a['status']} "
                                   f"({a['kind'] or 'no kind'})" for a in every[-10:])
                raise AssertionError(
                    f"expected {count} webhook deliver{'ies' if count != 1 else 'y'}"
                    + (f" with {filters}" if filters else "")
                    + f" within {timeout:g} s, got {len(found)}."
                    + (f"\nAll recorded attempts (latest 10):\n{listed}" if every else
                       "\nNo attempt was recorded at all."))
            time.sleep(0.02)
