"""The old free-text hours become slots where the text is unambiguous (steunpunten/tijden_uit_tekst.py)."""

from django.db import migrations


def tekst_naar_tijdvakken(apps, schema_editor):
    from steunpunten.tijden_uit_tekst import omzetten

    Steunpunt = apps.get_model("steunpunten", "Steunpunt")
    Tijdvak = apps.get_model("steunpunten", "Tijdvak")
    for steunpunt in Steunpunt.objects.exclude(telefonisch_bereikbaar="", inloopspreekuur=""):
        omzetten(steunpunt, Tijdvak)


class Migration(migrations.Migration):
    dependencies = [("steunpunten", "0011_bereikbaarheid")]

    operations = [migrations.RunPython(tekst_naar_tijdvakken, migrations.RunPython.noop)]
