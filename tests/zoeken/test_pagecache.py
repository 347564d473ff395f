"""The results page is stored whole (steunpunten/pagecache.py): fast, yet every visitor's own."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from steunpunten import cache as vcache
from steunpunten.models import Steunpunt
from steunpunten.pagecache import CSRF_PLACEHOLDER, NAMESPACE

pytestmark = pytest.mark.django_db

URL = "/zoeken/?q=1011+AB"


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    return response, len(captured.captured_queries)


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_repeated_search_costs_one_query_and_gives_the_same_page(client):
    first, cold = queries(client, URL)
    second, warm = queries(Client(), URL)
    assert first.status_code == second.status_code == 200
    assert warm == 1 < cold  # the data version, nothing else
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", first.content.decode()) == strip.sub("", second.content.decode())


def test_every_visitor_gets_a_working_token_of_their_own():
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    pages = [visitor.get(URL).content.decode() for visitor in visitors]
    tokens = [csrf_token(html) for html in pages]
    assert CSRF_PLACEHOLDER not in pages[0] + pages[1]
    assert tokens[0] != tokens[1]
    for visitor, token in zip(visitors, tokens, strict=True):
        assert "csrftoken" in visitor.cookies
        answer = visitor.post(
            "/i18n/setlang/",
            {"language": "en", "next": URL, "csrfmiddlewaretoken": token},
        )
        assert answer.status_code == 302  # the language switch accepts the stored page's token
    forged = Client(enforce_csrf_checks=True)
    forged.get(URL)
    refused = forged.post(
        "/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": CSRF_PLACEHOLDER}
    )
    assert refused.status_code == 403


def test_an_edit_shows_on_the_next_request(client):
    steunpunt = Steunpunt.objects.published().get(samenwerkingsverbanden__code="PO2707")
    assert steunpunt.naam in client.get(URL).content.decode()
    steunpunt.naam = "Hernoemd Punt"
    steunpunt.save()
    response, count = queries(client, URL)
    assert "Hernoemd Punt" in response.content.decode()
    assert count > 1  # rendered again at the new data version


def test_each_language_has_its_own_page(client):
    dutch = client.get(URL).content.decode()
    english = Client().get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nl">' in dutch and '<html lang="en">' in english
    again = Client().get(URL).content.decode()
    assert '<html lang="nl">' in again


def stored(url: str, language: str = "nl"):
    key = vcache.make_key(NAMESPACE, f"{language}|{url}", vcache.current_version())
    return cache.get(key)


def test_a_good_answer_is_stored_under_its_url_and_language(client):
    client.get(URL)
    assert stored(URL) is not None
    assert stored(URL, "en") is None
    filtered = "/zoeken/?q=1011&sector=PO&voor=ouders"
    client.get(filtered)
    assert stored(filtered) is not None


@pytest.mark.parametrize(
    "url",
    [
        "/zoeken/?q=1011&onbekend=1",  # a parameter the page does not know
        "/zoeken/?q=1011&q=1012",  # a parameter twice
        "/zoeken/?q=1011&sector=junk",  # a filter value the page does not know
        "/zoeken/?q=1011&voor=iedereen-echt",
        f"/zoeken/?q=1011&voor={CSRF_PLACEHOLDER}",  # the placeholder would get a token
        "/zoeken/?q=1000",  # no answer (404)
        "/zoeken/?q=0123",  # a wrong postcode (400)
    ],
)
def test_odd_or_failed_requests_are_not_stored(client, url):
    response = client.get(url)
    assert stored(url) is None
    html = response.content.decode()
    token = csrf_token(html)
    assert token != CSRF_PLACEHOLDER
    assert token not in html.replace(f'value="{token}"', "")  # nowhere but the token field


def test_filters_are_part_of_the_stored_page(client):
    both = client.get("/zoeken/?q=1011").content.decode()
    only_po = client.get("/zoeken/?q=1011&sector=PO").content.decode()
    assert both != only_po
    assert 'value="PO" checked' in only_po
    assert 'value="PO" checked' not in client.get("/zoeken/?q=1011").content.decode()
