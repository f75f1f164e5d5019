"""One everyday read and one write of every provider, each a :class:`Case`: how to prepare
its requests on a fresh mock, and the bare Flask app that answers them with the bytes the
mock answered first (as ``bare_app.py`` does for AVOXI).

A case's ``prepare(send, n)`` runs against a fresh mock (in-process or over HTTP, through
``send``) and returns the requests to time: one request, repeated, for a read; ``n``
distinct requests for a write, each valid once (a different number bought, a different
message body, tenants used for at most a few hundred writes each), so that a write never
fails because it was repeated. Every response is checked: a status that is not 2xx, or a
body without the case's ``marker`` (Dial 9 answers errors with a 200), aborts the run.
"""
from __future__ import annotations

import base64
import http.client
import json
import statistics
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent

#: (method, path with query, headers, body) of one request
Request = tuple[str, str, dict, "bytes | None"]
#: send(method, path, headers, body) -> (status, body bytes, content type)
Send = Callable[[str, str, dict, "bytes | None"], tuple[int, bytes, str]]

#: writes a tenant makes at most, so that a write's cost is not that of a tenant's 10,000th
PER_TENANT = 200
FORM = "application/x-www-form-urlencoded"


def basic(user: str, password: str) -> dict[str, str]:
    """An ``Authorization: Basic`` header."""
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def checked(send: Send, method: str, path: str, headers: dict, body: bytes | None = None,
            marker: bytes | None = None) -> bytes:
    """Send one request; its body, or raise unless it answered 2xx (with ``marker``)."""
    status, data, _ = send(method, path, headers, body)
    if not 200 <= status < 300 or (marker is not None and marker not in data):
        raise RuntimeError(f"{method} {path} answered {status}: {data[:300]!r}")
    return data


def unique(prefix: str) -> str:
    """A tenant name nobody else uses."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@dataclass
class Case:
    """One benchmarked request of one provider."""

    name: str
    provider: str
    label: str
    kind: str  # "read" or "write"
    prepare: Callable[[Send, int], list[Request]]
    marker: bytes | None = None


# -- AVOXI -------------------------------------------------------------------------------------

def _avoxi_headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def avoxi_inventory(send: Send, n: int) -> list[Request]:
    """The first page of 50 US numbers."""
    return [("GET", "/avoxi/api/v2/inventory/US?limit=50", _avoxi_headers(unique("avoxi")),
             None)]


def avoxi_order(send: Send, n: int) -> list[Request]:
    """One Atlanta 470 DID an order (a shortfall is back-ordered: always 200)."""
    body = json.dumps({"items": [{"country": "US", "number_type": "DID",
                                  "region": "US GA Atlanta 470", "quantity": 1}]},
                      separators=(",", ":")).encode()
    headers = {**_avoxi_headers(unique("avoxi")), "Content-Type": "application/json"}
    return [("POST", "/avoxi/api/v2/order", headers, body)]


# -- Avaya -------------------------------------------------------------------------------------

def avaya_account() -> tuple[str, dict[str, str]]:
    """A new account's root path and Basic header."""
    sid = "AC" + uuid.uuid4().hex
    return f"/avaya/v2/Accounts/{sid}", {**basic(sid, "bench-token")}


def _avaya_available(send: Send, root: str, headers: dict, count: int) -> list[str]:
    """The first ``count`` available US local numbers of an account, page by page."""
    found: list[str] = []
    page = 0
    while len(found) < count:
        data = json.loads(checked(send, "GET", f"{root}/AvailablePhoneNumbers/US/Local.json"
                                  f"?Page={page}&PageSize=50", headers))
        found += [item["phone_number"] for item in data["available_phone_numbers"]]
        page += 1
        if page >= data["num_pages"]:
            break
    return found[:count]


def avaya_available(send: Send, n: int) -> list[Request]:
    """A page of 50 available US local numbers."""
    root, headers = avaya_account()
    return [("GET", f"{root}/AvailablePhoneNumbers/US/Local.json", headers, None)]


def avaya_available_contains(send: Send, n: int) -> list[Request]:
    """The same page, filtered with ``Contains``."""
    root, headers = avaya_account()
    return [("GET", f"{root}/AvailablePhoneNumbers/US/Local.json?Contains=555", headers, None)]


def avaya_buy(send: Send, n: int) -> list[Request]:
    """Add Number by PhoneNumber, each a different available number (a new account every
    ``PER_TENANT`` numbers)."""
    out: list[Request] = []
    while len(out) < n:
        root, headers = avaya_account()
        headers = {**headers, "Content-Type": FORM}
        for number in _avaya_available(send, root, headers, min(PER_TENANT, n - len(out))):
            out.append(("POST", f"{root}/IncomingPhoneNumbers.json", headers,
                        urlencode({"PhoneNumber": number}).encode()))
    return out


def _avaya_sender(send: Send) -> tuple[str, dict, str]:
    """A new account owning one number: its root, headers and the number."""
    root, headers = avaya_account()
    [number] = _avaya_available(send, root, headers, 1)
    headers = {**headers, "Content-Type": FORM}
    checked(send, "POST", f"{root}/IncomingPhoneNumbers.json", headers,
            urlencode({"PhoneNumber": number}).encode())
    return root, headers, number


def avaya_sms(send: Send, n: int) -> list[Request]:
    """Send SMS from the account's number, each body different (the mock refuses more than
    10 equal bodies a minute); a new account every ``PER_TENANT`` messages."""
    out: list[Request] = []
    while len(out) < n:
        root, headers, number = _avaya_sender(send)
        for i in range(min(PER_TENANT, n - len(out))):
            body = urlencode({"To": "+14155552671", "From": number,
                              "Body": f"Benchmark message {i}"}).encode()
            out.append(("POST", f"{root}/SMS/Messages.json", headers, body))
    return out


def avaya_sms_list(send: Send, n: int) -> list[Request]:
    """List SMS (first page of 50) of an account that has sent 100."""
    root, headers, number = _avaya_sender(send)
    for i in range(100):
        checked(send, "POST", f"{root}/SMS/Messages.json", headers,
                urlencode({"To": "+14155552671", "From": number, "Body": f"m{i}"}).encode())
    return [("GET", f"{root}/SMS/Messages.json", {"Authorization": headers["Authorization"]},
             None)]


def avaya_call(send: Send, n: int) -> list[Request]:
    """Make Call; the mock clock is frozen first, so no call moves on (and fetches its Url)
    while the requests are timed. A new account every ``PER_TENANT`` calls."""
    checked(send, "POST", "/_mock/clock", {"Content-Type": "application/json"},
            b'{"freeze":"2030-01-01T00:00:00Z"}')
    out: list[Request] = []
    body = urlencode({"To": "+14155552671", "From": "+14155550100",
                      "Url": "http://127.0.0.1:9/ivr"}).encode()
    while len(out) < n:
        root, headers = avaya_account()
        headers = {**headers, "Content-Type": FORM}
        out += [("POST", f"{root}/Calls.json", headers, body)] * min(PER_TENANT, n - len(out))
    return out


# -- AVANSER -----------------------------------------------------------------------------------

def avanser_search(send: Send, n: int) -> list[Request]:
    """Search Numbers: Australian mobile numbers."""
    return [("GET", "/avanser/v1/numbers?country=AU&number_type=MOBILE",
             basic(unique("avanser"), "secret"), None)]


def avanser_request(send: Send, n: int) -> list[Request]:
    """A new voicemail service request (the seed's example, a mobile number reserved each
    time, its custom_id different); a new user every 50 requests."""
    out: list[Request] = []
    while len(out) < n:
        headers = {**basic(unique("avanser"), "secret"), "Content-Type": "application/json"}
        for i in range(min(50, n - len(out))):
            body = {"name": "Benchmark voicemail", "custom_id": f"bench-{i}",
                    "service_number": {"country": "AU", "search_type": "number_type",
                                       "number_type": "MOBILE"},
                    "service": {"type": "voicemail", "answer_point_name": "Bench",
                                "voicemail": "https://example.tld/audio/voicemail.mp3",
                                "call_reporting": {"report": "none"}}}
            out.append(("POST", "/avanser/v1/requests", headers,
                        json.dumps(body, separators=(",", ":")).encode()))
    return out


# -- Dial 9 ------------------------------------------------------------------------------------

DIAL9 = "/dial9/api/v2/numbers"
DIAL9_PREFIXES = ("01234", "01224", "01887", "0113", "020", "0330", "0345")


def _dial9(action: str, token: str, params: dict) -> Request:
    return ("POST", f"{DIAL9}/{action}", {"X-Auth-Token": token, "Content-Type": FORM},
            urlencode({"params": json.dumps(params)}).encode())


def dial9_acquirable(send: Send, n: int) -> list[Request]:
    """``acquirable_numbers`` in prefix 01234."""
    return [_dial9("acquirable_numbers", unique("dial9"), {"prefix": "01234"})]


def dial9_acquire(send: Send, n: int) -> list[Request]:
    """``acquire``, each a different number offered by ``acquirable_numbers`` (ten in each
    of seven prefixes for a unit, then a new unit)."""
    out: list[Request] = []
    while len(out) < n:
        token = unique("dial9")
        for prefix in DIAL9_PREFIXES:
            offered = json.loads(checked(send, *_dial9("acquirable_numbers", token,
                                                       {"prefix": prefix}),
                                         marker=b'"status":"success"'))["data"]
            out += [_dial9("acquire", token, {"number": number}) for number in offered]
    return out[:n]


# -- Evo Voice ---------------------------------------------------------------------------------

def evovoice_buy(send: Send, n: int) -> list[Request]:
    """BuyPhoneNumber, each user buying every number of the fixture inventory once, then a
    new user (the inventory is shared, what was bought is each user's)."""
    inventory = json.loads((ROOT / "fixtures/evovoice/inventory.json").read_text())["numbers"]
    out: list[Request] = []
    while len(out) < n:
        headers = {**basic(unique("evo"), "any"), "Content-Type": "application/json"}
        out += [("POST", "/evovoice/endpoints/phone-numbers", headers,
                 json.dumps({"number": number}).encode()) for number in inventory]
    return out[:n]


CASES = [
    Case("avoxi_inventory", "AVOXI", "GET inventory/US?limit=50", "read", avoxi_inventory),
    Case("avoxi_order", "AVOXI", "POST order (one DID)", "write", avoxi_order),
    Case("avaya_available", "Avaya", "GET AvailablePhoneNumbers/US/Local (page of 50)", "read",
         avaya_available),
    Case("avaya_available_contains", "Avaya", "same, Contains=555", "read",
         avaya_available_contains),
    Case("avaya_buy", "Avaya", "POST IncomingPhoneNumbers (PhoneNumber)", "write", avaya_buy),
    Case("avaya_sms_send", "Avaya", "POST SMS/Messages (send)", "write", avaya_sms),
    Case("avaya_sms_list", "Avaya", "GET SMS/Messages (100 sent)", "read", avaya_sms_list),
    Case("avaya_call", "Avaya", "POST Calls (clock frozen)", "write", avaya_call),
    Case("avanser_search", "AVANSER", "GET numbers?country=AU&number_type=MOBILE", "read",
         avanser_search),
    Case("avanser_request", "AVANSER", "POST requests (voicemail service)", "write",
         avanser_request),
    Case("dial9_acquirable", "Dial 9", "acquirable_numbers (prefix 01234)", "read",
         dial9_acquirable, b'"status":"success"'),
    Case("dial9_acquire", "Dial 9", "acquire", "write", dial9_acquire, b'"status":"success"'),
    Case("evovoice_buy", "Evo Voice", "POST endpoints/phone-numbers", "write", evovoice_buy),
]


# -- transports --------------------------------------------------------------------------------

def client_send(client) -> Send:
    """``send`` through a Flask test client."""
    def send(method: str, path: str, headers: dict, body: bytes | None = None):
        response = client.open(path, method=method, headers=headers, data=body)
        return response.status_code, response.get_data(), response.headers.get(
            "Content-Type", "")
    return send


def http_send(port: int) -> Send:
    """``send`` over one persistent HTTP connection to 127.0.0.1:port."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def send(method: str, path: str, headers: dict, body: bytes | None = None):
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read(), response.getheader("Content-Type", "")
    return send


# -- the bare ceiling --------------------------------------------------------------------------

def bare_case_app(captured: dict[str, Any]):
    """A bare Flask app answering every (method, path) in ``captured["routes"]`` with the
    captured status, content type and bytes (reading a request body, as an API must)."""
    from flask import Flask, Response, request

    app = Flask("bare-case")
    body, status, content_type = captured["body"], captured["status"], captured["content_type"]

    def view(**_):
        """The captured answer."""
        request.get_data()
        return Response(body, status=status, content_type=content_type)

    for i, (method, path) in enumerate(sorted(set(map(tuple, captured["routes"])))):
        app.add_url_rule(path, endpoint=f"r{i}", view_func=view, methods=[method])
    app.add_url_rule("/_ready", endpoint="ready", view_func=lambda: "ready")
    return app


def capture(send: Send, request: Request, marker: bytes | None,
            requests: list[Request]) -> dict[str, Any]:
    """Send ``request`` (the first of a case's) to the mock; its answer, and the routes the
    bare app must serve for ``requests``."""
    method, path, headers, body = request
    status, data, content_type = send(method, path, headers, body)
    if not 200 <= status < 300 or (marker is not None and marker not in data):
        raise RuntimeError(f"{method} {path} answered {status}: {data[:300]!r}")
    routes = sorted({(m, p.split("?")[0]) for m, p, _, _ in requests})
    return {"status": status, "content_type": content_type, "body": data, "routes": routes}


# -- in-process --------------------------------------------------------------------------------

def interleaved(calls: dict[str, Callable[[], None]], batches: int, batch_size: int,
                warmup: int) -> dict[str, dict]:
    """Microseconds a call: median (and best, worst) over ``batches`` of the mean of a batch
    of ``batch_size``, the calls' batches interleaved so that the machine's drift hits all."""
    for call in calls.values():
        for _ in range(warmup):
            call()
    means: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(batches):
        for name, call in calls.items():
            started = time.perf_counter_ns()
            for _ in range(batch_size):
                call()
            means[name].append((time.perf_counter_ns() - started) / batch_size / 1000)
    return {name: {"median_us": statistics.median(v), "min_us": min(v), "max_us": max(v),
                   "batches": batches, "batch_size": batch_size} for name, v in means.items()}


def caller(client, requests: list[Request], marker: bytes | None) -> Callable[[], None]:
    """A call making the next of ``requests`` (cycling) on a test client, checked."""
    state = {"i": 0}
    count = len(requests)

    def call() -> None:
        method, path, headers, body = requests[state["i"] % count]
        state["i"] += 1
        response = client.open(path, method=method, headers=headers, data=body)
        if not 200 <= response.status_code < 300 or (
                marker is not None and marker not in response.get_data()):
            raise RuntimeError(f"{method} {path} answered {response.status_code}: "
                               f"{response.get_data()[:300]!r}")
    return call


def run_inprocess(case: Case, batches: int, batch_size: int, warmup: int) -> dict:
    """One case in-process: a fresh mock, its requests prepared, the bare app built from the
    mock's first answer; mock and bare batches interleaved."""
    import mockserver

    mock = mockserver.create_app({}).test_client()
    send = client_send(mock)
    n = 1 + warmup + batches * batch_size
    requests = case.prepare(send, n)
    if case.kind == "write" and len(requests) > 1 and len(requests) < n:
        raise RuntimeError(f"{case.name}: {len(requests)} requests prepared, {n} needed")
    captured = capture(send, requests[0], case.marker, requests)
    rest = requests[1:] if len(requests) > 1 else requests
    bare = bare_case_app(captured).test_client()
    timed = interleaved({"mock": caller(mock, rest, case.marker),
                         "bare": caller(bare, rest, None)}, batches, batch_size, warmup)
    timed["ratio"] = timed["mock"]["median_us"] / timed["bare"]["median_us"]
    timed["best_ratio"] = timed["mock"]["min_us"] / timed["bare"]["min_us"]
    timed.update(provider=case.provider, label=case.label, kind=case.kind,
                 response_bytes=len(captured["body"]))
    return timed
