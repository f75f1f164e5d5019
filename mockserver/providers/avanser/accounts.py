"""Accounts (seed 002, Accounts): list the accounts a user reaches, switch the selected one,
and the selected account's billing resources. Part of the AVANSER backend (a mixin); no
Flask here."""
from __future__ import annotations

from ...core.state import Tenant
from .directory import PURPOSES, RESOURCES, Directory
from .errors import InvalidParameters
from .state import AvanserState

SUCCESS = {"message": "Success", "code": 200}


class Accounts:
    """The account operations of the AVANSER backend."""

    directory: Directory

    def list_accounts(self, tenant: Tenant[AvanserState],
                      purpose: str | None) -> tuple[int | None, list[dict]]:
        """``GET /accounts?type=``: the reachable accounts usable for ``purpose`` (default
        ``configuration``)."""
        purpose = (purpose or "configuration").strip().lower()
        if purpose not in PURPOSES:
            raise InvalidParameters({"type": "invalid type"})
        with tenant.lock:
            state = tenant.state
            accounts = [self.directory.accounts[a] for a in self.directory.reachable(state.user)]
            return state.selected, [a.listed() for a in accounts if purpose in a.purposes]

    def switch_account(self, tenant: Tenant[AvanserState],
                       account_id: str | None) -> tuple[int | None, dict]:
        """``POST /accounts?account-id=``: select another reachable account."""
        raw = (account_id or "").strip()
        if not raw:
            raise InvalidParameters({"account-id": "required"})
        with tenant.lock:
            state = tenant.state
            if not raw.isdigit() or int(raw) not in self.directory.reachable(state.user):
                raise InvalidParameters({"account-id": "invalid account"})
            state.selected = int(raw)
            return state.selected, dict(SUCCESS)

    def account_resource(self, tenant: Tenant[AvanserState],
                         resource: str) -> tuple[int | None, list]:
        """``GET /accounts/<resource>`` of the selected account (details, packages,
        number_rates, call_rates, transcription_rates, features)."""
        assert resource in RESOURCES
        with tenant.lock:
            selected = tenant.state.selected
        return selected, self.directory.accounts[selected].resources[resource]
