"""How long "Voelde u zich gesteund?" keeps what: codes 60 days, answers five years."""

import datetime

import pytest
from django.core.management import call_command

from beheer.bewaartermijn import ervaringscodes_purge, registraties_purge
from steunpunten import ervaring
from steunpunten.models import Ervaring, ErvaringCode
from tests.helpers import make_steunpunt

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 17)


@pytest.fixture
def steunpunt():
    return make_steunpunt("PO2707", slug="bewaren")


def test_codes_go_the_day_after_their_last_day_used_or_not(steunpunt):
    [gebruikt] = ervaring.codes_create(steunpunt=steunpunt, today=TODAY)
    ervaring.ervaring_record(
        code=gebruikt, antwoorden=ervaring.Antwoorden(3, "nee", "ja"), today=TODAY
    )
    ervaring.codes_create(steunpunt=steunpunt, aantal=2, today=TODAY)
    ervaring.codes_create(steunpunt=steunpunt, aantal=3, today=TODAY + datetime.timedelta(days=1))
    last_day = ervaring.last_day(TODAY)
    assert ervaringscodes_purge(today=last_day) == 0
    assert ervaringscodes_purge(today=last_day + datetime.timedelta(days=1)) == 3
    assert ErvaringCode.objects.count() == 3
    assert Ervaring.objects.count() == 1  # the answer stays: it never pointed to its code


def test_answers_are_kept_five_years(steunpunt):
    for maand in (datetime.date(2021, 10, 1), datetime.date(2021, 11, 1)):
        Ervaring.objects.create(
            steunpunt=steunpunt, maand=maand, gesteund=5, weet_verder="ja", aanbevelen="ja"
        )
    assert registraties_purge(today=TODAY) == 1
    assert list(Ervaring.objects.values_list("maand", flat=True)) == [datetime.date(2021, 11, 1)]


def test_the_daily_command_deletes_expired_codes(steunpunt, capsys):
    ervaring.codes_create(steunpunt=steunpunt, today=datetime.date(2020, 1, 1))
    call_command("purge_meldingen")
    assert "1 verlopen ervaringscode(s) verwijderd" in capsys.readouterr().out
    assert not ErvaringCode.objects.exists()
