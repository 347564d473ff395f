from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from steunpunten.backup import BackupError, backup_database, default_suffix


class Command(BaseCommand):
    help = (
        "Maak een back-up van de database terwijl de site draait (SQLite: online back-up; "
        "PostgreSQL: pg_dump -Fc). Zonder pad komt het bestand in backups/."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad", nargs="?", help="Bestand om de back-up in te schrijven.")
        parser.add_argument("--database", default="default")

    def handle(self, *args, pad=None, database="default", **options):
        try:
            if pad is None:
                stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
                pad = (
                    Path(settings.BASE_DIR)
                    / "backups"
                    / f"vindplek-{stamp}{default_suffix(database)}"
                )
            path = backup_database(Path(pad), using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Back-up geschreven naar {path}")
