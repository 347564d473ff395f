import pytest

pytestmark = pytest.mark.django_db


def test_home_links_provinces_whose_pages_list_the_swvs(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Noord-Holland" in response.content.decode()
    assert 'href="/regio/noord-holland/"' in response.content.decode()
    provincie = client.get("/regio/noord-holland/")
    assert "PO 27-07" in provincie.content.decode()
