"""The stored name keys follow names.normalise_name, which now writes out abbreviations
("St." -> "sint", "aan den" -> "aan de"): recompute them for data loaded before."""

from django.db import migrations

from steunpunten.names import normalise_name


def recompute_keys(apps, schema_editor):
    Postcodegebied = apps.get_model("steunpunten", "Postcodegebied")
    Plaatsnaam = apps.get_model("steunpunten", "Plaatsnaam")
    changed = []
    for area in Postcodegebied.objects.only("gemeente", "gemeente_2015"):
        keys = (normalise_name(area.gemeente), normalise_name(area.gemeente_2015))
        if keys != (area.gemeente_sleutel, area.gemeente_2015_sleutel):
            area.gemeente_sleutel, area.gemeente_2015_sleutel = keys
            changed.append(area)
    Postcodegebied.objects.bulk_update(changed, ["gemeente_sleutel", "gemeente_2015_sleutel"])
    places = []
    for place in Plaatsnaam.objects.only("naam", "sleutel"):
        if normalise_name(place.naam) != place.sleutel:
            place.sleutel = normalise_name(place.naam)
            places.append(place)
    Plaatsnaam.objects.bulk_update(places, ["sleutel"])


class Migration(migrations.Migration):
    dependencies = [("steunpunten", "0008_herkomst")]

    operations = [migrations.RunPython(recompute_keys, migrations.RunPython.noop)]
