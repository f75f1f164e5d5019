"""AVOXI orders (``POST /order``): planning every item before anything changes, taking
numbers from stock, and back-orders delivered on the mock clock."""
from __future__ import annotations

import base64
import bisect
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ...core.clock import iso_millis
from ...core.errors import BadRequest
from ...core.state import Tenant
from ...core.validation import load
from .catalog import Product, Region
from .errors import InvalidParameter
from .inventory import kth_free
from .schemas import OrderSchema
from .state import AvoxiState, normalise_e164

if TYPE_CHECKING:
    from .models import AvoxiBackend

SLUG = "avoxi"
DELIVERY = "backorder-delivery"
# marshmallow schemas are stateless once built, and building one costs more than loading
ORDER_SCHEMA = OrderSchema()


class Orders:
    """The order operations of ``AvoxiBackend`` (a mixin: it uses the backend's catalog,
    inventory, clock, scheduler, store and number records)."""

    def order(self: "AvoxiBackend", tenant: Tenant[AvoxiState], body: Any) -> dict:
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
                "created": iso_millis(self.clock.now()), "items": items}
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
