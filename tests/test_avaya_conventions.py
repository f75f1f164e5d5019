"""Avaya conventions seen from inside the mock: the real hostnames, links under either
mount, the wire formats' edge cases, paging arithmetic, parameter formatting and strict
auth (seed 004_0bee4f3fb019fb3f.txt, Base URL, Response, Response Paging)."""
from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from datetime import date, datetime, timezone

import pytest

from mockserver.providers.avaya.errors import AvayaError
from mockserver.providers.avaya.paging import Window
from mockserver.providers.avaya.params import Params, date_filter, phone
from mockserver.providers.avaya.wire import camel, list_document, rfc2822

SID = "AC0123456789abcdef0123456789abcdef"
TOKEN = "e1b0c8a4f3d94c9b8e1f2a3b4c5d6e7f"


def auth(sid: str = SID, token: str = TOKEN) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{sid}:{token}".encode()).decode()}


@pytest.mark.parametrize("host", ["api.zang.io", "api.cpaas.avayacloud.com",
                                  "api-us.cpaas.avayacloud.com", "api-eu.cpaas.avayacloud.com",
                                  "api-sg.cpaas.avayacloud.com"])
def test_real_hostnames_answer_at_v2_and_links_have_no_mount(mock_client, host):
    reply = mock_client.get(f"/v2/Accounts/{SID}.json", headers={**auth(), "Host": host})
    assert reply.status_code == 200, reply.text
    body = reply.get_json()
    assert body["uri"] == f"/v2/Accounts/{SID}"
    assert body["subresource_uris"]["usages"] == f"/v2/Accounts/{SID}/Usages"


def test_links_under_the_mount_carry_the_mount(mock_client):
    body = mock_client.get(f"/avaya/v2/Accounts/{SID}.json", headers=auth()).get_json()
    assert body["uri"] == f"/avaya/v2/Accounts/{SID}"


def test_strict_mode_refuses_accounts_the_fixtures_do_not_list():
    from mockserver import create_app
    client = create_app({"AUTH_MODE": "strict"}).test_client()
    other = "AC" + "f" * 32
    assert client.get(f"/avaya/v2/Accounts/{SID}.json", headers=auth()).status_code == 200
    reply = client.get(f"/avaya/v2/Accounts/{other}.json", headers=auth(other, "x"))
    assert reply.status_code == 403 and reply.get_json()["code"] == 10004


def test_oversized_body_is_a_rest_exception(mock_client):
    reply = mock_client.post(f"/avaya/v2/Accounts/{SID}.json", headers=auth(),
                             data={"FriendlyName": "x" * (2 * 1024 * 1024)})
    assert reply.status_code == 413
    assert reply.get_json()["code"] == 10022


def test_errors_carry_the_mocks_explanation_in_a_header(mock_client):
    reply = mock_client.post(f"/avaya/v2/Accounts/{SID}.json", headers=auth(),
                             data={"Nope": "1"})
    assert reply.get_json()["message"] == "Unknown parameters"
    assert "Nope" in reply.headers["X-Mockserver-Detail"]


def test_rfc2822_is_utc_with_the_seeds_minus_zero_offset():
    assert rfc2822(datetime(2019, 5, 15, 17, 29, 13, 999)) == "Wed, 15 May 2019 17:29:13 -0000"
    aware = datetime(2019, 5, 15, 19, 29, 13, tzinfo=timezone.utc).astimezone()
    assert rfc2822(aware) == "Wed, 15 May 2019 19:29:13 -0000"


@pytest.mark.parametrize("key, element", [("date_updated", "DateUpdated"),
                                          ("api_version", "ApiVersion"), ("from", "From"),
                                          ("subresource_uris", "SubresourceUris")])
def test_json_keys_become_camel_case_elements(key, element):
    assert camel(key) == element


def test_xml_list_carries_paging_as_attributes_of_the_list_element(app_context):
    listing = Window.of({"Page": "1", "PageSize": "2"}).slice(
        [{"sid": str(i), "from": "+1"} for i in range(5)])
    paging = listing.paging("/v2/Accounts/AC1/Calls.xml", {"To": "+1555", "Page": "1"})
    root = ET.fromstring(list_document(paging, listing.items, "xml", "calls", "Call").data)
    calls = root.find("Calls")
    assert calls.attrib["page"] == "1" and calls.attrib["numpages"] == "3"
    assert calls.attrib["pagesize"] == "2" and calls.attrib["total"] == "5"
    assert calls.attrib["start"] == "2" and calls.attrib["end"] == "3"
    assert calls.attrib["nextpageuri"] == "/v2/Accounts/AC1/Calls.xml?To=%2B1555&Page=2&PageSize=2"
    assert calls.attrib["uri"] == "/v2/Accounts/AC1/Calls.xml?To=%2B1555"
    assert [call.findtext("Sid") for call in calls] == ["2", "3"]


@pytest.fixture
def app_context(mock_app):
    with mock_app.app_context():
        yield


@pytest.mark.parametrize("total, page, size, start, end, pages, prev, nxt", [
    (0, 0, 50, 0, 0, 0, "", ""),
    (50, 0, 50, 0, 49, 1, "", ""),
    (51, 1, 50, 50, 50, 2, "0", ""),
    (120, 1, 50, 50, 99, 3, "0", "2"),
    (10, 3, 5, 15, 15, 2, "1", ""),             # beyond the end: empty, previous is the last
])
def test_paging_arithmetic(total, page, size, start, end, pages, prev, nxt):
    listing = Window.of({"Page": str(page), "PageSize": str(size)}).slice(list(range(total)))
    fields = listing.paging("/p.json", {})
    assert (fields["start"], fields["end"], fields["num_pages"]) == (start, end, pages)
    assert fields["previous_page_uri"] == ("" if prev == "" else f"/p.json?Page={prev}&PageSize={size}")
    assert fields["next_page_uri"] == ("" if nxt == "" else f"/p.json?Page={nxt}&PageSize={size}")


def test_page_size_above_fifty_is_served_as_fifty():
    assert Window.of({"PageSize": "500"}).size == 50
    # "&amp;PageSize" is read as PageSize by routes/api.py (contract_tests/avaya/test_fidelity.py)


@pytest.mark.parametrize("args", [{"Page": "-1"}, {"PageSize": "0"}, {"Page": "two"}])
def test_bad_paging_parameters_are_10022(args):
    with pytest.raises(AvayaError) as caught:
        Window.of(args)
    assert caught.value.code == 10022


@pytest.mark.parametrize("raw, formatted", [("+1 (555) 010-0000", "+15550100000"),
                                            ("1-555-010-0000", "+15550100000"),
                                            ("XX 44 20 7946 0000 ext", "+442079460000"),
                                            ("abc", None), (None, None)])
def test_phone_numbers_are_formatted_as_the_seed_says(raw, formatted):
    assert phone(raw) == formatted


def test_params_map_any_case_to_the_documented_name_and_refuse_others():
    params = Params({"friendlyname": " x ", "VoiceUrl": "http://e.com"},
                    ["FriendlyName", "VoiceUrl"])
    assert params.text("FriendlyName") == "x"
    with pytest.raises(AvayaError) as caught:
        Params({"Bogus": "1"}, ["FriendlyName"])
    assert caught.value.code == 20001


def test_url_rules():
    params = Params({"A": "http://e.com/" + "x" * 200, "B": "not a url", "C": "",
                     "D": "https://e.com/ok"}, ["A", "B", "C", "D"])
    with pytest.raises(AvayaError) as long_url:
        params.url("A")
    assert long_url.value.code == 12301
    with pytest.raises(AvayaError) as malformed:
        params.url("B", invalid=21229)
    assert malformed.value.code == 21229
    assert params.url("C") == "" and params.url("D") == "https://e.com/ok"


def test_methods_default_to_post_and_booleans_follow_the_seed():
    params = Params({"M": "get", "N": "PUT", "T": "True", "O": "1", "F": "yes"})
    assert params.method("M") == "GET" and params.method("N") == "POST"
    assert params.method("absent") == "POST"
    assert (params.boolean("T"), params.boolean("O"), params.boolean("F")) == (True, True, False)


@pytest.mark.parametrize("args, expected", [
    ({"DateSent": "2020-01-02"}, (date(2020, 1, 2), date(2020, 1, 2))),
    ({"DateSent>": "2020-01-02"}, (date(2020, 1, 2), None)),        # DateSent>=2020-01-02
    ({"DateSent<": "2020-01-05"}, (None, date(2020, 1, 5))),        # DateSent<=2020-01-05
    ({"DateSent>=": "2020-01-02", "DateSent<=": "2020-01-05"},
     (date(2020, 1, 2), date(2020, 1, 5))),
    ({"DateSentGte": "2020-01-02", "DateSentLt": "2020-01-05"},
     (date(2020, 1, 2), date(2020, 1, 5))),
])
def test_date_filters_accept_every_spelling(args, expected):
    assert date_filter(args, "DateSent") == expected


def test_invalid_date_filter_is_32005():
    with pytest.raises(AvayaError) as caught:
        date_filter({"DateSent>": "yesterday"}, "DateSent")
    assert caught.value.code == 32005


def test_list_links_on_a_real_hostname_have_no_mount_and_can_be_followed(mock_client):
    headers = {**auth(), "Host": "api.zang.io"}
    for name in ("first", "second", "third"):
        created = mock_client.post(f"/v2/Accounts/{SID}/Applications.json", headers=headers,
                                   data={"FriendlyName": name})
        assert created.status_code == 200, created.text
    page = mock_client.get(f"/v2/Accounts/{SID}/Applications.json?PageSize=2",
                           headers=headers).get_json()
    assert page["uri"] == f"/v2/Accounts/{SID}/Applications.json"
    assert page["next_page_uri"] == f"/v2/Accounts/{SID}/Applications.json?Page=1&PageSize=2"
    assert page["applications"][0]["uri"].startswith(f"/v2/Accounts/{SID}/Applications/AP")
    following = mock_client.get(page["next_page_uri"], headers=headers).get_json()
    assert [app["friendly_name"] for app in following["applications"]] == ["third"]
