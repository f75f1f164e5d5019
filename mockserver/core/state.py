"""Tenant-scoped state: one store per provider, one state object and one lock per tenant.

A tenant is one credential identity (a bearer token, a Basic user, an AccountSid...). It is
seeded on first use by copying the provider's seed, which is built once and cached; the
copy is then personalised for the tenant (its organisation name, say). Resetting a tenant
drops its state, so it is seeded afresh on its next request.
"""
from __future__ import annotations

import copy
import threading
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, Callable, Generic, Iterator, TypeVar

S = TypeVar("S")


class JsonDataclass:
    """For a dataclass holding a tenant's state: ``to_json`` through ``asdict``, and
    ``from_json`` that refuses unknown keys (a subclass adds its own checks after it)."""

    def to_json(self) -> dict:
        """The state as JSON-ready data."""
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_json(cls, data: dict) -> Any:
        """State from ``to_json`` output; ValueError for anything but an object of known
        keys."""
        if not isinstance(data, dict):
            raise ValueError("a tenant's state must be an object")
        unknown = set(data) - {f.name for f in fields(cls)}  # type: ignore[arg-type]
        if unknown:
            raise ValueError(f"unknown keys {sorted(unknown)}")
        return cls(**data)


@dataclass
class Tenant(Generic[S]):
    """One tenant's state and the lock every change to it is made under."""

    id: str
    state: S
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)


class ProviderStore(Generic[S]):
    """The tenants of one provider, seeded from one cached seed."""

    def __init__(self, provider: str, build_seed: Callable[[], S], *,
                 personalise: Callable[[S, str], None] | None = None,
                 to_json: Callable[[S], dict] | None = None,
                 from_json: Callable[[dict], S] | None = None,
                 clone: Callable[[S], S] = copy.deepcopy) -> None:
        self.provider = provider
        self._build_seed = build_seed
        self._personalise = personalise
        self._to_json = to_json or (lambda state: state.to_json())
        self._exported_as_given = to_json is None     # sizes() may read the fields
        self._from_json = from_json
        self._clone = clone
        self._seed: S | None = None
        self._tenants: dict[str, Tenant[S]] = {}
        self._lock = threading.Lock()

    def seed(self) -> S:
        """The cached seed every new tenant is copied from (built on first call)."""
        if self._seed is None:
            with self._lock:
                if self._seed is None:
                    self._seed = self._build_seed()
        return self._seed

    def tenant(self, tenant_id: str) -> Tenant[S]:
        """The tenant, seeded now if this is its first use."""
        found = self._tenants.get(tenant_id)
        if found is not None:
            return found
        state = self._clone(self.seed())
        if self._personalise is not None:
            self._personalise(state, tenant_id)
        with self._lock:
            return self._tenants.setdefault(tenant_id, Tenant(tenant_id, state))

    def peek(self, tenant_id: str) -> Tenant[S] | None:
        """The tenant if it has been seeded, without seeding it."""
        return self._tenants.get(tenant_id)

    def __iter__(self) -> Iterator[Tenant[S]]:
        return iter(list(self._tenants.values()))

    def __len__(self) -> int:
        return len(self._tenants)

    def reset(self, tenant_id: str | None = None) -> int:
        """Forget one tenant (or all); return how many were dropped."""
        with self._lock:
            if tenant_id is None:
                dropped = len(self._tenants)
                self._tenants = {}
                return dropped
            return 1 if self._tenants.pop(tenant_id, None) is not None else 0

    def sizes(self) -> dict[str, dict[str, int]]:
        """For every seeded tenant, how many items each collection of its exported state
        holds (each list or object; scalars are not collections), worked out without
        exporting it: a dashboard asks for this every second."""
        out = {}
        for tenant in self:
            with tenant.lock:
                out[tenant.id] = self._sizes_of(tenant.state)
        return out

    def _sizes_of(self, state: S) -> dict[str, int]:
        if not (self._exported_as_given and isinstance(state, JsonDataclass)
                and is_dataclass(state) and type(state).to_json is JsonDataclass.to_json):
            return collection_sizes(self._to_json(state))   # exported some other way
        found = {}
        for f in fields(state):
            value = getattr(state, f.name)
            if isinstance(value, (dict, list)):
                found[f.name] = len(value)
            elif is_dataclass(value):       # an object once exported: count it that way
                return collection_sizes(self._to_json(state))
        return found

    def export(self) -> dict[str, Any]:
        """Every seeded tenant's state as JSON-ready data."""
        out = {}
        for tenant in self:
            with tenant.lock:
                out[tenant.id] = self._to_json(tenant.state)
        return out

    def export_tenant(self, tenant_id: str) -> dict[str, Any] | None:
        """One seeded tenant's state as JSON-ready data (None if never seen: not seeded)."""
        tenant = self.peek(tenant_id)
        if tenant is None:
            return None
        with tenant.lock:
            return self._to_json(tenant.state)

    def parse(self, tenants: dict[str, Any]) -> dict[str, Tenant[S]]:
        """Build tenants from exported state without installing them; ValueError if bad."""
        if self._from_json is None:
            raise ValueError(f"{self.provider} state cannot be imported")
        try:
            return {tid: Tenant(tid, self._from_json(data)) for tid, data in tenants.items()}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"{self.provider}: invalid tenant state ({exc})") from exc

    def install(self, tenants: dict[str, Tenant[S]]) -> None:
        """Replace every tenant with parsed ones."""
        with self._lock:
            self._tenants = tenants


class StateRegistry:
    """The stores of every mounted provider."""

    def __init__(self) -> None:
        self.stores: dict[str, ProviderStore] = {}

    def add(self, store: ProviderStore) -> ProviderStore:
        """Register a provider's store."""
        self.stores[store.provider] = store
        return store

    def reset(self, provider: str | None = None, tenant: str | None = None) -> int:
        """Reset every store, or one provider's, and/or one tenant; return tenants dropped."""
        if provider is not None and provider not in self.stores:
            raise KeyError(provider)
        targets = [self.stores[provider]] if provider else list(self.stores.values())
        return sum(store.reset(tenant) for store in targets)

    def export(self) -> dict[str, Any]:
        """All providers' tenants as JSON-ready data."""
        return {slug: {"tenants": store.export()} for slug, store in self.stores.items()}

    def parse(self, providers: dict[str, Any]) -> dict[str, dict[str, Tenant]]:
        """Tenants from exported state, by provider, not yet installed: KeyError naming an
        unknown provider, ValueError for bad state."""
        unknown = set(providers) - set(self.stores)
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        parsed = {}
        for slug, data in providers.items():
            if not isinstance(data, dict) or not isinstance(data.get("tenants"), dict):
                raise ValueError(f"{slug}: expected an object with a 'tenants' object")
            if set(data) != {"tenants"}:
                raise ValueError(f"{slug}: unknown key {sorted(set(data) - {'tenants'})[0]!r}")
            parsed[slug] = self.stores[slug].parse(data["tenants"])
        return parsed

    def install(self, parsed: dict[str, dict[str, Tenant]]) -> None:
        """Install parsed tenants; providers not named keep theirs."""
        for slug, tenants in parsed.items():
            self.stores[slug].install(tenants)

    def load(self, providers: dict[str, Any]) -> None:
        """Import exported state; providers not named keep theirs."""
        self.install(self.parse(providers))


def collection_sizes(state: dict) -> dict[str, int]:
    """How many items each collection of exported state holds (its lists and objects;
    scalar fields are not collections)."""
    return {name: len(value) for name, value in state.items()
            if isinstance(value, (dict, list))}
