"""A whole list (no filters) is paged from the collection without copying it
(``paging.NewestFirst``): every page is the one the straightforward computation gives,
the reversed list sliced, with and without filters asked."""
from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mockserver import create_app
from mockserver.app import services_of
from mockserver.providers.avaya.paging import KeyOrder, NewestFirst, Window

SID = "AC" + "f" * 32
AUTH = {"Authorization": "Basic " + base64.b64encode(f"{SID}:t".encode()).decode()}
ROOT = f"/avaya/v2/Accounts/{SID}"


@pytest.mark.parametrize("count", [0, 1, 7, 50, 51, 333])
def test_every_window_of_newest_first_is_the_reversed_list_sliced(count):
    records = {f"k{i}": {"n": i} for i in range(count)}
    newest = list(reversed(records.values()))
    for size in (1, 7, 50):
        for page in range(0, count // size + 3):
            window = Window(page, size)
            listing = window.slice(NewestFirst(records))
            assert listing.items == newest[window.start:window.start + size]
            assert listing.total == count


def test_listed_sms_and_calls_pages_are_the_reversed_collection():
    client = create_app({}).test_client()
    client.post("/_mock/clock", json={"freeze": "2030-01-01T00:00:00Z"})
    own = client.post(f"{ROOT}/IncomingPhoneNumbers.json", headers=AUTH,
                      data={"AreaCode": "212"}).get_json()["phone_number"]
    for i in range(60):
        assert client.post(f"{ROOT}/SMS/Messages.json", headers=AUTH, data={
            "To": "+14155552671", "From": own, "Body": f"hello {i}"}).status_code == 200
        assert client.post(f"{ROOT}/Calls.json", headers=AUTH, data={
            "To": "+14155550100", "From": own, "Url": "http://127.0.0.1:9/x"}
        ).status_code == 200
    backend = services_of(client.application).backends["avaya"]
    with backend.locked(SID) as state:
        sms = [m["sid"] for m in reversed(list(state.sms.values()))]
        calls = [c["sid"] for c in reversed(list(state.calls.values()))]
    for path, key, sids in (("SMS/Messages", "sms_messages", sms), ("Calls", "calls", calls)):
        for query in ({}, {"Page": 1}, {"PageSize": 7, "Page": 9}, {"PageSize": 13, "Page": 4},
                      {"Page": 5}):
            body = client.get(f"{ROOT}/{path}.json", headers=AUTH, query_string=query).get_json()
            size = int(query.get("PageSize", 50))
            start = int(query.get("Page", 0)) * size
            assert [item["sid"] for item in body[key]] == sids[start:start + size]
            assert body["total"] == len(sids)
            filtered = client.get(f"{ROOT}/{path}.json", headers=AUTH,
                                  query_string={**query, "To": "+14155552671"
                                                if key == "sms_messages" else "+14155550100"})
            assert filtered.get_json()[key] == body[key]    # every one matches the filter


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["add", "delete", "readd", "look"]),
                          st.integers(0, 12)), max_size=40))
def test_key_order_follows_a_dict_through_additions_and_deletions(steps):
    """Avaya's KeyOrder (a list kept beside a collection, for paging by index) answers the
    dict's own key order after any additions, deletions and re-insertions, and NewestFirst
    pages through it as through the reversed values."""
    records: dict[str, dict] = {}
    order = KeyOrder()
    for action, n in steps:
        key = f"k{n}"
        if action == "add":
            records.setdefault(key, {"n": n})
        elif action == "delete":
            records.pop(key, None)
        elif action == "readd":
            records[key] = records.pop(key, {"n": n})
        assert order.sync(records) == list(records)
        newest = NewestFirst(records, order.keys)
        expected = list(reversed(records.values()))
        for start in range(0, len(records) + 2, 3):
            assert newest[start:start + 3] == expected[start:start + 3]
