import pytest

pytestmark = pytest.mark.django_db


def test_home_lists_provinces_and_swvs(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Noord-Holland" in response.content.decode()
    assert "PO 27-07" in response.content.decode()
