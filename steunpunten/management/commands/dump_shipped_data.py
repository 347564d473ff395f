from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from steunpunten.shipped import SHIPPED_FIXTURES


class Command(BaseCommand):
    help = "Schrijf de gegevens die het project meelevert naar fixtures/ (make fixtures)."

    def handle(self, *args, **options):
        for name, label in SHIPPED_FIXTURES:
            path = settings.BASE_DIR / "fixtures" / name
            call_command(
                "dumpdata",
                *label.split(),
                natural_foreign=True,
                natural_primary=True,
                indent=1,
                output=str(path),
                verbosity=0,
            )
            self.stdout.write(f"{path.name} geschreven")
