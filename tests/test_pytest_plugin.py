"""The pytest plugin's fixtures, as a user of the installed package gets them."""
from __future__ import annotations

import requests

from mockserver.app import services_of

TOKEN = {"Authorization": "Bearer plugin-test"}
ORDER = {"items": [{"product_id": 487, "quantity": 1}]}


def test_plugin_is_registered_through_the_entry_point(pytestconfig):
    assert pytestconfig.pluginmanager.has_plugin("mockserver")


def test_mock_app_is_fresh_for_each_test_part_one(mock_client):
    assert mock_client.post("/avoxi/api/v2/order", json=ORDER, headers=TOKEN).status_code == 200
    assert len(mock_client.get("/avoxi/api/v2/numbers", headers=TOKEN).json["data"]) == 4


def test_mock_app_is_fresh_for_each_test_part_two(mock_client):
    assert len(mock_client.get("/avoxi/api/v2/numbers", headers=TOKEN).json["data"]) == 3


def test_mock_clock_drives_the_apps_clock(mock_app, mock_clock):
    mock_clock.freeze("2029-02-03T04:05:06Z")
    assert services_of(mock_app).clock.now().isoformat() == "2029-02-03T04:05:06"


def test_live_server_part_one(mock_server):
    reply = requests.post(f"{mock_server.url}/avoxi/api/v2/order", json=ORDER, headers=TOKEN,
                          timeout=5)
    assert reply.status_code == 200
    assert len(requests.get(f"{mock_server.url}/avoxi/api/v2/numbers", headers=TOKEN,
                            timeout=5).json()["data"]) == 4


def test_live_server_part_two_is_reset(mock_server):
    assert mock_server.url_for("avoxi").endswith("/avoxi")
    assert len(requests.get(f"{mock_server.url_for('avoxi')}/api/v2/numbers", headers=TOKEN,
                            timeout=5).json()["data"]) == 3
    assert requests.get(f"{mock_server.url}/_mock/health", timeout=5).json()["status"] == "ok"
