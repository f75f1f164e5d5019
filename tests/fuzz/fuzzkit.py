"""What the fuzz suite knows about each provider, and the hostile requests it sends.

The requests are generated from the app's route table (``app.url_map.iter_rules()``), so a
route added later is fuzzed without a change here. What cannot be read from the route table
is per provider and lives in ``KITS``: how a valid and a broken credential look (README,
"Pointing a client at it"), how an error must look (each provider's ``errors.py``), and
which part of a tenant's state a refused request may legitimately touch.

A provider mounted by the app without a kit here makes the suite fail, saying so.
"""
from __future__ import annotations

import base64
import io
import json
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import quote, unquote, unquote_to_bytes

from hypothesis import strategies as st

#: every method a client could send; the rule's own ones and the wrong ones
METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
#: one past the app's MAX_CONTENT_LENGTH (1 MiB)
OVERSIZE = 1024 * 1024 + 1
#: the converter syntax of a werkzeug rule: ``<name>``, ``<conv:name>``, ``<conv(args):name>``
RULE_VARIABLE = re.compile(r"<(?:(?P<conv>[a-zA-Z_]+)(?:\((?P<args>[^)]*)\))?:)?(?P<name>\w+)>")

#: provider -> requests sent, refused, 5xx, envelope violations, state changes (this run)
FIGURES: dict[str, Counter] = defaultdict(Counter)
#: provider -> kind of problem -> the shortest example seen
PROBLEMS: dict[str, dict[str, str]] = defaultdict(dict)
#: FUZZ_TALLY=1: count failures instead of raising them (for docs/reliability.md figures)
TALLY = os.environ.get("FUZZ_TALLY") == "1"

# --- hostile values ------------------------------------------------------------------------

#: characters that have broken parsers, renderers and headers before
NASTY = ["\x00", "\r", "\n", "\r\n", "\t", "\x1b", "\x7f", "\x85", "\u2028", "\ud800",
         "\udfff", "\ufeff", "\u202e", "é", "日本", "😀", "%", "%0D%0A", "&", "&amp;", "=", "+",
         "<", ">", "\"", "'", "\\", "/", "..", ";", "#", "?", " "]
#: values that look like something a validator treats specially
SPECIAL = ["", " ", "null", "None", "NaN", "nan", "Infinity", "-Infinity", "-1", "0", "-0",
           "1e309", "99999999999999999999999999", "-99999999999999999999", "0x10", "1.5",
           "true", "false", "[]", "{}", "[[[[", "+1", "+", "+14155552671", "US", "*"]

hostile_text = st.one_of(
    st.text(max_size=24),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=3)), max_size=8).map("".join),
    st.sampled_from(SPECIAL),
    st.integers(min_value=1, max_value=3000).map(lambda n: "A" * n),
)

hostile_number = st.one_of(
    st.integers(),
    st.sampled_from([2 ** 31, 2 ** 63, -(2 ** 63) - 1, 10 ** 30, -(10 ** 30), -1, 0]),
    st.floats(allow_nan=True, allow_infinity=True),
)

hostile_scalar = st.one_of(hostile_text, hostile_number, st.booleans(), st.none())

hostile_json = st.recursive(
    hostile_scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(hostile_text, inner, max_size=4)),
    max_leaves=12,
)


def deep_json(depth: int, kind: str) -> str:
    """``depth`` nested arrays (``[[[...]]]``) or objects (``{"a":{"a":...}}``)."""
    if kind == "array":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


deep_text = st.builds(deep_json, st.sampled_from([64, 1000, 5000, 20000]),
                      st.sampled_from(["array", "object"]))


def encode(text: str) -> bytes:
    """Text as a client would put it on the wire: UTF-8, lone surrogates included as the
    bytes a careless encoder writes for them."""
    return text.encode("utf-8", "surrogatepass")


def pct(text: str) -> str:
    """Percent-encoded, every reserved character included."""
    return quote(encode(text), safe="")


# --- what each provider is ----------------------------------------------------------------

def basic(user: str, password: str = "any") -> str:
    """An HTTP Basic header value."""
    return "Basic " + base64.b64encode(encode(f"{user}:{password}")).decode()


@dataclass
class Kit:
    """One provider as the fuzz suite sees it."""

    slug: str
    #: the Authorization-like headers of the tenant the suite works as
    valid: dict[str, str]
    #: credentials that must be refused, or that name another tenant
    broken: list[dict[str, str]]
    #: checks one reply; returns what is wrong with it
    check: Callable[["Sent", Any], list[str]]
    #: whether a reply (already checked) refuses the request
    refused: Callable[[Any], bool]
    #: names the suite puts in bodies and queries besides random ones
    fields: list[str] = field(default_factory=list)
    #: keys of a tenant's exported state that a refused request may change (documented)
    volatile: tuple[str, ...] = ()
    #: path variable name -> values that name the suite's own tenant
    own: dict[str, str] = field(default_factory=dict)


@dataclass
class Sent:
    """A request as sent: method, raw (percent-encoded) path and query, headers, body."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    content_type: str | None

    def decoded_path(self) -> str:
        """The path as the server sees it."""
        return unquote(self.path, errors="replace")

    def __repr__(self) -> str:
        body = self.body if len(self.body) < 300 else self.body[:300] + b"...(%d bytes)" % len(self.body)
        return (f"Sent({self.method} {self.path}?{self.query} headers={self.headers!r} "
                f"content_type={self.content_type!r} body={body!r})")


def _json_of(reply) -> Any:
    """The reply's JSON, or None when it is not JSON."""
    try:
        return json.loads(reply.get_data())
    except ValueError:
        return None


def _generic(sent: Sent, reply, json_types=("application/json",)) -> list[str]:
    """What no provider may answer: a 5xx, an HTML page, a redirect."""
    problems = []
    if reply.status_code >= 500:
        problems.append(f"5xx: {reply.status_code} {reply.mimetype} {reply.get_data()[:160]!r}")
    if 301 <= reply.status_code < 400:
        problems.append(f"redirect {reply.status_code} to {reply.headers.get('Location')}")
    elif reply.mimetype == "text/html":
        problems.append(f"HTML reply ({reply.status_code})")
    return problems


def _is_error(reply) -> bool:
    return reply.status_code >= 400


def check_avoxi(sent: Sent, reply) -> list[str]:
    """AVOXI errors: ``{"message", "error": {"message", "details"}}`` as JSON."""
    problems = _generic(sent, reply)
    if _is_error(reply):
        problems += _json_error(sent, reply, lambda body: isinstance(body, dict)
                                and isinstance(body.get("message"), str)
                                and isinstance(body.get("error"), dict)
                                and {"message", "details"} <= set(body["error"]),
                                "AVOXI {message, error: {message, details}}")
    return problems


def _json_error(sent: Sent, reply, shape_ok, shape: str, types=("application/json",)) -> list[str]:
    """An error reply must be JSON of the given shape (HEAD: the type only)."""
    if reply.mimetype == "text/html":
        return []                          # reported once, by _generic
    if reply.mimetype not in types:
        return [f"error {reply.status_code} as {reply.mimetype!r}, not {types[0]}"]
    if sent.method == "HEAD":
        return []
    body = _json_of(reply)
    if not shape_ok(body):
        return [f"error {reply.status_code} outside the envelope {shape}: {reply.get_data()[:200]!r}"]
    return []


DIAL9_BARE = {"invalid-controller-or-action", "invalid-json", "invalid-request",
              "internal-server-error"}


def moonrope_options(sent: Sent, reply) -> bool:
    """Moonrope's own answer to an OPTIONS (rack_middleware.rb: "Options always returns a
    200"): HTTP 200 ``OK`` in text/plain, with CORS headers."""
    return (sent.method == "OPTIONS" and reply.status_code == 200
            and reply.mimetype == "text/plain" and reply.get_data() == b"OK")


def check_dial9(sent: Sent, reply) -> list[str]:
    """Moonrope: 200 ``{"status", "time", "flags", "data"}``, or a 400 with a bare status
    (and 200 ``OK`` for an OPTIONS)."""
    problems = _generic(sent, reply)
    if moonrope_options(sent, reply):
        return problems
    if _is_error(reply):
        problems += _json_error(sent, reply, lambda body: isinstance(body, dict)
                                and body.get("status") in DIAL9_BARE,
                                "Moonrope {status: invalid-...}")
    elif reply.status_code == 200 and sent.method not in ("HEAD",):
        problems += _json_error(sent, reply, lambda body: isinstance(body, dict)
                                and list(body)[:4] == ["status", "time", "flags", "data"],
                                "Moonrope {status, time, flags, data}")
    return problems


def refused_dial9(reply) -> bool:
    """Moonrope refuses with HTTP 400, or HTTP 200 and a status other than success."""
    if reply.status_code >= 400:
        return True
    body = _json_of(reply)
    return not (isinstance(body, dict) and body.get("status") == "success")


JSONP = re.compile(rb"^[\w$.\[\]]+\((.*)\)\s*;?\s*$", re.S)


def check_evovoice(sent: Sent, reply) -> list[str]:
    """ServiceStack: ``{"responseStatus": {"errorCode", "message", "errors": [...]}}``,
    JSONP-wrapped when a callback was asked for."""
    problems = _generic(sent, reply)
    if _is_error(reply):
        def ok(body):
            status = body.get("responseStatus") if isinstance(body, dict) else None
            return (isinstance(status, dict) and isinstance(status.get("errorCode"), str)
                    and isinstance(status.get("message"), str)
                    and isinstance(status.get("errors"), list))
        if reply.mimetype in ("application/javascript", "text/javascript") and sent.method != "HEAD":
            found = JSONP.match(reply.get_data())
            body = json.loads(found.group(1)) if found else None
            if not ok(body):
                problems.append(f"JSONP error outside responseStatus: {reply.get_data()[:200]!r}")
        else:
            problems += _json_error(sent, reply, ok, "ServiceStack {responseStatus}",
                                    types=("application/json", "application/javascript",
                                           "text/javascript"))
    return problems


def check_avanser(sent: Sent, reply) -> list[str]:
    """Every AVANSER reply carries ``@transaction``; an error (300 and up) has ``error``
    ``{"message", "code"}`` and ``errors``."""
    problems = _generic(sent, reply)
    if reply.mimetype != "application/json":
        return problems or [f"reply {reply.status_code} as {reply.mimetype!r}, not JSON"]
    if sent.method == "HEAD":
        return problems
    body = _json_of(reply)
    if not (isinstance(body, dict) and isinstance(body.get("@transaction"), dict)):
        return problems + [f"reply {reply.status_code} without @transaction: {reply.get_data()[:200]!r}"]
    if reply.status_code >= 300:
        error = body.get("error")
        if not (isinstance(error, dict) and {"message", "code"} <= set(error)
                and isinstance(body.get("errors"), dict)):
            problems.append(f"error {reply.status_code} outside Error Detail/Response: "
                            f"{reply.get_data()[:200]!r}")
    return problems


AVAYA_XML = re.compile(rb"^(<\?xml[^>]*>)?\s*<Response>\s*<RestException>.*<Status>(\d+)</Status>"
                       rb".*<Code>\d+</Code>.*</RestException>\s*</Response>\s*$", re.S)


def check_avaya(sent: Sent, reply) -> list[str]:
    """RestException: JSON ``{"status", "message", "code", "more_info"}`` for a ``.json``
    path, else XML ``<Response><RestException>``."""
    problems = _generic(sent, reply)
    if not _is_error(reply):
        return problems
    if sent.decoded_path().endswith(".json"):
        return problems + _json_error(sent, reply, lambda body: isinstance(body, dict)
                                      and list(body) == ["status", "message", "code", "more_info"]
                                      and body["status"] == reply.status_code,
                                      "RestException JSON")
    if reply.mimetype not in ("application/xml", "text/xml", "text/html"):
        return problems + [f"error {reply.status_code} as {reply.mimetype!r}, not XML"]
    if sent.method != "HEAD":
        found = AVAYA_XML.match(reply.get_data())
        if not found or int(found.group(2)) != reply.status_code:
            problems.append(f"error {reply.status_code} outside RestException XML: "
                            f"{reply.get_data()[:200]!r}")
    return problems


AVAYA_SID = "AC" + "0" * 31 + "7"
AVAYA_OTHER = "AC" + "0" * 31 + "8"

KITS: dict[str, Kit] = {kit.slug: kit for kit in [
    Kit("avoxi", {"Authorization": "Bearer fuzz-token"},
        [{}, {"Authorization": "Bearer"}, {"Authorization": "Bearer "},
         {"Authorization": "Basic ZnV6ejphbnk="}, {"Authorization": "bearer"},
         {"Authorization": "Token fuzz-token"}],
        check_avoxi, _is_error,
        fields=["items", "country", "number_type", "region", "quantity", "product_id",
                "number_e164", "limit", "page", "offset", "sort", "extension", "destination",
                "sip_uri", "type", "number", "name"]),
    Kit("dial9", {"X-Auth-Token": "fuzz-unit"},
        [{}, {"X-Auth-Token": ""}, {"X-Auth-Secret": "only-a-secret"}],
        check_dial9, refused_dial9,
        fields=["params", "prefix", "id", "number", "name", "destination", "page", "per_page",
                "subscriber", "access_number", "context", "quantity"]),
    Kit("evovoice", {"Authorization": basic("fuzz@example.com")},
        [{}, {"Authorization": "Basic"}, {"Authorization": "Basic !!!"},
         {"Authorization": "Basic " + base64.b64encode(b"no-colon").decode()},
         {"Authorization": "Basic " + base64.b64encode(b"\xff\xfe:\x00").decode()},
         {"Authorization": "Bearer "}, {"Cookie": "ss-id=garbled\x01"}],
        check_evovoice, _is_error,
        fields=["number", "Number", "TagIds", "tagIds", "accountId", "AccountId", "callback",
                "format", "UserName", "Password", "provider", "RememberMe"]),
    Kit("avanser", {"Authorization": basic("fuzz")},
        [{}, {"Authorization": "Basic"}, {"Authorization": "Basic !!!"},
         {"Authorization": "Basic " + base64.b64encode(b"no-colon").decode()},
         {"Authorization": "Basic " + base64.b64encode(b"\xff\xfe:\x00").decode()},
         {"Authorization": "Bearer fuzz"}],
        check_avanser, lambda reply: reply.status_code >= 300,
        fields=["country", "szu", "radius", "name", "service_number", "callback_uri", "page",
                "account-id", "type", "address", "template", "services", "number", "mobile",
                "limit", "request_type", "destination"]),
    Kit("avaya", {"Authorization": basic(AVAYA_SID, "token")},
        [{}, {"Authorization": "Basic"}, {"Authorization": "Basic !!!"},
         {"Authorization": "Basic " + base64.b64encode(b"no-colon").decode()},
         {"Authorization": "Basic " + base64.b64encode(b"\xff\xfe:\x00").decode()},
         {"Authorization": basic(AVAYA_OTHER, "token")}, {"Authorization": "Bearer x"}],
        check_avaya, _is_error,
        fields=["To", "From", "Body", "Url", "AreaCode", "PhoneNumber", "FriendlyName",
                "Page", "PageSize", "StatusCallback", "Method", "VoiceUrl", "SmsUrl",
                "MediaUrl", "Timeout", "Status", "DateSent>", "Log", "StartDate", "EndDate",
                "Direction", "IpAddress", "Username", "Password", "DomainName", "PhoneNumberSid"],
        # a refused request of an authenticated account is logged as a Notification,
        # whose SID takes the next value of the tenant's SID counter (docs/architecture.md)
        volatile=("notifications", "counter"),
        own={"account_sid": AVAYA_SID}),
]}

# --- requests from the route table ---------------------------------------------------------


def provider_rules(app, slug: str) -> list:
    """Every rule of the app under a provider's mount (``/<slug>/...``)."""
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith(f"/{slug}/")]


def mounted_slugs(app) -> list[str]:
    """The providers the app mounts."""
    return sorted(app.extensions["mockserver.providers"])


def simple_value(conv: str | None, args: str | None, name: str, kit: Kit) -> str:
    """A plausible value for a path variable: the suite's own id, or the first choice."""
    if name in kit.own:
        return kit.own[name]
    choices = [a.strip().strip("'\"") for a in (args or "").split(",") if a.strip()]
    if conv == "fmt":
        return ".json"
    if conv == "any" and choices:
        return choices[0]
    return "XX0000000000000000000000000000000a" if conv == "sid" else "US"


def fill(rule, kit: Kit, value_of: Callable[[str | None, str | None, str], str]) -> str:
    """The rule's path with each variable replaced by ``value_of(conv, args, name)``
    (already percent-encoded)."""
    return RULE_VARIABLE.sub(lambda m: value_of(m["conv"], m["args"], m["name"]), rule.rule)


@st.composite
def path_value(draw, conv: str | None, args: str | None, name: str, kit: Kit) -> str:
    """A generated, percent-encoded value for one path variable."""
    choices = [a.strip().strip("'\"") for a in (args or "").split(",") if a.strip()]
    if conv == "fmt":
        return draw(st.sampled_from([""] + [f".{c}" for c in choices] + [".JSON", ".", ".json.json"]))
    options = [hostile_text.map(pct), st.text(alphabet="0123456789abcdefABCDEF", min_size=1, max_size=34)]
    if conv == "any" and choices:
        options.insert(0, st.sampled_from(choices))
    if name in kit.own:
        options = [st.just(kit.own[name])] * 4 + options
    value = draw(st.one_of(*options))
    return value if value else draw(st.sampled_from(["", "%20", "%2F"]))


def _form(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{pct(k)}={pct(v)}" for k, v in pairs)


@st.composite
def pairs(draw, kit: Kit) -> list[tuple[str, str]]:
    """Form or query pairs: known and random keys, hostile and JSON-ish values."""
    key = st.one_of(st.sampled_from(kit.fields), hostile_text)
    value = st.one_of(hostile_text, hostile_number.map(str), deep_text,
                      hostile_json.map(lambda v: json.dumps(v)),
                      hostile_json.map(lambda v: json.dumps(v))
                      .flatmap(lambda s: st.integers(0, len(s)).map(lambda k: s[:k])))
    return draw(st.lists(st.tuples(key, value), max_size=6))


CONTENT_TYPES = ["application/json", "application/x-www-form-urlencoded", "text/plain", None,
                 "application/xml", "multipart/form-data", "application/json; charset=utf-16",
                 "application/x-www-form-urlencoded; charset=latin-1", "*/*", "garbage/\x01"]


#: body kinds, repeated by weight, and the content type that matches each
BODY_KINDS = ["empty", "json", "object", "object", "echo", "truncated", "deep", "deep", "form",
              "form", "echo-form", "garbage", "oversize"]
MATCHING_TYPE = {"json": "application/json", "object": "application/json",
                 "truncated": "application/json", "deep": "application/json",
                 "echo": "application/json", "form": "application/x-www-form-urlencoded",
                 "echo-form": "application/x-www-form-urlencoded"}

#: a value an error message is likely to echo, with one nasty character inside
echoed = st.builds(lambda a, nasty, b: a + nasty + b, st.sampled_from(["a", "+1415", "US", ""]),
                   st.sampled_from(NASTY), st.sampled_from(["b", "5552671", ""]))


@st.composite
def body(draw, kit: Kit, kind: str) -> bytes:
    """A body: JSON (hostile, truncated, NaN, deep), form, garbage bytes, or oversized."""
    kind = draw(st.sampled_from(BODY_KINDS))
    if kind == "empty":
        return b""
    if kind == "json":
        return encode(json.dumps(draw(hostile_json), ensure_ascii=draw(st.booleans())))
    if kind == "object":
        fields = draw(st.dictionaries(st.one_of(st.sampled_from(kit.fields), hostile_text),
                                      hostile_json, max_size=6))
        return encode(json.dumps(fields, ensure_ascii=draw(st.booleans())))
    if kind in ("echo", "echo-form"):
        names = draw(st.lists(st.sampled_from(kit.fields), min_size=1, max_size=4, unique=True))
        values = {name: draw(echoed) for name in names}
        if kind == "echo-form":
            return _form(list(values.items())).encode()
        return encode(json.dumps(values, ensure_ascii=draw(st.booleans())))
    if kind == "truncated":
        text = encode(json.dumps(draw(hostile_json)))
        return text[:draw(st.integers(0, max(0, len(text) - 1)))]
    if kind == "deep":
        return draw(deep_text).encode()
    if kind == "form":
        return _form(draw(pairs(kit))).encode()
    if kind == "garbage":
        return draw(st.binary(max_size=300))
    return draw(st.sampled_from([b"x" * OVERSIZE, b"[" + b"1," * (OVERSIZE // 2) + b"1]"]))


@st.composite
def hostile_request(draw, rules: list, kit: Kit) -> Sent:
    """One hostile request to one of ``rules``: any method, path variables, credential,
    query and body under any content type."""
    rule = draw(st.sampled_from(rules))
    method = draw(st.one_of(st.sampled_from(sorted(rule.methods)), st.sampled_from(METHODS)))
    path = fill(rule, kit, lambda conv, args, name: draw(path_value(conv, args, name, kit)))
    headers = dict(draw(st.sampled_from([kit.valid] * 3 + kit.broken)))
    if draw(st.booleans()) is False and len(headers) == 1 and draw(st.booleans()):
        name = next(iter(headers))     # a garbled value of the right header
        headers[name] = draw(st.text(alphabet=st.characters(min_codepoint=1, max_codepoint=255,
                                                            blacklist_characters="\r\n"),
                                     max_size=60))
    query = _form(draw(pairs(kit)))
    kind = draw(st.sampled_from(BODY_KINDS))
    data = draw(body(kit, kind))
    content_type = draw(st.one_of(st.just(MATCHING_TYPE.get(kind)), st.sampled_from(CONTENT_TYPES)))
    return Sent(method, path, query, headers, data, content_type)


MANGLINGS = ["trailing slash", "leading double slash", "double slash after the mount",
             "double slashes inside", "dot segment"]


def mangle(path: str, how: str) -> str:
    """``path`` as a careless client joins it: ``//avoxi//api/v2/countries`` and the like."""
    if how == "trailing slash":
        return path + "/"
    if how == "leading double slash":
        return "/" + path
    slug, rest = path[1:].split("/", 1)
    if how == "double slash after the mount":
        return f"/{slug}//{rest}"
    if how == "double slashes inside":
        return f"//{slug}//" + rest.replace("/", "//")
    return f"/{slug}/./{rest}"


@st.composite
def mangled_request(draw, rules: list, kit: Kit) -> Sent:
    """A plain request to one of ``rules`` whose path has extra slashes or dot segments."""
    rule = draw(st.sampled_from(rules))
    path = fill(rule, kit, lambda conv, args, name: simple_value(conv, args, name, kit))
    return Sent(draw(st.sampled_from(METHODS)), mangle(path, draw(st.sampled_from(MANGLINGS))),
                "", dict(draw(st.sampled_from([kit.valid] + kit.broken))), b"", None)


def send(client, sent: Sent):
    """Send ``sent`` through the Flask test client, headers as raw WSGI environ values.

    The path goes straight into ``PATH_INFO`` (decoded bytes as Latin-1, as a WSGI server
    puts it): given as a URL, the test client would read ``//avoxi/...`` as the host
    ``avoxi``, which no real server does."""
    environ = {"HTTP_" + name.upper().replace("-", "_"): value
               for name, value in sent.headers.items()}
    environ["PATH_INFO"] = unquote_to_bytes(sent.path).decode("latin-1")
    environ["REQUEST_URI"] = sent.path + (f"?{sent.query}" if sent.query else "")
    if sent.content_type is not None:
        environ["CONTENT_TYPE"] = sent.content_type
    environ["CONTENT_LENGTH"] = str(len(sent.body))
    return client.open("/", method=sent.method, query_string=sent.query,
                       input_stream=io.BytesIO(sent.body),
                       environ_overrides=environ)


def snapshot(app, kit: Kit) -> dict:
    """The provider's tenants' exported state (less what a refusal may touch) and the
    scheduled events."""
    services = app.extensions["mockserver"]
    store = services.state.stores.get(kit.slug)
    tenants = store.export() if store is not None else {}
    for state in tenants.values():
        if isinstance(state, dict):
            for key in kit.volatile:
                state.pop(key, None)
    return {"tenants": tenants, "scheduled": services.scheduler.export()}


def forget_new_tenants(app, kit: Kit, before: dict) -> None:
    """Drop tenants a request seeded, so the snapshot stays small."""
    store = app.extensions["mockserver"].state.stores.get(kit.slug)
    if store is None:
        return
    for tenant in list(store):
        if tenant.id not in before["tenants"]:
            store.reset(tenant.id)


def state_changes(before: dict, after: dict) -> list[str]:
    """What differs between two snapshots, tenants that were seeded meanwhile aside."""
    changes = []
    for tenant, state in before["tenants"].items():
        now = after["tenants"].get(tenant)
        if now != state:
            keys = sorted(k for k in set(state) | set(now or {})
                          if (now or {}).get(k) != state.get(k)) if isinstance(state, dict) else []
            changes.append(f"tenant {tenant!r} changed: {keys}")
    if before["scheduled"] != after["scheduled"]:
        changes.append("scheduled events changed")
    return changes
