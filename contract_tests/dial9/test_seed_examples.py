"""Every example of seed 003_ab1ee9f69e41c417.txt (Dial 9 Numbers API v2, on Moonrope),
replayed and checked against its "Example JSON".

The seed gives each of its nine actions a URL, its "Supported Parameters" and an example
answer, but no request. Each request here is the URL as written (``/api/v2/numbers/<action>``,
no trailing slash) with the parameters the example answer shows were sent: ``id`` 3466 for
``info``; ``id`` 3466 and ``recording_enabled`` true for ``save`` (the only field its answer
changes from ``info``'s); ``prefix`` ``01234`` for the ten 01234 numbers; ``number``
``01234901769`` for ``acquire``; the five subscriber fields its answer shows for
``update_subscriber``; none for the three lists. The seed names no HTTP method: every
example goes both as the Moonrope client sends it (POST, form field ``params``) and as GET
with ``params`` in the query (docs/providers/dial9.md, "Protocol").

Placeholders: 3466 is the unit's own copy of the seed's number (the mock seeds it); 4243 in
``update_subscriber`` and ``delete`` is the number the test first buys with the ``acquire``
example, whose answer gives that id. The answers below are the seed's Example JSON copied
verbatim (the seed is not shipped with the project) and compared whole, except the
timestamps an example's request sets: those are the mock clock's, in the seed's format.
docs/providers/dial9.md, "Seed examples", argues the one key the mock does not copy
(``" data"`` in the ``update_subscriber`` example).
"""
from __future__ import annotations

import json

import pytest

from .helpers import NUMBER_KEYS, TIMESTAMP, call, numbers, ok, result

#: "List all numbers", Example JSON (line 9)
LIST = json.loads(""" { "status":"success", "time":0.01, "flags":{}, "data": [ { "id":3466, "number":"03301222970", "context":"incoming", "created_at":"2015-05-05T14:43:36.000Z", "updated_at":"2015-10-05T14:05:45.000Z", "recording_enabled":false, "caller_id_prefix":"", "callerid_passthrough":true, "forward_sip_to":null, "aquisition": { "acquired_at":"2015-05-05T14:43:00.000Z", "subscriber": { "first_name":null, "name":null, "address1":null, "address2":null, "address3":null, "address4":null, "postcode":null, "pushed_at":null, "status":"unknown" } }, "destination": { "type":"Menu", "object": { "id":262, "name":"Main Menu" } } } ] } """)  # noqa: E501
#: "Number properties", Example JSON (line 17)
INFO = json.loads(""" { "status":"success", "time":0.01, "flags":{}, "data": { "id":3466, "number":"03301222970", "context":"incoming", "created_at":"2015-05-05T14:43:36.000Z", "updated_at":"2015-10-05T14:05:45.000Z", "recording_enabled":false, "caller_id_prefix":"", "callerid_passthrough":true, "forward_sip_to":null, "aquisition": { "acquired_at":"2015-05-05T14:43:00.000Z", "subscriber": { "first_name":null, "name":null, "address1":null, "address2":null, "address3":null, "address4":null, "postcode":null, "pushed_at":null, "status":"unknown" } }, "destination": { "type":"Menu", "object": { "id":262, "name":"Main Menu" } } } } """)  # noqa: E501
#: "Add or update a number", Example JSON (line 25)
SAVE = json.loads(""" { "status":"success", "time":0.23, "flags":{}, "data": { "id":3466, "number":"03301222970", "context":"incoming", "created_at":"2015-05-05T14:43:36.000Z", "updated_at":"2015-10-08T11:14:26.295Z", "recording_enabled":true, "caller_id_prefix":"", "callerid_passthrough":true, "forward_sip_to":null, "aquisition": { "acquired_at":"2015-05-05T14:43:00.000Z", "subscriber": { "first_name":null, "name":null, "address1":null, "address2":null, "address3":null, "address4":null, "postcode":null, "pushed_at":null, "status":"unknown" } }, "destination": { "type":"Menu", "object": { "id":262, "name":"Main Menu" } } } } """)  # noqa: E501
#: "List all available prefixes", Example JSON (line 33)
PREFIXES = json.loads(""" { "status":"success", "time":0.01, "flags":{}, "data": [ { "description":"Aberdeen (01224)", "prefix":"01224" }, { "description":"Aberfeldy (01887)", "prefix":"01887" }, { "description":"Abergavenny (01873)", "prefix":"01873" }, { "description":"Aberystwyth (01970)", "prefix":"01970" } ] } """)  # noqa: E501
#: "List available numbers within a prefix", Example JSON (line 41)
ACQUIRABLE = json.loads(""" { "status":"success", "time":0.21, "flags":{}, "data": [ "01234069352", "01234901381", "01234901364", "01234069371", "01234901431", "01234069448", "01234375392", "01234069303", "01234375079", "01234069473" ] } """)  # noqa: E501
#: "Purchase a new number", Example JSON (line 49)
ACQUIRE = json.loads(""" { "status":"success", "time":0.47, "flags":{}, "data": { "id":4243, "number":"01234901769", "context":"incoming", "created_at":"2015-10-08T12:00:16.109Z", "updated_at":"2015-10-08T12:00:16.109Z", "recording_enabled":true, "caller_id_prefix":null, "callerid_passthrough":true, "forward_sip_to":null, "aquisition": { "acquired_at":"2015-10-08T12:00:16.102Z", "subscriber": { "first_name":null, "name":null, "address1":null, "address2":null, "address3":null, "address4":null, "postcode":null, "pushed_at":null, "status":"unknown" } } } } """)  # noqa: E501
#: "Update subscriber information", Example JSON (line 57)
UPDATE_SUBSCRIBER = json.loads(""" { "status":"success", "time":0.35, "flags":{}," data": { "id":4243, "number":"01234901769", "context":"incoming", "created_at":"2015-10-08T12:00:16.000Z", "updated_at":"2015-10-08T13:16:03.880Z", "recording_enabled":true, "caller_id_prefix":null, "callerid_passthrough":true, "forward_sip_to":null, "aquisition": { "acquired_at":"2015-10-08T12:00:16.000Z", "subscriber": { "first_name":"Alex", "name":"Telcom", "address1":"24/26 Lever Street", "address2":null, "address3":null, "address4":"Manchester", "postcode":"M1 1DZ", "pushed_at":null, "status":"validation_pending" } }, "destination":null } } """)  # noqa: E501
#: "Delete a number", Example JSON (line 65)
DELETE = json.loads(""" { "status":"success", "time":1.1, "flags":{}, "data":true } """)  # noqa: E501
#: "List all access numbers", Example JSON (line 73)
ACCESS_NUMBERS = json.loads(""" { "status":"success", "time":0.0, "flags":{}, "data":[ { "number":"*55", "description":"Access your main voicemail menu. If your extension you are dialling from matches a mailbox ID, you will be automatically logged into your mailbox using this option." }, { "number":"*56", "description":"Access your main voicemail menu, you will be required to login using your mailbox ID and password at all times." }, { "number":"*10", "description":"Plays back your current internal caller ID." }, { "number":"*50", "description":"Plays the current music on hold." }, { "number":"*30*{number}", "description":"Page an extension or call group. If enabled, the call will automatically be answered." }, { "number":"*31*{number}", "description":"Withhold your number. Your caller ID will not be displayed to callers when using this prefix." }, { "number":"*32*{number}", "description":"Send your number if your account is set to withhold caller ID by default." }, { "number":"*21*{number}", "description":"Sets up call forwarding for the extension you are dialling from - {number} should be replaced with the number you wish to forward to as if dialled from your extension." }, { "number":"*21", "description":"Cancels call forwarding" }, { "number":"*22", "description":"Plays back your current call forwarding destination (if any)" }, { "number":"*8", "description":"Picks up another ringing phone within a pickup group" }, { "number":"*01", "description":"Run an echo test" } ] } """)  # noqa: E501

#: the parameters the ``update_subscriber`` example's answer shows were sent
SUBSCRIBER = {"first_name": "Alex", "name": "Telcom", "address1": "24/26 Lever Street",
              "address4": "Manchester", "postcode": "M1 1DZ"}


@pytest.fixture(params=["POST", "GET"])
def send(request, dial9):
    """Send an action with its parameters, by POST form (the Moonrope client) or by GET
    query; the whole success envelope."""
    def send(action: str, params: dict | None = None) -> dict:
        if request.param == "POST":
            reply = call(dial9, action, params)
        else:
            query = {"params": json.dumps(params)} if params else {}
            reply = dial9.get(f"/{action}", params=query)
        result(reply, "success")
        return reply.json()
    return send


def at_mock_time(number: dict, *keys: str) -> dict:
    """A copy of ``number`` with the timestamps ``keys`` (``acquired_at`` being the
    acquisition's) checked for the seed's format and replaced by ``"<now>"``."""
    copy = json.loads(json.dumps(number))
    for key in keys:
        holder = copy["aquisition"] if key == "acquired_at" else copy
        assert TIMESTAMP.fullmatch(holder[key]), (key, holder[key])
        holder[key] = "<now>"
    return copy


def test_list_all_numbers(send, seeded):
    body = send("list")
    assert list(body) == list(LIST)
    [shown] = [n for n in body["data"] if n["id"] == 3466]
    assert shown == LIST["data"][0]
    assert all(list(n) == NUMBER_KEYS for n in body["data"])


def test_number_properties(send, seeded):
    assert send("info", {"id": 3466})["data"] == INFO["data"]


def test_add_or_update_a_number(send, dial9, seeded):
    saved = send("save", {"id": 3466, "recording_enabled": True})["data"]
    assert at_mock_time(saved, "updated_at") == at_mock_time(SAVE["data"], "updated_at")
    assert saved["updated_at"] > INFO["data"]["updated_at"]
    assert ok(dial9, "info", {"id": 3466}) == saved


def test_list_all_available_prefixes(send):
    prefixes = send("available_prefixes")["data"]
    assert prefixes[:4] == PREFIXES["data"]
    assert all(list(p) == ["description", "prefix"] for p in prefixes)


def test_list_available_numbers_within_a_prefix(send, seeded):
    assert send("acquirable_numbers", {"prefix": "01234"})["data"] == ACQUIRABLE["data"]


@pytest.mark.orders
def test_purchase_a_new_number(send, dial9, seeded):
    bought = send("acquire", {"number": "01234901769"})["data"]
    times = ("created_at", "updated_at", "acquired_at")
    assert at_mock_time(bought, *times) == at_mock_time(ACQUIRE["data"], *times)
    assert bought["created_at"] == bought["updated_at"]
    assert numbers(dial9)[-1] == {**bought, "destination": None}


@pytest.mark.orders
def test_update_subscriber_information(send, dial9, seeded):
    number_id = ok(dial9, "acquire", {"number": "01234901769"})["id"]
    body = send("update_subscriber", {"id": number_id, **SUBSCRIBER})
    assert list(body) == ["status", "time", "flags", "data"]    # the seed: " data", a typo
    times = ("created_at", "updated_at", "acquired_at")
    assert at_mock_time(body["data"], *times) == at_mock_time(UPDATE_SUBSCRIBER[" data"], *times)
    assert ok(dial9, "info", {"id": number_id}) == body["data"]


@pytest.mark.orders
def test_delete_a_number(send, dial9, seeded):
    number_id = ok(dial9, "acquire", {"number": "01234901769"})["id"]
    body = send("delete", {"id": number_id})
    assert {**body, "time": DELETE["time"]} == DELETE
    assert all(n["id"] != number_id for n in numbers(dial9))


def test_list_all_access_numbers(send):
    assert send("available_access_numbers")["data"] == ACCESS_NUMBERS["data"]


# -- values the seed's parameter lists name, as written -------------------------------------

@pytest.mark.parametrize("context, number", [("incoming", "01234901769"), ("utility", "2002")])
def test_save_creates_in_either_context_the_seed_names(dial9, seeded, context, number):
    """save: "context- ... either incoming, or utility for an internal number", and
    "destination_type- ... for example Menu" (262: the Menu of the seed's examples)."""
    created = ok(dial9, "save", {"context": context, "number": number,
                                 "destination_type": "Menu", "destination_id": 262})
    assert (created["context"], created["number"]) == (context, number)
    assert created["destination"] == LIST["data"][0]["destination"]
    assert list(created) == NUMBER_KEYS
