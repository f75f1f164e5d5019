"""The Evo Voice backend: BuyPhoneNumber and ServiceStack's Authenticate service over a
tenant's state. No Flask here: the routes hand it the request's raw properties and the
caller, and render what it returns. Every check precedes every write."""
from __future__ import annotations

import base64
import uuid
from typing import Any, Iterable, Mapping

from ...core import phones
from ...core.clock import iso_millis
from ...core.render import json_copy
from ...core.provider import Services
from ...core.state import ProviderStore
from .auth import SLUG, Identities, Principal
from .directory import Directory
from .endpoint_info import phone_number_info
from .errors import FieldError, NotAuthenticated, UnknownService
from .schemas import AUTHENTICATE, BUY, bind
from .state import EvoState

_FORMATTING = str.maketrans("", "", " -().")


class EvoBackend:
    """Every Evo Voice operation the mock serves."""

    def __init__(self, services: Services, directory: Directory,
                 store: ProviderStore[EvoState], identities: Identities) -> None:
        self.services = services
        self.clock = services.clock
        self.directory = directory
        self.store = store
        self.identities = identities
        self._session_tenants: dict[str, str] = {}

    # -- ids ---------------------------------------------------------------------------------

    def next_digest(self, state: EvoState, kind: str) -> bytes:
        """Stable bytes for the tenant's next id of ``kind`` (a counter under the seed)."""
        state.counter += 1
        return self.services.digest(SLUG, state.tenant, kind, state.counter)

    # -- BuyPhoneNumber ----------------------------------------------------------------------

    def buy_phone_number(self, principal: Principal, raw: Mapping[str, Any]) -> dict:
        """``POST /endpoints/phone-numbers``: buy a number from the inventory (or create a
        virtual one) and return its EndpointInfo."""
        dto = bind(BUY, raw, "BuyPhoneNumber")
        number = parse_number(dto["number"])
        virtual, fax = dto["isVirtualPhoneNumber"], dto["isFaxNumber"]
        tenant = self.store.tenant(principal.tenant)
        with tenant.lock:
            state = tenant.state
            account, customer = self._account_and_customer(principal, dto)
            flow = self._flow(account, dto["flowId"] or None)
            tags = self._tags(account, dto["tagIds"])
            if number in state.numbers:
                raise FieldError("number", f"The phone number {number} is already in use")
            if not virtual and number not in self.directory.inventory:
                raise FieldError("number", f"The phone number {number} is not available "
                                           "to buy")
            endpoint_id = str(uuid.UUID(bytes=self.next_digest(state, "endpoint"), version=4))
            sid = "" if virtual else "PN" + self.next_digest(state, "sid").hex()
            info = phone_number_info(
                endpoint_id=endpoint_id, number=number, fax=fax, virtual=virtual, sid=sid,
                account=account, customer=customer,
                breadcrumb=self.directory.breadcrumb(customer["id"]) if customer else [],
                flow=flow, flow_params=dto["flowParams"], tags=tags, data=dto["data"],
                address_sid=dto["addressSid"] or "", user=principal.user_name,
                at=iso_millis(self.clock.now()))
            state.endpoints[endpoint_id] = json_copy(info)      # none of it shared
            state.numbers[number] = endpoint_id
            return info

    def _account_and_customer(self, principal: Principal,
                              dto: dict) -> tuple[dict, dict | None]:
        accounts, customers = self.directory.accounts, self.directory.customers
        account_id, customer_id = dto["accountId"] or None, dto["customerId"] or None
        if account_id is not None and account_id not in accounts:
            raise FieldError("accountId", f"Account '{account_id}' does not exist")
        if customer_id is not None and customer_id not in customers:
            raise FieldError("customerId", f"Customer '{customer_id}' does not exist")
        if account_id is None:
            account_id = (customers[customer_id]["accountId"] if customer_id
                          else principal.account_id or self.directory.default_account_id)
        if customer_id is None and principal.customer_id in customers \
                and customers[principal.customer_id]["accountId"] == account_id:
            customer_id = principal.customer_id
        customer = customers[customer_id] if customer_id else None
        if customer is not None and customer["accountId"] != account_id:
            raise FieldError("customerId", f"Customer '{customer_id}' does not belong to "
                                           f"account '{account_id}'")
        return accounts[account_id], customer

    def _flow(self, account: dict, flow_id: str | None) -> dict | None:
        if flow_id is None:
            return None
        flow = self.directory.flows.get(flow_id)
        if flow is None or flow["accountId"] != account["id"]:
            raise FieldError("flowId", f"Flow '{flow_id}' does not exist in account "
                                       f"'{account['id']}'")
        return flow

    def _tags(self, account: dict, tag_ids: Iterable[str]) -> list[dict]:
        tags, seen = [], set()
        for index, tag_id in enumerate(tag_ids):
            tag = self.directory.tags.get(tag_id)
            if tag is None or tag["accountId"] != account["id"]:
                raise FieldError(f"tagIds.{index}", f"Tag '{tag_id}' does not exist in "
                                                    f"account '{account['id']}'")
            if tag_id not in seen:
                seen.add(tag_id)
                tags.append({"id": tag["id"], "name": tag["name"], "color": tag["color"]})
        return tags

    # -- ServiceStack's Authenticate service -------------------------------------------------

    def authenticate(self, raw: Mapping[str, Any], *, provider: str | None,
                     current: Principal | None, current_sessions: list[str],
                     basic: tuple[str, str] | None) -> tuple[dict, dict[str, str]]:
        """``/auth[/{provider}]``: sign in (``credentials``, ``basic``), sign out
        (``logout``) or, with no provider, describe the current session. Returns the
        AuthenticateResponse and the cookies to set (an empty value clears one)."""
        dto = bind(AUTHENTICATE, raw, "Authenticate")
        name = (provider or dto["provider"] or "").lower()
        if name == "logout":
            self.sign_out(current_sessions)
            return {}, {"ss-id": "", "ss-pid": "", "ss-opt": ""}
        if name == "credentials":
            for field in ("userName", "password"):
                if not dto[field]:
                    title = field[:1].upper() + field[1:]
                    raise FieldError(field, f"'{title}' must not be empty.", code="NotEmpty")
            principal = self.identities.password(dto["userName"], dto["password"])
        elif name == "basic":
            if basic is None:
                raise NotAuthenticated()
            principal = self.identities.password(*basic, refused="Invalid BasicAuth Credentials")
        elif name == "":
            if current is None:
                raise NotAuthenticated()
            principal = current
        else:
            raise UnknownService(f"No configuration was added for OAuth provider '{name}'")
        return self.sign_in(principal, remember=dto["rememberMe"])

    def sign_in(self, principal: Principal, *, remember: bool) -> tuple[dict, dict[str, str]]:
        """A new session for ``principal``: its response and its ``ss-id``/``ss-pid``."""
        tenant = self.store.tenant(principal.tenant)
        with tenant.lock:
            state = tenant.state
            sid = session_id(self.next_digest(state, "ss-id"))
            pid = session_id(self.next_digest(state, "ss-pid"))
            record = {"principal": principal.to_json(), "createdAt": iso_millis(self.clock.now()),
                      "ids": [sid, pid]}
            state.sessions[sid] = state.sessions[pid] = record
        self._session_tenants[sid] = self._session_tenants[pid] = tenant.id
        body = {"userId": principal.user_id, "sessionId": sid,
                "userName": principal.user_name, "displayName": principal.display_name,
                "roles": list(principal.roles), "permissions": []}
        return body, {"ss-id": sid, "ss-pid": pid, "ss-opt": "perm" if remember else "temp"}

    def session(self, session_ids: Iterable[str]) -> Principal | None:
        """The user of the first live session among ``session_ids`` (cookies or headers)."""
        for sid in session_ids:
            for tenant in self._tenants_of(sid):
                with tenant.lock:
                    record = tenant.state.sessions.get(sid)
                if record is not None:
                    self._session_tenants[sid] = tenant.id
                    return Principal.from_json(record["principal"])
        return None

    def sign_out(self, session_ids: Iterable[str]) -> None:
        """End the sessions named (both ids of each)."""
        for sid in session_ids:
            for tenant in self._tenants_of(sid):
                with tenant.lock:
                    record = tenant.state.sessions.get(sid)
                    for other in record["ids"] if record else ():
                        tenant.state.sessions.pop(other, None)

    def _tenants_of(self, sid: str):
        """The tenant a session was made in (remembered), else every tenant (a session
        imported through ``PUT /_mock/state``)."""
        known = self._session_tenants.get(sid)
        tenant = self.store.peek(known) if known else None
        if tenant is not None:
            return [tenant]
        return list(self.store)


def session_id(digest: bytes) -> str:
    """A 20-character session id, like ServiceStack's."""
    return base64.b64encode(digest).decode()[:20].replace("+", "A").replace("/", "B")


def parse_number(value: str | None) -> str:
    """The E.164 form of ``Number``: NotEmpty when absent, ArgumentException when it is not
    a valid international number (spaces, dashes, dots and brackets are ignored)."""
    if value is None or not value.strip():
        raise FieldError("number", "'Number' must not be empty.", code="NotEmpty")
    text = value.strip().translate(_FORMATTING)
    if not (text.startswith("+") and text[1:].isdigit() and phones.is_valid(text)):
        raise FieldError("number", f"'{value}' is not a valid E.164 phone number")
    return phones.formatted(text, phones.E164)
