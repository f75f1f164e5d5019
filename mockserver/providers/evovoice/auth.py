"""Who is calling: ServiceStack's Basic auth, API keys as Bearer tokens, and credentials
sessions, resolved to a ``Principal`` (the user, its roles and its tenant). No Flask here.

Fixture users (``users.json``) are always themselves and their password is checked in
both auth modes. Any other user name or key is admitted in lenient mode as a user with the
``Customer`` role, its own tenant; strict mode refuses it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from ...core.provider import Services
from .directory import Directory, User
from .errors import InvalidCredentials

SLUG = "evovoice"
#: roles that may call BuyPhoneNumber (seed: "Requires any of the roles")
BUY_ROLES = ("SystemAdministrator", "Manager", "Customer")
LENIENT_ROLES = ("Customer",)


@dataclass(frozen=True)
class Principal:
    """An authenticated user; ``tenant`` names the state it works on."""

    tenant: str
    user_id: str
    user_name: str
    display_name: str
    roles: tuple[str, ...]
    account_id: str | None = None
    customer_id: str | None = None

    def has_any_role(self, roles: tuple[str, ...]) -> bool:
        """True when the user holds one of ``roles``."""
        return any(role in self.roles for role in roles)

    def to_json(self) -> dict:
        """The principal as stored in a session."""
        return {**asdict(self), "roles": list(self.roles)}

    @classmethod
    def from_json(cls, data: dict) -> "Principal":
        """A principal from a stored session."""
        return cls(**{**data, "roles": tuple(data["roles"])})


class Identities:
    """Turns credentials into principals under the app's auth mode."""

    def __init__(self, services: Services, directory: Directory) -> None:
        self.services = services
        self.directory = directory
        # fixture users are checked here directly; the policy decides only for strangers
        self.policy = services.policy([])

    def _of_user(self, user: User) -> Principal:
        return Principal(tenant=user.user_name, user_id=user.user_id, user_name=user.user_name,
                         display_name=user.display_name, roles=user.roles,
                         account_id=user.account_id, customer_id=user.customer_id)

    def _stranger(self, name: str) -> Principal:
        number = int.from_bytes(self.services.digest(SLUG, "user-id", name)[:4], "big")
        return Principal(tenant=name, user_id=str(1000 + number % 9_000_000), user_name=name,
                         display_name=name, roles=LENIENT_ROLES)

    def password(self, user_name: str, password: str, *,
                 refused: str = "Invalid UserName or Password") -> Principal:
        """A user name and password (Basic auth or ``/auth/credentials``)."""
        user = self.directory.users.get(user_name.lower())
        if user is not None:
            if password != user.password:
                raise InvalidCredentials(refused)
            return self._of_user(user)
        if not self.policy.admits(f"user:{user_name}"):
            raise InvalidCredentials(refused)
        return self._stranger(user_name)

    def api_key(self, key: str) -> Principal:
        """An API key sent as a Bearer token."""
        user = self.directory.user_by_key(key)
        if user is not None:
            return self._of_user(user)
        if not self.policy.admits(f"key:{key}"):
            raise InvalidCredentials("ApiKey does not exist")
        return self._stranger(key)
