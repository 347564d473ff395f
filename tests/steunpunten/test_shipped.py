"""Loading the shipped data: in bulk, with natural keys resolved, idempotent, all or nothing."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from steunpunten.cache import current_version
from steunpunten.models import (
    Peiling,
    PeilingRegel,
    Plaatsnaam,
    Postcodegebied,
    Samenwerkingsverband,
    School,
    Steunpunt,
)
from steunpunten.shipped import ShippedDataError, fixture_paths, fixtures_load, needs_save
from tests.sample import sample_records, write_sample

pytestmark = pytest.mark.django_db

# One demo steunpunt serves both SWVs of Emmen (no real one there in data/).
EMMEN = ("PO2202", "VO2202")


def rows() -> tuple:
    return (
        list(Samenwerkingsverband.objects.order_by("code").values_list()),
        list(Postcodegebied.objects.order_by("pc4").values_list()),
        list(Plaatsnaam.objects.order_by("pk").values_list()),
        list(School.objects.order_by("vestigingscode").values_list()),
        list(
            Steunpunt.objects.order_by("slug", "samenwerkingsverbanden").values_list(
                "slug", "samenwerkingsverbanden"
            )
        ),
        list(PeilingRegel.objects.order_by("pk").values_list()),
    )


def test_rows_are_loaded_with_their_natural_keys_resolved(
    tmp_path, django_capture_on_commit_callbacks
):
    records = sample_records(EMMEN, ())
    version = current_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        fixtures_load(write_sample(tmp_path, EMMEN, ()))
    assert len(callbacks) == 1  # the data version moves once, after the commit
    assert current_version() > version
    for record in records["scholen.json"]:
        school = School.objects.get(vestigingscode=record["fields"]["vestigingscode"])
        assert school.naam == record["fields"]["naam"]
        assert school.postcodegebied.pc4 == record["fields"]["postcodegebied"][0]
    for record in records["postcodegebieden.json"]:
        area = Postcodegebied.objects.get(pc4=record["fields"]["pc4"])
        assert area.swv_po.code == record["fields"]["swv_po"][0]
        assert area.lat == record["fields"]["lat"]
    for record in records["plaatsnamen.json"]:
        pc4 = record["fields"]["postcodegebied"][0]
        assert Plaatsnaam.objects.filter(naam=record["fields"]["naam"], postcodegebied__pc4=pc4)
    slugs = [r["fields"]["slug"] for r in records["demo-steunpunten.json"]]
    steunpunt = Steunpunt.objects.get(slug="steunpunt-emmen-po2202-vo2202")
    assert steunpunt.slug in slugs
    assert sorted(steunpunt.samenwerkingsverbanden.values_list("code", flat=True)) == list(EMMEN)
    # Saved as loaddata saves it: its history has a row, with its SWVs.
    entry = steunpunt.history.latest()
    assert sorted(
        swv.samenwerkingsverband.code for swv in entry.samenwerkingsverbanden.all()
    ) == list(EMMEN)


def test_loading_the_same_files_again_changes_no_row(tmp_path):
    fixtures = write_sample(tmp_path, EMMEN, ())
    fixtures_load(fixtures)
    before = rows()
    count = fixtures_load(fixtures)
    assert count == sum(len(r) for r in sample_records(EMMEN, ()).values())
    assert rows() == before


def test_a_row_that_names_a_missing_area_loads_nothing(tmp_path):
    fixtures = write_sample(tmp_path, EMMEN, ())
    scholen = next(path for path, labels in fixtures if labels == ["steunpunten.school"])
    records = json.loads(scholen.read_text())
    missing = next(f"{n}" for n in range(1000, 10000) if not Postcodegebied.objects.filter(pc4=n))
    records[-1]["fields"]["postcodegebied"] = [missing]
    scholen.write_text(json.dumps(records))
    first = records[0]["fields"]["vestigingscode"]
    School.objects.filter(vestigingscode=first).delete()
    before = rows()
    with pytest.raises(ShippedDataError, match=f"steunpunten.Postcodegebied \\['{missing}'\\]"):
        fixtures_load(fixtures)
    assert rows() == before
    assert not School.objects.filter(vestigingscode=first).exists()


def test_rows_with_their_own_primary_key_leave_room_for_new_ones(tmp_path):
    # PostgreSQL's sequence must move past a loaded primary key, as after loaddata.
    taken = (Peiling.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    path = tmp_path / "peiling.json"
    record = {
        "datum": "2022-11-01",
        "aantal_swv": 150,
        "aantal_met_steunpunt": 120,
        "aangemaakt": "2022-11-01T12:00:00Z",
    }
    path.write_text(json.dumps([{"model": "steunpunten.peiling", "pk": taken, "fields": record}]))
    fixtures_load([(path, ["steunpunten.peiling"])])
    nieuw = Peiling.objects.create(datum="2022-12-01", aantal_swv=150, aantal_met_steunpunt=121)
    assert nieuw.pk > taken


def test_plain_tables_go_in_bulk_and_the_rest_as_loaddata_saves_them():
    assert not needs_save(School)
    assert not needs_save(Postcodegebied)
    assert not needs_save(Samenwerkingsverband)
    assert needs_save(Steunpunt)  # its SWVs and its history
    assert needs_save(Peiling)  # its own "vastgelegd" time, and the guard against changes


def test_command_leaves_a_filled_database_alone():
    if not Samenwerkingsverband.objects.exists():
        call_command("load_shipped_data", verbosity=0)
    before = rows()
    out = StringIO()
    call_command("load_shipped_data", stdout=out)
    assert "niets geladen" in out.getvalue()
    assert rows() == before


@pytest.mark.realdata
def test_command_force_reloads_the_whole_country_with_progress_and_changes_nothing():
    call_command("load_shipped_data", "--force", verbosity=0)
    before = rows()
    out = StringIO()
    call_command("load_shipped_data", "--force", stdout=out)
    lines = out.getvalue().splitlines()
    assert "scholen.json: 8622 × scholen" in "\n".join(lines)
    shipped = sum(len(json.loads(Path(path).read_text())) for path in fixture_paths())
    assert lines[-1].startswith(f"{shipped} rijen geladen in ")
    assert rows() == before
