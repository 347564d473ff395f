"""Coverage counts built on the one rule of "a SWV has a steunpunt".

The rule itself is SamenwerkingsverbandQuerySet.with_coverage() (a published, active steunpunt
serves the SWV for its sector); the overview, the exports, the peilingen and the start pages
count with the functions here, never by a rule of their own.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from .models import Dekking, Samenwerkingsverband, Vermelding
from .regio import PROVINCIE_CHOICES, Sector, provincie_name

__all__ = [
    "Dekking",
    "Overzicht",
    "ProvincieTelling",
    "Telling",
    "Vermelding",
    "VermeldTelling",
    "count_statuses",
    "listing_overview",
    "overview",
]


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


def _count(rows, telling: type, provincie_telling: type, overzicht: type):
    """Count (sector, provincie, value) rows into the national, sector and province sums of
    `telling` (its plus(value) adds one SWV)."""

    def empty() -> dict:
        return {"alle": telling(), Sector.PO: telling(), Sector.VO: telling()}

    land = empty()
    per_provincie = {slug: empty() for slug, _name in PROVINCIE_CHOICES}
    for sector, provincie, value in rows:
        for counts in (land, per_provincie.setdefault(provincie, empty())):
            counts["alle"] = counts["alle"].plus(value)
            counts[sector] = counts[sector].plus(value)
    provincies = tuple(
        provincie_telling(slug, provincie_name(slug), c["alle"], c[Sector.PO], c[Sector.VO])
        for slug, c in per_provincie.items()
    )
    return overzicht(land["alle"], land[Sector.PO], land[Sector.VO], provincies)


def count_statuses(rows) -> Overzicht:
    """Count (sector, provincie, Dekking status) rows: the same sums for live data and peilingen."""
    return _count(rows, Telling, ProvincieTelling, Overzicht)


def coverage_rows(queryset: QuerySet[Samenwerkingsverband] | None = None) -> list[tuple]:
    """(sector, provincie, Dekking) for every SWV, in one query."""
    queryset = Samenwerkingsverband.objects.all() if queryset is None else queryset
    return list(queryset.with_coverage().values_list("sector", "provincie", "dekking"))


def overview() -> Overzicht:
    """The live national picture, built on the one rule."""
    return count_statuses(coverage_rows())


# --- What Vindplek lists now, by where the data comes from (issue 19) ---------------------


@dataclass(frozen=True)
class VermeldTelling:
    """How many SWVs a group has, and for how many Vindplek lists a steunpunt that their staff
    confirmed, one from a public source only, or nothing yet (Vermelding)."""

    totaal: int = 0
    bevestigd: int = 0
    openbare_bron: int = 0

    @property
    def niets(self) -> int:
        return self.totaal - self.bevestigd - self.openbare_bron

    def get(self, vermelding: str) -> int:
        """The count of one Vermelding value."""
        return {
            Vermelding.BEVESTIGD: self.bevestigd,
            Vermelding.OPENBARE_BRON: self.openbare_bron,
            Vermelding.NIETS: self.niets,
        }[vermelding]

    def plus(self, vermelding: str) -> "VermeldTelling":
        return VermeldTelling(
            self.totaal + 1,
            self.bevestigd + (vermelding == Vermelding.BEVESTIGD),
            self.openbare_bron + (vermelding == Vermelding.OPENBARE_BRON),
        )


@dataclass(frozen=True)
class ProvincieVermeldingen:
    provincie: str
    naam: str
    alle: VermeldTelling
    po: VermeldTelling
    vo: VermeldTelling


@dataclass(frozen=True)
class VermeldOverzicht:
    """What Vindplek lists now: overall, per sector and per province."""

    alle: VermeldTelling
    po: VermeldTelling
    vo: VermeldTelling
    provincies: tuple[ProvincieVermeldingen, ...]


def count_listings(rows) -> VermeldOverzicht:
    """Count (sector, provincie, Vermelding) rows into the national, sector and province sums."""
    return _count(rows, VermeldTelling, ProvincieVermeldingen, VermeldOverzicht)


def listing_rows(queryset: QuerySet[Samenwerkingsverband] | None = None) -> list[tuple]:
    """(sector, provincie, Vermelding) for every SWV, in one query (with_vermelding's rule)."""
    queryset = Samenwerkingsverband.objects.all() if queryset is None else queryset
    return list(queryset.with_vermelding().values_list("sector", "provincie", "vermelding"))


def listing_overview() -> VermeldOverzicht:
    """What Vindplek lists now, per sector and per province, built on the one rule."""
    return count_listings(listing_rows())
