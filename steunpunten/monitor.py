"""OCW's monitor: what the steunpunten record and hear, per quarter, nationally and per place.

One dataset for the page /overzicht/monitor/ and the XLSX sheets alike. National figures show
every number; per province and per SWV every count goes through the one small-number rule
(kleine_aantallen), with the national figure as the total the parts add up to, so a hidden
count cannot be worked out from it. Contacts are the recorded contacts plus the monthly totals;
a SWV counts the contacts of the steunpunten serving it (for its sector or both, as
tellingen.swv_contacts), a province those of the steunpunten serving one of its SWVs.
"""

import datetime
from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from . import ervaringscijfers as ec
from .kleine_aantallen import Aantal, Lijn, Niveau, suppress_cells
from .models import (
    MATCH_UITKOMSTEN,
    Contactregistratie,
    ContactThema,
    Ervaring,
    Maandtotaal,
    RegistratieSector,
    Samenwerkingsverband,
    Signaal,
    Steunpunt,
    Thema,
    first_of_quarter,
    kwartaal_label,
)
from .regio import PROVINCIE_CHOICES

# How many quarters the monitor shows over time.
KWARTALEN = 8


@dataclass(frozen=True)
class Contacten:
    """Contacts and matches tot steun of one place in one quarter (true counts)."""

    contacten: int = 0
    matches: int = 0

    def __add__(self, other: "Contacten") -> "Contacten":
        return Contacten(self.contacten + other.contacten, self.matches + other.matches)


@dataclass(frozen=True)
class Landelijk:
    """One quarter, nationally: every number shows."""

    kwartaal: datetime.date
    contacten: int
    matches: int
    swv_meldend: int  # SWVs for which at least one contact was recorded
    swv_totaal: int
    ervaring: ec.Uitslag

    @property
    def label(self) -> str:
        return kwartaal_label(self.kwartaal)

    @property
    def swv_procent(self) -> int:
        return round(100 * self.swv_meldend / self.swv_totaal) if self.swv_totaal else 0


@dataclass(frozen=True)
class Plaats:
    """One province or SWV in the chosen quarter, as it may show."""

    naam: str
    code: str
    contacten: Aantal
    matches: Aantal
    ervaring: ec.Uitslag


@dataclass(frozen=True)
class Monitor:
    kwartalen: tuple[datetime.date, ...]  # oldest first
    landelijk: tuple[Landelijk, ...]
    themas: tuple[tuple[Thema, tuple["Cel", ...]], ...]  # contacts per theme per quarter
    signalen: tuple[tuple[Thema, tuple["Cel", ...]], ...]  # signals per theme per quarter
    gekozen: datetime.date
    provincies: tuple[Plaats, ...]
    swvs: tuple[Plaats, ...]

    @property
    def gekozen_label(self) -> str:
        return kwartaal_label(self.gekozen)

    @property
    def labels(self) -> list[str]:
        return [kwartaal_label(k) for k in self.kwartalen]

    @property
    def keuzes(self) -> list[tuple[datetime.date, str]]:
        """The quarters to choose from, newest first."""
        return [(k, kwartaal_label(k)) for k in reversed(self.kwartalen)]


@dataclass(frozen=True)
class Cel:
    """One national count in a table over time, with its quarter's label."""

    kwartaal: str
    aantal: int


def quarters_until(kwartaal: datetime.date, aantal: int = KWARTALEN) -> tuple[datetime.date, ...]:
    """The `aantal` quarters up to and including this one, oldest first."""
    return tuple(reversed(ec.recent_quarters(kwartaal, aantal)))


def _quarter_filter(veld: str, kwartaal: datetime.date) -> Q:
    volgende = first_of_quarter(kwartaal + datetime.timedelta(days=93))
    return Q(**{f"{veld}__gte": kwartaal, f"{veld}__lt": volgende})


def _per_steunpunt(kwartaal: datetime.date) -> dict[tuple[int, str], Contacten]:
    """Per (steunpunt, sector) the quarter's contacts; monthly totals under sector ""."""
    uit: dict = defaultdict(Contacten)
    rows = (
        Contactregistratie.objects.filter(_quarter_filter("maand", kwartaal))
        .values_list("steunpunt_id", "sector")
        .annotate(n=Count("pk"), m=Count("pk", filter=Q(uitkomst__in=MATCH_UITKOMSTEN)))
    )
    for steunpunt, sector, n, m in rows:
        uit[steunpunt, sector] += Contacten(n, m)
    totalen = (
        Maandtotaal.objects.filter(_quarter_filter("maand", kwartaal))
        .values_list("steunpunt_id")
        .annotate(c=Sum("contacten"), m=Sum("matches"))
    )
    for steunpunt, c, m in totalen:
        uit[steunpunt, ""] += Contacten(c, m)
    return dict(uit)


def _serving() -> dict[int, list[tuple[int, str, str, str]]]:
    """Per steunpunt the SWVs it serves: (pk, code, sector, province)."""
    links = Steunpunt.samenwerkingsverbanden.through.objects.values_list(
        "steunpunt_id",
        "samenwerkingsverband_id",
        "samenwerkingsverband__code",
        "samenwerkingsverband__sector",
        "samenwerkingsverband__provincie",
    )
    serving: dict = defaultdict(list)
    for steunpunt, *swv in links:
        serving[steunpunt].append(tuple(swv))
    return serving


def contacts_per_place(kwartaal: datetime.date):
    """The quarter's contacts nationally, per SWV (by pk) and per province (by slug)."""
    per_steunpunt = _per_steunpunt(kwartaal)
    serving = _serving()
    per_swv: dict = defaultdict(Contacten)
    per_provincie: dict = defaultdict(Contacten)
    landelijk = Contacten()
    for (steunpunt, sector), telling in per_steunpunt.items():
        landelijk += telling
        swvs = serving.get(steunpunt, [])
        for pk, _code, swv_sector, _provincie in swvs:
            if sector in ("", RegistratieSector.BEIDE, swv_sector):
                per_swv[pk] += telling
        for provincie in {provincie for *_rest, provincie in swvs}:
            per_provincie[provincie] += telling
    return landelijk, dict(per_swv), dict(per_provincie)


def _suppressed_contacts(
    delen: Mapping[Hashable, Contacten], totaal: Contacten, niveau: Niveau
) -> dict[Hashable, tuple[Aantal, Aantal]]:
    """Contacts and matches per place, with the national total both add up to."""
    waarden = {("totaal", "c"): totaal.contacten, ("totaal", "m"): totaal.matches}
    for sleutel, telling in delen.items():
        waarden[sleutel, "c"] = telling.contacten
        waarden[sleutel, "m"] = telling.matches
    lijnen = [
        Lijn(tuple((s, "c") for s in delen), ("totaal", "c")),
        Lijn(tuple((s, "m") for s in delen), ("totaal", "m")),
    ]
    shown = suppress_cells(waarden, lijnen, niveau=niveau)
    return {s: (shown[s, "c"], shown[s, "m"]) for s in delen}


def _feedback_per_place(kwartaal: datetime.date, per: str) -> dict[Hashable, ec.Telling]:
    per_maand = ec.tellingen(Ervaring.objects.filter(_quarter_filter("maand", kwartaal)), per=per)
    return {groep: telling for (groep, _k), telling in ec.per_kwartaal(per_maand).items()}


def _national_feedback(kwartalen) -> dict[datetime.date, ec.Telling]:
    per_maand = ec.tellingen(Ervaring.objects.filter(maand__gte=kwartalen[0]))
    return {k: telling for (_g, k), telling in ec.per_kwartaal(per_maand).items()}


def national_rows(kwartalen) -> tuple[Landelijk, ...]:
    totaal_swv = Samenwerkingsverband.objects.count()
    feedback = _national_feedback(kwartalen)
    shown = ec.uitslagen(
        {k: feedback.get(k, ec.Telling()) for k in kwartalen}, niveau=Niveau.LANDELIJK
    )
    rows = []
    for kwartaal in kwartalen:
        landelijk, per_swv, _per_provincie = contacts_per_place(kwartaal)
        meldend = sum(1 for telling in per_swv.values() if telling.contacten)
        rows.append(
            Landelijk(
                kwartaal,
                landelijk.contacten,
                landelijk.matches,
                meldend,
                totaal_swv,
                shown[kwartaal],
            )
        )
    return tuple(rows)


def themes_over_time(kwartalen) -> tuple[tuple[Thema, tuple["Cel", ...]], ...]:
    """Nationally: contacts per theme per quarter (recorded contacts and monthly totals)."""
    tellen: dict = defaultdict(int)
    rows = (
        ContactThema.objects.filter(contact__maand__gte=kwartalen[0])
        .values_list("thema_id", "contact__maand")
        .annotate(n=Count("pk"))
    )
    for thema, maand, n in rows:
        tellen[thema, first_of_quarter(maand)] += n
    totalen = (
        Maandtotaal.objects.filter(maand__gte=kwartalen[0])
        .values_list("thema_id", "maand")
        .annotate(c=Sum("contacten"))
    )
    for thema, maand, c in totalen:
        tellen[thema, first_of_quarter(maand)] += c
    return _per_theme(tellen, kwartalen)


def signals_over_time(kwartalen) -> tuple[tuple[Thema, tuple["Cel", ...]], ...]:
    """Nationally: how many steunpunten marked each theme as a signal, per quarter."""
    rows = (
        Signaal.objects.filter(kwartaal__gte=kwartalen[0])
        .values_list("thema_id", "kwartaal")
        .annotate(n=Count("pk"))
    )
    return _per_theme({(t, k): n for t, k, n in rows}, kwartalen)


def _per_theme(tellen: Mapping, kwartalen) -> tuple[tuple[Thema, tuple[Cel, ...]], ...]:
    gebruikt = {thema for thema, _k in tellen}
    themas = Thema.objects.filter(Q(actief=True) | Q(pk__in=gebruikt))
    return tuple(
        (t, tuple(Cel(kwartaal_label(k), tellen.get((t.pk, k), 0)) for k in kwartalen))
        for t in themas
    )


def places(kwartaal: datetime.date) -> tuple[tuple[Plaats, ...], tuple[Plaats, ...]]:
    """Per province and per SWV in one quarter, through the small-number rule."""
    landelijk, per_swv, per_provincie = contacts_per_place(kwartaal)
    feedback_totaal = _national_feedback((kwartaal,)).get(kwartaal, ec.Telling())
    provincies = [slug for slug, _naam in PROVINCIE_CHOICES]
    contacten = _suppressed_contacts(
        {p: per_provincie.get(p, Contacten()) for p in provincies}, landelijk, Niveau.PROVINCIE
    )
    feedback = _feedback_per_place(kwartaal, "steunpunt__samenwerkingsverbanden__provincie")
    ervaring = ec.uitslagen(
        {p: feedback.get(p, ec.Telling()) for p in provincies},
        totaal=feedback_totaal,
        niveau=Niveau.PROVINCIE,
        per_keuze=False,
    )
    per_provincie_rows = tuple(
        Plaats(naam, slug, *contacten[slug], ervaring[slug]) for slug, naam in PROVINCIE_CHOICES
    )
    swvs = list(Samenwerkingsverband.objects.order_by("code"))
    contacten = _suppressed_contacts(
        {s.pk: per_swv.get(s.pk, Contacten()) for s in swvs}, landelijk, Niveau.SWV
    )
    feedback = _feedback_per_place(kwartaal, "steunpunt__samenwerkingsverbanden")
    ervaring = ec.uitslagen(
        {s.pk: feedback.get(s.pk, ec.Telling()) for s in swvs},
        totaal=feedback_totaal,
        niveau=Niveau.SWV,
        per_keuze=False,
    )
    per_swv_rows = tuple(
        Plaats(s.naam, s.leesbare_code, *contacten[s.pk], ervaring[s.pk]) for s in swvs
    )
    return per_provincie_rows, per_swv_rows


def build_monitor(*, today: datetime.date, kwartaal: datetime.date | None = None) -> Monitor:
    """The whole monitor: the last KWARTALEN quarters, and places in the chosen quarter."""
    kwartalen = quarters_until(first_of_quarter(today))
    gekozen = kwartaal if kwartaal in kwartalen else kwartalen[-1]
    provincies, swvs = places(gekozen)
    return Monitor(
        kwartalen,
        national_rows(kwartalen),
        themes_over_time(kwartalen),
        signals_over_time(kwartalen),
        gekozen,
        provincies,
        swvs,
    )
