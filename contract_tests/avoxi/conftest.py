"""The AVOXI API under test (seed 000_7fc162f5edaff4d5.txt)."""
from __future__ import annotations

import pytest

from ..conftest import Api, credential, make_api

REAL_BASE = "https://genius.avoxi.com"


@pytest.fixture
def token(target: str) -> str:
    """The bearer token: the real one from AVOXI_TOKEN, else a tenant of this test's own."""
    return credential(target, "AVOXI_TOKEN", "avoxi-contract")


@pytest.fixture
def avoxi(target: str, token: str) -> Api:
    """AVOXI Genius v2 at /api/v2, authenticated as this test's tenant."""
    return make_api(target, "avoxi", "/api/v2", REAL_BASE, {"Authorization": f"Bearer {token}"})
