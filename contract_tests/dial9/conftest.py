"""The Dial 9 Connect numbers API under test (seed 003_ab1ee9f69e41c417.txt)."""
from __future__ import annotations

import pytest

from ..conftest import Api, credential, make_api

REAL_BASE = "https://connectapi.dial9.co.uk"


@pytest.fixture
def token(target: str) -> str:
    """The X-Auth-Token: the real one from DIAL9_TOKEN, else a unit of this test's own."""
    return credential(target, "DIAL9_TOKEN", "dial9-contract")


@pytest.fixture
def dial9(target: str, token: str) -> Api:
    """The numbers controller at /api/v2/numbers, authenticated as this test's unit."""
    return make_api(target, "dial9", "/api/v2/numbers", REAL_BASE, {"X-Auth-Token": token})


@pytest.fixture
def seeded(is_real: bool) -> None:
    """Skip against the real service: the test relies on the mock's seeded unit."""
    if is_real:
        pytest.skip("relies on the mock's seeded numbers and destinations")
