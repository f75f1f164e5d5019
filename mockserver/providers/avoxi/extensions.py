"""AVOXI extensions (``GET`` and ``PUT /extension/{extension}``): PUT replaces every rule."""
from __future__ import annotations

from typing import Any

from ...core.errors import BadRequest
from ...core.state import Tenant
from ...core.validation import load
from .errors import ExtensionNotFound, InvalidParameter
from .schemas import ROUTING_ACTIONS, ExtensionBodySchema
from .state import EXTENSION, AvoxiState

EXTENSION_KEYS = ("number_id", "organization_id", "number", "name", "rules")
EXTENSION_BODY_SCHEMA = ExtensionBodySchema()


class Extensions:
    """The extension operations of ``AvoxiBackend`` (a mixin: it uses the backend's ids)."""

    @staticmethod
    def _extension_key(extension: str) -> str:
        if not EXTENSION.fullmatch(extension):
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
            return {"data": [self.public_view(tenant.state, record, EXTENSION_KEYS)]}

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
            return {"data": [self.public_view(state, record, EXTENSION_KEYS)]}

    def make_rule(self, state: AvoxiState, rule: dict) -> dict:
        """A validated rule in its stored form: every key present, a ``target_id``, and the
        ``Dial`` action's defaults filled in."""
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
