"""The README's recipe "Test an IVR without a phone", kept here so it runs: the README
quotes this file."""
from urllib.parse import parse_qs

SID = "AC00000000000000000000000000000042"
AUTH = {"Authorization": "Basic QUMwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA0Mjp0b2tlbg=="}


def test_ivr_routes_a_key_press(mock_client, mock_clock, httpserver):
    """Freeze the clock, place a call, script the callee's key press, advance, assert."""
    # your application, served locally: a menu, and what it does with the answer
    httpserver.expect_request("/menu").respond_with_data(
        '<Response><Gather action="/choice" numDigits="1">'
        "<Say>Press 1 for sales, 2 for support.</Say></Gather></Response>",
        content_type="application/xml")
    httpserver.expect_request("/choice").respond_with_data(
        "<Response><Say>Thank you.</Say><Hangup/></Response>",
        content_type="application/xml")
    mock_clock.freeze("2030-01-01T09:00:00Z")
    # the person you call will press 2
    mock_client.post("/_mock/avaya/callees", json={
        "account_sid": SID, "to": "+14155552671", "digits": ["2"]})
    call = mock_client.post(f"/avaya/v2/Accounts/{SID}/Calls.json", headers=AUTH, data={
        "From": "+14155550100", "To": "+14155552671",
        "Url": httpserver.url_for("/menu")}).json

    mock_clock.advance(60)        # rings, answers, says the menu, gathers, hangs up

    choice = [request for request, _ in httpserver.log if request.path == "/choice"]
    assert parse_qs(choice[0].get_data(as_text=True))["Digits"] == ["2"]
    ended = mock_client.get(f"/avaya/v2/Accounts/{SID}/Calls/{call['sid']}.json",
                            headers=AUTH).json
    assert ended["status"] == "completed"
