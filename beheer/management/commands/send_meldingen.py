"""Mail each SWV staff member one list of the reports that are new to them (hourly, systemd)."""

from django.core.management.base import BaseCommand, CommandError

from beheer.meldingen import send_new_reports


class Command(BaseCommand):
    help = (
        "Mailt elke SWV-medewerker één lijst met de nieuwe meldingen over de steunpunten van "
        "zijn samenwerkingsverbanden. Een melding gaat één keer naar iemand; nog een keer "
        "draaien verstuurt niets opnieuw."
    )

    def handle(self, *args, **options):
        uitkomst = send_new_reports()
        self.stdout.write(
            f"{uitkomst.mails} mail(s) met samen {uitkomst.meldingen} melding(en) verstuurd."
        )
        if uitkomst.mislukt:
            raise CommandError(
                f"{uitkomst.mislukt} mail(s) konden niet worden verstuurd; "
                "de volgende keer worden ze opnieuw geprobeerd."
            )
