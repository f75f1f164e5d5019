"""The README's fault-injection example, kept here so it runs: the README quotes this file."""
import pytest

AUTH = {"Authorization": "Bearer my-test-token"}


def test_my_client_survives_a_503(mock_client):
    """A rule: AVOXI's countries fail twice with 503 and a Retry-After, then recover."""
    mock_client.post("/_mock/faults", json={
        "provider": "avoxi", "path": "/api/v2/countries", "times": 2,
        "status": 503, "headers": {"Retry-After": "1"}})
    first = mock_client.get("/avoxi/api/v2/countries", headers=AUTH)
    assert first.status_code == 503 and first.headers["Retry-After"] == "1"
    assert first.json["message"] == "Service Unavailable"        # AVOXI's own envelope
    mock_client.get("/avoxi/api/v2/countries", headers=AUTH)
    assert mock_client.get("/avoxi/api/v2/countries", headers=AUTH).status_code == 200


def test_one_request_drops_its_connection(mock_client):
    """The header: one request, one fault; nothing was bought."""
    with pytest.raises(ConnectionResetError):
        mock_client.post("/avoxi/api/v2/order", json={"items": [{"product_id": 487}]},
                         headers={**AUTH, "X-Mock-Fault": "fault=connection_reset"})
