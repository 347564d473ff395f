"""The reachability sentence (issue 25): a table of moments in Dutch and English, the week,
closures, holidays, the summer-time changes and the window in which the sentence holds."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from steunpunten.bereikbaarheid import (
    Dicht,
    Rooster,
    Tijdslot,
    Toestand,
    bereikbaar_nu,
    openingen,
    tijdvenster,
    uitzonderingen,
    week,
)
from steunpunten.models import BereikbaarheidStatus, KanaalSoort

TZ = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC


def uur(tekst: str) -> int:
    h, m = tekst.split(":")
    return int(h) * 60 + int(m)


# Monday to Thursday 9.00-12.30, Wednesday also 13.00-15.00, Sunday 20.00-24.00 (a late line);
# closed 21 December 2026 up to and including 3 January 2027 (kerstvakantie).
ROOSTER = Rooster(
    tijdslots=(
        *(Tijdslot(dag, uur("9:00"), uur("12:30")) for dag in range(4)),
        Tijdslot(2, uur("13:00"), uur("15:00")),
        Tijdslot(6, uur("20:00"), 24 * 60),
    ),
    dicht=(Dicht(datetime.date(2026, 12, 21), datetime.date(2027, 1, 3), "kerstvakantie"),),
)


def amsterdam(tekst: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(tekst).replace(tzinfo=TZ)


# (moment in Dutch time, Dutch sentence, English sentence, valid until in Dutch time)
MOMENTEN = [
    # Thursday 3 December 2026
    (
        "2026-12-03 08:59",
        "Vandaag nog bereikbaar vanaf 9.00 uur",
        "Open today from 9:00",
        "2026-12-03 09:00",
    ),
    ("2026-12-03 09:00", "Nu bereikbaar tot 12.30 uur", "Open now until 12:30", "2026-12-03 12:30"),
    ("2026-12-03 12:29", "Nu bereikbaar tot 12.30 uur", "Open now until 12:30", "2026-12-03 12:30"),
    # after the slot: Friday and Saturday closed, Sunday evening open
    (
        "2026-12-03 12:30",
        "Weer bereikbaar zondag om 20.00 uur",
        "Open again Sunday at 20:00",
        "2026-12-04 00:00",
    ),
    # Wednesday: between two slots, later the same day
    (
        "2026-12-02 12:45",
        "Vandaag nog bereikbaar vanaf 13.00 uur",
        "Open today from 13:00",
        "2026-12-02 13:00",
    ),
    ("2026-12-02 14:00", "Nu bereikbaar tot 15.00 uur", "Open now until 15:00", "2026-12-02 15:00"),
    # Saturday: tomorrow
    (
        "2026-12-05 10:00",
        "Weer bereikbaar morgen om 20.00 uur",
        "Open again tomorrow at 20:00",
        "2026-12-06 00:00",
    ),
    # late Sunday: open until midnight, then Monday
    ("2026-12-06 23:00", "Nu bereikbaar tot 24.00 uur", "Open now until 24:00", "2026-12-07 00:00"),
    (
        "2026-12-07 00:00",
        "Vandaag nog bereikbaar vanaf 9.00 uur",
        "Open today from 9:00",
        "2026-12-07 09:00",
    ),
    # on the closure: until the first slot after it (Sunday 3 January is still closed)
    (
        "2026-12-22 10:00",
        "Kerstvakantie: gesloten tot maandag 4 januari om 9.00 uur",
        "Kerstvakantie: closed until Monday 4 January at 9:00",
        "2026-12-23 00:00",
    ),
    (
        "2027-01-03 21:00",
        "Kerstvakantie: gesloten tot morgen om 9.00 uur".replace("tot morgen", "tot maandag"),
        "Kerstvakantie: closed until Monday at 9:00",
        "2027-01-04 00:00",
    ),
    # the day before the closure: the next opening is weeks away, so the date is named
    ("2026-12-20 23:59", "Nu bereikbaar tot 24.00 uur", "Open now until 24:00", "2026-12-21 00:00"),
    (
        "2026-12-17 13:00",
        "Weer bereikbaar zondag om 20.00 uur",
        "Open again Sunday at 20:00",
        "2026-12-18 00:00",
    ),
    # summer time starts on Sunday 29 March 2026 (2.00 -> 3.00): Monday 9.30 is 7.30 UTC
    ("2026-03-29 20:30", "Nu bereikbaar tot 24.00 uur", "Open now until 24:00", "2026-03-30 00:00"),
    ("2026-03-30 09:30", "Nu bereikbaar tot 12.30 uur", "Open now until 12:30", "2026-03-30 12:30"),
    (
        "2026-03-28 23:00",
        "Weer bereikbaar morgen om 20.00 uur",
        "Open again tomorrow at 20:00",
        "2026-03-29 00:00",
    ),
    # summer time ends on Sunday 25 October 2026 (3.00 -> 2.00)
    (
        "2026-10-25 01:30",
        "Vandaag nog bereikbaar vanaf 20.00 uur",
        "Open today from 20:00",
        "2026-10-25 20:00",
    ),
    ("2026-10-26 09:30", "Nu bereikbaar tot 12.30 uur", "Open now until 12:30", "2026-10-26 12:30"),
]


@pytest.mark.parametrize(("moment", "nl", "en", "geldig_tot"), MOMENTEN)
def test_the_sentence_for_a_table_of_moments(moment, nl, en, geldig_tot):
    antwoord = bereikbaar_nu(ROOSTER, amsterdam(moment))
    assert antwoord.zin == nl
    with translation.override("en"):
        assert antwoord.zin == en
    assert antwoord.geldig_tot == amsterdam(geldig_tot)


def test_summer_time_is_read_from_the_date_not_from_today():
    # Monday 30 March 2026, 7.30 UTC is 9.30 in summer time: open. A fixed +1 would say 8.30.
    antwoord = bereikbaar_nu(ROOSTER, datetime.datetime(2026, 3, 30, 7, 30, tzinfo=UTC))
    assert antwoord.open
    assert antwoord.tot == datetime.datetime(2026, 3, 30, 10, 30, tzinfo=UTC)
    # Friday 27 March (winter time) 9.00 is 8.00 UTC; Monday 30 March 9.00 is 7.00 UTC.
    spans = openingen(ROOSTER, datetime.date(2026, 3, 26), datetime.date(2026, 3, 30))
    assert spans[0][0] == datetime.datetime(2026, 3, 26, 8, 0, tzinfo=UTC)
    assert spans[-1][0] == datetime.datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    # 26 October (winter time again): 9.00 is 8.00 UTC
    oktober = openingen(ROOSTER, datetime.date(2026, 10, 26), datetime.date(2026, 10, 26))
    assert oktober == [
        (
            datetime.datetime(2026, 10, 26, 8, 0, tzinfo=UTC),
            datetime.datetime(2026, 10, 26, 11, 30, tzinfo=UTC),
        )
    ]


def test_a_school_holiday_closes_like_a_closure():
    rooster = Rooster(
        tijdslots=ROOSTER.tijdslots,
        dicht=(
            Dicht(
                datetime.date(2026, 10, 17),
                datetime.date(2026, 10, 25),
                "herfstvakantie",
                vakantie=True,
            ),
        ),
    )
    antwoord = bereikbaar_nu(rooster, amsterdam("2026-10-19 10:00"))
    assert antwoord.toestand == Toestand.GESLOTEN_TOT
    assert antwoord.zin == "Herfstvakantie: gesloten tot maandag 26 oktober om 9.00 uur"
    assert [d.reden for d in uitzonderingen(rooster, datetime.date(2026, 10, 1))] == [
        "herfstvakantie"
    ]
    assert uitzonderingen(rooster, datetime.date(2026, 10, 26)) == []


def test_a_long_wait_names_the_date():
    rooster = Rooster(
        tijdslots=(Tijdslot(0, uur("9:00"), uur("12:00"), geldig_van=datetime.date(2027, 2, 1)),)
    )
    antwoord = bereikbaar_nu(rooster, amsterdam("2027-01-12 10:00"))
    assert antwoord.zin == "Weer bereikbaar maandag 1 februari om 9.00 uur"
    with translation.override("en"):
        assert antwoord.zin == "Open again Monday 1 February at 9:00"


def test_temporarily_closed_status_wins_and_keeps_the_notice():
    rooster = Rooster(
        tijdslots=ROOSTER.tijdslots,
        status=BereikbaarheidStatus.GESLOTEN,
        melding="Tijdelijk gesloten tot 6 januari; bel tot dan Ouders & Onderwijs.",
    )
    antwoord = bereikbaar_nu(rooster, amsterdam("2026-12-03 10:00"))
    assert antwoord.zin == "Tijdelijk gesloten"
    assert antwoord.melding.startswith("Tijdelijk gesloten tot 6 januari")
    assert antwoord.geldig_tot is None
    with translation.override("en"):
        assert antwoord.zin == "Temporarily closed"


def test_no_hours_known_says_nothing():
    antwoord = bereikbaar_nu(Rooster(), amsterdam("2026-12-03 10:00"))
    assert not antwoord
    assert antwoord.zin == ""


def test_channels_follow_the_steunpunt_unless_they_have_their_own_hours():
    rooster = Rooster(
        tijdslots=(
            Tijdslot(3, uur("9:00"), uur("17:00")),
            Tijdslot(3, uur("13:00"), uur("15:00"), kanaal=KanaalSoort.INLOOP),
        )
    )
    moment = amsterdam("2026-12-03 10:00")  # a Thursday
    assert (
        bereikbaar_nu(rooster, moment, kanaal=KanaalSoort.TELEFOON).zin
        == "Nu bereikbaar tot 17.00 uur"
    )
    assert bereikbaar_nu(rooster, moment, kanaal=KanaalSoort.WHATSAPP).open
    assert (
        bereikbaar_nu(rooster, moment, kanaal=KanaalSoort.INLOOP).zin
        == "Vandaag nog bereikbaar vanaf 13.00 uur"
    )
    # e-mail is not bound to hours: nothing is said
    assert not bereikbaar_nu(rooster, moment, kanaal=KanaalSoort.EMAIL)


def test_the_week_in_words():
    regels = week(ROOSTER, datetime.date(2026, 12, 3))
    assert [r.naam for r in regels][:2] == ["Maandag", "Dinsdag"]
    assert regels[2].tekst == "9.00–12.30 en 13.00–15.00 uur"
    assert regels[4].tekst == "gesloten" and regels[4].gesloten
    assert regels[6].tekst == "20.00–24.00 uur"
    assert [r.vandaag for r in regels].index(True) == 3
    with translation.override("en"):
        assert [r.naam for r in regels][0] == "Monday"
        assert regels[2].tekst == "9:00–12:30 and 13:00–15:00"
        assert regels[5].tekst == "closed"


def test_slots_that_meet_are_one_span():
    rooster = Rooster(
        tijdslots=(Tijdslot(0, uur("9:00"), uur("12:00")), Tijdslot(0, uur("12:00"), uur("17:00")))
    )
    assert (
        bereikbaar_nu(rooster, amsterdam("2026-12-07 10:00")).zin == "Nu bereikbaar tot 17.00 uur"
    )


def test_the_window_holds_between_slot_edges_and_midnight():
    grenzen = {dag: (uur("9:00"), uur("12:30")) for dag in range(7)}
    begin, eind = tijdvenster(amsterdam("2026-12-03 10:00"), grenzen=grenzen)
    assert (begin, eind) == (amsterdam("2026-12-03 09:00"), amsterdam("2026-12-03 12:30"))
    begin, eind = tijdvenster(amsterdam("2026-12-03 20:00"), grenzen=grenzen)
    assert (begin, eind) == (amsterdam("2026-12-03 12:30"), amsterdam("2026-12-04 00:00"))
    # every sentence of the table holds for its whole window, and the window never outlasts it
    tabel = {
        dag: tuple(
            sorted(
                {s.van for s in ROOSTER.tijdslots if s.weekdag == dag}
                | {s.tot for s in ROOSTER.tijdslots if s.weekdag == dag and s.tot < 24 * 60}
            )
        )
        for dag in range(7)
    }
    for moment, *_rest in MOMENTEN:
        nu = amsterdam(moment)
        begin, eind = tijdvenster(nu, grenzen=tabel)
        assert begin <= nu < eind
        assert eind <= bereikbaar_nu(ROOSTER, nu).geldig_tot
        laatste = eind - datetime.timedelta(minutes=1)
        assert bereikbaar_nu(ROOSTER, laatste).zin == bereikbaar_nu(ROOSTER, nu).zin
