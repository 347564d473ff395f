"""Look up the coordinates of steunpunten again (all, or those with only postcode precision)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from steunpunten.cache import bump_data_version
from steunpunten.geocoding import update_location
from steunpunten.models import LocatiePrecisie, Steunpunt


class Command(BaseCommand):
    help = "Zoekt de coördinaten van steunpunten opnieuw op (geopy, anders het PC4-midden)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--alleen-onnauwkeurig",
            action="store_true",
            help="alleen steunpunten zonder locatie op adresniveau",
        )
        parser.add_argument("--slug", action="append", default=[], help="alleen dit steunpunt")

    def handle(self, *args, **options):
        steunpunten = Steunpunt.objects.order_by("pk")
        if options["alleen_onnauwkeurig"]:
            steunpunten = steunpunten.exclude(locatie_precisie=LocatiePrecisie.ADRES)
        if options["slug"]:
            steunpunten = steunpunten.filter(slug__in=options["slug"])
        counts = {"adres": 0, "postcode": 0, "onbekend": 0}
        try:
            for steunpunt in steunpunten.iterator():
                locatie = update_location(steunpunt)
                steunpunt.save(update_fields=["lat", "lon", "locatie_precisie", "gewijzigd"])
                counts[locatie.precisie if locatie else "onbekend"] += 1
        finally:
            # Each save is its own transaction (a lookup may take seconds): move on once at the end.
            transaction.on_commit(bump_data_version)
        self.stdout.write(
            f"Op adres: {counts['adres']}, op postcode: {counts['postcode']}, "
            f"onbekend: {counts['onbekend']}"
        )
