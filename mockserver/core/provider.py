"""What a provider package hands the app, and what the app hands a provider."""
from __future__ import annotations

import hashlib
import random
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable

from flask import Blueprint, Response

from .auth import CredentialPolicy
from .clock import MockClock
from .errors import ProviderError
from .faults import FaultRules
from .fixtures import Fixtures
from .inbox import Inboxes
from .journal import Journal
from .scheduler import Scheduler
from .state import StateRegistry
from .webhooks import WebhookDispatcher


@dataclass
class Services:
    """The shared machinery of one app: config, clock, scheduler, state, journal, webhooks,
    fault rules and inboxes."""

    config: dict[str, Any]
    clock: MockClock
    scheduler: Scheduler
    state: StateRegistry
    journal: Journal
    webhooks: WebhookDispatcher
    #: each provider's backend, by slug, for its control-API simulations to share
    backends: dict[str, Any] = field(default_factory=dict)
    #: the fault rules (``/_mock/faults``) and the inboxes (``/_mock/inbox``)
    faults: FaultRules | None = None
    inboxes: Inboxes | None = None

    @property
    def seed(self) -> int:
        """The seed every random source derives from."""
        return int(self.config["SEED"])

    def rng(self, *salt: object) -> random.Random:
        """A random source seeded from the app seed and ``salt``: same inputs, same numbers."""
        return random.Random(f"{self.seed}:" + ":".join(map(str, salt)))

    def digest(self, *salt: object) -> bytes:
        """16 bytes that depend only on the app seed and ``salt``: cheap stable ids."""
        text = f"{self.seed}:" + ":".join(map(str, salt))
        return hashlib.blake2b(text.encode(), digest_size=16).digest()

    def uuid(self, *salt: object) -> str:
        """A version-4-shaped UUID that depends only on the app seed and ``salt``."""
        return str(uuid.UUID(bytes=self.digest(*salt), version=4))

    def fixtures(self, slug: str) -> Fixtures:
        """A provider's fixture files, with the user's fixtures directory first."""
        return Fixtures(slug, self.config.get("FIXTURES_DIR"))

    def policy(self, known: list[str]) -> CredentialPolicy:
        """The credential policy of the app's auth mode over a provider's known credentials."""
        return CredentialPolicy(self.config["AUTH_MODE"], known)


@dataclass
class ProviderSpec:
    """A provider as the app mounts it."""

    slug: str
    name: str
    hostnames: tuple[str, ...]
    base_path: str
    build: Callable[[Services], Blueprint]
    render_error: Callable[[ProviderError], Response]
    credentials_hint: str = ""
    #: optional: the provider's simulations of the outside world, mounted at /_mock/<slug>
    build_control: Callable[[Services], Blueprint] | None = None
