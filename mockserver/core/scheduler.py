"""Events due on the mock clock: asynchronous completions, deliveries, call progress.

An event is data, not a closure: (due, owner provider, tenant, kind, payload). Providers
register one handler per kind, so pending events survive a state export and import, and a
reset of a provider or a tenant can cancel exactly its own.

Events run when they fall due: on every request (a cheap check of the earliest due time),
when the clock is advanced (in due order, each with the clock standing at its due time),
and, while the clock runs free, from a background ticker that wakes for the next due event,
so that what an event sends out (a callback, say) goes even when no request arrives.
"""
from __future__ import annotations

import heapq
import itertools
import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable, Iterator

from .clock import MockClock, parse_instant

Handler = Callable[[str, dict, datetime], None]
log = logging.getLogger("mockserver.scheduler")


@dataclass(order=True)
class Event:
    """One scheduled event."""

    due: datetime
    seq: int
    provider: str = field(compare=False)
    tenant: str = field(compare=False)
    kind: str = field(compare=False)
    payload: dict = field(compare=False, default_factory=dict)
    cancelled: bool = field(compare=False, default=False)

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
        self._owners: dict[tuple[str, str], dict[int, Event]] = {}
        self._lock = threading.RLock()
        self._run_lock = threading.Lock()
        self._seq = itertools.count()
        self._handlers: dict[tuple[str, str], Handler] = {}
        #: called after each event run by advance(): lets what the event set off (a webhook
        #: delivery) finish before the clock moves on, so advancing stays deterministic
        self.settle: Callable[[], Any] | None = None
        self._wake = threading.Condition()
        self._ticker: threading.Thread | None = None
        self._stopped = False

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
            self._owners.setdefault((provider, tenant), {})[event.seq] = event
            earliest = self._heap[0] is event
        if earliest:       # the ticker only needs waking for a new earliest event
            self._nudge()
        return event

    # -- the background ticker ---------------------------------------------------------------

    def _nudge(self) -> None:
        """Start the ticker on first need, and wake it to look at the earliest event."""
        if self._ticker is None:
            with self._wake:
                if self._ticker is None and not self._stopped:
                    self._ticker = threading.Thread(target=self._tick, name="mock-scheduler",
                                                    daemon=True)
                    self._ticker.start()
        with self._wake:
            self._wake.notify()

    def _tick(self) -> None:
        while not self._stopped:
            with self._lock:
                earliest = self._heap[0].due if self._heap else None
            wait = 1.0
            if earliest is not None and not self.clock.frozen:
                wait = max(0.0, min(1.0, (earliest - self.clock.now()).total_seconds()))
            if wait > 0:
                with self._wake:
                    self._wake.wait(wait)
            if self._stopped:
                return
            if not self.clock.frozen:
                self.run_due()

    def stop(self) -> None:
        """Stop the background ticker (events still run on requests and advances)."""
        self._stopped = True
        with self._wake:
            self._wake.notify()

    def pending(self, provider: str | None = None, tenant: str | None = None) -> list[Event]:
        """Events not yet run, earliest first, optionally for one provider and/or tenant."""
        with self._lock:
            if provider is not None and tenant is not None:
                events = list(self._owners.get((provider, tenant), {}).values())
            else:
                events = [e for (p, t), owned in self._owners.items() for e in owned.values()
                          if (provider is None or p == provider)
                          and (tenant is None or t == tenant)]
        return sorted(events)

    def cancel(self, provider: str | None = None, tenant: str | None = None) -> int:
        """Drop the events of a provider and/or tenant (all when neither is given). The
        cost is that of the events dropped, not of all pending ones."""
        with self._lock:
            if provider is None and tenant is None:
                dropped = len(self._heap) - sum(e.cancelled for e in self._heap)
                self._heap, self._owners = [], {}
                return dropped
            if provider is not None and tenant is not None:
                owners = [(provider, tenant)] if (provider, tenant) in self._owners else []
            else:
                owners = [key for key in self._owners if (provider is None or key[0] == provider)
                          and (tenant is None or key[1] == tenant)]
            dropped = 0
            for key in owners:
                for event in self._owners.pop(key).values():
                    event.cancelled = True
                    dropped += 1
            if len(self._heap) > 64 and dropped * 2 > len(self._heap):
                self._heap = [e for e in self._heap if not e.cancelled]
                heapq.heapify(self._heap)
        return dropped

    def _pop_due(self, limit: datetime) -> Event | None:
        with self._lock:
            while self._heap and self._heap[0].due <= limit:
                event = heapq.heappop(self._heap)
                if event.cancelled:
                    continue
                owned = self._owners.get((event.provider, event.tenant))
                if owned is not None:
                    owned.pop(event.seq, None)
                    if not owned:
                        del self._owners[(event.provider, event.tenant)]
                return event
        return None

    def _run(self, event: Event) -> None:
        """Carry out one event; a failing handler is logged, never raised into whoever
        happened to run the due events (a request, an advance, the ticker)."""
        handler = self._handlers.get((event.provider, event.kind))
        if handler is None:
            return
        try:
            handler(event.tenant, event.payload, event.due)
        except Exception:
            log.exception("scheduled event %s/%s for %s failed", event.provider, event.kind,
                          event.tenant)

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
        """Advance the clock by ``seconds``, running due events in order at their due times.
        Deliveries already under way finish first, so what they set off falls in order."""
        target = self.clock.now() + timedelta(seconds=seconds)
        ran = 0
        with self._run_lock:
            if self.settle is not None:     # what was already under way lands first
                self.settle()
            while (event := self._pop_due(target)) is not None:
                if event.due > self.clock.now():
                    self.clock.move_to(event.due)
                self._run(event)
                if self.settle is not None:
                    self.settle()
                ran += 1
            if target > self.clock.now():
                self.clock.move_to(target)
        return ran

    def export(self) -> list[dict]:
        """Pending events as JSON-ready data."""
        return [e.to_json() for e in self.pending()]

    def parse(self, events: Any) -> list[Event]:
        """Events from exported ones, not yet installed; ValueError if they are not."""
        if not isinstance(events, list):
            raise ValueError("must be a list of events")
        try:
            return [Event(parse_instant(e["due"]), next(self._seq), str(e["provider"]),
                          str(e["tenant"]), str(e["kind"]), dict(e.get("payload") or {}))
                    for e in events]
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise ValueError(f"invalid scheduled event ({exc!r})") from None

    def install(self, loaded: list[Event]) -> None:
        """Replace pending events with parsed ones."""
        owners: dict[tuple[str, str], dict[int, Event]] = {}
        for event in loaded:
            owners.setdefault((event.provider, event.tenant), {})[event.seq] = event
        heapq.heapify(loaded)
        with self._lock:
            self._heap, self._owners = loaded, owners
        if loaded:
            self._nudge()

    def load(self, events: list[dict[str, Any]]) -> None:
        """Replace pending events with exported ones."""
        self.install(self.parse(events))

    @contextmanager
    def holding(self) -> Iterator[None]:
        """No event runs inside this block (a state import replaces state, events and the
        clock together)."""
        with self._run_lock:
            yield
