"""State snapshots: the one format ``GET/PUT /_mock/state`` and ``serve --state-file`` use.

A snapshot is a JSON object::

    {"version": 1,
     "clock": {"now": "2025-06-01T08:00:00.000000Z", "frozen": true},
     "providers": {"<slug>": {"tenants": {"<tenant>": {...}}}},
     "scheduled": [{"due": ..., "provider": ..., "tenant": ..., "kind": ..., "payload": {...}}]}

``version`` is required and must be one this server reads; ``providers`` is required (a
provider it does not name keeps its tenants); ``clock`` and ``scheduled`` are optional (left
as they are when absent). A free-running clock is kept as its ``offset`` from real time, so
it goes on following real time after a restart; a frozen one stays frozen at its time.
Loading is all or nothing: everything is parsed before anything is installed, and no
scheduled event runs while it is.
"""
from __future__ import annotations

from typing import Any

from .clock import from_snapshot

#: the format version this server writes and reads
VERSION = 1
KEYS = ("version", "clock", "providers", "scheduled")


class SnapshotError(ValueError):
    """What is wrong with a snapshot, and the field at fault."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field, self.problem = field, problem


def export(services: Any) -> dict[str, Any]:
    """A snapshot of an app's state: clock, every seeded tenant, pending events."""
    return {"version": VERSION, "clock": services.clock.snapshot(),
            "providers": services.state.export(), "scheduled": services.scheduler.export()}


def load(services: Any, data: Any) -> dict[str, int]:
    """Replace an app's state with a snapshot, all or nothing; return the tenants imported
    by provider. SnapshotError (naming the field) when ``data`` is not a snapshot."""
    if not isinstance(data, dict):
        raise SnapshotError("snapshot", f"expected a JSON object with {', '.join(KEYS)}")
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise SnapshotError(unknown[0], f"unknown key; a snapshot has {', '.join(KEYS)}")
    version = data.get("version")
    if "version" not in data:
        raise SnapshotError("version", f"missing: not a state snapshot (this server reads "
                                       f"version {VERSION})")
    if type(version) is not int or version != VERSION:
        raise SnapshotError("version", f"unknown format version {version!r} (this server "
                                       f"reads version {VERSION})")
    providers = data.get("providers")
    if not isinstance(providers, dict):
        raise SnapshotError("providers", "must be an object: provider slug to "
                                         "{\"tenants\": {...}}")
    try:
        tenants = services.state.parse(providers)
    except KeyError as exc:
        raise SnapshotError("providers", f"unknown provider {exc.args[0]}") from None
    except ValueError as exc:
        raise SnapshotError("providers", str(exc)) from None
    events = clock = None
    if "scheduled" in data:
        try:
            events = services.scheduler.parse(data["scheduled"])
        except ValueError as exc:
            raise SnapshotError("scheduled", str(exc)) from None
    if "clock" in data:
        try:
            clock = from_snapshot(data["clock"])
        except ValueError as exc:
            raise SnapshotError("clock", str(exc)) from None
    with services.scheduler.holding():
        if clock is not None:
            services.clock.set(clock[0], frozen=clock[1])
        services.state.install(tenants)
        if events is not None:
            services.scheduler.install(events)
    return {slug: len(found) for slug, found in tenants.items()}


def stable(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The snapshot without what changes by itself (a free clock's time): two snapshots of
    an unchanged app compare equal in this form."""
    clock = snapshot.get("clock") or {}
    if clock.get("frozen"):
        return snapshot
    return {**snapshot, "clock": {k: v for k, v in clock.items() if k != "now"}}
