"""Every admin page a staff member meets is in Dutch: no English left in the rendered text."""

import re
from html import unescape

import pytest
from django.test import Client

from steunpunten.models import Melding
from steunpunten.peilingen import record_peiling
from tests.admin_helpers import admin_url, steunpunt_data
from tests.helpers import login_verified, make_staff, make_steunpunt

pytestmark = pytest.mark.django_db

# Words that only show up when a text was left untranslated (checked as whole words).
ENGELS = re.compile(
    r"\b(the|and|your|you|is not|was|History|Home|Save|Delete|Search|Filter|Change|Changed by|"
    r"Date/time|Comment|Object|Password|password|Welcome|View site|Log out|Add|Token|Next|Back|"
    r"Enter|Select|Action|Go|Yes|No|Unknown|Today|Now|Close|entries|entry|Revert|Created|"
    r"Backup|Generate|Enable|Disable|Authentication|Please|required)\b"
)


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<!--.*?-->", " ", html, flags=re.S)
    # Attribute texts people hear or see: alt, title, aria-label, placeholder, value of buttons.
    attrs = re.findall(r'\b(?:alt|title|aria-label|placeholder)="([^"]*)"', html)
    buttons = re.findall(r'<input[^>]+type="submit"[^>]+value="([^"]*)"', html)
    text = re.sub(r"<[^>]+>", " ", html)
    return unescape(" ".join([text, *attrs, *buttons]))


def english_in(client, url: str, method: str = "get", data=None) -> list[str]:
    response = getattr(client, method)(url, data or {}, follow=True)
    assert response.status_code == 200, url
    return sorted(set(ENGELS.findall(visible_text(response.content.decode()))))


def test_staff_pages_are_dutch():
    sp = make_steunpunt("PO2707", slug="eigen", naam="Eigen Steunpunt", postcode="1011 AB")
    Melding.objects.create(steunpunt=sp, tekst="Het nummer klopt niet.")
    client = Client()
    login_verified(client, make_staff("a", "PO2707"))
    client.post(admin_url("steunpunt", "change", sp.pk), steunpunt_data(sp, telefoon="020 1234567"))
    urls = [
        "/beheer/",
        admin_url("steunpunt", "changelist"),
        admin_url("steunpunt", "change", sp.pk),
        admin_url("steunpunt", "history", sp.pk),
        admin_url("melding", "changelist"),
        "/beheer/tweede-factor/reservecodes/",
    ]
    found = {url: english_in(client, url) for url in urls}
    assert found == {url: [] for url in urls}
    saved = english_in(
        client, admin_url("steunpunt", "change", sp.pk), "post", steunpunt_data(sp, talen="Pools")
    )
    assert saved == []


def test_ocw_and_beheerder_pages_are_dutch():
    record_peiling(datum=__import__("datetime").date(2024, 1, 1), omschrijving="test")
    client = Client()
    login_verified(client, make_staff("baas", role="beheerder"))
    urls = ["/beheer/", "/beheer/auth/user/", admin_url("peiling", "changelist")]
    found = {url: english_in(client, url) for url in urls}
    assert found == {url: [] for url in urls}


def test_login_and_password_pages_are_dutch():
    client = Client()
    urls = ["/beheer/login/", "/beheer/wachtwoord-vergeten/", "/beheer/wachtwoord/x/y-z/"]
    found = {url: english_in(client, url) for url in urls}
    assert found == {url: [] for url in urls}
    sent = english_in(client, "/beheer/wachtwoord-vergeten/", "post", {"email": "a@example.org"})
    assert sent == []


def test_enrolment_page_is_dutch():
    make_staff("nieuw", "PO2707", password="een-lang-en-goed-wachtwoord-2026")
    client = Client()
    client.post(
        "/beheer/login/",
        {"username": "nieuw@example.org", "password": "een-lang-en-goed-wachtwoord-2026"},
    )
    assert english_in(client, "/beheer/tweede-factor/instellen/") == []
