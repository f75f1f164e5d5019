"""Authentication and the RestException envelope (seed 004, Authentication, Response,
Errors): Basic ``AccountSid:AuthToken``; ``Invalid credentials`` (10004) in the seed's
XML, or JSON for a ``.json`` path; routing errors in the same envelope."""
from __future__ import annotations

import base64

import pytest

from .conftest import TRIAL, account_api, basic, new_account_sid
from .helpers import ok_json, rest_exception

MORE_INFO = "http://www.zang.io/docs/api/rest/overview/errors/10004"


def test_no_credentials_is_the_seeds_invalid_credentials_exception(avaya):
    reply = avaya.get("", replace_headers=True)
    error = rest_exception(reply, 403, 10004, fmt="xml")
    assert error == {"status": 403, "message": "Invalid credentials", "code": 10004,
                     "more_info": MORE_INFO}
    assert reply.headers["Content-Type"].startswith("application/xml")


def test_json_path_gets_the_exception_in_json(avaya):
    reply = avaya.get(".json", replace_headers=True)
    assert reply.headers["Content-Type"].startswith("application/json")
    assert rest_exception(reply, 403, 10004)["message"] == "Invalid credentials"


@pytest.mark.parametrize("header", ["Basic !!!notbase64", "Bearer abc",
                                    "Basic " + base64.b64encode(b"no-colon").decode()])
def test_malformed_credentials_are_10004(avaya, header):
    rest_exception(avaya.get(".json", headers={"Authorization": header}), 403, 10004)


def test_path_account_other_than_the_authenticated_one_is_10004(target, account):
    other = account_api(target, *account)
    other.base = other.base.replace(account[0], new_account_sid())
    rest_exception(other.get(".json"), 403, 10004)


def test_wrong_auth_token_is_10004(target, mock_only):
    rest_exception(account_api(target, TRIAL[0], "not-the-token").get(".json"), 403, 10004)


def test_each_account_sid_is_its_own_tenant(target, mock_only):
    first, second = new_account_sid(), new_account_sid()
    ok_json(account_api(target, first, "t").post(".json", data={"FriendlyName": "first"}))
    assert ok_json(account_api(target, second, "t").get(".json"))["friendly_name"] != "first"


def test_unknown_resource_is_a_rest_exception_not_a_page(avaya):
    rest_exception(avaya.get("/NoSuchThing.json"), 404, 21501)
    rest_exception(avaya.get("/NoSuchThing"), 404, 21501, fmt="xml")


def test_unknown_format_suffix_is_404(avaya):
    rest_exception(avaya.get(".yaml"), 404, 21501, fmt="xml")


def test_method_not_allowed_is_20004(avaya):
    rest_exception(avaya.delete(".json"), 405, 20004)
    rest_exception(avaya.request("PUT", "", data={"FriendlyName": "x"}), 405, 20004,
                   fmt="xml")


def test_json_body_is_refused_with_invalid_content_type(avaya):
    reply = avaya.post(".json", data='{"FriendlyName": "json"}',
                       headers={"Content-Type": "application/json"})
    rest_exception(reply, 415, 12300)
    assert ok_json(avaya.get(".json"))["friendly_name"] != "json"


def test_parameters_may_come_in_the_query_string_of_a_post(avaya):
    # the seed's own BYOC example passes a POST's parameters in the query string
    body = ok_json(avaya.post(".json", params={"FriendlyName": "from the query"}))
    assert body["friendly_name"] == "from the query"


def test_basic_header_is_what_the_sdks_send(target, account):
    api = account_api(target, *account)
    assert api.headers == basic(*account)
    assert ok_json(api.get(".json"))["sid"] == account[0]
