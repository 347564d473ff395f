"""Validate HSDS answers against the HSDS 3.0 JSON Schemas (tests/data/hsds-3.0, Open Referral,
CC BY-SA 4.0), and against the same schemas with the OJS profile's merge patches applied.

The schema files name each other by file name (`"$ref": "phone.json"`); a `referencing`
registry holds them all under those names. Formats are checked too (uuid, email, date, and
uri and date-time with the small checks below, so no extra package is needed).
"""

import copy
import datetime
import json
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from steunpunten.hsds_openapi import profile_patches

SCHEMA_MAP = Path(__file__).resolve().parent / "data" / "hsds-3.0"

FORMATS = FormatChecker()


@FORMATS.checks("uri", raises=ValueError)
def _is_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme in ("http", "https") and parts.netloc and " " not in value)


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    return datetime.datetime.fromisoformat(value).tzinfo is not None


def merge_patch(target, patch):
    """RFC 7386 JSON Merge Patch."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


@cache
def hsds_files() -> dict[str, dict]:
    """Every schema file by its name relative to the folder ("service.json", "compiled/…")."""
    return {
        str(path.relative_to(SCHEMA_MAP)): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(SCHEMA_MAP.rglob("*.json"))
    }


# The compiled list schemas are the same objects without their nested ones: patched alike.
PATCHED_TOO = {
    "service.json": ("compiled/service_list.json",),
    "organization.json": ("compiled/organization_list.json",),
}


@cache
def registry(profile: bool) -> Registry:
    files = dict(hsds_files())
    if profile:
        for name, patch in profile_patches().items():
            for target in (name, *PATCHED_TOO.get(name, ())):
                files[target] = merge_patch(files[target], patch)
    return Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in files.items()
    )


def page_schema(items: str) -> dict:
    """A paginated list (the OpenAPI's Page) whose contents are items of this schema file."""
    page = hsds_files()["openapi.json"]["components"]["schemas"]["Page"]
    return {
        "allOf": [page],
        "type": "object",
        "required": [*page["properties"], "contents"],
        "properties": {"contents": {"type": "array", "items": {"$ref": items}}},
    }


# What each answer must be. An organization with its services: as compiled/organization.json
# builds it (organization.json plus services as service.json), here through the registry.
ROOT = {
    "type": "object",
    "required": ["version", "profile", "openapi_url"],
    "properties": {
        "version": {"const": "3.0"},
        "profile": {"type": "string", "format": "uri"},
        "openapi_url": {"type": "string", "format": "uri"},
    },
}
SERVICE = {"$ref": "service.json"}
ORGANIZATION = {
    "allOf": [{"$ref": "organization.json"}],
    "properties": {"services": {"type": "array", "items": {"$ref": "service.json"}}},
}
SERVICE_PAGE = page_schema("compiled/service_list.json")
ORGANIZATION_PAGE = page_schema("compiled/organization_list.json")
SERVICE_AT_LOCATION_PAGE = page_schema("compiled/service_at_location_list.json")


def schema_errors(instance, schema: dict, *, profile: bool = True) -> list[str]:
    """Every schema error (path: message), against HSDS and, with profile, the OJS profile."""
    found = []
    for with_profile in (False, True) if profile else (False,):
        validator = Draft202012Validator(
            schema, registry=registry(with_profile), format_checker=FORMATS
        )
        found += [
            f"{'profiel' if with_profile else 'HSDS'} {'/'.join(map(str, e.absolute_path))}: "
            f"{e.message}"
            for e in validator.iter_errors(instance)
        ]
    return found


def assert_valid(instance, schema: dict, *, profile: bool = True) -> None:
    errors = schema_errors(instance, schema, profile=profile)
    assert not errors, "\n".join(errors[:20])
