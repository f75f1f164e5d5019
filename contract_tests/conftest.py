"""Contract tests: only the providers' documented APIs, never the control API.

The same tests run against:
- the in-process app (default): one app for the run (per xdist worker), as a running
  server is one server for every test;
- a running mock server: ``--target http://127.0.0.1:8080`` or MOCKSERVER_TARGET;
- a provider's real service: ``--target real`` with the provider's credentials in the
  environment (AVOXI_TOKEN for AVOXI); tests marked ``orders`` spend money there and are
  skipped unless ``--allow-orders`` is given.

On every target each test uses credentials of its own, so each is its own tenant and tests
never see each other's changes.
"""
from __future__ import annotations

import json as jsonlib
import os
import time
import uuid
from dataclasses import dataclass
from typing import Any

import pytest


def pytest_addoption(parser):
    group = parser.getgroup("contract", "contract tests")
    group.addoption("--target", default=os.environ.get("MOCKSERVER_TARGET", ""),
                    help="'' (in-process), a mock server's root URL, or 'real'")
    group.addoption("--allow-orders", action="store_true",
                    help="against 'real', also run tests that buy numbers")


def pytest_configure(config):
    config.addinivalue_line("markers", "orders: buys numbers (skipped against a real "
                                       "provider unless --allow-orders)")


@dataclass
class Reply:
    """What a test sees of a response, whichever transport carried it."""

    status_code: int
    headers: Any
    text: str

    def json(self) -> Any:
        """The body parsed as JSON."""
        return jsonlib.loads(self.text)


class Api:
    """A provider's documented API at one base URL, with one set of default headers."""

    def __init__(self, base: str, headers: dict[str, str], *, client=None, session=None,
                 mock_root: str | None = None):
        self.base = base.rstrip("/")
        self.headers = headers
        self._client = client
        self._session = session
        self._mock_root = mock_root

    def elapse(self, seconds: float) -> None:
        """Let ``seconds`` pass for the service: a mock's clock is moved on (its due
        asynchronous steps happen at once, no waiting); the real service is waited for."""
        if self._client is not None:
            from mockserver.app import services_of
            services_of(self._client.application).scheduler.advance(seconds)
        elif self._mock_root is not None:
            self._session.post(f"{self._mock_root}/_mock/clock", json={"advance": seconds},
                               timeout=30).raise_for_status()
        else:
            time.sleep(seconds)

    def request(self, method: str, path: str, *, headers: dict[str, str] | None = None,
                replace_headers: bool = False, **kwargs: Any) -> Reply:
        """Send a request; ``headers`` add to (or, with replace_headers, replace) defaults."""
        merged = dict(headers or {}) if replace_headers else {**self.headers, **(headers or {})}
        url = self.base + path
        if self._client is not None:
            if "params" in kwargs:
                kwargs["query_string"] = kwargs.pop("params")
            if "data" in kwargs and isinstance(kwargs["data"], (bytes, str)):
                kwargs.setdefault("content_type", merged.pop("Content-Type", None))
            resp = self._client.open(url, method=method, headers=merged, **kwargs)
            return Reply(resp.status_code, resp.headers, resp.get_data(as_text=True))
        resp = self._session.request(method, url, headers=merged, timeout=30, **kwargs)
        return Reply(resp.status_code, resp.headers, resp.text)

    def get(self, path: str, **kwargs: Any) -> Reply:
        """GET ``path``."""
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Reply:
        """POST ``path``."""
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> Reply:
        """PUT ``path``."""
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Reply:
        """DELETE ``path``."""
        return self.request("DELETE", path, **kwargs)


@pytest.fixture
def target(request) -> str:
    """'' for in-process, 'real', or a mock server's root URL."""
    return request.config.getoption("--target")


@pytest.fixture
def is_real(target: str) -> bool:
    """True when the tests talk to a real provider."""
    return target == "real"


@pytest.fixture(autouse=True)
def _orders_guard(request, target):
    if target == "real" and request.node.get_closest_marker("orders") \
            and not request.config.getoption("--allow-orders"):
        pytest.skip("buys numbers on the real service; pass --allow-orders")


def make_api(target: str, slug: str, base_path: str, real_base: str,
             headers: dict[str, str]) -> Api:
    """An Api for a provider on the chosen target."""
    if target == "real":
        import requests
        return Api(real_base + base_path, headers, session=requests.Session())
    if target:
        import requests
        return Api(f"{target.rstrip('/')}/{slug}{base_path}", headers,
                   session=requests.Session(), mock_root=target.rstrip("/"))
    return Api(f"/{slug}{base_path}", headers, client=_shared_app().test_client())


_APP: list = []


def _shared_app():
    """The in-process target: one app for the run (per xdist worker), as a running mock
    server is one server for every test; each test's credentials are a tenant of its own,
    so tests never see each other's changes."""
    if not _APP:
        from mockserver import create_app
        _APP.append(create_app())
    return _APP[0]


def unique_credential(prefix: str) -> str:
    """A credential no other test uses: a tenant of its own."""
    return f"{prefix}-{uuid.uuid4().hex}"


def credential(target: str, env_var: str, prefix: str) -> str:
    """The real credential from ``env_var`` against 'real' (skipping when unset), else a
    credential of this test's own."""
    if target == "real":
        real = os.environ.get(env_var)
        if not real:
            pytest.skip(f"{env_var} is not set")
        return real
    return unique_credential(prefix)
