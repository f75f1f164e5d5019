"""``EndpointInfo`` (seed 001), the response of BuyPhoneNumber: every documented property,
in its documented casing and order, with a value of its documented type. Properties a
phone number has no value for are empty strings, false, empty lists or the enum's first
member, so that a client always finds every field (see docs/providers/evovoice.md)."""
from __future__ import annotations

from ...core import phones

PHONE_NUMBER, FAX_NUMBER = "PhoneNumber", "FaxNumber"


def default_schedule() -> dict:
    """A new endpoint's schedule: inherited from its customer, no rules of its own."""
    return {"timeZoneId": "", "inherit": True, "forceClosed": False, "rules": [],
            "defaultState": ""}


def default_third_party_settings() -> dict:
    """ThirdPartyPhoneSystemSettings with nothing configured."""
    return {"type": "Demo", "sipSettings": {"accounts": []}, "demoSettings": {"extension": ""}}


def default_app_settings() -> dict:
    """AppSettings with nothing overridden."""
    return {"enablePhoneNumberManagement": False, "enableDeviceManagement": False,
            "enableDialer": False, "enableCallHistory": False,
            "showFileNameInMessageCenter": False, "chakraTheme": "", "customCss": "",
            "pageTitle": "", "stringMappings": "", "logoutUrl": "", "portMyNumberUrl": ""}


def describe(e164: str) -> tuple[str, str]:
    """``(display name, extra information)``: the number in international format and where
    it is (phonenumbers' geocoder), for the portal's grid."""
    return phones.formatted(e164, phones.INTERNATIONAL) or e164, phones.described(e164)


def phone_number_info(*, endpoint_id: str, number: str, fax: bool, virtual: bool,
                      sid: str, account: dict, customer: dict | None, breadcrumb: list[dict],
                      flow: dict | None, flow_params: dict, tags: list[dict], data: dict,
                      address_sid: str, user: str, at: str) -> dict:
    """The EndpointInfo of a number just bought (or created, when virtual)."""
    display, extra = describe(number)
    return {
        "accountId": account["id"], "accountName": account["name"],
        "customerId": customer["id"] if customer else "",
        "customerName": customer["name"] if customer else "",
        "referenceId": "", "customerBreadcrumb": breadcrumb, "displayName": display,
        "type": FAX_NUMBER if fax else PHONE_NUMBER, "extraInformation": extra,
        "flowId": flow["id"] if flow else "", "flowName": flow["name"] if flow else "",
        "flowParams": flow_params, "flowSchedule": "Always", "schedule": default_schedule(),
        "scheduledFlows": [], "disableSms": False, "useExternal10DlcCampaign": False,
        "isVirtualPhoneNumber": virtual, "isCallerIdVerified": False,
        "callerIdVerificationCode": "", "phoneNumber": number, "phoneNumberSid": sid,
        "callerIdName": "", "addressSid": address_sid, "doNotTouchPhoneNumber": False,
        "isEnrolledIn10DlcService": False, "enableCallerIdLookup": False,
        "userEmailAddress": "", "sipRegion": "NorthAmericaVirginia", "sipCredentialSid": "",
        "sipUserName": "", "sipPassword": "", "sipDomain": "", "enableEmergencyCalling": False,
        "emergencyAddressSid": "", "emergencyPhoneNumberId": "", "agentState": "Unknown",
        "agentStateReason": "Unknown", "userMode": "SoftPhone", "voicemailGreetingId": "",
        "data": data, "emailAddress": "", "userFirstName": "", "userLastName": "",
        "avatarUrl": "", "managerRole": "None", "dashboardPermissions": [],
        "myFieldPermissions": "Hidden", "customerFieldPermissions": "Hidden",
        "otherUserFieldPermissions": "Hidden", "otherEndpointFieldPermissions": "Hidden",
        "name": "", "tags": tags, "actionUrls": [], "teamMemberIds": [],
        "contactListVisibility": "None", "contacts": [], "documoId": "",
        "integrationData": {}, "thirdPartyPhoneSystemSettings": default_third_party_settings(),
        "overrideAppSettings": False, "appSettings": default_app_settings(),
        "id": endpoint_id, "dateCreated": at, "dateLastModified": at, "createdBy": user,
        "lastModifiedBy": user,
    }

