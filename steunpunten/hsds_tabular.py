"""HSDS 3.0 as tables: the Tabular Data Package serialisation (one CSV per object, named as
the HSDS schemas name them, ids as foreign keys) of the same catalogue the API gives.

`tabellen(catalogus)` gives, per file, the columns and the rows; the edge writes them (the OCW
export: overzicht/hsds_export.py). The columns are those of the HSDS schema of each object that
hold one value (nested lists are tables of their own), in the schema's order, then the OJS
profile's properties of that object. A profile property with a list of values is one cell,
the values joined with ", "; the channels and closures (lists of objects) are in the JSON API only.
"""

from dataclasses import dataclass

from .hsds import Catalogus

ORGANIZATION = (
    "id",
    "name",
    "alternate_name",
    "description",
    "email",
    "website",
    "tax_status",
    "tax_id",
    "year_incorporated",
    "legal_status",
    "logo",
    "uri",
    "parent_organization_id",
)
ORGANIZATION_IDENTIFIER = (
    "id",
    "organization_id",
    "identifier_scheme",
    "identifier_type",
    "identifier",
)
SERVICE = (
    "id",
    "organization_id",
    "program_id",
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "status",
    "interpretation_services",
    "application_process",
    "fees_description",
    "wait_time",
    "fees",
    "accreditations",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "assurer_email",
    "licenses",
    "alert",
    "last_modified",
)
LOCATION = (
    "id",
    "location_type",
    "url",
    "organization_id",
    "name",
    "alternate_name",
    "description",
    "transportation",
    "latitude",
    "longitude",
    "external_identifier",
    "external_identifier_type",
)
ADDRESS = (
    "id",
    "location_id",
    "attention",
    "address_1",
    "address_2",
    "city",
    "region",
    "state_province",
    "postal_code",
    "country",
    "address_type",
)
SERVICE_AT_LOCATION = ("id", "service_id", "location_id", "description")
PHONE = (
    "id",
    "location_id",
    "service_id",
    "organization_id",
    "contact_id",
    "service_at_location_id",
    "number",
    "extension",
    "type",
    "description",
)
SCHEDULE = (
    "id",
    "service_id",
    "location_id",
    "service_at_location_id",
    "valid_from",
    "valid_to",
    "dtstart",
    "timezone",
    "until",
    "count",
    "wkst",
    "freq",
    "interval",
    "byday",
    "byweekno",
    "bymonthday",
    "byyearday",
    "description",
    "opens_at",
    "closes_at",
    "schedule_link",
    "attending_type",
    "notes",
)
SERVICE_AREA = ("id", "service_id", "name", "description", "extent", "extent_type", "uri")
LANGUAGE = ("id", "service_id", "location_id", "phone_id", "name", "code", "note")

# The OJS profile's properties per table (docs/hsds-profiel.md).
PROFIEL = {
    "organizations.csv": ("ojs_swv_code", "ojs_sector", "ojs_provincie", "ojs_heeft_steunpunt"),
    "services.csv": (
        "ojs_swv_codes",
        "ojs_sectoren",
        "ojs_voor",
        "ojs_status",
        "ojs_herkomst",
        "ojs_bron_url",
        "ojs_gecontroleerd_op",
        "ojs_pagina",
        "ojs_bereikbaarheid",
    ),
    "service_areas.csv": ("ojs_swv_code", "ojs_gemeenten", "ojs_postcodes"),
}

# File name -> the HSDS columns, in the order of the HSDS schemas' datapackage.
KOLOMMEN = {
    "organizations.csv": ORGANIZATION,
    "organization_identifiers.csv": ORGANIZATION_IDENTIFIER,
    "services.csv": SERVICE,
    "locations.csv": LOCATION,
    "addresses.csv": ADDRESS,
    "service_at_location.csv": SERVICE_AT_LOCATION,
    "phones.csv": PHONE,
    "schedules.csv": SCHEDULE,
    "service_areas.csv": SERVICE_AREA,
    "languages.csv": LANGUAGE,
}


@dataclass(frozen=True)
class Tabel:
    naam: str
    kolommen: tuple[str, ...]
    rijen: tuple[tuple, ...]


def _cell(value):
    """One value as a cell: lists joined, booleans as the Data Package's true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else value


def _rows(objects, kolommen) -> tuple[tuple, ...]:
    return tuple(tuple(_cell(item.get(k)) for k in kolommen) for item in objects)


def _objects(catalogus: Catalogus) -> dict[str, list[dict]]:
    """Every object of the catalogue, per table file, each once."""
    found = {naam: {} for naam in KOLOMMEN}

    def add(naam: str, items) -> None:
        for item in items:
            found[naam].setdefault(item["id"], item)

    for organization in catalogus.organizations:
        add("organizations.csv", [organization])
        add("organization_identifiers.csv", organization.get("organization_identifiers", []))
        add("phones.csv", organization.get("phones", []))
    for service in catalogus.services:
        add("services.csv", [service])
        add("phones.csv", service.get("phones", []))
        for phone in service.get("phones", []):
            add("languages.csv", phone.get("languages", []))
        add("schedules.csv", service.get("schedules", []))
        add("service_areas.csv", service.get("service_areas", []))
        add("languages.csv", service.get("languages", []))
        for link in service.get("service_at_locations", []):
            add("service_at_location.csv", [link])
            add("locations.csv", [link["location"]])
            add("addresses.csv", link["location"].get("addresses", []))
    return {naam: list(items.values()) for naam, items in found.items()}


def tabellen(catalogus: Catalogus) -> list[Tabel]:
    """The catalogue as HSDS tables, one per file, columns as the HSDS schemas order them."""
    objects = _objects(catalogus)
    result = []
    for naam, hsds_kolommen in KOLOMMEN.items():
        kolommen = hsds_kolommen + PROFIEL.get(naam, ())
        result.append(Tabel(naam, kolommen, _rows(objects[naam], kolommen)))
    return result


def datapackage(tabellen_: list[Tabel], *, naam: str, titel: str, bronnen: list[dict]) -> dict:
    """The Tabular Data Package descriptor (datapackage.json) of these tables."""
    return {
        "name": naam,
        "title": titel,
        "profile": "tabular-data-package",
        "sources": bronnen,
        "resources": [
            {
                "name": tabel.naam.removesuffix(".csv"),
                "path": tabel.naam,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [{"name": kolom, "type": _type(kolom)} for kolom in tabel.kolommen],
                    "primaryKey": "id",
                },
            }
            for tabel in tabellen_
        ],
    }


def _type(kolom: str) -> str:
    if kolom in ("latitude", "longitude"):
        return "number"
    if kolom == "ojs_heeft_steunpunt":
        return "boolean"
    return "string"
