"""Invite many staff at once from a CSV or XLSX file (e-mail; naam; rol; swv_codes)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from beheer.login import invitation_days
from beheer.medewerkers import MedewerkerError
from beheer.uitnodigen import invitations_apply, invitations_from_file


class Command(BaseCommand):
    help = (
        "Nodigt medewerkers uit vanuit een CSV- of XLSX-bestand met de kolommen "
        "e-mail;naam;rol;swv_codes. Toont eerst per regel wat er gebeurt; met fouten verandert "
        "er niets. Opnieuw uitvoeren verandert niets en mailt niemand."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="een .csv- (UTF-8) of .xlsx-bestand")
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen laten zien wat er zou gebeuren"
        )

    def handle(self, *args, **options):
        path = Path(options["bestand"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan {path} niet lezen: {error.strerror}") from error
        plan = invitations_from_file(data, filename=path.name)
        for regel in plan.regels:
            self.stdout.write(regel.omschrijving())
        self.stdout.write(plan.samenvatting())
        if plan.fouten:
            raise CommandError(
                f"{len(plan.fouten)} regel(s) met een fout: er is niets veranderd. "
                "Verbeter het bestand en probeer het opnieuw."
            )
        if options["dry_run"]:
            self.stdout.write("Proefdraai (--dry-run): er is niets veranderd en niets gemaild.")
            return
        try:
            sent = invitations_apply(plan)
        except MedewerkerError as error:
            raise CommandError(f"{error} Er is niets veranderd.") from error
        for user, link in sent:
            self.stdout.write(f"Uitnodiging gemaild naar {user.email}: {link}")
        self.stdout.write(
            f"{len(sent)} uitnodiging(en) verstuurd; elke link werkt {invitation_days()} dagen."
        )
