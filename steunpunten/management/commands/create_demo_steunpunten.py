from django.core.management.base import BaseCommand, CommandError

from steunpunten.demo import create_demo_steunpunten
from steunpunten.models import Samenwerkingsverband


class Command(BaseCommand):
    help = "Maak de vaste set voorbeeld-steunpunten (127 van de 150 SWV's gedekt); oude demo's gaan weg."

    def handle(self, *args, **options):
        if not Samenwerkingsverband.objects.exists():
            raise CommandError("Importeer eerst de regio-indeling (import_regio_indeling).")
        created, deleted = create_demo_steunpunten()
        self.stdout.write(f"{created} voorbeeld-steunpunten gemaakt ({deleted} oude verwijderd).")
