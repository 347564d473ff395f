"""What the HSDS API says about itself: `GET /`, its OpenAPI description and the OJS profile.

The profile follows the HSDS 3.0 profile mechanism: a canonical resource (profile_json) and,
under it, JSON Merge Patches (RFC 7386) on the HSDS schema files of the same name
(steunpunten/hsds_profiel/*.json) that add the OJS properties. docs/hsds-profiel.md explains
them to people.
"""

import json
from functools import cache
from pathlib import Path

from .hsds import HSDS_VERSIE, PROFIEL_VERSIE

PROFIEL_MAP = Path(__file__).resolve().parent / "hsds_profiel"
# The HSDS 3.0 schemas, as Open Referral publishes them (CC BY-SA 4.0).
HSDS_SCHEMA = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
PROFIEL_NAAM = "Vindplek OJS-profiel"


@cache
def profile_patches() -> dict[str, dict]:
    """The profile's merge patches by file name ("service.json": {...})."""
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(PROFIEL_MAP.glob("*.json"))
    }


def root_json(*, profile_url: str, openapi_url: str) -> dict:
    """`GET /` of the HSDS API."""
    return {"version": HSDS_VERSIE, "profile": profile_url, "openapi_url": openapi_url}


def profile_json(*, patch_url: str, documentation_url: str) -> dict:
    """The profile's canonical resource: what it is, and where its merge patches are.

    `patch_url` has "{naam}" where the file name goes.
    """
    return {
        "name": PROFIEL_NAAM,
        "version": PROFIEL_VERSIE,
        "hsds_version": HSDS_VERSIE,
        "description": (
            "Ouder- en Jeugdsteunpunten (OJS) passend onderwijs in the Netherlands: the "
            "samenwerkingsverband (SWV) is the organization, the steunpunt the service. The "
            "profile adds the SWV codes, sector, provenance (herkomst) and source page."
        ),
        "documentation": documentation_url,
        "profile": {naam: patch_url.format(naam=naam) for naam in profile_patches()},
        "attribution": (
            "Human Services Data Specification: an Open Referral resource "
            "(https://openreferral.org/), CC BY-SA 4.0"
        ),
    }


def _page_of(schema: str) -> dict:
    return {
        "allOf": [{"$ref": "#/components/schemas/Page"}],
        "properties": {"contents": {"type": "array", "items": {"$ref": HSDS_SCHEMA + schema}}},
    }


def _get(summary: str, schema: dict, parameters: tuple[str, ...] = ()) -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": [{"$ref": f"#/components/parameters/{name}"} for name in parameters],
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": schema}}},
                "400": {"description": "A bad parameter; `fout` says why, in Dutch."},
            },
        }
    }


def _parameter(name: str, description: str, kind: str = "string", where: str = "query") -> dict:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "description": description,
        "schema": {"type": kind},
    }


LIST = ("page", "per_page", "format")


def openapi_json(*, server_url: str, documentation_url: str) -> dict:
    """The OpenAPI 3.1 description of this API: the HSDS paths Vindplek serves."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Vindplek HSDS API",
            "version": PROFIEL_VERSIE,
            "summary": "Ouder- en Jeugdsteunpunten passend onderwijs as HSDS 3.0.",
            "description": f"HSDS {HSDS_VERSIE} with the {PROFIEL_NAAM}: {documentation_url}",
        },
        "servers": [{"url": server_url}],
        "externalDocs": {"url": documentation_url},
        "paths": {
            "/": _get(
                "This API and its relation to HSDS (version, profile, openapi_url).",
                {"type": "object"},
            ),
            "/services": _get(
                "Paginated services (steunpunten), one-to-one fields only.",
                _page_of("compiled/service_list.json"),
                (*LIST, "modified_after", "organization_id", "full"),
            ),
            "/services/{id}": {
                "parameters": [_parameter("id", "The id of the service.", where="path")],
                **_get("A fully nested service.", {"$ref": HSDS_SCHEMA + "compiled/service.json"}),
            },
            "/organizations": _get(
                "Paginated organizations (samenwerkingsverbanden).",
                _page_of("compiled/organization_list.json"),
                LIST,
            ),
            "/organizations/{id}": {
                "parameters": [_parameter("id", "The id of the organization.", where="path")],
                **_get(
                    "A nested organization with its services (one-to-one fields).",
                    {"$ref": HSDS_SCHEMA + "compiled/organization.json"},
                ),
            },
            "/service_at_locations": _get(
                "Paginated services at their locations.",
                _page_of("compiled/service_at_location_list.json"),
                (*LIST, "modified_after", "organization_id", "postcode", "full"),
            ),
        },
        "components": {
            "schemas": {"Page": PAGE_SCHEMA},
            "parameters": {
                "page": _parameter("page", "Page number, from 1.", "integer"),
                "format": _parameter("format", "json (the only format; pages, never ndjson)."),
                "full": _parameter("full", "true: every item fully nested.", "boolean"),
                "per_page": _parameter(
                    "per_page", "Results per page (50; at most 500).", "integer"
                ),
                "modified_after": _parameter(
                    "modified_after",
                    "Only what changed on or after this ISO 8601 date or date-time "
                    "(Dutch time without a zone).",
                ),
                "organization_id": _parameter(
                    "organization_id", "Only the services of this organization (SWV)."
                ),
                "postcode": _parameter(
                    "postcode",
                    "A Dutch postcode (1234 AB) or PC4 (1234): only services whose service "
                    "area holds it.",
                ),
            },
        },
    }


PAGE_SCHEMA = {
    "type": "object",
    "properties": {
        "total_items": {"type": "integer"},
        "total_pages": {"type": "integer"},
        "page_number": {"type": "integer"},
        "size": {"type": "integer"},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
    },
}
