"""The mock clock: every timestamp the providers write comes from here.

It runs free by default (following real time, from an offset) or is frozen at an instant
and moves only when advanced. Underneath are freezegun's two time factories, used as plain
objects: nothing in the process is patched, so the WSGI server, the logs and the request
journal's durations keep real time while the providers see mock time.
"""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

from freezegun.api import FrozenDateTimeFactory, TickingDateTimeFactory, _parse_time_to_freeze


def parse_instant(value: str | datetime) -> datetime:
    """Parse an ISO-8601 string (or datetime) into a naive UTC datetime; ValueError if bad."""
    if not isinstance(value, (str, datetime)) or (isinstance(value, str) and not value.strip()):
        raise ValueError(f"not an ISO-8601 timestamp: {value!r}")
    try:
        parsed = _parse_time_to_freeze(value) if isinstance(value, str) else value
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"not an ISO-8601 timestamp: {value!r}") from exc
    if isinstance(value, datetime) and value.tzinfo is not None:
        parsed = value.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def iso_millis(moment: datetime) -> str:
    """A naive UTC time as ISO-8601 with milliseconds and ``Z`` (``2015-10-08T12:00:16.109Z``),
    the form most providers' JSON timestamps take."""
    return moment.isoformat(timespec="milliseconds") + "Z"


class MockClock:
    """Free-running or frozen time, in naive UTC, shared by every provider of one app."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._factory: FrozenDateTimeFactory | TickingDateTimeFactory = self._ticking(
            datetime.now(timezone.utc).replace(tzinfo=None))

    @staticmethod
    def _ticking(at: datetime) -> TickingDateTimeFactory:
        return TickingDateTimeFactory(at, datetime.now())

    @property
    def frozen(self) -> bool:
        """True while the clock moves only when advanced."""
        return isinstance(self._factory, FrozenDateTimeFactory)

    def now(self) -> datetime:
        """The current mock time, naive UTC."""
        return self._factory()

    def timestamp(self) -> float:
        """The current mock time as Unix seconds."""
        return self.now().replace(tzinfo=timezone.utc).timestamp()

    def freeze(self, at: str | datetime | None = None) -> None:
        """Stop the clock at ``at`` (default: where it is now)."""
        instant = self.now() if at is None else parse_instant(at)
        with self._lock:
            self._factory = FrozenDateTimeFactory(instant)

    def run_free(self) -> None:
        """Let the clock follow real time again, from where it stands."""
        with self._lock:
            self._factory = self._ticking(self.now())

    def move_to(self, at: datetime) -> None:
        """Set the clock to ``at`` without changing whether it is frozen."""
        with self._lock:
            self._factory = FrozenDateTimeFactory(at) if self.frozen else self._ticking(at)

    def advance(self, seconds: float) -> datetime:
        """Move the clock forward by ``seconds`` and return the new time."""
        self.move_to(self.now() + timedelta(seconds=seconds))
        return self.now()

    def set(self, at: datetime, *, frozen: bool) -> None:
        """Stand the clock at ``at``, frozen there or running free from it."""
        with self._lock:
            self._factory = FrozenDateTimeFactory(at) if frozen else self._ticking(at)

    def snapshot(self) -> dict:
        """The clock for a state snapshot: its time, whether it is frozen and, running free,
        its ``offset`` from real time in seconds (what ``from_snapshot`` restores)."""
        now = self.now()
        out = {"now": now.isoformat(timespec="microseconds") + "Z", "frozen": self.frozen}
        if not self.frozen:
            real = datetime.now(timezone.utc).replace(tzinfo=None)
            out["offset"] = round((now - real).total_seconds(), 3) + 0.0   # never -0.0
        return out

    def describe(self) -> dict:
        """The clock as the control API shows it."""
        now = self.now()
        return {"now": iso_millis(now), "frozen": self.frozen,
                "timestamp": now.replace(tzinfo=timezone.utc).timestamp()}

    def reset(self) -> None:
        """Back to real time, running free."""
        with self._lock:
            self._factory = self._ticking(datetime.now(timezone.utc).replace(tzinfo=None))


def from_snapshot(data: object) -> tuple[datetime, bool]:
    """Where a clock snapshot (``MockClock.snapshot``) stands now and whether it is frozen:
    a frozen clock at its time; a free one at real time plus its ``offset`` (at its ``now``
    when it has none). ValueError naming what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("must be an object with now and frozen")
    unknown = sorted(set(data) - {"now", "frozen", "offset", "timestamp"})
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r}; a clock has now, frozen, offset")
    frozen = data.get("frozen")
    if not isinstance(frozen, bool):
        raise ValueError(f"frozen must be true or false, not {frozen!r}")
    offset = data.get("offset")
    if not frozen and offset is not None:
        if isinstance(offset, bool) or not isinstance(offset, (int, float)) \
                or abs(offset) > 1e10:
            raise ValueError(f"offset must be a number of seconds, not {offset!r}")
        return datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(seconds=offset), False
    return parse_instant(data.get("now")), frozen
