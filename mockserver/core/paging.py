"""Paging helpers shared by providers.

``limit_offset`` parses and checks the two query parameters of offset paging;
``batch_number`` and ``fixed_batch`` serve lists handed out in fixed batches with a link to
the next one. Page/PageSize windows join them with the provider that uses them, so every
provider pages through the same code.
"""
from __future__ import annotations

from typing import Mapping

from .errors import BadRequest


def _integer(args: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    if name not in args:          # (a missing key costs MultiDict.get an exception)
        return default
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"Invalid {name}", fields={name: f"must be an integer, got {raw!r}"})
    if not low <= value <= high:
        raise BadRequest(f"Invalid {name}",
                         fields={name: f"must be between {low} and {high}, got {value}"})
    return value


def limit_offset(args: Mapping[str, str], *, default_limit: int, max_limit: int,
                 max_offset: int = 10**9) -> tuple[int, int]:
    """``(limit, offset)`` from query ``args``; BadRequest naming the field if out of range."""
    limit = _integer(args, "limit", default_limit, 1, max_limit)
    offset = _integer(args, "offset", 0, 0, max_offset)
    return limit, offset


def batch_number(raw: str | None, field: str = "page") -> int:
    """A one-based batch number from a path (``/services/2``; absent: 1); BadRequest naming
    ``field`` unless a positive integer."""
    if raw is None:
        return 1
    if not raw.isdigit() or int(raw) < 1:
        raise BadRequest(fields={field: f"invalid {field}"})
    return int(raw)


def fixed_batch(items: list, number: int, size: int) -> tuple[list, int | None]:
    """Batch ``number`` (one-based) of ``items`` in batches of ``size``, and the next
    batch's number while more items follow (None on the last batch)."""
    start = (number - 1) * size
    return items[start:start + size], (number + 1 if len(items) > start + size else None)
