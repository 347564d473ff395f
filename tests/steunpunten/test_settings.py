"""Settings come from the environment: SQLite by default, PostgreSQL with DATABASE_URL."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tests.site_settings import environment_without, site_settings


def run_settings(**env) -> dict:
    read = site_settings({**environment_without("DJANGO_", "DATABASE_URL"), **env})
    db = read.DATABASES["default"]
    return {
        "engine": db["ENGINE"],
        "name": str(db["NAME"]),
        "host": db.get("HOST"),
        "conn_max_age": db.get("CONN_MAX_AGE"),
        "debug": read.DEBUG,
        "lang": read.LANGUAGE_CODE,
        "tz": read.TIME_ZONE,
    }


def test_sqlite_without_database_url():
    result = run_settings(DJANGO_DEBUG="1")
    assert result["engine"] == "django.db.backends.sqlite3"
    assert result["name"].endswith("db.sqlite3")
    assert result["debug"] is True
    assert (result["lang"], result["tz"]) == ("nl", "Europe/Amsterdam")


def test_postgresql_with_database_url():
    result = run_settings(
        DJANGO_DEBUG="1", DATABASE_URL="postgres://vindplek@db.example.test:5432/vindplek"
    )
    assert result["engine"] == "django.db.backends.postgresql"
    assert (result["name"], result["host"]) == ("vindplek", "db.example.test")
    assert result["conn_max_age"] == 600


def test_secret_key_required_when_debug_is_off():
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is required"):
        site_settings(environment_without("DJANGO_", "DATABASE_URL"))


def test_env_example_lists_every_variable_the_settings_read():
    source = (settings.BASE_DIR / "vindplek" / "settings.py").read_text()
    example = (settings.BASE_DIR / ".env.example").read_text()
    import re

    names = set(
        re.findall(r"""(?:env_bool|env_list|os\.environ\.get)\(\s*["']([A-Z_]+)["']""", source)
    )
    names |= set(re.findall(r"""env=["']([A-Z_]+)["']""", source))
    missing = sorted(name for name in names if f"{name}=" not in example)
    assert not missing, f"not in .env.example: {missing}"
