"""Delete report data after its retention period (run daily from cron)."""

from django.core.management.base import BaseCommand

from beheer.bewaartermijn import bewaardagen, limieten_purge, meldingen_purge


class Command(BaseCommand):
    help = "Verwijder meldingen ouder dan VINDPLEK_MELDINGEN_BEWAARDAGEN en verlopen tellers."

    def handle(self, *args, **options):
        meldingen = meldingen_purge()
        tellers = limieten_purge()
        self.stdout.write(
            f"{meldingen} melding(en) ouder dan {bewaardagen()} dagen verwijderd; "
            f"{tellers} verlopen teller(s) verwijderd."
        )
