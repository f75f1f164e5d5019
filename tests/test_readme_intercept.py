"""The README's interception example, kept here so it runs: the README quotes this file."""
import requests

import mockserver

SID = "AC00000000000000000000000000000042"


def buy_a_number(area_code):
    """Code under test, unchanged: the production URL is hard-coded."""
    reply = requests.post(
        f"https://api.zang.io/v2/Accounts/{SID}/IncomingPhoneNumbers.json",
        auth=(SID, "my-auth-token"), data={"AreaCode": area_code}, timeout=10)
    reply.raise_for_status()
    return reply.json()["phone_number"]


def test_with_the_fixture(mock_intercept, mock_client):
    number = buy_a_number("212")
    [sent] = mock_intercept.journal.assert_called("POST", "*/IncomingPhoneNumbers.json")
    assert sent["request"]["body"] == {"AreaCode": "212"}
    # the same app as mock_client's: the number is the account's now
    owned = mock_client.get(f"/avaya/v2/Accounts/{SID}/IncomingPhoneNumbers.json",
                            auth=(SID, "my-auth-token")).json["incoming_phone_numbers"]
    assert [n["phone_number"] for n in owned] == [number]


def test_with_the_context_manager(httpserver):
    httpserver.expect_request("/elsewhere").respond_with_data("not a provider")
    with mockserver.intercept(config={"SEED": 7}) as mock:
        countries = requests.get("https://genius.avoxi.com/api/v2/countries", timeout=10,
                                 headers={"Authorization": "Bearer my-test-token"}).json()
        # any other host goes to the network as usual
        other = requests.get(httpserver.url_for("/elsewhere"), timeout=10).text
    assert {"id": "JP", "english_name": "Japan"} in countries
    assert other == "not a provider"
    assert mock.journal.count(provider="avoxi") == 1
