"""The AVOXI backend: every operation on a tenant's state. No Flask here: the routes
parse, call one method, and render what it returns. Orders and extensions live in their own
modules (``orders.py``, ``extensions.py``) as parts of this one class.

A tenant (one bearer token) is an organisation with its numbers, extensions and orders.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Mapping

from ...core.clock import iso_millis
from ...core.params import listed
from ...core.provider import Services
from ...core.state import ProviderStore, Tenant
from .catalog import Catalog, Product, Region
from .errors import InvalidParameter
from .extensions import Extensions
from .inventory import Inventory, RegionStock
from .orders import DELIVERY, SLUG, Orders
from .state import AvoxiState, describe_number, search_number

TOKEN_LIFETIME = 24 * 3600
_NUMBER_KEYS = ("number_id", "organization_id", "number", "name", "rules", "country_code",
                "local_format")


class AvoxiBackend(Orders, Extensions):
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
                   rules: list | None = None, at: datetime | None = None,
                   number_id: str | None = None) -> dict:
        """Record a number the tenant now owns, with its configuration (named after the
        number unless ``name`` is given) and where it came from. ``number_id`` fixes the
        id (the seed's example number); a new one is drawn either way, so the ids that
        follow do not depend on it."""
        if stock is not None and nsn is not None:
            country, local = stock.region.country, stock.local_format(nsn)
        else:
            country, local = describe_number(e164)
        drawn = self.new_uuid(state, "number")
        number_id = number_id or drawn
        record = {"number_id": number_id, "number": e164, "name": name or e164,
                  "rules": rules or [], "country_code": country, "local_format": local,
                  "region": stock.region.id if stock else None,
                  "product_id": product.id if product else None, "reference_id": reference_id,
                  "created": iso_millis(at or self.clock.now()), "seq": state.counter}
        state.numbers[number_id] = record
        return record

    def list_numbers(self, tenant: Tenant[AvoxiState], query: Mapping[str, str]) -> list[dict]:
        """``GET /numbers`` filtered by number_id, number, numbers and name (all must hold);
        ``query`` is a MultiDict (``numbers`` may repeat)."""
        number_id = query.get("number_id")
        wanted: set[str] = set()
        if (number := query.get("number")) is not None:
            wanted.add(search_number(number, "number"))
        many_set = {search_number(v, "numbers") for v in listed(query, "numbers", "numbers[]")}
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
                found.append(self.public_view(state, record, _NUMBER_KEYS))
            return found

    @staticmethod
    def public_view(state: AvoxiState, record: dict, keys: tuple[str, ...]) -> dict:
        """A stored number or extension as the API shows it: ``keys`` in order, with the
        tenant's organization_id."""
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
                     "expiration_formatted": iso_millis(datetime.fromtimestamp(
                         expiration, timezone.utc).replace(tzinfo=None))}
        return {"endpoint_families": {"Numbers": "Enabled", "Provisioning": "Enabled",
                                      "Entitlements": "Enabled"},
                "endpoints": endpoints, "token": token}
