import time

from django.core.management.base import BaseCommand

from steunpunten.demo import demo_tijden, shift_demo_dates
from steunpunten.models import Samenwerkingsverband
from steunpunten.shipped import shipped_data_load


class Command(BaseCommand):
    help = "Laad de meegeleverde gegevens uit fixtures/ als de database nog leeg is."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Ook laden als er al gegevens zijn."
        )

    def handle(self, *args, force=False, **options):
        if Samenwerkingsverband.objects.exists() and not force:
            self.stdout.write("De database bevat al gegevens; niets geladen (gebruik --force).")
            return
        started = time.monotonic()
        report = self.stdout.write if options["verbosity"] >= 1 else None
        total = shipped_data_load(report=report)
        # The demo entries were "checked" relative to the day the fixtures were made: today.
        shift_demo_dates()
        # Their hours texts become slots, as the migration did for the data that was there.
        demo_tijden()
        if report:
            report(f"{total} rijen geladen in {time.monotonic() - started:.1f} s.")
