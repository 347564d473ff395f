"""Issue 15, finding 6: a peiling's date lies between 2014-08-01 and today; a beheerder can
withdraw a mistaken peiling, which stays in the admin and disappears from trend, comparison
and exports; deleting is refused with a message, never silently."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

import overzicht.admin  # noqa: F401  (registers the admin)
from overzicht.kaart import trend
from steunpunten.models import Peiling
from steunpunten.peilingen import (
    EERSTE_PEILDATUM,
    PeilingError,
    find_peiling,
    record_peiling,
    withdraw_peiling,
)
from tests.helpers import login_verified, make_staff

pytestmark = pytest.mark.django_db

CHANGELIST = "/beheer/steunpunten/peiling/"
RECORD = "/beheer/steunpunten/peiling/vastleggen/"
MISTAKE = datetime.date(2019, 6, 1)


@pytest.mark.parametrize("datum", ["0001-01-01", "2014-07-31", "1999-12-31"])
def test_no_peiling_before_passend_onderwijs_in_service_command_and_admin(client, datum):
    day = datetime.date.fromisoformat(datum)
    with pytest.raises(PeilingError, match="1 augustus 2014"):
        record_peiling(datum=day)
    with pytest.raises(CommandError, match="1 augustus 2014"):
        call_command("record_peiling", "--datum", datum)
    login_verified(client, make_staff("ocw-peiling", role="ocw"))
    response = client.post(RECORD, {"datum": datum, "omschrijving": ""})
    assert response.status_code == 200
    assert "1 augustus 2014" in response.content.decode()
    assert not Peiling.objects.filter(datum=day).exists()


def test_the_first_day_and_today_are_allowed():
    assert record_peiling(datum=EERSTE_PEILDATUM).datum == datetime.date(2014, 8, 1)
    assert record_peiling(datum=timezone.localdate()).datum == timezone.localdate()
    with pytest.raises(PeilingError, match="toekomst"):
        record_peiling(datum=timezone.localdate() + datetime.timedelta(days=1))


@pytest.fixture
def beheerder(client):
    user = make_staff("beheerder-peiling", role="beheerder")
    login_verified(client, user)
    return user


def withdraw_in_admin(client, peiling, reden="Verkeerde datum ingevuld"):
    response = client.post(
        CHANGELIST, {"action": "withdraw_selected", "_selected_action": [peiling.pk]}
    )
    assert response.status_code == 302
    return client.post(response["Location"], {"reden": reden})


@pytest.mark.realdata
def test_a_beheerder_withdraws_a_mistaken_peiling(client, beheerder):
    mistake = record_peiling(datum=MISTAKE, omschrijving="per ongeluk")
    assert MISTAKE in [point.datum for point in trend_points_now()]
    response = withdraw_in_admin(client, mistake)
    assert response.status_code == 302
    mistake.refresh_from_db()
    assert mistake.ingetrokken_op is not None and mistake.ingetrokken_door == beheerder
    assert mistake.reden_intrekking == "Verkeerde datum ingevuld"
    # Kept, with its rows, and shown as withdrawn in the admin.
    assert mistake.regels.count() == 150
    html = client.get(CHANGELIST).content.decode()
    assert "Verkeerde datum ingevuld" in html and "01-06-2019" in html
    # Gone from the public trend, the comparison and the exports.
    assert MISTAKE not in [point.datum for point in trend_points_now()]
    overzicht = client.get("/overzicht/").content.decode()
    assert "2019-06-01" not in overzicht
    assert "2023-11-01" in overzicht
    comparison = client.get("/overzicht/?van=2019-06-01&tot=nu").content.decode()
    assert "Er is geen peiling van 01-06-2019" in comparison
    with pytest.raises(PeilingError):
        find_peiling("2019-06-01")
    export = client.get("/overzicht/export.csv?peiling=2019-06-01")
    assert export.status_code == 400
    with pytest.raises(CommandError, match="Er is geen peiling van 01-06-2019"):
        call_command(
            "export_dekking", "--format", "csv", "--peiling", "2019-06-01", stdout=io.StringIO()
        )


def trend_points_now():
    from steunpunten.coverage import overview

    return trend(overview())


def test_withdrawing_needs_a_reason_and_happens_once(client, beheerder):
    mistake = record_peiling(datum=MISTAKE)
    response = withdraw_in_admin(client, mistake, reden="")
    assert response.status_code == 200
    assert "Schrijf op waarom" in response.content.decode()
    mistake.refresh_from_db()
    assert mistake.ingetrokken_op is None
    withdraw_peiling(peiling=mistake, door=beheerder, reden="dubbel")
    with pytest.raises(PeilingError, match="al ingetrokken"):
        withdraw_peiling(peiling=mistake, door=beheerder, reden="nog eens")


def test_only_a_beheerder_may_withdraw(client):
    mistake = record_peiling(datum=MISTAKE)
    login_verified(client, make_staff("ocw-intrekken", role="ocw"))
    html = client.get(CHANGELIST).content.decode()
    assert "withdraw_selected" not in html
    url = f"/beheer/steunpunten/peiling/{mistake.pk}/intrekken/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"reden": "mag niet"}).status_code == 403
    mistake.refresh_from_db()
    assert mistake.ingetrokken_op is None


def test_bulk_delete_says_why_it_does_nothing(client, beheerder):
    mistake = record_peiling(datum=MISTAKE)
    response = client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [mistake.pk], "post": "yes"},
        follow=True,
    )
    assert "Een peiling wordt nooit verwijderd" in response.content.decode()
    assert Peiling.objects.filter(pk=mistake.pk).exists()
    # The list says so before anyone tries.
    assert "intrekken" in client.get(CHANGELIST).content.decode()
