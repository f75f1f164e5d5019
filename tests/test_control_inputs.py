"""Issue 12, item 4: every control endpoint refuses bad input (an unknown key, a wrong type,
an unknown provider, a value out of range) with 400 ``{"error"}`` naming the field, and
applies nothing of it."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.mock_only
SID = "AC00000000000000000000000000000081"

#: (method, path, JSON body or None, the field the error must name)
BAD = [
    ("POST", "/_mock/reset", {"provider": "avoxi", "colour": "red"}, "colour"),
    ("POST", "/_mock/reset", {"provider": "twilio"}, "provider"),
    ("POST", "/_mock/reset", {"tenant": 5}, "tenant"),
    ("POST", "/_mock/clock", {"advance": 5, "speed": 2}, "speed"),
    ("POST", "/_mock/clock", {"advance": "soon"}, "advance"),
    ("POST", "/_mock/clock", {"advance": -1}, "advance"),
    ("POST", "/_mock/clock", {"advance": True}, "advance"),
    ("POST", "/_mock/clock", {"freeze": "someday", "advance": 5}, "freeze"),
    ("GET", "/_mock/clock?x=1", None, "x"),
    ("GET", "/_mock/health?x=1", None, "x"),
    ("GET", "/_mock/state?x=1", None, "x"),
    ("PUT", "/_mock/state", {"providers": {}, "extra": 1}, "extra"),
    ("PUT", "/_mock/state", {"version": 1, "providers": {"twilio": {}}}, "providers"),
    ("GET", "/_mock/requests?limit=-1", None, "limit"),
    ("GET", "/_mock/requests/count?colour=1", None, "colour"),
    ("GET", "/_mock/requests/unmatched?status=2yy", None, "status"),
    ("DELETE", "/_mock/requests?all=1", None, "all"),
    ("GET", "/_mock/webhooks?wait=sometimes", None, "wait"),
    ("DELETE", "/_mock/webhooks?all=1", None, "all"),
    ("POST", "/_mock/faults", {"status": 503, "probability": 1.01}, "probability"),
    ("POST", "/_mock/faults?x=1", {"status": 503}, "x"),
    ("PUT", "/_mock/inbox/box/reply", {"status": 200, "delay": 1}, "delay"),
    ("POST", "/_mock/avaya/callees", {"account_sid": SID, "to": "+14155552671",
                                      "answer": "human", "colour": "red"}, "colour"),
    ("POST", "/_mock/avaya/callees", {"account_sid": SID, "to": "+14155552671",
                                      "ring_seconds": "slow"}, "ring_seconds"),
    ("GET", f"/_mock/avaya/callees?account_sid={SID}&x=1", None, "x"),
    ("DELETE", "/_mock/avaya/callees", None, "account_sid"),
    ("POST", "/_mock/avaya/calls", {"account_sid": SID, "from": "+14155550100",
                                    "to": "+14155552671", "colour": "red"}, "colour"),
    ("POST", "/_mock/avaya/sms", {"account_sid": SID, "from": "+14155550100",
                                  "to": "+14155552671", "body": "hi", "colour": 1}, "colour"),
    ("POST", "/_mock/avaya/sip/calls", {"from": "sip:a@b.c", "to": "sip:u@d.sip.zang.io",
                                        "colour": 1}, "colour"),
    ("POST", "/_mock/avanser/calls", {"tenant": "t", "service_number": "61290081596",
                                      "caller": "61400000000", "colour": 1}, "colour"),
    ("POST", "/_mock/avanser/sms", {"tenant": "t", "to": "61400000000", "from": "61400000001",
                                    "text": "hi", "colour": 1}, "colour"),
    ("GET", "/_mock/avanser/reports?tenant=t&x=1", None, "x"),
]


@pytest.mark.parametrize("method, path, body, field", BAD,
                         ids=[f"{m} {p} {f}" for m, p, _, f in BAD])
def test_bad_input_is_a_400_naming_the_field_and_changes_nothing(mock_client, mock_clock,
                                                                  method, path, body, field):
    mock_clock.freeze("2033-01-01T00:00:00Z")
    before = (mock_client.get("/_mock/state").json, mock_client.get("/_mock/faults").json,
              mock_client.get("/_mock/inbox/box/reply").json)
    reply = mock_client.open(path, method=method, json=body)
    assert reply.status_code == 400, reply.get_data(as_text=True)
    assert reply.content_type == "application/json" and set(reply.json) == {"error"}
    assert field in reply.json["error"].split(":")[0] or reply.json["error"].startswith(field)
    after = (mock_client.get("/_mock/state").json, mock_client.get("/_mock/faults").json,
             mock_client.get("/_mock/inbox/box/reply").json)
    assert after == before
