"""Events due on the mock clock: asynchronous completions, deliveries, call progress.

An event is data, not a closure: (due, owner provider, tenant, kind, payload). Providers
register one handler per kind, so pending events survive a state export and import, and a
reset of a provider or a tenant can cancel exactly its own.

Events run when they fall due: on every request (a cheap check of the earliest due time),
and when the clock is advanced, in due order, each with the clock standing at its due time.
"""
from __future__ import annotations

import heapq
import itertools
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable

from .clock import MockClock, parse_instant

Handler = Callable[[str, dict, datetime], None]


@dataclass(order=True)
class Event:
    """One scheduled event."""

    due: datetime
    seq: int
    provider: str = field(compare=False)
    tenant: str = field(compare=False)
    kind: str = field(compare=False)
    payload: dict = field(compare=False, default_factory=dict)

    def to_json(self) -> dict:
        """The event as JSON-ready data."""
        return {"due": self.due.isoformat(timespec="microseconds") + "Z",
                "provider": self.provider, "tenant": self.tenant, "kind": self.kind,
                "payload": self.payload}


class Scheduler:
    """A heap of events on one clock, and the handlers that carry them out."""

    def __init__(self, clock: MockClock) -> None:
        self.clock = clock
        self._heap: list[Event] = []
        self._lock = threading.RLock()
        self._run_lock = threading.Lock()
        self._seq = itertools.count()
        self._handlers: dict[tuple[str, str], Handler] = {}

    def register(self, provider: str, kind: str, handler: Handler) -> None:
        """Name the function that carries out events of ``kind`` for ``provider``."""
        self._handlers[(provider, kind)] = handler

    def schedule(self, provider: str, tenant: str, kind: str, payload: dict,
                 *, delay: float = 0, due: datetime | None = None) -> Event:
        """Add an event ``delay`` seconds from now (or at ``due``)."""
        when = due if due is not None else self.clock.now() + timedelta(seconds=delay)
        event = Event(when, next(self._seq), provider, tenant, kind, payload)
        with self._lock:
            heapq.heappush(self._heap, event)
        return event

    def pending(self, provider: str | None = None, tenant: str | None = None) -> list[Event]:
        """Events not yet run, earliest first, optionally for one provider and/or tenant."""
        with self._lock:
            events = sorted(self._heap)
        return [e for e in events if (provider is None or e.provider == provider)
                and (tenant is None or e.tenant == tenant)]

    def cancel(self, provider: str | None = None, tenant: str | None = None) -> int:
        """Drop the events of a provider and/or tenant (all when neither is given)."""
        with self._lock:
            keep = [e for e in self._heap if not (
                (provider is None or e.provider == provider)
                and (tenant is None or e.tenant == tenant))]
            dropped = len(self._heap) - len(keep)
            heapq.heapify(keep)
            self._heap = keep
        return dropped

    def _pop_due(self, limit: datetime) -> Event | None:
        with self._lock:
            if self._heap and self._heap[0].due <= limit:
                return heapq.heappop(self._heap)
        return None

    def _run(self, event: Event) -> None:
        handler = self._handlers.get((event.provider, event.kind))
        if handler is not None:
            handler(event.tenant, event.payload, event.due)

    def run_due(self) -> int:
        """Run every event due by the clock's current time; return how many ran."""
        heap = self._heap
        if not heap or heap[0].due > self.clock.now():
            return 0
        ran = 0
        with self._run_lock:
            while (event := self._pop_due(self.clock.now())) is not None:
                self._run(event)
                ran += 1
        return ran

    def advance(self, seconds: float) -> int:
        """Advance the clock by ``seconds``, running due events in order at their due times."""
        target = self.clock.now() + timedelta(seconds=seconds)
        ran = 0
        with self._run_lock:
            while (event := self._pop_due(target)) is not None:
                if event.due > self.clock.now():
                    self.clock.move_to(event.due)
                self._run(event)
                ran += 1
            if target > self.clock.now():
                self.clock.move_to(target)
        return ran

    def export(self) -> list[dict]:
        """Pending events as JSON-ready data."""
        return [e.to_json() for e in self.pending()]

    def load(self, events: list[dict[str, Any]]) -> None:
        """Replace pending events with exported ones."""
        loaded = [Event(parse_instant(e["due"]), next(self._seq), e["provider"], e["tenant"],
                        e["kind"], dict(e.get("payload") or {})) for e in events]
        heapq.heapify(loaded)
        with self._lock:
            self._heap = loaded
