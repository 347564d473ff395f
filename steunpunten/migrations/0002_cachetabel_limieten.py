"""The database cache table for rate limits (settings.CACHES["limieten"]), made with migrate."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # createcachetable is idempotent: it skips tables that exist.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("steunpunten", "0001_initial")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
