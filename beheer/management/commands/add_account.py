"""Create a staff account of any role and mail it a set-password link (no passwords typed)."""

from django.core.management.base import BaseCommand, CommandError

from beheer.medewerkers import NIEUW, ROLLEN, MedewerkerError, account_save, invitation_send


class Command(BaseCommand):
    help = (
        "Maakt een account voor het beheer (rol swv, steunpunt, ocw of beheerder) en mailt een link om "
        "het wachtwoord te kiezen. Opnieuw uitvoeren voegt samenwerkingsverbanden toe en "
        "stuurt een nieuwe link."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="e-mailadres; daarmee logt de medewerker in")
        parser.add_argument("--rol", required=True, choices=sorted(ROLLEN), help="de rol")
        parser.add_argument(
            "--swv",
            nargs="+",
            default=[],
            metavar="CODE",
            help="codes zoals PO2707 VO2708 (alleen en verplicht bij --rol swv)",
        )
        parser.add_argument(
            "--steunpunt",
            default="",
            metavar="SLUG_OF_ID",
            help="het steunpunt (slug of id; alleen en verplicht bij --rol steunpunt)",
        )
        parser.add_argument("--naam", default="", help="voor- en achternaam (niet verplicht)")

    def handle(self, *args, **options):
        try:
            user, plan = account_save(
                email=options["email"],
                rol=options["rol"],
                swv_codes=options["swv"],
                naam=options["naam"],
                steunpunt=options["steunpunt"],
            )
        except MedewerkerError as error:
            raise CommandError(str(error)) from error
        swvs = ""
        if plan.rol == "swv":
            codes = user.medewerker.samenwerkingsverbanden.values_list("code", flat=True)
            swvs = f" ({', '.join(sorted(codes))})"
        elif plan.rol == "steunpunt":
            swvs = f" ({user.medewerker.steunpunt.naam})"
        verb = "Aangemaakt" if plan.actie == NIEUW else "Bijgewerkt"
        self.stdout.write(f"{verb}: {user.email}, {ROLLEN[plan.rol]}{swvs}")
        link = invitation_send(user)
        self.stdout.write(f"Wachtwoordlink gemaild naar {user.email}: {link}")
