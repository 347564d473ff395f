"""Where a steunpunt's data comes from, on every page, in the API and the exports; and with
VINDPLEK_VOORBEELDEN off, no demo steunpunt anywhere and an honest answer instead (issue 19)."""

import datetime
import json

import pytest
from django.urls import reverse

from overzicht.exports import build_dekkingslijst, export_csv, to_json_data
from steunpunten.cache import bump_data_version
from steunpunten.models import Herkomst, Postcodegebied, Samenwerkingsverband, Steunpunt
from steunpunten.shipped import VOORBEELD_FIXTURE, fixture_paths
from tests.helpers import make_steunpunt

pytestmark = pytest.mark.django_db

NIET_OP_VINDPLEK = "heeft zijn steunpunt nog niet op Vindplek gezet"
# Emmen: the shipped data has a demo steunpunt here and no real one.
DEMO_SWV = "PO2202"


@pytest.fixture
def zonder_voorbeelden(settings):
    settings.VINDPLEK_VOORBEELDEN = False


def pc4_of(code: str) -> str:
    sector = code[:2].lower()
    return Postcodegebied.objects.filter(**{f"swv_{sector}__code": code}).first().pc4


def real_swv_codes() -> set[str]:
    echte = Steunpunt.objects.exclude(herkomst=Herkomst.VOORBEELD)
    return set(
        Samenwerkingsverband.objects.filter(steunpunten__in=echte).values_list("code", flat=True)
    )


def test_demo_steunpunten_are_only_loaded_where_wanted(settings):
    settings.VINDPLEK_VOORBEELDEN = False
    assert not any(path.endswith(VOORBEELD_FIXTURE) for path in fixture_paths())
    settings.VINDPLEK_VOORBEELDEN = True
    assert any(path.endswith(VOORBEELD_FIXTURE) for path in fixture_paths())


def test_off_means_a_demo_in_the_database_is_not_public(zonder_voorbeelden):
    assert Steunpunt.objects.voorbeelden().exists()
    assert not Steunpunt.objects.published().filter(herkomst=Herkomst.VOORBEELD).exists()
    demo = Steunpunt.objects.voorbeelden().first()
    assert demo.gepubliceerd
    assert self_page(demo).status_code == 404


def self_page(steunpunt):
    from django.test import Client

    return Client().get(reverse("zoeken:steunpunt", args=[steunpunt.slug]))


@pytest.mark.realdata
def test_off_no_page_api_answer_or_export_shows_a_demo_steunpunt(client, zonder_voorbeelden):
    demo_slugs = list(Steunpunt.objects.voorbeelden().values_list("slug", flat=True))
    demo_namen = list(Steunpunt.objects.voorbeelden().values_list("naam", flat=True))
    assert demo_slugs

    def clean(text: str) -> None:
        # (The site owner's example badge in the footer is another matter: eigenaar.py.)
        assert "0800-0000" not in text and "example.org" not in text
        assert not any(slug in text for slug in demo_slugs)
        assert not any(naam in text for naam in demo_namen)

    real = real_swv_codes()
    for swv in Samenwerkingsverband.objects.order_by("code"):
        pc4 = pc4_of(swv.code)
        page = client.get(reverse("zoeken:zoeken"), {"q": pc4}).content.decode()
        clean(page)
        clean(client.get(swv.get_absolute_url()).content.decode())
        antwoord = client.get("/api/v1/zoeken", {"q": pc4}).json()
        sector = antwoord["samenwerkingsverbanden"][swv.sector.lower()]
        assert all(s["herkomst"] != "voorbeeld" for s in sector["steunpunten"])
        assert all(s["herkomst"] != "voorbeeld" for s in antwoord["in_de_buurt"])
        if swv.code not in real:
            assert sector["steunpunten"] == [] and NIET_OP_VINDPLEK in sector["toelichting"]
            assert NIET_OP_VINDPLEK in page or "hun steunpunt nog niet op Vindplek" in page
    for pad in ("/api/v1/steunpunten", "/api/v1/samenwerkingsverbanden"):
        url = pad
        while url:
            body = client.get(url).json()
            clean(json.dumps(body, ensure_ascii=False))
            url = body["volgende"]
    for pad in (
        "/",
        "/over/",
        "/regio/",
        "/overzicht/",
        "/wegwijzer/?postcode=" + pc4_of(DEMO_SWV),
    ):
        clean(client.get(pad).content.decode())
    lijst = build_dekkingslijst(basis_url="https://vindplek.example.nl")
    clean(json.dumps(to_json_data(lijst), ensure_ascii=False))
    clean(export_csv(lijst).decode("utf-8"))


def test_off_an_swv_without_a_real_steunpunt_gets_the_honest_answer(client, zonder_voorbeelden):
    pc4 = pc4_of(DEMO_SWV)
    page = client.get(reverse("zoeken:zoeken"), {"q": pc4}).content.decode()
    assert "nog niet op Vindplek gezet" in page
    assert "geen steunpunt" not in page
    # The national route first: Ouders & Onderwijs as a tel: link, then the onderwijsconsulenten.
    assert page.index('href="tel:08005010"') < page.index("onderwijsconsulenten.nl")
    swv = Samenwerkingsverband.objects.get(code=DEMO_SWV)
    assert swv.naam in page
    swv_page = client.get(swv.get_absolute_url()).content.decode()
    assert f"Dit samenwerkingsverband {NIET_OP_VINDPLEK}" in swv_page
    assert 'href="tel:08005010"' in swv_page
    assert "Deze regio heeft nog geen steunpunt" not in swv_page
    api = client.get("/api/v1/zoeken", {"q": pc4}).json()["samenwerkingsverbanden"]["po"]
    assert api["heeft_steunpunt"] is False
    assert [h["naam"] for h in api["landelijke_hulp"]] == [
        "Ouders & Onderwijs",
        "Onderwijsconsulenten",
    ]
    assert api["landelijke_hulp"][0]["telefoon"] == "0800-5010"


def test_the_swv_page_shows_the_website_from_the_names_file(client, zonder_voorbeelden):
    swv = Samenwerkingsverband.objects.get(code="VO2810")
    assert swv.naam == "Koers VO" and swv.website == "https://www.koersvo.nl"
    page = client.get(swv.get_absolute_url()).content.decode()
    assert '<a href="https://www.koersvo.nl">koersvo.nl</a>' in page


def test_a_card_and_page_from_a_public_source_say_so_with_the_link(client):
    steunpunt = Steunpunt.objects.get(slug__startswith="ouder-en-jeugdsteunpunt-ppo-rotterdam")
    page = client.get(reverse("zoeken:zoeken"), {"q": pc4_of("PO2806")}).content.decode()
    assert (
        "Gevonden op een openbare website, nog niet bevestigd door het samenwerkingsverband."
        in page
    )
    assert f'href="{steunpunt.bron_url}"' in page and "Bron: pporotterdam.nl" in page
    detail = client.get(steunpunt.get_absolute_url()).content.decode()
    assert "nog niet door het samenwerkingsverband bevestigd" in detail
    assert "Bekijk de bron: pporotterdam.nl" in detail
    assert "Nog niet bevestigd door het samenwerkingsverband" in detail
    assert "mogelijk verouderd" not in detail  # it says "not confirmed" instead


def test_a_confirmed_steunpunt_says_by_whom_and_when(client):
    make_steunpunt(
        DEMO_SWV,
        slug="eigen-po2201",
        naam="Steunpunt Drenthe",
        telefoon="0592 123 456",
        herkomst=Herkomst.BEVESTIGD,
        gecontroleerd_op=datetime.date(2026, 11, 3),
    )
    page = client.get(reverse("zoeken:zoeken"), {"q": pc4_of(DEMO_SWV)}).content.decode()
    assert "Bevestigd door het samenwerkingsverband op 3 november 2026." in page
    detail = client.get("/steunpunten/eigen-po2201/").content.decode()
    assert "Bevestigd door het samenwerkingsverband op 3 november 2026" in detail


def test_a_demo_card_and_page_say_it_is_not_real(client):
    demo = Steunpunt.objects.voorbeelden().get(samenwerkingsverbanden__code=DEMO_SWV)
    page = client.get(reverse("zoeken:zoeken"), {"q": pc4_of(DEMO_SWV)}).content.decode()
    assert "Voorbeeld, niet echt" in page
    detail = client.get(demo.get_absolute_url()).content.decode()
    assert "Dit steunpunt bestaat niet echt" in detail and "Voorbeeld, niet echt" in detail


def test_without_a_phone_the_card_leads_with_the_website(client):
    steunpunt = Steunpunt.objects.get(slug__startswith="ouder-en-jeugdsteunpunt-hoeksche-waard")
    assert steunpunt.telefoon == "" and steunpunt.website
    page = client.get(reverse("zoeken:zoeken"), {"q": pc4_of("PO2804")}).content.decode()
    assert (
        f'<p class="bel">Kijk op <a href="{steunpunt.website}">ouder-jeugdsteunpunthw.nl</a></p>'
        in page
    )


def test_a_steunpunt_without_any_contact_puts_the_free_national_line_first(client):
    # A page can say only that the steunpunt exists (VO2706 Zaanstreek in the shipped data).
    steunpunt = Steunpunt.objects.get(slug__startswith="ouder-en-jeugdsteunpunt-hoeksche-waard")
    geen_contact = "Van dit steunpunt staan nog geen contactgegevens op Vindplek."
    gratis = (
        'Bel voor advies Ouders &amp; Onderwijs, gratis:\n  <a class="nowrap" href="tel:08005010">'
    )
    assert geen_contact not in client.get(steunpunt.get_absolute_url()).content.decode()
    leeg = dict.fromkeys(
        ("telefoon", "email", "website", "contactformulier", "straat", "huisnummer", "postcode"), ""
    )
    Steunpunt.objects.filter(pk=steunpunt.pk).update(plaats="", **leeg)
    bump_data_version()
    steunpunt.refresh_from_db()
    assert steunpunt.zonder_contact
    page = client.get(reverse("zoeken:zoeken"), {"q": pc4_of("PO2804")}).content.decode()
    detail = client.get(steunpunt.get_absolute_url()).content.decode()
    for html in (page, detail):
        assert geen_contact in html and gratis in html


def test_the_api_gives_herkomst_and_bron_url_on_every_steunpunt(client):
    antwoord = client.get("/api/v1/zoeken", {"q": pc4_of("PO2806")}).json()
    for sector in antwoord["samenwerkingsverbanden"].values():
        for s in sector["steunpunten"]:
            assert s["herkomst"] in Herkomst.values and "bron_url" in s
    for s in antwoord["in_de_buurt"]:
        assert s["herkomst"] in Herkomst.values and "bron_url" in s
    lijst = client.get("/api/v1/samenwerkingsverbanden", {"provincie": "zuid-holland"}).json()
    for swv in lijst["resultaten"]:
        for s in swv["steunpunten"]:
            assert s["herkomst"] in Herkomst.values and "bron_url" in s
    po2806 = next(swv for swv in lijst["resultaten"] if swv["code"] == "PO2806")
    assert po2806["steunpunten"][0]["herkomst"] == "openbare_bron"
    assert (
        po2806["steunpunten"][0]["bron_url"]
        == "https://pporotterdam.nl/wat-kan-ppo-rotterdam-doen-voor-mijn-kind/"
    )


def test_the_exports_name_herkomst_and_source_per_steunpunt():
    lijst = build_dekkingslijst(basis_url="https://vindplek.example.nl")
    rows = {r["code"]: r for r in to_json_data(lijst)["samenwerkingsverbanden"]}
    bron = rows["PO2806"]["steunpunten"][0]
    assert bron["herkomst"] == "openbare_bron" and bron["bron_url"].startswith(
        "https://pporotterdam.nl/"
    )
    assert rows[DEMO_SWV]["steunpunten"][0]["herkomst"] == "voorbeeld"
    text = export_csv(lijst).decode("utf-8-sig")
    header = text.splitlines()[0].split(";")
    assert "herkomst" in header and "bron_urls" in header
    po2806 = next(line.split(";") for line in text.splitlines() if line.startswith("PO2806;"))
    assert po2806[header.index("herkomst")] == "openbare_bron"
    assert len(po2806) == len(header)
