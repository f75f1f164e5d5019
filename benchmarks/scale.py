"""Scale cases, in-process: what a request costs once the mock holds a lot of state, beside
the same request on a fresh mock (the batches interleaved, as in ``cases.py``).

* ``tenants``: 10,000 AVOXI and 10,000 Avaya tenants seeded; per-request cost and the
  process's RSS growth;
* ``messages``: 100,000 SMS in one Avaya account, listed page by page (page 0 against page
  1,000), and sending one more;
* ``events``: 100,000 scheduled events pending; a request, scheduling one more, and
  advancing the clock past one due event.
"""
from __future__ import annotations

import base64
import gc
import time
from pathlib import Path
from typing import Any, Callable

from cases import interleaved

AVOXI_GET = "/avoxi/api/v2/inventory/US?limit=50"


def rss_mb() -> float:
    """This process's VmRSS, MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024 / 1e6
    raise RuntimeError("no VmRSS")


def ok(client, method: str, path: str, **kwargs) -> Callable[[], None]:
    """A call making one request on a test client; raises unless 2xx."""
    def call() -> None:
        response = client.open(path, method=method, **kwargs)
        if not 200 <= response.status_code < 300:
            raise RuntimeError(f"{method} {path}: {response.status_code} "
                               f"{response.get_data()[:300]!r}")
    return call


def avaya(sid: str) -> tuple[str, dict]:
    """An Avaya account's root and Basic header."""
    token = base64.b64encode(f"{sid}:t".encode()).decode()
    return f"/avaya/v2/Accounts/{sid}", {"Authorization": f"Basic {token}"}


def ratios(timed: dict, pairs: dict[str, tuple[str, str]]) -> dict:
    """Add ``name: slow / fast`` median ratios to ``timed``."""
    for name, (slow, fast) in pairs.items():
        timed[name] = timed[slow]["median_us"] / timed[fast]["median_us"]
    return timed


def bench_tenants(count: int, batches: int, batch_size: int) -> dict:
    """``count`` AVOXI and ``count`` Avaya tenants seeded (one request each), then the
    AVOXI inventory page and the Avaya account view, against a mock with one tenant."""
    import mockserver

    full = mockserver.create_app({}).test_client()
    ok(full, "GET", AVOXI_GET, headers={"Authorization": "Bearer t0"})()
    ok(full, "GET", f"{avaya(f'AC{0:032x}')[0]}.json", headers=avaya(f"AC{0:032x}")[1])()
    gc.collect()
    before = rss_mb()  # after the first tenant of each: imports and seeds built
    started = time.perf_counter()
    for i in range(1, count):
        ok(full, "GET", AVOXI_GET, headers={"Authorization": f"Bearer t{i}"})()
        root, headers = avaya(f"AC{i:032x}")
        ok(full, "GET", f"{root}.json", headers=headers)()
    seconds = time.perf_counter() - started
    gc.collect()
    grown = rss_mb() - before
    empty = mockserver.create_app({}).test_client()
    root, headers = avaya(f"AC{7:032x}")
    calls = {}
    for label, client in (("full", full), ("one", empty)):
        calls[f"avoxi_{label}"] = ok(client, "GET", AVOXI_GET,
                                     headers={"Authorization": "Bearer t7"})
        calls[f"avaya_{label}"] = ok(client, "GET", f"{root}.json", headers=headers)
    timed = interleaved(calls, batches, batch_size, warmup=20)
    ratios(timed, {"avoxi_ratio": ("avoxi_full", "avoxi_one"),
                   "avaya_ratio": ("avaya_full", "avaya_one")})
    timed.update(tenants_each=count, seeding_s=seconds, rss_growth_mb=grown,
                 rss_per_tenant_kb=grown * 1000 / (2 * (count - 1)))
    return timed


def bench_messages(count: int, batches: int, batch_size: int) -> dict:
    """One Avaya account holding ``count`` SMS (one sent through the API, the rest copies
    of it stored straight into the state with SIDs of their own); Send SMS while all of them
    are in the flood window (median of 3, not interleaved); then, the clock moved on two
    minutes past that window, List SMS at page 0 and page 1,000 (or the last) and Send SMS,
    against an account that has sent 100."""
    import mockserver
    from mockserver.app import services_of

    app = mockserver.create_app({})
    client = app.test_client()
    backend = services_of(app).backends["avaya"]
    setups = {}
    for label, size in (("big", count), ("small", 100)):
        sid = "AC" + ("b" if label == "big" else "c") * 32
        root, headers = avaya(sid)
        number = client.get(f"{root}/AvailablePhoneNumbers/US/Local.json?PageSize=1",
                            headers=headers).get_json()["available_phone_numbers"][0][
                                "phone_number"]
        ok(client, "POST", f"{root}/IncomingPhoneNumbers.json", headers=headers,
           data={"PhoneNumber": number})()
        ok(client, "POST", f"{root}/SMS/Messages.json", headers=headers,
           data={"To": "+14155552671", "From": number, "Body": "first"})()
        with backend.locked(sid) as state:
            [first] = state.sms.values()
            for i in range(size - 1):
                new = backend.new_sid(state, "SM")
                state.sms[new] = {**first, "sid": new, "uri": first["uri"].replace(
                    first["sid"], new), "body": f"copy {i}"}
        setups[label] = (root, headers, number)
    within = {}
    for label, (root, headers, number) in setups.items():
        samples = []
        for i in range(3):
            started = time.perf_counter_ns()
            ok(client, "POST", f"{root}/SMS/Messages.json", headers=headers,
               data={"To": "+14155552671", "From": number, "Body": f"window {i}"})()
            samples.append((time.perf_counter_ns() - started) / 1000)
        within[label] = sorted(samples)[1]
    services_of(app).scheduler.advance(120)
    pages = count // 50
    deep = min(1000, pages - 1)
    calls: dict[str, Callable[[], None]] = {}
    for label, (root, headers, number) in setups.items():
        calls[f"{label}_page0"] = ok(client, "GET", f"{root}/SMS/Messages.json",
                                     headers=headers)
        if label == "big":
            calls[f"big_page{deep}"] = ok(client, "GET",
                                          f"{root}/SMS/Messages.json?Page={deep}",
                                          headers=headers)
    timed = interleaved(calls, batches, batch_size, warmup=5)
    bodies = iter(range(10**9))
    sends = {label: (lambda r, h, n: lambda: ok(client, "POST", f"{r}/SMS/Messages.json",
                                                headers=h,
                                                data={"To": "+14155552671", "From": n,
                                                      "Body": f"more {next(bodies)}"})())(
        *setups[label]) for label in setups}
    timed.update(interleaved({"big_send": sends["big"], "small_send": sends["small"]},
                             batches, max(5, batch_size // 4), warmup=2))
    ratios(timed, {"page_deep_over_page0": (f"big_page{deep}", "big_page0"),
                   "page0_big_over_small": ("big_page0", "small_page0"),
                   "send_big_over_small": ("big_send", "small_send")})
    timed.update(messages=count, deep_page=deep,
                 send_within_flood_window_us={"big": within["big"], "small": within["small"]})
    return timed


def bench_events(count: int, batches: int, batch_size: int) -> dict:
    """``count`` AVOXI back-order deliveries pending (a day away) for other tenants; then a
    request, scheduling one more event, and advancing the clock past one due event, each
    against a mock with no events pending."""
    import mockserver
    from mockserver.app import services_of

    def payload(k: int) -> dict:
        return {"reference_id": f"r{k}", "region": "US GA Atlanta 470", "product_id": 0,
                "quantity": 1}

    apps = {"full": mockserver.create_app({}), "empty": mockserver.create_app({})}
    scheduler = services_of(apps["full"]).scheduler
    started = time.perf_counter()
    for k in range(count):
        scheduler.schedule("avoxi", f"other-{k % 100}", "backorder-delivery", payload(k),
                           delay=86400 + k)
    seconds = time.perf_counter() - started
    calls: dict[str, Callable[[], None]] = {}
    counter = iter(range(10**9))
    for label, app in apps.items():
        client = app.test_client()
        sched = services_of(app).scheduler
        calls[f"request_{label}"] = ok(client, "GET", AVOXI_GET,
                                       headers={"Authorization": "Bearer events"})
        calls[f"schedule_{label}"] = (lambda s: lambda: s.schedule(
            "avoxi", "events", "backorder-delivery", payload(next(counter)),
            delay=10 * 86400))(sched)

        def advance(s=sched) -> None:
            """One event due in a second, then the clock moved on two seconds past it."""
            s.schedule("avoxi", "nobody", "backorder-delivery", payload(next(counter)),
                       delay=1)
            if s.advance(2) < 1:
                raise RuntimeError("the due event did not run")
        calls[f"advance_{label}"] = advance
    timed = interleaved(calls, batches, batch_size, warmup=20)
    ratios(timed, {"request_ratio": ("request_full", "request_empty"),
                   "schedule_ratio": ("schedule_full", "schedule_empty"),
                   "advance_ratio": ("advance_full", "advance_empty")})
    timed.update(events=count, scheduling_s=seconds)
    return timed


def run(section: str, args: Any) -> dict:
    """One scale section, sized by ``args`` (``--quick`` makes it small)."""
    if section == "scale_tenants":
        return bench_tenants(args.scale_tenants, args.case_batches, args.case_batch_size)
    if section == "scale_messages":
        return bench_messages(args.scale_messages, args.case_batches,
                              max(10, args.case_batch_size // 4))
    return bench_events(args.scale_events, args.case_batches, args.case_batch_size)
