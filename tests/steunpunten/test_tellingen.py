"""A steunpunt's and SWV's counts (steunpunten/tellingen.py): who counts where, always suppressed."""

import datetime

import pytest

from steunpunten import registratie, tellingen
from steunpunten.kleine_aantallen import Niveau
from steunpunten.models import Maandtotaal, Samenwerkingsverband, Thema, Uitkomst
from tests.helpers import make_steunpunt

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 5, 20)


def record(steunpunt, sector: str, n: int, uitkomst=Uitkomst.STEUN) -> None:
    vervoer = Thema.objects.get(code="vervoer")
    for _i in range(n):
        registratie.contact_record(
            steunpunt=steunpunt,
            maand=datetime.date(2026, 4, 3),
            sector=sector,
            vrager="ouder",
            kanaal="telefoon",
            themas=[vervoer],
            uitkomst=uitkomst,
            today=TODAY,
        )


def vervoer_april(overzicht) -> object:
    rij = [t.code for t in overzicht.themas].index("vervoer")
    return overzicht.contacten.cellen[rij][0]


def unsuppressed(swv=None, steunpunt=None):
    """The raw counts (as at national level), to check what is counted where."""
    if swv is not None:
        contacts = tellingen.swv_contacts(swv)
        totals = Maandtotaal.objects.filter(steunpunt__in=swv.steunpunten.values("pk"))
    else:
        contacts = steunpunt.contactregistraties.all()
        totals = Maandtotaal.objects.filter(steunpunt=steunpunt)
    return tellingen._overview(contacts, totals, TODAY, Niveau.LANDELIJK)


def test_a_swv_counts_its_sector_and_both_sectors_of_its_steunpunten():
    steunpunt = make_steunpunt("PO2707", "VO2708", slug="beide-sectoren")
    record(steunpunt, "PO", 12)
    record(steunpunt, "VO", 11)
    record(steunpunt, "beide", 3)
    po = unsuppressed(swv=Samenwerkingsverband.objects.get(code="PO2707"))
    vo = unsuppressed(swv=Samenwerkingsverband.objects.get(code="VO2708"))
    assert vervoer_april(po).waarde == 15 and vervoer_april(vo).waarde == 14
    eigen = unsuppressed(steunpunt=steunpunt)
    assert vervoer_april(eigen).waarde == 26
    assert eigen.kwartaal == datetime.date(2026, 4, 1)
    assert eigen.matches.delen[0].waarde == 26  # every contact was steun geboden
    # Below national level the zeros of May and June and of the other themes are hidden, so
    # the one theme in April is hidden too: its total would give the zeros away.
    shown = tellingen.steunpunt_overview(steunpunt, TODAY)
    assert vervoer_april(shown).verborgen


def test_monthly_totals_add_to_the_recorded_contacts_and_small_counts_stay_hidden():
    steunpunt = make_steunpunt("PO2707", slug="eigen-totalen")
    record(steunpunt, "PO", 4, uitkomst=Uitkomst.INFORMATIE)
    overzicht = tellingen.steunpunt_overview(steunpunt, TODAY)
    assert vervoer_april(overzicht).verborgen and overzicht.matches.totaal.verborgen
    Maandtotaal.objects.create(
        steunpunt=steunpunt,
        maand=datetime.date(2026, 4, 1),
        thema=Thema.objects.get(code="vervoer"),
        contacten=20,
        matches=12,
    )
    overzicht = unsuppressed(steunpunt=steunpunt)
    assert vervoer_april(overzicht).waarde == 24
    assert overzicht.matches.delen[0].waarde == 12
    assert overzicht.contacten.kolomtotalen[0].waarde == 24


def test_a_month_not_begun_or_past_five_years_is_refused():
    steunpunt = make_steunpunt("PO2707", slug="te-laat")
    for maand in (datetime.date(2026, 6, 1), datetime.date(2021, 4, 1)):
        with pytest.raises(registratie.RegistratieError):
            registratie.contact_record(
                steunpunt=steunpunt,
                maand=maand,
                sector="PO",
                vrager="ouder",
                kanaal="telefoon",
                themas=[Thema.objects.get(code="vervoer")],
                uitkomst="steun",
                today=TODAY,
            )
