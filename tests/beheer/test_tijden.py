"""Editing the hours (issue 25): the week table, closures, channels and status through the edit
service, valid and invalid, with Dutch messages, the lock, the rights and the data version."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import QueryDict

from beheer import editing, tijden
from steunpunten.cache import current_version
from steunpunten.models import Kanaal, Sluiting, Steunpunt, Tijdvak
from tests.helpers import login_verified, make_staff, make_steunpunt

pytestmark = pytest.mark.django_db


def tijden_url(steunpunt) -> str:
    return f"/beheer/steunpunten/steunpunt/{steunpunt.pk}/tijden/"


def post_van(steunpunt, **waarden) -> QueryDict:
    """What the form posts: the stored state, with these inputs changed."""
    data = {"versie_bij_openen": str(steunpunt.versie), "bereikbaarheid": "normaal"}
    data.update(waarden)
    post = QueryDict(mutable=True)
    post.update(data)
    return post


@pytest.fixture
def eigen():
    return make_steunpunt(
        "PO2707", slug="eigen", telefoon="020 111 1111", plaats="Amsterdam", postcode="1011 AB"
    )


@pytest.fixture
def medewerker():
    return make_staff("tijden", "PO2707")


def bewaar(user, steunpunt, **waarden):
    formulier = tijden.formulier_uit_post(post_van(steunpunt, **waarden))
    return tijden.tijden_save(user=user, steunpunt_pk=steunpunt.pk, formulier=formulier)


def test_a_valid_week_is_saved_with_closures_channels_and_status(
    eigen, medewerker, django_capture_on_commit_callbacks
):
    eigen.telefonisch_bereikbaar = "op afspraak"
    eigen.save()
    voor = current_version()
    with django_capture_on_commit_callbacks(execute=True):
        bewaar(
            medewerker,
            eigen,
            **{
                "t-alg-0-0-van": "09:00",
                "t-alg-0-0-tot": "12:30",
                "t-alg-0-1-van": "13.00",
                "t-alg-0-1-tot": "16",
                "t-alg-6-0-van": "20:00",
                "t-alg-6-0-tot": "00:00",  # until midnight
                "t-inloop-2-0-van": "13:00",
                "t-inloop-2-0-tot": "15:00",
                "g-alg-van": "2026-01-01",
                "s-0-van": "2026-12-24",
                "s-0-tot": "2027-01-01",
                "s-0-reden": "kerstvakantie",
                "k-telefoon-talen": "nl, EN ar",
                "whatsapp": "06 12345678",
                "bereikbaarheid": "beperkt",
                "bereikbaarheid_melding": "Tot 6 januari alleen per e-mail.",
            },
        )
    eigen.refresh_from_db()
    slots = list(
        Tijdvak.objects.filter(steunpunt=eigen).values_list("kanaal", "weekdag", "van", "tot")
    )
    assert sorted(slots) == [
        ("", 0, datetime.time(9), datetime.time(12, 30)),
        ("", 0, datetime.time(13), datetime.time(16)),
        ("", 6, datetime.time(20), datetime.time(0)),
        ("inloop", 2, datetime.time(13), datetime.time(15)),
    ]
    assert Tijdvak.objects.filter(steunpunt=eigen, kanaal="").first().geldig_van == datetime.date(
        2026, 1, 1
    )
    sluiting = Sluiting.objects.get(steunpunt=eigen)
    assert (sluiting.van, sluiting.tot, sluiting.reden) == (
        datetime.date(2026, 12, 24),
        datetime.date(2027, 1, 1),
        "kerstvakantie",
    )
    assert Kanaal.objects.get(steunpunt=eigen, soort="telefoon").talen == "nl en ar"
    assert eigen.whatsapp == "06 12345678" and eigen.bereikbaarheid == "beperkt"
    assert eigen.telefonisch_bereikbaar == ""  # the table replaced the old text
    assert eigen.gecontroleerd_op == datetime.date.today() and eigen.versie == 1
    assert current_version() > voor  # on commit, through the edit service


INVALID = [
    (
        {"t-alg-0-0-van": "12:00", "t-alg-0-0-tot": "11:00"},
        "t-alg-0-0-tot",
        "De eindtijd moet na de begintijd liggen.",
    ),
    (
        {
            "t-alg-0-0-van": "9:00",
            "t-alg-0-0-tot": "12:00",
            "t-alg-0-1-van": "11:00",
            "t-alg-0-1-tot": "13:00",
        },
        "t-alg-0-1-van",
        "Deze tijd overlapt met een andere tijd op maandag (tot 12.00 uur).",
    ),
    (
        {"t-alg-1-0-van": "25:00", "t-alg-1-0-tot": "26:00"},
        "t-alg-1-0-van",
        "Een tijd ligt tussen 00:00 en 24:00.",
    ),
    (
        {"t-alg-1-0-van": "half tien", "t-alg-1-0-tot": "12:00"},
        "t-alg-1-0-van",
        "Vul een tijd in als 9:00 of 13:30.",
    ),
    ({"t-alg-1-0-van": "9:00"}, "t-alg-1-0-tot", "Vul ook de eindtijd in."),
    (
        {"t-alg-1-0-van": "24:00", "t-alg-1-0-tot": "00:00"},
        "t-alg-1-0-van",
        "Een begintijd ligt voor 24:00.",
    ),
    (
        {"g-alg-van": "2026-02-01", "g-alg-tot": "2026-01-01"},
        "g-alg-tot",
        "De einddatum moet na de begindatum liggen.",
    ),
    (
        {"s-0-van": "2026-12-24", "s-0-tot": "2026-12-20"},
        "s-0-tot",
        "De einddatum moet na de begindatum liggen.",
    ),
    ({"s-0-van": "31-02-2026"}, "s-0-van", "Deze datum bestaat niet."),
    ({"s-0-reden": "studiedag"}, "s-0-van", "Vul de eerste dag in dat het steunpunt dicht is."),
    (
        {"k-whatsapp-talen": "nl xx"},
        "k-whatsapp-talen",
        "Onbekende taalcode: xx. Gebruik bijvoorbeeld nl en ar tr pl uk.",
    ),
    (
        {"dicht_in_schoolvakanties": "1"},
        "vakantieregio",
        "Kies de regio van de schoolvakanties: anders weet Vindplek niet wanneer het steunpunt dicht is.",
    ),
    ({"bereikbaarheid": "misschien"}, "bereikbaarheid", "Kies hoe het steunpunt nu bereikbaar is."),
    (
        {"whatsapp": "12345"},
        "whatsapp",
        "Vul een Nederlands telefoonnummer in, bijvoorbeeld 020 123 4567, 06 12345678 of 0800 1234.",
    ),
    (
        {"videogesprek": "http://video.example.org/"},
        "videogesprek",
        "Gebruik een beveiligd webadres: begin met https:// in plaats van http://.",
    ),
]


@pytest.mark.parametrize(("waarden", "veld", "bericht"), INVALID)
def test_invalid_input_saves_nothing_and_says_why_in_dutch(
    eigen, medewerker, waarden, veld, bericht
):
    with pytest.raises(tijden.TijdenFout) as fout:
        bewaar(medewerker, eigen, **{"t-alg-4-0-van": "09:00", "t-alg-4-0-tot": "17:00", **waarden})
    assert fout.value.fouten[veld] == bericht
    assert not Tijdvak.objects.filter(steunpunt=eigen).exists()
    eigen.refresh_from_db()
    assert eigen.versie == 0


def test_the_lock_and_the_rights_hold(eigen, medewerker):
    formulier = tijden.formulier_uit_post(post_van(eigen, versie_bij_openen="7"))
    with pytest.raises(editing.ConflictError):
        tijden.tijden_save(user=medewerker, steunpunt_pk=eigen.pk, formulier=formulier)
    ander = make_staff("ander", "VO2708")
    with pytest.raises(PermissionDenied):
        bewaar(ander, eigen, **{"t-alg-0-0-van": "09:00", "t-alg-0-0-tot": "12:00"})
    assert not Tijdvak.objects.filter(steunpunt=eigen).exists()


def test_the_page_works_without_script(client, eigen, medewerker):
    eigen.inloopspreekuur = "elke eerste woensdag"
    eigen.save()
    login_verified(client, medewerker)
    pagina = client.get(tijden_url(eigen)).content.decode()
    assert "Openingstijden van het steunpunt" in pagina
    assert "Vul de tijden opnieuw in." in pagina and "elke eerste woensdag" in pagina
    assert pagina.count('name="t-alg-0-0-van"') == 1 and 'name="t-alg-0-1-van"' not in pagina
    # "Tijd erbij" brings the page back with what was typed and one more row; nothing saved
    data = {
        "versie_bij_openen": "0",
        "bereikbaarheid": "normaal",
        "t-alg-0-0-van": "09:00",
        "t-alg-0-0-tot": "12:00",
        "erbij": "alg-0",
    }
    pagina = client.post(tijden_url(eigen), data).content.decode()
    assert 'name="t-alg-0-1-van"' in pagina and 'value="09:00"' in pagina
    assert not Tijdvak.objects.filter(steunpunt=eigen).exists()
    # an error is shown beside its input and at the top, linked
    data.pop("erbij")
    data["t-alg-0-0-tot"] = "08:00"
    pagina = client.post(tijden_url(eigen), data).content.decode()
    assert 'href="#id_t-alg-0-0-tot"' in pagina and 'aria-invalid="true"' in pagina
    # a good save goes back to the page with a message
    data["t-alg-0-0-tot"] = "12:00"
    data["t-inloop-2-0-van"], data["t-inloop-2-0-tot"] = "13:00", "15:00"
    response = client.post(tijden_url(eigen), data, follow=True)
    assert "Opgeslagen: de tijden en bereikbaarheid" in response.content.decode()
    eigen.refresh_from_db()
    assert eigen.inloopspreekuur == ""
    assert client.get(tijden_url(make_steunpunt("VO2708", slug="ander"))).status_code in (403, 404)


def test_the_start_page_asks_to_enter_unreadable_hours_again(client, eigen, medewerker):
    eigen.telefonisch_bereikbaar = "op afspraak, bel ons"
    eigen.save()
    login_verified(client, medewerker)
    pagina = client.get("/beheer/").content.decode()
    assert "Vul de tijden opnieuw in" in pagina
    assert tijden_url(eigen) in pagina
    Steunpunt.objects.filter(pk=eigen.pk).update(telefonisch_bereikbaar="")
    assert "Vul de tijden opnieuw in" not in client.get("/beheer/").content.decode()
