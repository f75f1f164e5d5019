"""The README's verification example, kept here so it runs: the README quotes this file."""
import pytest

AUTH = {"Authorization": "Bearer my-test-token"}


def test_what_my_client_sent(mock_client, mock_journal):
    mock_client.post("/avoxi/api/v2/order", headers=AUTH,
                     json={"items": [{"product_id": 487, "quantity": 1}]})
    [order] = mock_journal.assert_called("POST", "/api/v2/order", times=1)
    assert order["request"]["body"]["items"][0]["product_id"] == 487
    assert mock_journal.count(provider="avoxi", status="2xx") == 1


def test_a_wrong_url_is_shown_plainly(mock_client, mock_journal):
    mock_client.get("/avoxi/api/v2/number", headers=AUTH)        # "numbers", misspelt
    assert [r["path"] for r in mock_journal.unmatched()] == ["/avoxi/api/v2/number"]
    with pytest.raises(AssertionError, match="Near misses"):
        mock_journal.assert_called("GET", "/avoxi/api/v2/numbers")
