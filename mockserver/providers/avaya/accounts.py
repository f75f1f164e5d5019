"""Accounts (seed 004, Authentication, View Account, Update Account): who may call, and the
Account resource. Part of the Avaya backend (a mixin); no Flask here.

Every AccountSid is a tenant. ``fixtures/avaya/accounts.json`` lists accounts with their
AuthToken and anything that differs from the defaults (a ``trial`` account, a
``suspended`` one); any other AccountSid is a full, active account in lenient mode and is
refused in strict mode.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ...core.auth import basic_credentials
from ...core.clock import parse_instant
from ...core.fixtures import Fixtures
from .errors import AvayaError, InvalidCredentials
from .params import Params
from .state import AvayaState
from .wire import rfc2822

#: the subresources every Account lists (``subresource_uris``), by key
SUBRESOURCES = {
    "applications": "Applications", "available_phone_numbers": "AvailablePhoneNumbers",
    "calls": "Calls", "conferences": "Conferences",
    "incoming_phone_numbers": "IncomingPhoneNumbers", "notifications": "Notifications",
    "recordings": "Recordings", "sms_messages": "SMS/Messages", "mms_messages": "MMS/Messages",
    "transcriptions": "Transcriptions", "usages": "Usages", "fraud": "Fraud",
}
ACCOUNT_PARAMS = ("FriendlyName",)
MAX_FRIENDLY_NAME = 64


@dataclass(frozen=True)
class KnownAccount:
    """An account from the fixtures: its token and its Account fields."""

    sid: str
    auth_token: str
    fields: dict


class Directory:
    """The accounts the fixtures name, and the defaults of every other account."""

    def __init__(self, fixtures: Fixtures) -> None:
        raw = fixtures.load("accounts.json")
        self.defaults: dict = dict(raw["defaults"])
        self.accounts = {entry["sid"]: KnownAccount(
            entry["sid"], entry["auth_token"],
            {k: v for k, v in entry.items() if k not in ("sid", "auth_token")})
            for entry in raw["accounts"]}

    def account_fields(self, sid: str, now: datetime) -> dict:
        """A new tenant's Account fields, in the seed's order (without ``uri``)."""
        known = self.accounts.get(sid)
        given = dict(self.defaults, **(known.fields if known else {}))
        created = parse_instant(given["date_created"]) if "date_created" in given else now
        return {"sid": sid,
                "friendly_name": given.get("friendly_name") or f"{sid.lower()}@example.com",
                "status": given["status"], "account_balance": given["account_balance"],
                "date_created": rfc2822(created), "date_updated": rfc2822(created),
                "max_outbound_limit": given["max_outbound_limit"], "type": given["type"],
                "time_zone": given["time_zone"]}


def account_path(sid: str) -> str:
    """``/v2/Accounts/{AccountSid}``: the root every resource's ``uri`` starts from."""
    return f"/v2/Accounts/{sid}"


class Accounts:
    """Authentication and the Account resource."""

    directory: Directory

    def authenticate(self, header: str | None, path_sid: str) -> str:
        """The AccountSid (tenant) of a request; 10004 (403) for a missing or malformed
        credential, a wrong AuthToken, an account strict mode does not know, or a path
        AccountSid other than the authenticated one."""
        credentials = basic_credentials(header)
        if credentials is None:
            raise InvalidCredentials("no Authorization: Basic AccountSid:AuthToken header"
                                     if not header else "malformed Basic credentials")
        sid, token = credentials
        known = self.directory.accounts.get(sid)
        if known is not None and token != known.auth_token:
            raise InvalidCredentials("wrong AuthToken for this AccountSid")
        if not self.policy.admits(sid):
            raise InvalidCredentials("unknown AccountSid")
        if path_sid != sid:
            raise InvalidCredentials("the path's AccountSid is not the authenticated one")
        return sid

    def require_active(self, state: AvayaState) -> None:
        """20005 (403) unless the account is active."""
        if state.account["status"] != "active":
            raise AvayaError(20005, status=403,
                             details=f"the account is {state.account['status']}")

    def require_full(self, state: AvayaState, code: int) -> None:
        """``code`` (403) when the account is a trial account."""
        if state.account["type"] == "trial":
            raise AvayaError(code, status=403, details="the account is a trial account")

    def view_account(self, sid: str) -> dict:
        """View Account."""
        with self.locked(sid) as state:
            return self.present_account(state)

    def update_account(self, sid: str, params: Params) -> dict:
        """Update Account: ``FriendlyName`` (20002 when blank or longer than 64)."""
        with self.locked(sid) as state:
            self.require_active(state)
            name = params.text("FriendlyName")
            if name is not None:
                if not name or len(name) > MAX_FRIENDLY_NAME:
                    raise AvayaError(20002, details="FriendlyName must be 1 to "
                                                    f"{MAX_FRIENDLY_NAME} characters")
                state.account["friendly_name"] = name
                state.account["date_updated"] = rfc2822(self.clock.now())
            return self.present_account(state)

    def present_account(self, state: AvayaState) -> dict:
        """The Account resource: its fields, ``uri`` and ``subresource_uris``."""
        account = dict(state.account)
        root = account_path(account["sid"])
        out = {}
        for key, value in account.items():
            out[key] = value
            if key == "date_updated":
                out["uri"] = root
        out["subresource_uris"] = {key: f"{root}/{path}" for key, path in SUBRESOURCES.items()}
        return out

    def debit(self, state: AvayaState, cost: Decimal) -> None:
        """Take ``cost`` from the account balance (kept as a string of 4 decimals)."""
        balance = Decimal(state.account["account_balance"]) - cost
        state.account["account_balance"] = f"{balance:.4f}"
