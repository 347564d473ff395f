"""A small, real part of the shipped data: a few SWVs with their PC4 areas, places and schools.

The records are read from fixtures/ as they are (real codes, names, postcodes and schools),
so a test on the sample sees what the site shows for those regions, in a fraction of the time
the whole country takes. steunpunten.shipped loads the files, as it loads the whole set.
"""

import json
from functools import cache
from pathlib import Path

from django.conf import settings

from steunpunten.shipped import SHIPPED_FIXTURES, fixtures_load

# Regions with one steunpunt for PO and VO (Groningen, Amsterdam, Amstelland, Utrecht, Leiden),
# one for a single SWV (VO2001), one in oprichting (PO2711/VO2704) and none (PO3008/VO3008);
# the SWVs their PC4 areas share come along.
SAMPLE_SWVS = (
    # Emmen and Drenthe (a demo steunpunt for PO and VO each), Rotterdam and the Hoeksche Waard
    # (steunpunten from public pages, issue 19), Weert (no steunpunt at all) and Zeist (one
    # from a public page for PO and VO).
    "PO2202",
    "VO2202",
    "PO2201",
    "VO2201",
    "PO2806",
    "VO2810",
    "PO2804",
    "PO3103",
    "VO3103",
    "PO2603",
    "VO2603",
    "PO2001",
    "VO2002",
    "PO2707",
    "VO2708",
    "PO2708",
    "VO2709",
    "PO2602",
    "VO2601",
    "PO2801",
    "PO2711",
    "PO3008",
)
# Whole gemeenten the search tests ask for by name (with the SWVs of their PC4 areas).
SAMPLE_GEMEENTEN = (
    "'s-Gravenhage",
    "'s-Hertogenbosch",
    "Rotterdam",
    "Maastricht",
    "Enschede",
    "Heusden",
    "Alkmaar",
    "Arnhem",
    "Breda",
    # 5352 (Berghem): a postcode issued after 2015, answered by approximation.
    "Oss",
)


@cache
def _shipped_records(name: str) -> tuple[dict, ...]:
    with open(settings.BASE_DIR / "fixtures" / name, encoding="utf-8") as handle:
        return tuple(json.load(handle))


def _key(value) -> str | None:
    return value[0] if value else None


def sample_records(
    codes: tuple[str, ...] = SAMPLE_SWVS, gemeenten: tuple[str, ...] = SAMPLE_GEMEENTEN
) -> dict[str, list[dict]]:
    """Per shipped fixture file, its records for the PC4 areas of these SWVs and gemeenten."""
    areas = {
        r["fields"]["pc4"]: r["fields"]
        for r in _shipped_records("postcodegebieden.json")
        if {_key(r["fields"]["swv_po"]), _key(r["fields"]["swv_vo"])} & set(codes)
        or r["fields"]["gemeente"] in gemeenten
    }
    # An area names its PO and its VO SWV: both must be there.
    swvs = set(codes) | {
        _key(area[f]) for area in areas.values() for f in ("swv_po", "swv_vo") if area[f]
    }
    keep = {
        "steunpunten.samenwerkingsverband": lambda f: f["code"] in swvs,
        "steunpunten.postcodegebied": lambda f: f["pc4"] in areas,
        "steunpunten.plaatsnaam": lambda f: _key(f["postcodegebied"]) in areas,
        "steunpunten.school": lambda f: _key(f["postcodegebied"]) in areas,
        "steunpunten.steunpunt": lambda f: {k[0] for k in f["samenwerkingsverbanden"]} <= swvs,
    }
    # Other tables (the peiling: copies, no references) come whole.
    return {
        name: [
            r for r in _shipped_records(name) if keep.get(r["model"], lambda _f: True)(r["fields"])
        ]
        for name, _labels in SHIPPED_FIXTURES
    }


def write_sample(
    directory: Path,
    codes: tuple[str, ...] = SAMPLE_SWVS,
    gemeenten: tuple[str, ...] = SAMPLE_GEMEENTEN,
) -> list[tuple[Path, list[str]]]:
    """Write the sample as fixture files into `directory`; returns them in load order."""
    records = sample_records(codes, gemeenten)
    fixtures = []
    for name, labels in SHIPPED_FIXTURES:
        path = directory / name
        path.write_text(json.dumps(records[name]), encoding="utf-8")
        fixtures.append((path, labels.split()))
    return fixtures


def load_sample(directory: Path) -> int:
    """Load the sample; returns the number of rows."""
    return fixtures_load(write_sample(directory))
