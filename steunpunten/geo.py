"""Geography: the Netherlands' bounding box, distances and bounding boxes around a point."""

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
