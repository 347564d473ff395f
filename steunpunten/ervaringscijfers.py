"""The answers of "Voelde u zich gesteund?" counted per period, as staff and OCW may see them.

Counted in SQL per month (and per steunpunt, SWV or province when asked), added up per
quarter here, and shown only through the one small-number rule (kleine_aantallen): below
national level a period's results appear only from 10 answers, and any count under 10 (the
answers to a question per choice, the number of answers) shows as "minder dan 10", with the
secondary suppression that keeps it from being worked out from totals on the same page.
"""

import datetime
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from .kleine_aantallen import Aantal, Lijn, Niveau, enough_answers, suppress_cells
from .models import (
    Aanbevelen,
    Ervaring,
    GesteundScore,
    WeetVerder,
    first_of_quarter,
    kwartaal_label,
)

# The questions with choices whose counts are shown, in the order of the form.
KEUZEVRAGEN = {"weet_verder": tuple(WeetVerder.values), "aanbevelen": tuple(Aanbevelen.values)}
SCORES = tuple(GesteundScore.values)


@dataclass(frozen=True)
class Telling:
    """The true counts of some answers. Never shown as such: only through uitslagen()."""

    aantal: int = 0
    per_score: tuple[int, ...] = (0,) * len(SCORES)
    weet_verder: tuple[int, ...] = (0,) * len(WeetVerder.values)
    aanbevelen: tuple[int, ...] = (0,) * len(Aanbevelen.values)

    def __add__(self, other: "Telling") -> "Telling":
        def add(a, b):
            return tuple(x + y for x, y in zip(a, b, strict=True))

        return Telling(
            self.aantal + other.aantal,
            add(self.per_score, other.per_score),
            add(self.weet_verder, other.weet_verder),
            add(self.aanbevelen, other.aanbevelen),
        )

    @property
    def gemiddelde(self) -> float | None:
        """The mean of "gehoord en gesteund" (1 to 5), None without answers."""
        if not self.aantal:
            return None
        return sum(s * n for s, n in zip(SCORES, self.per_score, strict=True)) / self.aantal


@dataclass(frozen=True)
class Uitslag:
    """The results of one period (and place) as they may be shown."""

    aantal: Aantal
    getoond: bool  # enough answers to show anything but "minder dan 10"
    gemiddelde: float | None
    weet_verder: tuple[Aantal, ...]
    aanbevelen: tuple[Aantal, ...]

    def procent(self, vraag: str, index: int) -> int | None:
        """The share of one choice in whole per cent, when both counts are shown."""
        deel = getattr(self, vraag)[index].waarde
        if not self.getoond or deel is None or not self.aantal.waarde:
            return None
        return round(100 * deel / self.aantal.waarde)

    def cellen(self, vraag: str) -> list[tuple[Aantal, int | None]]:
        """Each choice of a question: its count as it may show, and its share when shown."""
        return [(n, self.procent(vraag, i)) for i, n in enumerate(getattr(self, vraag))]

    @property
    def weet_verder_cellen(self) -> list[tuple[Aantal, int | None]]:
        return self.cellen("weet_verder")

    @property
    def aanbevelen_cellen(self) -> list[tuple[Aantal, int | None]]:
        return self.cellen("aanbevelen")


def _annotations() -> dict:
    # distinct: an answer joined once per SWV of its steunpunt counts once per group.
    counts = {"aantal": Count("id", distinct=True)}
    counts |= {f"score_{s}": Count("id", distinct=True, filter=Q(gesteund=s)) for s in SCORES}
    for vraag, keuzes in KEUZEVRAGEN.items():
        counts |= {
            f"{vraag}_{k}": Count("id", distinct=True, filter=Q(**{vraag: k})) for k in keuzes
        }
    return counts


def _telling(row: dict) -> Telling:
    return Telling(
        row["aantal"],
        tuple(row[f"score_{s}"] for s in SCORES),
        *(tuple(row[f"{v}_{k}"] for k in keuzes) for v, keuzes in KEUZEVRAGEN.items()),
    )


def tellingen(
    ervaringen: QuerySet[Ervaring], *, per: str | None = None
) -> dict[tuple[Hashable, datetime.date], Telling]:
    """The counts per (group, month): `per` is a field path such as "steunpunt" or
    "steunpunt__samenwerkingsverbanden"; without it the group is None."""
    velden = ["maand", per] if per else ["maand"]
    rows = ervaringen.order_by().values(*velden).annotate(**_annotations())
    return {(row[per] if per else None, row["maand"]): _telling(row) for row in rows}


def per_kwartaal(
    per_maand: Mapping[tuple[Hashable, datetime.date], Telling],
) -> dict[tuple[Hashable, datetime.date], Telling]:
    """The same counts added up per (group, first day of the quarter)."""
    totalen: dict = defaultdict(Telling)
    for (groep, maand), telling in per_maand.items():
        totalen[groep, first_of_quarter(maand)] += telling
    return dict(totalen)


def _cellen(sleutel: Hashable, telling: Telling, per_keuze: bool) -> dict:
    cellen = {(sleutel, "aantal"): telling.aantal}
    for vraag in KEUZEVRAGEN if per_keuze else ():
        for i, n in enumerate(getattr(telling, vraag)):
            cellen[sleutel, vraag, i] = n
    return cellen


def _lijnen_binnen(sleutel: Hashable) -> list[Lijn]:
    """The choices of each question add up to the number of answers."""
    return [
        Lijn(tuple((sleutel, vraag, i) for i in range(len(keuzes))), (sleutel, "aantal"))
        for vraag, keuzes in KEUZEVRAGEN.items()
    ]


def _lijnen_over(delen: Iterable[Hashable], totaal: Hashable, per_keuze: bool) -> list[Lijn]:
    """Each count of the parts adds up to the same count of the total."""
    delen = tuple(delen)
    lijnen = [Lijn(tuple((d, "aantal") for d in delen), (totaal, "aantal"))]
    for vraag, keuzes in KEUZEVRAGEN.items() if per_keuze else ():
        lijnen += [
            Lijn(tuple((d, vraag, i) for d in delen), (totaal, vraag, i))
            for i in range(len(keuzes))
        ]
    return lijnen


TOTAAL = "totaal"


def uitslagen(
    delen: Mapping[Hashable, Telling],
    *,
    totaal: Telling | None = None,
    niveau: Niveau,
    per_keuze: bool = True,
) -> dict[Hashable, Uitslag]:
    """The results of each part (and of their total, under the key TOTAAL) as they may show.

    The parts are periods of one place (the months of a quarter, with the quarter as total) or
    places in one period (the provinces or SWVs, with the national figure as total). All counts
    go through one call of the small-number rule, with every line that adds up on the page.
    Without `per_keuze` only the number of answers and the mean show, not the count of each
    choice: for long lists of places (150 SWVs), whose full grid of choices would make the
    rule's exact check slow and show almost only "minder dan 10".
    """
    waarden: dict = {}
    lijnen: list[Lijn] = []
    alle = dict(delen) | ({TOTAAL: totaal} if totaal is not None else {})
    for sleutel, telling in alle.items():
        waarden |= _cellen(sleutel, telling, per_keuze)
        if per_keuze:
            lijnen += _lijnen_binnen(sleutel)
    if totaal is not None and delen:
        lijnen += _lijnen_over(delen, TOTAAL, per_keuze)
    getoond = suppress_cells(waarden, lijnen, niveau=niveau)
    return {
        sleutel: _uitslag(sleutel, telling, getoond, niveau, per_keuze)
        for sleutel, telling in alle.items()
    }


def _uitslag(sleutel, telling: Telling, getoond: Mapping, niveau: Niveau, per_keuze) -> Uitslag:
    aantal = getoond[sleutel, "aantal"]
    # Results show from enough answers, and only when the number itself shows: a mean beside
    # a number hidden to protect another would tell that this one is 10 or more.
    genoeg = enough_answers(telling.aantal, niveau=niveau) and not aantal.verborgen
    keuzes = {
        vraag: tuple(getoond[sleutel, vraag, i] for i in range(len(opties))) if per_keuze else ()
        for vraag, opties in KEUZEVRAGEN.items()
    }
    return Uitslag(
        aantal=aantal,
        getoond=genoeg,
        gemiddelde=telling.gemiddelde if genoeg else None,
        **keuzes,
    )


@dataclass(frozen=True)
class Kwartaalblok:
    """One quarter of one steunpunt: its months and the quarter, as they may show."""

    kwartaal: datetime.date
    maanden: tuple[tuple[datetime.date, Uitslag], ...]
    totaal: Uitslag

    @property
    def label(self) -> str:
        return kwartaal_label(self.kwartaal)


def recent_quarters(today: datetime.date, aantal: int) -> list[datetime.date]:
    """The first days of the last `aantal` quarters up to today's, newest first."""
    eerste = first_of_quarter(today)
    kwartalen = []
    for _ in range(aantal):
        kwartalen.append(eerste)
        eerste = first_of_quarter(eerste - datetime.timedelta(days=1))
    return kwartalen


def months_of(kwartaal: datetime.date, today: datetime.date) -> list[datetime.date]:
    """The months of a quarter up to today's month."""
    maanden = [kwartaal.replace(month=kwartaal.month + i) for i in range(3)]
    return [maand for maand in maanden if maand <= today]


def steunpunt_results(steunpunt, *, today: datetime.date, kwartalen: int = 4) -> list[Kwartaalblok]:
    """A steunpunt's answers per month and quarter for its own staff, newest quarter first."""
    per_maand = {
        maand: telling for (_groep, maand), telling in tellingen(steunpunt.ervaringen.all()).items()
    }
    blokken = []
    for kwartaal in recent_quarters(today, kwartalen):
        maanden = {maand: per_maand.get(maand, Telling()) for maand in months_of(kwartaal, today)}
        totaal = sum(maanden.values(), Telling())
        shown = uitslagen(maanden, totaal=totaal, niveau=Niveau.STEUNPUNT)
        blokken.append(Kwartaalblok(kwartaal, tuple((m, shown[m]) for m in maanden), shown[TOTAAL]))
    return blokken
