from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from steunpunten.imports import ImportFileError
from steunpunten.openbare_bronnen import import_openbare_bronnen


class Command(BaseCommand):
    help = (
        "Importeer echte steunpunten en namen van samenwerkingsverbanden uit openbare bronnen "
        "(herkomst 'openbare_bron'); ze vervangen de voorbeeld-steunpunten van die SWV's."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "steunpunten",
            nargs="?",
            type=Path,
            default=settings.VINDPLEK_DATA_DIR / "steunpunten-openbare-bronnen.csv",
        )
        parser.add_argument(
            "--namen",
            type=Path,
            default=settings.VINDPLEK_DATA_DIR / "swv-namen-openbare-bronnen.csv",
            help="Namen en websites van samenwerkingsverbanden.",
        )

    def handle(self, *args, steunpunten, namen, **options):
        for path in (steunpunten, namen):
            if not path.is_file():
                raise CommandError(f"Bestand niet gevonden: {path}")
        try:
            result = import_openbare_bronnen(steunpunten, namen)
        except ImportFileError as error:
            raise CommandError(
                f"{error.bestand or steunpunten}, {error}. Er is niets veranderd."
            ) from error
        self.stdout.write(result.summary())
