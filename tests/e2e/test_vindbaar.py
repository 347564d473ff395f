"""Where parents already look, in a real browser (issue 25): the frame on another website, the
A4 poster in print, and axe-core on every new page at 320 and 1280 px."""

import re
import threading
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SCREENSHOTS, WIDTHS, screenshot
from tests.e2e.test_accessibility import describe, run_axe
from tests.localserver import free_port

pytestmark = pytest.mark.e2e

SCHOOL = "00AH00"  # Stedelijk Kottenpark, Enschede: a school with a (demo) steunpunt

PAGES = {
    "insluiten": "/insluiten/",
    "insluiten-antwoord": "/insluiten/?q=1011+AB",
    "insluiten-keuzes": "/insluiten/?q=Laren",
    "insluiten-school": f"/insluiten/school/{SCHOOL}/",
    "insluiten-onbekend": "/insluiten/school/99ZZ99/",
    "insluiten-en": f"/en/insluiten/school/{SCHOOL}/",
    "voor-scholen": "/voor-scholen/",
    "voor-scholen-school": f"/voor-scholen/?school={SCHOOL}",
    "voor-scholen-fout": "/voor-scholen/?school=xx",
    "poster-steunpunt": "/steunpunten/{steunpunt_voorbeeld}/poster/",
    "poster-openbare-bron": "/steunpunten/{steunpunt_openbare_bron}/poster/",
    "poster-school": f"/scholen/{SCHOOL}/poster/",
    "poster-en": "/en/steunpunten/{steunpunt_voorbeeld}/poster/",
}
STATUS = {"insluiten-onbekend": 404, "voor-scholen-fout": 400}


def no_overflow(page: Page, width: int) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the {width}px screen"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_new_pages_have_no_accessibility_violations(open_page, facts, name, width):
    page = open_page(width)
    response = page.goto(PAGES[name].format(**facts))
    assert response.status == STATUS.get(name, 200), f"{name}: {response.status}"
    assert page.locator("h1").count() == 1, name
    no_overflow(page, width)
    screenshot(page, f"vindbaar-{name}-{width}")
    results = run_axe(page)
    assert not results["violations"], describe(results["violations"])


class SchoolWebsite(BaseHTTPRequestHandler):
    """Another website: any path answers a page that frames the Vindplek address in `?frame=`."""

    def do_GET(self):  # noqa: N802 - the name http.server calls
        src = parse_qs(urlsplit(self.path).query).get("frame", [""])[0]
        if not src:
            self.send_error(404)
            return
        body = (
            "<!DOCTYPE html><html lang='nl'><head><title>Basisschool</title></head><body>"
            "<h1>Onze school</h1>"
            f"<iframe id='vindplek' src='{escape(src)}' title='Steunpunt' width='100%'"
            " height='560'></iframe></body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def school_site():
    """A real server on another origin (localhost, not 127.0.0.1), on the loopback address: a
    public page may not frame a local one in Chromium (Private Network Access)."""
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), SchoolWebsite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_port}/"
    server.shutdown()
    server.server_close()


def school_website(page: Page, school_site: str, base_url: str, path: str) -> str:
    """Open the school's page that frames this Vindplek page; its address."""
    address = f"{school_site}?{urlencode({'frame': base_url + path})}"
    page.goto(address)
    return address


@pytest.mark.parametrize("width", WIDTHS)
def test_a_school_website_shows_its_steunpunt_in_a_frame(open_page, base_url, school_site, width):
    page = open_page(width)
    school_website(page, school_site, base_url, f"/insluiten/school/{SCHOOL}/")
    frame = page.frame_locator("#vindplek")
    expect(frame.locator("h1")).to_contain_text("ouder- en jeugdsteunpunt voor")
    expect(frame.locator(".blok").first).to_be_visible()
    expect(frame.locator("a[href^='tel:']").first).to_be_visible()
    screenshot(page, f"vindbaar-schoolsite-{width}")
    assert page.context.cookies() == []  # the frame set no cookie
    # A steunpunt's link opens Vindplek itself, in the whole window.
    frame.locator(".kaart-titel a").first.click()
    page.wait_for_url(re.compile(r"/steunpunten/[^/]+/$"))
    assert page.url.startswith(base_url)
    expect(page.locator("h1")).to_be_visible()


def test_the_search_in_the_frame_works_without_javascript(open_page, base_url, school_site):
    page = open_page(320, javascript=False)
    address = school_website(page, school_site, base_url, "/insluiten/")
    frame = page.frame_locator("#vindplek")
    frame.locator("#q").fill("1011 AB")
    frame.locator("button[type=submit]").click()
    expect(frame.locator("#antwoord .blok").first).to_be_visible()
    assert page.url == address  # the search stayed inside the frame
    screenshot(page, "vindbaar-schoolsite-zoeken-320")
    assert page.context.cookies() == []


@pytest.mark.parametrize("path", ["/", "/voor-scholen/", "/steunpunten/{steunpunt_voorbeeld}/"])
def test_other_pages_refuse_to_be_framed(browser, base_url, school_site, facts, path):
    # Its own context: the refusal is a console error, which open_page would count as a fault.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        errors = []
        page.on("console", lambda message: errors.append(message.text))
        school_website(page, school_site, base_url, path.format(**facts))
        page.wait_for_timeout(500)
        frame = page.frame(url=re.compile(r"127\.0\.0\.1"))
        # Chromium shows its own error page instead: no Vindplek content inside the frame.
        assert frame is None or frame.locator("main#inhoud").count() == 0
        assert any("frame-ancestors 'none'" in error for error in errors), errors
    finally:
        context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/steunpunten/{steunpunt_voorbeeld}/poster/",
        f"/scholen/{SCHOOL}/poster/",
    ],
)
def test_the_poster_prints_on_one_a4_page(open_page, facts, path):
    page = open_page(1280)
    page.goto(path.format(**facts))
    page.emulate_media(media="print")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = "steunpunt" if "steunpunten" in path else "school"
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    (SCREENSHOTS / f"vindbaar-poster-{name}.pdf").write_bytes(pdf)
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert len(pages) == 1, f"the poster takes {len(pages)} pages"
    box = [float(n) for n in re.search(rb"/MediaBox\s*\[([^\]]+)\]", pdf).group(1).split()]
    assert abs(box[2] - 595.3) < 2 and abs(box[3] - 841.9) < 2, box  # A4 in points
    # The screen parts are gone in print; the QR code and the name are there.
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".scherm-alleen")).to_be_hidden()
    expect(page.locator(".poster-qr svg")).to_be_visible()
    # What the printed sheet looks like: A4 less the 12 mm margins, at 96 dpi.
    page.set_viewport_size({"width": 703, "height": 1032})
    screenshot(page, f"vindbaar-poster-{name}-print")
    height = page.evaluate("document.querySelector('.poster').getBoundingClientRect().height")
    assert height <= 1032, f"the poster is {height}px high, more than an A4 page"


def test_a_visit_through_the_qr_code_lands_on_the_clean_page(open_page, facts):
    page = open_page(375)
    page.goto(f"/steunpunten/{facts['steunpunt_voorbeeld']}/?via=poster")
    assert page.url.endswith(f"/steunpunten/{facts['steunpunt_voorbeeld']}/")
    assert "via=" not in page.url
    assert page.context.cookies() == []
