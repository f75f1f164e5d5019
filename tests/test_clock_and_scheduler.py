"""The mock clock and the scheduler of events due on it (core, provider-neutral)."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from mockserver.core.clock import MockClock
from mockserver.core.scheduler import Scheduler


def test_clock_runs_free_by_default():
    clock = MockClock()
    assert not clock.frozen
    assert abs((clock.now() - datetime.utcnow()).total_seconds()) < 5


def test_frozen_clock_moves_only_when_advanced():
    clock = MockClock()
    clock.freeze("2024-03-01T12:00:00Z")
    assert clock.now() == datetime(2024, 3, 1, 12, 0, 0)
    assert clock.now() == datetime(2024, 3, 1, 12, 0, 0)
    clock.advance(90)
    assert clock.now() == datetime(2024, 3, 1, 12, 1, 30)


def test_offsets_are_converted_to_utc():
    clock = MockClock()
    clock.freeze("2024-03-01T12:00:00+10:00")
    assert clock.now() == datetime(2024, 3, 1, 2, 0, 0)


def test_running_free_again_continues_from_the_frozen_instant():
    clock = MockClock()
    clock.freeze("2030-01-01T00:00:00")
    clock.run_free()
    assert not clock.frozen
    assert timedelta(0) <= clock.now() - datetime(2030, 1, 1) < timedelta(seconds=5)


@pytest.mark.parametrize("bad", ["", "not a time", "2024-13-45"])
def test_bad_instants_are_refused(bad):
    with pytest.raises(ValueError):
        MockClock().freeze(bad)


def _recording(scheduler: Scheduler):
    ran = []
    scheduler.register("p", "k", lambda tenant, payload, at: ran.append(
        (tenant, payload["n"], at, scheduler.clock.now())))
    return ran


def test_advancing_runs_due_events_in_order_at_their_due_times():
    clock = MockClock()
    clock.freeze("2024-01-01T00:00:00")
    scheduler = Scheduler(clock)
    ran = _recording(scheduler)
    scheduler.schedule("p", "t1", "k", {"n": 2}, delay=20)
    scheduler.schedule("p", "t2", "k", {"n": 1}, delay=10)
    scheduler.schedule("p", "t1", "k", {"n": 3}, delay=100)
    assert scheduler.advance(30) == 2
    assert [(t, n) for t, n, _, _ in ran] == [("t2", 1), ("t1", 2)]
    assert [seen for _, _, _, seen in ran] == [datetime(2024, 1, 1, 0, 0, 10),
                                               datetime(2024, 1, 1, 0, 0, 20)]
    assert clock.now() == datetime(2024, 1, 1, 0, 0, 30)
    assert len(scheduler.pending()) == 1


def test_run_due_runs_only_what_is_due():
    clock = MockClock()
    clock.freeze("2024-01-01T00:00:00")
    scheduler = Scheduler(clock)
    ran = _recording(scheduler)
    scheduler.schedule("p", "t", "k", {"n": 1}, delay=5)
    assert scheduler.run_due() == 0
    clock.advance(5)
    assert scheduler.run_due() == 1 and len(ran) == 1


def test_cancel_drops_one_tenants_events():
    scheduler = Scheduler(MockClock())
    scheduler.schedule("p", "a", "k", {"n": 1}, delay=5)
    scheduler.schedule("p", "b", "k", {"n": 2}, delay=5)
    scheduler.schedule("q", "a", "k", {"n": 3}, delay=5)
    assert scheduler.cancel("p", "a") == 1
    assert {(e.provider, e.tenant) for e in scheduler.pending()} == {("p", "b"), ("q", "a")}


def test_events_survive_export_and_load():
    clock = MockClock()
    clock.freeze("2024-01-01T00:00:00")
    first = Scheduler(clock)
    first.schedule("p", "t", "k", {"n": 7}, delay=60)
    second = Scheduler(clock)
    ran = _recording(second)
    second.load(first.export())
    second.advance(61)
    assert [(t, n, at) for t, n, at, _ in ran] == [("t", 7, datetime(2024, 1, 1, 0, 1))]


def test_cancelled_events_never_run_and_others_still_do():
    clock = MockClock()
    clock.freeze("2024-01-01T00:00:00")
    scheduler = Scheduler(clock)
    ran = _recording(scheduler)
    for n in range(200):
        scheduler.schedule("p", "a" if n % 2 else "b", "k", {"n": n}, delay=n)
    assert scheduler.cancel("p", "a") == 100
    assert scheduler.cancel("p", "a") == 0
    scheduler.advance(1000)
    assert [n for _, n, _, _ in ran] == list(range(0, 200, 2))
    assert scheduler.pending() == []


def test_cancel_all_and_by_provider():
    scheduler = Scheduler(MockClock())
    for tenant in ("a", "b"):
        scheduler.schedule("p", tenant, "k", {}, delay=5)
        scheduler.schedule("q", tenant, "k", {}, delay=5)
    assert scheduler.cancel("q") == 2
    assert scheduler.cancel(tenant="a") == 1
    assert scheduler.cancel() == 1 and scheduler.pending() == []


def test_loading_malformed_events_is_a_value_error():
    with pytest.raises(ValueError):
        Scheduler(MockClock()).load([{"due": "2024-01-01T00:00:00Z", "provider": "p"}])


def test_the_ticker_runs_due_events_without_being_asked():
    import time
    clock = MockClock()
    scheduler = Scheduler(clock)
    ran = _recording(scheduler)
    scheduler.schedule("p", "t", "k", {"n": 1}, delay=0.05)
    deadline = time.monotonic() + 5
    while not ran and time.monotonic() < deadline:
        time.sleep(0.01)
    scheduler.stop()
    assert [n for _, n, _, _ in ran] == [1]


def test_a_failing_handler_is_logged_not_raised(caplog):
    clock = MockClock()
    clock.freeze("2024-01-01T00:00:00")
    scheduler = Scheduler(clock)
    ran = _recording(scheduler)
    scheduler.register("p", "boom", lambda *a: 1 / 0)
    scheduler.schedule("p", "t", "boom", {}, delay=1)
    scheduler.schedule("p", "t", "k", {"n": 2}, delay=2)
    assert scheduler.advance(5) == 2
    assert [n for _, n, _, _ in ran] == [2]
    assert "failed" in caplog.text
