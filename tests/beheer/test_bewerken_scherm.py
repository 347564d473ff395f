"""The change page as staff use it: "Alles klopt nog", demo → real, help texts, groups (issue 13)."""

import datetime

import pytest
from django.test import Client

from steunpunten.models import Herkomst, Steunpunt
from tests.admin_helpers import admin_url, steunpunt_data
from tests.helpers import login_verified, make_staff, make_steunpunt

pytestmark = pytest.mark.django_db

OUD = datetime.date(2025, 1, 2)


def klopt_url(steunpunt) -> str:
    return f"/beheer/steunpunten/steunpunt/{steunpunt.pk}/alles-klopt/"


def test_alles_klopt_nog_sets_today_and_changes_nothing_else(client):
    sp = make_steunpunt(
        "PO2707", slug="eigen", gecontroleerd_op=OUD, telefoon="020 111 1111", plaats="Amsterdam"
    )
    login_verified(client, make_staff("a", "PO2707"))
    page = client.get(admin_url("steunpunt", "change", sp.pk)).content.decode()
    assert "Alles klopt nog" in page and 'form="alles-klopt-form"' in page
    assert "Laatst gecontroleerd: 2 januari 2025" in page
    response = client.post(klopt_url(sp), {"versie_bij_openen": "0"}, follow=True)
    assert "vandaag gecontroleerd" in response.content.decode()
    sp.refresh_from_db()
    assert sp.gecontroleerd_op == datetime.date.today() and sp.versie == 1
    assert sp.telefoon == "020 111 1111"


def test_alles_klopt_nog_respects_the_lock_and_the_scope(client):
    sp = make_steunpunt("PO2707", slug="eigen", gecontroleerd_op=OUD)
    ander = make_steunpunt("VO2708", slug="ander", gecontroleerd_op=OUD)
    login_verified(client, make_staff("a", "PO2707"))
    # Someone else saved meanwhile: refused with the conflict message, the date stays.
    response = client.post(klopt_url(sp), {"versie_bij_openen": "5"}, follow=True)
    assert "Iemand anders heeft dit steunpunt gewijzigd" in response.content.decode()
    assert client.get(klopt_url(sp)).status_code == 405
    assert client.post(klopt_url(ander), {"versie_bij_openen": "0"}).status_code == 404
    ocw = Client()
    login_verified(ocw, make_staff("o", role="ocw"))
    assert ocw.post(klopt_url(sp), {"versie_bij_openen": "0"}).status_code == 403
    assert Steunpunt.objects.get(pk=sp.pk).gecontroleerd_op == OUD
    assert Steunpunt.objects.get(pk=ander.pk).gecontroleerd_op == OUD


def test_saving_a_change_sets_the_check_date(client):
    sp = make_steunpunt("PO2707", slug="eigen", gecontroleerd_op=OUD, postcode="1011 AB")
    login_verified(client, make_staff("a", "PO2707"))
    data = steunpunt_data(sp, telefoon="020 222 2222")
    assert client.post(admin_url("steunpunt", "change", sp.pk), data).status_code == 302
    assert Steunpunt.objects.get(pk=sp.pk).gecontroleerd_op == datetime.date.today()


def test_demo_becomes_real_and_the_site_notice_goes_when_none_is_left(
    client, django_capture_on_commit_callbacks
):
    Steunpunt.objects.voorbeelden().exclude(samenwerkingsverbanden__code="PO2202").update(
        herkomst=Herkomst.BEVESTIGD
    )
    demo = list(Steunpunt.objects.voorbeelden())
    assert demo, "the shipped data has a demo steunpunt for PO2202"
    assert "voorbeeldgegevens" in Client().get("/").content.decode().lower()
    codes = {swv.code for sp in demo for swv in sp.samenwerkingsverbanden.all()}
    login_verified(client, make_staff("a", *codes))
    for sp in demo:
        page = client.get(admin_url("steunpunt", "change", sp.pk)).content.decode()
        assert "Dit zijn nu de echte gegevens van ons steunpunt" in page
        data = steunpunt_data(sp, echte_gegevens="on", telefoon="075 123 45 67")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(admin_url("steunpunt", "change", sp.pk), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        sp.refresh_from_db()
        assert sp.herkomst == Herkomst.BEVESTIGD and sp.gecontroleerd_op == datetime.date.today()
        detail = Client().get(sp.get_absolute_url()).content.decode()
        assert "Dit steunpunt bestaat niet echt" not in detail
    assert not Steunpunt.objects.voorbeelden().exists()
    assert "voorbeeldgegevens" not in Client().get("/").content.decode().lower()


def test_staff_cannot_turn_real_data_into_demo(client):
    sp = make_steunpunt("PO2707", slug="eigen", postcode="1011 AB")
    login_verified(client, make_staff("a", "PO2707"))
    page = client.get(admin_url("steunpunt", "change", sp.pk)).content.decode()
    assert "echte_gegevens" not in page
    data = steunpunt_data(sp, herkomst=Herkomst.VOORBEELD, bron_url="https://x.example.nl/")
    client.post(admin_url("steunpunt", "change", sp.pk), data)
    saved = Steunpunt.objects.get(pk=sp.pk)
    assert (saved.herkomst, saved.bron_url) == (Herkomst.BEVESTIGD, "")


def test_fields_have_plain_dutch_help_and_are_grouped(client):
    sp = make_steunpunt("PO2707", slug="eigen")
    login_verified(client, make_staff("a", "PO2707"))
    response = client.get(admin_url("steunpunt", "change", sp.pk))
    form = response.context["adminform"].form
    typed = [
        name
        for name, field in form.fields.items()
        if name not in {"versie_bij_openen", "huisnummer", "plaats"} and not field.disabled
    ]
    assert all(form.fields[name].help_text for name in typed), [
        name for name in typed if not form.fields[name].help_text
    ]
    body = response.content.decode()
    groups = ["Het steunpunt", "Voor wie", "Hoe bereikbaar", "Wanneer", "Waar", "Op de site"]
    positions = [body.index(f">{group}<") for group in groups]
    assert positions == sorted(positions)
