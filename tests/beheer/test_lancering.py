"""The launch per SWV and province on the start pages of OCW and beheerders."""

import pytest
from django.test import Client

from beheer.lancering import BEVESTIGD, INGELOGD, NIEMAND, UITGENODIGD, launch_progress
from beheer.medewerkers import account_save
from steunpunten.models import Samenwerkingsverband, Steunpunt
from tests.helpers import login_verified, make_staff

pytestmark = pytest.mark.django_db


def stand_of(code: str) -> str:
    return next(swv for swv in launch_progress().swvs if swv.code == code).stand


def test_each_swv_has_the_stand_it_reached():
    assert stand_of("PO2202") == NIEMAND
    user, _plan = account_save(email="a@swv.example.org", rol="swv", swv_codes=["PO2202"])
    assert stand_of("PO2202") == UITGENODIGD
    client = Client()
    login_verified(client, user)  # a login notes last_login
    assert stand_of("PO2202") == INGELOGD
    gedeeld = Steunpunt.objects.get(slug="steunpunt-emmen-po2202-vo2202")
    url = f"/beheer/steunpunten/steunpunt/{gedeeld.pk}/alles-klopt/"
    client.post(url, {"versie_bij_openen": gedeeld.versie, "terug": "start"})
    assert stand_of("PO2202") == BEVESTIGD
    # The other SWV this steunpunt serves has no staff of its own that confirmed it.
    assert stand_of("VO2202") == NIEMAND
    # An account that is switched off no longer counts.
    account_save(email="b@swv.example.org", rol="swv", swv_codes=["PO2801"])
    assert stand_of("PO2801") == UITGENODIGD
    user.is_active = False
    user.save(update_fields=["is_active"])
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(email="b@swv.example.org").update(is_active=False)
    assert stand_of("PO2801") == NIEMAND


@pytest.mark.realdata
def test_the_counts_per_province_add_up_to_the_country():
    account_save(email="a@swv.example.org", rol="swv", swv_codes=["PO2707", "PO2801"])
    lancering = launch_progress()
    aantal = Samenwerkingsverband.objects.count()
    assert lancering.land.totaal == aantal
    assert sum(groep.totaal for groep in lancering.provincies) == aantal
    assert lancering.land.uitgenodigd == 2 and lancering.land.niemand == aantal - 2
    noord = next(g for g in lancering.provincies if g.naam == "Noord-Holland")
    zuid = next(g for g in lancering.provincies if g.naam == "Zuid-Holland")
    assert noord.uitgenodigd == 1 and zuid.uitgenodigd == 1


@pytest.mark.parametrize(("rol", "ziet"), [("ocw", True), ("beheerder", True), ("swv", False)])
@pytest.mark.realdata
def test_the_start_page_shows_the_launch_to_ocw_and_beheerders(rol, ziet):
    account_save(email="a@swv.example.org", rol="swv", swv_codes=["PO2707"])
    client = Client()
    login_verified(client, make_staff("iemand", "VO2708", role=rol))
    body = client.get("/beheer/").content.decode()
    assert ("Lancering: waar staat elk samenwerkingsverband" in body) is ziet
    if ziet:
        assert '<th scope="row">Noord-Holland</th>' in body
        assert "uitgenodigd, nog niet ingelogd" in body
        aantal = Samenwerkingsverband.objects.count()
        assert f"Van de {aantal} samenwerkingsverbanden hebben er 0 hun steunpunt bevestigd" in body


def test_what_vindplek_lists_per_swv_follows_the_herkomst():
    from steunpunten.models import Herkomst
    from tests.helpers import make_steunpunt

    def lijst_of(code: str) -> str:
        return next(swv for swv in launch_progress().swvs if swv.code == code).lijst

    Steunpunt.objects.filter(samenwerkingsverbanden__code="PO2801").delete()
    assert lijst_of("PO2801") == "niets"
    bron = make_steunpunt(
        "PO2801",
        slug="uit-bron",
        herkomst=Herkomst.OPENBARE_BRON,
        bron_url="https://swv.example.org/steunpunt",
        postcode="2311 AA",
        plaats="Leiden",
    )
    assert lijst_of("PO2801") == "openbare_bron"
    Steunpunt.objects.filter(pk=bron.pk).update(herkomst=Herkomst.BEVESTIGD)
    assert lijst_of("PO2801") == "bevestigd"
    lancering = launch_progress()
    assert (
        lancering.land.lijst_bevestigd
        + lancering.land.lijst_openbare_bron
        + (lancering.land.lijst_niets)
        == Samenwerkingsverband.objects.count()
    )
