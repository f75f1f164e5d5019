"""The Avaya backend: every operation on a tenant's state. No Flask here: the routes parse,
call one method, and render what it returns. Each resource lives in its own module as a
part (mixin) of this one class.

A tenant is one AccountSid. Operations take the AccountSid the routes authenticated and
work under that tenant's lock (``locked``).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from ...core.provider import Services
from ...core.state import ProviderStore
from .accounts import Accounts, Directory
from .agents import Agents
from .applications import Applications
from .call_life import CallLife
from .calls import Calls
from .conferences import Conferences
from .far_end import FarEnd
from .fraud import FraudControl
from .ixml.dial import Dialling
from .ixml.engine import InboundXml
from .ixml.record import Recording
from .ledger import Ledger
from .live_calls import LiveCalls
from .lookups import Lookups
from .messages import Messages
from .notifications import Notifications
from .numbers import Numbers
from .recordings import Recordings
from .sip_acls import SipAccessControl
from .sip_credentials import SipCredentials
from .sip_domains import SipDomains
from .state import AvayaState
from .transcriptions import Transcriptions
from .usages import Usages


class AvayaBackend(Accounts, Ledger, Numbers, Applications, Messages, Notifications, Usages,
                   Calls, LiveCalls, CallLife, FarEnd, Dialling, Recording, InboundXml,
                   Recordings, Transcriptions, Conferences, Agents,
                   SipDomains, SipCredentials, SipAccessControl, Lookups, FraudControl):
    """Every Avaya operation."""

    def __init__(self, services: Services, directory: Directory,
                 store: ProviderStore[AvayaState], **settings) -> None:
        self.services = services
        self.clock = services.clock
        self.directory = directory
        self.store = store
        self.settings = settings
        self.policy = services.policy(list(directory.accounts))
        for part in type(self).__mro__:
            setup = part.__dict__.get("setup_part")
            if setup is not None:
                setup(self)

    @contextmanager
    def locked(self, sid: str) -> Iterator[AvayaState]:
        """The tenant's state, under its lock."""
        tenant = self.store.tenant(sid)
        with tenant.lock:
            yield tenant.state

    def new_sid(self, state: AvayaState, prefix: str) -> str:
        """A 34-character SID: the resource's two-letter prefix and 32 hex digits that
        depend only on the seed, the account and a counter."""
        state.counter += 1
        return prefix + self.services.digest(state.account["sid"], state.counter).hex()
