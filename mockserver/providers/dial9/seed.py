"""A new Dial 9 unit: the destinations and numbers of ``fixtures/dial9/seed.json`` (the
seed's ``03301222970``, id 3466, routed to ``Main Menu`` among them); and the credentials
strict mode accepts (``credentials.json``)."""
from __future__ import annotations

import copy
from functools import cached_property

from ...core.fixtures import Fixtures
from .state import Dial9State


class Dial9Seeder:
    """Builds the state every unit starts from."""

    def __init__(self, fixtures: Fixtures) -> None:
        self.fixtures = fixtures

    @cached_property
    def credentials(self) -> dict[str, str | None]:
        """Known X-Auth-Tokens and their X-Auth-Secrets (strict mode accepts only these)."""
        return {c["token"]: c.get("secret") for c in self.fixtures.load("credentials.json")}

    def build(self) -> Dial9State:
        """The seeded unit: ids of new numbers follow the seed's ``next_id`` (and always
        exceed every seeded id)."""
        seed = self.fixtures.load("seed.json")
        numbers = {str(n["id"]): copy.deepcopy(n) for n in seed.get("numbers", ())}
        next_id = max([int(seed.get("next_id", 1))] + [int(k) + 1 for k in numbers])
        return Dial9State(next_id=next_id, numbers=numbers,
                          destinations=copy.deepcopy(seed.get("destinations", [])),
                          released=[])
