"""SIP IP access control lists and their IP addresses (seed 004, IP Access Control Lists). Part of the Avaya backend (a mixin); no Flask here. To be filled in."""
from __future__ import annotations


class SipAccessControl:
    """SIP IP access control lists and their IP addresses (seed 004, IP Access Control Lists)."""
