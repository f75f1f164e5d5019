"""numbers routes (being written)."""
from __future__ import annotations

from .api import Router


def register(api: Router) -> None:
    """Add the numbers routes."""
