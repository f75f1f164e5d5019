"""The Avaya Communications APIs under test (seed 004_0bee4f3fb019fb3f.txt).

In-process and against a URL every test is an account of its own (a fresh AccountSid, so a
tenant of its own). Against ``--target real`` the account is AVAYA_ACCOUNT_SID /
AVAYA_AUTH_TOKEN; tests marked ``orders`` (they buy numbers or send messages) run there
only with ``--allow-orders``.
"""
from __future__ import annotations

import base64
import os
import uuid

import pytest

from ..conftest import Api, make_api

REAL_BASE = "https://api.zang.io"
#: fixture accounts (fixtures/avaya/accounts.json) the mock-only tests use
TRIAL = ("ACa0000000000000000000000000000001", "trial-token")
SUSPENDED = ("ACa0000000000000000000000000000002", "suspended-token")


def basic(sid: str, token: str) -> dict[str, str]:
    """An ``Authorization: Basic AccountSid:AuthToken`` header."""
    encoded = base64.b64encode(f"{sid}:{token}".encode()).decode()
    return {"Authorization": f"Basic {encoded}"}


def new_account_sid() -> str:
    """An AccountSid no other test uses: ``AC`` and 32 hex digits."""
    return "AC" + uuid.uuid4().hex


@pytest.fixture
def account(target: str) -> tuple[str, str]:
    """``(AccountSid, AuthToken)``: the real account's, else a new account of this test's."""
    if target == "real":
        sid, token = os.environ.get("AVAYA_ACCOUNT_SID"), os.environ.get("AVAYA_AUTH_TOKEN")
        if not sid or not token:
            pytest.skip("AVAYA_ACCOUNT_SID and AVAYA_AUTH_TOKEN are not set")
        return sid, token
    return new_account_sid(), "secret-token"


def account_api(target: str, sid: str, token: str) -> Api:
    """The API of one account, rooted at ``/v2/Accounts/{AccountSid}``."""
    return make_api(target, "avaya", f"/v2/Accounts/{sid}", REAL_BASE, basic(sid, token))


@pytest.fixture
def avaya(target: str, account: tuple[str, str]) -> Api:
    """The test's account at ``/v2/Accounts/{AccountSid}``: ``avaya.get(".json")`` views
    the Account, ``avaya.get("/IncomingPhoneNumbers.json")`` lists its numbers."""
    return account_api(target, *account)


@pytest.fixture
def mock_only(target: str) -> None:
    """Skip against the real service: the test needs the mock's fixture accounts."""
    if target == "real":
        pytest.skip("needs the mock's fixture accounts")
