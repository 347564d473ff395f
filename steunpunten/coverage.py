"""The one definition of "a SWV has a steunpunt", and the totals built on it.

A SWV *has a steunpunt* when at least one published, active steunpunt serves it. The public
pages, the overview, the exports and the peilingen all ask this module, never the models directly.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet, TextChoices
from django.utils.translation import gettext_lazy as _

from .models import Samenwerkingsverband, Steunpunt, SteunpuntStatus
from .regio import PROVINCIE_CHOICES, Sector, provincie_name


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


def status_of(swv) -> str:
    """The Dekking of a SWV annotated by with_coverage()."""
    return _status(swv.heeft_steunpunt, swv.in_oprichting)


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


@dataclass(frozen=True)
class Telling:
    """How many SWVs a group has, and how many of them are covered or have one in oprichting."""

    totaal: int = 0
    met_steunpunt: int = 0
    in_oprichting: int = 0

    @property
    def zonder_steunpunt(self) -> int:
        return self.totaal - self.met_steunpunt - self.in_oprichting

    @property
    def percentage(self) -> int:
        return round(100 * self.met_steunpunt / self.totaal) if self.totaal else 0

    def plus(self, status: str) -> "Telling":
        """This count with one more SWV of the given Dekking status."""
        return Telling(
            self.totaal + 1,
            self.met_steunpunt + (status == Dekking.ACTIEF),
            self.in_oprichting + (status == Dekking.IN_OPRICHTING),
        )


@dataclass(frozen=True)
class ProvincieTelling:
    """The counts of one province: all its SWVs and per sector."""

    provincie: str
    naam: str
    alle: Telling
    po: Telling
    vo: Telling


@dataclass(frozen=True)
class Overzicht:
    """The national picture: counts overall, per sector and per province."""

    alle: Telling
    po: Telling
    vo: Telling
    provincies: tuple[ProvincieTelling, ...]

    def sector(self, sector: str) -> Telling:
        return self.po if sector == Sector.PO else self.vo


def count_statuses(rows) -> Overzicht:
    """Count (sector, provincie, Dekking status) rows: the same sums for live data and peilingen."""

    def empty() -> dict[str, Telling]:
        return {"alle": Telling(), Sector.PO: Telling(), Sector.VO: Telling()}

    land = empty()
    per_provincie = {slug: empty() for slug, _name in PROVINCIE_CHOICES}
    for sector, provincie, status in rows:
        for counts in (land, per_provincie.setdefault(provincie, empty())):
            counts["alle"] = counts["alle"].plus(status)
            counts[sector] = counts[sector].plus(status)
    provincies = tuple(
        ProvincieTelling(slug, provincie_name(slug), c["alle"], c[Sector.PO], c[Sector.VO])
        for slug, c in per_provincie.items()
    )
    return Overzicht(land["alle"], land[Sector.PO], land[Sector.VO], provincies)


def coverage_rows(queryset: QuerySet[Samenwerkingsverband] | None = None) -> list[tuple]:
    """(sector, provincie, Dekking status) for every SWV, in one query."""
    values = with_coverage(queryset).values_list(
        "sector", "provincie", "heeft_steunpunt", "in_oprichting"
    )
    return [
        (sector, provincie, _status(covered, founding))
        for sector, provincie, covered, founding in values
    ]


def _status(covered: bool, founding: bool) -> str:
    if covered:
        return Dekking.ACTIEF
    return Dekking.IN_OPRICHTING if founding else Dekking.GEEN


def overview() -> Overzicht:
    """The live national picture, built on the single definition above."""
    return count_statuses(coverage_rows())
