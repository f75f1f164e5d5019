"""The dashboard at ``/_mock/ui`` (stub: being built)."""
from __future__ import annotations

from flask import Blueprint


def register(bp: Blueprint) -> None:
    """Add the dashboard's routes to the control blueprint."""
