"""Back up and restore the database: SQLite's online backup API, or pg_dump/pg_restore.

A SQLite backup is itself a SQLite database file; a PostgreSQL backup is a pg_dump archive in
the custom format (`-Fc`). Both are consistent snapshots taken while the site keeps running.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

SQLITE_SUFFIX = ".sqlite3"
POSTGRESQL_SUFFIX = ".dump"


class BackupError(Exception):
    """A backup or restore could not be made; the message says why."""


def vendor_of(using: str = "default") -> str:
    """The database kind behind a connection alias: "sqlite" or "postgresql"."""
    vendor = connections[using].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Back-ups of {vendor} databases are not supported.")
    return vendor


def default_suffix(using: str = "default") -> str:
    """The file suffix a backup of this database gets."""
    return SQLITE_SUFFIX if vendor_of(using) == "sqlite" else POSTGRESQL_SUFFIX


def backup_database(destination: Path, using: str = "default") -> Path:
    """Write a consistent copy of the database to `destination` and return that path."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    if vendor_of(using) == "sqlite":
        connection = connections[using]
        connection.ensure_connection()
        copy_sqlite(connection.connection, destination)
    else:
        pg_dump(connections[using].settings_dict, destination)
    return destination


def restore_database(source: Path, using: str = "default") -> None:
    """Replace the contents of the database with the backup in `source`."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"No backup file at {source}.")
    if vendor_of(using) == "sqlite":
        connection = connections[using]
        connection.ensure_connection()
        restore_sqlite(source, connection.connection)
    else:
        connections[using].close()
        pg_restore(source, connections[using].settings_dict)


def copy_sqlite(source: sqlite3.Connection, destination: Path) -> None:
    """Copy a live SQLite database page by page into a new file (the online backup API)."""
    if destination.exists():
        destination.unlink()
    target = sqlite3.connect(destination)
    try:
        source.backup(target)
    finally:
        target.close()


def restore_sqlite(source: Path, target: sqlite3.Connection) -> None:
    """Overwrite the database of `target` with the SQLite backup file `source`."""
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup:
        check = backup.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"The backup {source} is damaged: {check}")
        backup.backup(target)


def _pg_environment(settings_dict: dict) -> dict[str, str]:
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[name] = str(settings_dict[key])
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return env


def _run(command: list[str], settings_dict: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)."
        )
    result = subprocess.run(
        command, env=_pg_environment(settings_dict), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def pg_dump(settings_dict: dict, destination: Path) -> None:
    """Dump a PostgreSQL database into a custom-format archive."""
    _run(
        [
            "pg_dump",
            "-Fc",
            "--no-owner",
            "--no-privileges",
            "-f",
            str(destination),
            "-d",
            settings_dict["NAME"],
        ],
        settings_dict,
    )


def pg_restore(source: Path, settings_dict: dict) -> None:
    """Restore a custom-format archive into a PostgreSQL database, replacing what is there."""
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "-d",
            settings_dict["NAME"],
            str(source),
        ],
        settings_dict,
    )
