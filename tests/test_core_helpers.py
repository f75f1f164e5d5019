"""Provider-neutral helpers: credential parsing and modes, query parameters, paging,
marshmallow error flattening."""
from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from mockserver.core import phones, render
from mockserver.core.auth import CredentialPolicy, basic_credentials, bearer_token, header_token
from mockserver.core.errors import BadRequest
from mockserver.core.paging import limit_offset
from mockserver.core.params import boolean, listed
from mockserver.core.validation import flatten


@pytest.mark.parametrize("value, token", [
    ("Bearer abc.DEF-123_~+/=", "abc.DEF-123_~+/="), ("bearer  xyz ", "xyz"),
    (None, None), ("", None), ("Bearer", None), ("Bearer a b", None), ("Basic abc", None),
    ("Bearer a=b", None),
])
def test_bearer_token(value, token):
    assert bearer_token(value) == token


def _basic(raw: bytes) -> str:
    return "Basic " + base64.b64encode(raw).decode()


@pytest.mark.parametrize("value, expected", [
    (_basic(b"AC123:secret"), ("AC123", "secret")), (_basic(b"user:pa:ss"), ("user", "pa:ss")),
    (_basic(b"user:"), ("user", "")), (_basic(b"nocolon"), None), (_basic(b":pw"), None),
    ("Basic !!!", None), ("Bearer abc", None), (None, None), (_basic(b"\xff:x"), None),
])
def test_basic_credentials(value, expected):
    assert basic_credentials(value) == expected


def test_header_token():
    assert header_token("  tok ") == "tok" and header_token("") is None
    assert header_token(None) is None


def test_credential_policy_modes():
    assert CredentialPolicy("lenient", ["a"]).admits("anything")
    strict = CredentialPolicy("strict", ["a"])
    assert strict.admits("a") and not strict.admits("b")
    with pytest.raises(ValueError):
        CredentialPolicy("open")


@pytest.mark.parametrize("raw, value", [("true", True), ("FALSE", False), ("1", True),
                                        ("no", False), ("", None)])
def test_boolean(raw, value):
    assert boolean({"flag": raw}, "flag") is value
    assert boolean({}, "flag") is None


def test_boolean_refuses_other_words():
    with pytest.raises(BadRequest) as caught:
        boolean({"flag": "maybe"}, "flag")
    assert "flag" in caught.value.fields


def test_listed_merges_repeats_commas_and_spellings():
    args = MultiDict([("ids", "a,b"), ("ids", " c "), ("ids[]", "d"), ("ids", ",")])
    assert listed(args, "ids", "ids[]") == ["a", "b", "c", "d"]
    assert listed(args, "other") == []


@pytest.mark.parametrize("args, expected", [({}, (50, 0)), ({"limit": "10", "offset": "20"},
                                                             (10, 20))])
def test_limit_offset(args, expected):
    assert limit_offset(args, default_limit=50, max_limit=100) == expected


@pytest.mark.parametrize("args, field", [({"limit": "0"}, "limit"), ({"limit": "101"}, "limit"),
                                         ({"limit": "x"}, "limit"), ({"offset": "-1"}, "offset")])
def test_limit_offset_refusals_name_the_field(args, field):
    with pytest.raises(BadRequest) as caught:
        limit_offset(args, default_limit=50, max_limit=100)
    assert list(caught.value.fields) == [field]


def test_flatten_marshmallow_messages():
    messages = {"items": {0: {"quantity": ["Must be at least 1."]}},
                "_schema": ["Bad."], "name": ["Missing.", "Really."]}
    assert flatten(messages) == {"items.0.quantity": "Must be at least 1.", "body": "Bad.",
                                 "name": "Missing. Really."}


def test_jsonp_wraps_json_in_a_javascript_call():
    from mockserver.core.render import jsonp_response, valid_callback
    assert valid_callback("cb") and valid_callback("jQuery.cb_1") and valid_callback("$x")
    assert not valid_callback("alert(1)") and not valid_callback("a b") and not valid_callback("")
    response = jsonp_response("cb", b'{"a":1}')
    assert response.get_data() == b'cb({"a":1})'
    assert response.mimetype == "application/javascript"


def test_spread_stock_maps_indexes_and_numbers_both_ways():
    from mockserver.core.numbering import SpreadStock, stable_hash
    stock = SpreadStock([(2000000, 2999999), (5000000, 5000999)], 500, stable_hash("x"))
    numbers = [stock.nsn(i) for i in range(stock.size)]
    assert numbers == sorted(numbers) and len(set(numbers)) == 500
    assert all(stock.index_of(n) == i for i, n in enumerate(numbers))
    assert stock.index_of("1999999") is None and not stock.in_ranges("1999999")
    outside = {stock.procured_nsn(k) for k in range(1000)}
    assert len(outside) == 1000 and not outside & set(numbers)
    assert all(stock.in_ranges(n) for n in outside)
    assert [stock.nsn(i) for i in stock.with_prefix("25")] == [n for n in numbers
                                                               if n.startswith("25")]


def test_trunk_prefix_follows_the_national_format():
    from mockserver.core.numbering import trunk_prefix
    assert trunk_prefix("44", "2079460000") == "0"
    assert trunk_prefix("1", "4702035109") == ""
    assert trunk_prefix("61", "290081596") == "0"


@pytest.mark.parametrize("raw, number", [(None, 1), ("1", 1), ("12", 12)])
def test_batch_number(raw, number):
    from mockserver.core.paging import batch_number
    assert batch_number(raw) == number


@pytest.mark.parametrize("raw", ["0", "-1", "two", ""])
def test_batch_number_refuses_anything_but_a_positive_integer(raw):
    from mockserver.core.paging import batch_number
    with pytest.raises(BadRequest) as caught:
        batch_number(raw)
    assert caught.value.fields == {"page": "invalid page"}


def test_fixed_batches_name_the_next_batch_while_more_follow():
    from mockserver.core.paging import fixed_batch
    items = list(range(250))
    assert fixed_batch(items, 1, 100) == (list(range(100)), 2)
    assert fixed_batch(items, 3, 100) == (list(range(200, 250)), None)
    assert fixed_batch(items, 4, 100) == ([], None)
    assert fixed_batch(list(range(100)), 1, 100) == (list(range(100)), None)


def test_lazily_built_rules_still_build_urls_and_match():
    """LazyBuildRule (core/routing.py) defers werkzeug's URL-builder compilation; url_for
    and matching work as with a plain Rule."""
    from flask import url_for

    from mockserver import create_app
    from mockserver.core.routing import LazyBuildRule
    app = create_app()
    assert all(isinstance(rule, LazyBuildRule) for rule in app.url_map.iter_rules())
    with app.test_request_context():
        assert url_for("control.health") == "/_mock/health"
        assert url_for("control.delete_fault", rule_id="fault-1") == "/_mock/faults/fault-1"
        assert url_for("control.delete_fault", rule_id="f", extra="x") == \
            "/_mock/faults/f?extra=x"
    assert app.test_client().get("/_mock/faults").status_code == 200


def test_cached_map_matches_as_werkzeug_does():
    """CachedMap (core/routing.py) answers every path of the mock's map as a plain werkzeug
    Map with the same rules, twice over (the second time from its memory), refusals
    included; a fresh arguments dict each time; and a rule added later is seen."""
    from werkzeug.exceptions import HTTPException
    from werkzeug.routing import Map, Rule
    from werkzeug.routing.exceptions import RequestRedirect

    from mockserver import create_app
    from mockserver.core.routing import CachedMap
    app = create_app()
    assert isinstance(app.url_map, CachedMap)
    plain = Map([Rule(r.rule, endpoint=r.endpoint, methods=r.methods,
                      strict_slashes=r.strict_slashes) for r in
                 app.url_map.iter_rules()], merge_slashes=False, redirect_defaults=False,
                converters=app.url_map.converters)
    paths = [("/avaya/v2/Accounts/AC1/SMS/Messages.json", "POST"),
             ("/avaya/v2/Accounts/AC1/SMS/Messages.xml", "GET"),
             ("/avaya/v2/Accounts/AC1/Calls/CA1.json", "GET"),
             ("/avaya/v2/Accounts/AC1/Calls.json", "DELETE"),      # 405
             ("/avaya/v2/Accounts/AC1/Nothing.json", "GET"),       # 404
             ("/avoxi/api/v2/order", "POST"), ("/avanser/v1/requests/", "GET"),
             ("/_mock/faults/f1", "DELETE"), ("/_mock/faults/f1/", "DELETE")]

    def outcome(adapter, path, method):
        try:
            rule, values = adapter.match(path, method, return_rule=True)
            return rule.rule, values
        except RequestRedirect as redirect:
            return "redirect", redirect.new_url
        except HTTPException as refusal:
            return "refused", refusal.code

    cached, expected = app.url_map.bind("localhost"), plain.bind("localhost")
    for path, method in paths * 2:
        assert outcome(cached, path, method) == outcome(expected, path, method), path
    first = cached.match("/avaya/v2/Accounts/AC1/SMS/Messages.json", "POST")[1]
    first["AccountSid"] = "changed"
    assert cached.match("/avaya/v2/Accounts/AC1/SMS/Messages.json", "POST")[1] != first
    assert outcome(cached, "/late", "GET") == ("refused", 404)
    app.url_map.add(Rule("/late", endpoint="late", methods=["GET"]))
    assert outcome(cached, "/late", "GET") == ("/late", {})


_JSON_SCALARS = (st.none() | st.booleans() | st.integers(-2**63, 2**64 - 1)
                 | st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
_JSON = st.recursive(_JSON_SCALARS, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_dumps_writes_the_standard_librarys_bytes(data):
    assert render.dumps(data) == json.dumps(data, separators=(",", ":"),
                                            ensure_ascii=False).encode()


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_dumps_writes_a_float_as_the_same_number(value):
    assert json.loads(render.dumps({"price": value})) == {"price": value}


def test_dumps_falls_back_for_what_orjson_refuses():
    assert render.dumps({"text": "a\udfffb"}) == b'{"text":"a\\udfffb"}'
    assert render.dumps({"big": 2**70}) == b'{"big":1180591620717411303424}'
    assert render.dumps({1: "one", "two": [True, None]}) == b'{"1":"one","two":[true,null]}'


def test_phones_answer_as_phonenumbers_does():
    import phonenumbers
    for text in ("+14155552671", "+442079460000", "+61412345678", "+1555", "+999123"):
        try:
            parsed = phonenumbers.parse(text, None)
        except phonenumbers.NumberParseException:
            parsed = None
        assert phones.is_valid(text) == (parsed is not None
                                         and phonenumbers.is_valid_number(parsed))
        if parsed is not None:
            assert phones.region_of(text) == phonenumbers.region_code_for_number(parsed)
            assert phones.number_type(text) == phonenumbers.number_type(parsed)
            assert phones.formatted(text, phones.NATIONAL) == phonenumbers.format_number(
                parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    assert phones.formatted("(415) 555-2671", phones.E164, "US") == "+14155552671"
    assert phones.parse("not a number") is None
    assert phones.is_valid("not a number") is False
    assert phones.region_of("") is None and phones.number_type("x") is None


def test_json_copy_shares_nothing():
    original = {"a": [1, {"b": "c"}], "d": None, "e": True, "f": "日本"}
    copied = render.json_copy(original)
    assert copied == original
    copied["a"][1]["b"] = "changed"
    assert original["a"][1]["b"] == "c"
    unusual = {"big": 2**70, "text": "a\udfffb", "list": [1.5]}
    assert render.json_copy(unusual) == unusual


@settings(max_examples=200, deadline=None)
@given(st.sets(st.integers(0, 60)), st.integers(0, 70), st.integers(0, 70))
def test_held_indexes_free_skips_exactly_the_held(held, size, start):
    from mockserver.core.numbering import HeldIndexes
    taken = HeldIndexes(sorted(held))
    assert list(taken.free(size, start)) == [i for i in range(start, size) if i not in held]
    assert all((i in taken) == (i in held) for i in range(-1, 72))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=60) | st.text(alphabet="ab=&%+;é 0F\x00", max_size=40).map(
    lambda text: text.encode()))
def test_form_reads_a_form_encoded_body_as_werkzeug_does(body):
    """core.body.form parses form-encoded bodies itself; what it reads is request.form's."""
    from flask import Flask, request
    from mockserver.core.body import form
    app = Flask("form")
    for method in ("POST", "PUT"):
        with app.test_request_context("/", method=method, data=body,
                                      content_type="application/x-www-form-urlencoded"):
            ours = list(form(request).items(multi=True))
        with app.test_request_context("/", method=method, data=body,
                                      content_type="application/x-www-form-urlencoded"):
            assert ours == list(request.form.items(multi=True))


def test_remembered_nested_loads_as_nested_does_and_shares_nothing():
    """RememberedNested (core/validation.py) answers what a plain Nested answers, a fresh
    copy each time; a failing object fails every time."""
    from marshmallow import Schema, ValidationError, fields, validate

    from mockserver.core.validation import RememberedNested

    class Inner(Schema):
        kind = fields.String(required=True, validate=validate.OneOf(["a", "b"]))
        tags = fields.List(fields.String(), load_default=list)

    class Remembered(Schema):
        inner = RememberedNested(Inner)

    class Plain(Schema):
        inner = fields.Nested(Inner)

    remembered, plain = Remembered(), Plain()
    for value in ({"kind": "a"}, {"tags": ["x"], "kind": "b"}, {"kind": "a"}):
        first = remembered.load({"inner": value})
        assert first == plain.load({"inner": value})
        first["inner"]["tags"].append("changed")
        assert remembered.load({"inner": value}) == plain.load({"inner": value})
    for _ in range(2):
        with pytest.raises(ValidationError) as refused:
            remembered.load({"inner": {"kind": "c"}})
        assert refused.value.messages == {"inner": {"kind": ["Must be one of: a, b."]}}

