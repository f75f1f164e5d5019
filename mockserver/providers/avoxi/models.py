"""AVOXI tenant state and the operations on it. No Flask here: the routes parse, call one
method, and render what it returns.

A tenant (one bearer token) is an organisation with its numbers, extensions and orders.
"""
from __future__ import annotations

import base64
import bisect
import re
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from typing import Any, Mapping

import phonenumbers

from ...core.errors import BadRequest
from ...core.params import listed
from ...core.provider import Services
from ...core.state import ProviderStore, Tenant
from ...core.validation import load
from .catalog import Catalog, Product, Region
from .errors import ExtensionNotFound, InvalidParameter
from .inventory import Inventory, RegionStock, kth_free
from .schemas import ROUTING_ACTIONS, ExtensionBodySchema, OrderSchema

SLUG = "avoxi"
TOKEN_LIFETIME = 24 * 3600
DELIVERY = "backorder-delivery"
_E164 = re.compile(r"\+?[1-9]\d{5,14}")
_EXTENSION = re.compile(r"\d{2,10}")
_NUMBER_KEYS = ("number_id", "organization_id", "number", "name", "rules", "country_code",
                "local_format")
_EXTENSION_KEYS = ("number_id", "organization_id", "number", "name", "rules")
# marshmallow schemas are stateless once built, and building one costs more than loading
ORDER_SCHEMA = OrderSchema()
EXTENSION_BODY_SCHEMA = ExtensionBodySchema()


@dataclass
class AvoxiState:
    """One organisation's numbers, extensions and orders, and the stock it has taken."""

    organization_id: str = ""
    organization_name: str = ""
    user_id: str = ""
    user_email: str = ""
    issued_at: float = 0.0
    counter: int = 0
    numbers: dict[str, dict] = field(default_factory=dict)
    extensions: dict[str, dict] = field(default_factory=dict)
    orders: dict[str, dict] = field(default_factory=dict)
    held: dict[str, list[int]] = field(default_factory=dict)
    procured: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The state as JSON-ready data."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "AvoxiState":
        """State from ``to_json`` output; unknown keys are an error."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown keys {sorted(unknown)}")
        return cls(**data)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds") + "Z"


def normalise_e164(value: str, field_name: str) -> str:
    """``+<digits>`` from a number given with or without ``+`` (a ``+`` that a query string
    decoded to a space included); BadRequest naming the field if it is not a number."""
    text = value.strip().replace(" ", "")
    if not _E164.fullmatch(text):
        raise InvalidParameter("Invalid number", f"{field_name} {value!r} is not an E.164 number",
                               fields={field_name: f"{value!r} is not an E.164 number"})
    return text if text.startswith("+") else f"+{text}"


class AvoxiBackend:
    """Every AVOXI operation, over the shared catalog and inventory and a tenant's state."""

    def __init__(self, services: Services, catalog: Catalog, inventory: Inventory,
                 store: ProviderStore[AvoxiState]) -> None:
        self.services = services
        self.clock = services.clock
        self.catalog = catalog
        self.inventory = inventory
        self.store = store
        services.scheduler.register(SLUG, DELIVERY, self.deliver_backorder)

    # -- identities --------------------------------------------------------------------------

    def next_digest(self, state: AvoxiState, kind: str) -> bytes:
        """Stable bytes for the tenant's next id of ``kind`` (a counter under the seed)."""
        state.counter += 1
        return self.services.digest(SLUG, state.organization_id, kind, state.counter)

    def new_uuid(self, state: AvoxiState, kind: str) -> str:
        """A new id for a number, extension or rule: stable for the same seed and history."""
        return str(uuid.UUID(bytes=self.next_digest(state, kind), version=4))

    # -- numbers -----------------------------------------------------------------------------

    def add_number(self, state: AvoxiState, e164: str, *, name: str | None = None,
                       stock: RegionStock | None = None, nsn: str | None = None,
                       product: Product | None = None, reference_id: str | None = None,
                       rules: list | None = None, at: datetime | None = None) -> dict:
        if stock is not None and nsn is not None:
            country, local = stock.region.country, stock.local_format(nsn)
        else:
            country, local = describe_number(e164)
        number_id = self.new_uuid(state, "number")
        record = {"number_id": number_id, "number": e164, "name": name or e164,
                  "rules": rules or [], "country_code": country, "local_format": local,
                  "region": stock.region.id if stock else None,
                  "product_id": product.id if product else None, "reference_id": reference_id,
                  "created": _iso(at or self.clock.now()), "seq": state.counter}
        state.numbers[number_id] = record
        return record

    def list_numbers(self, tenant: Tenant[AvoxiState], query: Mapping[str, str]) -> list[dict]:
        """``GET /numbers`` filtered by number_id, number, numbers and name (all must hold);
        ``query`` is a MultiDict (``numbers`` may repeat)."""
        number_id = query.get("number_id")
        wanted: set[str] = set()
        if (number := query.get("number")) is not None:
            wanted.add(normalise_e164(number, "number"))
        many_set = {normalise_e164(v, "numbers") for v in listed(query, "numbers", "numbers[]")}
        name = query.get("name")
        with tenant.lock:
            state = tenant.state
            found = []
            for record in sorted(state.numbers.values(), key=lambda r: r["seq"]):
                if number_id is not None and record["number_id"] != number_id:
                    continue
                if wanted and record["number"] not in wanted:
                    continue
                if many_set and record["number"] not in many_set:
                    continue
                if name is not None and record["name"].lower() != name.lower():
                    continue
                found.append(self._public(state, record, _NUMBER_KEYS))
            return found

    @staticmethod
    def _public(state: AvoxiState, record: dict, keys: tuple[str, ...]) -> dict:
        return {key: (state.organization_id if key == "organization_id" else record[key])
                for key in keys}

    # -- inventory ---------------------------------------------------------------------------

    def inventory_regions(self, country: str, number_type: str | None, *,
                          region: str | None, sms_enabled: bool | None,
                          exclude_all_documents_required: bool,
                          exclude_documents: list[str]) -> list[Region]:
        """The regions whose numbers ``GET /inventory`` may return, after the filters that
        AVOXI applies per region (SMS, required documents)."""
        country = self.catalog.country(country)
        if number_type is not None:
            number_type = self.catalog.sold_type(country, number_type)
        unknown = [d for d in exclude_documents if d not in self.catalog.document_names]
        if unknown:
            raise InvalidParameter("Invalid exclude_documents",
                                   f"unknown document type(s): {', '.join(unknown)}",
                                   fields={"exclude_documents": "unknown document type(s) "
                                                                + ", ".join(unknown)})
        regions = ([self.catalog.region(country, number_type, region)] if region
                   else self.catalog.regions_of(country, number_type))
        if not (sms_enabled or exclude_all_documents_required or exclude_documents):
            return regions
        excluded = set(exclude_documents)
        return [r for r in regions
                if (not sms_enabled or r.sms)
                and not (exclude_all_documents_required and r.required_documents)
                and not excluded.intersection(r.required_documents)]

    def inventory_page(self, tenant: Tenant[AvoxiState], regions: list[Region], *, limit: int,
                       offset: int, contains: str | None) -> bytes:
        """One page of available numbers as the documented JSON array."""
        with tenant.lock:
            items = self.inventory.page(regions, tenant.state.held, limit=limit, offset=offset,
                                        contains=contains)
        return b"[" + b",".join(items) + b"]"

    # -- orders ------------------------------------------------------------------------------

    def order(self, tenant: Tenant[AvoxiState], body: Any) -> dict:
        """``POST /order``: all items or none. Returns ``{"reference_id": ...}``."""
        data = load(ORDER_SCHEMA, body, "Invalid order")
        with tenant.lock:
            state = tenant.state
            plans = [self._plan(state, index, item) for index, item in enumerate(data["items"])]
            seen: dict[str, int] = {}
            for index, plan in enumerate(plans):
                if plan.get("nsn") is not None:
                    e164 = plan["stock"].e164(plan["nsn"])
                    if e164 in seen:
                        raise BadRequest("Invalid order", fields={
                            f"items.{index}.number_e164": f"{e164} is already in item {seen[e164]}"})
                    seen[e164] = index
            reference_id = base64.b32encode(self.next_digest(state, "order"))[:12].decode().lower()
            items = [self._fulfil(tenant, state, reference_id, plan) for plan in plans]
            state.orders[reference_id] = {
                "reference_id": reference_id, "contact_name": data.get("contact_name"),
                "reference_number": data.get("reference_number"),
                "created": _iso(self.clock.now()), "items": items}
        return {"reference_id": reference_id}

    def _plan(self, state: AvoxiState, index: int, item: dict) -> dict:
        at = f"items.{index}"
        product = self.catalog.product(item["product_id"]) if "product_id" in item else None
        if "number_e164" in item:
            return self._plan_number(state, at, item, product)
        if product is not None:
            region = product.region
        else:
            missing = {f"{at}.{k}": "required when neither number_e164 nor product_id is given"
                       for k in ("country", "number_type", "region") if k not in item}
            if missing:
                raise BadRequest("Invalid order", fields=missing)
            country = self.catalog.country(item["country"])
            region = self.catalog.region(country, self.catalog.sold_type(
                country, item["number_type"]), item["region"])
            product = self.catalog.cheapest(region)
        self._agree(at, item, region, f"product {product.id} is sold in {region.id}")
        return {"stock": self.inventory.stock(region), "product": product,
                "quantity": item.get("quantity", 1)}

    def _plan_number(self, state: AvoxiState, at: str, item: dict,
                     product: Product | None) -> dict:
        e164 = normalise_e164(item["number_e164"], f"{at}.number_e164")
        stock, nsn, index = self.inventory.locate(e164) or (None, None, None)
        if stock is None or nsn is None or index is None:
            raise InvalidParameter("Invalid order", f"{e164} is not in AVOXI's inventory",
                                   fields={f"{at}.number_e164": f"{e164} is not in the inventory"})
        taken = state.held.get(stock.region.id, [])
        pos = bisect.bisect_left(taken, index)
        if pos < len(taken) and taken[pos] == index:
            raise InvalidParameter("Invalid order", f"{e164} is no longer available",
                                   fields={f"{at}.number_e164": f"{e164} is no longer available"})
        region = stock.region
        self._agree(at, item, region, f"{e164} is a {region.number_type} number in {region.id}")
        if product is not None and product.region.id != region.id:
            raise InvalidParameter("Invalid order", "product does not match number", fields={
                f"{at}.product_id": f"product {product.id} is a {product.region.number_type} "
                                    f"product for {product.region.id}",
                f"{at}.number_e164": f"{e164} is a {region.number_type} number in {region.id}"})
        if item.get("quantity", 1) != 1:
            raise InvalidParameter("Invalid order", "quantity conflicts with number_e164",
                                   fields={f"{at}.quantity": "must be 1 when number_e164 is given"})
        return {"stock": stock, "nsn": nsn, "index": index, "quantity": 1,
                "product": product or self.catalog.cheapest(region)}

    def _agree(self, at: str, item: dict, region: Region, reason: str) -> None:
        """Country, number type and region given beside a number or product must match it."""
        conflicts = {}
        if "country" in item and item["country"].upper() != region.country:
            conflicts[f"{at}.country"] = f"{item['country']!r} conflicts: {reason}"
        if "number_type" in item and item["number_type"].lower() != region.number_type.lower():
            conflicts[f"{at}.number_type"] = f"{item['number_type']!r} conflicts: {reason}"
        if "region" in item and item["region"].lower() != region.id.lower():
            conflicts[f"{at}.region"] = f"{item['region']!r} conflicts: {reason}"
        if conflicts:
            raise BadRequest("Invalid order", fields=conflicts)

    def _fulfil(self, tenant: Tenant[AvoxiState], state: AvoxiState, reference_id: str,
                plan: dict) -> dict:
        stock, product = plan["stock"], plan["product"]
        taken = state.held.setdefault(stock.region.id, [])
        if plan.get("nsn") is not None:
            indexes = [plan["index"]]
        else:
            free = stock.size - len(taken)
            first = kth_free(0, taken) if free else 0
            indexes = []
            i, j = first, bisect.bisect_left(taken, first)
            while len(indexes) < min(plan["quantity"], free) and i < stock.size:
                if j < len(taken) and taken[j] == i:
                    j += 1
                else:
                    indexes.append(i)
                i += 1
        numbers = []
        for index in indexes:
            bisect.insort(taken, index)
            nsn = stock.nsn(index)
            self.add_number(state, stock.e164(nsn), stock=stock, nsn=nsn, product=product,
                                reference_id=reference_id)
            numbers.append(stock.e164(nsn))
        backordered = plan["quantity"] - len(numbers)
        if backordered:
            self.services.scheduler.schedule(
                SLUG, tenant.id, DELIVERY, {"reference_id": reference_id,
                                            "region": stock.region.id, "product_id": product.id,
                                            "quantity": backordered},
                delay=product.lead_time_seconds)
        return {"region": stock.region.id, "product_id": product.id,
                "quantity": plan["quantity"], "numbers": numbers, "backordered": backordered,
                "status": "backordered" if backordered else "completed"}

    def deliver_backorder(self, tenant_id: str, payload: dict, at: datetime) -> None:
        """Scheduler handler: numbers AVOXI procured for a back-order arrive."""
        tenant = self.store.peek(tenant_id)
        if tenant is None:
            return
        stock = self.inventory.stock(self.catalog.regions[payload["region"]])
        product = self.catalog.products.get(payload["product_id"])
        with tenant.lock:
            state = tenant.state
            delivered = []
            for _ in range(payload["quantity"]):
                k = state.procured.get(stock.region.id, 0)
                nsn = stock.procured_nsn(k)
                if nsn is None:
                    break
                state.procured[stock.region.id] = k + 1
                self.add_number(state, stock.e164(nsn), stock=stock, nsn=nsn,
                                    product=product, reference_id=payload["reference_id"], at=at)
                delivered.append(stock.e164(nsn))
            order = state.orders.get(payload["reference_id"])
            for item in (order or {}).get("items", ()):
                if item["region"] == stock.region.id and item["backordered"]:
                    item["numbers"].extend(delivered)
                    item["backordered"] -= len(delivered)
                    item["status"] = "completed" if not item["backordered"] else "backordered"
                    break

    # -- extensions --------------------------------------------------------------------------

    @staticmethod
    def _extension_key(extension: str) -> str:
        if not _EXTENSION.fullmatch(extension):
            raise InvalidParameter("Invalid extension",
                                   f"extension {extension!r} must be 2 to 10 digits")
        return extension

    def extension(self, tenant: Tenant[AvoxiState], extension: str) -> dict:
        """``GET /extension/{extension}``: ``{"data": [configuration]}``."""
        key = self._extension_key(extension)
        with tenant.lock:
            record = tenant.state.extensions.get(key)
            if record is None:
                raise ExtensionNotFound(extension)
            return {"data": [self._public(tenant.state, record, _EXTENSION_KEYS)]}

    def set_extension(self, tenant: Tenant[AvoxiState], extension: str, body: Any) -> dict:
        """``PUT /extension/{extension}``: replace the name and every rule."""
        key = self._extension_key(extension)
        data = load(EXTENSION_BODY_SCHEMA, body, "Invalid extension configuration")["extension"]
        with tenant.lock:
            state = tenant.state
            record = state.extensions.get(key)
            if record is None:
                raise ExtensionNotFound(extension)
            conflicts = {}
            if data["number"] != key:
                conflicts["extension.number"] = f"{data['number']!r} is not extension {key}"
            if data["number_id"] != record["number_id"]:
                conflicts["extension.number_id"] = (
                    f"{data['number_id']!r} is not the number_id of extension {key}")
            if data.get("organization_id", state.organization_id) != state.organization_id:
                conflicts["extension.organization_id"] = "not your organization"
            if conflicts:
                raise BadRequest("Invalid extension configuration", fields=conflicts)
            rules = [self.make_rule(state, rule) for rule in data["rules"]]
            record.update(name=data["name"], rules=rules)
            return {"data": [self._public(state, record, _EXTENSION_KEYS)]}

    def make_rule(self, state: AvoxiState, rule: dict) -> dict:
        out = {"target_id": rule.get("target_id") or self.new_uuid(state, "rule"),
               "name": rule["name"], "priority": rule["priority"], "disabled": rule["disabled"],
               "activations": [{key: activation.get(key) for key in (
                   "start", "stop", "days", "start_time", "stop_time", "time_zone")}
                   for activation in rule["activations"]]}
        if "action" in rule:
            action = rule["action"]
            if action["type"] in ROUTING_ACTIONS:
                out["action"] = {"type": action["type"], "destination": action["destination"],
                                 "timeout_sec": action.get("timeout_sec", 60),
                                 "caller_id": action.get("caller_id", "Show Caller's Number"),
                                 "tags": action["tags"]}
            else:
                out["action"] = {"type": action["type"], "tags": action["tags"]}
        return out

    # -- entitlements ------------------------------------------------------------------------

    def entitlements(self, tenant: Tenant[AvoxiState], endpoints: list[dict]) -> dict:
        """``GET /entitlements``: families, endpoints and the token's details. The token is
        taken as refreshed every day, so its expiration is always ahead of the mock clock."""
        now = self.clock.timestamp()
        with tenant.lock:
            state = tenant.state
            periods = max(1, int((now - state.issued_at) // TOKEN_LIFETIME) + 1)
            expiration = int(state.issued_at + periods * TOKEN_LIFETIME)
            token = {"organization_id": state.organization_id,
                     "organization_name": state.organization_name,
                     "user_id": state.user_id, "user_email": state.user_email,
                     "expiration": expiration,
                     "expiration_formatted": _iso(datetime.fromtimestamp(
                         expiration, timezone.utc).replace(tzinfo=None))}
        return {"endpoint_families": {"Numbers": "Enabled", "Provisioning": "Enabled",
                                      "Entitlements": "Enabled"},
                "endpoints": endpoints, "token": token}


def describe_number(e164: str) -> tuple[str, str]:
    """``(country_code, local_format)`` of any valid number, via phonenumbers."""
    parsed = phonenumbers.parse(e164, None)
    country = phonenumbers.region_code_for_number(parsed) or ""
    national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return country, "".join(ch for ch in national if ch.isdigit())
