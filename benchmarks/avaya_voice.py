"""Avaya voice paths, in-process: what a test suite driving calls pays per request and per
call (issue 9). Medians of repeated runs through Flask's test client, with an InboundXML
application served by a local HTTP server, the mock clock frozen and advanced.

    .venv/bin/python benchmarks/avaya_voice.py [--calls 200] [--repeat 5]

Prints one line per measure; benchmarks/README.md keeps the figures and the machine.
"""
from __future__ import annotations

import argparse
import base64
import statistics
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from mockserver import create_app

SID = "AC" + "b" * 32
AUTH = {"Authorization": "Basic " + base64.b64encode(f"{SID}:t".encode()).decode()}
ROOT = f"/avaya/v2/Accounts/{SID}"
DOCUMENTS = {
    "/ivr": b'<Response><Gather action="/menu" numDigits="1"><Say>Press one</Say></Gather>'
            b'</Response>',
    "/menu": b"<Response><Say>Thanks</Say><Hangup/></Response>",
}


class Application(BaseHTTPRequestHandler):
    """A minimal InboundXML application: a menu and its answer."""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = DOCUMENTS.get(self.path.split("?")[0], b"<Response/>")
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        """Quiet."""


def timed(action, repeat: int) -> float:
    """Median seconds of ``action()`` over ``repeat`` runs."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Application)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/ivr"

    def session() -> tuple:
        client = create_app().test_client()
        client.post("/_mock/clock", json={"freeze": "2030-01-01T00:00:00Z"})
        client.post("/_mock/avaya/callees", json={"account_sid": SID, "to": "+14155552671",
                                                  "digits": ["1"] * args.calls})
        return client

    client = session()
    make = timed(lambda: [client.post(f"{ROOT}/Calls.json", headers=AUTH, data={
        "To": "+14155552671", "From": "+14155550100", "Url": url})
        for _ in range(args.calls)], 1) / args.calls
    run = timed(lambda: client.post("/_mock/clock", json={"advance": 120}), 1)
    listing = timed(lambda: client.get(f"{ROOT}/Calls.json", headers=AUTH), args.repeat)
    filtered = timed(lambda: client.get(f"{ROOT}/Calls.json?Status=completed&PageSize=50",
                                        headers=AUTH), args.repeat)
    view = timed(lambda: client.get(f"{ROOT}/Calls.json?PageSize=1", headers=AUTH),
                 args.repeat)
    print(f"Make Call (POST /Calls.json): {make * 1e3:.2f} ms a request")
    print(f"{args.calls} calls, each an IVR run to the end (2 documents, 4 elements): "
          f"{run:.2f} s, {run / args.calls * 1e3:.1f} ms a call")
    print(f"List Calls over {args.calls} calls, page of 50: {listing * 1e3:.2f} ms; "
          f"filtered by Status: {filtered * 1e3:.2f} ms; page of 1: {view * 1e3:.2f} ms")
    server.shutdown()


if __name__ == "__main__":
    main()
