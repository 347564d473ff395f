"""Geography: the Netherlands' bounding box, distances, and the nearest points to a place.

No models here (models.py imports this module): the nearest search takes its points from the
caller (the search's in-memory index of published steunpunten).
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from geographiclib.geodesic import Geodesic


@dataclass(frozen=True)
class BBox:
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.min_lat <= lat <= self.max_lat and self.min_lon <= lon <= self.max_lon


# The European Netherlands with a small margin (Cadzand to Bad Nieuweschans, Eijsden to Rottumeroog).
NL_BBOX = BBox(min_lat=50.70, max_lat=53.60, min_lon=3.30, max_lon=7.25)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic distance between two (lat, lon) points in kilometres, on the WGS84 ellipsoid.

    The same computation as geopy's `distance` (which calls geographiclib), without building
    geopy's Point objects: a third less time for the few distances of every new answer."""
    return Geodesic.WGS84.Inverse(a[0], a[1], b[0], b[1], Geodesic.DISTANCE)["s12"] / 1000


# Kilometres per degree of latitude; a degree of longitude is this times cos(latitude).
KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON_AT_EQUATOR = 111.320


def flat_distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """A fast distance for short spans inside the Netherlands (equirectangular, < 0.5% off)."""
    mean_lat = math.radians((a[0] + b[0]) / 2)
    dy = (a[0] - b[0]) * KM_PER_DEGREE_LAT
    dx = (a[1] - b[1]) * KM_PER_DEGREE_LON_AT_EQUATOR * math.cos(mean_lat)
    return math.hypot(dx, dy)


def median_point(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The per-axis median of (lat, lon) points, or None when there are none."""
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    middle = len(points) // 2
    if len(points) % 2:
        return (lats[middle], lons[middle])
    return ((lats[middle - 1] + lats[middle]) / 2, (lons[middle - 1] + lons[middle]) / 2)


# --- The nearest points ------------------------------------------------------------------------

NEARBY_LIMIT = 5
# The great-circle distance differs from the geodesic one by well under 1% in the Netherlands;
# a candidate within twice that margin of the k-th great-circle distance may still rank.
_SPHERE_MARGIN = 1.02
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class NearbyPoint:
    """A point (by primary key) and its geodesic distance from the search point."""

    pk: int
    afstand_km: float


def find_nearby(
    points: Iterable[tuple[int, float, float]], lat: float, lon: float, limit: int = NEARBY_LIMIT
) -> list[NearbyPoint]:
    """The `limit` (pk, lat, lon) points nearest to the point, in memory; the same order as rank.

    The cheap great-circle distance picks the candidates, the geodesic one ranks them.
    """
    rough = sorted(
        (_great_circle_km(lat, lon, p_lat, p_lon), pk, p_lat, p_lon) for pk, p_lat, p_lon in points
    )
    if not rough:
        return []
    bound = rough[min(limit, len(rough)) - 1][0] * _SPHERE_MARGIN + 0.001
    candidates = [(pk, p_lat, p_lon) for d, pk, p_lat, p_lon in rough if d <= bound]
    return rank(candidates, lat, lon)[:limit]


def rank(rows: Iterable[tuple[int, float, float]], lat: float, lon: float) -> list[NearbyPoint]:
    """(pk, lat, lon) rows by geodesic distance from the point, then by pk."""
    found = [NearbyPoint(pk, distance_km((lat, lon), (r_lat, r_lon))) for pk, r_lat, r_lon in rows]
    found.sort(key=lambda point: (point.afstand_km, point.pk))
    return found


def _great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
