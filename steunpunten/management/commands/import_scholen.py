from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from steunpunten.imports import MAX_AANDEEL_WEG, ImportFileError, import_scholen


class Command(BaseCommand):
    help = "Importeer de schoolvestigingen van DUO uit een ;-gescheiden bestand."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=settings.VINDPLEK_DATA_DIR / "scholen-2024-11.csv",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=f"Ook importeren als het bestand meer dan {round(MAX_AANDEEL_WEG * 100)} %% van "
            "de scholen zou verwijderen.",
        )

    def handle(self, *args, path, force=False, **options):
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        try:
            result = import_scholen(path, force=force)
        except ImportFileError as error:
            raise CommandError(f"{path}, {error}. Er is niets veranderd.") from error
        self.stdout.write(result.summary())
