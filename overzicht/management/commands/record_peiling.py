from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from steunpunten.peilingen import PeilingError, parse_peiling_datum, record_peiling


class Command(BaseCommand):
    help = "Leg de dekking van nu vast als peiling (een momentopname die nooit meer verandert)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--datum", help="Peildatum, bijvoorbeeld 2023-11-01 (standaard: vandaag)."
        )
        parser.add_argument("--omschrijving", default="", help="Korte omschrijving van de peiling.")
        parser.add_argument(
            "--historisch",
            action="store_true",
            help="Een peiling van vroeger: het tijdstip van vastleggen wordt de peildatum.",
        )

    def handle(self, *args, datum=None, omschrijving="", historisch=False, **options):
        try:
            day = parse_peiling_datum(datum) if datum else timezone.localdate()
            peiling = record_peiling(datum=day, omschrijving=omschrijving, historisch=historisch)
        except PeilingError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Peiling van {peiling.datum:%d-%m-%Y} vastgelegd: "
            f"{peiling.aantal_met_steunpunt} van {peiling.aantal_swv} met steunpunt."
        )
