"""The one definition of "a SWV has a steunpunt", and the totals built on it.

A SWV *has a steunpunt* when at least one published, active steunpunt serves it. The public
pages, the overview, the exports and the peilingen all ask this module, never the models directly.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet, TextChoices
from django.utils.translation import gettext_lazy as _

from .models import Samenwerkingsverband, Steunpunt, SteunpuntStatus
from .regio import Sector


class Dekking(TextChoices):
    """A SWV's coverage status, as the overview and the peilingen show it."""

    ACTIEF = "actief", _("steunpunt actief")
    IN_OPRICHTING = "in_oprichting", _("steunpunt in oprichting")
    GEEN = "geen", _("geen steunpunt")


def counting_steunpunten() -> QuerySet[Steunpunt]:
    """The steunpunten that make a SWV covered: published and active."""
    return Steunpunt.objects.filter(gepubliceerd=True, status=SteunpuntStatus.ACTIEF)


def with_coverage(queryset: QuerySet[Samenwerkingsverband] | None = None) -> QuerySet:
    """Annotate SWVs with `heeft_steunpunt` and `in_oprichting` (both booleans, in SQL)."""
    queryset = Samenwerkingsverband.objects.all() if queryset is None else queryset
    founding = Steunpunt.objects.filter(gepubliceerd=True, status=SteunpuntStatus.IN_OPRICHTING)
    return queryset.annotate(
        heeft_steunpunt=Exists(
            counting_steunpunten().filter(samenwerkingsverbanden=OuterRef("pk"))
        ),
        in_oprichting=Exists(founding.filter(samenwerkingsverbanden=OuterRef("pk"))),
    )


def has_steunpunt(swv: Samenwerkingsverband) -> bool:
    """True when at least one published, active steunpunt serves this SWV."""
    return counting_steunpunten().filter(samenwerkingsverbanden=swv).exists()


def status_of(swv) -> str:
    """The Dekking of a SWV annotated by with_coverage()."""
    if swv.heeft_steunpunt:
        return Dekking.ACTIEF
    if swv.in_oprichting:
        return Dekking.IN_OPRICHTING
    return Dekking.GEEN


@dataclass(frozen=True)
class Totalen:
    """Coverage counts: all SWVs and per sector."""

    totaal: int
    met_steunpunt: int
    po_totaal: int
    po_met_steunpunt: int
    vo_totaal: int
    vo_met_steunpunt: int


def totals(queryset: QuerySet[Samenwerkingsverband] | None = None) -> Totalen:
    """Count SWVs and covered SWVs, overall and per sector, in one query."""
    rows = list(with_coverage(queryset).values_list("sector", "heeft_steunpunt"))
    po = [covered for sector, covered in rows if sector == Sector.PO]
    vo = [covered for sector, covered in rows if sector == Sector.VO]
    return Totalen(
        totaal=len(rows),
        met_steunpunt=sum(1 for _sector, covered in rows if covered),
        po_totaal=len(po),
        po_met_steunpunt=sum(po),
        vo_totaal=len(vo),
        vo_met_steunpunt=sum(vo),
    )
