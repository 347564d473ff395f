"""The public overview /overzicht/: numbers, the SVG map, its legend and its table alternative."""

import datetime
import re
from html.parser import HTMLParser

import pytest

from overzicht.kaart import Raster, borders_of, build_raster, path_of
from steunpunten.coverage import Dekking, overview
from steunpunten.models import Samenwerkingsverband, Steunpunt, SteunpuntStatus
from tests.helpers import make_steunpunt

pytestmark = pytest.mark.django_db


class PageParser(HTMLParser):
    """Collects what the tests look at: the map, the legend, the table rows, external URLs."""

    def __init__(self):
        super().__init__()
        self.svg_attrs, self.ids, self.text_of = None, {}, {}
        self.paths, self.table_statuses, self.foot = [], [], {}
        self.legend, self.urls, self.inline_styles = {}, [], 0
        self._stack, self._capture = [], None
        self._table = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._stack.append((tag, attrs))
        if tag == "svg" and attrs.get("class") == "kaart":
            self.svg_attrs = attrs
        if tag in ("title", "desc") and attrs.get("id"):
            self._capture = attrs["id"]
            self.text_of[self._capture] = ""
        status = attrs.get("class", "").removeprefix("kaart-")
        if tag == "path" and status in Dekking.values:
            self.paths.append(status)
        if tag == "table":
            self._table = attrs.get("id")
        if tag == "tr" and self._table == "tabel-kaart" and "data-status" in attrs:
            in_foot = any(t == "tfoot" for t, _a in self._stack)
            if not in_foot:
                self.table_statuses.append(attrs["data-status"])
            else:
                self._capture = "foot:" + attrs["data-status"]
                self.text_of[self._capture] = ""
        if tag == "li" and "data-status" in attrs:
            self._capture = "legend:" + attrs["data-status"]
            self.text_of[self._capture] = ""
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            if attrs.get(name):
                self.urls.append((tag, name, attrs[name]))
        if "style" in attrs:
            self.inline_styles += 1

    def handle_endtag(self, tag):
        if self._stack:
            self._stack.pop()
        if tag in ("title", "desc", "tr", "li"):
            self._capture = None
        if tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._capture:
            self.text_of[self._capture] += data


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def numbers_in(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


@pytest.mark.realdata
def test_page_shows_the_headline_figures(client):
    response = client.get("/overzicht/")
    assert response.status_code == 200
    html = response.content.decode()
    nu = overview()
    live = nu.alle.met_steunpunt
    assert re.search(rf"<strong>{live}</strong>\s+van de 150 samenwerkingsverbanden hebben", html)
    headline = re.search(r'id="tabel-sectoren".*?</table>', html, re.S).group(0)
    assert f">{nu.po.met_steunpunt}<" in headline and ">76<" in headline
    assert f">{nu.vo.met_steunpunt}<" in headline and ">74<" in headline
    provinces = re.search(r'id="tabel-provincies".*?</table>', html, re.S).group(0)
    assert "Noord-Brabant" in provinces and f"{live} van 150" in provinces


@pytest.mark.realdata
def test_svg_has_a_title_and_a_description(client):
    page = parse(client.get("/overzicht/").content.decode())
    svg = page.svg_attrs
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert "primair onderwijs" in page.text_of[title_id]
    assert "76 samenwerkingsverbanden" in page.text_of[desc_id]
    assert svg["viewbox"].startswith("0 0 ")


@pytest.mark.realdata
def test_table_alternative_holds_the_same_numbers_as_map_and_legend(client):
    html = client.get("/overzicht/").content.decode()
    page = parse(html)
    nu = overview().po
    expected = {
        Dekking.ACTIEF: nu.met_steunpunt,
        Dekking.IN_OPRICHTING: nu.in_oprichting,
        Dekking.GEEN: nu.zonder_steunpunt,
    }
    # The table: one row per SWV, and its footer with the counts.
    assert len(page.table_statuses) == 76
    for status, count in expected.items():
        assert page.table_statuses.count(status) == count
        assert numbers_in(page.text_of[f"foot:{status}"]) == [count]
        assert numbers_in(page.text_of[f"legend:{status}"]) == [count]
    # The description names the same counts in the same order.
    desc = page.text_of[page.svg_attrs["aria-labelledby"].split()[1]]
    assert numbers_in(desc) == [76, *expected.values()]
    # The map draws one shape per SWV, patterned by its status.
    assert len(page.paths) == 76
    for status, count in expected.items():
        assert page.paths.count(status) == count


@pytest.mark.realdata
def test_map_switches_to_vo_without_javascript(client):
    html = client.get("/overzicht/?sector=VO").content.decode()
    page = parse(html)
    assert "voortgezet onderwijs" in page.text_of["kaart-titel"]
    assert len(page.table_statuses) == 74 and len(page.paths) == 74
    assert re.search(r'href="\?sector=VO#kaart" aria-current="page"', html)
    assert re.search(r'href="\?sector=PO#kaart">', html)
    # Plain links switch the map; the page carries no script of its own.
    assert "overzicht" not in " ".join(re.findall(r"<script[^>]*>", html))


@pytest.mark.realdata
def test_unknown_sector_falls_back_with_a_message(client):
    response = client.get("/overzicht/?sector=mbo")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies PO of VO" in html
    assert len(parse(html).table_statuses) == 76


@pytest.mark.realdata
def test_map_follows_a_change_of_status(client, django_capture_on_commit_callbacks):
    """The map's cache key is the data version alone: the edit service moves it."""
    from beheer import editing
    from tests.helpers import make_staff

    steunpunt = Steunpunt.objects.filter(status=SteunpuntStatus.ACTIEF, gepubliceerd=True).first()
    po_codes = list(steunpunt.samenwerkingsverbanden.filter(sector="PO").values_list("code"))
    before = parse(client.get("/overzicht/").content.decode())  # and warm the cache
    steunpunt.gepubliceerd = False
    with django_capture_on_commit_callbacks(execute=True):
        editing.steunpunt_save(
            user=make_staff("beheer", role="beheerder"),
            steunpunt=steunpunt,
            changed={"gepubliceerd"},
            expected_versie=steunpunt.versie,
        )
    page = parse(client.get("/overzicht/").content.decode())
    assert page.paths.count(Dekking.ACTIEF) == overview().po.met_steunpunt
    assert page.paths.count(Dekking.ACTIEF) == before.paths.count(Dekking.ACTIEF) - len(po_codes)


def test_no_external_resources_and_no_inline_code(client):
    html = client.get("/overzicht/").content.decode()
    page = parse(html)
    loaded = [(tag, name, url) for tag, name, url in page.urls if tag != "a"]
    for tag, name, url in loaded:
        if url.startswith("http://testserver/"):
            continue  # the page itself in each language (<link rel="alternate" hreflang>)
        assert not re.match(r"^(https?:)?//", url), f"<{tag} {name}={url}> loads from elsewhere"
    assert page.inline_styles == 0
    assert "<style" not in html
    assert not re.findall(r"<script(?![^>]*\bsrc=\"/)[^>]*>", html), "only same-origin script files"
    # The SVG namespace is an identifier, not a request; nothing else in the map is a URL.
    svg = re.search(r'<svg class="kaart".*?</svg>', html, re.S).group(0)
    assert re.findall(r"https?://[^\s\"']+", svg) == ["http://www.w3.org/2000/svg"]
    assert "/static/css/overzicht.css" in html


@pytest.mark.realdata
def test_trend_shows_the_survey_and_now(client):
    html = client.get("/overzicht/").content.decode()
    trend = re.search(r'id="tabel-trend".*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr.*?</tr>", trend, re.S)
    survey = next(row for row in rows if "Peiling 1 november 2023" in row)
    # November 2023 gave only the total: no PO or VO figure is shown for it.
    assert "127 van 150" in survey and survey.count("niet bekend") == 2
    assert "Nu" in trend


@pytest.mark.realdata
def test_comparison_with_the_survey_of_only_a_total_names_no_swv(client):
    swv = Samenwerkingsverband.objects.without_steunpunt().filter(in_oprichting=False).first()
    make_steunpunt(swv.code)
    html = client.get("/overzicht/?van=2023-11-01&tot=nu").content.decode()
    comparison = re.search(r'id="vergelijking">(.*?)</div>', html, re.S).group(1)
    assert 'id="alleen-totaal"' in comparison and "127 van de 150" in comparison
    assert "niet te zeggen" in comparison
    assert 'id="gekregen"' not in comparison and swv.code not in comparison


def test_comparison_between_a_survey_and_now(client):
    from steunpunten.peilingen import record_peiling

    record_peiling(datum=datetime.date(2024, 3, 1))
    swv = (
        Samenwerkingsverband.objects.with_coverage()
        .filter(heeft_steunpunt=False, in_oprichting=False)
        .first()
    )
    make_steunpunt(swv.code)
    html = client.get("/overzicht/?van=2024-03-01&tot=nu").content.decode()
    gained = re.search(r'<ul class="vergelijk-lijst" id="gekregen">(.*?)</ul>', html, re.S)
    assert gained and swv.code in gained.group(1)
    count = gained.group(1).count("<li")
    kreeg = "samenwerkingsverband kreeg" if count == 1 else "samenwerkingsverbanden kregen"
    assert f"{count} {kreeg} een actief steunpunt" in html


@pytest.mark.parametrize("query", ["?van=gisteren&tot=nu", "?van=2020-01-01", "?tot=2023-02-30"])
def test_bad_comparison_input_gets_a_message_not_an_error(client, query):
    response = client.get("/overzicht/" + query)
    assert response.status_code == 200
    assert "overzicht-melding" in response.content.decode()


def test_page_is_light_for_phones(client):
    html = client.get("/overzicht/").content.decode()
    svg = re.search(r'<svg class="kaart".*?</svg>', html, re.S).group(0)
    assert len(svg.encode()) < 40_000
    assert len(html.encode()) < 100_000


def test_path_of_covers_exactly_the_cells():
    cells = [(0, 0), (1, 0), (2, 0), (0, 1), (1, 1), (2, 1), (5, 1), (1, 3)]
    path = path_of(cells)
    rects = [tuple(map(int, m)) for m in re.findall(r"M(\d+) (\d+)h(\d+)v(\d+)", path)]
    covered = {(x + dx, y + dy) for x, y, w, h in rects for dx in range(w) for dy in range(h)}
    assert covered == set(cells)
    assert len(rects) == 3  # the 3x2 block, the lone cell at (5, 1), the one at (1, 3)


def test_raster_assigns_cells_to_the_nearest_area_and_leaves_the_sea_empty():
    points = [(52.0, 5.0, "PO2601"), (52.0, 5.2, "PO2602"), (53.0, 5.1, None)]
    raster = build_raster(points)
    assert set(raster.cellen) == {"PO2601", "PO2602"}
    west = min(x for x, _y in raster.cellen["PO2601"])
    east = min(x for x, _y in raster.cellen["PO2602"])
    assert west < east
    total = raster.breedte * raster.hoogte
    assert sum(len(c) for c in raster.cellen.values()) < total / 4


def test_borders_are_drawn_only_where_two_areas_meet():
    # A: two cells on the left; B: one cell to their right on the top row; the rest is sea.
    raster = Raster(3, 2, {"A": [(0, 0), (0, 1)], "B": [(1, 0)]})
    assert borders_of(raster) == "M1 0v1"
    assert borders_of(Raster(2, 1, {"A": [(0, 0), (1, 0)]})) == ""


@pytest.mark.realdata
def test_map_draws_the_borders_between_swvs(client):
    html = client.get("/overzicht/").content.decode()
    border = re.search(r'<path class="kaart-grenzen" d="([^"]+)"', html)
    assert border and border.group(1).count("M") > 50


def test_page_cost_stays_flat(client, django_assert_max_num_queries):
    client.get("/overzicht/")  # the map is drawn once and cached
    with django_assert_max_num_queries(15):
        assert client.get("/overzicht/?sector=PO").status_code == 200
