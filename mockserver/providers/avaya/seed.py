"""A new Avaya tenant: an empty account (no numbers, applications or messages), given its
Account fields from the fixtures' directory when it is first used."""
from __future__ import annotations

from ...core.provider import Services
from .accounts import Directory
from .state import AvayaState


class AvayaSeeder:
    """Builds the cached (empty) seed and personalises each tenant's copy."""

    def __init__(self, services: Services, directory: Directory) -> None:
        self.services = services
        self.directory = directory

    def build(self) -> AvayaState:
        """The state every tenant starts from."""
        return AvayaState()

    def personalise(self, state: AvayaState, sid: str) -> None:
        """Give a tenant's fresh copy its Account."""
        state.account = self.directory.account_fields(sid, self.services.clock.now())
