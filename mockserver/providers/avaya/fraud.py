"""Fraud control (seed 004, Block/Authorize/Extend/Whitelist Destination, List Fraud Control Resources). Part of the Avaya backend (a mixin); no Flask here. To be filled in."""
from __future__ import annotations


class FraudControl:
    """Fraud control (seed 004, Block/Authorize/Extend/Whitelist Destination, List Fraud Control Resources)."""
