"""The national list of question themes a steunpunt records (issue 24); beheerders keep it."""

from django.db import migrations

THEMAS = [
    (
        "extra-ondersteuning",
        "Extra ondersteuning op school",
        "Wat de school extra doet of zou moeten doen voor een kind dat meer nodig heeft, zoals "
        "een ontwikkelingsperspectief, begeleiding of aanpassingen in de klas.",
    ),
    (
        "toelaatbaarheidsverklaring",
        "Toelaatbaarheidsverklaring",
        "De verklaring van het samenwerkingsverband die nodig is voor speciaal (basis)onderwijs: "
        "aanvragen, de duur, een weigering.",
    ),
    (
        "thuiszitten",
        "Thuiszitten",
        "Een kind dat niet of maar een deel van de week naar school gaat, of dreigt thuis te "
        "komen zitten; ook vrijstelling en schorsing of verwijdering.",
    ),
    (
        "vervoer",
        "Vervoer",
        "Leerlingenvervoer naar school: wie het regelt en betaalt, aanvragen en bezwaar bij de "
        "gemeente.",
    ),
    (
        "overstap-plaatsing",
        "Overstap of plaatsing",
        "Een passende school vinden: aanmelden, de zorgplicht van de school, de overstap naar "
        "een andere school of van basisschool naar middelbare school.",
    ),
    (
        "communicatie-school",
        "Communicatie met school",
        "Het contact tussen ouders, jongere en school loopt niet goed: gesprekken, afspraken, "
        "informatie die niet doorkomt.",
    ),
    (
        "jeugdhulp",
        "Jeugdhulp naast school",
        "Hulp van de gemeente of jeugdhulp die samen moet gaan met onderwijs, zoals zorg onder "
        "schooltijd of een combinatie van school en behandeling.",
    ),
    (
        "hoogbegaafdheid",
        "Hoogbegaafdheid",
        "Een kind dat meer uitdaging nodig heeft dan de school biedt, of vastloopt omdat het "
        "meer- of hoogbegaafd is.",
    ),
    (
        "anders",
        "Anders",
        "Een vraag die bij geen van de andere thema's past.",
    ),
]


def add_themas(apps, schema_editor):
    Thema = apps.get_model("steunpunten", "Thema")
    for volgorde, (code, naam, definitie) in enumerate(THEMAS, start=1):
        Thema.objects.update_or_create(
            code=code, defaults={"naam": naam, "definitie": definitie, "volgorde": volgorde * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("steunpunten", "0015_registratie")]

    operations = [migrations.RunPython(add_themas, migrations.RunPython.noop)]
