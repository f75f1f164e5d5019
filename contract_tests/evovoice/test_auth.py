"""Who may buy: Basic auth, API keys as Bearer tokens, sessions from ServiceStack's
``/auth/credentials``; the roles SystemAdministrator, Manager and Customer (seed 001)."""
from __future__ import annotations

import pytest

from .helpers import (ACME_WEST, ADMIN, BUY, CUSTOMER, MANAGER, VIEWER, assert_error,
                      assert_endpoint_info, basic, fresh_number, set_cookies)


def buy_virtual(api, **headers):
    """Create a fresh virtual number (fixture users share their tenant between tests)."""
    return api.post(BUY, json={"number": fresh_number(), "isVirtualPhoneNumber": True},
                    headers=headers)


@pytest.mark.parametrize("who", [ADMIN, MANAGER, CUSTOMER])
def test_each_permitted_role_may_buy_with_basic_auth(connect, who):
    reply = buy_virtual(connect({"Authorization": basic(who[0], who[1])}))
    assert reply.status_code == 200, reply.text
    assert reply.json()["createdBy"] == who[0]


@pytest.mark.parametrize("who", [ADMIN, MANAGER, CUSTOMER])
def test_each_permitted_role_may_buy_with_an_api_key(connect, who):
    reply = buy_virtual(connect({"Authorization": f"Bearer {who[2]}"}))
    assert reply.status_code == 200, reply.text
    assert reply.json()["createdBy"] == who[0]


def test_a_customer_users_numbers_go_to_its_customer(connect):
    info = buy_virtual(connect({"Authorization": basic(CUSTOMER[0], CUSTOMER[1])})).json()
    assert (info["customerId"], info["customerName"]) == ACME_WEST


def test_any_other_api_key_is_a_customer_in_lenient_mode(connect, user):
    reply = buy_virtual(connect({"Authorization": f"Bearer {user}"}))
    assert reply.status_code == 200, reply.text


@pytest.mark.parametrize("auth", [basic(*VIEWER[:2]), f"Bearer {VIEWER[2]}"])
def test_a_user_without_a_permitted_role_is_403(connect, auth):
    status = assert_error(buy_virtual(connect({"Authorization": auth})), 403, "Forbidden")
    assert status["message"] == "Invalid Role"


def test_a_fixture_user_with_the_wrong_password_is_401(connect):
    reply = buy_virtual(connect({"Authorization": basic(MANAGER[0], "wrong")}))
    assert_error(reply, 401, "Unauthorized")
    assert reply.headers["WWW-Authenticate"].startswith("Basic")


@pytest.mark.parametrize("path,body", [
    ("/auth/credentials", {"userName": CUSTOMER[0], "password": CUSTOMER[1]}),
    ("/auth/credentials.json", {"UserName": CUSTOMER[0], "Password": CUSTOMER[1]}),
    ("/auth", {"provider": "credentials", "userName": CUSTOMER[0], "password": CUSTOMER[1]}),
    ("/api/Authenticate", {"provider": "credentials", "userName": CUSTOMER[0],
                           "password": CUSTOMER[1], "rememberMe": True}),
])
def test_credentials_sign_in_gives_a_session_cookie_that_authenticates(connect, path, body):
    api = connect()
    reply = api.post(path, json=body)
    assert reply.status_code == 200, reply.text
    session = reply.json()
    assert session["userName"] == CUSTOMER[0] and session["displayName"]
    assert session["roles"] == ["Customer"] and isinstance(session["userId"], str)
    assert isinstance(session["sessionId"], str) and session["sessionId"]
    cookies = set_cookies(reply)
    assert f"ss-id={session['sessionId']}" in cookies and "ss-pid=" in cookies
    bought = buy_virtual(api)          # the cookie jar sends ss-id
    assert bought.status_code == 200, bought.text
    assert bought.json()["createdBy"] == CUSTOMER[0]
    assert_endpoint_info(bought.json())


def test_form_encoded_sign_in_and_the_session_header(connect):
    reply = connect().post("/auth/credentials",
                           data={"UserName": MANAGER[0], "Password": MANAGER[1]})
    assert reply.status_code == 200, reply.text
    sid = reply.json()["sessionId"]
    bought = buy_virtual(connect(), **{"X-ss-id": sid})
    assert bought.status_code == 200, bought.text


def test_a_session_of_a_user_without_a_permitted_role_is_403(connect):
    api = connect()
    assert api.post("/auth/credentials", json={"userName": VIEWER[0],
                                               "password": VIEWER[1]}).status_code == 200
    assert_error(buy_virtual(api), 403, "Forbidden")


def test_any_user_signs_in_as_a_customer_in_lenient_mode(connect, user):
    reply = connect().post("/auth/credentials", json={"userName": user, "password": "x"})
    assert reply.status_code == 200, reply.text
    assert reply.json()["roles"] == ["Customer"]


def test_wrong_password_is_401(connect):
    reply = connect().post("/auth/credentials", json={"userName": ADMIN[0], "password": "no"})
    status = assert_error(reply, 401, "Unauthorized")
    assert status["message"] == "Invalid UserName or Password"
    assert "ss-id=" not in set_cookies(reply)


@pytest.mark.parametrize("body,field", [({"password": "x"}, "UserName"),
                                        ({"userName": "someone"}, "Password")])
def test_missing_user_name_or_password_is_400(connect, body, field):
    assert_error(connect().post("/auth/credentials", json=body), 400, "NotEmpty", field)


def test_logout_ends_the_session(connect):
    api = connect()
    sid = api.post("/auth/credentials", json={"userName": MANAGER[0],
                                              "password": MANAGER[1]}).json()["sessionId"]
    assert api.post("/auth/logout").status_code == 200
    assert_error(buy_virtual(connect(), **{"X-ss-id": sid}), 401, "Unauthorized")


def test_auth_without_a_provider_describes_the_current_session(connect):
    assert_error(connect().get("/auth"), 401, "Unauthorized")
    reply = connect({"Authorization": basic(MANAGER[0], MANAGER[1])}).get("/auth")
    assert reply.status_code == 200, reply.text
    assert reply.json()["userName"] == MANAGER[0]


def test_basic_provider_signs_in_with_the_basic_header(connect):
    reply = connect({"Authorization": basic(ADMIN[0], ADMIN[1])}).post("/auth/basic")
    assert reply.status_code == 200, reply.text
    assert reply.json()["roles"] == ["SystemAdministrator"]


def test_unknown_auth_provider_is_404(connect):
    assert_error(connect().post("/auth/twitter", json={}), 404, "NotFound")
