"""The admin commands: drive a running mock server over its control API (``--url``)."""
from __future__ import annotations


def register(sub) -> None:
    """Add the admin subcommands (to come: reset, state, clock, requests, webhooks)."""
