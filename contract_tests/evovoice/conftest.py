"""The Evo Voice API under test (seed 001_983e0faaec7e2888.txt): BuyPhoneNumber and
ServiceStack's Authenticate service. Every test is its own tenant: a Basic user nobody
else uses (any user is a Customer in lenient mode)."""
from __future__ import annotations

import pytest

from ..conftest import Api, make_api, unique_credential
from .helpers import basic

REAL_BASE = "https://evovoice.io"


@pytest.fixture(autouse=True)
def _mock_only(target: str) -> None:
    if target == "real":
        pytest.skip("these tests rely on the mock's fixtures (accounts, flows, inventory)")


@pytest.fixture
def user() -> str:
    """A user name of this test's own (its own tenant)."""
    return unique_credential("evo-contract")


@pytest.fixture
def connect(target: str):
    """Clients of one server (in-process: one app for the whole test), each with the
    given default headers and a cookie jar of its own."""
    app = None
    if not target:
        from mockserver import create_app
        app = create_app()

    def _connect(headers: dict[str, str] | None = None) -> Api:
        if app is not None:
            return Api("/evovoice", dict(headers or {}), client=app.test_client())
        return make_api(target, "evovoice", "", REAL_BASE, dict(headers or {}))
    return _connect


@pytest.fixture
def evo(connect, user: str) -> Api:
    """Evo Voice authenticated with HTTP Basic as this test's user."""
    return connect({"Authorization": basic(user, "any-password")})
