"""Fixture facts and checks shared by the Evo Voice contract tests."""
from __future__ import annotations

import base64
import random
import re
from datetime import datetime

import phonenumbers

BUY = "/endpoints/phone-numbers"
ROUTES = [BUY, BUY + ".json", "/json/reply/BuyPhoneNumber", "/json/reply/BuyPhoneNumber.json",
          "/api/BuyPhoneNumber", "/api/BuyPhoneNumber.json"]

DEMO_ACCOUNT = ("3f9c2b1e-5a4d-4c1b-9e2f-1a2b3c4d5e6f", "Evo Demo Telecom")
GLOBEX_ACCOUNT = ("8e7d6c5b-4a39-4281-9f0e-d1c2b3a49586", "Globex Communications")
ACME = ("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "Acme Corporation")
ACME_WEST = ("6b1d7a52-0c3e-4f8a-b5d6-2e7f8a9b0c1d", "Acme West")
ACME_WEST_SALES = ("d4c3b2a1-9f8e-4d7c-a6b5-c4d3e2f1a0b9", "Acme West Sales")
GLOBEX_RETAIL = ("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", "Globex Retail")
MAIN_IVR = ("f1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8", "Main IVR")
GLOBEX_FLOW = ("f3c4d5e6-f7a8-4192-a3b4-c5d6e7f8a9b0", "Globex Reception")
VIP = {"id": "7a9e1c3b-2d4f-4a6c-8e0b-1d3f5a7c9e2b", "name": "VIP", "color": "Gold"}
SALES = {"id": "8b0f2d4c-3e5a-4b7d-9f1c-2e4a6b8d0f3c", "name": "Sales", "color": "Blue"}
GLOBEX_TAG = {"id": "ad2b4f6e-5a7c-4d9f-b13e-4a6c8d0f2b5e", "name": "Globex", "color": "Red"}
#: numbers of the seeded inventory (fixtures/evovoice/inventory.json)
ATLANTA = ["+14702035109", "+14702035110", "+14702035111", "+14702035112"]
LONDON = "+442079460000"
#: fixture users: (userName, password, apiKey)
ADMIN = ("admin@evovoice.test", "admin-secret", "evo-key-admin-7f3c9a")
MANAGER = ("manager@evovoice.test", "manager-secret", "evo-key-manager-51be02")
CUSTOMER = ("customer@evovoice.test", "customer-secret", "evo-key-customer-c0ffee")
VIEWER = ("viewer@evovoice.test", "viewer-secret", "evo-key-viewer-0d0d0d")

E = "enum"
STRUCT = "struct"
ENDPOINT_INFO = {
    "accountId": str, "accountName": str, "customerId": str, "customerName": str,
    "referenceId": str, "customerBreadcrumb": list, "displayName": str, "type": E,
    "extraInformation": str, "flowId": str, "flowName": str, "flowParams": STRUCT,
    "flowSchedule": E, "schedule": dict, "scheduledFlows": list, "disableSms": bool,
    "useExternal10DlcCampaign": bool, "isVirtualPhoneNumber": bool,
    "isCallerIdVerified": bool, "callerIdVerificationCode": str, "phoneNumber": str,
    "phoneNumberSid": str, "callerIdName": str, "addressSid": str,
    "doNotTouchPhoneNumber": bool, "isEnrolledIn10DlcService": bool,
    "enableCallerIdLookup": bool, "userEmailAddress": str, "sipRegion": E,
    "sipCredentialSid": str, "sipUserName": str, "sipPassword": str, "sipDomain": str,
    "enableEmergencyCalling": bool, "emergencyAddressSid": str,
    "emergencyPhoneNumberId": str, "agentState": E, "agentStateReason": E, "userMode": E,
    "voicemailGreetingId": str, "data": STRUCT, "emailAddress": str, "userFirstName": str,
    "userLastName": str, "avatarUrl": str, "managerRole": E, "dashboardPermissions": list,
    "myFieldPermissions": E, "customerFieldPermissions": E, "otherUserFieldPermissions": E,
    "otherEndpointFieldPermissions": E, "name": str, "tags": list, "actionUrls": list,
    "teamMemberIds": list, "contactListVisibility": E, "contacts": list, "documoId": str,
    "integrationData": dict, "thirdPartyPhoneSystemSettings": dict,
    "overrideAppSettings": bool, "appSettings": dict,
    "id": str, "dateCreated": str, "dateLastModified": str, "createdBy": str,
    "lastModifiedBy": str,
}
ENUMS = {
    "type": {"PhoneNumber", "User", "FaxNumber", "EmailAddress", "Team"},
    "flowSchedule": {"Always", "Scheduled", "Simple"},
    "sipRegion": {"NorthAmericaVirginia", "NorthAmericaOregon", "EuropeIreland",
                  "EuropeFrankfurt", "AsiaPacificSingapore", "AsiaPacificTokyo",
                  "AsiaPacificSydney", "SouthAmericaSanPaolo"},
    "agentState": {"Unknown", "Ready", "NotReady", "LoggedOut", "WrapUp", "Outgoing", "Other"},
    "agentStateReason": {"Unknown", "SetByUser", "MissedCall", "SetBySystem"},
    "userMode": {"SoftPhone", "Sip", "Flow", "DataOnly", "ThirdParty"},
    "managerRole": {"None", "Manager", "VoicemailAndCallHistory", "Custom"},
    "myFieldPermissions": {"Hidden", "ReadOnly", "ReadWrite"},
    "customerFieldPermissions": {"Hidden", "ReadOnly", "ReadWrite"},
    "otherUserFieldPermissions": {"Hidden", "ReadOnly", "ReadWrite"},
    "otherEndpointFieldPermissions": {"Hidden", "ReadOnly", "ReadWrite"},
    "contactListVisibility": {"None", "CurrentCustomer", "CurrentAndChildCustomers"},
}
SCHEDULE = {"timeZoneId": str, "inherit": bool, "forceClosed": bool, "rules": list,
            "defaultState": str}
APP_SETTINGS = {"enablePhoneNumberManagement": bool, "enableDeviceManagement": bool,
                "enableDialer": bool, "enableCallHistory": bool,
                "showFileNameInMessageCenter": bool, "chakraTheme": str, "customCss": str,
                "pageTitle": str, "stringMappings": str, "logoutUrl": str,
                "portMyNumberUrl": str}
SID = re.compile(r"PN[0-9a-f]{32}")


def basic(user: str, password: str) -> str:
    """An ``Authorization: Basic`` header value."""
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def set_cookies(reply) -> str:
    """Every Set-Cookie header of a reply, joined (either transport)."""
    headers = reply.headers
    if hasattr(headers, "getlist"):
        return "; ".join(headers.getlist("Set-Cookie"))
    return headers.get("Set-Cookie", "")


def fresh_number() -> str:
    """A valid US number that is not in the inventory (for virtual numbers)."""
    while True:
        candidate = f"+1678{random.randint(2, 9)}{random.randint(0, 999999):06d}"
        if phonenumbers.is_valid_number(phonenumbers.parse(candidate)):
            return candidate


def assert_error(reply, status: int, code: str | None = None,
                 field: str | None = None) -> dict:
    """ServiceStack's error body: responseStatus with errorCode, message and errors (one
    naming ``field`` when given)."""
    assert reply.status_code == status, reply.text
    assert reply.headers["Content-Type"].startswith("application/json"), reply.headers
    body = reply.json()
    assert set(body) == {"responseStatus"}, body
    status_body = body["responseStatus"]
    assert set(status_body) == {"errorCode", "message", "errors"}, status_body
    assert isinstance(status_body["message"], str) and status_body["message"]
    assert isinstance(status_body["errors"], list)
    if code is not None:
        assert status_body["errorCode"] == code, status_body
    if field is not None:
        assert [e["fieldName"] for e in status_body["errors"]] == [field], status_body
        error = status_body["errors"][0]
        assert set(error) == {"errorCode", "fieldName", "message"}
        assert error["message"] and error["errorCode"] == status_body["errorCode"]
    return status_body


def assert_endpoint_info(info: dict) -> None:
    """Every EndpointInfo property of the seed, in its documented casing and type."""
    assert set(info) == set(ENDPOINT_INFO), set(info) ^ set(ENDPOINT_INFO)
    for name, kind in ENDPOINT_INFO.items():
        value = info[name]
        if kind == E:
            assert value in ENUMS[name], (name, value)
        elif kind == STRUCT:
            assert isinstance(value, dict), (name, value)
        else:
            assert isinstance(value, kind), (name, value)
    assert set(info["schedule"]) == set(SCHEDULE)
    assert all(isinstance(info["schedule"][k], t) for k, t in SCHEDULE.items())
    assert set(info["appSettings"]) == set(APP_SETTINGS)
    assert all(isinstance(info["appSettings"][k], t) for k, t in APP_SETTINGS.items())
    settings = info["thirdPartyPhoneSystemSettings"]
    assert settings["type"] in {"Demo", "Sip"}
    assert isinstance(settings["sipSettings"]["accounts"], list)
    assert isinstance(settings["demoSettings"]["extension"], str)
    for crumb in info["customerBreadcrumb"]:
        assert set(crumb) == {"id", "name"}
    for tag in info["tags"]:
        assert set(tag) == {"id", "name", "color"}
    assert info["flowSchedule"] == "Always"
    for stamp in ("dateCreated", "dateLastModified"):
        datetime.fromisoformat(info[stamp].replace("Z", "+00:00"))
    assert info["id"]


def buy(api, number: str, path: str = BUY, **body) -> dict:
    """Buy ``number`` (with more BuyPhoneNumber properties) and return its EndpointInfo."""
    reply = api.post(path, json={"number": number, **body})
    assert reply.status_code == 200, reply.text
    assert reply.headers["Content-Type"].startswith("application/json")
    return reply.json()


def still_available(api, number: str) -> None:
    """Nothing was bought: the number can still be bought (by the same tenant)."""
    assert buy(api, number)["phoneNumber"] == number
