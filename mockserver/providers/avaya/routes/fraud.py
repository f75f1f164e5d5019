"""Fraud routes (seed 004). To be filled in."""
from __future__ import annotations

from .api import Router


def register(api: Router) -> None:
    """Add the fraud routes."""
