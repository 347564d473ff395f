from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand

from steunpunten.shipped import FIXTURE_FILTERS, SHIPPED_FIXTURES


class Command(BaseCommand):
    help = "Schrijf de gegevens die het project meelevert naar fixtures/ (make fixtures)."

    def handle(self, *args, **options):
        for name, label in SHIPPED_FIXTURES:
            path = settings.BASE_DIR / "fixtures" / name
            if name in FIXTURE_FILTERS:
                # One model, part of its rows (e.g. the demo steunpunten apart from the real ones).
                model = apps.get_model(label)
                rows = model.objects.filter(**FIXTURE_FILTERS[name]).order_by("pk")
                with open(path, "w", encoding="utf-8") as handle:
                    serializers.serialize(
                        "json",
                        rows,
                        stream=handle,
                        indent=1,
                        use_natural_foreign_keys=True,
                        use_natural_primary_keys=True,
                    )
            else:
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
