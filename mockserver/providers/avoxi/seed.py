"""A new AVOXI tenant: the numbers and extensions of ``fixtures/avoxi/seed.json``, and an
organisation identity (from ``credentials.json`` for a known token, else made up with a
seeded Faker, the same for the same token every run)."""
from __future__ import annotations

import threading
import uuid
from functools import cached_property

from ...core.numbering import stable_hash
from ...core.provider import Services
from .catalog import Catalog
from .inventory import Inventory
from .models import AvoxiBackend
from .state import AvoxiState


class AvoxiSeeder:
    """Builds the cached seed and personalises each tenant's copy of it."""

    def __init__(self, services: Services, catalog: Catalog, inventory: Inventory) -> None:
        self.services = services
        self.catalog = catalog
        self.inventory = inventory
        self.fixtures = services.fixtures("avoxi")
        self._faker_lock = threading.Lock()
        self.backend: AvoxiBackend | None = None

    @cached_property
    def credentials(self) -> dict[str, dict]:
        """Known tokens and their identities (the only ones accepted in strict mode)."""
        return {c["token"]: c for c in self.fixtures.load("credentials.json")}

    @cached_property
    def _faker(self):
        from faker import Faker  # imported on the first new tenant, not at start-up
        return Faker("en_US")

    def build(self) -> AvoxiState:
        """The state every tenant starts from (identity blank until personalised)."""
        assert self.backend is not None
        state = AvoxiState()
        seed = self.fixtures.load("seed.json")
        for entry in seed.get("numbers", ()):
            rules = [self.backend.make_rule(state, rule) for rule in entry.get("rules", ())]
            if "region" in entry:
                stock = self.inventory.stock(self.catalog.regions[entry["region"]])
                index = int(entry["inventory_index"])
                state.held.setdefault(stock.region.id, []).append(index)
                state.held[stock.region.id].sort()
                nsn = stock.nsn(index)
                self.backend.add_number(
                    state, stock.e164(nsn), name=entry.get("name"), stock=stock, nsn=nsn,
                    product=self.catalog.cheapest(stock.region), rules=rules)
            else:
                self.backend.add_number(state, entry["number"], name=entry.get("name"),
                                        rules=rules, number_id=entry.get("number_id"))
        for entry in seed.get("extensions", ()):
            state.extensions[entry["number"]] = {
                "number_id": self.backend.new_uuid(state, "extension"), "number": entry["number"],
                "name": entry["name"],
                "rules": [self.backend.make_rule(state, rule) for rule in entry.get("rules", ())]}
        return state

    def personalise(self, state: AvoxiState, token: str) -> None:
        """Give a tenant's fresh copy its organisation, user and token issue time."""
        known = self.credentials.get(token)
        if known is not None:
            state.organization_id = known["organization_id"]
            state.organization_name = known["organization_name"]
            state.user_id = known["user_id"]
            state.user_email = known["user_email"]
        else:
            rng = self.services.rng("avoxi-identity", token)
            state.organization_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            state.user_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            with self._faker_lock:
                faker = self._faker
                faker.seed_instance(stable_hash(f"{self.services.seed}:{token}"))
                company = faker.company()
                state.organization_name = f"J{rng.randint(10000, 99999)} - {company}"
                state.user_email = faker.email()
        state.issued_at = self.services.clock.timestamp()
