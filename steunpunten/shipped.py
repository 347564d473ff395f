"""The data the repository ships in fixtures/: which files, in which order, with which models."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from .cache import bump_version
from .models import Postcodegebied, School

SCHOLEN_FIXTURE = "scholen.json"

# (fixture file, model labels separated by spaces) in load order: every file only refers to
# the ones before it.
SHIPPED_FIXTURES: list[tuple[str, str]] = [
    ("samenwerkingsverbanden.json", "steunpunten.samenwerkingsverband"),
    ("postcodegebieden.json", "steunpunten.postcodegebied"),
    ("plaatsnamen.json", "steunpunten.plaatsnaam"),
    # DUO's school locations (CC0), each linked to its PC4 area (loaded in bulk, see below).
    (SCHOLEN_FIXTURE, "steunpunten.school"),
    ("demo-steunpunten.json", "steunpunten.steunpunt"),
    # The November 2023 peiling (its regels in the same file, after the peiling).
    ("peilingen.json", "steunpunten.peiling steunpunten.peilingregel"),
]


def fixture_paths() -> list[str]:
    """Absolute paths of the shipped fixture files, in load order."""
    return [str(settings.BASE_DIR / "fixtures" / name) for name, _label in SHIPPED_FIXTURES]


@transaction.atomic
def shipped_data_load(*, verbosity: int = 1) -> None:
    """Load every shipped fixture into an empty database; the 8,622 schools in bulk."""
    for path in fixture_paths():
        if Path(path).name == SCHOLEN_FIXTURE:
            scholen_fixture_load(path=Path(path))
        else:
            call_command("loaddata", path, verbosity=verbosity)
    bump_version()


def scholen_fixture_load(*, path: Path) -> int:
    """Create the schools of a dumpdata file in bulk (loaddata saves and signals one by one)."""
    areas = dict(Postcodegebied.objects.values_list("pc4", "pk"))
    with open(path, encoding="utf-8") as handle:
        records = json.load(handle)
    scholen = []
    for record in records:
        fields = dict(record["fields"])
        area = fields.pop("postcodegebied")
        scholen.append(School(**fields, postcodegebied_id=areas.get(area[0]) if area else None))
    # --force loads over existing data: a school already there takes the shipped values.
    fields = [
        f.name for f in School._meta.concrete_fields if f.name not in {"id", "vestigingscode"}
    ]
    School.objects.bulk_create(
        scholen,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["vestigingscode"],
        update_fields=fields,
    )
    return len(scholen)
