"""Where parents already look (issue 25): the frame for school websites, posters with a QR
code, search engines (sitemap, robots.txt, JSON-LD, canonical, hreflang) and security.txt."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
import segno
from django.core.checks import run_checks
from django.urls import reverse
from django.utils import timezone

from steunpunten import poster
from steunpunten.cache import current_version
from steunpunten.models import PosterBezoek, School, Steunpunt
from tests.helpers import login_verified, make_staff, make_steunpunt
from tests.steunpunten.test_security_headers import assert_security_headers, parse_csp

pytestmark = pytest.mark.django_db

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


@pytest.fixture
def steunpunt():
    return make_steunpunt(
        "PO2707",
        "VO2708",
        slug="ojs-test",
        naam="Ouder- en Jeugdsteunpunt Test",
        telefoon="030 123 4567",
        telefonisch_bereikbaar="ma en wo 9.00–11.00 uur",
        email="info@ojs-test.example.nl",
        plaats="Utrecht",
        postcode="3511AB",
        straat="Teststraat",
        huisnummer="1",
    )


def school_with_steunpunt(steunpunt) -> School:
    """A school in a PC4 whose PO SWV is one the steunpunt serves."""
    return School.objects.filter(
        postcodegebied__swv_po__code="PO2707", soort__icontains="basis"
    ).first()


def body(response) -> str:
    return response.content.decode()


# --- The frame for school websites -----------------------------------------------------------


def embed_urls(school: School) -> list[str]:
    return [
        "/insluiten/",
        "/insluiten/?q=1011AB",
        "/insluiten/?q=Laren",
        "/insluiten/?q=%3Cscript%3E",
        f"/insluiten/school/{school.vestigingscode}/",
        "/insluiten/school/ZZZZ99/",
        "/en/insluiten/",
        f"/en/insluiten/school/{school.vestigingscode}/",
    ]


def other_public_urls(steunpunt, school) -> list[str]:
    return [
        "/",
        "/zoeken/?q=1011AB",
        steunpunt.get_absolute_url(),
        f"/steunpunten/{steunpunt.slug}/poster/",
        f"/scholen/{school.vestigingscode}/",
        f"/scholen/{school.vestigingscode}/poster/",
        "/samenwerkingsverbanden/PO2707/",
        "/regio/utrecht/",
        "/voor-scholen/",
        f"/voor-scholen/?school={school.vestigingscode}",
        "/en/voor-scholen/",
        "/robots.txt",
        "/sitemap.xml",
        "/.well-known/security.txt",
        "/bestaat-niet/",
        "/insluiten/extra/",  # not an embed page: the site's own 404
        "/beheer/login/",
    ]


def test_only_the_embed_pages_may_be_framed(client, steunpunt):
    school = school_with_steunpunt(steunpunt)
    for url in embed_urls(school):
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        assert "X-Frame-Options" not in response, url
        assert parse_csp(response["Content-Security-Policy"])["frame-ancestors"] == {"*"}, url
    for url in other_public_urls(steunpunt, school):
        response = client.get(url)
        assert response.status_code < 500, url
        assert_security_headers(response, url)  # frame-ancestors 'none' and DENY for HTML
        assert response["X-Frame-Options"] == "DENY", url


def test_embed_pages_set_no_cookie_and_need_no_script(client, steunpunt):
    school = school_with_steunpunt(steunpunt)
    for url in embed_urls(school):
        response = client.get(url)
        assert not response.cookies, url
        assert "Set-Cookie" not in response, url
        html = body(response)
        assert "<script" not in html and "csrfmiddlewaretoken" not in html, url
        assert 'method="get"' in html or "<form" not in html, url


def test_embed_links_open_on_vindplek_itself(client, steunpunt):
    school = school_with_steunpunt(steunpunt)
    for url in (f"/insluiten/school/{school.vestigingscode}/", "/insluiten/?q=1011AB"):
        html = body(client.get(url))
        assert steunpunt.get_absolute_url() in html
        for tag in re.findall(r"<a [^>]*>", html):
            href = re.search(r'href="([^"]*)"', tag).group(1)
            if href.startswith(("tel:", "mailto:", "/insluiten/", "/en/insluiten/")):
                continue
            assert 'target="_top"' in tag, (url, tag)
        assert "Links openen op Vindplek" in html


def test_the_school_frame_shows_its_steunpunt_directly(client, steunpunt):
    school = school_with_steunpunt(steunpunt)
    html = body(client.get(f"/insluiten/school/{school.vestigingscode}/"))
    assert school.naam in html
    assert steunpunt.naam in html and "030 123 4567" in html
    assert "Voor de basisschool" in html


def test_an_unknown_school_in_the_frame_is_a_friendly_404(client):
    for code in ("ZZZZ99", "abc", "00AH0%21"):
        response = client.get(f"/insluiten/school/{code}/")
        assert response.status_code == 404, code
        html = body(response)
        assert "Deze school kennen wij niet" in html
        assert 'name="q"' in html  # a search box instead


def test_a_school_code_in_lower_case_goes_to_its_own_frame(client, steunpunt):
    school = school_with_steunpunt(steunpunt)
    response = client.get(f"/insluiten/school/{school.vestigingscode.lower()}/")
    assert response.status_code == 302
    assert response["Location"] == f"/insluiten/school/{school.vestigingscode}/"


def test_one_school_found_in_the_frame_opens_its_frame(client, steunpunt):
    school = school_with_steunpunt(steunpunt)
    response = client.get(f"/insluiten/?q={school.vestigingscode}")
    assert response.status_code == 302
    assert response["Location"] == f"/insluiten/school/{school.vestigingscode}/"


def test_bad_input_in_the_frame_gets_a_dutch_message(client):
    response = client.get("/insluiten/?q=0123+AB")
    assert response.status_code == 400
    assert "foutmelding" in body(response)


def test_the_page_for_schools_gives_a_snippet_prefilled_for_the_school(client, steunpunt):
    school = school_with_steunpunt(steunpunt)
    school_page = body(client.get(f"/scholen/{school.vestigingscode}/"))
    assert f"/voor-scholen/?school={school.vestigingscode}" in school_page
    assert f"/scholen/{school.vestigingscode}/poster/" in school_page
    html = body(client.get(f"/voor-scholen/?school={school.vestigingscode}"))
    assert "Zet de steunpunt-zoeker op uw website" in html
    snippet = re.search(r'<textarea id="insluitcode"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert f"http://testserver/insluiten/school/{school.vestigingscode}/" in snippet
    assert "&lt;iframe" in snippet and "title=&quot;" in snippet
    gids = re.search(r'<textarea id="schoolgids"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert steunpunt.naam in gids and "030 123 4567" in gids


def test_the_page_for_schools_without_a_school_offers_the_search_frame(client):
    response = client.get("/voor-scholen/")
    assert response.status_code == 200
    html = body(response)
    assert "http://testserver/insluiten/&quot;" in html
    assert "ouder- en jeugdsteunpunt van uw regio" in html
    assert not response.cookies


@pytest.mark.parametrize(
    ("code", "message"),
    [("xx", "Een vestigingscode is 4 tekens"), ("99ZZ99", "Wij kennen geen school")],
)
def test_a_bad_school_code_on_the_page_for_schools_is_explained(client, code, message):
    response = client.get(f"/voor-scholen/?school={code}")
    assert response.status_code == 400
    html = body(response)
    assert message in html and 'href="#school"' in html


# --- Posters ----------------------------------------------------------------------------------


def qr_matrix_from_svg(svg: str) -> list[list[bool]]:
    """The dark modules of a served QR code, read back from its SVG path (one unit a module)."""
    size = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).group(1))
    grid = [[False] * size for _ in range(size)]
    path = re.search(r' d="([^"]+)"', svg).group(1)
    x = y = 0.0
    for command, args in re.findall(r"([MmHh])([^MmHh]*)", path):
        numbers = [float(n) for n in args.replace(",", " ").split()]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            length = numbers[0] if command == "h" else numbers[0] - x
            for column in range(int(x), int(x + length)):
                grid[int(y)][column] = True
            x += length
    return grid


def expected_matrix(url: str, border: int = 4) -> list[list[bool]]:
    code = segno.make(url, error="m", micro=False)
    return [[bool(v) for v in row] for row in code.matrix_iter(border=border)]


def test_the_steunpunt_poster_has_its_details_in_dutch_and_english_and_a_qr_code(client, steunpunt):
    response = client.get(f"/steunpunten/{steunpunt.slug}/poster/")
    assert response.status_code == 200
    html = body(response)
    assert steunpunt.naam in html and "030 123 4567" in html and "ma en wo 9.00–11.00 uur" in html
    assert "Vragen over passend onderwijs voor uw kind?" in html
    assert 'lang="en"' in html and "Questions about" in html
    assert "css/poster.css" in html and 'content="noindex"' in html
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    expected = "http://testserver/steunpunten/ojs-test/?via=poster"
    assert qr_matrix_from_svg(svg) == expected_matrix(expected)
    assert qr_matrix_from_svg(svg) != expected_matrix("http://testserver/steunpunten/ojs-test/")


def test_the_school_poster_names_the_school_and_points_to_its_page(client, steunpunt):
    school = school_with_steunpunt(steunpunt)
    html = body(client.get(f"/scholen/{school.vestigingscode}/poster/"))
    assert school.naam in html and steunpunt.naam in html
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    expected = f"http://testserver/scholen/{school.vestigingscode}/?via=poster"
    assert qr_matrix_from_svg(svg) == expected_matrix(expected)


def test_posters_of_unknown_or_unpublished_pages_are_404(client, steunpunt):
    steunpunt.gepubliceerd = False
    steunpunt.save()
    assert client.get(f"/steunpunten/{steunpunt.slug}/poster/").status_code == 404
    assert client.get("/scholen/ZZZZ99/poster/").status_code == 404
    assert client.get("/scholen/x/poster/").status_code == 404


def test_a_visit_through_the_poster_counts_once_and_lands_on_the_clean_address(
    client, steunpunt, django_capture_on_commit_callbacks
):
    versie = current_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.get(f"{steunpunt.get_absolute_url()}?via=poster")
    assert response.status_code == 302
    assert response["Location"] == steunpunt.get_absolute_url()
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert callbacks == [] and current_version() == versie  # not public data
    assert client.get(response["Location"]).status_code == 200  # the clean page counts nothing
    rij = PosterBezoek.objects.get(steunpunt=steunpunt)
    assert rij.aantal == 1 and rij.maand == timezone.localdate().replace(day=1)
    client.get(f"{steunpunt.get_absolute_url()}?via=poster")
    assert PosterBezoek.objects.get(steunpunt=steunpunt).aantal == 2


def test_the_count_stores_nothing_about_the_visitor():
    fields = {field.name for field in PosterBezoek._meta.get_fields()}
    assert fields == {"id", "steunpunt", "maand", "aantal"}


@pytest.mark.parametrize(
    ("method", "headers"),
    [
        ("head", {}),
        ("get", {"HTTP_SEC_PURPOSE": "prefetch;prerender"}),
        ("get", {"HTTP_PURPOSE": "prefetch"}),
        ("get", {"HTTP_X_MOZ": "prefetch"}),
        ("get", {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1)"}),
        ("get", {"HTTP_USER_AGENT": "facebookexternalhit/1.1"}),
    ],
)
def test_prefetches_heads_and_robots_are_not_counted(client, steunpunt, method, headers):
    response = getattr(client, method)(f"{steunpunt.get_absolute_url()}?via=poster", **headers)
    assert response.status_code == 302
    assert not PosterBezoek.objects.filter(steunpunt=steunpunt).exists()


def test_a_visit_to_the_school_page_through_its_poster_counts_for_its_steunpunt(client, steunpunt):
    school = school_with_steunpunt(steunpunt)
    response = client.get(f"/scholen/{school.vestigingscode}/?via=poster")
    assert response["Location"] == f"/scholen/{school.vestigingscode}/"
    assert PosterBezoek.objects.get(steunpunt=steunpunt).aantal == 1


def test_counts_are_kept_per_month(steunpunt):
    november = timezone.make_aware(datetime.datetime(2026, 11, 30, 23, 30))
    december = timezone.make_aware(datetime.datetime(2026, 12, 1, 0, 30))
    for moment in (november, november, december):
        poster.record_poster_visit(steunpunt_ids=[steunpunt.pk], moment=moment)
    visits = poster.recent_visits([steunpunt.pk], months=3, moment=december)[steunpunt.pk]
    assert visits == [
        (datetime.date(2026, 12, 1), 1),
        (datetime.date(2026, 11, 1), 2),
        (datetime.date(2026, 10, 1), 0),
    ]


def test_swv_staff_see_the_poster_visits_on_their_start_page(client, steunpunt):
    poster.record_poster_visit(steunpunt_ids=[steunpunt.pk])
    poster.record_poster_visit(steunpunt_ids=[steunpunt.pk])
    login_verified(client, make_staff("medewerker", "PO2707"))
    html = body(client.get("/beheer/"))
    assert "Bezoeken via de poster" in html
    maand = timezone.localdate().replace(day=1)
    assert re.search(rf"{maand:%Y}:\s+2", html)
    assert f"/steunpunten/{steunpunt.slug}/poster/" in html


# --- Search engines ---------------------------------------------------------------------------


def sitemap_urls(client) -> dict[str, ET.Element]:
    """Every <url> of every part of the sitemap, by its address."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    found = {}
    for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS):
        part = client.get(loc.text.removeprefix("http://testserver"))
        assert part.status_code == 200 and part["Content-Type"].startswith("application/xml")
        for url in ET.fromstring(part.content).findall("s:url", SITEMAP_NS):
            found[url.find("s:loc", SITEMAP_NS).text] = url
    return found


def test_the_sitemap_lists_the_public_pages_in_both_languages(client, steunpunt):
    hidden = make_steunpunt("PO2707", slug="verborgen", gepubliceerd=False)
    urls = sitemap_urls(client)
    base = "http://testserver"
    for path in (
        steunpunt.get_absolute_url(),
        "/samenwerkingsverbanden/PO2707/",
        f"/scholen/{school_with_steunpunt(steunpunt).vestigingscode}/",
        "/regio/utrecht/",
        "/regio/fryslan/" if "/regio/fryslan/" in str(urls) else "/regio/groningen/",
        "/",
        "/voor-scholen/",
    ):
        assert base + path in urls, path
        assert base + "/en" + path in urls, path
        links = {
            link.get("hreflang"): link.get("href")
            for link in urls[base + path].findall("x:link", SITEMAP_NS)
        }
        assert links == {"nl": base + path, "en": base + "/en" + path, "x-default": base + path}
    assert base + hidden.get_absolute_url() not in urls
    assert not any("/insluiten/" in url or "/poster/" in url or "/beheer/" in url for url in urls)
    assert urls[base + steunpunt.get_absolute_url()].find("s:lastmod", SITEMAP_NS) is not None
    swv = urls[base + "/samenwerkingsverbanden/PO2707/"].find("s:lastmod", SITEMAP_NS)
    assert swv is not None and swv.text.startswith(f"{steunpunt.gewijzigd:%Y-%m-%d}")
    assert Steunpunt.objects.published().count() * 2 == sum("/steunpunten/" in u for u in urls)


def test_robots_txt_allows_the_public_pages_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines
    for path in ("/beheer/", "/api/v1/", "/insluiten/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines and "Disallow: /zoeken/" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def jsonld(html: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_a_steunpunt_page_describes_its_service_for_search_engines(client, steunpunt):
    data = jsonld(body(client.get(steunpunt.get_absolute_url())))
    assert data["@context"] == "https://schema.org" and data["@type"] == "GovernmentService"
    assert data["name"] == steunpunt.naam
    assert data["telephone"] == "+31301234567"
    assert data["email"] == "info@ojs-test.example.nl"
    assert data["url"] == "http://testserver/steunpunten/ojs-test/"
    assert {p["identifier"] for p in data["provider"]} == {"PO2707", "VO2708"}
    assert all(p["@type"] == "Organization" for p in data["provider"])
    area = {a["name"] for a in data["areaServed"]}
    assert "Amsterdam" in area and all(
        a["@type"] == "AdministrativeArea" for a in data["areaServed"]
    )
    place = data["availableChannel"]["serviceLocation"]
    assert place["address"]["postalCode"] == "3511AB"


def test_an_swv_page_describes_the_organisation_and_its_steunpunt(client, steunpunt):
    data = jsonld(body(client.get("/samenwerkingsverbanden/PO2707/")))
    assert data["@type"] == "Organization" and data["identifier"] == "PO2707"
    assert data["areaServed"]
    offered = [offer["itemOffered"] for offer in data["makesOffer"]]
    mine = next(service for service in offered if service["name"] == steunpunt.naam)
    assert mine["@type"] == "GovernmentService" and mine["telephone"] == "+31301234567"
    assert mine["provider"][0]["identifier"] == "PO2707"


def test_json_ld_cannot_end_its_script_element(client):
    make_steunpunt("PO2707", slug="gevaarlijk", naam="Test </script><script>alert(1)</script>")
    html = body(client.get("/steunpunten/gevaarlijk/"))
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script and json.loads(script)["name"].startswith("Test </script>")


def canonical(html: str) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]+)">', html)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_pages_name_their_canonical_address_and_languages(client, steunpunt, prefix):
    school = school_with_steunpunt(steunpunt)
    for path in (
        "/",
        steunpunt.get_absolute_url(),
        "/samenwerkingsverbanden/PO2707/",
        f"/scholen/{school.vestigingscode}/",
        "/regio/utrecht/",
        "/voor-scholen/",
    ):
        html = body(client.get(prefix + path))
        assert canonical(html) == ["http://testserver" + prefix + path], path
        assert f'hreflang="nl" href="http://testserver{path}"' in html, path
        assert f'hreflang="en" href="http://testserver/en{path}"' in html, path
        assert 'hreflang="x-default"' in html, path
    results = body(client.get(prefix + "/zoeken/?q=1011AB"))
    assert canonical(results) == [] and 'name="robots" content="noindex"' in results


def title_and_description(html: str) -> tuple[str, str]:
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    return title, description


def test_titles_and_descriptions_say_what_a_parent_finds(client, steunpunt):
    title, description = title_and_description(body(client.get(steunpunt.get_absolute_url())))
    assert title == (
        "Ouder- en Jeugdsteunpunt Test – hulp bij passend onderwijs in Utrecht – Vindplek"
    )
    assert "Ouder- en Jeugdsteunpunt Test" in description and len(description) <= 300
    title, description = title_and_description(body(client.get("/regio/utrecht/")))
    assert "Utrecht" in title and "Utrecht" in description
    title, description = title_and_description(body(client.get("/samenwerkingsverbanden/PO2707/")))
    assert "basisschool" in description


def test_a_steunpunt_without_a_town_is_placed_by_its_gemeenten_or_province(client):
    make_steunpunt("PO2707", slug="zonder-plaats", naam="OJS Zonder Plaats")
    title, _ = title_and_description(body(client.get("/steunpunten/zonder-plaats/")))
    assert title.startswith("OJS Zonder Plaats – hulp bij passend onderwijs in ")
    assert title.removeprefix("OJS Zonder Plaats – hulp bij passend onderwijs in ").strip(" –")


# --- security.txt -----------------------------------------------------------------------------


def fields_of(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition(": ")
            found.setdefault(name, []).append(value)
    return found


def test_security_txt_follows_rfc_9116(client, settings):
    settings.VINDPLEK_SECURITY_CONTACT = ["mailto:security@vindplek.example.nl"]
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = fields_of(response.content.decode())
    assert fields["Contact"] == ["mailto:security@vindplek.example.nl"]
    assert fields["Preferred-Languages"] == ["nl, en"]
    assert fields["Canonical"] == ["http://testserver/.well-known/security.txt"]
    assert len(fields["Expires"]) == 1
    expires = datetime.datetime.fromisoformat(fields["Expires"][0].replace("Z", "+00:00"))
    now = timezone.now()
    assert now < expires < now + datetime.timedelta(days=365)


def test_security_txt_falls_back_to_the_owner_and_then_the_contact_page(client, settings):
    settings.VINDPLEK_SECURITY_CONTACT = []
    settings.VINDPLEK_EIGENAAR = {**settings.VINDPLEK_EIGENAAR, "email": "beheer@example.nl"}
    text = client.get("/.well-known/security.txt").content.decode()
    assert fields_of(text)["Contact"] == ["mailto:beheer@example.nl"]
    settings.VINDPLEK_EIGENAAR = {**settings.VINDPLEK_EIGENAAR, "email": ""}
    text = client.get("/.well-known/security.txt").content.decode()
    assert fields_of(text)["Contact"] == ["http://testserver/contact/"]


def test_a_configured_expiry_is_used_and_checked(client, settings):
    next_month = timezone.now().date() + datetime.timedelta(days=30)
    settings.VINDPLEK_SECURITY_VERLOOPT = next_month.isoformat()
    text = client.get("/.well-known/security.txt").content.decode()
    assert fields_of(text)["Expires"] == [f"{next_month:%Y-%m-%d}T23:59:59Z"]
    assert not [c for c in run_checks() if c.id.startswith("vindplek.W10")]
    for value, check in (
        ("2020-01-01", "vindplek.W102"),
        ("2099-01-01", "vindplek.W103"),
        ("morgen", "vindplek.W101"),
    ):
        settings.VINDPLEK_SECURITY_VERLOOPT = value
        assert check in {c.id for c in run_checks()}, value
        assert client.get("/.well-known/security.txt").status_code == 200


def test_reverse_names_of_the_new_pages():
    assert reverse("zoeken:insluiten") == "/insluiten/"
    assert reverse("zoeken:voor_scholen") == "/voor-scholen/"
    assert reverse("security_txt") == "/.well-known/security.txt"


# --- Hours, once a steunpunt has them as times --------------------------------------------------


@pytest.fixture
def met_tijden(steunpunt):
    from steunpunten.models import Sluiting, Tijdvak

    for weekdag in (0, 2):
        Tijdvak.objects.create(
            steunpunt=steunpunt, weekdag=weekdag, van=datetime.time(9), tot=datetime.time(11)
        )
    Tijdvak.objects.create(
        steunpunt=steunpunt,
        kanaal="inloop",
        weekdag=3,
        van=datetime.time(13),
        tot=datetime.time(15),
    )
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    Sluiting.objects.create(steunpunt=steunpunt, van=morgen, tot=morgen, reden="Studiedag")
    return steunpunt


def test_json_ld_gives_the_phone_hours_and_the_walk_in_hours(client, met_tijden):
    data = jsonld(body(client.get(met_tijden.get_absolute_url())))
    telefoon = data["availableChannel"]["servicePhone"]
    assert telefoon["telephone"] == "+31301234567"
    weekly = [h for h in telefoon["hoursAvailable"] if "dayOfWeek" in h]
    assert weekly == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{dag}",
            "opens": "09:00",
            "closes": "11:00",
        }
        for dag in ("Monday", "Wednesday")
    ]
    morgen = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    closed = [h for h in telefoon["hoursAvailable"] if "dayOfWeek" not in h]
    assert closed == [
        {
            "@type": "OpeningHoursSpecification",
            "opens": "00:00",
            "closes": "00:00",
            "validFrom": morgen,
            "validThrough": morgen,
        }
    ]
    plek = data["availableChannel"]["serviceLocation"]["openingHoursSpecification"]
    assert [(h.get("dayOfWeek"), h["opens"], h["closes"]) for h in plek][0] == (
        "https://schema.org/Thursday",
        "13:00",
        "15:00",
    )


def test_the_poster_gives_the_week_in_dutch_and_english(client, met_tijden):
    html = body(client.get(f"/steunpunten/{met_tijden.slug}/poster/"))
    assert "Maandag" in html and "Monday" in html and "Woensdag" in html
    assert "9.00–11.00 uur" in html
    assert "Dinsdag" not in html  # closed days are left out
    assert "Studiedag" in html
    assert "ma en wo 9.00–11.00 uur" not in html  # the free text gives way to the times
    assert "Nu bereikbaar" not in html  # paper: no "now"


def test_the_frame_says_when_the_steunpunt_can_be_reached_now(client, met_tijden):
    from steunpunten.bereikbaarheid import bereikbaar_nu

    zin = bereikbaar_nu(met_tijden).zin
    assert zin
    assert zin in body(client.get("/insluiten/?q=1011AB"))


def test_the_school_poster_gives_the_week_of_its_steunpunt(client, met_tijden):
    school = school_with_steunpunt(met_tijden)
    html = body(client.get(f"/scholen/{school.vestigingscode}/poster/"))
    assert "Maandag" in html and "Monday" in html and "9.00–11.00 uur" in html
