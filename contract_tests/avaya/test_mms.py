"""MMS (seed 004, Send MMS, View MMS, List MMS) at ``/MMS/Messages``: the resource as the
seed's View MMS names its fields (``mms_sid``, ``media_url``, ``apiVersion``) in XML, JSON
and CSV, the seed's media types, US and Canada only, list filters and paging, and every
refusal with its status and code (docs/providers/avaya.md; a trial account's 80002 is
tested beside its SMS twin in test_sms.py). Every test that sends is marked ``orders``."""
from __future__ import annotations

from decimal import Decimal

import pytest

from .helpers import RFC2822, assert_paging, ok_csv, ok_json, ok_xml, path_of, \
    rest_exception, sid_of
from .test_sms import TO, TO_CA, TO_GB, buy, listed

pytestmark = pytest.mark.orders
MMS = "/MMS/Messages"
MEDIA = "https://media.example.com/cat.gif"
FIELDS = ["account_sid", "apiVersion", "body", "date_created", "date_sent", "date_updated",
          "direction", "from", "media_url", "mms_sid", "price", "status", "to", "uri"]


@pytest.fixture
def number(avaya) -> str:
    """An MMS-capable (US) number of the test's account."""
    return buy(avaya)


def send(api, number: str, fmt: str = ".json", **params):
    """POST Send MMS from ``number``, To and MediaUrl defaulted."""
    data = {"To": TO, "From": number, "MediaUrl": MEDIA, "Body": "A cat"}
    data.update(params)
    return api.post(f"{MMS}{fmt}", data={k: v for k, v in data.items() if v is not None})


def sent(api, number: str, **params) -> dict:
    """The MMS resource of a successful send."""
    return ok_json(send(api, number, **params))


def test_send_answers_the_queued_mms_in_json(avaya, number):
    mms = sent(avaya, number)
    assert list(mms) == FIELDS
    assert sid_of("MM").fullmatch(mms["mms_sid"])
    assert (mms["to"], mms["from"], mms["body"], mms["media_url"]) == \
        (TO, number, "A cat", MEDIA)
    assert mms["status"] == "queued" and mms["direction"] == "outbound"
    assert mms["apiVersion"] == "v2"
    assert isinstance(mms["price"], str) and Decimal(mms["price"]) > 0
    assert RFC2822.fullmatch(mms["date_created"]) and mms["date_sent"] is None
    assert mms["uri"].endswith(f"/MMS/Messages/{mms['mms_sid']}")
    assert ok_json(avaya.get(path_of(mms["uri"], avaya) + ".json"))["mms_sid"] == \
        mms["mms_sid"]


def test_send_in_xml_and_csv(avaya, number):
    element = ok_xml(send(avaya, number, fmt="")).find("MmsMessage")
    assert element.findtext("Status") == "queued"
    assert element.findtext("MediaUrl") == MEDIA
    assert element.findtext("ApiVersion") == "v2"
    assert sid_of("MM").fullmatch(element.findtext("MmsSid"))
    [row] = ok_csv(send(avaya, number, fmt=".csv"))
    assert list(row) == FIELDS and row["direction"] == "outbound"


def test_view_in_every_format(avaya, number):
    mms = sent(avaya, number, Body=None)
    assert ok_json(avaya.get(f"{MMS}/{mms['mms_sid']}.json"))["body"] == ""
    element = ok_xml(avaya.get(f"{MMS}/{mms['mms_sid']}")).find("MmsMessage")
    assert element.findtext("MmsSid") == mms["mms_sid"]
    [row] = ok_csv(avaya.get(f"{MMS}/{mms['mms_sid']}.csv"))
    assert row["mms_sid"] == mms["mms_sid"] and row["media_url"] == MEDIA
    rest_exception(avaya.get(f"{MMS}/MM{'0' * 32}.json"), 404, 21227)


@pytest.mark.parametrize("url", ["https://x.example/a.amr", "https://x.example/a.MP3",
                                 "http://x.example/a.wav", "https://x.example/p/a.jpg",
                                 "http://full-url-to-media.jpeg", "https://x.example/a.png",
                                 "https://x.example/clip.mp4?size=small"])
def test_every_supported_media_type(avaya, number, url):
    assert sent(avaya, number, MediaUrl=url)["media_url"] == url


def test_canada_is_served_and_priced(avaya, number):
    mms = sent(avaya, number, To=TO_CA)
    assert mms["to"] == TO_CA and Decimal(mms["price"]) > 0


def test_allow_multiple_as_zang_node_sends_it_is_accepted(avaya, number):
    assert sent(avaya, number, AllowMultiple="false")["status"] == "queued"


@pytest.mark.parametrize("params, status, code", [
    ({"To": None}, 400, 21604),
    ({"From": None}, 400, 21603),
    ({"MediaUrl": None}, 400, 14115),
    ({"MediaUrl": "cat.gif"}, 400, 14115),
    ({"MediaUrl": "https://x.example/report.pdf"}, 400, 14117),
    ({"MediaUrl": "https://x.example/cat"}, 400, 14117),
    ({"To": "+1555"}, 400, 21211),
    ({"From": "+14155550123"}, 400, 21606),
    ({"To": TO_GB}, 400, 31010),                       # MMS: US and Canada only
    ({"Body": "\x00"}, 400, 14103),
    ({"StatusCallback": "nowhere"}, 400, 14105),
    ({"StatusCallbackMethod": "DELETE"}, 400, 14104),
    ({"Subject": "hi"}, 400, 20001),
])
def test_refusals(avaya, number, params, status, code):
    rest_exception(send(avaya, number, **params), status, code)


def test_to_equal_to_from_is_21611(avaya, number):
    rest_exception(send(avaya, number, To=number), 400, 21611)


def test_the_list_in_every_format_with_paging(avaya, number):
    empty = ok_json(avaya.get(f"{MMS}.json"))
    assert assert_paging(empty, "mms_messages", page=0, page_size=50, total=0) == []
    sids = [sent(avaya, number)["mms_sid"] for _ in range(3)][::-1]
    whole = ok_json(avaya.get(f"{MMS}.json"))
    assert [i["mms_sid"] for i in assert_paging(whole, "mms_messages", page=0,
                                                page_size=50, total=3)] == sids
    last = ok_json(avaya.get(f"{MMS}.json", params={"Page": 1, "PageSize": 2}))
    assert [i["mms_sid"] for i in assert_paging(last, "mms_messages", page=1, page_size=2,
                                                total=3)] == sids[2:]
    beyond = ok_json(avaya.get(f"{MMS}.json", params={"Page": 3, "PageSize": 1}))
    assert assert_paging(beyond, "mms_messages", page=3, page_size=1, total=3) == []
    listed = ok_xml(avaya.get(MMS)).find("MmsMessages")
    assert listed.get("total") == "3"
    assert [e.findtext("MmsSid") for e in listed.findall("MmsMessage")] == sids
    assert [row["mms_sid"] for row in ok_csv(avaya.get(f"{MMS}.csv"))] == sids


def test_the_list_filters_by_to_from_and_date_sent(avaya, number):
    us = sent(avaya, number)["mms_sid"]
    ca = sent(avaya, number, To=TO_CA)["mms_sid"]

    def sids(**params) -> list[str]:
        return listed(avaya, MMS, "mms_messages", "mms_sid", **params)
    assert sids(To=TO_CA) == [ca]
    assert sids(From=number) == [ca, us]
    assert sids(From=TO) == []
    assert sids(**{"DateSent>": "2000-01-01"}) == [ca, us]
    assert sids(**{"DateSent<": "2000-01-01"}) == []
