"""A save or "Alles klopt nog" by SWV staff makes a steunpunt `bevestigd`, dated (issue 19)."""

import datetime

import pytest

from beheer import editing
from steunpunten.models import Herkomst, Steunpunt
from tests.admin_helpers import admin_url, steunpunt_data
from tests.helpers import login_verified, make_staff, make_steunpunt

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2026, 11, 3)
BRON = "https://swv.example.nl/ouders"


def uit_bron() -> Steunpunt:
    """A steunpunt as import_openbare_bronnen makes it: from a public page, never checked."""
    return make_steunpunt(
        "PO2202",
        slug="bron-po2202",
        herkomst=Herkomst.OPENBARE_BRON,
        bron_url=BRON,
        gecontroleerd_op=None,
        alleen_online=True,
    )


def test_an_swv_employees_save_confirms_the_data_today():
    steunpunt = uit_bron()
    steunpunt.telefoon = "0591 123 456"
    editing.steunpunt_save(
        user=make_staff("po2202", "PO2202"),
        steunpunt=steunpunt,
        changed=["telefoon"],
        expected_versie=0,
        today=VANDAAG,
    )
    saved = Steunpunt.objects.get(pk=steunpunt.pk)
    assert (saved.herkomst, saved.gecontroleerd_op) == (Herkomst.BEVESTIGD, VANDAAG)
    assert saved.bron_url == BRON  # where it was first found stays on record


def test_alles_klopt_nog_confirms_it_too():
    steunpunt = uit_bron()
    editing.steunpunt_confirm_checked(
        user=make_staff("po2202", "PO2202"), steunpunt=steunpunt, expected_versie=0, today=VANDAAG
    )
    saved = Steunpunt.objects.get(pk=steunpunt.pk)
    assert (saved.herkomst, saved.gecontroleerd_op) == (Herkomst.BEVESTIGD, VANDAAG)


def test_a_save_without_changes_by_staff_also_confirms_it():
    steunpunt = uit_bron()
    editing.steunpunt_save(
        user=make_staff("po2202", "PO2202"),
        steunpunt=steunpunt,
        changed=[],
        expected_versie=0,
        today=VANDAAG,
    )
    saved = Steunpunt.objects.get(pk=steunpunt.pk)
    assert (saved.herkomst, saved.gecontroleerd_op) == (Herkomst.BEVESTIGD, VANDAAG)


def test_a_beheerder_is_not_the_swv_and_does_not_confirm_it():
    steunpunt = uit_bron()
    steunpunt.telefoon = "0591 123 456"
    editing.steunpunt_save(
        user=make_staff("beheer", role="beheerder"),
        steunpunt=steunpunt,
        changed=["telefoon"],
        expected_versie=0,
        today=VANDAAG,
    )
    assert Steunpunt.objects.get(pk=steunpunt.pk).herkomst == Herkomst.OPENBARE_BRON


def test_an_example_stays_one_until_staff_say_the_data_is_real(client):
    login_verified(client, make_staff("po2202", "PO2202"))
    demo = Steunpunt.objects.get(slug="steunpunt-emmen-po2202-vo2202")
    url = admin_url("steunpunt", "change", demo.pk)
    eigen = [demo.samenwerkingsverbanden.get(code="PO2202").pk]
    data = steunpunt_data(demo, telefoon="0591 123 456", samenwerkingsverbanden=eigen)
    assert client.post(url, data).status_code == 302
    assert Steunpunt.objects.get(pk=demo.pk).herkomst == Herkomst.VOORBEELD
    demo.refresh_from_db()
    data = steunpunt_data(demo, echte_gegevens="on", samenwerkingsverbanden=eigen)
    assert client.post(url, data).status_code == 302
    saved = Steunpunt.objects.get(pk=demo.pk)
    assert (saved.herkomst, saved.gecontroleerd_op) == (Herkomst.BEVESTIGD, datetime.date.today())


def test_the_admin_action_gegevens_gecontroleerd_confirms_through_the_edit_service(client):
    steunpunt = uit_bron()
    login_verified(client, make_staff("po2202", "PO2202"))
    response = client.post(
        admin_url("steunpunt", "changelist"),
        {"action": "markeer_gecontroleerd", "_selected_action": [steunpunt.pk]},
    )
    assert response.status_code == 302
    saved = Steunpunt.objects.get(pk=steunpunt.pk)
    assert (saved.herkomst, saved.gecontroleerd_op) == (Herkomst.BEVESTIGD, datetime.date.today())
    assert saved.versie == 1


def test_staff_cannot_set_herkomst_themselves(client):
    steunpunt = uit_bron()
    login_verified(client, make_staff("po2202", "PO2202"))
    form = client.get(admin_url("steunpunt", "change", steunpunt.pk)).context["adminform"].form
    assert "herkomst" not in form.fields and "bron_url" not in form.fields
