"""Notification and Usage routes (seed 004, List Notifications, View Notification, View
Usage, List Usages): what the account was told and what it used."""
from __future__ import annotations

from .api import Call, Router


def register(api: Router) -> None:
    """Add the Notification and Usage routes."""
    backend = api.backend

    @api.route("/Notifications", ["GET"])
    def list_notifications(call: Call):
        """GET /Notifications with Log, Page, PageSize."""
        return call.page(backend.list_notifications(call.account_sid, call.args,
                                                    call.window()),
                         "notifications", "Notification")

    @api.route("/Notifications/<sid:notification_sid>", ["GET"])
    def view_notification(call: Call, notification_sid: str):
        """GET /Notifications/{NotificationSid}."""
        return call.one(backend.view_notification(call.account_sid, notification_sid),
                        "Notification")

    @api.route("/Usages", ["GET"])
    def list_usages(call: Call):
        """GET /Usages with Day, Month, Year, Product, Page, PageSize."""
        return call.page(backend.list_usages(call.account_sid, call.args, call.window()),
                         "usages", "Usage")

    @api.route("/Usages/<sid:usage_sid>", ["GET"])
    def view_usage(call: Call, usage_sid: str):
        """GET /Usages/{UsageSid}."""
        return call.one(backend.view_usage(call.account_sid, usage_sid), "Usage")
