"""SIP routes (seed 004, SIP Domains, Credential Lists, Credentials, IP Access Control
Lists): domains and their mappings in sip_domains.py, credential lists and IP access
control lists in sip_lists.py."""
from __future__ import annotations

from . import sip_domains, sip_lists
from .api import Router


def register(api: Router) -> None:
    """Add the SIP routes."""
    sip_domains.register(api)
    sip_lists.register(api)
