"""Create or update the role groups (SWV-medewerker, OCW-medewerker). Safe to run again."""

from django.core.management.base import BaseCommand

from steunpunten.permissions import ensure_roles


class Command(BaseCommand):
    help = "Maakt de rollen (groepen met rechten) aan of werkt ze bij."

    def handle(self, *args, **options):
        for name, count in ensure_roles().items():
            self.stdout.write(f"{name}: {count} rechten")
