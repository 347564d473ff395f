"""The answers counted per period (steunpunten/ervaringscijfers.py): below national level no
count under 10 shows, and no hidden count follows from the totals shown beside it."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steunpunten import ervaringscijfers as ec
from steunpunten.ervaringscijfers import TOTAAL, Telling
from steunpunten.kleine_aantallen import DREMPEL, Niveau
from steunpunten.models import Ervaring
from tests.helpers import make_steunpunt

TODAY = datetime.date(2026, 11, 17)


def telling(weet: tuple[int, int, int], aanbevelen_ja: int, score: int = 4) -> Telling:
    aantal = sum(weet)
    per_score = tuple(aantal if s == score else 0 for s in range(1, 6))
    return Telling(aantal, per_score, weet, (aanbevelen_ja, aantal - aanbevelen_ja))


def tellingen_strategie(max_delen: int = 4):
    def bouw(weet, fractie):
        return telling(tuple(weet), round(sum(weet) * fractie))

    een = st.builds(bouw, st.lists(st.integers(0, 30), min_size=3, max_size=3), st.floats(0, 1))
    return st.lists(een, min_size=1, max_size=max_delen)


def zichtbare_getallen(uitslag):
    yield uitslag.aantal
    yield from uitslag.weet_verder
    yield from uitslag.aanbevelen


def lijnen(delen: dict, totaal_sleutel=TOTAAL):
    """(shown parts, total) per line that adds up on the page, as Aantal objects."""
    out = []
    for uitslag in delen.values():
        for vraag in ec.KEUZEVRAGEN:
            out.append((getattr(uitslag, vraag), uitslag.aantal))
    parts = [u for s, u in delen.items() if s != totaal_sleutel]
    if totaal_sleutel in delen and parts:
        totaal = delen[totaal_sleutel]
        out.append(([u.aantal for u in parts], totaal.aantal))
        for vraag, keuzes in ec.KEUZEVRAGEN.items():
            for i in range(len(keuzes)):
                out.append(([getattr(u, vraag)[i] for u in parts], getattr(totaal, vraag)[i]))
    return out


@settings(max_examples=150, deadline=None)
@given(delen=tellingen_strategie(), niveau=st.sampled_from(list(Niveau)[1:]))
def test_below_national_level_no_count_under_10_and_no_single_hidden_part(delen, niveau):
    parts = dict(enumerate(delen))
    totaal = sum(delen, Telling())
    shown = ec.uitslagen(parts, totaal=totaal, niveau=niveau)
    for uitslag in shown.values():
        for aantal in zichtbare_getallen(uitslag):
            assert aantal.waarde is None or aantal.waarde >= DREMPEL
        if not uitslag.getoond:
            assert uitslag.gemiddelde is None
        else:  # a mean only beside a number that shows
            assert not uitslag.aantal.verborgen
    for deel_aantallen, totaal_aantal in lijnen(shown):
        hidden = [a for a in deel_aantallen if a.verborgen]
        # A shown total with exactly one hidden part would give that part away.
        assert totaal_aantal.verborgen or len(hidden) != 1


@settings(max_examples=50, deadline=None)
@given(delen=tellingen_strategie())
def test_national_figures_show_everything(delen):
    shown = ec.uitslagen(
        dict(enumerate(delen)), totaal=sum(delen, Telling()), niveau=Niveau.LANDELIJK
    )
    for sleutel, uitslag in shown.items():
        bron = sum(delen, Telling()) if sleutel == TOTAAL else delen[sleutel]
        assert uitslag.aantal.waarde == bron.aantal
        assert [a.waarde for a in uitslag.weet_verder] == list(bron.weet_verder)


def test_a_period_shows_from_10_answers():
    shown = ec.uitslagen({"a": telling((6, 2, 1), 5)}, niveau=Niveau.SWV)["a"]
    assert not shown.getoond and shown.aantal.tekst == "minder dan 10"
    shown = ec.uitslagen({"a": telling((14, 12, 11), 20, score=5)}, niveau=Niveau.SWV)["a"]
    assert shown.getoond and shown.aantal.waarde == 37 and shown.gemiddelde == 5
    assert [a.waarde for a in shown.weet_verder] == [14, 12, 11]
    assert shown.procent("weet_verder", 0) == 38
    # A 0 alone would be known from the total: the next smallest hides with it.
    shown = ec.uitslagen({"a": telling((14, 12, 0), 20)}, niveau=Niveau.SWV)["a"]
    assert [a.waarde for a in shown.weet_verder] == [14, None, None]
    assert shown.procent("weet_verder", 0) == 54 and shown.procent("weet_verder", 1) is None


def test_quarters_and_months_of_a_steunpunt(db):
    steunpunt = make_steunpunt("PO2707", slug="cijfers")
    antwoorden = [(datetime.date(2026, 10, 1), 12), (datetime.date(2026, 11, 1), 3)]
    antwoorden += [(datetime.date(2026, 7, 1), 2)]
    for maand, aantal in antwoorden:
        Ervaring.objects.bulk_create(
            Ervaring(
                steunpunt=steunpunt, maand=maand, gesteund=4, weet_verder="ja", aanbevelen="ja"
            )
            for _ in range(aantal)
        )
    blokken = ec.steunpunt_results(steunpunt, today=TODAY, kwartalen=2)
    assert [b.label for b in blokken] == ["2026 K4", "2026 K3"]
    k4 = blokken[0]
    assert [m for m, _u in k4.maanden] == [datetime.date(2026, 10, 1), datetime.date(2026, 11, 1)]
    oktober, november = (u for _m, u in k4.maanden)
    assert k4.totaal.aantal.waarde == 15 and k4.totaal.getoond
    # October's 12 would give November's 3 away (15 - 12): both hide.
    assert oktober.aantal.verborgen and november.aantal.verborgen
    # October has 12 answers, but a mean beside its hidden number would tell it is 10 or more.
    assert not oktober.getoond and not november.getoond and oktober.gemiddelde is None
    assert not blokken[1].totaal.getoond


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 1, 5), [datetime.date(2026, 1, 1), datetime.date(2025, 10, 1)]),
        (datetime.date(2026, 12, 31), [datetime.date(2026, 10, 1), datetime.date(2026, 7, 1)]),
    ],
)
def test_recent_quarters(today, expected):
    assert ec.recent_quarters(today, 2) == expected
