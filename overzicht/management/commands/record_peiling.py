from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from steunpunten.peilingen import (
    PeilingError,
    parse_peiling_datum,
    record_peiling,
    record_peiling_totaal,
)


class Command(BaseCommand):
    help = (
        "Leg de dekking van nu vast als peiling (een momentopname die nooit meer verandert), "
        "of met --met-steunpunt en --aantal-swv een peiling van elders waarvan alleen het "
        "totaal bekend is."
    )

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
        parser.add_argument(
            "--met-steunpunt",
            type=int,
            help="Alleen het totaal: zoveel samenwerkingsverbanden hadden een steunpunt.",
        )
        parser.add_argument(
            "--aantal-swv", type=int, help="Alleen het totaal: van zoveel samenwerkingsverbanden."
        )

    def handle(self, *args, datum=None, omschrijving="", historisch=False, **options):
        met, aantal = options.get("met_steunpunt"), options.get("aantal_swv")
        if (met is None) != (aantal is None):
            raise CommandError("Geef --met-steunpunt en --aantal-swv samen, of geen van beide.")
        try:
            day = parse_peiling_datum(datum) if datum else timezone.localdate()
            if met is None:
                peiling = record_peiling(
                    datum=day, omschrijving=omschrijving, historisch=historisch
                )
            else:
                peiling = record_peiling_totaal(
                    datum=day,
                    aantal_swv=aantal,
                    aantal_met_steunpunt=met,
                    omschrijving=omschrijving,
                )
        except PeilingError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Peiling van {peiling.datum:%d-%m-%Y} vastgelegd: "
            f"{peiling.aantal_met_steunpunt} van {peiling.aantal_swv} met steunpunt."
        )
