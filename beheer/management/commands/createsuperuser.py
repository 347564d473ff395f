"""The first beheerder: the e-mail address first (it is the login), then a password, in Dutch.

Replaces Django's own `createsuperuser`, which asks for a username and speaks English. The
account gets exactly the beheerder role (beheer/medewerkers.py). With --noinput the address
comes from --email (or DJANGO_SUPERUSER_EMAIL) and the password from DJANGO_SUPERUSER_PASSWORD;
without a password the account gets a set-password link by mail instead.
"""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from beheer.medewerkers import (
    ROL_BEHEERDER,
    MedewerkerError,
    account_save,
    invitation_send,
    normalise_email,
)


def _existing(email: str) -> bool:
    users = get_user_model().objects
    return users.filter(email__iexact=email).exists() or users.filter(username=email).exists()


class Command(BaseCommand):
    help = "Maakt een beheerder: eerst het e-mailadres (daarmee logt u in), dan het wachtwoord."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--email", help="het e-mailadres van de beheerder")
        parser.add_argument("--naam", default="", help="voor- en achternaam (niet verplicht)")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="niets vragen: --email (of DJANGO_SUPERUSER_EMAIL) en eventueel "
            "DJANGO_SUPERUSER_PASSWORD; zonder wachtwoord volgt een link per e-mail",
        )
        parser.add_argument("--database", help="genegeerd; voor Django's eigen aanroepen")

    def handle(self, *args, **options):
        self.stdin = options.get("stdin") or sys.stdin
        if options["interactive"]:
            email, naam, password = self._ask(options)
        else:
            email, naam, password = self._from_options(options)
        with transaction.atomic():
            try:
                user, _plan = account_save(email=email, rol=ROL_BEHEERDER, naam=naam)
            except MedewerkerError as error:
                raise CommandError(str(error)) from error
            if password:
                user.set_password(password)
                user.save(update_fields=["password"])
        self.stdout.write(f"Beheerder aangemaakt: {user.email}")
        if password:
            self.stdout.write(
                "Log in op /beheer/ met dit e-mailadres en uw wachtwoord; daarna stelt u uw "
                "authenticator-app in."
            )
        else:
            link = invitation_send(user)
            self.stdout.write(f"Wachtwoordlink gemaild naar {user.email}: {link}")

    def _from_options(self, options) -> tuple[str, str, str]:
        raw = options.get("email") or os.environ.get("DJANGO_SUPERUSER_EMAIL", "")
        if not raw:
            raise CommandError("Geef het e-mailadres met --email (of DJANGO_SUPERUSER_EMAIL).")
        email = self._new_email(raw)
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        if password:
            self._check_password(password, email)
        return email, options.get("naam") or "", password

    def _new_email(self, raw: str) -> str:
        try:
            email = normalise_email(raw)
        except MedewerkerError as error:
            raise CommandError(str(error)) from error
        if _existing(email):
            raise CommandError(f"Er is al een account met het e-mailadres {email}.")
        return email

    def _check_password(self, password: str, email: str) -> None:
        user = get_user_model()(username=email, email=email)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

    def _ask(self, options) -> tuple[str, str, str]:
        if not hasattr(self.stdin, "isatty") or not self.stdin.isatty():
            raise CommandError("Geen terminal om vragen te stellen. Gebruik --noinput met --email.")
        email = ""
        while not email:
            raw = options.get("email") or input("E-mailadres (daarmee logt u in): ")
            options["email"] = None
            try:
                email = self._new_email(raw)
            except CommandError as error:
                self.stderr.write(f"Fout: {error}")
        naam = options.get("naam") or input("Naam (niet verplicht): ").strip()
        while True:
            password = getpass.getpass("Wachtwoord: ")
            if not password.strip():
                self.stderr.write("Fout: het wachtwoord mag niet leeg zijn.")
                continue
            if getpass.getpass("Wachtwoord nog een keer: ") != password:
                self.stderr.write("Fout: de twee wachtwoorden zijn niet gelijk.")
                continue
            try:
                self._check_password(password, email)
            except CommandError as error:
                self.stderr.write(f"Fout: {error}")
                continue
            return email, naam, password
