"""Steunpunten from the export's own sheet, filled in: preview per row, then all or nothing."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from beheer.importeren import SteunpuntImportError, steunpunten_apply, steunpunten_plan
from steunpunten import permissions


class Command(BaseCommand):
    help = (
        "Leest steunpunten uit het blad “Steunpunten” van de Excel-export (of een CSV met "
        "dezelfde kolommen). Toont per regel wat er verandert; met fouten verandert er niets. "
        "Elke wijziging staat in de geschiedenis als “via import door <wie>”."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="een .xlsx- of .csv-bestand (UTF-8)")
        parser.add_argument(
            "--door",
            help="het e-mailadres van de beheerder die importeert (verplicht, behalve bij "
            "--dry-run); zo staat het in de geschiedenis",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen laten zien wat er zou veranderen"
        )

    def handle(self, *args, **options):
        path = Path(options["bestand"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan {path} niet lezen: {error.strerror}") from error
        user = None
        if not options["dry_run"]:
            user = self._beheerder(options.get("door"))
        plan = steunpunten_plan(data, filename=path.name)
        if plan.bestandsfout:
            self.stdout.write(plan.bestandsfout)
        for regel in plan.regels:
            for line in regel.omschrijving():
                self.stdout.write(line)
        self.stdout.write(plan.samenvatting())
        if plan.fouten:
            raise CommandError(
                f"{len(plan.fouten)} fout(en): er is niets veranderd. Verbeter het bestand en "
                "probeer het opnieuw."
            )
        if options["dry_run"]:
            self.stdout.write("Proefdraai (--dry-run): er is niets veranderd.")
            return
        try:
            saved = steunpunten_apply(plan, user=user)
        except SteunpuntImportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Opgeslagen: {saved} steunpunt(en), via import door {user.email}.")

    def _beheerder(self, email: str | None):
        if not email:
            raise CommandError("Geef met --door het e-mailadres van de beheerder die importeert.")
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None or not permissions.is_beheerder(user):
            raise CommandError(f"{email} is geen actieve beheerder.")
        return user
