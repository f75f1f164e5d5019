"""Outbound webhooks: real HTTP requests to clients' URLs, made from a background worker.

A provider hands the dispatcher a delivery (method, URL, headers, body or query) with its
retry rule (the delays, on the mock clock, before each further attempt) and the name of a
result handler it registered. The request that caused it never waits: deliveries go on a
bounded queue, a worker thread sends them with ``requests`` under a bounded timeout, and
every attempt (what was sent, the status or the error, when, how long) is recorded for
``GET /_mock/webhooks``. What an attempt records as sent is the prepared request itself:
every header that went on the wire (``Content-Type``, ``Content-Length``, ``User-Agent``,
``Accept``, ``Host``... beside the provider's own) and the body as encoded. After each attempt the provider's handler is told the outcome and
whether it was the last; a failed attempt with retries left is scheduled again on the mock
clock, so a test can freeze the clock and advance it through the retries. A target that
refuses, times out or answers garbage is a recorded failure, never a crash.

A delivery to a URL under ``local``'s prefix (the mock's own ``/_mock/inbox/``) is handed
to its receiver in-process, whatever the host, and recorded like any other attempt.

Everything a delivery carries is data (no closures), so pending retries survive a state
snapshot like any other scheduled event.
"""
from __future__ import annotations

import itertools
import json
import logging
import queue
import threading
import time
from collections import deque
from fnmatch import fnmatchcase
from typing import Any, Callable
from urllib.parse import urlencode, urlsplit

from .clock import MockClock, iso_millis
from .errors import BadRequest
from .params import flag, status_matcher
from .scheduler import Scheduler

log = logging.getLogger("mockserver.webhooks")

RETRY_KIND = "webhook-retry"
#: what ``attempts`` filters on
ATTEMPT_FILTERS = ("provider", "tenant", "kind", "method", "url", "status", "ok")
BODY_LIMIT = 64 * 1024
#: handler(tenant, context, attempt, final): attempt is the recorded attempt's JSON
ResultHandler = Callable[[str, dict, dict, bool], None]


def _clip(text: str | None) -> str | None:
    if text is None or len(text) <= BODY_LIMIT:
        return text
    return text[:BODY_LIMIT] + "...[truncated]"


def _body_text(delivery: dict) -> str | None:
    """What a delivery's body was, as text: its JSON or its form encoding."""
    if delivery["json"] is not None:
        return json.dumps(delivery["json"])
    if delivery.get("form"):
        return urlencode(delivery["form"])
    return None


def _sent_text(body: Any) -> str | None:
    """A prepared request's body as text (None when it had none)."""
    if body is None:
        return None
    if isinstance(body, bytes):
        return body.decode("utf-8", "replace")
    return str(body)


def _sent_headers(prepared: Any) -> dict[str, str]:
    """Every header a prepared request goes out with: its own, and the ``Host`` the HTTP
    connection adds (with the port unless it is the scheme's default)."""
    headers = dict(prepared.headers)
    if not any(name.lower() == "host" for name in headers):
        parts = urlsplit(prepared.url)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        default = {"http": 80, "https": 443}.get(parts.scheme)
        if parts.port is not None and parts.port != default:
            host = f"{host}:{parts.port}"
        headers = {"Host": host, **headers}
    return headers


def _attempt_tests(filters: dict[str, Any]) -> list[Callable[[dict], bool]]:
    """Predicates over recorded attempts, one per filter given; a bad one is a 400."""
    unknown = sorted(set(filters) - set(ATTEMPT_FILTERS))
    if unknown:
        raise BadRequest(fields={unknown[0]: f"unknown filter; the filters are "
                                             f"{', '.join(ATTEMPT_FILTERS)}"})
    tests: list[Callable[[dict], bool]] = []
    for name, value in filters.items():
        if value is None:
            continue
        if name in ("provider", "tenant", "kind"):
            tests.append(lambda a, n=name, v=value: a[n] == v)
        elif name == "method":
            tests.append(lambda a, v=str(value).upper(): a["method"] == v)
        elif name == "url":
            tests.append(lambda a, v=str(value): fnmatchcase(a["url"], v))
        elif name == "ok":
            tests.append(lambda a, v=flag("ok", value): a["ok"] == v)
        elif name == "status":
            tests.append(lambda a, match=status_matcher(value): match(a["status"]))
    return tests


class WebhookDispatcher:
    """The queue, the worker and the record of every delivery attempt of one app."""

    def __init__(self, clock: MockClock, scheduler: Scheduler, *, timeout: float = 5.0,
                 queue_size: int = 1000, record_size: int = 1000) -> None:
        self.clock = clock
        self.scheduler = scheduler
        self.timeout = timeout
        self._queue: queue.Queue = queue.Queue(maxsize=queue_size)
        self._attempts: deque[dict] = deque(maxlen=max(1, record_size))
        self._ids = itertools.count(1)
        self._handlers: dict[tuple[str, str], ResultHandler] = {}
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._busy = 0
        self._worker: threading.Thread | None = None
        self._session = None
        #: (path prefix, receive): a URL whose path starts with the prefix is handed to
        #: ``receive(name, method=, path=, headers=, query=, body=)`` instead of the network
        self.local: tuple[str, Callable[..., tuple[int, dict, bytes]]] | None = None

    # -- what providers call -----------------------------------------------------------------

    def register(self, provider: str, kind: str, handler: ResultHandler) -> None:
        """Name the function told of each attempt of ``provider``'s deliveries of ``kind``;
        also lets that provider's retries run from the scheduler."""
        self._handlers[(provider, kind)] = handler
        self.scheduler.register(provider, RETRY_KIND, self._retry)

    def send(self, provider: str, tenant: str, *, method: str, url: str,
             headers: dict[str, str] | None = None, json_body: Any = None,
             params: dict[str, str] | None = None, form: dict[str, str] | None = None,
             kind: str = "", context: dict | None = None,
             retry_delays: list[float] | tuple[float, ...] = ()) -> int:
        """Queue a delivery and return its id. The body is ``json_body`` as JSON or ``form``
        form-encoded (``params`` go in the query string). ``kind`` names the registered result handler
        (none: nobody is told); ``context`` is handed back to it; ``retry_delays`` are the
        mock-clock seconds to wait before each further attempt after a failure."""
        delivery = {"id": next(self._ids), "provider": provider, "tenant": tenant,
                    "method": method.upper(), "url": url, "headers": dict(headers or {}),
                    "json": json_body, "params": dict(params or {}),
                    "form": dict(form) if form else None, "kind": kind,
                    "context": dict(context or {}), "retry_delays": list(retry_delays),
                    "attempt": 1}
        self._enqueue(delivery)
        return delivery["id"]

    # -- what the control API and tests call -------------------------------------------------

    def attempts(self, provider: str | None = None, tenant: str | None = None,
                 **filters: Any) -> list[dict]:
        """Every recorded attempt, oldest first, that passes the filters given: ``provider``,
        ``tenant``, ``kind``, ``method``, ``url`` (a glob), ``status`` (``200`` or a class,
        ``"5xx"``; ``none`` for no answer) and ``ok`` (true/false)."""
        tests = _attempt_tests(dict(filters, provider=provider, tenant=tenant))
        with self._lock:
            found = list(self._attempts)
        return [a for a in found if all(test(a) for test in tests)]

    def clear(self) -> int:
        """Forget the recorded attempts; return how many there were."""
        with self._lock:
            count = len(self._attempts)
            self._attempts.clear()
        return count

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until nothing is queued or being sent (True), or ``timeout`` passes."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True

    # -- the worker --------------------------------------------------------------------------

    def _enqueue(self, delivery: dict) -> None:
        with self._lock:
            self._busy += 1
        try:
            self._queue.put_nowait(delivery)
        except queue.Full:
            self._finish(delivery, status=None, error="not sent: the delivery queue is full",
                         elapsed=0.0, response_text=None)
            return
        self._ensure_worker()

    def _ensure_worker(self) -> None:
        if self._worker is None or not self._worker.is_alive():
            with self._lock:
                if self._worker is None or not self._worker.is_alive():
                    self._worker = threading.Thread(target=self._work, name="mock-webhooks",
                                                    daemon=True)
                    self._worker.start()

    def _work(self) -> None:
        import requests  # imported with the first delivery, not at start-up
        self._session = requests.Session()
        while True:
            delivery = self._queue.get()
            started = time.perf_counter()
            status = error = text = content_type = None
            sent: dict[str, Any] = {}
            try:
                prepared = self._session.prepare_request(requests.Request(
                    delivery["method"], delivery["url"], headers=delivery["headers"],
                    params=delivery["params"] or None,
                    json=delivery["json"] if delivery["json"] is not None else None,
                    data=delivery.get("form") or None))
                sent = {"headers": _sent_headers(prepared), "body": _sent_text(prepared.body)}
                settings = self._session.merge_environment_settings(
                    prepared.url, {}, None, None, None)
                local = self._deliver_locally(prepared, sent["headers"])
                if local is not None:
                    status, content_type, text = local
                else:
                    response = self._session.send(prepared, timeout=self.timeout,
                                                  allow_redirects=False, **settings)
                    status, text = response.status_code, response.text
                    content_type = response.headers.get("Content-Type")
            except requests.RequestException as exc:
                error = f"{type(exc).__name__}: {exc}"
            except Exception as exc:  # an unusable URL, say: a failure, not a crash
                error = f"{type(exc).__name__}: {exc}"
            self._finish(delivery, status=status, error=error,
                         elapsed=time.perf_counter() - started, response_text=text,
                         content_type=content_type, sent=sent)

    def _deliver_locally(self, prepared: Any, headers: dict[str, str]
                         ) -> tuple[int, str | None, str] | None:
        """Hand a delivery to a URL under the local prefix (the mock's own inboxes) to its
        receiver, whatever the URL's host: (status, content type, text); else None."""
        if self.local is None:
            return None
        prefix, receive = self.local
        parts = urlsplit(prepared.url)
        if not parts.path.startswith(prefix):
            return None
        name, _, below = parts.path[len(prefix):].partition("/")
        if not name:
            return None
        body = prepared.body.encode() if isinstance(prepared.body, str) else prepared.body
        status, answer_headers, content = receive(
            name, method=prepared.method, path="/" + below, headers=headers,
            query=parts.query, body=body)
        return status, answer_headers.get("Content-Type"), content.decode("utf-8", "replace")

    def _finish(self, delivery: dict, *, status: int | None, error: str | None,
                elapsed: float, response_text: str | None,
                content_type: str | None = None, sent: dict | None = None) -> None:
        ok = status is not None and 200 <= status < 300
        retries = delivery["retry_delays"]
        final = ok or not retries
        attempt = {"delivery": delivery["id"], "attempt": delivery["attempt"],
                   "provider": delivery["provider"], "tenant": delivery["tenant"],
                   "kind": delivery["kind"], "time": iso_millis(self.clock.now()),
                   "method": delivery["method"], "url": delivery["url"],
                   "headers": (sent or {}).get("headers", delivery["headers"]),
                   "params": delivery["params"],
                   "body": (sent or {}).get("body", _body_text(delivery)),
                   "status": status, "error": error, "ok": ok,
                   "response": _clip(response_text), "content_type": content_type,
                   "duration_ms": round(elapsed * 1000, 3),
                   "final": final}
        with self._lock:
            self._attempts.append(attempt)
        try:
            handler = self._handlers.get((delivery["provider"], delivery["kind"]))
            if handler is not None:
                handler(delivery["tenant"], delivery["context"], attempt, final)
            if not final:
                again = dict(delivery, attempt=delivery["attempt"] + 1,
                             retry_delays=retries[1:])
                self.scheduler.schedule(delivery["provider"], delivery["tenant"], RETRY_KIND,
                                        again, delay=retries[0])
        except Exception:
            log.exception("webhook result handler failed")
        finally:
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()

    def _retry(self, tenant: str, delivery: dict, at: Any) -> None:
        """Scheduler handler: a failed delivery's next attempt has fallen due."""
        self._enqueue(dict(delivery))
