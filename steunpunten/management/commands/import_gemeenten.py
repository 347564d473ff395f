from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from steunpunten.imports import ImportFileError, import_gemeenten


class Command(BaseCommand):
    help = (
        "Importeer de huidige gemeente van elke postcode (PC4 -> gemeente, bron) uit een "
        ";-gescheiden bestand; de provincie van elke gemeente komt uit het scholenbestand van DUO."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=settings.VINDPLEK_DATA_DIR / "pc4-gemeente-2024.csv",
        )
        parser.add_argument(
            "--scholen",
            type=Path,
            default=settings.VINDPLEK_DATA_DIR / "scholen-2024-11.csv",
            help="Het scholenbestand van DUO (kolommen gemeente en provincie).",
        )

    def handle(self, *args, path, scholen, **options):
        for file in (path, scholen):
            if not file.is_file():
                raise CommandError(f"Bestand niet gevonden: {file}")
        try:
            result = import_gemeenten(path, scholen)
        except ImportFileError as error:
            raise CommandError(f"{error}. Er is niets veranderd.") from error
        self.stdout.write(result.summary())
