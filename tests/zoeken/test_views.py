"""The public pages: search results, error pattern, hooks, detail pages, regio, wegwijzer."""

import datetime
import gzip
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from steunpunten.models import Herkomst, Steunpunt
from tests.helpers import make_steunpunt

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_home_explains_and_has_one_search_field(client):
    html = page(client, "/")
    assert "Informeren." in html and "Steunen." in html and "Signaleren." in html
    assert '<label for="q">Postcode, plaats of school</label>' in html
    assert 'name="q" id="q"' in html
    assert "novalidate" in html and " required" not in html
    assert 'href="/regio/utrecht/"' in html


@pytest.mark.parametrize(
    "url",
    ["/", "/regio/", "/wegwijzer/", "/over/", "/toegankelijkheid/", "/api/", "/zoeken/?q=1011AB"],
)
def test_navigation_links_every_section(client, url):
    html = page(client, url)
    for href in (
        "/",
        "/regio/",
        "/wegwijzer/",
        "/overzicht/",
        "/over/",
        "/contact/",
        "/privacy/",
        "/toegankelijkheid/",
        "/api/",
    ):
        assert f'href="{href}"' in html
    assert 'class="nl-skip-link nl-skip-link--visible-on-focus" href="#inhoud"' in html
    assert "Vindplek is een dienst van" in html


def test_results_show_both_sectors_side_by_side(client):
    html = page(client, "/zoeken/?q=1011+ab")
    # One steunpunt serves both sectors here: one block that says so.
    assert 'id="blok-po-vo"' in html and 'id="blok-po"' not in html
    assert "Voor de basisschool en de middelbare school" in html
    assert "PO 27-07" in html and "VO 27-08" in html
    assert 'id="in-de-buurt"' in html
    assert "Dan telt de regio van de school." in html and ">Zoek op school</a>" in html
    assert 'value="1011 ab"' in html
    assert 'href="/wegwijzer/?postcode=1011"' in html
    assert title(html).startswith("Zoeken naar 1011 ab")
    # Amsterdam's steunpunt comes from a public page, and says so.
    assert "Gevonden op een openbare website, nog niet bevestigd" in html


def test_fallback_box_when_the_region_has_no_steunpunt(client):
    html = page(client, "/zoeken/?q=6001")
    assert (
        html.count("Deze samenwerkingsverbanden hebben hun steunpunt nog niet op Vindplek gezet")
        == 1
    )
    assert 'href="tel:08005010"' in html
    assert 'href="https://oudersenonderwijs.nl/"' in html
    assert "ouders-onderwijs.nl" not in html
    assert "onderwijsconsulenten.nl" in html


def test_europoort(client):
    html = page(client, "/zoeken/?q=3198")
    assert "geen samenwerkingsverband" in html
    assert "Europoort" in html
    assert 'id="antwoord"' not in html


@pytest.mark.realdata
def test_approximated_postcode_says_so(client):
    html = page(client, "/zoeken/?q=5352")
    assert "Dit is een benadering" in html
    assert 'id="antwoord"' in html


def test_unknown_postcode(client):
    html = page(client, "/zoeken/?q=1010", status=404)
    assert "We kennen deze postcode niet" in html
    assert "zoek op de naam van uw plaats" in html


def test_empty_query_shows_the_form_without_error(client):
    html = page(client, "/zoeken/?q=")
    assert 'id="q"' in html and 'id="foutsamenvatting"' not in html
    assert not title(html).startswith("Fout")
    page(client, "/zoeken/")


@pytest.mark.realdata
def test_choice_list(client):
    html = page(client, "/zoeken/?q=Rijswijk")
    assert 'id="keuzes"' in html
    assert html.count('href="/zoeken/?q=') >= 3
    html = page(client, "/zoeken/?q=Rotterdam")
    assert 'id="andere-delen"' in html and "Hoek van Holland (gemeente Rotterdam" in html


def test_error_pattern(client):
    html = page(client, "/zoeken/?q=0123+AB", status=400)
    assert title(html).startswith("Fout: ")
    summary = re.search(r'<div class="foutsamenvatting" id="foutsamenvatting"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in summary and "autofocus" in summary and 'role="alert"' in summary
    assert '<a href="#q">Een postcode begint niet met een 0.' in html
    assert 'id="q-fout"' in html
    assert 'aria-describedby="q-hulp q-fout"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="0123 AB"' in html
    assert "novalidate" in html and " required" not in html
    assert 'autocomplete="postal-code"' not in html


def test_bad_input_is_escaped(client):
    html = page(client, "/zoeken/?q=%3Cscript%3Ealert(1)%3C/script%3E", status=404)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    html = page(client, "/zoeken/?q=" + "1" * 200, status=400)
    assert "te lang" in html


def test_filters_on_the_results_page(client):
    html = page(client, "/zoeken/?q=1011&sector=PO")
    assert 'id="blok-po"' in html and "blok-po-vo" not in html
    assert 'value="PO" checked' in html and 'id="filters" open' in html
    make_steunpunt("PO2707", slug="alleen-ouders", naam="Alleen Ouders Punt", voor_jongeren=False)
    assert "Alleen Ouders Punt" in page(client, "/zoeken/?q=1011&voor=ouders")
    assert "Alleen Ouders Punt" not in page(client, "/zoeken/?q=1011&voor=jongeren")
    # Values that are no choice are ignored, never an error page.
    assert 'id="antwoord"' in page(client, "/zoeken/?q=1011&sector=XX&voor=niemand")


def test_unpublished_steunpunten_never_show(client):
    make_steunpunt("PO2707", slug="concept", naam="Conceptpunt", gepubliceerd=False)
    assert "Conceptpunt" not in page(client, "/zoeken/?q=1011")
    page(client, "/steunpunten/concept/", status=404)
    assert "Conceptpunt" not in page(client, "/samenwerkingsverbanden/PO2707/")


def test_steunpunt_detail(client):
    steunpunt = make_steunpunt(
        "PO2707",
        slug="detail",
        naam="Detailpunt",
        telefoon="020-1234567",
        straat="Dam",
        huisnummer="1",
        postcode="1012 JS",
        plaats="Amsterdam",
        lat=52.373,
        lon=4.893,
        talen="Nederlands, Arabisch",
        herkomst=Herkomst.VOORBEELD,
        gecontroleerd_op=datetime.date(2020, 1, 1),
    )
    html = page(client, steunpunt.get_absolute_url())
    assert "mogelijk verouderd" in html
    assert "Dit is een voorbeeld." in html
    assert "https://www.openstreetmap.org/directions?to=52.37300%2C4.89300" in html
    assert "Nederlands, Arabisch" in html and "Dam 1, 1012 JS Amsterdam" in html
    assert "Komt u er niet uit?" in html and "0800-5010" in html
    assert "onderwijsgeschillen.nl" in html and "onderwijsconsulenten.nl" in html
    # Contact first, then what it offers; the route in its order.
    assert html.index('id="contact"') < html.index('id="voor-wie"')
    route = html[html.index('id="niet-uit"') :]
    steps = ["De school.", "Het samenwerkingsverband.", "Dit steunpunt.", "Ouders &amp; Onderwijs"]
    steps += ["Onderwijsconsulenten", "Geschillencommissie"]
    assert [route.index(step) for step in steps] == sorted(route.index(step) for step in steps)
    assert 'id="melding"' in html  # the way to the report form
    assert f'href="/steunpunten/{steunpunt.slug}/melding/"' in html
    assert "csrfmiddlewaretoken" not in html  # the form is on its own page
    assert "PO 27-07" in html


def test_fresh_steunpunt_is_not_marked_stale(client):
    steunpunt = make_steunpunt("PO2707", slug="vers", herkomst=Herkomst.BEVESTIGD)
    html = page(client, steunpunt.get_absolute_url())
    assert "mogelijk verouderd" not in html and "Dit is een voorbeeld." not in html


def test_samenwerkingsverband_page(client):
    html = page(client, "/samenwerkingsverbanden/PO2707/")
    assert "PO 27-07" in html and "Amsterdam" in html and "Diemen" in html
    assert client.get("/samenwerkingsverbanden/po2707/").status_code == 301
    page(client, "/samenwerkingsverbanden/XX99/", status=404)
    html = page(client, "/samenwerkingsverbanden/PO3103/")
    assert (
        html.count("Dit samenwerkingsverband heeft zijn steunpunt nog niet op Vindplek gezet") == 1
    )
    # No loop: the page never sends the parent back to the school or the SWV; it gives the national route.
    assert 'href="tel:08005010"' in html and "Vraag de school" not in html


def test_regio_pages(client):
    html = page(client, "/regio/")
    assert "Noord-Holland" in html and "samenwerkingsverbanden hebben een steunpunt" in html
    html = page(client, "/regio/noord-brabant/")
    assert "PO 30-09" in html and "nog niet op Vindplek" in html
    page(client, "/regio/atlantis/", status=404)


def test_wegwijzer_general_and_personalised(client):
    html = page(client, "/wegwijzer/")
    for part in ("zorgplicht", "ondersteuningsprofiel", "leerplicht", "jeugdhulp", "0800-5010"):
        assert part in html
    assert "Geschillencommissie passend onderwijs" in html and "0900-111 3 111" in html
    assert 'id="wegwijzer-regio"' not in html
    html = page(client, "/wegwijzer/?postcode=1011AB")
    assert 'id="wegwijzer-regio"' in html
    assert "1011 AB" in html and "PO 27-07" in html and "Uw gemeente: Amsterdam" in html
    # The steunpunt for both sectors is named once, saying so.
    assert html.count("Oudersteunpunt passend onderwijs Amsterdam-Diemen") == 1
    assert "(voor de basisschool en de middelbare school)" in html
    html = page(client, "/wegwijzer/?postcode=abc", status=400)
    assert title(html).startswith("Fout: ") and 'id="foutsamenvatting"' in html
    assert 'href="#postcode"' in html


def test_over_credits_the_sources(client):
    html = page(client, "/over/")
    assert 'href="https://www.geonames.org/"' in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in html
    assert "BWBR0032324" in html


def test_not_found_page(client):
    html = page(client, "/bestaat-niet/", status=404)
    assert "Pagina niet gevonden" in html and 'id="q"' in html


def test_no_third_party_resources(client):
    html = page(client, "/zoeken/?q=1011")
    for tag in re.findall(r"<(?:script|link|img)[^>]*>", html):
        if 'rel="alternate"' in tag:
            continue  # this page in each language, on this site (absolute, as hreflang asks)
        assert "http" not in tag, tag
    assert "<style" not in html and "style=" not in html and "onclick" not in html


def test_results_page_is_light(client):
    content = client.get("/zoeken/?q=1011").content
    assert len(gzip.compress(content)) < 20_000


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_fixed_number_of_queries_with_1_or_50_steunpunten(client):
    first = queries_for(client, "/zoeken/?q=1011")  # also builds the place indexes, once
    cached = queries_for(client, "/zoeken/?q=1011")
    # An edit of a steunpunt moves the data version but leaves the place indexes alone, so from
    # here on both counts are of the answer alone.
    make_steunpunt("PO2707", "VO2708", slug="extra-0", naam="Extra 0")
    two = queries_for(client, "/zoeken/?q=1011")
    for i in range(1, 49):
        make_steunpunt("PO2707", "VO2708", slug=f"extra-{i}", naam=f"Extra {i}")
    assert Steunpunt.objects.published().filter(samenwerkingsverbanden__code="PO2707").count() == 50
    fifty = queries_for(client, "/zoeken/?q=1011")
    html = client.get("/zoeken/?q=1011").content.decode()
    assert html.count("Extra ") >= 49
    assert two == fifty
    assert first <= 12 and fifty <= 12
    # The common path: the answer comes from the cache; only the data version is read.
    assert cached == 1
    assert queries_for(client, "/zoeken/?q=1011") == 1


def test_fixed_number_of_queries_for_a_place_name(client, django_assert_max_num_queries):
    # 15: the opening slots and closures of the steunpunten shown (two prefetches) and the next
    # moment a "nu bereikbaar" sentence changes, once per data version, joined the answer.
    # Another place first: a process builds its in-memory indexes once, on its first answer
    # (their queries depend on which test ran before in this worker), and that is not the
    # answer's own cost.
    client.get("/zoeken/?q=Utrecht")
    with django_assert_max_num_queries(15):
        client.get("/zoeken/?q=Amsterdam")
    with django_assert_max_num_queries(1):
        client.get("/zoeken/?q=amsterdam")


def test_each_spelling_is_shown_as_typed_even_from_the_cache(client):
    assert title(page(client, "/zoeken/?q=1011ab")).startswith("Zoeken naar 1011ab")
    html = page(client, "/zoeken/?q=1011+AB")
    assert title(html).startswith("Zoeken naar 1011 AB")
    assert 'value="1011 AB"' in html


def test_server_error_page_stands_alone():
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "Er ging iets mis" in html and "0800-5010" in html


def test_cached_menu_marks_the_current_page_and_follows_the_language(client):
    regio = page(client, "/regio/")
    assert 'href="/regio/" aria-current="page"' in regio
    over = page(client, "/wegwijzer/")
    assert 'href="/wegwijzer/" aria-current="page"' in over
    assert 'href="/regio/" aria-current="page"' not in over
    english = page(client, "/en/over/")
    assert ">About Vindplek</a>" in english and ">Over Vindplek</a>" not in english
    assert 'href="/en/over/" aria-current="page"' in english


def test_the_icon_is_linked_and_favicon_ico_leads_to_it(client):
    html = page(client, "/")
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html).group(1)
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301
    assert answer["Location"] == icon


@pytest.mark.parametrize("url", ["/", "/zoeken/?q=1011+AB", "/overzicht/", "/regio/utrecht/"])
def test_pages_answer_head_requests_of_link_checkers(client, url):
    answer = client.head(url)
    assert answer.status_code == 200
    assert answer.content == b""
