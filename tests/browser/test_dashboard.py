"""The dashboard at /_mock/ui, driven in a headless Chromium: what a user sees after making
requests, placing an Avaya call, advancing the clock, adding a fault and resetting a tenant.
Every wait is a WebDriverWait on what the page shows (it polls the control API each second).
"""
from __future__ import annotations

import base64
from datetime import datetime, timedelta

import pytest
import requests

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def bearer(tenant: str) -> dict[str, str]:
    """AVOXI's credentials for a tenant of the test's own."""
    return {"Authorization": f"Bearer {tenant}"}


def basic(sid: str) -> dict[str, str]:
    """Avaya's Basic credentials for account ``sid``."""
    return {"Authorization": "Basic " + base64.b64encode(f"{sid}:token".encode()).decode()}


def when(stamp: str) -> datetime:
    """An ISO-8601 time with ``Z`` as a datetime."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def test_requests_appear_in_the_journal_with_both_bodies(page):
    from selenium.webdriver.support.ui import Select
    page.open("journal")
    tenant = "browser-journal"
    page.find("journal-filter-tenant").send_keys(tenant)
    reply = requests.get(page.server.url + "/avoxi/api/v2/countries", headers=bearer(tenant),
                         timeout=10)
    assert reply.status_code == 200

    row = page.click("journal-row")
    assert "/avoxi/api/v2/countries" in row["text"] and "200" in row["text"]
    response = page.find("journal-detail-response")
    page.until(lambda d: "United Kingdom" in response.text)
    assert response.text.startswith("200 application/json")
    assert "Authorization: Bearer browser-journal" in page.find("journal-detail-request").text

    # an unmatched request is highlighted, and the filters find it
    requests.post(page.server.url + "/avoxi/api/v2/no-such-endpoint", headers=bearer(tenant),
                  json={"hello": "<script>alert(1)</script>"}, timeout=10)
    page.find("journal-filter-tenant").clear()
    Select(page.find("journal-filter-method")).select_by_visible_text("POST")
    page.find("journal-filter-unmatched").click()
    row = page.click("journal-row", lambda r: "no-such-endpoint" in r["text"])
    assert "unmatched" in row["class"].split()
    assert all("POST" in r["text"] for r in page.rows("journal-row"))
    # the hostile body shows as text, pretty-printed, and ran nothing
    request_box = page.find("journal-detail-request")
    page.until(lambda d: '"hello": "<script>alert(1)</script>"' in request_box.text)
    assert "unmatched" in page.find("journal-detail-note").text


def test_an_avaya_call_and_its_timeline(page):
    sid = "AC0000000000000000000000000000b701"
    server = page.server.url
    page.control("PUT", "/_mock/inbox/browser-ivr/reply", status=200,
                 content_type="application/xml",
                 body="<Response><Say>Welcome to the dashboard</Say><Hangup/></Response>")
    page.control("POST", "/_mock/clock", freeze="2031-03-01T09:00:00Z")
    call = requests.post(f"{server}/avaya/v2/Accounts/{sid}/Calls.json", headers=basic(sid),
                         data={"From": "+14155550100", "To": "+14155552671",
                               "Url": f"{server}/_mock/inbox/browser-ivr"}, timeout=10).json()
    page.control("POST", "/_mock/clock", advance=120)

    # a second account, without calls: the page lists only the accounts that have some
    quiet = "AC0000000000000000000000000000b7ff"
    assert requests.get(f"{server}/avaya/v2/Accounts/{quiet}.json", headers=basic(quiet),
                        timeout=10).status_code == 200
    page.open("calls")
    account = page.click("calls-account-row", lambda r: r["data"].get("account") == sid)
    assert account["cells"] == [sid, "1"]
    assert not any(r["data"]["account"] == quiet for r in page.rows("calls-account-row"))
    page.until(lambda d: page.find("calls-account").get_attribute("value") == sid)
    row = page.click("call-row", lambda r: r["data"].get("sid") == call["sid"])
    assert "completed" in row["text"] and "+14155552671" in row["text"]
    page.row("timeline-row", lambda r: r["data"].get("kind") == "element")
    rows = page.rows("timeline-row")
    kinds = [r["data"]["kind"] for r in rows]
    assert kinds[0] == "status" and kinds[-1] == "status"
    assert {"fetch", "document", "element"} <= set(kinds)
    texts = [r["text"] for r in rows]
    assert any("Say" in t and "Welcome to the dashboard" in t for t in texts)
    assert any("browser-ivr" in t for t in texts if "fetch" in t)
    assert "completed" in texts[-1]
    assert "completed" in page.find("call-title").text


def test_advance_the_clock_from_the_page(page):
    page.open("clock")
    page.find("clock-freeze").click()
    page.until(lambda d: page.find("header-clock-mode").text == "frozen")
    before = when(page.find("clock-now").text)
    # a call placed now schedules its ringing on the mock clock
    sid = "AC0000000000000000000000000000b702"
    requests.post(f"{page.server.url}/avaya/v2/Accounts/{sid}/Calls.json", headers=basic(sid),
                  data={"From": "+14155550100", "To": "+14155552672",
                        "Url": f"{page.server.url}/_mock/inbox/browser-clock"}, timeout=10)
    page.row("scheduled-row", lambda r: sid in r["text"],
             "the call's events never showed as scheduled")

    amount = page.find("clock-advance-amount")
    amount.clear()
    amount.send_keys("2")
    from selenium.webdriver.support.ui import Select
    Select(page.find("clock-advance-unit")).select_by_visible_text("hours")
    page.find("clock-advance").click()

    target = before + timedelta(hours=2)
    page.until(lambda d: when(page.find("header-clock").text) == target,
               "the header never showed the advanced clock")
    assert "scheduled events ran" in page.find("clock-result").text
    page.until(lambda d: not any(sid in r["text"] for r in page.rows("scheduled-row")))
    assert requests.get(page.server.url + "/_mock/clock", timeout=10).json()["frozen"] is True

    page.find("clock-run-free").click()
    page.until(lambda d: page.find("clock-mode").text == "running")


def test_a_fault_added_on_the_page_fails_the_next_request(page):
    tenant = "browser-fault"
    countries = page.server.url + "/avoxi/api/v2/countries"
    page.open("faults")
    page.find("fault-tenant").send_keys(tenant)
    page.find("fault-path").send_keys("*/countries")
    page.find("fault-add").click()
    row = page.row("fault-row", lambda r: tenant in r["text"])
    assert "status 503" in row["text"]

    assert requests.get(countries, headers=bearer(tenant), timeout=10).status_code == 503
    assert requests.get(countries, headers=bearer("browser-other"), timeout=10).status_code == 200
    rule = row["data"]["id"]
    page.row("fault-row", lambda r: r["data"]["id"] == rule and r["cells"][5] == "1",
             "fired never showed 1")

    page.click("fault-row", lambda r: r["data"]["id"] == rule, inside="fault-delete")
    page.until(lambda d: not any(r["data"]["id"] == rule for r in page.rows("fault-row")))
    assert requests.get(countries, headers=bearer(tenant), timeout=10).status_code == 200


def test_reset_a_tenant_from_its_page(page):
    tenant = "browser-reset"
    reply = requests.get(page.server.url + "/avoxi/api/v2/numbers", headers=bearer(tenant),
                         timeout=10)
    assert reply.status_code == 200
    page.open("tenants")
    page.row("tenant-row", lambda r: r["data"].get("tenant") == tenant)
    # the filters narrow the list to the tenant looked for
    page.find("tenants-filter-tenant").send_keys("ROWSER-RES")
    page.until(lambda d: [r["data"]["tenant"] for r in page.rows("tenant-row")] == [tenant],
               "the tenant filter never narrowed the list")
    assert page.find("tenants-note").text.startswith("1 of ")
    from selenium.webdriver.support.ui import Select
    Select(page.find("tenants-filter-provider")).select_by_visible_text("dial9")
    page.row("tenants-table", lambda r: "no tenant matches" in r["text"])
    assert page.rows("tenant-row") == []
    Select(page.find("tenants-filter-provider")).select_by_visible_text("avoxi")
    row = page.click("tenant-row", lambda r: r["data"].get("tenant") == tenant)
    assert "avoxi" in row["text"] and "numbers 3" in row["text"]

    def first_number(driver):
        """Open the first of the tenant's three numbers, once their table is drawn."""
        tables = page.find_all("resource-numbers")
        if not tables:
            return False
        rows = tables[0].find_elements("css selector", "tbody tr")
        assert len(rows) == 3
        rows[0].click()
        return True
    page.until(first_number, "the numbers table never opened a number")
    page.until(lambda d: '"number"' in page.find("tenant-json").text)

    page.find("tenant-reset").click()
    page.until(lambda d: not any(r["data"].get("tenant") == tenant
                                 for r in page.rows("tenant-row")))
    page.until(lambda d: "not seeded" in page.find("tenant-note").text)
    assert requests.get(page.server.url + f"/_mock/tenants/avoxi/{tenant}",
                        timeout=10).status_code == 404
