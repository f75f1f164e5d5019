"""The dashboard in a real headless browser: Debian's ``chromium`` driven by Selenium
through Debian's ``chromium-driver`` (never a browser that downloads itself).

One live mock server and one browser serve the whole session; the tests are grouped on
one xdist worker (``xdist_group("browser")`` with ``--dist loadgroup``), so a run starts
one browser whatever ``-n`` is. Each test works on a tenant of its own. Without Selenium,
chromium or chromedriver the tests skip, saying which is missing (``.ci/run`` installs them).
"""
from __future__ import annotations

import shutil
import tempfile
from importlib.util import find_spec
from pathlib import Path

import pytest
import requests

from mockserver.pytest_plugin import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
#: how long a test waits for the page to show something
WAIT = 10
#: how often the page polls in the tests (a user's page: once a second)
POLL_MS = 250
CHROME_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000")


def missing_browser() -> str | None:
    """Why no browser test can run here, or None when everything is installed."""
    if find_spec("selenium") is None:
        return "selenium is not installed (pip install -e '.[test]')"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not path.exists():
            return f"{path} is missing (apt-get install {package}; .ci/run does it as root)"
    return None


def chrome(profile: str):
    """A headless Chromium under Selenium, with a fresh profile and nothing of its own
    talking to the network."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(WAIT)
    return driver


@pytest.fixture(scope="session")
def live() -> LiveServer:
    """A mock server on a free loopback port for the session's browser tests."""
    server = LiveServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(live):
    """The session's headless Chromium (skips when it cannot be started here). It is
    quit before ``live`` stops, so no open keep-alive connection holds the server up."""
    reason = missing_browser()
    if reason:
        pytest.skip(reason)
    profile = tempfile.mkdtemp(prefix="mockserver-chromium-")
    driver = chrome(profile)
    # this tab polls four times a second: the tests wait less for what they just did
    driver.get(f"{live.url}/_mock/health")
    driver.execute_script(f'sessionStorage.setItem("mockserver-poll-ms", "{POLL_MS}")')
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


class Page:
    """The dashboard as a test drives it: open a view, find by ``data-testid``, wait."""

    def __init__(self, driver, server: LiveServer) -> None:
        from selenium.webdriver.support.ui import WebDriverWait
        self.driver, self.server = driver, server
        self.wait = WebDriverWait(driver, WAIT, poll_frequency=0.1)

    def open(self, route: str) -> None:
        """Load the dashboard afresh at a hash route (``journal``, ``calls/AC.../CA...``)."""
        self.driver.get(f"{self.server.url}/_mock/ui#{route}")
        self.until(lambda d: self.find("header-clock").text not in ("", "…"))

    def find(self, testid: str, root=None):
        """The element with that ``data-testid``."""
        from selenium.webdriver.common.by import By
        return (root or self.driver).find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]')

    def find_all(self, testid: str, root=None) -> list:
        """Every element with that ``data-testid``."""
        from selenium.webdriver.common.by import By
        return (root or self.driver).find_elements(By.CSS_SELECTOR, f'[data-testid="{testid}"]')

    def until(self, condition, message: str = ""):
        """Wait (up to WAIT seconds) for ``condition(driver)`` to be truthy; its value."""
        from selenium.common.exceptions import StaleElementReferenceException

        def safe(driver):
            try:
                return condition(driver)
            except StaleElementReferenceException:     # redrawn under us: try again
                return False
        return self.wait.until(safe, message)

    def rows(self, testid: str) -> list[dict]:
        """What the elements with that ``data-testid`` show, read in one script so that a
        redraw cannot fall between two reads: each ``{"text", "class", "data", "cells"}``
        (``data`` its data-* attributes, ``cells`` the text of each of its ``td``)."""
        return self.driver.execute_script(
            "return Array.from(document.querySelectorAll(`[data-testid='${arguments[0]}']`),"
            " (e) => ({text: e.innerText, class: e.className, data: Object.assign({}, e.dataset),"
            " cells: Array.from(e.querySelectorAll('td'), (td) => td.innerText)}));", testid)

    def row(self, testid: str, match, message: str = "") -> dict:
        """Wait for an element with that ``data-testid`` whose snapshot (as ``rows``)
        satisfies ``match``; that snapshot."""
        return self.until(lambda d: next((r for r in self.rows(testid) if match(r)), None),
                          message)

    def click(self, testid: str, match=lambda r: True, inside: str | None = None) -> dict:
        """Click (waiting for it) the first element with that ``data-testid`` whose snapshot
        satisfies ``match``, or the element ``inside`` it with that test id; its snapshot.
        A redraw between finding and clicking is retried, not a failure."""
        def clicked(driver):
            for element, snapshot in zip(self.find_all(testid), self.rows(testid)):
                if match(snapshot):
                    (self.find(inside, element) if inside else element).click()
                    return snapshot
            return None
        return self.until(clicked, f"no {testid} to click")

    def control(self, method: str, path: str, **body) -> dict:
        """A control-API request to the server (JSON body), its JSON."""
        reply = requests.request(method, self.server.url + path, json=body or None, timeout=10)
        assert reply.ok, reply.text
        return reply.json()


@pytest.fixture
def page(browser, live) -> Page:
    """The dashboard in the session's browser against the session's server."""
    return Page(browser, live)
