"""Public pages may be kept by browsers, proxies and CDNs: ETag, Cache-Control, 304 and gzip."""

import datetime
import gzip
import os
import tomllib
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beheer import editing
from steunpunten.models import Steunpunt
from tests.admin_helpers import admin_url, steunpunt_data
from tests.helpers import MODEL_BACKEND, login_verified, make_staff, make_steunpunt
from tests.site_settings import site_settings

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/zoeken/?q=1011+AB",
    "/en/zoeken/?q=1011+AB",
    "/regio/",
    "/regio/utrecht/",
    "/wegwijzer/?postcode=1011",
    "/overzicht/",
    "/over/",
    "/toegankelijkheid/",
    "/api/",
    "/samenwerkingsverbanden/PO2707/",
    "/api/v1/zoeken?q=1011",
    "/api/v1/steunpunten",
    "/api/v1/samenwerkingsverbanden",
]


# A moment far from any slot edge of the demo steunpunten (9.00, 13.00, 15.00, 16.00 uur):
# near one, max-age is cut to the seconds left and the ETag moves on at the edge (issue 25).
RUSTIG = datetime.datetime(2026, 12, 3, 10, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_are_public_with_an_etag_and_answer_304(client, url):
    with mock.patch("django.utils.timezone.now", return_value=RUSTIG):
        check_public_with_an_etag_and_304(client, url)


def check_public_with_an_etag_and_304(client, url):
    first = client.get(url)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    etag = first["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert len(queries) <= 1  # the data version, nothing rendered
    assert client.get(url, HTTP_IF_NONE_MATCH='"iets-anders"').status_code == 200


def test_the_etag_differs_per_language_and_url(client):
    tags = {client.get(url)["ETag"] for url in ("/over/", "/en/over/", "/zoeken/?q=1011")}
    assert len(tags) == 3


def test_an_edit_changes_the_etag_and_shows_on_the_next_request(
    client, django_capture_on_commit_callbacks
):
    url = "/zoeken/?q=1011+AB"
    old = client.get(url)["ETag"]
    steunpunt = Steunpunt.objects.published().get(samenwerkingsverbanden__code="PO2707")
    steunpunt.naam = "Na de bewerking"
    with django_capture_on_commit_callbacks(
        execute=True
    ):  # the edit service, as the admin calls it
        editing.steunpunt_save(
            user=make_staff("beheer", role="beheerder"),
            steunpunt=steunpunt,
            changed={"naam"},
            expected_versie=steunpunt.versie,
        )
    response = client.get(url, HTTP_IF_NONE_MATCH=old)
    assert response.status_code == 200
    assert response["ETag"] != old
    assert "Na de bewerking" in response.content.decode()


def test_an_edit_in_the_admin_changes_the_etag(client, django_capture_on_commit_callbacks):
    from django.test import Client

    steunpunt = make_steunpunt("PO2707", slug="eigen", postcode="1011 AB", plaats="Amsterdam")
    visitor, staff = Client(), client
    login_verified(staff, make_staff("medewerker", "PO2707"))
    page = steunpunt.get_absolute_url()
    old = visitor.get(page)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        saved = staff.post(
            admin_url("steunpunt", "change", steunpunt.pk),
            steunpunt_data(steunpunt, telefoon="020 765 4321"),
        )
    assert saved.status_code == 302
    fresh = visitor.get(page, HTTP_IF_NONE_MATCH=old)
    assert fresh.status_code == 200 and fresh["ETag"] != old
    assert "020 765 4321" in fresh.content.decode()


def test_a_weak_etag_from_a_compressed_copy_matches_too(client):
    first = client.get("/over/", HTTP_ACCEPT_ENCODING="gzip")
    assert first["ETag"].startswith('W/"')
    assert client.get("/over/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.parametrize(
    "url", ["/zoeken/?q=0123", "/zoeken/?q=1000", "/bestaat-niet/", "/api/v1/zoeken?q=xx1"]
)
def test_errors_are_not_marked_public(client, url):
    response = client.get(url)
    assert response.status_code >= 400
    assert "public" not in response.get("Cache-Control", "")
    assert "ETag" not in response


@pytest.mark.parametrize("url", ["/", "/zoeken/?q=1011+AB", "/overzicht/", "/api/v1/steunpunten"])
def test_public_pages_are_gzipped_for_clients_that_accept_it(client, url):
    plain = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 2
    assert "Content-Encoding" not in plain


def test_the_report_form_is_not_compressed(client):
    slug = Steunpunt.objects.published().first().slug
    form = client.get(f"/steunpunten/{slug}/melding/", HTTP_ACCEPT_ENCODING="gzip")
    assert "csrfmiddlewaretoken" in form.content.decode()  # the one public page with a token
    assert "Content-Encoding" not in form
    assert "public" not in form["Cache-Control"]


def test_the_admin_is_compressed_except_the_pages_with_a_second_factor_secret(client):
    """Django masks the CSRF token anew per response and pads gzip randomly (BREACH)."""
    login = client.get("/beheer/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert login["Content-Encoding"] == "gzip"
    assert b"csrfmiddlewaretoken" in gzip.decompress(login.content)
    plain = client.get("/beheer/login/")
    assert "Content-Encoding" not in plain
    user = make_staff("nieuw", "PO2707", password="Een-lang-wachtwoord-1")
    client.force_login(user, backend=MODEL_BACKEND)
    setup = client.get("/beheer/tweede-factor/instellen/", HTTP_ACCEPT_ENCODING="gzip")
    assert setup.status_code == 200 and "sleutel" in setup.content.decode()
    assert "Content-Encoding" not in setup


def test_a_new_release_changes_the_etag(client, settings):
    settings.VINDPLEK_RELEASE = "2026.11"
    old = client.get("/over/")["ETag"]
    settings.VINDPLEK_RELEASE = "2026.12"
    fresh = client.get("/over/", HTTP_IF_NONE_MATCH=old)
    assert fresh.status_code == 200 and fresh["ETag"] != old


def release_setting(**env) -> str:
    keep = {k: v for k, v in os.environ.items() if k != "VINDPLEK_RELEASE"}
    return site_settings({**keep, "DJANGO_DEBUG": "1", **env}).VINDPLEK_RELEASE


def test_the_release_is_the_environments_else_the_package_version():
    pyproject = tomllib.loads((Path(django_settings.BASE_DIR) / "pyproject.toml").read_text())
    assert release_setting() == pyproject["project"]["version"]
    assert release_setting(VINDPLEK_RELEASE="abc123") == "abc123"


# --- Issue 23, finding 4 ----------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/zoeken/?q=0123", "/bestaat-niet/", "/api/v1/zoeken?q=xx1"])
def test_if_none_match_any_is_no_304_for_a_url_that_is_an_error(client, url):
    plain = client.get(url)
    response = client.get(url, HTTP_IF_NONE_MATCH="*")
    assert response.status_code == plain.status_code >= 400
    assert "ETag" not in response


def test_if_none_match_any_is_a_304_for_a_page_that_exists(client):
    response = client.get("/over/", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 304
    assert response["ETag"] == client.get("/over/")["ETag"]


def test_the_overview_of_logged_in_ocw_staff_is_private_with_its_own_etag(client):
    from django.test import Client

    visitor = Client().get("/overzicht/")
    assert "public" in visitor["Cache-Control"]
    assert "export.csv" not in visitor.content.decode()
    login_verified(client, make_staff("ocw-cache", role="ocw"))
    staff = client.get("/overzicht/")
    assert "export.csv" in staff.content.decode()
    assert "private" in staff["Cache-Control"] and "public" not in staff["Cache-Control"]
    assert staff["ETag"] != visitor["ETag"]
    # The visitor's copy is not "still good" for staff, nor the other way round.
    assert client.get("/overzicht/", HTTP_IF_NONE_MATCH=visitor["ETag"]).status_code == 200
    assert Client().get("/overzicht/", HTTP_IF_NONE_MATCH=staff["ETag"]).status_code == 200
    again = client.get("/overzicht/", HTTP_IF_NONE_MATCH=staff["ETag"])
    assert again.status_code == 304 and "private" in again["Cache-Control"]
