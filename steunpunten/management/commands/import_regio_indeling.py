from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from steunpunten.imports import ImportFileError, import_regio_indeling


class Command(BaseCommand):
    help = "Importeer de regio-indeling (PC4 -> gemeente, SWV PO, SWV VO) uit een ;-gescheiden bestand."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=settings.VINDPLEK_DATA_DIR / "regio-indeling-pc4.csv",
        )

    def handle(self, *args, path, **options):
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        try:
            result = import_regio_indeling(path)
        except ImportFileError as error:
            raise CommandError(f"{path}, {error}. Er is niets veranderd.") from error
        self.stdout.write(result.summary())
