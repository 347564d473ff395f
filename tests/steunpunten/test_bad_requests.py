"""A NUL byte in any query parameter is a 400 everywhere; unknown admin object ids are a 404.

Issue 15, finding 11: on PostgreSQL an admin filter (`?status__exact=%00`) or an autocomplete
`term` with a NUL byte gave a 500, while SQLite stored or matched it. Both databases now answer
the same, before any query runs.
"""

import pytest
from django.contrib import admin

from tests.helpers import login_verified, make_staff

pytestmark = pytest.mark.django_db

ADMIN_URLS_WITH_NUL = [
    "/beheer/steunpunten/steunpunt/?status__exact=%00",
    "/beheer/steunpunten/steunpunt/?q=%00",
    "/beheer/steunpunten/steunpunt/?o=1%00",
    "/beheer/steunpunten/samenwerkingsverband/?sector__exact=P%00O",
    "/beheer/steunpunten/postcodegebied/?q=10%0012",
    "/beheer/steunpunten/melding/?afgehandeld__exact=%00",
    "/beheer/steunpunten/peiling/?datum=%00",
    "/beheer/autocomplete/?app_label=steunpunten&model_name=steunpunt"
    "&field_name=samenwerkingsverbanden&term=PO%00",
    "/beheer/steunpunten/steunpunt/?%00=1",
]
PUBLIC_URLS_WITH_NUL = [
    "/?q=%00",
    "/zoeken/?q=1011%00",
    "/zoeken/?q=Amsterdam&sector=P%00O",
    "/en/zoeken/?q=%00",
    "/overzicht/?van=%00",
    "/overzicht/?sector=%00",
    "/api/v1/zoeken?q=%00",
    "/api/v1/steunpunten?page=%00",
    "/api/v1/samenwerkingsverbanden?sector=%00",
    "/en/api/v1/zoeken?q=%00",
    "/regio/?x=%00",
]


@pytest.fixture
def beheerder(client):
    login_verified(client, make_staff("beheerder-nul", role="beheerder"))
    return client


@pytest.mark.parametrize("url", ADMIN_URLS_WITH_NUL)
def test_a_nul_byte_in_an_admin_query_parameter_is_a_400(beheerder, url):
    response = beheerder.get(url)
    assert response.status_code == 400


@pytest.mark.parametrize("url", PUBLIC_URLS_WITH_NUL)
def test_a_nul_byte_in_a_public_query_parameter_is_a_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert "nul-teken" in response.json()["fout"]
    elif url.startswith("/en/api/"):
        assert "null character" in response.json()["fout"]
    elif url.startswith("/en/"):
        assert "null character" in response.content.decode()
    else:
        assert "nul-teken" in response.content.decode()
        assert 'id="foutsamenvatting"' in response.content.decode()


def test_the_exports_refuse_a_nul_byte_too(client):
    login_verified(client, make_staff("ocw-nul", role="ocw"))
    assert client.get("/overzicht/export.csv?peiling=2023-11-01%00").status_code == 400


def test_a_nul_byte_in_a_form_post_is_refused_by_the_form_not_a_500(client):
    from steunpunten.models import Melding, Steunpunt

    steunpunt = Steunpunt.objects.published().first()
    response = client.post(
        f"/steunpunten/{steunpunt.slug}/melding/", {"tekst": "Telefoon\x00klopt niet"}
    )
    assert response.status_code in (400, 404)
    assert not Melding.objects.exists()


def registered_object_urls():
    """(URL name, model) for every object URL of every model registered in the admin."""
    for model in admin.site._registry:
        opts = model._meta
        for view in ("change", "delete", "history"):
            yield f"admin:{opts.app_label}_{opts.model_name}_{view}", model


@pytest.mark.parametrize("object_id", ["999999", "geen-getal"])
def test_unknown_object_ids_in_the_admin_are_a_404(beheerder, object_id):
    from django.urls import NoReverseMatch, reverse

    checked = 0
    for name, model in registered_object_urls():
        try:
            url = reverse(name, args=[object_id])
        except NoReverseMatch:
            continue
        status = beheerder.get(url).status_code
        if status == 403:
            # A view refused for every object (deleting a peiling): an existing id is refused
            # the same way, so nothing can be learnt from the answer.
            existing = model._default_manager.order_by("pk").first()
            assert existing is not None, url
            assert beheerder.get(reverse(name, args=[existing.pk])).status_code == 403, url
            continue
        assert status == 404, (url, status)
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize(
    "url", ["/", "/zoeken/?q=1011", "/en/zoeken/?q=1011", "/healthz", "/beheer/", "/bestaat-niet/"]
)
def test_a_host_outside_allowed_hosts_is_a_plain_400_not_a_500(client, url):
    """Issue 23: the error page built links from the refused host and failed with a 500."""
    response = client.get(url, HTTP_HOST="aanvaller.example")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert b"aanvaller.example" not in response.content


def test_a_host_outside_allowed_hosts_gets_json_from_the_api(client):
    response = client.get("/api/v1/zoeken?q=1011", HTTP_HOST="aanvaller.example")
    assert response.status_code == 400
    assert response.json()["fout"]


def test_a_post_with_a_host_outside_allowed_hosts_is_a_400_too(client):
    response = client.post("/steunpunten/x/melding/", {"tekst": "x"}, HTTP_HOST="aanvaller.example")
    assert response.status_code == 400
