"""Accounts (seed 002): list by purpose, switch, and the selected account's details,
packages, number rates, call rates, transcription rates and features."""
from __future__ import annotations

import pytest

from .helpers import assert_error_detail, assert_transaction, ok

RESOURCE_FIELDS = {
    "details": {"client_name", "client_id", "abn", "primary_contact", "billing_contact",
                "invoice_address"},
    "packages": {"package_code", "start_date", "end_date", "setup_charge", "monthly_charge",
                 "email", "fixed_call_rate", "rates"},
    "number_rates": {"rate_code", "description", "setup_date", "setup_charge",
                     "rental_charge"},
    "call_rates": {"rate_code", "call_type", "cost_per_minute", "free_seconds",
                   "minimum_seconds"},
    "transcription_rates": {"setup_date", "rate"},
    "features": {"feature_code", "description", "start_date", "end_date", "setup_charge",
                 "monthly_charge", "change_charge", "charging_method", "charge_term"},
}


def accounts(avanser, kind: str | None = None) -> list[dict]:
    params = {"type": kind} if kind else None
    return ok(avanser.get("/accounts", params=params))


def test_list_accounts_has_the_documented_fields(avanser):
    listed = accounts(avanser)
    assert listed
    for account in listed:
        assert set(account) == {"account-id", "account"}
        assert isinstance(account["account-id"], int) and isinstance(account["account"], str)


def test_configuration_is_the_default_type(avanser):
    assert accounts(avanser) == accounts(avanser, "configuration")
    assert accounts(avanser, "billing")


def test_seed_test_account_is_reachable(avanser, is_real):
    if is_real:
        pytest.skip("the seed's account 6999 exists only in the mock")
    assert {"account-id": 6999, "account": "Test Account"} in accounts(avanser)


def test_invalid_type_is_400_naming_it(avanser):
    assert_error_detail(avanser.get("/accounts", params={"type": "sales"}), {"type"})


@pytest.mark.parametrize("resource", sorted(RESOURCE_FIELDS))
def test_account_resources_have_the_documented_fields(avanser, resource):
    items = ok(avanser.get(f"/accounts/{resource}"), "GET", f"/accounts/{resource}")
    assert isinstance(items, list)
    for item in items:
        assert set(item) == RESOURCE_FIELDS[resource], item
        assert all(isinstance(v, (str, dict, list)) for v in item.values())


def test_seed_details_of_the_test_account(avanser, is_real):
    if is_real:
        pytest.skip("the seed's example data exists only in the mock")
    details = ok(avanser.get("/accounts/details"))[0]
    assert details["client_name"] == "AVANSER test EDB" and details["client_id"] == "5995"
    assert details["invoice_address"]["post_code"] == "2000"
    package = ok(avanser.get("/accounts/packages"))[0]
    assert package["fixed_call_rate"] == {"included": "0", "perMinute": "1.50"}
    assert package["rates"] == [{"callType": "default", "price": "0.25", "usage": "100"}]
    assert ok(avanser.get("/accounts/transcription_rates")) == [
        {"setup_date": "2020-09-08", "rate": "0.1"}]
    assert ok(avanser.get("/accounts/features"))[0]["feature_code"] == "TBR"


def test_switching_changes_what_every_endpoint_works_on(avanser):
    listed = accounts(avanser)
    if len(listed) < 2:
        pytest.skip("the user reaches a single account")
    current = avanser.get("/accounts").json()["@transaction"]["account-id"]
    other = next(a["account-id"] for a in listed if a["account-id"] != current)
    details_before = ok(avanser.get("/accounts/details"))
    reply = avanser.post("/accounts", params={"account-id": str(other)})
    assert ok(reply) == {"message": "Success", "code": 200}
    assert reply.json()["@transaction"]["account-id"] == other
    for path in ("/accounts/details", "/templates", "/accounts"):
        assert avanser.get(path).json()["@transaction"]["account-id"] == other
    assert ok(avanser.get("/accounts/details")) != details_before


def test_switch_accepts_a_form_body(avanser):
    listed = accounts(avanser)
    target = listed[-1]["account-id"]
    reply = avanser.post("/accounts", data=f"account-id={target}",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert ok(reply) == {"message": "Success", "code": 200}
    assert_transaction(reply.json(), "POST", "/accounts")
    assert reply.json()["@transaction"]["account-id"] == target


@pytest.mark.parametrize("value", ["1", "abc", "-6999", "69.99"])
def test_unreachable_account_is_400_and_changes_nothing(avanser, value):
    before = avanser.get("/accounts").json()["@transaction"]["account-id"]
    body = assert_error_detail(avanser.post("/accounts", params={"account-id": value}),
                               {"account-id"})
    assert body["errors"] == {"account-id": "invalid account"}
    assert avanser.get("/accounts").json()["@transaction"]["account-id"] == before


def test_missing_account_id_is_400_naming_it(avanser):
    assert_error_detail(avanser.post("/accounts"), {"account-id"})
