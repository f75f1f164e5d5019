"""Users and the accounts they reach (``fixtures/avanser/users.json`` and
``accounts.json``): reference data shared by every tenant, never copied into one.

A user is a tenant. A fixture user reaches the accounts it lists; in lenient mode any other
Basic user reaches every fixture account. The first account a user reaches is selected
until it switches (seed 002: "Users can be configured to have access to multiple AVANSER
accounts").
"""
from __future__ import annotations

from dataclasses import dataclass

from ...core.fixtures import Fixtures

#: the two purposes ``GET /accounts?type=`` lists accounts for (the seed's enum)
PURPOSES = ("configuration", "billing")
#: the billing resources of an account, as ``GET /accounts/<name>`` serves them
RESOURCES = ("details", "packages", "number_rates", "call_rates", "transcription_rates",
             "features")


@dataclass(frozen=True)
class Account:
    """One AVANSER account: its id, friendly name, purposes and billing resources."""

    id: int
    name: str
    purposes: tuple[str, ...]
    resources: dict

    def listed(self) -> dict:
        """The documented Accounts element."""
        return {"account-id": self.id, "account": self.name}


@dataclass(frozen=True)
class User:
    """A fixture user: its password (strict mode and known users) and its accounts."""

    name: str
    password: str
    accounts: tuple[int, ...]


class Directory:
    """Every fixture account and user."""

    def __init__(self, fixtures: Fixtures) -> None:
        self.accounts: dict[int, Account] = {}
        for raw in fixtures.load("accounts.json"):
            details = raw["details"]
            resources = {name: raw.get(name, []) for name in RESOURCES}
            resources["details"] = [details] if isinstance(details, dict) else details
            self.accounts[int(raw["account-id"])] = Account(
                int(raw["account-id"]), raw["account"], tuple(raw["purposes"]), resources)
        self.users = {u["username"]: User(u["username"], u["password"],
                                          tuple(int(a) for a in u["accounts"]))
                      for u in fixtures.load("users.json")}
        unknown = {a for u in self.users.values() for a in u.accounts} - set(self.accounts)
        if unknown:
            raise ValueError(f"avanser users.json names unknown accounts {sorted(unknown)}")

    def reachable(self, user: str) -> tuple[int, ...]:
        """The ids of the accounts a user reaches, in fixture order."""
        known = self.users.get(user)
        return known.accounts if known is not None else tuple(self.accounts)

    def default_account(self, user: str) -> int:
        """The account selected for a user that has not switched."""
        return self.reachable(user)[0]
