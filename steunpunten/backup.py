"""Back up and restore the database: SQLite's online backup API, or pg_dump/pg_restore.

A SQLite backup is itself a SQLite database file; a PostgreSQL backup is a pg_dump archive in
the custom format (`-Fc`). Both are consistent snapshots taken while the site keeps running.
A backup holds password hashes and TOTP secrets, so it is written readable by its owner only
(0600) and never holds the sessions: a session key from a backup would be a login. A restore
therefore logs everyone out, and moves the data version past every number used before, so no
cached answer from before the restore is ever served again (cache.bump_version, the call every
write of public data ends in).
"""

import os
import shutil
import sqlite3
import subprocess
from functools import partial
from pathlib import Path

from django.contrib.sessions.models import Session
from django.db import connections, transaction
from django.utils.translation import gettext as _

from .cache import bump_version, stored_version

SQLITE_SUFFIX = ".sqlite3"
POSTGRESQL_SUFFIX = ".dump"
FILE_MODE = 0o600
DIRECTORY_MODE = 0o700
# A backup of this site holds these tables; any other SQLite file is refused before a restore.
REQUIRED_TABLES = {"django_migrations", "steunpunten_steunpunt", "steunpunten_gegevensversie"}


class BackupError(Exception):
    """A backup or restore could not be made; the message (Dutch) says why."""


def vendor_of(using: str = "default") -> str:
    """The database kind behind a connection alias: "sqlite" or "postgresql"."""
    vendor = connections[using].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(
            _("Back-ups van %(soort)s-databases worden niet ondersteund.") % {"soort": vendor}
        )
    return vendor


def default_suffix(using: str = "default") -> str:
    """The file suffix a backup of this database gets."""
    return SQLITE_SUFFIX if vendor_of(using) == "sqlite" else POSTGRESQL_SUFFIX


def backup_database(destination: Path, using: str = "default") -> Path:
    """Write a consistent copy of the database, without sessions, to `destination` (0600).

    The copy is written to a private file beside the destination and renamed over it only when
    it is complete: a backup that fails leaves the previous file at that path as it was.
    """
    destination = Path(destination)
    partial = destination.with_name(f".{destination.name}.{os.getpid()}.deel")
    try:
        if not destination.parent.exists():
            destination.parent.mkdir(mode=DIRECTORY_MODE, parents=True)
        create_private_file(partial)
    except OSError as error:
        raise BackupError(
            _("Kan geen back-up schrijven in %(map)s (%(reden)s). Er is niets veranderd.")
            % {"map": destination.parent, "reden": error.strerror or error}
        ) from error
    try:
        if vendor_of(using) == "sqlite":
            connection = connections[using]
            connection.ensure_connection()
            copy_sqlite(connection.connection, partial)
        else:
            pg_dump(connections[using].settings_dict, partial)
        partial.chmod(FILE_MODE)
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return destination


def create_private_file(path: Path) -> None:
    """An empty file only its owner may read, created before any data is written to it."""
    if path.exists():
        path.unlink()
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))


def restore_database(source: Path, using: str = "default") -> None:
    """Replace the contents of the database with the backup in `source`."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(_("Er is geen back-upbestand %(pad)s.") % {"pad": source})
    before = stored_version(using=using)
    if vendor_of(using) == "sqlite":
        connection = connections[using]
        connection.ensure_connection()
        restore_sqlite(source, connection.connection)
    else:
        check_pg_archive(source, connections[using].settings_dict)
        connections[using].close()
        pg_restore(source, connections[using].settings_dict)
    # Past `before` too: the restored number and every one up to it were in use.
    transaction.on_commit(partial(bump_version, using, past=before), using=using)


def copy_sqlite(source: sqlite3.Connection, destination: Path) -> None:
    """Copy a live SQLite database page by page (the online backup API), then drop sessions."""
    target = sqlite3.connect(destination)
    try:
        source.backup(target)
        # The live database may use WAL; the backup is one self-contained file.
        target.execute("PRAGMA journal_mode=DELETE")
        tables = {row[0] for row in target.execute("SELECT name FROM sqlite_master")}
        if Session._meta.db_table in tables:
            # secure_delete zeroes the deleted rows: no session key stays behind in the file.
            target.execute("PRAGMA secure_delete = ON")
            target.execute(f'DELETE FROM "{Session._meta.db_table}"')
            target.commit()
    finally:
        target.close()


def restore_sqlite(source: Path, target: sqlite3.Connection) -> None:
    """Overwrite the database of `target` with the SQLite backup file `source`, once checked."""
    damaged = BackupError(
        _(
            "Het bestand %(pad)s is geen bruikbare back-up van Vindplek (beschadigd of een ander "
            "soort bestand). Er is niets veranderd."
        )
        % {"pad": source}
    )
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup:
            if backup.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise damaged
            tables = {row[0] for row in backup.execute("SELECT name FROM sqlite_master")}
            if not REQUIRED_TABLES.issubset(tables):
                raise damaged
            backup.backup(target)
    except sqlite3.DatabaseError as error:
        raise damaged from error


def _pg_environment(settings_dict: dict) -> dict[str, str]:
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[name] = str(settings_dict[key])
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return env


def _run(command: list[str], settings_dict: dict) -> None:
    _output(command, settings_dict)


def pg_dump(settings_dict: dict, destination: Path) -> None:
    """Dump a PostgreSQL database into a custom-format archive, the sessions' rows left out."""
    _run(
        [
            "pg_dump",
            "-Fc",
            "--no-owner",
            "--no-privileges",
            f"--exclude-table-data={Session._meta.db_table}",
            "-f",
            str(destination),
            "-d",
            settings_dict["NAME"],
        ],
        settings_dict,
    )


def check_pg_archive(source: Path, settings_dict: dict) -> None:
    """Refuse, before anything changes, an archive that is not a backup of Vindplek.

    Its table of contents must hold Vindplek's tables, and its migration table rows of
    Vindplek's own app: a dump of another database is never restored over this one.
    """
    damaged = BackupError(
        _(
            "Het bestand %(pad)s is geen back-up van Vindplek (beschadigd, of een back-up van een "
            "andere database). Er is niets veranderd."
        )
        % {"pad": source}
    )
    try:
        contents = _output(["pg_restore", "--list", str(source)], settings_dict)
        migrations = _output(
            ["pg_restore", "--data-only", "--table=django_migrations", "-f", "-", str(source)],
            settings_dict,
        )
    except BackupError as error:
        raise damaged from error
    tables = {
        words[words.index("TABLE") + 2]
        for words in (line.split() for line in contents.splitlines() if not line.startswith(";"))
        if "TABLE" in words and words.index("TABLE") + 2 < len(words)
    }
    if not REQUIRED_TABLES.issubset(tables) or "\tsteunpunten\t0001_initial\t" not in migrations:
        raise damaged


def _output(command: list[str], settings_dict: dict) -> str:
    """What a PostgreSQL client program printed; BackupError when it failed."""
    if shutil.which(command[0]) is None:
        raise BackupError(
            _("%(programma)s is niet geïnstalleerd (Debian: apt-get install postgresql-client).")
            % {"programma": command[0]}
        )
    result = subprocess.run(
        command, env=_pg_environment(settings_dict), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(
            _("%(programma)s is mislukt; er is niets veranderd. Melding: %(melding)s")
            % {"programma": command[0], "melding": result.stderr.strip()}
        )
    return result.stdout


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
