"""Tenant-scoped state (core): cached seed, copies per tenant, reset, export and import."""
from __future__ import annotations

import pytest

from mockserver.core.state import ProviderStore, StateRegistry


class Box:
    def __init__(self, items=None, owner=""):
        self.items = list(items or [])
        self.owner = owner

    def to_json(self):
        return {"items": self.items, "owner": self.owner}

    @classmethod
    def from_json(cls, data):
        return cls(data["items"], data["owner"])


@pytest.fixture
def built():
    return []


@pytest.fixture
def store(built):
    def build():
        built.append(1)
        return Box(["seeded"])
    return ProviderStore("p", build, personalise=lambda s, t: setattr(s, "owner", t),
                         from_json=Box.from_json)


def test_seed_is_built_once_and_copied_per_tenant(store, built):
    a, b = store.tenant("a"), store.tenant("b")
    assert len(built) == 1
    a.state.items.append("mine")
    assert b.state.items == ["seeded"]
    assert store.seed().items == ["seeded"]
    assert (a.state.owner, b.state.owner) == ("a", "b")


def test_same_tenant_is_the_same_state(store):
    assert store.tenant("a") is store.tenant("a")


def test_reset_one_tenant_reseeds_it_on_next_use(store):
    store.tenant("a").state.items.append("x")
    store.tenant("b").state.items.append("y")
    assert store.reset("a") == 1
    assert store.tenant("a").state.items == ["seeded"]
    assert store.tenant("b").state.items == ["seeded", "y"]
    assert store.reset("nobody") == 0


def test_reset_all(store):
    store.tenant("a"), store.tenant("b")
    assert store.reset() == 2 and len(store) == 0


def test_registry_export_and_load_round_trip(store):
    registry = StateRegistry()
    registry.add(store)
    store.tenant("a").state.items.append("bought")
    exported = registry.export()
    registry.reset()
    registry.load(exported)
    assert store.tenant("a").state.items == ["seeded", "bought"]


def test_registry_load_is_all_or_nothing(store):
    registry = StateRegistry()
    registry.add(store)
    store.tenant("a").state.items.append("kept")
    with pytest.raises(ValueError):
        registry.load({"p": {"tenants": {"b": {"no": "items"}}}})
    with pytest.raises(KeyError):
        registry.load({"nope": {"tenants": {}}})
    assert store.tenant("a").state.items == ["seeded", "kept"]


def test_registry_reset_of_unknown_provider_is_an_error(store):
    registry = StateRegistry()
    registry.add(store)
    with pytest.raises(KeyError):
        registry.reset("nope")
