"""SIP credential lists and credentials (seed 004, Credential Lists, Credentials). Part of the Avaya backend (a mixin); no Flask here. To be filled in."""
from __future__ import annotations


class SipCredentials:
    """SIP credential lists and credentials (seed 004, Credential Lists, Credentials)."""
