"""The fixtures every Evo Voice tenant shares: accounts, customers (with their parents, for
breadcrumbs), flows, tags, the purchasable numbers, and the users (``users.json``)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ...core.fixtures import Fixtures


@dataclass(frozen=True)
class User:
    """A fixture user: the only users strict mode admits."""

    user_id: str
    user_name: str
    password: str
    display_name: str
    roles: tuple[str, ...]
    api_key: str | None = None
    account_id: str | None = None
    customer_id: str | None = None


@dataclass
class Directory:
    """Accounts, customers, flows and tags by id; the inventory; the users."""

    default_account_id: str
    accounts: dict[str, dict]
    customers: dict[str, dict]
    flows: dict[str, dict]
    tags: dict[str, dict]
    inventory: frozenset[str]
    users: dict[str, User] = field(default_factory=dict)

    @classmethod
    def load(cls, fixtures: Fixtures) -> "Directory":
        """Read ``directory.json``, ``inventory.json`` and ``users.json``."""
        data = fixtures.load("directory.json")
        by_id = {name: {item["id"]: item for item in data.get(name, ())}
                 for name in ("accounts", "customers", "flows", "tags")}
        users = {}
        for entry in fixtures.load("users.json"):
            users[entry["userName"].lower()] = User(
                user_id=str(entry["userId"]), user_name=entry["userName"],
                password=entry["password"],
                display_name=entry.get("displayName") or entry["userName"],
                roles=tuple(entry.get("roles", ())), api_key=entry.get("apiKey"),
                account_id=entry.get("accountId"), customer_id=entry.get("customerId"))
        return cls(default_account_id=data.get("defaultAccountId") or next(
                       iter(by_id["accounts"])),
                   inventory=frozenset(fixtures.load("inventory.json")["numbers"]),
                   users=users, **by_id)

    def user_by_key(self, key: str) -> User | None:
        """The fixture user holding an API key."""
        return next((u for u in self.users.values() if u.api_key == key), None)

    def breadcrumb(self, customer_id: str) -> list[dict]:
        """``[{id, name}]`` from the top-level customer down to ``customer_id``."""
        chain: list[dict] = []
        seen: set[str] = set()
        current: str | None = customer_id
        while current and current in self.customers and current not in seen:
            seen.add(current)
            customer = self.customers[current]
            chain.append({"id": customer["id"], "name": customer["name"]})
            current = customer.get("parentCustomerId")
        return chain[::-1]
