"""Translations: every message has an English text, and the English pages show it."""

import re
from html import unescape
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")


def entries():
    return [entry for entry in polib.pofile(str(PO_FILE)) if not entry.obsolete]


def untranslated(entry) -> bool:
    if entry.msgid_plural:
        return not entry.msgstr_plural or not all(entry.msgstr_plural.values())
    return not entry.msgstr


def test_the_catalogue_exists_and_is_compiled():
    assert PO_FILE.is_file() and MO_FILE.is_file()
    assert len(polib.mofile(str(MO_FILE))) >= len(entries()) - 1  # the header is no entry


def test_every_message_is_translated():
    missing = [entry.msgid for entry in entries() if untranslated(entry)]
    assert missing == []


def test_no_message_is_fuzzy():
    fuzzy = [entry.msgid for entry in entries() if "fuzzy" in entry.flags]
    assert fuzzy == []


def test_placeholders_survive_translation():
    for entry in entries():
        for placeholder in ("%(", "{{"):
            if entry.msgstr and placeholder in entry.msgid:
                assert entry.msgid.count(placeholder) == entry.msgstr.count(placeholder), (
                    entry.msgid
                )


@pytest.mark.django_db
def test_dutch_is_the_default(client):
    html = client.get("/").content.decode()
    assert '<html lang="nl">' in html
    assert "Vind uw ouder- en jeugdsteunpunt" in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/zoeken/?q=1011AB", "/overzicht/", "/wegwijzer/"])
def test_a_dutch_url_answers_dutch_whatever_the_browser_asks(client, url):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # an old language cookie is ignored
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert response["Content-Language"] == "nl"
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.django_db
def test_english_home_page(client):
    html = client.get("/en/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert '<html lang="en">' in html
    assert "Find your parent and youth support point" in html
    assert "Postcode, place or school" in html
    assert "Vind uw ouder- en jeugdsteunpunt" not in html
    assert 'action="/en/zoeken/"' in html  # the search stays in English


@pytest.mark.django_db
def test_english_results_and_errors(client):
    html = client.get("/en/zoeken/?q=1011AB").content.decode()
    assert "For primary and secondary school" in html
    assert "support points nearby, of other regions" in html
    error = client.get("/en/zoeken/?q=0123").content.decode()
    assert "<title>Error:" in error
    assert "There is a problem" in error
    assert "A postcode does not start with a 0." in error


@pytest.mark.django_db
def test_english_api_messages(client):
    data = client.get("/en/api/v1/zoeken?q=1234SS").json()
    assert "SA, SD" in data["fout"] and "Dutch postcodes" in data["fout"]
    dutch = client.get("/api/v1/zoeken?q=1234SS", HTTP_ACCEPT_LANGUAGE="en").json()
    assert "Nederlandse postcodes" in dutch["fout"] or "SA, SD" in dutch["fout"]
    assert "Dutch postcodes" not in dutch["fout"]


def links(html: str) -> dict[str, str]:
    """The language switch and the hreflang alternates of a page."""
    switch = {
        code: unescape(url)
        for url, code in re.findall(r'<a href="([^"]+)" hreflang="([a-z-]+)" lang=', html)
    }
    alternates = {
        code: unescape(url)
        for code, url in re.findall(
            r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">', html
        )
    }
    return {"switch": switch, "alternates": alternates}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("dutch", "english"),
    [
        ("/", "/en/"),
        ("/zoeken/?q=1011+AB&sector=PO", "/en/zoeken/?q=1011+AB&sector=PO"),
        ("/overzicht/", "/en/overzicht/"),
        ("/regio/utrecht/", "/en/regio/utrecht/"),
    ],
)
def test_the_switch_is_a_plain_link_to_the_same_page(client, dutch, english):
    nl = client.get(dutch)
    en = client.get(english)
    assert nl.status_code == en.status_code == 200
    nl_links, en_links = links(nl.content.decode()), links(en.content.decode())
    assert nl_links["switch"] == {"en": english}
    assert en_links["switch"] == {"nl": dutch}
    expected = {
        "nl": "http://testserver" + dutch,
        "en": "http://testserver" + english,
        "x-default": "http://testserver" + dutch,
    }
    assert nl_links["alternates"] == en_links["alternates"] == expected
    assert "<form" not in nl.content.decode().split("</header>")[0]  # no form, no token


@pytest.mark.django_db
def test_the_switch_of_a_missing_page_leads_home(client):
    html = client.get("/bestaat-niet/").content.decode()
    assert links(html)["switch"] == {"en": "/en/"}


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_the_old_language_switch_redirects_without_a_cookie(method):
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(
        "/i18n/setlang/", {"language": "en", "next": "/wegwijzer/?postcode=1011"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/wegwijzer/?postcode=1011"
    assert not response.cookies
    back = client.post("/i18n/setlang/", {"language": "nl", "next": "/en/over/"})
    assert back["Location"] == "/over/"
    html = client.get(response["Location"]).content.decode()
    assert "Who helps with what?" in html


@pytest.mark.django_db
def test_the_old_language_switch_stays_on_this_site(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/en/"
