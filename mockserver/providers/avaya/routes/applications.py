"""Application routes (seed 004, View/Create/Update/Delete/List Application(s))."""
from __future__ import annotations

from ..applications import APPLICATION_PARAMS
from .api import Call, Router

ELEMENT = "Application"
ITEM = "/Applications/<sid:application_sid>"


def register(api: Router) -> None:
    """Add the Application routes."""
    backend = api.backend

    @api.route("/Applications", ["GET"])
    def list_applications(call: Call):
        """GET /Applications with FriendlyName, Page, PageSize."""
        return call.page(backend.list_applications(call.account_sid, call.args,
                                                   call.window()), "applications", ELEMENT)

    @api.route("/Applications", ["POST"])
    def create_application(call: Call):
        """POST /Applications with the documented body parameters."""
        return call.one(backend.create_application(call.account_sid,
                                                   call.params(APPLICATION_PARAMS)), ELEMENT)

    @api.route(ITEM, ["GET"])
    def view_application(call: Call, application_sid: str):
        """GET /Applications/{ApplicationSid}."""
        return call.one(backend.view_application(call.account_sid, application_sid), ELEMENT)

    @api.route(ITEM, ["POST"])
    def update_application(call: Call, application_sid: str):
        """POST /Applications/{ApplicationSid} with the parameters to change."""
        return call.one(backend.update_application(call.account_sid, application_sid,
                                                   call.params(APPLICATION_PARAMS)), ELEMENT)

    @api.route(ITEM, ["DELETE"])
    def delete_application(call: Call, application_sid: str):
        """DELETE /Applications/{ApplicationSid}: answers with the deleted resource."""
        return call.one(backend.delete_application(call.account_sid, application_sid),
                        ELEMENT)
