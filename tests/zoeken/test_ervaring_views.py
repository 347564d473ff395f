"""The public pages of "Voelde u zich gesteund?": no login, no cookie, a plain message for any
wrong code, and a limit on guessing."""

import datetime

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from steunpunten import ervaring
from steunpunten.models import Ervaring
from tests.helpers import make_steunpunt

pytestmark = pytest.mark.django_db

ANTWOORDEN = {"gesteund": "5", "weet_verder": "een_beetje", "aanbevelen": "ja"}


@pytest.fixture(autouse=True)
def lege_limieten():
    caches["limieten"].clear()
    yield
    caches["limieten"].clear()


@pytest.fixture
def steunpunt():
    return make_steunpunt("PO2707", "VO2708", slug="ervaring-pagina", naam="Steunpunt Proef")


@pytest.fixture
def code(steunpunt):
    return ervaring.codes_create(steunpunt=steunpunt)[0]


def vragen(code: str, taal: str = "nl") -> str:
    url = reverse("zoeken:ervaring", args=[code])
    return url if taal == "nl" else "/en" + url


def assert_no_cookie(response):
    assert "Set-Cookie" not in response.headers, response.headers.get("Set-Cookie")
    assert not response.cookies


def test_the_code_page_sets_no_cookie_and_holds_no_token(client):
    response = client.get(reverse("zoeken:ervaring_start"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "csrfmiddlewaretoken" not in body
    assert 'name="code"' in body and 'method="get"' in body
    assert_no_cookie(response)


def test_a_typed_code_in_any_spelling_leads_to_the_questions(client, code):
    typed = f" {code[:4].lower()} {code[4:]} "
    response = client.get(reverse("zoeken:ervaring_start"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == vragen(code)
    assert_no_cookie(response)


def test_the_questions_have_fieldsets_and_legends_and_no_token(client, code):
    response = client.get(vragen(code))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<fieldset") == 3 and body.count("<legend") == 3
    assert body.count('type="radio"') == 5 + 3 + 2
    assert "Steunpunt Proef" in body
    assert "csrfmiddlewaretoken" not in body and "<script" not in body.split("<main")[1]
    assert "no-store" in response["Cache-Control"]
    assert_no_cookie(response)


def test_answering_stores_one_answer_and_thanks_without_a_cookie(steunpunt, code):
    client = Client(enforce_csrf_checks=True)  # as a browser: no CSRF cookie exists here
    response = client.post(vragen(code), ANTWOORDEN)
    assert response.status_code == 302
    assert response["Location"] == reverse("zoeken:ervaring_bedankt")
    assert_no_cookie(response)
    answer = Ervaring.objects.get()
    assert answer.steunpunt == steunpunt
    assert answer.maand == timezone.localdate().replace(day=1)
    assert (answer.gesteund, answer.weet_verder, answer.aanbevelen) == (5, "een_beetje", "ja")
    thanks = client.get(response["Location"])
    assert "Dank u wel" in thanks.content.decode()
    assert_no_cookie(thanks)


def test_a_used_code_gets_a_plain_message_never_a_second_answer(client, code):
    assert client.post(vragen(code), ANTWOORDEN).status_code == 302
    for response in (client.post(vragen(code), ANTWOORDEN), client.get(vragen(code))):
        assert response.status_code == 410
        assert "Met deze code is al geantwoord" in response.content.decode()
        assert_no_cookie(response)
    typed = client.get(reverse("zoeken:ervaring_start"), {"code": code})
    assert typed.status_code == 410
    assert "Met deze code is al geantwoord" in typed.content.decode()
    assert Ervaring.objects.count() == 1


def test_an_expired_code_is_refused(client, steunpunt):
    long_ago = timezone.localdate() - datetime.timedelta(days=61)
    [code] = ervaring.codes_create(steunpunt=steunpunt, today=long_ago)
    response = client.post(vragen(code), ANTWOORDEN)
    assert response.status_code == 410
    assert "Deze code is verlopen" in response.content.decode()
    assert not Ervaring.objects.exists()


@pytest.mark.parametrize(
    "wrong", ["ABCDEFGH", "abcd efgh", "x", "0000OOOO", "%3Cscript%3E", "é" * 9]
)
def test_a_wrong_code_gets_the_dutch_message_never_a_500(client, wrong):
    for response in (client.get(vragen(wrong)), client.post(vragen(wrong), ANTWOORDEN)):
        assert response.status_code == 404
        assert "Deze code kennen we niet" in response.content.decode()
        assert_no_cookie(response)


def test_a_wrong_code_in_english(client):
    response = client.get(vragen("ABCDEFGH", taal="en"))
    assert response.status_code == 404
    assert "We do not know this code" in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "Vul de code in"), ("K7QM", "Een code heeft 8 tekens"), ("K7QM 4XT0", "8 tekens")],
)
def test_a_malformed_code_is_named_beside_the_field(client, typed, message):
    response = client.get(reverse("zoeken:ervaring_start"), {"code": typed})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body and 'aria-invalid="true"' in body


def test_missing_answers_are_named_and_nothing_is_used(client, code):
    response = client.post(vragen(code), {"gesteund": "9", "weet_verder": "ja"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kies bij vraag 1 een cijfer van 1 tot en met 5." in body
    assert "Kies bij vraag 3: ja of nee." in body
    assert 'value="ja" required checked' in body  # the given answer stays chosen
    assert_no_cookie(response)
    # The code still works.
    assert client.post(vragen(code), ANTWOORDEN).status_code == 302


def test_guessing_is_limited_per_client(client, code, settings):
    settings.VINDPLEK_ERVARING_POGINGEN_PER_UUR = 3
    for guess in ("AAAAAAAA", "BBBBBBBB", "CCCCCCCC"):
        assert client.get(vragen(guess)).status_code == 404
    blocked = client.get(vragen("DDDDDDDD"))
    assert blocked.status_code == 429
    assert "Probeer het over een uur opnieuw" in blocked.content.decode()
    assert int(blocked["Retry-After"]) > 0
    assert client.get(reverse("zoeken:ervaring_start"), {"code": code}).status_code == 429
    # Another client, and an IPv6 client of another /64, still get through.
    assert Client(REMOTE_ADDR="192.0.2.55").get(vragen(code)).status_code == 200
    ipv6 = Client(REMOTE_ADDR="2001:db8:1:2::5")
    for guess in ("AAAAAAAA", "BBBBBBBB", "CCCCCCCC"):
        ipv6.get(vragen(guess))
    same_64 = Client(REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert same_64.get(vragen(code)).status_code == 429
    assert Client(REMOTE_ADDR="2001:db8:1:3::5").get(vragen(code)).status_code == 200


def test_a_right_code_does_not_count_as_a_guess(client, steunpunt, settings):
    settings.VINDPLEK_ERVARING_POGINGEN_PER_UUR = 2
    for code in ervaring.codes_create(steunpunt=steunpunt, aantal=4):
        assert client.get(vragen(code)).status_code == 200
