"""Steunpunten from the export's own sheet, filled in: preview per row, then all or nothing."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from beheer.management.bestandsplan import BestandsplanCommand
from beheer.steunpunt_import import SteunpuntImportError, steunpunten_apply, steunpunten_plan
from steunpunten import permissions


class Command(BestandsplanCommand):
    help = (
        "Leest steunpunten uit het blad “Steunpunten” van de Excel-export (of een CSV met "
        "dezelfde kolommen). Toont per regel wat er verandert; met fouten verandert er niets. "
        "Elke wijziging staat in de geschiedenis als “via import door <wie>”."
    )
    bestand_help = "een .xlsx- of .csv-bestand (UTF-8)"
    dry_run_help = "alleen laten zien wat er zou veranderen"
    fouten_tekst = (
        "{aantal} fout(en): er is niets veranderd. Verbeter het bestand en probeer het opnieuw."
    )
    proefdraai_tekst = "Proefdraai (--dry-run): er is niets veranderd."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--door",
            help="het e-mailadres van de beheerder die importeert (verplicht, behalve bij "
            "--dry-run); zo staat het in de geschiedenis",
        )

    def check_options(self, options) -> None:
        self.user = None if options["dry_run"] else self._beheerder(options.get("door"))

    def make_plan(self, data: bytes, filename: str):
        return steunpunten_plan(data, filename=filename)

    def plan_lines(self, plan) -> list[str]:
        lines = [plan.bestandsfout] if plan.bestandsfout else []
        return lines + [line for regel in plan.regels for line in regel.omschrijving()]

    def apply(self, plan, options) -> None:
        try:
            saved = steunpunten_apply(plan, user=self.user)
        except SteunpuntImportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Opgeslagen: {saved} steunpunt(en), via import door {self.user.email}.")

    def _beheerder(self, email: str | None):
        if not email:
            raise CommandError("Geef met --door het e-mailadres van de beheerder die importeert.")
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None or not permissions.is_beheerder(user):
            raise CommandError(f"{email} is geen actieve beheerder.")
        return user
