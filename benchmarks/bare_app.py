"""The ceiling for this stack: a bare Flask app that answers the benchmarked AVOXI requests
with the very bytes and content type the mock returns, and does nothing else.

The responses are captured once from the mock, in-process, before the app is built
(:func:`capture_responses`); :func:`build_app` then makes a Flask app that imports nothing
from ``mockserver`` and only hands back the captured bytes. Served by :func:`main` on the
same waitress server, with the same options, as ``mockserver serve``::

    .venv/bin/python benchmarks/bare_app.py --port 8081 [--threads 8] [--captured FILE]

``--captured FILE`` reads responses saved by ``--save FILE`` (or by ``benchmarks/run.py``),
so that starting the bare app does not import the mock at all: that is what its cold start
is measured with.
"""
from __future__ import annotations

import argparse
import base64
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from typing import Any

API = "/avoxi/api/v2"
TOKEN = "bench-capture"
COUNTRIES = f"{API}/countries"
INVENTORY = f"{API}/inventory/US"
INVENTORY_QUERY = "limit=50"
ORDER = f"{API}/order"
ORDER_BODY = {"items": [{"country": "US", "number_type": "DID",
                         "region": "US GA Atlanta 470", "quantity": 1}]}

#: name -> (method, path, query string, JSON body or None) of each captured request
REQUESTS: dict[str, tuple[str, str, str, Any]] = {
    "countries": ("GET", COUNTRIES, "", None),
    "inventory": ("GET", INVENTORY, INVENTORY_QUERY, None),
    "order": ("POST", ORDER, "", ORDER_BODY),
}


def capture_responses(config: dict | None = None) -> dict[str, dict[str, Any]]:
    """Ask a fresh mock, in-process, each request of :data:`REQUESTS` once; return
    ``{name: {"status", "content_type", "body"}}`` with the body as bytes."""
    import mockserver  # only here: the bare app never touches the mock at request time

    client = mockserver.create_app(config or {}).test_client()
    headers = {"Authorization": f"Bearer {TOKEN}"}
    captured = {}
    for name, (method, path, query, body) in REQUESTS.items():
        response = client.open(path, method=method, query_string=query or None, json=body,
                               headers=headers)
        if response.status_code != 200:
            raise RuntimeError(f"mock answered {response.status_code} to {method} {path}: "
                               f"{response.get_data(as_text=True)[:300]}")
        captured[name] = {"status": response.status_code,
                          "content_type": response.headers["Content-Type"],
                          "body": response.get_data()}
    return captured


def save_captured(captured: dict[str, dict[str, Any]], path: str | Path) -> None:
    """Write captured responses to a JSON file, bodies base64-encoded (byte-exact)."""
    data = {name: {**entry, "body": base64.b64encode(entry["body"]).decode("ascii")}
            for name, entry in captured.items()}
    Path(path).write_text(json.dumps(data, indent=1), encoding="utf-8")


def load_captured(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read responses written by :func:`save_captured`."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {name: {**entry, "body": base64.b64decode(entry["body"])}
            for name, entry in data.items()}


def build_app(captured: dict[str, dict[str, Any]]):
    """A bare Flask app answering the three benchmarked routes with captured responses.

    Each view builds a plain ``Response`` from constant bytes; the POST view reads the
    request body (as any JSON endpoint must) but does not parse it.
    """
    from flask import Flask, Response, request

    app = Flask("bare")
    countries, inventory, order = (captured["countries"], captured["inventory"],
                                   captured["order"])

    @app.get(COUNTRIES)
    def get_countries():
        """The captured countries list."""
        return Response(countries["body"], status=200, content_type=countries["content_type"])

    @app.get(INVENTORY)
    def get_inventory():
        """The captured first inventory page."""
        return Response(inventory["body"], status=200, content_type=inventory["content_type"])

    @app.post(ORDER)
    def post_order():
        """The captured order answer, whatever was ordered."""
        request.get_data()
        return Response(order["body"], status=200, content_type=order["content_type"])

    return app


def parser() -> argparse.ArgumentParser:
    """The command line."""
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--host", default="127.0.0.1")
    cli.add_argument("--port", type=int, default=8081)
    cli.add_argument("--threads", type=int, default=8, help="WSGI worker threads")
    cli.add_argument("--captured", metavar="FILE", help="responses saved earlier (else they "
                     "are captured from the mock in-process now)")
    cli.add_argument("--save", metavar="FILE", help="capture the responses into FILE and exit")
    cli.add_argument("--case", metavar="FILE", help="serve one case of cases.py instead: the "
                     "answer and routes captured into FILE by run.py's cases_http section")
    return cli


def main(argv: list[str] | None = None) -> int:
    """Serve the bare app with waitress (configured as ``mockserver serve`` configures it)
    until SIGINT or SIGTERM; or, with ``--save``, only capture the responses."""
    args = parser().parse_args(argv)
    if args.save:
        save_captured(capture_responses(), args.save)
        return 0
    if args.case:
        from cases import bare_case_app

        case = json.loads(Path(args.case).read_text(encoding="utf-8"))
        app = bare_case_app({**case, "body": base64.b64decode(case["body"])})
    else:
        app = build_app(load_captured(args.captured) if args.captured else capture_responses())
    from mockserver.core.wsgi import make_server, serve_until_signalled

    server = make_server(app, args.host, args.port, args.threads)
    print(f"bare app listening on http://{args.host}:{server.effective_port}", flush=True)
    serve_until_signalled(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
