"""The nearest steunpunten: bounding boxes in SQL first, geodesic distances (geopy) after.

`find_nearby` and `find_nearby_naive` give identical lists (ties broken by primary key); the
benchmark compares their speed on many synthetic steunpunten.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from .geo import bbox_around, distance_km
from .models import Steunpunt

NEARBY_LIMIT = 5
# Radii of the bounding boxes tried one after another; beyond the last, a full scan.
RADII_KM = (10.0, 25.0, 50.0, 100.0, 200.0)


@dataclass(frozen=True)
class Nabij:
    """A steunpunt (by primary key) and its distance from the search point."""

    pk: int
    afstand_km: float


def find_nearby(
    lat: float,
    lon: float,
    limit: int = NEARBY_LIMIT,
    *,
    queryset: QuerySet | None = None,
    exclude: set[int] | frozenset[int] = frozenset(),
) -> list[Nabij]:
    """The nearest published steunpunten, using growing bounding boxes in SQL before geopy."""
    return nearest(_candidates(queryset, exclude), lat, lon, limit)


def find_nearby_naive(
    lat: float,
    lon: float,
    limit: int = NEARBY_LIMIT,
    *,
    queryset: QuerySet | None = None,
    exclude: set[int] | frozenset[int] = frozenset(),
) -> list[Nabij]:
    """The same answer as find_nearby by measuring the distance to every row (for comparison)."""
    rows = (
        _candidates(queryset, exclude)
        .filter(lat__isnull=False, lon__isnull=False)
        .values_list("pk", "lat", "lon")
    )
    return _ranked(rows, lat, lon)[:limit]


def _candidates(queryset: QuerySet | None, exclude) -> QuerySet:
    """The published steunpunten (or the given queryset) without the excluded ones."""
    queryset = Steunpunt.objects.published() if queryset is None else queryset
    return queryset.exclude(pk__in=exclude) if exclude else queryset


def nearest(queryset: QuerySet, lat: float, lon: float, limit: int) -> list[Nabij]:
    """The `limit` rows of any queryset with lat/lon nearest to the point, via growing boxes."""
    # A row inside the box but farther than the radius may be beaten by one outside the box,
    # so only rows within the radius are certain; with `limit` of them the answer is final.
    for radius in RADII_KM:
        box = bbox_around(lat, lon, radius)
        rows = queryset.filter(
            lat__gte=box.min_lat, lat__lte=box.max_lat, lon__gte=box.min_lon, lon__lte=box.max_lon
        ).values_list("pk", "lat", "lon")
        ranked = _ranked(rows, lat, lon)
        certain = [nabij for nabij in ranked if nabij.afstand_km <= radius]
        if len(certain) >= limit:
            return certain[:limit]
    rows = queryset.filter(lat__isnull=False, lon__isnull=False).values_list("pk", "lat", "lon")
    return _ranked(rows, lat, lon)[:limit]


def _ranked(rows, lat: float, lon: float) -> list[Nabij]:
    found = [Nabij(pk, distance_km((lat, lon), (r_lat, r_lon))) for pk, r_lat, r_lon in rows]
    found.sort(key=lambda nabij: (nabij.afstand_km, nabij.pk))
    return found
