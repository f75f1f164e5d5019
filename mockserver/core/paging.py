"""Paging helpers shared by providers.

``limit_offset`` parses and checks the two query parameters of offset paging. Page/PageSize
windows and fixed batches with a next link are added here when the providers that use them
arrive, so every provider pages through the same code.
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
