"""Peilingen: the shipped November 2023 survey, immutability, comparison and the command."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from steunpunten.coverage import Dekking, overview
from steunpunten.models import (
    Peiling,
    PeilingRegel,
    Samenwerkingsverband,
    Steunpunt,
    SteunpuntStatus,
)
from steunpunten.peilingen import (
    PeilingError,
    compare,
    current_stand,
    find_peiling,
    parse_peiling_datum,
    record_peiling,
    stand_for,
    stand_of,
)
from tests.helpers import make_steunpunt

pytestmark = pytest.mark.django_db

NOVEMBER_2023 = datetime.date(2023, 11, 1)


def test_november_2023_survey_is_shipped_with_only_its_total():
    """The peiling gave 127 of 150 and nothing more: no split, no statuses, no rows per SWV."""
    peiling = Peiling.objects.get(datum=NOVEMBER_2023)
    assert (peiling.aantal_met_steunpunt, peiling.aantal_swv) == (127, 150)
    assert not peiling.per_sector and not peiling.per_swv
    assert (peiling.po_totaal, peiling.po_met_steunpunt) == (None, None)
    assert (peiling.vo_totaal, peiling.vo_met_steunpunt) == (None, None)
    assert "alleen dit totaal" in peiling.omschrijving
    assert "voorbeeld" not in peiling.omschrijving
    assert peiling.regels.count() == 0
    stand = stand_of(peiling)
    assert not stand.per_swv and (stand.totaal.met_steunpunt, stand.totaal.totaal) == (127, 150)


@pytest.mark.realdata
def test_a_recorded_survey_holds_rows_per_swv_and_its_split():
    peiling = record_peiling(datum=datetime.date(2024, 3, 1))
    assert peiling.per_sector and peiling.per_swv
    assert (peiling.po_totaal, peiling.vo_totaal) == (76, 74)
    assert peiling.po_met_steunpunt + peiling.vo_met_steunpunt == peiling.aantal_met_steunpunt
    regels = peiling.regels.all()
    assert regels.count() == 150
    assert regels.filter(status=Dekking.ACTIEF).count() == peiling.aantal_met_steunpunt
    active = regels.filter(status=Dekking.ACTIEF).first()
    assert active.steunpunten and active.steunpunten[0]["pad"].startswith("/steunpunten/")
    assert stand_of(peiling).overzicht().alle.met_steunpunt == peiling.aantal_met_steunpunt


def test_shipped_survey_is_in_the_shipped_fixture_list():
    from steunpunten.shipped import SHIPPED_FIXTURES

    assert ("peilingen.json", "steunpunten.peiling steunpunten.peilingregel") in SHIPPED_FIXTURES
    # Loading the same fixture again changes nothing and is allowed.
    call_command("loaddata", str(settings.BASE_DIR / "fixtures" / "peilingen.json"), verbosity=0)
    assert Peiling.objects.filter(datum=NOVEMBER_2023).count() == 1


def test_a_recorded_survey_cannot_be_saved_again():
    peiling = record_peiling(datum=datetime.date(2024, 3, 1))
    recorded = peiling.aantal_met_steunpunt
    peiling.aantal_met_steunpunt = 150
    with pytest.raises(PeilingError):
        peiling.save()
    regel = peiling.regels.first()
    regel.status = Dekking.GEEN
    with pytest.raises(PeilingError):
        regel.save()
    peiling.refresh_from_db()
    assert peiling.aantal_met_steunpunt == recorded


@pytest.mark.realdata
def test_a_recorded_survey_cannot_be_deleted():
    peiling = record_peiling(datum=datetime.date(2024, 3, 1))
    attempts = [
        peiling.delete,
        Peiling.objects.all().delete,
        peiling.regels.first().delete,
        PeilingRegel.objects.filter(peiling=peiling).delete,
    ]
    for attempt in attempts:
        # Django deletes inside a transaction; the refusal rolls back just that one.
        with pytest.raises(PeilingError), transaction.atomic():
            attempt()
    assert peiling.regels.count() == 150


@pytest.mark.realdata
def test_later_edits_of_steunpunten_do_not_change_a_survey():
    covered = overview().alle.met_steunpunt
    peiling = record_peiling(datum=timezone.localdate(), omschrijving="test")
    regel = peiling.regels.filter(status=Dekking.ACTIEF).first()
    snapshot = list(regel.steunpunten)
    steunpunt = Steunpunt.objects.get(slug=snapshot[0]["pad"].split("/")[2])
    steunpunt.naam = "Een andere naam"
    steunpunt.gepubliceerd = False
    steunpunt.save()
    regel.refresh_from_db()
    assert regel.status == Dekking.ACTIEF
    assert regel.steunpunten == snapshot
    peiling.refresh_from_db()
    assert peiling.aantal_met_steunpunt == covered


def test_one_survey_per_date_and_none_in_the_future():
    with pytest.raises(PeilingError, match="al een peiling"):
        record_peiling(datum=NOVEMBER_2023)
    with pytest.raises(PeilingError, match="toekomst"):
        record_peiling(datum=timezone.localdate() + datetime.timedelta(days=1))


@pytest.mark.realdata
def test_comparison_lists_gained_and_lost():
    uncovered = (
        Samenwerkingsverband.objects.with_coverage()
        .filter(heeft_steunpunt=False, in_oprichting=False)
        .first()
    )
    lost = Steunpunt.objects.filter(status=SteunpuntStatus.ACTIEF, gepubliceerd=True).first()
    lost_codes = set(lost.samenwerkingsverbanden.values_list("code", flat=True))
    founding = Steunpunt.objects.filter(status=SteunpuntStatus.IN_OPRICHTING).first()
    founding_codes = set(founding.samenwerkingsverbanden.values_list("code", flat=True))

    before = stand_of(record_peiling(datum=datetime.date(2024, 3, 1)))
    make_steunpunt(uncovered.code)
    lost.gepubliceerd = False
    lost.save()
    founding.gepubliceerd = False
    founding.save()

    result = compare(before, current_stand())
    assert [w.code for w in result.gekregen] == [uncovered.code]
    assert result.gekregen[0].was == Dekking.GEEN and result.gekregen[0].wordt == Dekking.ACTIEF
    assert {w.code for w in result.verloren} == lost_codes
    assert {w.code for w in result.overig} == founding_codes
    assert all(w.wordt == Dekking.GEEN for w in result.overig)
    # The other way round, gained and lost swap.
    back = compare(current_stand(), before)
    assert {w.code for w in back.verloren} == {uncovered.code}
    assert {w.code for w in back.gekregen} == lost_codes


def test_comparing_a_survey_with_itself_finds_nothing():
    record_peiling(datum=datetime.date(2024, 3, 1))
    stand = stand_for("2024-03-01")
    result = compare(stand, stand)
    assert result.per_swv and result.gekregen == result.verloren == result.overig == []
    assert stand_for("nu").is_nu


def test_a_survey_with_only_its_total_compares_only_totals():
    """Who gained or lost since November 2023 cannot be known: nothing is made up."""
    make_steunpunt(
        Samenwerkingsverband.objects.without_steunpunt().first().code, slug="nieuw-steunpunt"
    )
    result = compare(stand_for("2023-11-01"), stand_for("nu"))
    assert not result.per_swv
    assert result.gekregen == result.verloren == result.overig == []
    assert result.van.totaal.met_steunpunt == 127
    assert result.verschil == current_stand().totaal.met_steunpunt - 127


@pytest.mark.parametrize("text", ["2023-11-01", "1-11-2023", " 2023-11-01 "])
def test_survey_dates_are_read_in_two_ways(text):
    assert parse_peiling_datum(text) == NOVEMBER_2023


@pytest.mark.parametrize("text", ["", "gisteren", "2023-02-30", "2023-13-01", "1-1-23"])
def test_bad_survey_dates_get_a_dutch_message(text):
    with pytest.raises(PeilingError, match="geen datum"):
        parse_peiling_datum(text)


def test_find_peiling_says_when_there_is_none():
    assert find_peiling("2023-11-01").datum == NOVEMBER_2023
    with pytest.raises(PeilingError, match="geen peiling van 01-01-2020"):
        find_peiling("2020-01-01")


@pytest.mark.realdata
def test_command_records_a_survey():
    out = io.StringIO()
    call_command("record_peiling", datum="2024-06-01", omschrijving="Juni", stdout=out)
    peiling = Peiling.objects.get(datum=datetime.date(2024, 6, 1))
    assert peiling.omschrijving == "Juni" and peiling.regels.count() == 150
    assert f"{peiling.aantal_met_steunpunt} van 150" in out.getvalue()
    with pytest.raises(CommandError, match="al een peiling"):
        call_command("record_peiling", datum="2024-06-01", stdout=io.StringIO())
    with pytest.raises(CommandError, match="geen datum"):
        call_command("record_peiling", datum="juni", stdout=io.StringIO())


def test_historic_survey_is_dated_to_its_day():
    peiling = record_peiling(datum=datetime.date(2022, 11, 1), historisch=True)
    assert peiling.aangemaakt.date() == datetime.date(2022, 11, 1)


def test_a_too_long_description_is_refused():
    with pytest.raises(PeilingError, match="hooguit 200 tekens"):
        record_peiling(datum=datetime.date(2024, 1, 1), omschrijving="x" * 201)
    assert not Peiling.objects.filter(datum=datetime.date(2024, 1, 1)).exists()


def test_command_records_a_survey_of_which_only_the_total_is_known():
    out = io.StringIO()
    call_command(
        "record_peiling", datum="2022-11-01", met_steunpunt=100, aantal_swv=150, stdout=out
    )
    peiling = Peiling.objects.get(datum=datetime.date(2022, 11, 1))
    assert (peiling.aantal_met_steunpunt, peiling.aantal_swv) == (100, 150)
    assert not peiling.per_sector and not peiling.per_swv
    assert peiling.aangemaakt.date() == datetime.date(2022, 11, 1)
    assert "100 van 150" in out.getvalue()
    with pytest.raises(CommandError, match="samen"):
        call_command("record_peiling", datum="2022-12-01", met_steunpunt=1, stdout=out)
    with pytest.raises(CommandError, match="tussen 0 en het totaal"):
        call_command(
            "record_peiling", datum="2022-12-01", met_steunpunt=151, aantal_swv=150, stdout=out
        )
    assert not Peiling.objects.filter(datum=datetime.date(2022, 12, 1)).exists()
