"""Account routes (seed 004, View Account, Update Account)."""
from __future__ import annotations

from ..accounts import ACCOUNT_PARAMS
from .api import Call, Router

ELEMENT = "Account"


def register(api: Router) -> None:
    """Add the Account routes."""
    backend = api.backend

    @api.route("", ["GET"])
    def view_account(call: Call):
        """GET /Accounts/{AccountSid}."""
        return call.one(backend.view_account(call.account_sid), ELEMENT)

    @api.route("", ["POST"])
    def update_account(call: Call):
        """POST /Accounts/{AccountSid} with FriendlyName."""
        return call.one(backend.update_account(call.account_sid,
                                               call.params(ACCOUNT_PARAMS)), ELEMENT)
