"""Geography: the Netherlands' bounding box, distances and bounding boxes around a point."""

import math
from dataclasses import dataclass

from geopy.distance import distance as geodesic_distance


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
    """Geodesic distance between two (lat, lon) points in kilometres."""
    return geodesic_distance(a, b).km


# Kilometres per degree of latitude; a degree of longitude is this times cos(latitude).
KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON_AT_EQUATOR = 111.320


def bbox_around(lat: float, lon: float, radius_km: float) -> BBox:
    """A box that holds every point within radius_km of (lat, lon), slightly generous."""
    # 1% margin: the box is a prefilter, so it may hold a little too much but never too little.
    margin = 1.01
    dlat = radius_km * margin / KM_PER_DEGREE_LAT
    cos_lat = max(math.cos(math.radians(min(abs(lat) + dlat, 89.0))), 0.01)
    dlon = radius_km * margin / (KM_PER_DEGREE_LON_AT_EQUATOR * cos_lat)
    return BBox(min_lat=lat - dlat, max_lat=lat + dlat, min_lon=lon - dlon, max_lon=lon + dlon)


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
