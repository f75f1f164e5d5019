"""The in-process Avaya mock as the mock-only tests drive it: one account of an app built
by ``create_app`` (its test client and services), the mock clock frozen at a given start,
and the requests every such test makes (the documented API under the account's root with
its Basic credentials, the control API under ``/_mock``).

The test modules (test_avaya_calls, test_avaya_recordings, test_avaya_inboundxml,
test_avaya_conferences, test_avaya_messages) subclass :class:`AvayaMock` with their own
conveniences. ``tests/`` is not a package: pytest's default (``prepend``) import mode puts
this folder on ``sys.path``, so they import it as ``from avaya_mock import AvayaMock``.
"""
from __future__ import annotations

import base64
import socket
from datetime import datetime, timezone
from urllib.parse import parse_qs, urlsplit

from mockserver import create_app
from mockserver.app import services_of


def account_root(sid: str) -> str:
    """The documented API's root for account ``sid``: ``/avaya/v2/Accounts/{sid}``."""
    return f"/avaya/v2/Accounts/{sid}"


def basic_auth(sid: str, token: str = "token") -> dict[str, str]:
    """An ``Authorization: Basic AccountSid:AuthToken`` header."""
    return {"Authorization": "Basic " + base64.b64encode(f"{sid}:{token}".encode()).decode()}


def closed_port() -> int:
    """A local TCP port nothing listens on (bound for a moment, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _utc(stamp: str) -> datetime:
    """An ISO 8601 time (``Z`` allowed) as an aware datetime, UTC if it names no zone."""
    when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


class AvayaMock:
    """A fresh app (``create_app(config)``) with its clock frozen at ``start``, driven as
    account ``sid``: ``app``, ``client`` and ``services``, the account's ``root`` and
    ``auth`` header, and the requests the tests make."""

    def __init__(self, sid: str, start: str, config: dict | None = None) -> None:
        self.app = create_app(config)
        self.client = self.app.test_client()
        self.services = services_of(self.app)
        self.sid = sid
        self.root = account_root(sid)
        self.auth = basic_auth(sid)
        self.epoch = _utc(start)
        self.control("/_mock/clock", expect=200, freeze=start)

    # -- the control API (/_mock) and the clock -------------------------------------------------

    def control(self, path: str, *, method: str = "POST",
                expect: int | tuple[int, ...] = (200, 201), **body) -> dict:
        """A control-API request (``body`` as JSON) answered with ``expect`` (a status or
        statuses); its JSON."""
        reply = self.client.open(path, method=method, json=body or None)
        statuses = (expect,) if isinstance(expect, int) else expect
        assert reply.status_code in statuses, reply.get_data(as_text=True)
        return reply.json

    def advance(self, seconds: float) -> None:
        """Move the mock clock on by ``seconds``, running what falls due."""
        self.control("/_mock/clock", expect=200, advance=seconds)

    def settle(self) -> None:
        """Wait (up to 10 s) until the mock has finished its outbound requests."""
        assert self.services.webhooks.wait_idle(10)

    def deliveries(self, kind: str) -> list[dict]:
        """The mock's outbound requests of one kind (``ixml-fetch``, ``call-callback``...),
        oldest first, as far as they have gone: each with ``path``, ``method``, ``at``
        (seconds of mock time since the start) and ``fields`` (form body and query)."""
        found = []
        for attempt in self.services.webhooks.attempts("avaya", self.sid):
            if attempt["kind"] != kind:
                continue
            fields = {k: v[0] for k, v in
                      parse_qs(attempt["body"] or "", keep_blank_values=True).items()}
            fields.update(attempt["params"] or {})
            found.append({"path": urlsplit(attempt["url"]).path, "method": attempt["method"],
                          "at": (_utc(attempt["time"]) - self.epoch).total_seconds(),
                          "fields": fields})
        return found

    # -- the documented API -------------------------------------------------------------------

    def send(self, method: str, path: str, **data):
        """A request to ``path`` under the account's root with its credentials (``data`` as
        the form); the reply, whatever it is."""
        return self.client.open(f"{self.root}{path}", method=method, data=data or None,
                                headers=self.auth)

    def post(self, path: str, **data) -> dict:
        """POST the form ``data`` to ``path``; it must succeed (200): its JSON."""
        reply = self.send("POST", path, **data)
        assert reply.status_code == 200, reply.get_data(as_text=True)
        return reply.json

    def get(self, path: str, **params):
        """GET ``path`` with the query ``params``; it must succeed (200): its JSON, or its
        text when it is not JSON (XML, CSV)."""
        reply = self.client.get(f"{self.root}{path}", query_string=params, headers=self.auth)
        assert reply.status_code == 200, reply.get_data(as_text=True)
        return reply.json if reply.is_json else reply.get_data(as_text=True)

    def refusal(self, method: str, path: str, **data) -> tuple[int, int | None]:
        """Send a request expected to be refused: ``(HTTP status, error code)``, the code
        ``None`` when the reply carries none."""
        reply = self.send(method, path, **data)
        body = reply.json if reply.is_json else None
        return reply.status_code, body.get("code") if isinstance(body, dict) else None

    def usage(self, product_id: int) -> list[dict]:
        """The account's Usages of one product."""
        return [u for u in self.get("/Usages.json")["usages"] if u["product_id"] == product_id]
