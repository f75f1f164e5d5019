"""The README's inbox example, kept here so it runs: the README quotes this file."""
SID = "AC00000000000000000000000000000042"
AUTH = {"Authorization": "Basic QUMwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA0Mjp0b2tlbg=="}


def test_a_call_with_no_server_of_my_own(mock_client, mock_clock, mock_webhooks):
    # the inbox hosts the InboundXML document...
    mock_client.put("/_mock/inbox/app/reply", json={
        "content_type": "application/xml",
        "body": "<Response><Say>Hello from the inbox.</Say></Response>"})
    mock_clock.freeze("2030-01-01T09:00:00Z")
    call = mock_client.post(f"/avaya/v2/Accounts/{SID}/Calls.json", headers=AUTH, data={
        "From": "+14155550100", "To": "+14155552671",
        "Url": "http://localhost/_mock/inbox/app",
        # ...and another receives the status callback
        "StatusCallback": "http://localhost/_mock/inbox/status"}).json
    mock_clock.advance(60)
    mock_webhooks.wait(1, url="*/inbox/status")
    status = mock_client.get("/_mock/inbox/status/messages").json["messages"]
    assert status[-1]["body"]["CallSid"] == call["sid"]
    assert status[-1]["body"]["CallStatus"] == "completed"
