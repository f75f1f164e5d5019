"""The AVANSER backend: every operation on a tenant's state, over the shared directory,
gazetteer and inventory. No Flask here: the routes parse, call one method, and render what
it returns. Accounts, number search and templates live in their own modules as parts of
this one class; every operation returns ``(selected account id, response)`` so that the
``@transaction`` names the account the operation worked on, except those that answer with
a whole body kept for later (an Acknowledgment Reply, a request's stored bodies).

A tenant is one Basic-auth user.
"""
from __future__ import annotations

import itertools
from bisect import insort

from ...core.auth import basic_credentials
from ...core.numbering import HeldIndexes
from ...core.provider import Services
from ...core.state import ProviderStore, Tenant
from ...core.wsgi import TENANT_KEY
from .accounts import Accounts
from .directory import Directory
from .errors import SLUG, InvalidCredentials
from .gazetteer import Gazetteer
from .inventory import Available, Inventory
from .lifecycle import Lifecycle
from .search import NumberSearch
from .service_requests import ServiceRequests
from .services import ServiceOps
from .simulations import Simulations
from .state import AvanserState
from .templates import Templates
from .transaction import transaction

#: the most numbers one search returns
SEARCH_LIMIT = 20
#: mock-clock seconds from a request's acknowledgment to its completion
PROVISIONING_DELAY = 2.0
#: mock-clock seconds from a failed callback to its one retry
CALLBACK_RETRY_DELAY = 10.0


class AvanserBackend(Accounts, NumberSearch, Templates, ServiceRequests, ServiceOps,
                     Lifecycle, Simulations):
    """Every AVANSER operation."""

    def __init__(self, services: Services, directory: Directory, gazetteer: Gazetteer,
                 inventory: Inventory, store: ProviderStore[AvanserState],
                 call_tags: dict[str, str], *, limit: int = SEARCH_LIMIT,
                 report_templates: dict[str, str] | None = None,
                 provisioning_delay: float = PROVISIONING_DELAY,
                 retry_delay: float = CALLBACK_RETRY_DELAY) -> None:
        self.services = services
        self.clock = services.clock
        self.directory = directory
        self.gazetteer = gazetteer
        self.inventory = inventory
        self.store = store
        self.call_tags = call_tags
        self.limit = limit
        self.report_templates = report_templates or {"email": "", "sms": ""}
        self.provisioning_delay = provisioning_delay
        self.retry_delay = retry_delay
        self.policy = services.policy(list(directory.users))
        self._transactions = itertools.count(1)
        self.register_lifecycle()

    # -- users -------------------------------------------------------------------------------

    def authenticate(self, header: str | None) -> str:
        """The tenant (user name) of an Authorization header; InvalidCredentials if none.
        A fixture user must give its password; another user passes in lenient mode only."""
        credentials = basic_credentials(header)
        if credentials is None:
            raise InvalidCredentials("missing or malformed Basic credentials" if header
                                     else "no Authorization: Basic header")
        user, password = credentials
        known = self.directory.users.get(user)
        if known is not None and password != known.password:
            raise InvalidCredentials("invalid username or password")
        if not self.policy.admits(user):
            raise InvalidCredentials("invalid username or password")
        return user

    def tenant(self, user: str) -> Tenant[AvanserState]:
        """A user's tenant, seeded on first use."""
        return self.store.tenant(user)

    # -- transactions ------------------------------------------------------------------------

    def transaction_of(self, environ: dict, account_id: int | None) -> dict:
        """The ``@transaction`` of the request in ``environ``: a new 32-hex id (stable for
        the same seed and order of requests) and the mock clock's time."""
        txn = self.services.digest(SLUG, "transaction", next(self._transactions)).hex()
        return transaction(environ, transaction_id=txn, account_id=account_id,
                           now=self.clock.now())

    def account_for_error(self, environ: dict) -> int | None:
        """The account an error reply names: the user's selected account when the request
        carried an accepted credential (even where auth never ran, as for a 404), else
        None."""
        user = environ.get(TENANT_KEY)
        if user is None:
            try:
                user = self.authenticate(environ.get("HTTP_AUTHORIZATION"))
            except InvalidCredentials:
                return None
        found = self.store.peek(user)
        return found.state.selected if found is not None else \
            self.directory.default_account(user)

    # -- holdings (requests reserve a service number; failures and decommissions release) ----

    def hold(self, state: AvanserState, available: Available) -> None:
        """Take a number out of this tenant's inventory (call under the tenant's lock)."""
        held = state.held.setdefault(available.block.id, [])
        if available.index not in HeldIndexes(held):
            insort(held, available.index)

    def release(self, state: AvanserState, available: Available) -> None:
        """Return a held number to this tenant's inventory (under the tenant's lock)."""
        held = state.held.get(available.block.id, [])
        if available.index in HeldIndexes(held):
            held.remove(available.index)
