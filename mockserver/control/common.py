"""What every control endpoint shares: its options, checked against the keys it takes."""
from __future__ import annotations

from typing import Any, Collection, Iterable

from flask import request

from ..core.body import read_json
from ..core.errors import BadRequest
from ..core.params import flag, refuse_unknown  # noqa: F401  (re-exported for control)


def options(allowed: Iterable[str], *, body: bool = True) -> dict[str, Any]:
    """The request's options: query parameters, overridden by a JSON object body; a key the
    endpoint does not take is a 400 naming it."""
    data = read_json(request, required=False) if body else None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BadRequest(details="expected a JSON object")
    merged: dict[str, Any] = dict(request.args.items())
    merged.update(data)
    refuse_unknown(merged, allowed)
    return merged


def seconds(name: str, value: Any, *, low: float = 0.0, high: float | None = None) -> float:
    """A number of seconds (a JSON number or its text), within bounds, else a 400."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise BadRequest(fields={name: f"must be a number of seconds, not {value!r}"})
    try:
        number = float(value)
    except ValueError:
        raise BadRequest(fields={name: f"must be a number of seconds, not {value!r}"}) \
            from None
    if number != number or number < low or (high is not None and number > high):
        bounds = f"from {low:g} to {high:g}" if high is not None else f"at least {low:g}"
        raise BadRequest(fields={name: f"must be {bounds}, not {value!r}"})
    return number


def known_provider(slug: Any, known: Collection[str]) -> Any:
    """``slug`` itself when it is None or one of the ``known`` providers, else a 400 naming
    ``provider``."""
    if slug is not None and slug not in known:
        raise BadRequest(fields={"provider": f"unknown provider {slug!r}; known: "
                                             f"{', '.join(known)}"})
    return slug


def limit(default: int | None = None, most: int | None = None) -> int | None:
    """The ``limit`` query parameter: a whole number from 1 (to ``most``, when given), or
    ``default`` when absent; else a 400 naming ``limit``."""
    raw = request.args.get("limit")
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < 1 or (most is not None and int(raw) > most):
        wanted = "a positive integer" if most is None else f"a whole number from 1 to {most}"
        raise BadRequest(fields={"limit": f"must be {wanted}, not {raw!r}"})
    return int(raw)
