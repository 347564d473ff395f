"""Translations: every message has an English text, and the English pages show it."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

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


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.django_db
def test_dutch_is_the_default(client):
    html = client.get("/").content.decode()
    assert '<html lang="nl">' in html
    assert "Vind uw ouder- en jeugdsteunpunt" in html


@pytest.mark.django_db
def test_english_home_page(english):
    html = english.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Find your parent and youth support point" in html
    assert "Postcode or town" in html
    assert "Vind uw ouder- en jeugdsteunpunt" not in html


@pytest.mark.django_db
def test_english_results_and_errors(english):
    html = english.get("/zoeken/?q=1011AB").content.decode()
    assert "Primary school" in html and "Secondary school" in html
    assert "Other support points nearby" in html
    error = english.get("/zoeken/?q=0123").content.decode()
    assert "<title>Error:" in error
    assert "There is a problem" in error
    assert "A postcode does not start with a 0." in error


@pytest.mark.django_db
def test_english_api_messages(english):
    data = english.get("/api/v1/zoeken?q=1234SS").json()
    assert "SA, SD" in data["fout"] and "Dutch postcodes" in data["fout"]


@pytest.mark.django_db
def test_language_switch(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/wegwijzer/"})
    assert response.status_code == 302 and response["Location"] == "/wegwijzer/"
    html = client.get("/wegwijzer/").content.decode()
    assert "Who helps with what?" in html
