"""Handing out feedback codes in beheer: who may, what the page shows, and that only a hash
is kept."""

import re

import pytest
from django.urls import reverse

from steunpunten import ervaring
from steunpunten.models import ErvaringCode
from tests.helpers import login_verified, make_staff, make_steunpunt, make_steunpunt_staff

pytestmark = pytest.mark.django_db

URL = "/beheer/steunpunten/ervaringcode/"


@pytest.fixture
def steunpunt():
    return make_steunpunt("PO2707", "VO2708", slug="codes-test", naam="Steunpunt Codes")


@pytest.fixture
def swv_client(client, steunpunt):
    login_verified(client, make_staff("swv", "PO2707"))
    return client


def shown_code(body: str) -> str:
    match = re.search(r'class="ervaring-code-groot">([A-Z0-9]{4} [A-Z0-9]{4})<', body)
    assert match, body
    return ervaring.normalise_code(match.group(1))


def test_the_address_is_the_changelist():
    assert reverse("admin:steunpunten_ervaringcode_changelist") == URL


def test_swv_staff_hand_out_one_code_shown_large_with_a_qr_code(swv_client, steunpunt):
    page = swv_client.get(URL)
    assert page.status_code == 200
    assert "Steunpunt Codes" in page.content.decode()
    response = swv_client.post(URL, {"steunpunt": steunpunt.pk, "soort": "een"})
    assert response.status_code == 200
    body = response.content.decode()
    code = shown_code(body)
    assert "<title>QR-code naar de vragen, voor code" in body and 'class="qr-code"' in body
    assert f"/ervaring/{code}/" not in body  # the address is in the QR code only, drawn
    stored = ErvaringCode.objects.get()
    assert stored.hash == ervaring.code_hash(code) and stored.steunpunt == steunpunt
    assert code not in stored.hash
    assert ervaring.code_check(code).steunpunt == steunpunt


def test_a_sheet_holds_ten_cards_for_print(swv_client, steunpunt):
    response = swv_client.post(URL, {"steunpunt": steunpunt.pk, "soort": "vel"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="kaartje"') == 10 and body.count("<svg") == 10
    assert "css/kaartjes.css" in body and "Voelde u zich gesteund?" in body
    assert ErvaringCode.objects.filter(steunpunt=steunpunt).count() == 10
    codes = re.findall(r'class="kaartje-code">([A-Z0-9]{4} [A-Z0-9]{4})<', body)
    assert len(set(codes)) == 10
    for code in codes:
        assert ervaring.code_check(code).steunpunt == steunpunt


def test_staff_of_another_swv_cannot_hand_out_codes_for_this_steunpunt(client, steunpunt):
    make_steunpunt("PO2801", slug="ander-steunpunt")
    login_verified(client, make_staff("ander", "PO2801"))
    response = client.post(URL, {"steunpunt": steunpunt.pk, "soort": "een"})
    assert response.status_code == 200  # the form again, with the message
    assert "Kies een van uw eigen steunpunten." in response.content.decode()
    assert not ErvaringCode.objects.filter(steunpunt=steunpunt).exists()


@pytest.mark.parametrize("role", ["ocw", "geen"])
def test_ocw_and_staff_without_a_steunpunt_get_403(client, steunpunt, role):
    login_verified(client, make_staff("iemand", role=role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"steunpunt": steunpunt.pk, "soort": "een"}).status_code == 403
    assert not ErvaringCode.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/beheer/login/" in response["Location"]


def test_no_page_per_code_exists(swv_client, steunpunt):
    [code] = ervaring.codes_create(steunpunt=steunpunt)
    pk = ErvaringCode.objects.get().pk
    for suffix in (f"{pk}/change/", f"{pk}/delete/", f"{pk}/history/", "add/"):
        assert swv_client.get(URL + suffix).status_code in (302, 404), suffix


def test_steunpunt_staff_hand_out_codes_for_their_own_steunpunt_only(client, steunpunt):
    ander = make_steunpunt("PO2801", slug="ander-steunpunt")
    login_verified(client, make_steunpunt_staff("medewerker", steunpunt))
    page = client.get(URL).content.decode()
    assert "Steunpunt Codes" in page and ander.naam not in page
    assert client.post(URL, {"steunpunt": steunpunt.pk, "soort": "een"}).status_code == 200
    client.post(URL, {"steunpunt": ander.pk, "soort": "een"})
    assert list(ErvaringCode.objects.values_list("steunpunt", flat=True)) == [steunpunt.pk]
