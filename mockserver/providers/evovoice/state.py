"""An Evo Voice tenant's state: the endpoints it has bought or created, the numbers they
hold, and its ServiceStack sessions. The directory (accounts, customers, flows, tags) and
the purchasable inventory are fixtures shared by every tenant (``directory.py``)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ...core.state import JsonDataclass


@dataclass
class EvoState(JsonDataclass):
    """One tenant (one user name or API key)."""

    tenant: str = ""
    counter: int = 0
    #: endpoint id -> the EndpointInfo as the API returned it
    endpoints: dict[str, dict] = field(default_factory=dict)
    #: E.164 number -> id of the endpoint holding it (bought or virtual)
    numbers: dict[str, str] = field(default_factory=dict)
    #: session id (``ss-id`` or ``ss-pid``) -> the authenticated user
    sessions: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict) -> "EvoState":
        """State from ``to_json`` output; unknown keys are an error."""
        state = super().from_json(data)
        for name in ("endpoints", "numbers", "sessions"):
            if not isinstance(getattr(state, name), dict):
                raise ValueError(f"{name} must be an object")
        return state

