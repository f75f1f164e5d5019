"""Hostile input at the root (issue 11): over-deep and malformed JSON, lone surrogates,
control characters bound for headers, doubled slashes, OPTIONS and HEAD, a bug's 500, and
the webhook record of what was really sent. Every answer under a mount is the provider's
own, never a 5xx of a parser, never Flask's HTML, never a redirect, never Python's words."""
from __future__ import annotations

import base64
import json
import logging
import re
import xml.etree.ElementTree as ET

import pytest
from flask import Flask

from mockserver import create_app
from mockserver.app import _no_slash_redirects, services_of
from mockserver.core.body import MAX_DEPTH, JSONError, loads
from mockserver.core.render import dumps, header_value, utf8
from mockserver.core.wsgi import FrontDoor, mount_of

pytestmark = pytest.mark.mock_only

AVAYA_SID = "AC" + "1" * 32


def basic(user: str, password: str = "any") -> str:
    """An HTTP Basic header value."""
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


#: each provider's credential, as its contract tests send it
AUTH = {
    "avoxi": {"Authorization": "Bearer hardening-token"},
    "dial9": {"X-Auth-Token": "hardening-unit"},
    "evovoice": {"Authorization": basic("hardening@example.com")},
    "avanser": {"Authorization": basic("hardening")},
    "avaya": {"Authorization": basic(AVAYA_SID, "token")},
}

DEEP = {"array": "[" * 10000 + "]" * 10000,
        "object": '{"a":' * 10000 + "1" + "}" * 10000,
        "just too deep": "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
        "truncated": '{"a": [1, 2',
        "garbage": "{nope",
        "NaN": '{"a": NaN}',
        "not UTF-8": b'{"a": "\xff"}'}


@pytest.fixture
def client():
    return create_app().test_client()


def no_python(reply) -> None:
    """The reply says nothing of Python's internals."""
    text = reply.get_data(as_text=True)
    for word in ("Traceback", "RecursionError", "Exception:", "maximum recursion",
                 "set_int_max_str_digits", "UnicodeEncodeError"):
        assert word not in text, text[:300]


# --- 1. JSON: over-deep, malformed, truncated ----------------------------------------------

@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_loads_refuses_with_a_value_error_only(text):
    with pytest.raises(JSONError):
        loads(text)


def test_loads_takes_json_up_to_the_depth_limit():
    deepest = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert loads(deepest) == json.loads(deepest)
    assert loads(b'{"a": "\\udfff"}') == {"a": "\udfff"}


@pytest.mark.parametrize("kind", DEEP, ids=DEEP.keys())
def test_avoxi_bodies_are_its_400(client, kind):
    for method, path in [("POST", "/avoxi/api/v2/order"),
                         ("PUT", "/avoxi/api/v2/extension/100")]:
        reply = client.open(path, method=method, data=DEEP[kind], headers=AUTH["avoxi"],
                            content_type="application/json")
        assert reply.status_code == 400, reply.get_data()
        body = reply.get_json()
        assert body["message"] == body["error"]["message"] == "Malformed JSON body"
        no_python(reply)


@pytest.mark.parametrize("kind", DEEP, ids=DEEP.keys())
def test_dial9_params_are_invalid_json(client, kind):
    sends = [dict(data=DEEP[kind], content_type="application/json")]
    if isinstance(DEEP[kind], str):     # in a form or query, text is text
        sends += [dict(data={"params": DEEP[kind]}), dict(query_string={"params": DEEP[kind]})]
    for send in sends:
        reply = client.post("/dial9/api/v2/numbers/list", headers=AUTH["dial9"], **send)
        assert reply.status_code == 400, reply.get_data()
        assert reply.get_json()["status"] == "invalid-json"
        no_python(reply)


@pytest.mark.parametrize("kind", DEEP, ids=DEEP.keys())
def test_evovoice_bodies_and_json_in_form_fields_are_400(client, kind):
    reply = client.post("/evovoice/json/reply/BuyPhoneNumber", data=DEEP[kind],
                        headers=AUTH["evovoice"], content_type="application/json")
    assert reply.status_code == 400, reply.get_data()
    assert reply.get_json()["responseStatus"]["errorCode"] == "SerializationException"
    no_python(reply)
    if isinstance(DEEP[kind], str) and DEEP[kind].startswith("["):
        for field in ("TagIds", "Data"):
            reply = client.post("/evovoice/endpoints/phone-numbers", headers=AUTH["evovoice"],
                                data={"Number": "+14155550100", field: DEEP[kind]})
            assert reply.status_code == 400, reply.get_data()
            fields = [e["fieldName"] for e in reply.get_json()["responseStatus"]["errors"]]
            assert field in fields
            no_python(reply)


@pytest.mark.parametrize("kind", DEEP, ids=DEEP.keys())
def test_avanser_request_bodies_are_its_error_detail(client, kind):
    reply = client.post("/avanser/v1/requests", data=DEEP[kind], headers=AUTH["avanser"],
                        content_type="application/json")
    assert reply.status_code == 400, reply.get_data()
    body = reply.get_json()
    assert "@transaction" in body and body["error"]["code"] == 400 and "body" in body["errors"]
    no_python(reply)


@pytest.mark.parametrize("kind", DEEP, ids=DEEP.keys())
def test_control_api_bodies_are_its_400(client, kind):
    for method, path in [("PUT", "/_mock/state"), ("POST", "/_mock/reset"),
                         ("POST", "/_mock/avaya/sms"), ("POST", "/_mock/avanser/calls")]:
        reply = client.open(path, method=method, data=DEEP[kind],
                            content_type="application/json")
        assert reply.status_code == 400, (path, reply.get_data())
        assert "error" in reply.get_json()
        no_python(reply)


# --- 2. rendering never fails on a string --------------------------------------------------

def test_dumps_escapes_lone_surrogates():
    data = {"k\udfff": ["a\udfffb", "\ud800", "é", "😀"]}
    assert json.loads(dumps(data)) == data
    assert b"\\udfff" in dumps(data) and "é".encode() in dumps(data)
    assert utf8("a\udfffb") == "a\ufffdb".encode()


def test_an_echoed_lone_surrogate_is_a_400_not_a_500(client):
    reply = client.post("/evovoice/json/reply/BuyPhoneNumber", headers=AUTH["evovoice"],
                        data='{"Number": "a\\udfffb"}', content_type="application/json")
    assert reply.status_code == 400
    status = json.loads(reply.get_data())["responseStatus"]
    assert status["errors"][0]["fieldName"] == "Number" and "a\udfffb" in status["message"]


def test_avaya_xml_carries_no_character_xml_cannot_hold():
    from mockserver.providers.avaya.wire import error_document, resource_document
    with create_app().test_request_context():
        for reply in (resource_document({"friendly_name": "a\x00b\udfff\x1b"}, "xml", "Thing"),
                      error_document({"status": 400, "message": "x\x0by", "code": 1,
                                      "more_info": "u"}, "xml", 400)):
            root = ET.fromstring(reply.get_data())
            assert "\ufffd" in "".join(root.itertext())
        csv_reply = resource_document({"friendly_name": "a\udfffb"}, "csv", "Thing")
        assert "a\ufffdb" in csv_reply.get_data(as_text=True)


# --- 3. nothing user-supplied reaches a header unsanitised ---------------------------------

def test_header_value_is_printable_ascii():
    value = header_value("a\r\nb\x00c\x7f\té日\udfff", limit=40)
    assert value.isascii() and value.isprintable()
    assert value.startswith("a\\r\\nb\\x00c\\x7f\\t")
    assert header_value("plain text") == "plain text"


@pytest.mark.parametrize("path, status, code", [
    (f"/avaya/v2/Accounts/{AVAYA_SID}/SMS/Messages/SM%0D%0Ax.json", 404, 21227),
    (f"/avaya/v2/Accounts/{AVAYA_SID}/Nope%0D%0A%00.json", 404, 21501),
])
def test_avaya_path_with_crlf_is_its_404(client, path, status, code):
    reply = client.get(path, headers=AUTH["avaya"])
    assert reply.status_code == status and reply.get_json()["code"] == code
    detail = reply.headers["X-Mockserver-Detail"]
    assert "\r" not in detail and "\n" not in detail and "\\r\\n" in detail


def test_avaya_form_key_with_crlf_is_20001(client):
    reply = client.post(f"/avaya/v2/Accounts/{AVAYA_SID}/SMS/Messages.json",
                        headers=AUTH["avaya"], data="a%0D%0Ab=1&c%00=2",
                        content_type="application/x-www-form-urlencoded")
    assert reply.status_code == 400 and reply.get_json()["code"] == 20001
    assert reply.headers["X-Mockserver-Detail"].isprintable()


def test_the_front_door_escapes_any_unsafe_header_on_the_way_out():
    def app(environ, start_response):
        start_response("200 OK", [("X-Echo", "é\x00"), ("X-Fine", "ok")])
        return [b""]
    door = FrontDoor(app, mounts={}, slugs={"p"}, control_prefix="/_mock",
                     journal=services_of(create_app()).journal, now=lambda: None,
                     run_due=lambda: None, max_body=None)
    seen = []
    door({"PATH_INFO": "/p/x", "REQUEST_METHOD": "GET", "wsgi.input": None},
         lambda status, headers, exc_info=None: seen.extend(headers))
    assert dict(seen) == {"X-Echo": "\\xe9\\x00", "X-Fine": "ok"}


# --- 4. no redirects -----------------------------------------------------------------------

VARIABLE = re.compile(r"<(?:(?P<conv>\w+)(?:\((?P<args>[^)]*)\))?:)?(?P<name>\w+)>")


def filled(rule) -> str:
    """A path that the rule matches: the account SID for Avaya's, the first choice of an
    ``any``, ``.json`` for a format suffix."""
    def value(match):
        conv, args, name = match["conv"], match["args"], match["name"]
        if conv == "fmt":
            return ".json"
        if conv == "any":
            return args.split(",")[0].strip().strip("'\"")
        if conv == "int":
            return "1"
        return AVAYA_SID if name == "account_sid" else "X1"
    return VARIABLE.sub(value, rule.rule)


def provider_rules(app):
    """(slug, rule, path) of every rule under a provider's mount."""
    slugs = app.extensions["mockserver.providers"]
    for rule in app.url_map.iter_rules():
        slug = mount_of(rule.rule, slugs)
        if slug is not None:
            yield slug, rule, filled(rule)


def test_no_path_is_redirected():
    app = create_app()
    client = app.test_client()
    for slug, rule, path in provider_rules(app):
        head, _, tail = path[1:].partition("/")
        for mangled in ("/" + path, path + "/", f"/{head}//{tail}", path.replace("/", "//")):
            reply = client.get("/", environ_overrides={"PATH_INFO": mangled},
                               headers=AUTH[slug])
            assert not 300 <= reply.status_code < 400, (mangled, reply.status_code)
            assert reply.mimetype != "text/html", mangled


def test_a_doubled_slash_is_the_providers_404(client):
    reply = client.get("/", environ_overrides={"PATH_INFO": "//avoxi//api/v2/countries"},
                       headers=AUTH["avoxi"])
    assert reply.status_code == 404
    assert reply.get_json()["error"]["details"] == "GET /avoxi//api/v2/countries is not an endpoint"
    reply = client.get("/", environ_overrides={"PATH_INFO": "//avoxi/api/v2/countries"},
                       headers=AUTH["avoxi"])
    assert reply.status_code == 200     # leading slashes are one, as werkzeug reads them
    reply = client.get("/", environ_overrides={"PATH_INFO": "//api/v2/countries",
                                               "HTTP_HOST": "genius.avoxi.com"},
                       headers=AUTH["avoxi"])
    assert reply.status_code == 200     # the same at the provider's own hostname


def test_a_rule_written_with_a_slash_serves_both_forms_without_redirect():
    app = Flask("t")
    app.add_url_rule("/things/", "things", lambda: "ok")
    _no_slash_redirects(app)
    client = app.test_client()
    assert client.get("/things").status_code == 200
    assert client.get("/things/").status_code == 200


# --- 5. OPTIONS and HEAD in the provider's envelope ----------------------------------------

def enveloped(slug: str, reply) -> bool:
    """The reply is an error in the provider's documented shape."""
    if slug == "avaya" and reply.mimetype == "application/xml":
        root = ET.fromstring(reply.get_data())
        return root.tag == "Response" and root.find("RestException/Code") is not None
    body = reply.get_json(silent=True)
    if not isinstance(body, dict):
        return False
    if slug == "avoxi":
        return {"message", "details"} <= set(body.get("error", {}))
    if slug == "dial9":
        return body.get("status", "").startswith("invalid-")
    if slug == "evovoice":
        return isinstance(body.get("responseStatus", {}).get("errors"), list)
    if slug == "avanser":
        return "@transaction" in body and {"message", "code"} <= set(body.get("error", {}))
    return list(body) == ["status", "message", "code", "more_info"]


def test_options_is_the_providers_answer_on_every_route():
    app = create_app()
    client = app.test_client()
    for slug, rule, path in provider_rules(app):
        reply = client.options(path, headers=AUTH[slug])
        allowed = set(reply.headers.get("Allow", "").split(", "))
        assert (rule.methods - {"OPTIONS"}) <= allowed, (path, reply.headers)
        if slug == "dial9":     # Moonrope: "Options always returns a 200"
            assert (reply.status_code, reply.mimetype, reply.get_data()) == (200, "text/plain", b"OK")
            assert reply.headers["Access-Control-Allow-Origin"] == "*"
        else:
            assert reply.status_code == 405 and enveloped(slug, reply), (path, reply.get_data())


def test_dial9_options_echoes_requested_headers_safely(client):
    reply = client.options("/dial9/api/v2/numbers/list",
                           headers={"Access-Control-Request-Headers": "X-Auth-Token, é"})
    assert reply.headers["Access-Control-Allow-Headers"] == "X-Auth-Token, \\xe9"


def test_avanser_options_carries_its_transaction(client):
    reply = client.options("/avanser/v1/accounts", headers=AUTH["avanser"])
    assert reply.status_code == 405 and reply.mimetype == "application/json"
    assert reply.get_json()["@transaction"]["request"]["method"] == "OPTIONS"


def test_head_is_get_without_its_body():
    app = create_app()
    client = app.test_client()
    routes = app.url_map.bind("localhost")
    for slug, rule, path in provider_rules(app):
        got = client.get(path, headers=AUTH[slug])
        head = client.head(path, headers=AUTH[slug])
        assert head.get_data() == b"", path
        if "GET" in routes.allowed_methods(path):
            assert (head.status_code, head.mimetype) == (got.status_code, got.mimetype), path
        else:
            assert head.status_code in (400, 405) and head.mimetype == got.mimetype, path


# --- 6. a bug is the provider's 500, and only the log hears of it --------------------------

@pytest.mark.parametrize("slug, check", [
    ("avoxi", lambda b: b["error"]["message"] == "Internal Server Error"),
    ("dial9", lambda b: b == {"status": "internal-server-error"}),
    ("evovoice", lambda b: b["responseStatus"]["errorCode"] == "Exception"),
    ("avanser", lambda b: b["error"] == {"message": "Unexpected Error", "code": 500}
     and "@transaction" in b),
    ("avaya", lambda b: b["code"] == 12400 and b["status"] == 500),
])
def test_a_bug_is_the_providers_500_without_python(slug, check, caplog):
    app = create_app()
    path = next(path for s, rule, path in provider_rules(app)
                if s == slug and "GET" in rule.methods and (slug != "avaya" or path.endswith(".json")))
    endpoint = app.url_map.bind("localhost").match(path, method="GET")[0]

    def broken(**kwargs):
        raise RecursionError("secret internals at 0xdeadbeef")
    app.view_functions[endpoint] = broken
    with caplog.at_level(logging.ERROR, logger="mockserver"):
        reply = app.test_client().get(path, headers=AUTH[slug])
    assert reply.status_code == 500 and check(reply.get_json()), reply.get_data()
    assert "secret" not in reply.get_data(as_text=True)
    assert "secret" not in "".join(reply.headers.values())
    assert any("secret internals" in r.exc_text for r in caplog.records if r.exc_text)


def test_a_failing_renderer_is_still_a_json_500(caplog):
    app = create_app()
    spec = app.extensions["mockserver.providers"]["avoxi"]
    calls = []

    def renderer(err):
        calls.append(err.status)
        raise ValueError("renderer broke")
    original, spec.render_error = spec.render_error, renderer
    try:
        with caplog.at_level(logging.ERROR, logger="mockserver"):
            reply = app.test_client().get("/avoxi/nowhere")
    finally:
        spec.render_error = original
    assert calls == [404, 500]
    assert (reply.status_code, reply.mimetype) == (500, "application/json")
    assert reply.get_json() == {"error": "Internal Server Error"}
    assert any("renderer broke" in r.exc_text for r in caplog.records if r.exc_text)


# --- 7. the webhook record shows every header sent -----------------------------------------

def test_the_webhook_record_shows_every_header_sent(httpserver):
    received = []

    def handler(request):
        received.append(dict(request.headers))
        from werkzeug import Response
        return Response("ok")
    httpserver.expect_request("/hook", method="POST").respond_with_handler(handler)
    app = create_app()
    hooks = services_of(app).webhooks
    hooks.send("p", "t", method="POST", url=httpserver.url_for("/hook"),
               form={"a": "1", "b": "é"})
    hooks.send("p", "t", method="POST", url=httpserver.url_for("/hook"),
               headers={"X-Own": "yes"}, json_body={"k": "v"})
    assert hooks.wait_idle(5)
    form, json_one = app.test_client().get("/_mock/webhooks").get_json()["webhooks"]
    for attempt, got in zip((form, json_one), received):
        assert {k.lower(): v for k, v in attempt["headers"].items()} == \
            {k.lower(): v for k, v in got.items()}
    assert form["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert form["headers"]["Content-Length"] == str(len(form["body"].encode()))
    assert form["headers"]["User-Agent"].startswith("python-requests/")
    assert json_one["headers"]["X-Own"] == "yes"
    assert json_one["headers"]["Content-Type"] == "application/json"
    assert json.loads(json_one["body"]) == {"k": "v"}


def test_an_unsent_delivery_still_records_what_it_would_send():
    app = create_app()
    hooks = services_of(app).webhooks
    hooks.send("p", "t", method="POST", url="http://127.0.0.1:9/closed", form={"a": "1"})
    assert hooks.wait_idle(10)
    [attempt] = hooks.attempts()
    assert attempt["error"] and attempt["headers"]["Content-Type"] == \
        "application/x-www-form-urlencoded"
    assert attempt["headers"]["Host"] == "127.0.0.1:9"
