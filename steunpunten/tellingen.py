"""A steunpunt's or SWV's own counts per month and quarter, always through kleine_aantallen.

Counted are the recorded contacts and the monthly totals together. A contact about two themes
counts under both, so the contacts of a month are fewer than the sum of its themes; the
suppression treats the total as a sum anyway, which only hides more. For a SWV: the contacts
of the steunpunten that serve it, for its sector or both sectors; monthly totals carry no
sector and count for every SWV of their steunpunt.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from .kleine_aantallen import Niveau, Rij, Tabel, suppress_row, suppress_table
from .models import (
    MATCH_UITKOMSTEN,
    Contactregistratie,
    ContactThema,
    Maandtotaal,
    RegistratieSector,
    Samenwerkingsverband,
    Steunpunt,
    Thema,
    first_of_month,
    first_of_quarter,
)


@dataclass(frozen=True)
class Kwartaaloverzicht:
    """One quarter: contacts per theme and month, and matches tot steun per month."""

    kwartaal: datetime.date
    maanden: tuple[datetime.date, ...]
    themas: tuple[Thema, ...]
    contacten: Tabel  # rows: themes; columns: months; column totals: all contacts per month
    matches: Rij  # per month, with the quarter's total

    @property
    def rijen(self):
        """(thema, cells, quarter total) per theme, for templates."""
        return [
            (thema, cellen, totaal)
            for thema, cellen, totaal in zip(
                self.themas, self.contacten.cellen, self.contacten.rijtotalen, strict=True
            )
        ]


def quarter_months(kwartaal: datetime.date) -> tuple[datetime.date, ...]:
    start = first_of_quarter(kwartaal)
    return tuple(start.replace(month=start.month + i) for i in range(3))


def previous_quarter(kwartaal: datetime.date) -> datetime.date:
    return first_of_quarter(first_of_quarter(kwartaal) - datetime.timedelta(days=1))


def next_quarter(kwartaal: datetime.date) -> datetime.date:
    return first_of_quarter(first_of_quarter(kwartaal) + datetime.timedelta(days=93))


def _overview(
    contacts: QuerySet[Contactregistratie],
    totals: QuerySet[Maandtotaal],
    kwartaal: datetime.date,
    niveau: Niveau,
) -> Kwartaaloverzicht:
    maanden = quarter_months(kwartaal)
    contacts = contacts.filter(maand__in=maanden)
    totals = totals.filter(maand__in=maanden)
    per_cel: dict[tuple[int, datetime.date], int] = {}
    per_thema = (
        ContactThema.objects.filter(contact__in=contacts.values("pk"))
        .values_list("thema_id", "contact__maand")
        .annotate(n=Count("pk"))
    )
    for thema_id, maand, n in per_thema:
        per_cel[thema_id, maand] = per_cel.get((thema_id, maand), 0) + n
    per_maand = dict.fromkeys(maanden, 0)
    matches = dict.fromkeys(maanden, 0)
    for maand, n, m in contacts.values_list("maand").annotate(
        n=Count("pk"), m=Count("pk", filter=Q(uitkomst__in=MATCH_UITKOMSTEN))
    ):
        per_maand[maand] += n
        matches[maand] += m
    for thema_id, maand, c, m in totals.values_list("thema_id", "maand").annotate(
        c=Sum("contacten"), m=Sum("matches")
    ):
        per_cel[thema_id, maand] = per_cel.get((thema_id, maand), 0) + c
        per_maand[maand] += c
        matches[maand] += m
    gebruikt = {thema_id for thema_id, _maand in per_cel}
    themas = tuple(Thema.objects.filter(Q(actief=True) | Q(pk__in=gebruikt)))
    cellen = [[per_cel.get((thema.pk, maand), 0) for maand in maanden] for thema in themas]
    tabel = suppress_table(
        cellen, niveau=niveau, kolomtotalen=[per_maand[maand] for maand in maanden]
    )
    return Kwartaaloverzicht(
        first_of_quarter(kwartaal),
        maanden,
        themas,
        tabel,
        suppress_row([matches[maand] for maand in maanden], niveau=niveau),
    )


def steunpunt_overview(steunpunt: Steunpunt, kwartaal: datetime.date) -> Kwartaaloverzicht:
    """The steunpunt's own counts of a quarter (below national level: suppressed)."""
    return _overview(
        Contactregistratie.objects.filter(steunpunt=steunpunt),
        Maandtotaal.objects.filter(steunpunt=steunpunt),
        kwartaal,
        Niveau.STEUNPUNT,
    )


def swv_contacts(swv: Samenwerkingsverband) -> QuerySet[Contactregistratie]:
    """The contacts that count for a SWV: its steunpunten's, for its sector or both."""
    return Contactregistratie.objects.filter(
        steunpunt__in=swv.steunpunten.values("pk"),
        sector__in=[swv.sector, RegistratieSector.BEIDE],
    )


def swv_overview(swv: Samenwerkingsverband, kwartaal: datetime.date) -> Kwartaaloverzicht:
    """A SWV's counts of a quarter (below national level: suppressed)."""
    return _overview(
        swv_contacts(swv),
        Maandtotaal.objects.filter(steunpunt__in=swv.steunpunten.values("pk")),
        kwartaal,
        Niveau.SWV,
    )


def this_quarter(today: datetime.date) -> datetime.date:
    return first_of_quarter(first_of_month(today))
