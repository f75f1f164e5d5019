"""A new AVANSER tenant: every fixture account's templates (``fixtures/avanser/seed.json``),
no services or requests, nothing held; personalised with its user and that user's first
account."""
from __future__ import annotations

from ...core.clock import iso_millis
from ...core.provider import Services
from .directory import Directory
from .state import AvanserState, template_key


class AvanserSeeder:
    """Builds the cached seed and personalises each tenant's copy."""

    def __init__(self, services: Services, directory: Directory) -> None:
        self.services = services
        self.directory = directory
        self.fixtures = services.fixtures("avanser")

    def build(self) -> AvanserState:
        """The state every tenant starts from (user blank until personalised)."""
        state = AvanserState()
        seed = self.fixtures.load("seed.json")
        now = iso_millis(self.services.clock.now())
        for account in self.directory.accounts:
            templates = state.templates.setdefault(str(account), {})
            for raw in seed.get("templates", ()):
                templates[template_key(raw["country"], raw["name"])] = {
                    "name": raw["name"], "type": raw["type"], "country": raw["country"],
                    "body": raw["body"], "created": now, "updated": now}
            state.services[str(account)] = {}
            state.requests[str(account)] = {}
        return state

    def personalise(self, state: AvanserState, user: str) -> None:
        """Give a tenant's fresh copy its user and selected account."""
        state.user = user
        state.selected = self.directory.default_account(user)
