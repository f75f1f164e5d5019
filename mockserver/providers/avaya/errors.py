"""Avaya Communications APIs errors (seed 004_0bee4f3fb019fb3f.txt, Response and Errors).

Every error is a ``RestException`` with the HTTP status, a message, the seed's numeric error
code and a ``MoreInfo`` link to the error dictionary; in XML (the default) it is wrapped in
``<Response>``, in JSON it is ``{"status", "message", "code", "more_info"}``::

    <Response><RestException><Status>403</Status><Message>Invalid credentials</Message>
    <Code>10004</Code><MoreInfo>http://www.zang.io/docs/api/rest/overview/errors/10004
    </MoreInfo></RestException></Response>

``AvayaError(code, message=None, status=...)`` takes its message from ``MESSAGES`` (the
seed's error table) unless given one. Werkzeug's routing errors and the core hierarchy are
mapped onto codes in ``CORE_CODES``. Which mistake answers with which code is listed in
docs/providers/avaya.md.
"""
from __future__ import annotations

from flask import Response, request

from ...core.errors import InternalError, ProviderError
from ...core.faults import InjectedError
from ...core.render import header_value
from .wire import error_document, format_of

SLUG = "avaya"
MORE_INFO = "http://www.zang.io/docs/api/rest/overview/errors/{code}"
#: the mock's own explanation of an error, beside the provider's exact body
DETAIL_HEADER = "X-Mockserver-Detail"

#: the seed's error table, for the codes this mock answers with
MESSAGES = {
    10001: "Account is not active",
    10002: "Trial account does not support this feature",
    10003: "Incoming call rejected due to inactive account",
    10004: "Invalid credentials",
    10022: "REST API call rejected with incorrect parameters",
    11100: "Invalid URL format",
    11101: "Invalid URL! Not valid InboundXML document",
    11200: "HTTP retrieval failure",
    11205: "HTTP connection failure",
    11210: "HTTP bad host name",
    12100: "Document parse failure",
    12102: "The root element must be Response",
    12105: "Used Fallback URL due to error with primary URL",
    12200: "Schema validation warning",
    12300: "Invalid Content-Type",
    12301: "Length of the URL is bigger than allowed",
    12400: "Internal Failure",
    13201: "Dial: Cannot Dial out from a Dial Call Segment",
    13210: "Dial: Invalid method value",
    13212: "Dial: Invalid timeout value",
    13213: "Dial: Invalid hangupOnStar value",
    13214: "Dial: Invalid callerId value",
    13215: "Dial: Invalid nested element",
    13216: "Dial: Invalid timeLimit value",
    13221: "Dial->Number: Invalid method value",
    13222: "Dial->Number: Invalid sendDigits value",
    13223: "Dial: Invalid phone number format",
    13224: "Dial: Invalid phone number",
    13225: "Dial: Forbidden phone number",
    13226: "Dial: Destination address is missing",
    13227: "Dial: Invalid user specified",
    13230: "Dial->Conference: Invalid muted value",
    13231: "Dial->Conference: Invalid endConferenceOnExit value",
    13232: "Dial->Conference: Invalid startConferenceOnEnter value",
    13233: "Dial->Conference: Invalid waitUrl",
    13234: "Dial->Conference: Invalid waitMethod",
    13235: "Dial->Conference: Invalid beep value",
    13237: "Dial->Conference: Invalid Conference Name",
    13239: "Dial->User Sorry, this user is not currently reachable in this Application",
    13310: "Gather: Invalid finishOnKey value",
    13312: "Gather: Invalid method value",
    13313: "Gather: Invalid timeout value",
    13314: "Gather: Invalid numDigits value",
    13320: "Gather: Invalid nested verb",
    13321: "Gather->Say: Invalid voice value",
    13322: "Gather->Say: Invalid loop value",
    13335: "GetSpeech: Invalid SRGS grammar file",
    13410: "Play: Invalid loop value",
    13421: "Play: No file URL provided",
    13510: "Say: Invalid loop value",
    13511: "Say: Invalid voice value",
    13520: "Say: Invalid text",
    13610: "Record: Invalid method value",
    13611: "Record: Invalid timeout value",
    13612: "Record: Invalid maxLength value",
    13613: "Record: Invalid finishOnKey value",
    13614: "There is no recording URL available. Recording cannot be transcribed",
    13710: "Redirect: Invalid method value",
    13910: "Pause: Invalid length value",
    14101: 'Invalid "To" attribute',
    14102: 'Invalid "From" attribute',
    14103: "Invalid Body",
    14104: "Invalid Method attribute",
    14105: "Invalid statusCallback attribute",
    14108: "From phone number not SMS capable",
    14109: "SMS Reply message limit exceeded",
    14110: "Invalid Verb for SMS Reply",
    14111: "Invalid To phone number for Trial mode",
    14115: "MMS: Could not fetch file",
    14117: "MMS: File type could not be determined or is unsupported",
    14200: "Only one phone number allowed for trial accounts",
    20001: "Unknown parameters",
    20002: "Invalid FriendlyName",
    20003: "Permission Denied",
    20004: "Method not allowed",
    20005: "Account not active",
    21201: "No 'To' number specified",
    21205: "Invalid URL",
    21206: "Invalid SendDigits",
    21207: "Invalid IfMachine",
    21208: "Invalid Timeout",
    21209: "Invalid Method",
    21211: "Invalid 'To' Phone Number",
    21212: "Invalid 'From' Phone Number",
    21213: "'From' phone number is required",
    21215: "Account not authorized to call phone number",
    21217: "Phone number does not appear to be valid",
    21218: "Invalid ApplicationSid",
    21220: "Invalid call state",
    21221: "Call is not active. Resource access is allowed only for active (live) calls",
    21222: "Sound effect parameter is out of bounds. Please consult documentation for more details",
    21227: "SID Could not be found",
    21229: "Invalid StatusCallback provided. If set, it must be a valid URL",
    21231: "Invalid FallbackUrl provided. If set, it must be a valid URL",
    21232: "Invalid HeartbeatUrl provided. If set, it must be a valid URL",
    21234: "Invalid IfMachineUrl provided. If set, it must be a valid URL",
    21401: "Invalid Phone Number",
    21402: "Invalid Url",
    21403: "Invalid Method",
    21404: "Inbound phone numbers not available to trial accounts",
    21405: "Cannot set VoiceFallbackUrl without setting Url",
    21406: "Cannot set SmsFallbackUrl without setting SmsUrl",
    21407: "This Phone Number type does not support SMS",
    21408: "No PhoneNumber or AreaCode POSTed",
    21451: "Invalid area code",
    21452: "No phone numbers found in area code",
    21455: "Phone number already purchased for another account",
    21457: "AreaCode not supported",
    21458: "PhoneNumber provisioning type mismatch",
    21501: "Resource not available",
    21502: "Invalid callback url",
    21503: "Invalid transcription type",
    21507: "Recording parameter 'direction' must be one of 'in', 'out' or 'both'",
    21509: "Recording could not be stopped",
    21510: "Call has too many recordings",
    21601: "Phone number is not a valid SMS-capable inbound phone number",
    21602: "Message body is required",
    21603: "'From' phone number is required to send an SMS",
    21604: "'To' phone number is required to send an SMS",
    21605: "Maximum SMS body length is 160 characters",
    21606: "The 'From' phone number provided is not a valid, SMS-capable inbound phone "
           "number for your account",
    21610: "Maximum Unicode SMS body length is 70 characters",
    21611: "SMS To address cannot be the same as the From address",
    31006: "Your request for lookup has been rejected. Given phone number country code is "
           "not supported",
    31007: "Lookup for specified phone number is not supported",
    31008: "Rate could not be found for requested destination number",
    31010: "Sorry, we currently do not support that destination for SMS. Please contact "
           "support if you need more information",
    31016: "Requested phone number CNAM details could not be discovered",
    31017: "Requested phone number Carrier details could not be discovered",
    31020: "BNA details could not be discovered for requested phone number",
    31021: "CNAM details could not be discovered for requested phone number",
    31026: "Requested phone number details could not be discovered",
    32004: "SIP user is not available.",
    32005: "Invalid Date filter provided",
    50006: "Fatal error transcribing audio due to missing or invalid media url",
    61000: "Invalid Member ID",
    61003: "Invalid or missing Play URL",
    61004: "Invalid Conference call provided",
    62000: "Invalid username provided. Please make sure to pass valid username in order to "
           "create SIP credential",
    62001: "Invalid password provided. Please make sure to pass valid password in order to "
           "create SIP credential",
    62002: "SIP credential for specified username already exist. Please pick different "
           "username",
    62003: "Invalid password provided. Please make sure to pass valid password in order to "
           "updated SIP credential",
    62004: "Invalid ip address provided. Please make sure to pass valid ip address in "
           "order to update record",
    62005: "Invalid ip address provided. Please make sure to pass valid ip address in "
           "order to create record",
    62006: "Domain name is not valid. Please make sure domain name is set and contains only "
           "letters, digits and/or dash",
    62007: "Domain name is not available. Please pick another name",
    62008: "Invalid ip access control list sid provided. Please sure one exist first",
    62009: "IP access control list is already assigned to domain",
    62010: "Invalid ip access control list sid provided. Please sure one exist first",
    62011: "IP access control list is not assigned to domain. Removal rejected",
    62012: "Invalid credential list sid provided. Please sure one exist first",
    62013: "Credential list is already assigned to domain",
    62014: "Invalid credential list sid provided. Please sure one exist first",
    62015: "Credential list is not assigned to domain. Removal rejected",
    62016: "Ip address already exist for specified ip access control list",
    70001: "Country could not be authorized",
    70002: "Requested country is not supported",
    70003: "Requested country is already blocked",
    70004: "Country could not be removed from whitelisted destinations",
    70005: "Outbound call you are trying to make costs more than allowed",
    70006: "You do not have permission to place this call",
    70007: "Country added to blacklisted destinations",
    70008: "You do not have permission to send this SMS",
    70009: "The account does not have sufficient privileges to send this SMS. Fraud detected",
    70010: "Calls to mobile numbers are disabled by fraud system",
    70011: "Calls to landline numbers are disabled by fraud system",
    70012: "Authorization has expired and destination has returned to fully blocked status. "
           "Call rejected",
    70013: "The destination you are trying to call is blocked by fraud system",
    70014: "You do not have privileges to alter selected destination. Please contact support",
    70015: "This account can not send this SMS. TelAPI has detected a large number of "
           "messages with the same body sent in a short period of time",
    70016: "This account can not send this MMS. TelAPI has detected a large number of "
           "messages with the same body sent in a short period of time",
    80000: "You don't have permission to send SMS to requested destination ( 'TO' ) number. "
           "The recipient has requested not to receive messages from your account",
    80001: "You don't have permission to send SMS to requested destination ( 'TO' ) number. "
           "During trial only destinations to US are allowed",
    80002: "You don't have permission to send MMS to requested destination ( 'TO' ) number. "
           "During trial only destinations to US are allowed",
}

#: the code answering each error the core hierarchy and werkzeug raise, by HTTP status
CORE_CODES = {400: 10022, 401: 10004, 403: 20003, 404: 21501, 405: 20004, 413: 10022,
              415: 12300, 500: 12400}


class AvayaError(ProviderError):
    """An error with one of the seed's codes: ``AvayaError(21211)``, or with a sharper
    message than the table's: ``AvayaError(21211, "Invalid 'To' Phone Number: +1")``."""

    status = 400

    def __init__(self, code: int, message: str | None = None, *, status: int | None = None,
                 details: str | None = None) -> None:
        super().__init__(message or MESSAGES.get(code, "Bad Request"), code=code,
                         status=status, details=details)


class InvalidCredentials(AvayaError):
    """403 ``Invalid credentials`` (10004): no Basic credential, a wrong AuthToken, an
    AccountSid the mock does not know (strict mode), or a path AccountSid other than the
    authenticated one."""

    def __init__(self, details: str) -> None:
        super().__init__(10004, status=403, details=details)


class NotFound(AvayaError):
    """404 ``SID Could not be found`` (21227): no resource of that kind with that SID."""

    def __init__(self, kind: str, sid: str) -> None:
        super().__init__(21227, status=404, details=f"no {kind} {sid}")


def rest_exception(err: ProviderError) -> dict:
    """The JSON form of an error: ``{"status", "message", "code", "more_info"}``."""
    if isinstance(err.code, int) or (isinstance(err.code, str) and err.code.isdigit()):
        code = int(err.code)
    else:                       # a documented code for any status (an injected fault's)
        code = CORE_CODES.get(err.status, 12400 if err.status >= 500 else 10022)
    if isinstance(err, InternalError):
        message = MESSAGES[12400]
    elif isinstance(err, AvayaError) or (isinstance(err, InjectedError)
                                         and err.fault.message):
        message = err.message
    else:                       # the core's and werkzeug's errors: the table's words
        message = MESSAGES.get(code, err.message)
    return {"status": err.status, "message": message, "code": code,
            "more_info": MORE_INFO.format(code=code)}


def render_error(err: ProviderError) -> Response:
    """Any error under the mount as a RestException, in JSON for a ``.json`` path and in
    XML (the default) otherwise; the mock's own explanation, when it says more than the
    message, in ``X-Mockserver-Detail`` (sanitised: it may quote what the client sent)."""
    response = error_document(rest_exception(err), format_of(request.path), err.status)
    detail = err.describe()
    if detail != response_message(err):
        response.headers[DETAIL_HEADER] = header_value(detail, limit=500)
    return response


def response_message(err: ProviderError) -> str:
    """The ``Message`` a RestException of ``err`` carries."""
    return rest_exception(err)["message"]
