"""The old free-text hours read into slots (issue 25): a table of texts, read or refused."""

import pytest

from steunpunten.tijdtekst import Slot, parse_openingstijden

MA_DO = [0, 1, 2, 3]
MA_VR = [0, 1, 2, 3, 4]


def slots(dagen, *spannen):
    return sorted(Slot(dag, van, tot) for dag in dagen for van, tot in spannen)


GELEZEN = [
    ("ma t/m do 9.00–12.30", slots(MA_DO, (540, 750))),
    ("ma en wo 9.00-11.00", slots([0, 2], (540, 660))),
    ("maandag tot en met vrijdag van 9:00 tot 17:00 uur", slots(MA_VR, (540, 1020))),
    ("maandag tot en met donderdag, 9.00 tot 16.00 uur", slots(MA_DO, (540, 960))),
    ("woensdag 13.00 tot 15.00 uur", slots([2], (780, 900))),
    ("ma-vr 9-17", slots(MA_VR, (540, 1020))),
    ("Ma t/m Vr: 9.00 - 12.30 uur", slots(MA_VR, (540, 750))),
    ("ma, di en do 9.00-12.00 en 13.00-16.00", slots([0, 1, 3], (540, 720), (780, 960))),
    ("ma 9.00-12.00; wo 13.00-15.00", slots([0], (540, 720)) + slots([2], (780, 900))),
    ("werkdagen 9.00-17.00 uur", slots(MA_VR, (540, 1020))),
    ("di 19.00-24.00", slots([1], (1140, 1440))),
    ("dinsdag & donderdag 10.00–14.00", slots([1, 3], (600, 840))),
]

GEWEIGERD = [
    "",
    "op afspraak",
    "9.00-17.00",  # which days?
    "ma t/m vr",  # which hours?
    "ma 9-12, ma 11-13",  # overlapping
    "dinsdag 10-12 uur (nieuw)",
    "ma t/m vr 9.00-17.00, behalve in de schoolvakanties",
    "elke eerste woensdag van de maand 13.00-15.00",
    "ma 12.00-9.00",  # end before start
    "ma 9.75-10.00",  # no such time
    "ma 9.00-25.00",
    "vr t/m ma 9.00-12.00",  # a range that runs backwards
    "'s ochtends bereikbaar",
    "ma t/m vr 9.00-17.00 (even weken)",
]


@pytest.mark.parametrize(("tekst", "verwacht"), GELEZEN)
def test_unambiguous_texts_become_slots(tekst, verwacht):
    assert parse_openingstijden(tekst) == verwacht


@pytest.mark.parametrize("tekst", GEWEIGERD)
def test_anything_unclear_is_left_as_text(tekst):
    assert parse_openingstijden(tekst) is None
