"""Screenshots of the dashboard for docs/dashboard.md: a mock with some traffic (requests to
each provider, an unmatched one, an Avaya IVR call with a key press, an SMS with its status
callbacks, a fault that fired, events still scheduled), then one PNG per view in docs/img/.

Run from the repository: ``.venv/bin/python docs/screenshots.py`` (needs the test extra's
selenium and Debian's chromium and chromium-driver, as tests/browser does).
"""
from __future__ import annotations

import base64
import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

import requests

from mockserver.pytest_plugin import LiveServer

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"
SID = "AC00000000000000000000000000000042"
AUTH = {"Authorization": "Basic " + base64.b64encode(f"{SID}:token".encode()).decode()}


def browser_setup():
    """tests/browser/conftest.py's Chromium setup (the same flags and checks)."""
    spec = importlib.util.spec_from_file_location(
        "browser_conftest", ROOT / "tests" / "browser" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def traffic(url: str) -> None:
    """Something to see in every view."""
    def control(method, where, **body):
        reply = requests.request(method, url + where, json=body or None, timeout=10)
        reply.raise_for_status()
        return reply.json()

    control("POST", "/_mock/clock", freeze="2030-01-01T09:00:00Z")
    avoxi = {"Authorization": "Bearer demo-avoxi"}
    requests.get(url + "/avoxi/api/v2/countries", headers=avoxi, timeout=10)
    requests.get(url + "/avoxi/api/v2/numbers", headers=avoxi, timeout=10)
    requests.post(url + "/avoxi/api/v2/order", headers=avoxi, json={"items": []}, timeout=10)
    requests.get(url + "/dial9/api/v2/numbers/list", timeout=10,
                 headers={"X-Auth-Application": "demo", "X-Auth-Token": "demo"})
    requests.get(url + "/avoxi/api/v2/no-such-endpoint", headers=avoxi, timeout=10)
    control("POST", "/_mock/faults", provider="avoxi", path="*/numbers", status=503, times=1)
    requests.get(url + "/avoxi/api/v2/numbers", headers=avoxi, timeout=10)

    # an IVR: a menu, the caller presses 2, a goodbye
    control("PUT", "/_mock/inbox/ivr-menu/reply", status=200, content_type="application/xml",
            body=f'<Response><Gather action="{url}/_mock/inbox/ivr-choice" numDigits="1">'
                 "<Say>Press 1 for sales, 2 for support.</Say></Gather></Response>")
    control("PUT", "/_mock/inbox/ivr-choice/reply", status=200,
            content_type="application/xml",
            body="<Response><Say>Connecting you to support.</Say><Hangup/></Response>")
    control("POST", "/_mock/avaya/callees", account_sid=SID, to="+14155552671", digits=["2"])
    api = f"{url}/avaya/v2/Accounts/{SID}"
    number = requests.post(api + "/IncomingPhoneNumbers.json", headers=AUTH, timeout=10,
                           data={"AreaCode": "212"}).json()["phone_number"]
    requests.post(api + "/Calls.json", headers=AUTH, timeout=10, data={
        "From": number, "To": "+14155552671", "Url": url + "/_mock/inbox/ivr-menu"})
    requests.post(api + "/SMS/Messages.json", headers=AUTH, timeout=10, data={
        "From": number, "To": "+14155552671", "Body": "Your code is 1234",
        "StatusCallback": url + "/_mock/inbox/sms-status"})
    control("POST", "/_mock/clock", advance=90)
    # still to come: a second call, ringing on the mock clock
    requests.post(api + "/Calls.json", headers=AUTH, timeout=10, data={
        "From": number, "To": "+14155552672", "Url": url + "/_mock/inbox/ivr-menu"})


def shoot(page, route: str, name: str, click: str | None = None, ready: str | None = None,
          text: str = ""):
    """Open a view, optionally click the first row with that testid (and text), wait for
    rows with the ``ready`` testid, save a PNG."""
    page.open(route)
    if click:
        page.until(lambda d: [row for row in page.find_all(click) if text in row.text])[0].click()
    if ready:
        page.until(lambda d: page.find_all(ready))
    page.driver.execute_script("window.scrollTo(0, 0)")
    page.driver.save_screenshot(str(OUT / f"{name}.png"))
    print("wrote", OUT / f"{name}.png")


def main() -> int:
    """Serve, make traffic, take one screenshot per view."""
    setup = browser_setup()
    reason = setup.missing_browser()
    if reason:
        print("cannot take screenshots:", reason, file=sys.stderr)
        return 1
    server = LiveServer()
    profile = tempfile.mkdtemp(prefix="mockserver-shots-")
    driver = setup.chrome(profile)
    try:
        driver.set_window_size(1200, 720)
        traffic(server.url)
        page = setup.Page(driver, server)
        OUT.mkdir(parents=True, exist_ok=True)
        shoot(page, "providers", "providers", ready=None)
        shoot(page, f"tenants/avaya/{SID}", "tenants", ready="resource-numbers")
        shoot(page, "journal", "journal", click="journal-row", text="Calls.json")
        shoot(page, "webhooks", "webhooks", click="webhook-row")
        shoot(page, f"calls/{SID}", "calls", click="call-row", ready="timeline-row",
              text="completed")
        shoot(page, "clock", "clock", ready="scheduled-row")
        shoot(page, "faults", "faults", ready="fault-row")
    finally:
        driver.quit()
        server.stop()
        shutil.rmtree(profile, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
