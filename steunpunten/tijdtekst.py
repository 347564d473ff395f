"""Read opening hours written as text ("ma t/m do 9.00–12.30") into weekly slots. Pure.

`parse_openingstijden(tekst)` gives the slots only when the text is unambiguous: days, then
one or more time spans, in groups ("ma en wo 9.00-11.00; vr 13.00-15.00"). Any word it does
not know ("op afspraak", "even weken", "behalve", "ook"), a time without a day, a day
without a time, an end before its start or overlapping slots make it give None: the text is
then kept and staff are asked to enter the hours again (steunpunten/tijden_uit_tekst.py).
"""

import re
from typing import NamedTuple

DAG = 24 * 60

DAGEN = {
    "ma": 0,
    "maa": 0,
    "maan": 0,
    "maandag": 0,
    "maandags": 0,
    "di": 1,
    "din": 1,
    "dins": 1,
    "dinsdag": 1,
    "dinsdags": 1,
    "wo": 2,
    "woe": 2,
    "woens": 2,
    "woensdag": 2,
    "woensdags": 2,
    "do": 3,
    "don": 3,
    "dond": 3,
    "donderdag": 3,
    "donderdags": 3,
    "vr": 4,
    "vrij": 4,
    "vrijdag": 4,
    "vrijdags": 4,
    "za": 5,
    "zat": 5,
    "zaterdag": 5,
    "zaterdags": 5,
    "zo": 6,
    "zon": 6,
    "zondag": 6,
    "zondags": 6,
}
WERKDAGEN = ("werkdagen", "werkdag", "doordeweeks")

# Words that carry no meaning here ("van 9 tot 12 uur", "op maandag", "open", "bereikbaar").
STOPWOORDEN = frozenset(
    {"van", "uur", "u", "op", "open", "geopend", "bereikbaar", "telefonisch", "s"}
)
TOT_EN_MET = "tm"
TOT = "tot"
EN = "en"

_TOKEN = re.compile(
    r"""
    (?P<tijd>\d{1,2}[.:h]\d{2})(?:u(?:ur)?)?  # 9.00, 09:30, 9h30, 9.00u
    | (?P<uur>\d{1,2})(?:u(?:ur)?)?(?![\d])  # 9, 17u (a bare hour; only inside a span)
    | (?P<woord>[a-z]+)
    | (?P<streep>-)
    | (?P<scheiding>[,;/]|[.:](?!\d))
    """,
    re.VERBOSE,
)


class Slot(NamedTuple):
    """A weekly slot read from text: weekday (0 = Monday), minutes from and to."""

    weekdag: int
    van: int
    tot: int


def _normaliseer(tekst: str) -> str:
    tekst = (tekst or "").lower()
    for streep in ("–", "—", "‒", "−"):
        tekst = tekst.replace(streep, "-")
    tekst = re.sub(r"\bt\s*/\s*m\b", " tm ", tekst)
    tekst = re.sub(r"\btot\s+en\s+met\b", " tm ", tekst)
    tekst = tekst.replace("&", " en ").replace("'", " ").replace("’", " ")
    return tekst


def _tokens(tekst: str) -> list[tuple[str, object]] | None:
    """(kind, value) pairs: dag, tijd, uur, tm, tot, streep, en, sep; None on an unknown word."""
    tokens: list[tuple[str, object]] = []
    positie = 0
    tekst = _normaliseer(tekst)
    while positie < len(tekst):
        if tekst[positie].isspace():
            positie += 1
            continue
        match = _TOKEN.match(tekst, positie)
        if not match:
            return None
        positie = match.end()
        if match.group("tijd"):
            uren, minuten = (int(deel) for deel in re.split(r"[.:h]", match.group("tijd")))
            if minuten > 59 or uren > 24:
                return None
            tokens.append(("tijd", uren * 60 + minuten))
        elif match.group("uur"):
            tokens.append(("uur", int(match.group("uur")) * 60))
        elif match.group("streep"):
            tokens.append(("streep", "-"))
        elif match.group("scheiding"):
            tokens.append(("sep", match.group("scheiding")))
        else:
            woord = match.group("woord")
            if woord in DAGEN:
                tokens.append(("dag", DAGEN[woord]))
            elif woord in WERKDAGEN:
                tokens.extend([("dag", 0), ("tm", None), ("dag", 4)])
            elif woord == TOT_EN_MET:
                tokens.append(("tm", None))
            elif woord == TOT:
                tokens.append(("tot", None))
            elif woord == EN:
                tokens.append(("en", None))
            elif woord not in STOPWOORDEN:
                return None
    return tokens


def _tijd(token: tuple[str, object]) -> int | None:
    return token[1] if token[0] in ("tijd", "uur") else None  # type: ignore[return-value]


def parse_openingstijden(tekst: str) -> list[Slot] | None:
    """The weekly slots the text states, sorted; None when the text is not unambiguous."""
    tokens = _tokens(tekst)
    if not tokens:
        return None
    groepen: list[tuple[list[int], list[tuple[int, int]]]] = []
    dagen: list[int] = []
    tijden: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        soort, waarde = tokens[i]
        if soort == "dag":
            if tijden:  # a new group starts
                groepen.append((dagen, tijden))
                dagen, tijden = [], []
            volgende = tokens[i + 1 : i + 3]
            if (
                len(volgende) == 2
                and volgende[0][0] in ("tm", "tot", "streep")
                and volgende[1][0] == "dag"
            ):
                eerste, laatste = waarde, volgende[1][1]
                if laatste <= eerste:  # type: ignore[operator]
                    return None
                dagen.extend(range(eerste, laatste + 1))  # type: ignore[arg-type, operator]
                i += 3
                continue
            dagen.append(waarde)  # type: ignore[arg-type]
            i += 1
            continue
        if soort in ("tijd", "uur"):
            if not dagen:
                return None  # a time before any day
            volgende = tokens[i + 1 : i + 3]
            if len(volgende) < 2 or volgende[0][0] not in ("streep", "tot", "tm"):
                return None
            van, tot = _tijd(tokens[i]), _tijd(volgende[1])
            if van is None or tot is None:
                return None
            if not (0 <= van < DAG and 0 < tot <= DAG) or tot <= van:
                return None
            tijden.append((van, tot))
            i += 3
            continue
        if soort in ("en", "sep"):
            i += 1
            continue
        return None  # "tm", "tot" or a dash where no day or time range fits
    if not dagen or not tijden:
        return None
    groepen.append((dagen, tijden))
    slots: list[Slot] = []
    for groep_dagen, groep_tijden in groepen:
        if len(set(groep_dagen)) != len(groep_dagen):
            return None
        for dag in groep_dagen:
            for van, tot in groep_tijden:
                slots.append(Slot(dag, van, tot))
    slots.sort()
    for vorige, huidige in zip(slots, slots[1:], strict=False):
        if vorige.weekdag == huidige.weekdag and huidige.van < vorige.tot:
            return None  # overlapping slots: the text says something twice or unclearly
    return slots
