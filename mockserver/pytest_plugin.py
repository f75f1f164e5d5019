"""pytest fixtures for users of the mock (registered through the ``pytest11`` entry point).

- ``mock_app``: a fresh in-process app per test; override ``mock_config`` to configure it.
- ``mock_client``: Flask's test client for ``mock_app`` (no network).
- ``mock_clock``: the mock clock of ``mock_app``: freeze, advance (running due events).
- ``mock_server``: a live HTTP server on a free port, reset before each test: one per
  session, or one per test whose ``mock_config`` is not empty.
- ``mock_journal``: what the mock received (``.requests``, ``.count``, ``.unmatched``,
  ``.assert_called``), and ``mock_webhooks``: what its webhooks sent (``.deliveries``,
  ``.wait``); both read the live server when the test uses ``mock_server``, else
  ``mock_app``.
- ``mock_intercept``: ``requests`` (and ``httpx``) calls to the providers' real hostnames
  go to ``mock_app``; every other host is left alone.
"""
from __future__ import annotations

import threading
from typing import Any, Iterator

import pytest

from .verification import ControlClient, MockJournal, MockWebhooks


class ClockControl:
    """The mock clock of an app, as a test drives it."""

    def __init__(self, app: Any) -> None:
        from .app import services_of
        self._services = services_of(app)

    def now(self):
        """The current mock time (naive UTC datetime)."""
        return self._services.clock.now()

    def freeze(self, at: Any = None) -> None:
        """Stop the clock at ``at`` (ISO-8601 string or datetime; default: now)."""
        self._services.clock.freeze(at)

    def run_free(self) -> None:
        """Let the clock follow real time again."""
        self._services.clock.run_free()

    def advance(self, seconds: float) -> int:
        """Move the clock on, running every event that falls due; return how many ran."""
        return self._services.scheduler.advance(seconds)


class LiveServer:
    """A mock server on a free loopback port, served by waitress in a background thread."""

    def __init__(self, config: dict | None = None) -> None:
        from .app import create_app
        from .core.wsgi import make_server
        self.app = create_app(config)
        self._server = make_server(self.app, "127.0.0.1", 0, 8)
        self.port = self._server.effective_port
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.run, name="mockserver",
                                        daemon=True)
        self._thread.start()

    def url_for(self, slug: str) -> str:
        """The base URL of a provider's mount, e.g. ``url_for("avoxi") + "/api/v2"``."""
        return f"{self.url}/{slug}"

    def reset(self) -> None:
        """Everything back to its seed: state, scheduled events, journal, clock."""
        self.app.test_client().post("/_mock/reset")

    @property
    def clock(self) -> ClockControl:
        """The server's mock clock."""
        return ClockControl(self.app)

    @property
    def journal(self) -> MockJournal:
        """What the server received."""
        return MockJournal(ControlClient(url=self.url))

    @property
    def webhooks(self) -> MockWebhooks:
        """What the server's webhooks sent."""
        return MockWebhooks(ControlClient(url=self.url))

    def stop(self) -> None:
        """Close the listening socket and stop the thread."""
        self._server.close()
        self._thread.join(timeout=5)


@pytest.fixture
def mock_config() -> dict:
    """Config for ``mock_app`` and ``mock_server``; override this fixture to change seed,
    auth mode, fixtures (the keys: the README, ``mockserver.config``; an unknown key or a
    value of the wrong type is a ValueError)."""
    return {}


@pytest.fixture
def mock_app(mock_config: dict):
    """A fresh mock server app, in-process, for one test."""
    from .app import create_app
    return create_app(mock_config)


@pytest.fixture
def mock_client(mock_app):
    """Flask's test client over ``mock_app``."""
    return mock_app.test_client()


@pytest.fixture
def mock_clock(mock_app) -> ClockControl:
    """The mock clock of ``mock_app``."""
    return ClockControl(mock_app)


@pytest.fixture(scope="session")
def mock_server_session() -> Iterator[LiveServer]:
    """One live server for the whole session (use ``mock_server`` in tests)."""
    server = LiveServer()
    yield server
    server.stop()


@pytest.fixture
def mock_server(request: pytest.FixtureRequest, mock_config: dict) -> Iterator[LiveServer]:
    """A live server for this test, configured by ``mock_config``: the session's server,
    reset to its seed, when ``mock_config`` is empty; else one of its own, stopped after
    the test."""
    if not mock_config:
        server = request.getfixturevalue("mock_server_session")
        server.reset()
        yield server
        return
    server = LiveServer(mock_config)
    try:
        yield server
    finally:
        server.stop()


def _control(request: pytest.FixtureRequest) -> ControlClient:
    """The control API of the mock this test uses: the live server, else ``mock_app``."""
    if "mock_server" in request.fixturenames:
        return ControlClient(url=request.getfixturevalue("mock_server").url)
    return ControlClient(app=request.getfixturevalue("mock_app"))


@pytest.fixture
def mock_journal(request: pytest.FixtureRequest) -> MockJournal:
    """What the test's mock received: ``requests``, ``count``, ``unmatched``,
    ``assert_called(method, path, times=None, **filters)``."""
    return MockJournal(_control(request))


@pytest.fixture
def mock_webhooks(request: pytest.FixtureRequest) -> MockWebhooks:
    """What the test's mock's webhooks sent: ``deliveries(**filters)``,
    ``wait(count, timeout, **filters)``."""
    return MockWebhooks(_control(request))


@pytest.fixture
def mock_intercept(mock_app):
    """``requests`` (and ``httpx``) calls for the providers' real hostnames
    (``https://api.zang.io/v2``, ``https://genius.avoxi.com/api/v2``, ...) go to
    ``mock_app`` for this test; every other host goes to the network untouched. Yields
    ``mockserver.interception.Interception`` (``.app``, ``.client``, ``.journal``)."""
    from .interception import intercept
    with intercept(mock_app) as interception:
        yield interception
