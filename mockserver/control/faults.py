"""``/_mock/faults``: the fault rules (``core.faults``) a test adds, lists and removes."""
from __future__ import annotations

from flask import Blueprint, request

from ..core.body import read_json
from ..core.errors import NotFound
from ..core.faults import FaultRules
from ..core.render import json_response
from .common import refuse_unknown


def register(bp: Blueprint, faults: FaultRules) -> None:
    """Add the fault endpoints to the control blueprint."""

    @bp.post("/faults")
    def add_faults():
        """POST /_mock/faults: one rule or a list of them, all or none; 201 with ids."""
        refuse_unknown(request.args, ())
        body = read_json(request)
        added = faults.add(body if isinstance(body, list) else [body])
        return json_response({"faults": added} if isinstance(body, list) else added[0], 201)

    @bp.get("/faults")
    def list_faults():
        """GET /_mock/faults: every rule, with how often it matched and fired."""
        refuse_unknown(request.args, ())
        return json_response({"faults": faults.list()})

    @bp.delete("/faults")
    def clear_faults():
        """DELETE /_mock/faults: every rule."""
        refuse_unknown(request.args, ())
        return json_response({"deleted": faults.clear()})

    @bp.delete("/faults/<rule_id>")
    def delete_fault(rule_id: str):
        """DELETE /_mock/faults/<id>: one rule (404 when there is none)."""
        refuse_unknown(request.args, ())
        if not faults.remove(rule_id):
            raise NotFound(details=f"no fault rule {rule_id!r}")
        return json_response({"deleted": rule_id})
