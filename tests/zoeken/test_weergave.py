"""The answer as a parent sees it: one block per steunpunt, one status, one message (issue 14)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from steunpunten.models import Melding, SteunpuntStatus
from tests.helpers import make_steunpunt
from zoeken import search, weergave
from zoeken.antwoord import Keuze

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_a_steunpunt_for_both_sectors_shows_once(client):
    # Zeist: Ouder- en Jeugdsteunpunt Zuid-Oost Utrecht serves PO2603 and VO2603 (public page).
    html = page(client, "/zoeken/?q=3701AB")
    assert html.count('class="kaart-titel"') == 1  # the nearby ones are lines, not cards
    assert "Voor de basisschool en de middelbare school" in html
    # No filter can change this answer, so none is offered; the nearby ones are folded, at most 3.
    assert 'id="filters"' not in html
    assert '<details class="uitklap in-de-buurt" id="in-de-buurt">' in html
    assert html.count('class="buur"') <= weergave.NEARBY_SHOWN
    assert "kunnen u misschien niet helpen" in html


def test_nearby_steunpunten_are_short_lines_with_distance_and_phone(client):
    antwoord = search.answer("3701AB")
    nearest = antwoord.in_de_buurt[0]
    url = nearest.steunpunt.url  # the Dutch page (a request sets the language it answers in)
    html = page(client, "/zoeken/?q=3701AB")
    nabij = html[html.index('id="in-de-buurt"') : html.index("</details>")]
    regels = nabij.split('<li class="buur">')[1:]
    assert len(regels) == min(len(antwoord.in_de_buurt), weergave.NEARBY_SHOWN)
    first = regels[0]
    assert f'<a href="{url}">{nearest.steunpunt.naam}</a>' in first
    km = f"{nearest.afstand_km:.1f}"
    assert f'<span class="afstand">{km.replace(".", ",")} km</span>' in first
    tel = nearest.steunpunt.telefoon.replace(" ", "").replace("-", "")
    assert f'Bel <a href="tel:{tel}">{nearest.steunpunt.telefoon}</a>' in first
    # English writes the decimal point and links to the English page.
    english = page(client, "/en/zoeken/?q=3701AB")
    assert f'<span class="afstand">{km} km</span>' in english
    assert f'href="/en{url}"' in english


def test_a_phone_number_in_any_spelling_gives_a_working_tel_link(client):
    make_steunpunt(
        "PO2603", slug="plus-31", naam="Punt met landnummer", telefoon="+31 (0)20-123 45 67"
    )
    html = page(client, "/zoeken/?q=3701AB")
    # Not "+31(0)201234567": the (0) would make the number wrong when dialled.
    assert '<a href="tel:0201234567">+31 (0)20-123 45 67</a>' in html


def test_two_different_steunpunten_stand_side_by_side(client):
    make_steunpunt("PO2603", slug="alleen-po", naam="Alleen Basisschool Punt", voor_vo=False)
    html = page(client, "/zoeken/?q=3701AB")
    assert 'id="blok-po"' in html and 'id="blok-vo"' in html and "antwoord--twee" in html
    assert "Alleen Basisschool Punt" in html
    assert 'id="filters"' in html  # now the sector filter changes something


def test_the_group_filter_is_offered_only_when_it_changes_the_answer(client):
    assert "alleen voor jongeren?" not in page(client, "/zoeken/?q=3701AB")
    make_steunpunt("PO2603", slug="ouders", naam="Alleen Ouders Punt", voor_jongeren=False)
    html = page(client, "/zoeken/?q=3701AB")
    assert 'name="voor" value="jongeren"' in html


def test_in_oprichting_is_one_message(client):
    make_steunpunt("PO3103", slug="nieuw", naam="Nieuw Punt", status=SteunpuntStatus.IN_OPRICHTING)
    html = page(client, "/zoeken/?q=6001")
    assert "Nieuw Punt" in html and html.count("Dit steunpunt is in oprichting.") == 1
    # Never the card and "no steunpunt" for the same sector at once.
    assert 'id="blok-po"' in html or 'id="blok-po-vo"' in html
    blok = html[html.index('class="blok blok--in_oprichting"') :]
    assert "Uw regio heeft nog geen steunpunt" not in blok[: blok.index("</section>")]


def test_no_steunpunt_gives_the_national_route_once(client):
    html = page(client, "/zoeken/?q=6001")
    assert (
        html.count("Deze samenwerkingsverbanden hebben hun steunpunt nog niet op Vindplek gezet")
        == 1
    )
    assert "geen steunpunt" not in html  # it may well have one: never say it has none
    route = html.index(
        "Deze samenwerkingsverbanden hebben hun steunpunt nog niet op Vindplek gezet"
    )
    assert html.index("Ouders &amp; Onderwijs", route) < html.index("Onderwijsconsulenten", route)
    assert 'href="tel:08005010"' in html


@pytest.mark.realdata
def test_choice_labels_and_the_chosen_place_in_the_title(client):
    html = page(client, "/zoeken/?q=Laren")
    assert "Laren (Noord-Holland) — 1251–1252" in html and "gemeente Laren" not in html
    assert "Laren (gemeente Baarn, Utrecht) — 3744" in html
    assert "?q=1251&amp;plaats=Laren" in html
    result = page(client, "/zoeken/?q=1861&plaats=Bergen")
    assert "<h1>Steunpunten voor Bergen (Noord-Holland)</h1>" in result
    # A name that is no place of this postcode is not shown.
    assert "<h1>Steunpunten voor postcode 1861</h1>" in page(
        client, "/zoeken/?q=1861&plaats=Atlantis"
    )


def test_keuze_label_without_repetition():
    keuze = Keuze("Laren", "Baarn", "Utrecht", "3744", "3744")
    assert weergave.keuze_label(keuze) == "Laren (gemeente Baarn, Utrecht) — 3744"
    keuze = Keuze("Bergen", "Bergen (NH.)", "Noord-Holland", "1861", "1935")
    assert weergave.keuze_label(keuze) == "Bergen (Noord-Holland) — 1861–1935"
    # A label that already names the postcodes (to tell two choices apart) does not repeat them.
    keuze = Keuze("Hengelo", "Hengelo", "Overijssel", "7550", "7559", label_niveau=1)
    assert weergave.keuze_label(keuze).count("7550–7559") == 1


@pytest.mark.parametrize("url", ["/contact/", "/privacy/", "/toegankelijkheid/"])
def test_statements_name_the_owner_and_are_in_the_footer(client, url, settings):
    html = page(client, "/")
    assert f'href="{url}"' in html
    html = page(client, url)
    assert "Stichting Voorbeeld Vindplek" in html and "Voorbeeld, niet echt" in html
    settings.VINDPLEK_EIGENAAR = {
        "naam": "Stichting Echt",
        "email": "info@echt.example",
        "adres": "",
    }
    html = page(client, url)
    assert "Stichting Echt" in html and "info@echt.example" in html
    assert "Stichting Voorbeeld Vindplek" not in html


def test_privacy_names_the_retention_and_accessibility_the_model_parts(client, settings):
    settings.VINDPLEK_MELDINGEN_BEWAARDAGEN = 90
    assert "90 dagen nadat hij binnenkwam" in page(client, "/privacy/")
    html = page(client, "/toegankelijkheid/")
    for part in (
        "Nalevingsstatus",
        "Deze verklaring is opgesteld op",
        "Hoe wij de site testen",
        "Bekende problemen",
        "Een probleem melden",
    ):
        assert part in html


def test_report_data_is_deleted_after_the_retention_period(settings):
    settings.VINDPLEK_MELDINGEN_BEWAARDAGEN = 30
    steunpunt = make_steunpunt("PO2707", slug="meld")
    oud = Melding.objects.create(steunpunt=steunpunt, tekst="oud", email="a@example.org")
    nieuw = Melding.objects.create(steunpunt=steunpunt, tekst="nieuw", email="b@example.org")
    Melding.objects.filter(pk=oud.pk).update(
        aangemaakt=timezone.now() - datetime.timedelta(days=31)
    )
    call_command("purge_meldingen", verbosity=0)
    assert list(Melding.objects.values_list("pk", flat=True)) == [nieuw.pk]


def test_expired_rate_limit_counters_are_deleted():
    from django.core.cache import caches

    from beheer.bewaartermijn import limieten_purge

    cache = caches["limieten"]
    cache.set("melding:oud", 3, timeout=1)
    cache.set("melding:nu", 1, timeout=3600)
    assert limieten_purge(now=timezone.now() + datetime.timedelta(seconds=5)) == 1
    assert cache.get("melding:nu") == 1
