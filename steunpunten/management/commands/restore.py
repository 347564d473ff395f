from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from steunpunten.backup import BackupError, restore_database


class Command(BaseCommand):
    help = "Zet een back-up terug. Dit vervangt ALLE gegevens in de database."

    def add_arguments(self, parser):
        parser.add_argument("pad", help="Het back-upbestand (van manage.py backup).")
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Niet om bevestiging vragen.",
        )

    def handle(self, *args, pad, database="default", interactive=True, **options):
        if interactive:
            answer = input(
                "Alle gegevens in de database worden vervangen. Typ 'ja' om door te gaan: "
            )
            if answer.strip().lower() != "ja":
                raise CommandError("Afgebroken; er is niets veranderd.")
        try:
            restore_database(Path(pad), using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Back-up {pad} teruggezet.")
