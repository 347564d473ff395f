from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from steunpunten.imports import ImportFileError, import_alternatieve_namen


class Command(BaseCommand):
    help = (
        "Importeer de andere namen van plaatsen en gemeenten (Friese namen, oude gemeenten) uit "
        "een ;-gescheiden bestand, elk met zijn bron (data/alternatieve-namen.csv)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=settings.VINDPLEK_DATA_DIR / "alternatieve-namen.csv",
        )

    def handle(self, *args, path, **options):
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        try:
            result = import_alternatieve_namen(path)
        except ImportFileError as error:
            raise CommandError(f"{error}. Er is niets veranderd.") from error
        self.stdout.write(result.summary())
