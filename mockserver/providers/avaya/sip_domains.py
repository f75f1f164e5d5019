"""SIP domains and their credential-list and IP-ACL mappings (seed 004, SIP Domains). Part of the Avaya backend (a mixin); no Flask here. To be filled in."""
from __future__ import annotations


class SipDomains:
    """SIP domains and their credential-list and IP-ACL mappings (seed 004, SIP Domains)."""
