"""The HSDS tabular export for OCW: a zip of the HSDS 3.0 CSV files with their datapackage.json,
behind the export gate; headers as the HSDS schemas, rows as the API, formulas neutralised."""

import csv
import io
import json
import zipfile

import pytest

from steunpunten.hsds import hsds_id
from steunpunten.hsds_tabular import PROFIEL
from steunpunten.models import Samenwerkingsverband, Steunpunt
from steunpunten.permissions import GROUP_OCW, GROUP_SWV
from tests.helpers import make_steunpunt
from tests.hsds_schemas import hsds_files
from tests.overzicht.test_exports import login, user_in

pytestmark = pytest.mark.django_db

URL = "/overzicht/export-hsds.zip"


def spec_columns() -> dict[str, list[str]]:
    """Per CSV file the HSDS schemas name, its columns: the properties with one value."""
    found = {}
    for name, schema in hsds_files().items():
        if "/" in name or "path" not in schema:
            continue
        found[schema["path"]] = [
            key
            for key, prop in schema["properties"].items()
            if prop.get("type") not in ("array", "object") and "$ref" not in prop
        ]
    return found


def download(client) -> dict[str, list[dict]]:
    login(client, user_in(GROUP_OCW, is_staff=True))
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="vindplek-hsds-')
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.testzip() is None
    tables = {"datapackage.json": json.loads(archive.read("datapackage.json"))}
    for name in archive.namelist():
        if name.endswith(".csv"):
            text = archive.read(name).decode("utf-8")
            assert not text.startswith("\ufeff")
            reader = csv.reader(io.StringIO(text))
            header = next(reader)
            tables[name] = [dict(zip(header, row, strict=True)) for row in reader]
            tables[name + ":header"] = header
    return tables


def test_the_zip_holds_the_hsds_tables_with_the_specs_headers(client):
    tables = download(client)
    spec = spec_columns()
    files = {name for name in tables if name.endswith(".csv")}
    assert files == {
        "organizations.csv",
        "organization_identifiers.csv",
        "services.csv",
        "locations.csv",
        "addresses.csv",
        "service_at_location.csv",
        "phones.csv",
        "schedules.csv",
        "service_areas.csv",
        "languages.csv",
    }
    for name in files:
        assert tables[name + ":header"] == spec[name] + list(PROFIEL.get(name, ())), name
    package = tables["datapackage.json"]
    assert package["profile"] == "tabular-data-package"
    for resource in package["resources"]:
        fields = [field["name"] for field in resource["schema"]["fields"]]
        assert fields == tables[resource["path"] + ":header"]
    assert {r["path"] for r in package["resources"]} == files
    assert any("Open Referral" in source["title"] for source in package["sources"])


def test_the_rows_are_the_apis(client):
    tables = download(client)
    api = client.get("/api/hsds/services?per_page=500").json()["contents"]
    rows = {row["id"]: row for row in tables["services.csv"]}
    assert set(rows) == {s["id"] for s in api}
    assert len(rows) == Steunpunt.objects.published().count()
    for service in api:
        row = rows[service["id"]]
        assert row["name"] == service["name"] and row["status"] == service["status"]
        assert row["ojs_herkomst"] == service["ojs_herkomst"]
        assert row["ojs_swv_codes"] == ", ".join(service.get("ojs_swv_codes", []))
    organizations = {row["ojs_swv_code"]: row for row in tables["organizations.csv"]}
    assert set(organizations) == set(Samenwerkingsverband.objects.values_list("code", flat=True))
    assert organizations["PO2707"]["id"] == hsds_id("organization", "PO2707")
    identifiers = {row["identifier"] for row in tables["organization_identifiers.csv"]}
    assert identifiers == set(organizations)
    # Every nested object of every service is a row of its own table, linked by its ids.
    for summary in api:
        service = client.get(f"/api/hsds/services/{summary['id']}").json()
        for key, table in (
            ("phones", "phones.csv"),
            ("schedules", "schedules.csv"),
            ("service_areas", "service_areas.csv"),
            ("languages", "languages.csv"),
            ("service_at_locations", "service_at_location.csv"),
        ):
            ids = {row["id"] for row in tables[table] if row.get("service_id") == service["id"]}
            assert ids == {item["id"] for item in service.get(key, [])}, (key, service["name"])
        location = service["service_at_locations"][0]["location"]
        assert location["id"] in {row["id"] for row in tables["locations.csv"]}


def test_formulas_are_neutralised(client):
    make_steunpunt(
        "PO2707",
        slug="hsds-formule",
        naam='=HYPERLINK("https://kwaad.example")',
        aanbod="@SUM(1+1)",
        telefonisch_bereikbaar="+1 uur na opening",
        inloopspreekuur="-",
        talen="=cmd|' /C calc'!A0",
    )
    tables = download(client)
    row = next(r for r in tables["services.csv"] if r["id"] == hsds_id("service", "hsds-formule"))
    assert row["name"] == '\'=HYPERLINK("https://kwaad.example")'
    assert row["description"] == "'@SUM(1+1)"
    descriptions = {r["description"] for r in tables["schedules.csv"]}
    assert {"'+1 uur na opening", "'-"} <= descriptions
    assert "'=cmd|' /C calc'!A0" in {r["name"] for r in tables["languages.csv"]}
    for rows in (v for k, v in tables.items() if k.endswith(".csv")):
        for cell in (c for r in rows for c in r.values()):
            assert not cell.startswith(("=", "+", "@")), cell


def test_only_ocw_and_beheerders_may_download(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/beheer/login/")
    login(client, user_in(GROUP_SWV, is_staff=True))
    assert client.get(URL).status_code == 403


def test_the_export_pages_link_it(client):
    login(client, user_in(GROUP_OCW, is_staff=True))
    assert URL in client.get("/beheer/").content.decode()
    assert URL in client.get("/overzicht/").content.decode()
