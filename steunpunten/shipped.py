"""The data the repository ships in fixtures/: which files, in which order, and a fast load.

`loaddata` saves ~20,000 rows one by one, each with its signals and a query per natural key;
here the plain tables go in with `bulk_create` (natural keys resolved from one dictionary per
referenced table). Rows that need a real save (many-to-many fields, history, guards on
`pre_save`, timestamps that `auto_now` would overwrite) are saved like loaddata saves them.
"""

import json
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models.signals import pre_save

from .cache import bump_version
from .models import Herkomst, voorbeelden_aan

VOORBEELD_FIXTURE = "demo-steunpunten.json"

# (fixture file, model labels separated by spaces) in load order: every file only refers to
# the ones before it. Within a file the models are loaded in the order given here.
SHIPPED_FIXTURES: list[tuple[str, str]] = [
    ("samenwerkingsverbanden.json", "steunpunten.samenwerkingsverband"),
    ("postcodegebieden.json", "steunpunten.postcodegebied"),
    ("plaatsnamen.json", "steunpunten.plaatsnaam"),
    # Names people use beside those of the data (Friese namen, old gemeenten), with sources.
    ("alternatieve-namen.json", "steunpunten.alternatievenaam"),
    # DUO's school locations (CC0), each linked to its PC4 area.
    ("scholen.json", "steunpunten.school"),
    # Real steunpunten from public pages (import_openbare_bronnen), then the invented ones for
    # the other SWVs: loaded only where settings.VINDPLEK_VOORBEELDEN is on.
    ("steunpunten.json", "steunpunten.steunpunt"),
    (VOORBEELD_FIXTURE, "steunpunten.steunpunt"),
    # The November 2023 peiling (its regels in the same file, after the peiling).
    ("peilingen.json", "steunpunten.peiling steunpunten.peilingregel"),
]

BATCH_SIZE = 1000

Report = Callable[[str], None]


class ShippedDataError(ValueError):
    """A fixture file cannot be loaded: it names a row that is not there, or an unknown model."""


# Fixture files that hold only part of a model's rows: the filter that dump_shipped_data uses.
FIXTURE_FILTERS: dict[str, dict] = {
    "steunpunten.json": {"herkomst__in": [Herkomst.OPENBARE_BRON, Herkomst.BEVESTIGD]},
    VOORBEELD_FIXTURE: {"herkomst": Herkomst.VOORBEELD},
}


def shipped_fixtures() -> list[tuple[str, str]]:
    """SHIPPED_FIXTURES without the demo steunpunten unless VINDPLEK_VOORBEELDEN is on."""
    return [
        (name, labels)
        for name, labels in SHIPPED_FIXTURES
        if name != VOORBEELD_FIXTURE or voorbeelden_aan()
    ]


def fixture_paths() -> list[str]:
    """Absolute paths of the shipped fixture files to load, in load order."""
    return [str(settings.BASE_DIR / "fixtures" / name) for name, _label in shipped_fixtures()]


def shipped_data_load(*, report: Report | None = None, using: str = DEFAULT_DB_ALIAS) -> int:
    """Load every shipped fixture (new rows added, existing ones updated); returns the row count."""
    fixtures = [
        (settings.BASE_DIR / "fixtures" / name, labels.split())
        for name, labels in shipped_fixtures()
    ]
    return fixtures_load(fixtures, report=report, using=using)


@transaction.atomic
def fixtures_load(
    fixtures: Iterable[tuple[Path, list[str]]],
    *,
    report: Report | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> int:
    """Load dumpdata files in order, in one transaction, and move the data version on once."""
    loader = _Loader(using)
    total = 0
    for path, labels in fixtures:
        started = time.monotonic()
        with open(path, encoding="utf-8") as handle:
            records = json.load(handle)
        for label in labels:
            model = _model(label, path)
            count = loader.load(model, [r for r in records if r["model"].lower() == label])
            total += count
            if report:
                seconds = time.monotonic() - started
                report(
                    f"{path.name}: {count} × {model._meta.verbose_name_plural} ({seconds:.1f} s)"
                )
        unknown = {r["model"] for r in records} - set(labels)
        if unknown:
            raise ShippedDataError(f"{path.name}: onbekende modellen {sorted(unknown)}")
    loader.reset_sequences()
    # The cached pages move on once the load is committed (cache.py).
    transaction.on_commit(partial(bump_version, using), using=using)
    return total


def _model(label: str, path: Path) -> type[models.Model]:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise ShippedDataError(f"{path.name}: onbekend model {label}") from error


def needs_save(model: type[models.Model]) -> bool:
    """True when rows of `model` must be saved one by one, as loaddata does, not in bulk."""
    fields = model._meta.get_fields()
    return (
        any(f.many_to_many and f.concrete for f in fields)
        or any(getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) for f in fields)
        or pre_save.has_listeners(model)
    )


class _Loader:
    """Loads the records of one model at a time; remembers natural keys it has resolved."""

    def __init__(self, using: str):
        self.using = using
        self.keys: dict[type[models.Model], dict[tuple, int]] = {}
        self.with_explicit_pk: set[type[models.Model]] = set()

    def load(self, model: type[models.Model], records: list[dict]) -> int:
        if not records:
            return 0
        self.keys.pop(model, None)  # new rows: look its natural keys up again when needed
        if any("pk" in record for record in records):
            self.with_explicit_pk.add(model)
        if needs_save(model):
            return self._save_each(records)
        instances = [self._instance(model, record) for record in records]
        model._default_manager.db_manager(self.using).bulk_create(
            instances, batch_size=BATCH_SIZE, **_upsert(model, records)
        )
        return len(instances)

    def _save_each(self, records: list[dict]) -> int:
        # The very path of loaddata: raw saves, so history, guards and timestamps behave the same.
        count = 0
        for deserialized in serializers.deserialize("python", records, using=self.using):
            deserialized.save(using=self.using)
            count += 1
        return count

    def _instance(self, model: type[models.Model], record: dict) -> models.Model:
        values = {}
        for name, value in record["fields"].items():
            field = model._meta.get_field(name)
            if field.is_relation:
                values[field.attname] = self._pk_of(field.related_model, value, record)
            else:
                values[field.attname] = field.to_python(value)
        if "pk" in record:
            values[model._meta.pk.attname] = model._meta.pk.to_python(record["pk"])
        return model(**values)

    def _pk_of(self, model: type[models.Model], value, record: dict):
        if value is None or not isinstance(value, list):
            return value  # empty, or a primary key as dumpdata writes it without natural keys
        keys = self.keys.get(model)
        if keys is None:
            manager = model._default_manager.db_manager(self.using)
            keys = self.keys[model] = {obj.natural_key(): obj.pk for obj in manager.all()}
        try:
            return keys[tuple(value)]
        except KeyError:
            raise ShippedDataError(
                f"{record['model']} {record['fields']!r:.80}: {model._meta.label} {value} ontbreekt"
            ) from None

    def reset_sequences(self) -> None:
        # Rows with their own primary key leave PostgreSQL's sequences behind (loaddata resets them).
        connection = connections[self.using]
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.with_explicit_pk))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _upsert(model: type[models.Model], records: list[dict]) -> dict:
    """bulk_create arguments that update a row already there (load_shipped_data --force)."""
    if all("pk" in record for record in records):
        unique = [model._meta.pk.attname]
    else:
        unique = _natural_key_fields(model)
    fields = [
        f.name for f in model._meta.concrete_fields if not f.primary_key and f.name not in unique
    ]
    return {
        "update_conflicts": True,
        "unique_fields": unique,
        "update_fields": fields,
    }


def _natural_key_fields(model: type[models.Model]) -> list[str]:
    """The unique field(s) that identify a row without its primary key."""
    single = [f.name for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    if len(single) == 1:
        return single
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            return list(constraint.fields)
    raise ShippedDataError(f"{model._meta.label}: geen unieke sleutel om bij te werken")
