"""Avaya Usages and Notifications seen from inside the mock (seed 004_0bee4f3fb019fb3f.txt,
View Usage, List Usages, List Notifications, View Notification): usage recorded through
``Ledger.charge`` on a frozen mock clock and grouped per product per day, the Day/Month/Year
defaults, notifications written through ``Ledger.notify``, which refused requests are
logged, the shapes the Zang SDKs read, and applications that numbers use being deleted."""
from __future__ import annotations

import base64
from decimal import Decimal
from urllib.parse import parse_qs

import pytest

from mockserver import create_app
from mockserver.app import services_of
from mockserver.providers.avaya.ledger import INFO, WARNING

pytestmark = pytest.mark.mock_only
SID = "AC" + "5" * 32
ROOT = f"/avaya/v2/Accounts/{SID}"
H = {"Authorization": "Basic " + base64.b64encode(f"{SID}:token".encode()).decode()}
#: the product names zang-python's Product enum knows (a response with any other fails to
#: parse there)
SDK_PRODUCTS = {"Outbound Call", "Inbound Call", "Outbound SMS", "Inbound SMS",
                "Outbound SIP", "Inbound SIP", "Recording", "Recurring DID",
                "Recurring DID (Premium)", "Transcription (Auto)", "Transcription (Hybrid)",
                "Recurring Inbound Channel", "Inbound Call (Channel)", "CNAM Dip",
                "Carrier Lookup", "Outbound Call (Spoofed)", "Inbound Call (Channel Overage)",
                "Recurring DID Unblock", "Inbound Call Unblocked",
                "Inbound Call Forwarded From"}


@pytest.fixture
def app():
    app = create_app()
    services_of(app).clock.freeze("2024-03-15T10:00:00Z")
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def backend(app, client):
    client.get(f"{ROOT}.json", headers=H)           # the tenant exists
    return services_of(app).backends["avaya"]


def charge(app, backend, when: str, product: int, quantity: int, cost: str,
           count: int = 1) -> None:
    services_of(app).clock.freeze(when)
    with backend.locked(SID) as state:
        backend.charge(state, product, quantity, Decimal(cost), count=count)


def usages(client, **params) -> list[dict]:
    reply = client.get(f"{ROOT}/Usages.json", headers=H, query_string=params)
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()["usages"]


# -- usages ------------------------------------------------------------------------------

def test_one_usage_per_product_per_day_with_quantity_and_total(app, client, backend):
    charge(app, backend, "2024-03-14T09:00:00Z", 3, 2, "0.0140")
    charge(app, backend, "2024-03-14T23:59:00Z", 3, 1, "0.0070")
    charge(app, backend, "2024-03-14T12:00:00Z", 8, 1, "1.0000")
    charge(app, backend, "2024-03-15T01:00:00Z", 3, 3, "0.0210")
    listed = usages(client)
    assert [(u["product_id"], u["day"]) for u in listed] == [(3, "15"), (3, "14"), (8, "14")]
    sms = listed[1]
    assert (sms["product"], sms["quantity"], sms["total"]) == ("Outbound SMS", 3, 2)
    assert (sms["total_cost"], sms["average_cost"]) == ("0.021000", "0.007000")
    assert (sms["day"], sms["month"], sms["year"]) == ("14", "03", "2024")


def test_average_cost_is_per_unit_of_quantity(app, client, backend):
    charge(app, backend, "2024-03-15T09:00:00Z", 12, 120, "0.1", count=2)
    (usage,) = usages(client)
    assert (usage["quantity"], usage["total"]) == (120, 2)
    assert (usage["total_cost"], usage["average_cost"]) == ("0.100000", "0.000833")


def test_zero_quantity_costs_zero_on_average(app, client, backend):
    charge(app, backend, "2024-03-15T09:00:00Z", 19, 0, "0")
    assert usages(client)[0]["average_cost"] == "0.000000"


def test_usage_sids_are_stable_and_differ_by_product_and_day(app, client, backend):
    charge(app, backend, "2024-03-14T09:00:00Z", 3, 1, "0.007")
    first = usages(client)[0]["sid"]
    charge(app, backend, "2024-03-14T10:00:00Z", 3, 1, "0.007")
    charge(app, backend, "2024-03-15T10:00:00Z", 3, 1, "0.007")
    charge(app, backend, "2024-03-15T10:00:00Z", 4, 1, "0.007")
    sids = {(u["product_id"], u["day"]): u["sid"] for u in usages(client)}
    assert sids[(3, "14")] == first
    assert len(set(sids.values())) == 3
    view = client.get(f"{ROOT}/Usages/{first}.json", headers=H).get_json()
    assert view["quantity"] == 2 and view["sid"] == first


def test_same_seed_same_usage_sids():
    sids = []
    for _ in range(2):
        app = create_app()
        services_of(app).clock.freeze("2024-03-15T10:00:00Z")
        client = app.test_client()
        client.get(f"{ROOT}.json", headers=H)
        backend = services_of(app).backends["avaya"]
        with backend.locked(SID) as state:
            backend.charge(state, 8, 1, Decimal("1"))
        sids.append(usages(client)[0]["sid"])
    assert sids[0] == sids[1]


def test_a_day_without_a_month_is_a_day_of_the_current_month(app, client, backend):
    charge(app, backend, "2024-02-10T09:00:00Z", 3, 1, "0.007")
    charge(app, backend, "2024-03-10T09:00:00Z", 4, 1, "0.007")
    charge(app, backend, "2023-03-10T09:00:00Z", 8, 1, "1")
    services_of(app).clock.freeze("2024-03-20T00:00:00Z")
    assert [u["product_id"] for u in usages(client, Day="10")] == [4]
    assert [u["product_id"] for u in usages(client, Day="10", Month="2")] == [3]
    assert [u["product_id"] for u in usages(client, Day="10", Year="2023")] == [8]
    assert [u["product_id"] for u in usages(client, Month="03")] == [4]
    assert [u["product_id"] for u in usages(client, Year="2024")] == [4, 3]
    assert len(usages(client)) == 3


def test_product_filter_and_paging(app, client, backend):
    for day in range(1, 6):
        charge(app, backend, f"2024-03-{day:02d}T09:00:00Z", 3, 1, "0.007")
        charge(app, backend, f"2024-03-{day:02d}T09:00:00Z", 4, 1, "0.007")
    assert len(usages(client, Product="4")) == 5
    body = client.get(f"{ROOT}/Usages.json", headers=H,
                      query_string={"Product": "3", "PageSize": 2, "Page": 2}).get_json()
    assert (body["total"], body["num_pages"], [u["day"] for u in body["usages"]]) == \
        (5, 3, ["01"])
    assert "Product=3" in body["first_page_uri"]


def test_product_names_are_ones_the_sdk_knows(app, client, backend):
    for product in (1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 14, 17, 18, 19, 20, 21, 22, 23, 24, 25):
        charge(app, backend, "2024-03-15T09:00:00Z", product, 1, "0.01")
    names = {u["product_id"]: u["product"] for u in usages(client)}
    assert set(names.values()) <= SDK_PRODUCTS
    assert names[14] == "Transcription (Hybrid)"


# -- notifications -----------------------------------------------------------------------

def notifications(client, **params) -> list[dict]:
    reply = client.get(f"{ROOT}/Notifications.json", headers=H, query_string=params)
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()["notifications"]


def test_notify_levels_and_the_log_filter(client, backend):
    with backend.locked(SID) as state:
        backend.notify(state, 11200, "HTTP retrieval failure", request_url="http://x.test/cb",
                       request_method="GET", request_variables={"SmsSid": "SM1"},
                       response_headers="Content-Type: text/plain", response_body="oops")
        backend.notify(state, 30000, "Low account balance warning", log=WARNING)
        backend.notify(state, 30003, "Phone number purchased", log=INFO)
    assert [n["error_code"] for n in notifications(client)] == [30003, 30000, 11200]
    (error,) = notifications(client, Log="0")
    assert parse_qs(error["message_text"])["LogLevel"] == ["(0, 'ERROR')"]
    assert error["response_body"] == error["response_data"] == "oops"
    assert error["request_variables"] == "SmsSid=SM1"
    assert [n["error_code"] for n in notifications(client, Log="1")] == [30000]
    (info,) = notifications(client, Log="2")
    assert parse_qs(info["message_text"])["LogLevel"] == ["(2, 'INFO')"]
    assert info["request_method"] == "POST"         # a method zang-python's enum knows


def test_refused_delete_is_not_logged(client, backend):
    reply = client.delete(f"{ROOT}/Applications/AP{'0' * 32}.json", headers=H)
    assert reply.status_code == 404
    assert notifications(client) == []


def test_refused_credentials_are_not_logged(client, backend):
    wrong = {"Authorization": "Basic " + base64.b64encode(b"ACa0000000000000000000000000000001"
                                                          b":bad").decode()}
    reply = client.get(f"{ROOT}/Applications/AP{'0' * 32}.json", headers=wrong)
    assert reply.status_code == 403
    assert notifications(client) == []


def test_unsupported_body_type_is_logged(client, backend):
    reply = client.post(f"{ROOT}/Applications.json", headers=H, data="{}",
                        content_type="application/json")
    assert reply.status_code == 415
    (note,) = notifications(client)
    assert note["error_code"] == 12300


def test_request_url_is_the_url_the_client_used(client, backend):
    reply = client.get(f"/v2/Accounts/{SID}/Applications/AP{'1' * 32}.json",
                       headers={**H, "Host": "api.zang.io"})
    assert reply.status_code == 404
    (note,) = notifications(client)
    assert note["request_url"] == f"http://api.zang.io/v2/Accounts/{SID}/Applications/" \
                                  f"AP{'1' * 32}.json"


def test_a_notification_reads_as_the_sdk_reads_it(client, backend):
    client.get(f"{ROOT}/Usages.json", headers=H, query_string={"Product": "77"})
    (note,) = notifications(client)
    assert note["log"] in (0, 1, 2) and note["request_method"] in ("GET", "POST")
    assert isinstance(note["error_code"], int) and note["error_code"] == 10022
    assert note["request_variables"] == "Product=77"


# -- applications that numbers use -------------------------------------------------------

def test_deleting_an_application_detaches_the_numbers_that_use_it(client, backend):
    made = client.post(f"{ROOT}/Applications.json", headers=H, data={}).get_json()
    with backend.locked(SID) as state:
        state.numbers["DI1"] = {"sid": "DI1", "date_updated": "Fri, 15 Mar 2024 09:00:00 -0000",
                                "voice_application_sid": made["sid"],
                                "sms_application_sid": made["sid"],
                                "mms_application_sid": "AP-other"}
        state.numbers["DI2"] = {"sid": "DI2", "date_updated": "Fri, 15 Mar 2024 09:00:00 -0000",
                                "voice_application_sid": ""}
    reply = client.delete(f"{ROOT}/Applications/{made['sid']}.json", headers=H)
    assert reply.status_code == 200 and reply.get_json()["sid"] == made["sid"]
    with backend.locked(SID) as state:
        first, second = state.numbers["DI1"], state.numbers["DI2"]
        assert (first["voice_application_sid"], first["sms_application_sid"],
                first["mms_application_sid"]) == ("", "", "AP-other")
        assert first["date_updated"] == "Fri, 15 Mar 2024 10:00:00 -0000"
        assert second["date_updated"] == "Fri, 15 Mar 2024 09:00:00 -0000"


def test_an_account_keeps_its_latest_thousand_notifications(mock_app):
    from mockserver.app import services_of
    from mockserver.providers.avaya.ledger import NOTIFICATIONS_KEPT
    backend = services_of(mock_app).backends["avaya"]
    sid = "AC" + "c" * 32
    with backend.locked(sid) as state:
        first = backend.notify(state, 21227, "SID Could not be found")["sid"]
        for _ in range(NOTIFICATIONS_KEPT):
            last = backend.notify(state, 21227, "SID Could not be found")["sid"]
        assert len(state.notifications) == NOTIFICATIONS_KEPT
        assert first not in state.notifications and last in state.notifications
