"""The start page of beheer per role: own steunpunten and what needs doing, OCW's figures (issue 13)."""

import datetime

import pytest
from django.test import Client

from steunpunten.models import Herkomst, Melding, Samenwerkingsverband, SteunpuntStatus
from tests.helpers import login_verified, make_staff, make_steunpunt

pytestmark = pytest.mark.django_db


def start_page(client, user) -> str:
    login_verified(client, user)
    response = client.get("/beheer/")
    assert response.status_code == 200
    return response.content.decode()


def test_swv_staff_see_their_steunpunten_and_what_needs_doing(client):
    oud = datetime.date.today() - datetime.timedelta(days=400)
    eigen = make_steunpunt(
        "PO2707", slug="eigen", naam="Eigen Steunpunt", herkomst=Herkomst.VOORBEELD
    )
    verouderd = make_steunpunt("PO2707", slug="oud", naam="Oud Steunpunt", gecontroleerd_op=oud)
    Melding.objects.create(steunpunt=verouderd, tekst="Het nummer klopt niet.")
    make_steunpunt("VO2708", slug="ander", naam="Ander Steunpunt")
    Melding.objects.create(
        steunpunt=make_steunpunt("PO2801", slug="x", naam="X"), tekst="Niet van u."
    )
    body = start_page(client, make_staff("a", "PO2707"))
    assert "Mijn steunpunten" in body
    assert "Eigen Steunpunt" in body and "Oud Steunpunt" in body
    assert "Ander Steunpunt" not in body and "Niet van u" not in body
    assert "Vervang de voorbeeldgegevens" in body
    assert "Mogelijk verouderd" in body and "Bekijk de meldingen" in body
    assert f"/beheer/steunpunten/steunpunt/{eigen.pk}/change/" in body
    assert f"steunpunt__id__exact={verouderd.pk}" in body
    assert "Landelijk beeld" not in body and "Accounts beheren" not in body


def test_meldingen_link_of_the_start_page_filters_on_the_steunpunt(client):
    steunpunt = make_steunpunt("PO2707", slug="eigen")
    Melding.objects.create(steunpunt=steunpunt, tekst="Het nummer klopt niet.")
    login_verified(client, make_staff("a", "PO2707"))
    url = f"/beheer/steunpunten/melding/?afgehandeld__exact=0&steunpunt__id__exact={steunpunt.pk}"
    response = client.get(url)
    assert response.status_code == 200 and "Het nummer klopt niet" in response.content.decode()


def test_swv_without_active_steunpunt_is_told_to_add_one(client):
    swv = Samenwerkingsverband.objects.exclude(steunpunten__status=SteunpuntStatus.ACTIEF).first()
    body = start_page(client, make_staff("a", swv.code))
    assert "heeft nog geen actief steunpunt" in body
    assert "/beheer/steunpunten/steunpunt/add/" in body


def test_ocw_sees_figures_latest_peiling_exports_and_comparison(client):
    from steunpunten.peilingen import record_peiling

    record_peiling(datum=datetime.date(2024, 1, 1), omschrijving="test")
    body = start_page(client, make_staff("o", role="ocw"))
    assert "Landelijk beeld" in body and "samenwerkingsverbanden hebben een steunpunt" in body
    assert "Laatste peiling: 1 januari 2024" in body
    assert "/overzicht/?van=2024-01-01&amp;tot=nu" in body
    for fmt in ("csv", "xlsx", "json"):
        assert f"/overzicht/export.{fmt}" in body
    assert "Mijn steunpunten" not in body and "Accounts beheren" not in body


def test_beheerder_sees_both_and_accounts(client):
    make_steunpunt("PO2707", slug="demo", herkomst=Herkomst.VOORBEELD)
    make_staff("zonder-app", "PO2707")
    body = start_page(client, make_staff("baas", role="beheerder"))
    assert "Landelijk beeld" in body and "Accounts beheren" in body
    assert "steunpunten met voorbeeldgegevens" in body or "steunpunt met voorbeeldgegevens" in body
    assert "hebben hun authenticator-app nog niet ingesteld" in body


def test_overzicht_links_the_exports_for_logged_in_ocw_staff_only(client):
    assert "/overzicht/export.xlsx" not in client.get("/overzicht/").content.decode()
    login_verified(client, make_staff("o", role="ocw"))
    body = client.get("/overzicht/").content.decode()
    assert all(f"/overzicht/export.{fmt}" in body for fmt in ("csv", "xlsx", "json"))
    swv = Client()
    login_verified(swv, make_staff("a", "PO2707"))
    assert "/overzicht/export.xlsx" not in swv.get("/overzicht/").content.decode()
    # Without the second factor verified, no links either (the exports' own gate).
    half = Client()
    half.force_login(make_staff("p", role="ocw"), backend="beheer.login.EmailBackend")
    assert "/overzicht/export.xlsx" not in half.get("/overzicht/").content.decode()


def test_a_card_shows_the_data_and_confirms_it_from_the_start_page(client):
    oud = datetime.date.today() - datetime.timedelta(days=400)
    eigen = make_steunpunt(
        "PO2707",
        slug="eigen",
        naam="Eigen Steunpunt",
        telefoon="075 123 45 67",
        plaats="Amsterdam",  # a visiting address, or "Alles klopt nog" is refused (the rules)
        gecontroleerd_op=oud,
    )
    body = start_page(client, make_staff("a", "PO2707"))
    assert 'class="steunpunt-kaarten"' in body and "<table" not in body.split("Alle onderdelen")[0]
    assert "075 123 45 67" in body and "Alles klopt nog" in body
    url = f"/beheer/steunpunten/steunpunt/{eigen.pk}/alles-klopt/"
    assert f'action="{url}"' in body
    response = client.post(url, {"versie_bij_openen": eigen.versie, "terug": "start"}, follow=True)
    assert response.redirect_chain[-1][0] == "/beheer/"
    assert "Opgeslagen: de gegevens van Eigen Steunpunt zijn vandaag gecontroleerd" in (
        response.content.decode()
    )
    eigen.refresh_from_db()
    assert eigen.gecontroleerd_op == datetime.date.today()
    # An old version (someone saved meanwhile) is refused, and nothing changes.
    eigen.gecontroleerd_op = oud
    eigen.save()
    response = client.post(
        url, {"versie_bij_openen": eigen.versie - 1, "terug": "start"}, follow=True
    )
    assert "Iemand anders heeft dit steunpunt gewijzigd" in response.content.decode()
    eigen.refresh_from_db()
    assert eigen.gecontroleerd_op == oud
