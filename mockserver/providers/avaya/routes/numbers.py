"""Phone number routes (seed 004): IncomingPhoneNumbers, BYOC numbers, AvailablePhoneNumbers
and Numbers/AllowedCountries."""
from __future__ import annotations

from ..incoming_numbers import ADD_PARAMS, UPDATE_PARAMS
from .api import Call, Router

NUMBER, NUMBERS = "IncomingPhoneNumber", "incoming_phone_numbers"
NUMBER_PATH = "/IncomingPhoneNumbers/<sid:number_sid>"
#: the seed writes the BYOC path both ``Numbers/Byoc`` and ``Numbers/BYOC``
BYOC_PATH = "/Numbers/<any(Byoc,BYOC,byoc):byoc>/<sid:number_sid>"


def register(api: Router) -> None:
    """Add the phone number routes."""
    backend = api.backend

    @api.route("/IncomingPhoneNumbers", ["GET"])
    def numbers_list(call: Call):
        """List Numbers (Contains, FriendlyName, Page, PageSize)."""
        return call.page(backend.list_numbers(call.account_sid, call.args, call.window()),
                         NUMBERS, NUMBER)

    @api.route("/IncomingPhoneNumbers", ["POST"])
    def numbers_add(call: Call):
        """Add Number (PhoneNumber or AreaCode; with ByocVendor, a BYOC number)."""
        return call.one(backend.add_number(call.account_sid, call.params(ADD_PARAMS)), NUMBER)

    @api.route(NUMBER_PATH, ["GET"])
    def numbers_view(call: Call, number_sid: str):
        """View Number."""
        return call.one(backend.view_number(call.account_sid, number_sid), NUMBER)

    @api.route(NUMBER_PATH, ["POST"])
    def numbers_update(call: Call, number_sid: str):
        """Update Number."""
        return call.one(backend.update_number(call.account_sid, number_sid,
                                              call.params(UPDATE_PARAMS)), NUMBER)

    @api.route(NUMBER_PATH, ["DELETE"])
    def numbers_delete(call: Call, number_sid: str):
        """Delete Number: the deleted resource."""
        return call.one(backend.delete_number(call.account_sid, number_sid), NUMBER)

    @api.route("/Byoc", ["POST"])
    def numbers_byoc_add(call: Call):
        """Add a BYOC number (ByocVendor, PhoneNumber, Type)."""
        return call.one(backend.add_byoc_number(call.account_sid, call.params(ADD_PARAMS)),
                        NUMBER)

    @api.route("/Numbers/<any(Byoc,BYOC,byoc):byoc>", ["GET"])
    def numbers_byoc_list(call: Call, byoc: str):
        """List BYOC numbers."""
        return call.page(backend.list_byoc_numbers(call.account_sid, call.args,
                                                   call.window()), NUMBERS, NUMBER)

    @api.route(BYOC_PATH, ["POST"])
    def numbers_byoc_update(call: Call, byoc: str, number_sid: str):
        """Update a BYOC number."""
        return call.one(backend.update_byoc_number(call.account_sid, number_sid,
                                                   call.params(UPDATE_PARAMS)), NUMBER)

    @api.route(BYOC_PATH, ["DELETE"])
    def numbers_byoc_delete(call: Call, byoc: str, number_sid: str):
        """Delete a BYOC number: the deleted resource."""
        return call.one(backend.delete_byoc_number(call.account_sid, number_sid), NUMBER)

    @api.route("/AvailablePhoneNumbers/<sid:country>/<sid:number_type>", ["GET"])
    def numbers_available(call: Call, country: str, number_type: str):
        """List Available Numbers (Contains, AreaCode, InRegion, InPostalCode, paging)."""
        return call.page(backend.list_available_numbers(call.account_sid, country,
                                                        number_type, call.args,
                                                        call.window()),
                         "available_phone_numbers", "AvailablePhoneNumber")

    @api.route("/Numbers/AllowedCountries/<sid:number_type>", ["GET"])
    def numbers_allowed_countries(call: Call, number_type: str):
        """List Available Countries (Country, ServiceType, paging)."""
        return call.page(backend.list_allowed_countries(call.account_sid, number_type,
                                                        call.args, call.window()),
                         "allowed_countries", "AllowedCountry")
