"""Invite many staff at once from a CSV or XLSX file (e-mail; naam; rol; swv_codes)."""

from django.core.management.base import CommandError

from beheer.invitations import invitations_apply, invitations_from_file
from beheer.login import invitation_days
from beheer.management.bestandsplan import BestandsplanCommand
from beheer.medewerkers import MedewerkerError


class Command(BestandsplanCommand):
    help = (
        "Nodigt medewerkers uit vanuit een CSV- of XLSX-bestand met de kolommen "
        "e-mail;naam;rol;swv_codes. Toont eerst per regel wat er gebeurt; met fouten verandert "
        "er niets. Opnieuw uitvoeren verandert niets en mailt niemand."
    )
    bestand_help = "een .csv- (UTF-8) of .xlsx-bestand"
    dry_run_help = "alleen laten zien wat er zou gebeuren"
    fouten_tekst = (
        "{aantal} regel(s) met een fout: er is niets veranderd. "
        "Verbeter het bestand en probeer het opnieuw."
    )
    proefdraai_tekst = "Proefdraai (--dry-run): er is niets veranderd en niets gemaild."

    def make_plan(self, data: bytes, filename: str):
        return invitations_from_file(data, filename=filename)

    def apply(self, plan, options) -> None:
        try:
            sent = invitations_apply(plan)
        except MedewerkerError as error:
            raise CommandError(f"{error} Er is niets veranderd.") from error
        for user, link in sent:
            self.stdout.write(f"Uitnodiging gemaild naar {user.email}: {link}")
        self.stdout.write(
            f"{len(sent)} uitnodiging(en) verstuurd; elke link werkt {invitation_days()} dagen."
        )
