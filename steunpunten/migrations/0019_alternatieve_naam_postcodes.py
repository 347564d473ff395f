"""A district (wijk) of data/alternatieve-namen.csv has a list of PC4 ranges, not one range."""

from django.db import migrations, models


def ranges_from_van_tot(apps, schema_editor):
    AlternatieveNaam = apps.get_model("steunpunten", "AlternatieveNaam")
    for naam in AlternatieveNaam.objects.exclude(pc4_van=""):
        van, tot = naam.pc4_van, naam.pc4_tot
        naam.postcodes = van if van == tot else f"{van}-{tot}"
        naam.save(update_fields=["postcodes"])


def van_tot_from_ranges(apps, schema_editor):
    AlternatieveNaam = apps.get_model("steunpunten", "AlternatieveNaam")
    for naam in AlternatieveNaam.objects.exclude(postcodes=""):
        parts = naam.postcodes.replace("-", " ").split()
        naam.pc4_van, naam.pc4_tot = parts[0], parts[-1]
        naam.save(update_fields=["pc4_van", "pc4_tot"])


class Migration(migrations.Migration):
    dependencies = [
        ("steunpunten", "0018_plaatsversie"),
    ]

    operations = [
        migrations.AddField(
            model_name="alternatievenaam",
            name="postcodes",
            field=models.CharField(blank=True, max_length=200, verbose_name="postcodes"),
        ),
        migrations.RunPython(ranges_from_van_tot, van_tot_from_ranges),
        migrations.RemoveField(model_name="alternatievenaam", name="pc4_van"),
        migrations.RemoveField(model_name="alternatievenaam", name="pc4_tot"),
    ]
