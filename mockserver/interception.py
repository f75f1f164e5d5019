"""Interception of the providers' real hostnames, in-process (what moto's decorators do
for AWS).

``with mockserver.intercept() as mock:`` sends every ``requests`` call whose host is one
of a provider's real hostnames (``api.zang.io``, ``genius.avoxi.com``, ... over http or
https, any port) to an in-process app, through its WSGI callable with the request's own
Host, so the front door's host routing serves the provider's documented paths; every
other host goes to the network untouched. ``httpx`` calls are intercepted the same way
when ``httpx`` and ``respx`` are installed (``pip install 'telco-mockserver[intercept]'``);
without ``httpx`` there is nothing to intercept, and with ``httpx`` but not ``respx`` a
warning says that ``httpx`` calls are not intercepted.

The patching is done by well-kept libraries: ``responses`` for ``requests`` (a callback
per method on a regex of the hostnames, everything else passed through) and ``respx`` for
``httpx`` (a route on the hostnames, a catch-all pass-through after it). The hostnames of
every known provider are intercepted, also those the app does not serve (config
``PROVIDERS``): such a request gets the mock's 404 and shows among the unmatched requests,
and never reaches production by accident.

A fault that drops the connection (``fault=connection_reset`` / ``empty_response``) reaches
the client as its library's connection error, as it would over the network.
"""
from __future__ import annotations

import re
import warnings
from contextlib import ExitStack, contextmanager
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit

#: the methods routed to the app (``responses`` matches one method per registration);
#: another method to a provider's hostname is refused by ``responses``, never sent out
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
#: request headers the WSGI environ builds itself from the URL and the body
_HOP_HEADERS = {"host", "content-length", "transfer-encoding", "connection"}


class Interception:
    """What ``intercept`` yields: the app, a test client over it, the hostnames sent to
    it, whether ``httpx`` is intercepted, and the journal and webhook helpers."""

    def __init__(self, app: Any, hostnames: tuple[str, ...], httpx: bool) -> None:
        self.app = app
        self.client = app.test_client()
        self.hostnames = hostnames
        #: True when ``httpx`` calls are intercepted too (``httpx`` and ``respx`` installed)
        self.httpx = httpx

    @property
    def journal(self):
        """What the app received (``mockserver.verification.MockJournal``)."""
        from .verification import ControlClient, MockJournal
        return MockJournal(ControlClient(app=self.app))

    @property
    def webhooks(self):
        """What the app's webhooks sent (``mockserver.verification.MockWebhooks``)."""
        from .verification import ControlClient, MockWebhooks
        return MockWebhooks(ControlClient(app=self.app))


def provider_hostnames() -> tuple[str, ...]:
    """The real hostnames of every known provider, lower case."""
    from .providers import available
    return tuple(host.lower() for spec in available().values() for host in spec.hostnames)


@contextmanager
def intercept(app: Any = None, config: dict | None = None) -> Iterator[Interception]:
    """Send ``requests`` (and ``httpx``) calls for the providers' real hostnames to ``app``
    (default: a fresh ``create_app(config)``) for the duration of the block; every other
    host goes to the network untouched."""
    if app is not None and config is not None:
        raise ValueError("give an app or a config for a new one, not both")
    if app is None:
        from .app import create_app
        app = create_app(config)
    hosts = provider_hostnames()
    exchange = _Exchange(app)
    with ExitStack() as stack:
        stack.enter_context(_requests_mock(exchange, hosts))
        httpx_on = _httpx_mock(stack, exchange, hosts)
        yield Interception(app, hosts, httpx_on)


class _Exchange:
    """One request through the app's WSGI callable (Flask's test client, no cookies of
    its own: the client's cookies travel in its headers)."""

    def __init__(self, app: Any) -> None:
        self.client = app.test_client(use_cookies=False)

    def __call__(self, method: str, url: str, headers: Iterable[tuple[str, str]],
                 body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        """The app's status, headers and body for a request; a dropped connection
        leaves as the app's ``ConnectionResetError``."""
        parts = urlsplit(url)
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        response = self.client.open(
            parts.path or "/", method=method, base_url=f"{parts.scheme}://{netloc}",
            query_string=parts.query or None, data=body,
            headers=[(k, v) for k, v in headers if k.lower() not in _HOP_HEADERS])
        try:
            return response.status_code, response.headers.to_wsgi_list(), response.get_data()
        finally:
            response.close()


def _host_pattern(hosts: tuple[str, ...]) -> str:
    """A regex of a URL (http or https, optional user info and port) on one of ``hosts``."""
    names = "|".join(re.escape(host) for host in hosts)
    return rf"https?://(?:[^@/?#]*@)?(?:{names})(?::\d+)?(?:[/?#]|$)"


def _requests_mock(exchange: _Exchange, hosts: tuple[str, ...]):
    """A ``responses.RequestsMock``: the hostnames to the app, every other URL through
    (to whatever ``requests`` sent with before, so an outer mock still applies)."""
    import requests
    import responses

    def callback(request: requests.PreparedRequest):
        try:
            return exchange(request.method, request.url, request.headers.items(),
                            _bytes(request.body))
        except ConnectionResetError as dropped:
            raise requests.exceptions.ConnectionError(dropped, request=request) from None

    mock = responses.RequestsMock(assert_all_requests_are_fired=False,
                                  real_adapter_send=requests.adapters.HTTPAdapter.send)
    pattern = _host_pattern(hosts)
    for method in METHODS:
        mock.add(responses.CallbackResponse(method, re.compile(pattern, re.I), callback,
                                            content_type=None))
    mock.add_passthru(re.compile(rf"(?!{pattern})", re.I))
    return mock


def _bytes(body: Any) -> bytes:
    """A ``requests`` body as bytes: it may be bytes, text, a file or an iterable of
    chunks (a streamed upload)."""
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if hasattr(body, "read"):
        return _bytes(body.read())
    return b"".join(chunk.encode("utf-8") if isinstance(chunk, str) else chunk
                    for chunk in body)


def _httpx_mock(stack: ExitStack, exchange: _Exchange, hosts: tuple[str, ...]) -> bool:
    """Route ``httpx`` calls for the hostnames to the app with ``respx`` when both are
    installed; True when it does."""
    try:
        import httpx
    except ImportError:                  # no httpx: nothing to intercept
        return False
    try:
        import respx
    except ImportError:
        warnings.warn("httpx is installed but respx is not: httpx calls to the providers' "
                      "hostnames are NOT intercepted (pip install "
                      "'telco-mockserver[intercept]')", RuntimeWarning, stacklevel=4)
        return False

    def side_effect(request: httpx.Request) -> httpx.Response:
        try:
            status, headers, body = exchange(request.method, str(request.url),
                                             request.headers.multi_items(), request.content)
        except ConnectionResetError as dropped:
            raise httpx.ReadError(str(dropped) or "connection dropped",
                                  request=request) from None
        return httpx.Response(status, headers=headers, content=body)

    router = stack.enter_context(respx.mock(assert_all_called=False,
                                            assert_all_mocked=False))
    router.route(host__in=hosts).mock(side_effect=side_effect)
    router.route().pass_through()
    return True
