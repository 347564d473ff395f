"""Every admin write of public data goes through a service and moves the data version once."""

import datetime

import pytest

from steunpunten.cache import bump_data_version, bump_version, current_version
from steunpunten.models import Postcodegebied, Samenwerkingsverband, Steunpunt
from tests.admin_helpers import admin_url
from tests.helpers import login_verified, make_staff, make_steunpunt

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client):
    login_verified(client, make_staff("beheer", role="beheerder"))
    return client


def assert_one_move(callbacks, before: int, *, places: bool = False) -> None:
    """One move of the data version after the commit; of the place version too for `places`."""
    assert callbacks == [bump_version if places else bump_data_version]
    assert current_version() > before


def test_saving_a_swv_in_the_admin_moves_the_version(beheerder, django_capture_on_commit_callbacks):
    swv = Samenwerkingsverband.objects.get(code="PO2707")
    data = {"naam": swv.naam, "website": "https://www.swv.example", "telefoon": "020 123 4567"}
    before = current_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = beheerder.post(admin_url("samenwerkingsverband", "change", swv.pk), data)
    assert response.status_code == 302
    assert_one_move(callbacks, before)
    assert Samenwerkingsverband.objects.get(pk=swv.pk).website == "https://www.swv.example"


def test_deleting_a_steunpunt_in_the_admin_moves_the_version(
    client, django_capture_on_commit_callbacks
):
    steunpunt = make_steunpunt("PO2707", slug="weg")
    login_verified(client, make_staff("eigen", "PO2707"))
    before = current_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(admin_url("steunpunt", "delete", steunpunt.pk), {"post": "yes"})
    assert response.status_code == 302
    assert_one_move(callbacks, before)
    assert not Steunpunt.objects.filter(pk=steunpunt.pk).exists()


def test_the_bulk_delete_action_deletes_through_the_service(
    client, django_capture_on_commit_callbacks
):
    mine = make_steunpunt("PO2707", slug="mijn")
    login_verified(client, make_staff("eigen", "PO2707"))
    before = current_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(
            admin_url("steunpunt", "changelist"),
            {"action": "delete_selected", "_selected_action": [mine.pk], "post": "yes"},
        )
    assert not Steunpunt.objects.filter(pk=mine.pk).exists()
    assert callbacks == [bump_data_version] and current_version() > before


def test_deleting_a_postcodegebied_in_the_admin_moves_the_version(
    beheerder, django_capture_on_commit_callbacks
):
    gebied = Postcodegebied.objects.create(pc4="1000", in_regio_indeling=False)
    before = current_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = beheerder.post(admin_url("postcodegebied", "delete", gebied.pk), {"post": "yes"})
    assert response.status_code == 302
    assert_one_move(callbacks, before, places=True)


def mark_checked(client, *steunpunten):
    return client.post(
        admin_url("steunpunt", "changelist"),
        {"action": "markeer_gecontroleerd", "_selected_action": [s.pk for s in steunpunten]},
        follow=True,
    )


def test_the_checked_action_applies_the_rules_of_alles_klopt_nog(
    client, django_capture_on_commit_callbacks
):
    """One path for "checked today": the action refuses what "Alles klopt nog" refuses."""
    old = datetime.date(2020, 1, 1)
    good = make_steunpunt(
        "PO2707", slug="goed", naam="Goed punt", postcode="1011 AB", gecontroleerd_op=old
    )
    # Imported before the rules held: a phone number nobody can call.
    bad = make_steunpunt(
        "PO2707", slug="fout", naam="Fout punt", postcode="1011 AB", gecontroleerd_op=old
    )
    Steunpunt.objects.filter(pk=bad.pk).update(telefoon="12345")
    login_verified(client, make_staff("eigen", "PO2707"))

    klopt = client.post(
        admin_url("steunpunt", "klopt", bad.pk), {"versie_bij_openen": "0"}, follow=True
    )
    refusal = [str(m) for m in klopt.context["messages"]]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = mark_checked(client, good, bad)
    messages = [str(m) for m in response.context["messages"]]

    assert Steunpunt.objects.get(pk=good.pk).gecontroleerd_op == datetime.date.today()
    assert Steunpunt.objects.get(pk=bad.pk).gecontroleerd_op == old  # not claimed as checked
    assert any("Nederlands telefoonnummer" in m for m in refusal)
    assert any("Fout punt" in m and "Nederlands telefoonnummer" in m for m in messages)
    assert callbacks == [bump_data_version]
