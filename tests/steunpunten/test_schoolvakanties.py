"""School holidays per region (issue 25): a beheerder enters them, a steunpunt that closes in
them follows its region's, and every other steunpunt stays open."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from beheer import editing
from steunpunten.bereikbaarheid import Toestand, bereikbaar_nu
from steunpunten.cache import current_version
from steunpunten.models import Schoolvakantie, Steunpunt, Tijdvak
from tests.helpers import make_staff, make_steunpunt

pytestmark = pytest.mark.django_db

MAANDAG = datetime.datetime(2026, 10, 19, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def met_tijden(slug: str, code: str, **velden) -> Steunpunt:
    steunpunt = make_steunpunt(code, slug=slug, telefoon="020 111 1111", **velden)
    for dag in range(5):
        Tijdvak.objects.create(
            steunpunt=steunpunt, weekdag=dag, van=datetime.time(9), tot=datetime.time(17)
        )
    return steunpunt


def test_only_a_beheerder_enters_holidays_and_the_version_moves_on(
    django_capture_on_commit_callbacks,
):
    vakantie = Schoolvakantie(
        regio="noord",
        schooljaar="2026-2027",
        naam="herfstvakantie",
        van=datetime.date(2026, 10, 17),
        tot=datetime.date(2026, 10, 25),
    )
    with pytest.raises(PermissionDenied):
        editing.reference_save(user=make_staff("swv", "PO2707"), obj=vakantie)
    voor = current_version()
    with django_capture_on_commit_callbacks(execute=True):
        editing.reference_save(user=make_staff("baas", role="beheerder"), obj=vakantie)
    assert current_version() > voor
    fout = Schoolvakantie(
        regio="noord", schooljaar="2026", naam="x", van=vakantie.tot, tot=vakantie.van
    )
    with pytest.raises(editing.InvalidError) as error:
        editing.reference_save(user=make_staff("baas2", role="beheerder"), obj=fout)
    assert set(error.value.errors) == {"schooljaar", "tot"}


def test_a_steunpunt_follows_the_holidays_of_its_region_only_when_it_closes_in_them():
    Schoolvakantie.objects.create(
        regio="noord",
        schooljaar="2026-2027",
        naam="herfstvakantie",
        van=datetime.date(2026, 10, 17),
        tot=datetime.date(2026, 10, 25),
    )
    dicht = met_tijden("dicht", "PO2707", vakantieregio="noord", dicht_in_schoolvakanties=True)
    open_ = met_tijden("open", "VO2708", vakantieregio="noord")  # the default: stays open
    zuid = met_tijden("zuid", "PO2201", vakantieregio="zuid", dicht_in_schoolvakanties=True)

    antwoord = bereikbaar_nu(Steunpunt.objects.get(pk=dicht.pk), MAANDAG)
    assert antwoord.toestand == Toestand.GESLOTEN_TOT
    assert antwoord.zin == "Herfstvakantie: gesloten tot maandag 26 oktober om 9.00 uur"
    assert bereikbaar_nu(Steunpunt.objects.get(pk=open_.pk), MAANDAG).open
    assert bereikbaar_nu(Steunpunt.objects.get(pk=zuid.pk), MAANDAG).open
