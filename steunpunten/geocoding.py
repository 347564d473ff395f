"""Coordinates for a steunpunt's address: a configured geopy geocoder, else the PC4 centroid.

The geocoder is named in settings.VINDPLEK_GEOCODER ({"class": "geopy.geocoders.Nominatim",
"options": {"user_agent": ...}, "min_delay_seconds": 1, "timeout": 3}). Calls go through geopy's
RateLimiter (at most one request per `min_delay_seconds` per process) with a short timeout, and
any failure falls back to the PC4 centroid: saving a steunpunt never fails because of this.
"""

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string
from geopy.extra.rate_limiter import RateLimiter

from .geo import NL_BBOX
from .models import LocatiePrecisie, Postcodegebied, Steunpunt

logger = logging.getLogger(__name__)

# The fields that make up the address; when one of them changes, the location is looked up again.
ADRESVELDEN = ("straat", "huisnummer", "postcode", "plaats")


@dataclass(frozen=True)
class Locatie:
    lat: float
    lon: float
    precisie: str


def _config() -> dict[str, Any]:
    return getattr(settings, "VINDPLEK_GEOCODER", None) or {}


@lru_cache(maxsize=4)
def _build_geocode(class_path: str, options_key: tuple, min_delay: float):
    geocoder = import_string(class_path)(**dict(options_key))
    # One limiter per process and configuration, so the delay holds across saves.
    return RateLimiter(geocoder.geocode, min_delay_seconds=min_delay, max_retries=0)


def configured_geocode():
    """The rate-limited geocode function from the settings, or None when none is configured."""
    config = _config()
    class_path = config.get("class") or ""
    if not class_path:
        return None
    options = tuple(sorted((config.get("options") or {}).items()))
    try:
        return _build_geocode(
            class_path, options, max(1.0, float(config.get("min_delay_seconds", 1)))
        )
    except Exception:  # a wrong class name or option must not break saving
        logger.exception("Geocoder %s kon niet worden gemaakt", class_path)
        return None


def address_query(steunpunt: Steunpunt) -> str:
    """The address as one search string, or "" when there is no street address."""
    if not (steunpunt.straat and steunpunt.plaats):
        return ""
    street = f"{steunpunt.straat} {steunpunt.huisnummer}".strip()
    return f"{street}, {steunpunt.postcode} {steunpunt.plaats}, Nederland".replace("  ", " ")


def geocode_address(query: str, geocode=None) -> Locatie | None:
    """Look the address up with the geocoder; None on no geocoder, no answer, error or timeout."""
    geocode = geocode or configured_geocode()
    if not (geocode and query):
        return None
    timeout = float(_config().get("timeout", 3))
    try:
        result = geocode(query, timeout=timeout)
    except Exception as error:  # network errors, timeouts, quota: all mean "no answer"
        logger.warning("Geocoderen mislukt voor %r: %s", query, error)
        return None
    if result is None:
        return None
    lat, lon = float(result.latitude), float(result.longitude)
    if not NL_BBOX.contains(lat, lon):
        logger.warning("Geocoder gaf een punt buiten Nederland voor %r", query)
        return None
    return Locatie(lat, lon, LocatiePrecisie.ADRES)


def pc4_centroid(postcode: str) -> Locatie | None:
    """The centre of the address's four-digit postcode area, from the shipped data."""
    pc4 = (postcode or "").strip()[:4]
    area = Postcodegebied.objects.filter(pc4=pc4, lat__isnull=False).first() if pc4 else None
    if area is None:
        return None
    return Locatie(area.lat, area.lon, LocatiePrecisie.POSTCODE)


def locate(steunpunt: Steunpunt, geocode=None) -> Locatie | None:
    """Best location for the steunpunt: the geocoded address, else its PC4 centroid."""
    return geocode_address(address_query(steunpunt), geocode) or pc4_centroid(steunpunt.postcode)


def update_location(steunpunt: Steunpunt, geocode=None) -> Locatie | None:
    """Set lat, lon and locatie_precisie on the steunpunt (not saved); clear them if unknown."""
    locatie = locate(steunpunt, geocode)
    steunpunt.lat = locatie.lat if locatie else None
    steunpunt.lon = locatie.lon if locatie else None
    steunpunt.locatie_precisie = locatie.precisie if locatie else ""
    return locatie
