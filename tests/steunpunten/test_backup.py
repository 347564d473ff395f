"""Nothing is lost: a backup of a populated database restores into an empty one, row for row."""

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from steunpunten.backup import BackupError, backup_database, restore_database, restore_sqlite

ROOT = Path(__file__).resolve().parents[2]
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="runs when DATABASE_URL is PostgreSQL (CI does)"
)


def normalise(value):
    """JSON comes back as text from Django's cursor and parsed from a plain one: compare as JSON."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def table_rows(cursor, table: str) -> tuple[list[str], list[tuple]]:
    """The column names and all rows of a table, in a stable order."""
    cursor.execute(f'SELECT * FROM "{table}"')
    columns = [column[0] for column in cursor.description]
    order = ", ".join(str(position) for position in range(1, len(columns) + 1))
    cursor.execute(f'SELECT * FROM "{table}" ORDER BY {order}')
    return columns, [tuple(normalise(value) for value in row) for row in cursor.fetchall()]


def assert_same_contents(source_cursor, restored_cursor, tables: list[str]) -> int:
    """Every table has the same columns, row count and rows; returns the rows compared."""
    compared = 0
    for table in tables:
        source_columns, source_rows = table_rows(source_cursor, table)
        restored_columns, restored_rows = table_rows(restored_cursor, table)
        assert restored_columns == source_columns, table
        assert len(restored_rows) == len(source_rows), table
        assert restored_rows == source_rows, table
        compared += len(source_rows)
    return compared


def populated_tables() -> list[str]:
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        filled = [t for t in tables if table_rows(cursor, t)[1]]
    # The shipped data fills the domain tables.
    assert {"steunpunten_samenwerkingsverband", "steunpunten_postcodegebied"} <= set(filled)
    assert len(filled) >= 8, filled
    return tables


@on_sqlite
@pytest.mark.django_db
def test_sqlite_backup_restores_into_an_empty_database_with_every_row_equal(tmp_path):
    # The backup reads committed pages: the shipped data that the session loaded.
    tables = populated_tables()
    backup = backup_database(tmp_path / "backup.sqlite3")

    restored_path = tmp_path / "leeg.sqlite3"
    # The same type conversions as Django's own SQLite connection, so values compare equal.
    restored = sqlite3.connect(
        restored_path, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
    )
    assert restored.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    restore_sqlite(backup, restored)
    with connection.cursor() as cursor:
        compared = assert_same_contents(cursor, restored.cursor(), tables)
    restored.close()
    assert compared > 8000


@on_sqlite
@pytest.mark.django_db
def test_a_damaged_backup_is_refused(tmp_path):
    damaged = tmp_path / "kapot.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    target = sqlite3.connect(tmp_path / "doel.sqlite3")
    with pytest.raises((BackupError, sqlite3.DatabaseError)):
        restore_sqlite(damaged, target)
    with pytest.raises(BackupError):
        restore_database(tmp_path / "bestaat-niet.sqlite3")


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # An empty DATABASE_URL means: the SQLite file in DJANGO_SQLITE_PATH.
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    environment.update({k: v for k, v in env.items() if v}, DJANGO_DEBUG="1")
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def sqlite_dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return list(db.iterdump())


@on_sqlite
def test_backup_and_restore_commands_round_trip_a_sqlite_file(tmp_path):
    original, backup, restored = (
        tmp_path / "a.sqlite3",
        tmp_path / "b.sqlite3",
        tmp_path / "c.sqlite3",
    )
    manage("migrate", "--noinput", "-v0", DJANGO_SQLITE_PATH=str(original), DATABASE_URL="")
    manage("load_shipped_data", "-v0", DJANGO_SQLITE_PATH=str(original), DATABASE_URL="")
    output = manage("backup", str(backup), DJANGO_SQLITE_PATH=str(original), DATABASE_URL="")
    assert str(backup) in output.stdout
    manage("restore", str(backup), "--noinput", DJANGO_SQLITE_PATH=str(restored), DATABASE_URL="")
    original_dump = sqlite_dump(original)
    assert any("steunpunten_steunpunt" in line for line in original_dump)
    assert sqlite_dump(restored) == original_dump


def pg_connect(settings_dict: dict, name: str):
    import psycopg

    return psycopg.connect(
        dbname=name,
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        autocommit=True,
    )


@pytest.fixture
def empty_postgresql_database():
    """A fresh, empty PostgreSQL database beside the test database; dropped afterwards."""
    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_herstel_{uuid.uuid4().hex[:8]}"
    with pg_connect(settings_dict, "postgres") as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield {**settings_dict, "NAME": name}
    with pg_connect(settings_dict, "postgres") as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@on_postgresql
@pytest.mark.django_db
def test_postgresql_backup_restores_into_an_empty_database_with_every_row_equal(
    tmp_path, empty_postgresql_database
):
    # pg_dump sees committed data only: the shipped data that the session loaded.
    from steunpunten.backup import pg_restore

    tables = populated_tables()
    backup = backup_database(tmp_path / "backup.dump")
    assert backup.read_bytes().startswith(b"PGDMP")
    pg_restore(backup, empty_postgresql_database)
    with (
        pg_connect(empty_postgresql_database, empty_postgresql_database["NAME"]) as restored,
        connection.cursor() as cursor,
    ):
        compared = assert_same_contents(cursor, restored.cursor(), tables)
    assert compared > 8000


@on_postgresql
@pytest.mark.django_db
def test_backup_and_restore_commands_round_trip_postgresql(tmp_path, empty_postgresql_database):
    settings_dict = connection.settings_dict

    def url(name: str) -> str:
        user = settings_dict.get("USER") or "postgres"
        host = settings_dict.get("HOST") or "127.0.0.1"
        port = settings_dict.get("PORT") or 5432
        password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
        return f"postgres://{user}{password}@{host}:{port}/{name}"

    backup = tmp_path / "vindplek.dump"
    manage("backup", str(backup), DATABASE_URL=url(settings_dict["NAME"]))
    target = empty_postgresql_database["NAME"]
    manage("restore", str(backup), "--noinput", DATABASE_URL=url(target))
    with pg_connect(settings_dict, target) as restored:
        count = restored.execute("SELECT count(*) FROM steunpunten_postcodegebied").fetchone()[0]
    assert count == 4066
