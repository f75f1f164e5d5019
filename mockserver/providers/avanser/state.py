"""An AVANSER tenant's state: one Basic-auth user, the account it has selected, and what
it has made in each account it reaches. Account reference data (details, rates...) is not
copied here: it lives in the Directory, shared by every tenant.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...core.state import JsonDataclass

#: the most call reports a tenant keeps (the oldest go first)
REPORTS_KEPT = 1000


@dataclass
class AvanserState(JsonDataclass):
    """One user's world.

    - ``selected``: the account every endpoint works on (``POST /accounts`` switches it);
    - ``templates``: per account id (a string), templates keyed ``"<country>:<name>"``,
      each ``{"name", "type", "country", "body", "created", "updated"}``;
    - ``services``: per account id, services keyed by service number (E.164 digits) as the
      seed's Service Detail; consulted by the template-in-use check;
    - ``requests``: per account id, service requests keyed by request id in submission
      order, each the List Requests entry plus what was received, answered and sent
      (``request_body``, ``acknowledgment_body``, ``callback_body``) and the number it
      reserved (``reserved``: ``{"block", "index"}`` or None);
    - ``reports``: the email and SMS call reports simulated calls would have sent, oldest
      first (at most REPORTS_KEPT);
    - ``held``: per inventory block, the sorted stock indexes this tenant holds (reserved
      for its services), which number search no longer offers;
    - ``counter``: the last id handed out (stable ids: seed, user and counter).
    """

    user: str = ""
    selected: int | None = None
    counter: int = 0
    templates: dict[str, dict[str, dict]] = field(default_factory=dict)
    services: dict[str, dict[str, dict]] = field(default_factory=dict)
    requests: dict[str, dict[str, dict]] = field(default_factory=dict)
    reports: list[dict] = field(default_factory=list)
    held: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict) -> "AvanserState":
        """State from ``to_json`` output; ValueError when the shapes are wrong."""
        state = super().from_json(data)
        if state.selected is not None and not isinstance(state.selected, int):
            raise ValueError("selected must be an account id (integer)")
        for name in ("templates", "services", "requests", "held"):
            value = getattr(state, name)
            if not isinstance(value, dict) or not all(isinstance(v, (dict, list))
                                                      for v in value.values()):
                raise ValueError(f"{name} must be an object of objects")
        if not isinstance(state.reports, list) or not all(isinstance(r, dict)
                                                          for r in state.reports):
            raise ValueError("reports must be an array of objects")
        state.held = {block: sorted({int(i) for i in indexes})
                      for block, indexes in state.held.items()}
        return state


def template_key(country: str, name: str) -> str:
    """How a template is keyed within an account: country and name identify it."""
    return f"{country}:{name}"
