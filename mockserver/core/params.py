"""Query-string parameters parsed the same way for every provider."""
from __future__ import annotations

from typing import Mapping

from .errors import BadRequest

_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


def boolean(args: Mapping[str, str], name: str) -> bool | None:
    """``true``/``false`` (also 1/0, yes/no, any case) or None when absent; BadRequest
    naming the parameter for anything else."""
    if name not in args:          # (a missing key costs MultiDict.get an exception)
        return None
    raw = args.get(name)
    if raw is None or raw == "":
        return None
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise BadRequest(f"Invalid {name}", fields={name: f"must be true or false, got {raw!r}"})


def listed(args: Mapping[str, str], *names: str) -> list[str]:
    """Values of a parameter that may be repeated, comma separated, or spelled in several
    ways (``ids`` and ``ids[]``), in order, blanks dropped."""
    values = [v for name in names if name in args for v in args.getlist(name)]  # type: ignore[attr-defined]
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
