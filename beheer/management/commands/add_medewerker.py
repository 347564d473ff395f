"""Add a SWV staff member by e-mail and send a link to set a password (no default passwords).

The shorthand of `add_account EMAIL --rol swv --swv CODE ...`, with --totp for enrolling someone
in person.
"""

import io

import qrcode
from django.core.management.base import BaseCommand, CommandError

from beheer.medewerkers import (
    MedewerkerError,
    add_medewerker,
    create_totp_device,
    invitation_send,
)


class Command(BaseCommand):
    help = "Voegt een SWV-medewerker toe (e-mailadres, SWV-codes) en stuurt een wachtwoordlink."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("swv", nargs="+", help="codes zoals PO2707 VO2708")
        parser.add_argument(
            "--totp",
            action="store_true",
            help="maak ook een TOTP-apparaat en toon de QR-code voor de authenticator-app",
        )

    def handle(self, *args, **options):
        try:
            user, created = add_medewerker(email=options["email"], swv_codes=options["swv"])
        except MedewerkerError as error:
            raise CommandError(str(error)) from error
        swvs = ", ".join(s.code for s in user.medewerker.samenwerkingsverbanden.all())
        self.stdout.write(f"{'Aangemaakt' if created else 'Bijgewerkt'}: {user.email} ({swvs})")
        link = invitation_send(user)
        self.stdout.write(f"Wachtwoordlink gemaild naar {user.email}: {link}")
        if options["totp"]:
            device = create_totp_device(user)
            self.stdout.write("Laat de medewerker deze QR-code scannen met een authenticator-app:")
            self.stdout.write(device.config_url)
            qr = qrcode.QRCode(border=1)
            qr.add_data(device.config_url)
            out = io.StringIO()
            qr.print_ascii(out=out)
            self.stdout.write(out.getvalue())
