"""Delete report data and old records of steunpunten after their retention (daily from cron)."""

from django.core.management.base import BaseCommand

from beheer.bewaartermijn import (
    REGISTRATIE_BEWAARJAREN,
    bewaardagen,
    ervaringscodes_purge,
    limieten_purge,
    meldingen_purge,
    registraties_purge,
)


class Command(BaseCommand):
    help = (
        "Verwijder meldingen ouder dan VINDPLEK_MELDINGEN_BEWAARDAGEN, verlopen tellers en "
        "registraties van steunpunten (contacten, maandtotalen, signalen, antwoorden op "
        "'Voelde u zich gesteund?') ouder dan 5 jaar, en verlopen ervaringscodes (60 dagen)."
    )

    def handle(self, *args, **options):
        meldingen = meldingen_purge()
        tellers = limieten_purge()
        registraties = registraties_purge()
        codes = ervaringscodes_purge()
        self.stdout.write(
            f"{meldingen} melding(en) ouder dan {bewaardagen()} dagen verwijderd; "
            f"{tellers} verlopen teller(s) verwijderd; {registraties} registratie(s) van "
            f"steunpunten ouder dan {REGISTRATIE_BEWAARJAREN} jaar verwijderd; "
            f"{codes} verlopen ervaringscode(s) verwijderd."
        )
