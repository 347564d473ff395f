"""Nothing is lost: a backup of a populated database restores into an empty one, row for row."""

import json
import os
import sqlite3
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from steunpunten.backup import (
    BackupError,
    backup_database,
    copy_sqlite,
    default_suffix,
    restore_database,
    restore_sqlite,
)
from steunpunten.models import Gegevensversie, Postcodegebied, School, Steunpunt

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
    assert compared >= Postcodegebied.objects.count() + School.objects.count()


DAMAGED_FILES = {
    "kapotte-kop.sqlite3": b"SQLite format 3\x00" + b"\x00" * 200,
    "geen-database.sqlite3": b"dit is geen database\n" * 50,
    "pg-archief.sqlite3": b"PGDMP" + b"\x01" * 300,
    "leeg.sqlite3": b"",
}


@on_sqlite
@pytest.mark.django_db
@pytest.mark.parametrize("name", DAMAGED_FILES)
def test_a_damaged_backup_is_refused_in_dutch_and_changes_nothing(tmp_path, name):
    damaged = tmp_path / name
    damaged.write_bytes(DAMAGED_FILES[name])
    target = sqlite3.connect(tmp_path / "doel.sqlite3")
    with pytest.raises(BackupError, match="geen bruikbare back-up"):
        restore_sqlite(damaged, target)
    before = (Steunpunt.objects.count(), list(Gegevensversie.objects.values_list("versie")))
    with pytest.raises(CommandError, match="geen bruikbare back-up van Vindplek") as error:
        call_command("restore", str(damaged), interactive=False)
    assert "Er is niets veranderd" in str(error.value)
    assert (Steunpunt.objects.count(), list(Gegevensversie.objects.values_list("versie"))) == before


@on_sqlite
@pytest.mark.django_db
def test_a_sqlite_file_of_another_application_is_refused(tmp_path):
    other = tmp_path / "ander.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE notities (tekst TEXT)")
    with pytest.raises(BackupError, match="geen bruikbare back-up"):
        restore_sqlite(other, sqlite3.connect(tmp_path / "doel.sqlite3"))


@pytest.mark.django_db
def test_a_missing_backup_file_gets_a_dutch_message(tmp_path):
    with pytest.raises(BackupError, match="Er is geen back-upbestand"):
        restore_database(tmp_path / "bestaat-niet.sqlite3")


@pytest.mark.django_db
def test_a_backup_file_is_readable_by_its_owner_only(tmp_path):
    old_umask = os.umask(0o022)
    try:
        backup = backup_database(tmp_path / "nieuw" / f"vindplek{default_suffix()}")
        # Written over an existing, world-readable file: still 0600.
        again = tmp_path / f"bestond{default_suffix()}"
        again.write_text("oud")
        again.chmod(0o644)
        backup_database(again)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(again.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700


SESSION_KEY = "sessiesleutelnietmeenemen0123456789"


@on_sqlite
@pytest.mark.django_db
def test_a_sqlite_backup_holds_no_sessions(tmp_path):
    # A live database file with a logged-in session in it.
    live = backup_database(tmp_path / "live.sqlite3")
    with sqlite3.connect(live) as db:
        db.execute(
            "INSERT INTO django_session VALUES (?, ?, ?)",
            (SESSION_KEY, "geheime-sessiegegevens", "2099-01-01 00:00:00"),
        )
    source = sqlite3.connect(live)
    copy_sqlite(source, tmp_path / "backup.sqlite3")
    source.close()
    with sqlite3.connect(tmp_path / "backup.sqlite3") as backup:
        assert backup.execute("SELECT count(*) FROM django_session").fetchone() == (0,)
        assert backup.execute("SELECT count(*) FROM steunpunten_steunpunt").fetchone()[0] > 0
    # Not even in a free page of the file.
    assert SESSION_KEY.encode() not in (tmp_path / "backup.sqlite3").read_bytes()


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
@pytest.mark.realdata
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
    # Every row is back; only the data version moved on (past every number used before).
    assert without_version(sqlite_dump(restored)) == without_version(original_dump)
    assert data_version(restored) > data_version(original)


def without_version(dump: list[str]) -> list[str]:
    return [line for line in dump if 'steunpunten_gegevensversie" VALUES' not in line]


def data_version(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT max(versie) FROM steunpunten_gegevensversie").fetchone()[0]


# The scenario of issue 15, finding 2, in one process with the per-process (locmem) cache:
# an answer cached after the backup must never come back after the restore and one more edit.
STALE_ANSWER_SCENARIO = """
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from steunpunten.cache import bump_version, current_version
from steunpunten.models import Steunpunt

steunpunt = Steunpunt.objects.published().filter(status="actief").order_by("pk").first()
swv = steunpunt.samenwerkingsverbanden.order_by("code").first()
area = (swv.postcodegebieden_po.first() or swv.postcodegebieden_vo.first()).pc4
urls = [f"/zoeken/?q={area}", f"/api/v1/zoeken?q={area}", steunpunt.get_absolute_url()]
call_command("backup", "{backup}", verbosity=0)
steunpunt.naam = "Naam die na het terugzetten niet meer bestaat"
steunpunt.save()
transaction.on_commit(bump_version)  # as every service ends (autocommit: at once)
client = Client()
assert all(steunpunt.naam in client.get(url).content.decode() for url in urls)
used = current_version()
call_command("restore", "{backup}", interactive=False, verbosity=0)
print("VERSIE:", used, "->", current_version())
Steunpunt.objects.exclude(pk=steunpunt.pk).order_by("pk").first().save()  # one more edit
transaction.on_commit(bump_version)
stale = [url for url in urls if steunpunt.naam in client.get(url).content.decode()]
print("OUDE ANTWOORDEN:", stale)
"""


@on_sqlite
@pytest.mark.processen  # a manage.py process on a file database
@pytest.mark.django_db
def test_a_restore_never_brings_back_answers_cached_before_it(tmp_path):
    database = backup_database(tmp_path / "site.sqlite3")
    backup = tmp_path / "backup.sqlite3"
    script = STALE_ANSWER_SCENARIO.replace("{backup}", str(backup))
    result = manage(
        "shell",
        "-c",
        script,
        DJANGO_SQLITE_PATH=str(database),
        DATABASE_URL="",
        DJANGO_ALLOWED_HOSTS="testserver",
        # The scenario is about the cached answers; the in-memory search index of this process
        # is built at once, not by a thread after the answer (steunpunten/indexen.py).
        VINDPLEK_INDEXEN_OP_ACHTERGROND="0",
    )
    assert "OUDE ANTWOORDEN: []" in result.stdout, result.stdout + result.stderr


@pytest.mark.django_db
def test_the_version_moves_past_a_given_number_and_never_back():
    from steunpunten.cache import bump_version, current_version

    far_ahead = 10**17  # beyond the clock, as after many edits following a restore
    bump_version(past=far_ahead)
    assert current_version() == far_ahead + 1
    bump_version()
    assert current_version() == far_ahead + 2  # never back to the clock


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
    assert compared >= Postcodegebied.objects.count() + School.objects.count()


@on_postgresql
@pytest.mark.django_db
@pytest.mark.realdata
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
    assert count == Postcodegebied.objects.count() == 4067


@on_postgresql
@pytest.mark.django_db
def test_a_postgresql_backup_holds_no_sessions(tmp_path, empty_postgresql_database):
    from steunpunten.backup import pg_restore

    settings_dict = connection.settings_dict
    # A committed session of a logged-in user, as on the live site (pg_dump sees committed rows).
    with pg_connect(settings_dict, settings_dict["NAME"]) as live:
        live.execute(
            "INSERT INTO django_session VALUES (%s, %s, now() + interval '1 day')",
            (SESSION_KEY, "geheime-sessiegegevens"),
        )
    try:
        backup = backup_database(tmp_path / "backup.dump")
    finally:
        with pg_connect(settings_dict, settings_dict["NAME"]) as live:
            live.execute("DELETE FROM django_session WHERE session_key = %s", (SESSION_KEY,))
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    pg_restore(backup, empty_postgresql_database)
    with pg_connect(empty_postgresql_database, empty_postgresql_database["NAME"]) as restored:
        assert restored.execute("SELECT count(*) FROM django_session").fetchone()[0] == 0
        assert restored.execute("SELECT count(*) FROM steunpunten_steunpunt").fetchone()[0] > 0


# Issue 23, findings 2 and 3, and the unwritable folder of finding 4.


@pytest.mark.django_db
def test_a_failed_backup_leaves_the_previous_backup_as_it_was(tmp_path, monkeypatch):
    previous = tmp_path / f"vindplek{default_suffix()}"
    previous.write_bytes(b"de vorige back-up")

    def dies_halfway(*args, **kwargs):
        Path(args[1]).write_bytes(b"half")  # copy_sqlite(connection, path), pg_dump(settings, path)
        raise BackupError("de schijf is vol")

    monkeypatch.setattr("steunpunten.backup.copy_sqlite", dies_halfway)
    monkeypatch.setattr("steunpunten.backup.pg_dump", dies_halfway)
    with pytest.raises(BackupError, match="de schijf is vol"):
        backup_database(previous)
    assert previous.read_bytes() == b"de vorige back-up"
    assert sorted(path.name for path in tmp_path.iterdir()) == [previous.name]


@on_postgresql
@pytest.mark.django_db
def test_a_failing_pg_dump_leaves_the_previous_backup_as_it_was(tmp_path, monkeypatch):
    previous = tmp_path / "vindplek.dump"
    previous.write_bytes(b"de vorige back-up")
    monkeypatch.setitem(connection.settings_dict, "NAME", "vindplek_bestaat_niet")
    with pytest.raises(BackupError, match="pg_dump is mislukt"):
        backup_database(previous)
    assert previous.read_bytes() == b"de vorige back-up"
    assert [path.name for path in tmp_path.iterdir()] == [previous.name]


@pytest.mark.django_db
def test_a_backup_into_a_folder_that_cannot_be_made_gets_a_dutch_message(tmp_path):
    in_the_way = tmp_path / "geen-map"
    in_the_way.write_text("een bestand, geen map")
    with pytest.raises(BackupError, match="Kan geen back-up schrijven in"):
        backup_database(in_the_way / "sub" / "vindplek.dump")
    with pytest.raises(CommandError, match="Kan geen back-up schrijven in"):
        call_command("backup", str(in_the_way / "vindplek.dump"))


@pytest.mark.django_db
def test_a_backup_into_a_read_only_folder_gets_a_dutch_message(tmp_path, monkeypatch):
    # The tests run as root, whom a mode of 0o555 does not stop: the refusal the system gives
    # anyone else is made here, where the file beside the destination is created.
    def refused(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("steunpunten.backup.create_private_file", refused)
    with pytest.raises(BackupError, match=r"Kan geen back-up schrijven in .*Permission denied"):
        backup_database(tmp_path / "vindplek.dump")
    with pytest.raises(CommandError, match="Er is niets veranderd"):
        call_command("backup", str(tmp_path / "vindplek.dump"))
    assert list(tmp_path.iterdir()) == []


@on_postgresql
@pytest.mark.django_db
def test_a_dump_of_another_database_is_refused_before_anything_changes(
    tmp_path, empty_postgresql_database
):
    from steunpunten.backup import pg_dump

    other = empty_postgresql_database
    with pg_connect(other, other["NAME"]) as db:
        db.execute("CREATE TABLE notities (tekst text)")
        db.execute("INSERT INTO notities VALUES ('van een andere toepassing')")
    dump = tmp_path / "ander.dump"
    pg_dump(other, dump)
    steunpunten = Steunpunt.objects.count()
    with pytest.raises(BackupError, match="geen back-up van Vindplek"):
        restore_database(dump)
    assert Steunpunt.objects.count() == steunpunten
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('public.notities')")
        assert cursor.fetchone()[0] is None
