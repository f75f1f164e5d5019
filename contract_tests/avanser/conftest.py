"""The AVANSER Telco API under test (seed 002_c5f96eabcc7f1588.txt)."""
from __future__ import annotations

import base64
import os

import pytest

from ..conftest import Api, make_api, unique_credential

REAL_BASE = "https://tapi-sandbox.avanser.com"


def basic(user: str, password: str) -> dict[str, str]:
    """An ``Authorization: Basic`` header."""
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@pytest.fixture
def credentials(target: str) -> tuple[str, str]:
    """The real user from AVANSER_USER / AVANSER_PASSWORD, else a user of this test's own."""
    if target == "real":
        user, password = os.environ.get("AVANSER_USER"), os.environ.get("AVANSER_PASSWORD")
        if not user or password is None:
            pytest.skip("AVANSER_USER and AVANSER_PASSWORD are not set")
        return user, password
    return unique_credential("avanser-contract"), "secret"


@pytest.fixture
def avanser(target: str, credentials: tuple[str, str]) -> Api:
    """AVANSER Telco API v1 at /v1, authenticated as this test's user."""
    return make_api(target, "avanser", "/v1", REAL_BASE, basic(*credentials))
