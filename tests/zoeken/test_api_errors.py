"""The JSON API answers JSON always, also when something is wrong (issue 15, finding 13)."""

import json

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client

from zoeken import search

pytestmark = pytest.mark.django_db


def assert_json_error(response, status: int) -> str:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    message = response.json()["fout"]
    assert message and "<" not in message
    return message


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/zoeken?q=0123", 400),
        ("/api/v1/zoeken", 400),
        ("/api/v1/zoeken?q=1000", 404),
        ("/api/v1/steunpunten?pagina=x", 400),
        ("/api/v1/steunpunten?pagina=999", 404),
        ("/api/v1/bestaat-niet", 404),
        ("/api/v1/zoeken/", 404),
        ("/api/v2/zoeken", 404),
        ("/en/api/v1/bestaat-niet", 404),
    ],
)
def test_errors_are_json(client, url, status):
    assert_json_error(client.get(url), status)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_wrong_method_gets_json_405(method):
    client = Client(enforce_csrf_checks=False)
    response = getattr(client, method)("/api/v1/zoeken?q=1011")
    assert_json_error(response, 405)
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_a_crash_in_the_api_gets_json_500(monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(search, "answer", crash)
    client = Client(raise_request_exception=False)
    message = assert_json_error(client.get("/api/v1/zoeken?q=1011"), 500)
    assert "kapot" not in message


def test_a_bad_request_in_the_api_gets_json_400(monkeypatch):
    def suspicious(*args, **kwargs):
        raise SuspiciousOperation("vreemd")

    monkeypatch.setattr(search, "answer", suspicious)
    assert_json_error(Client().get("/api/v1/zoeken?q=1011"), 400)


def test_pages_keep_their_html_error_pages(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "<html" in response.content.decode()


def test_the_csrf_placeholder_of_the_old_page_cache_is_gone_for_good(client):
    """A steunpunt's field once could hold the page cache's CSRF placeholder and so show the
    next visitor's token; with no page cache and no token on public pages, nothing can."""
    from steunpunten.cache import bump_data_version
    from steunpunten.models import Steunpunt

    steunpunt = Steunpunt.objects.published().get(samenwerkingsverbanden__code="PO2707")
    steunpunt.inloopspreekuur = "vindplekCSRFtokenPlaatshouder"
    steunpunt.website = "https://example.nl/?t=vindplekCSRFtokenPlaatshouder"
    steunpunt.save()
    bump_data_version()  # as the edit's commit does (the test's transaction never commits)
    for url in ("/zoeken/?q=1011+AB", steunpunt.get_absolute_url(), "/api/v1/zoeken?q=1011"):
        for _ in range(2):  # the second one would have come from a page cache
            body = client.get(url).content.decode()
            assert "vindplekCSRFtokenPlaatshouder" in body  # shown as typed, never replaced
            assert "csrfmiddlewaretoken" not in body and "csrftoken" not in client.cookies
    import importlib.util

    assert importlib.util.find_spec("steunpunten.pagecache") is None


# --- Issue 23, finding 4: a POST without a CSRF token ----------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
@pytest.mark.parametrize("url", ["/", "/zoeken/?q=1011", "/overzicht/", "/over/", "/en/regio/"])
def test_public_pages_answer_other_methods_with_405_not_the_csrf_403(method, url):
    strict = Client(enforce_csrf_checks=True)
    response = getattr(strict, method)(url)
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD"}


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_api_answers_other_methods_with_json_405_with_csrf_checks_on(method):
    strict = Client(enforce_csrf_checks=True)
    response = getattr(strict, method)("/api/v1/zoeken?q=1011")
    assert_json_error(response, 405)
    assert "GET" in response["Allow"]


def test_a_refused_csrf_check_in_the_api_is_json():
    from django.test import RequestFactory

    from steunpunten.fouten import csrf_failure

    response = csrf_failure(RequestFactory().post("/api/v1/iets"), reason="CSRF cookie not set.")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["fout"]
    page = csrf_failure(RequestFactory().post("/steunpunten/x/melding/"), reason="x")
    assert page.status_code == 403 and page["Content-Type"].startswith("text/html")


def test_the_report_form_still_requires_its_csrf_token():
    from steunpunten.models import Steunpunt

    slug = Steunpunt.objects.published().first().slug
    strict = Client(enforce_csrf_checks=True)
    assert (
        strict.post(f"/steunpunten/{slug}/melding/", {"tekst": "Adres klopt niet"}).status_code
        == 403
    )
