"""What a parent on a phone sees, measured: the answer on the first screen, no word broken in the
middle, no table wider than the screen, and a results page that stays light (issue 14)."""

import gzip

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import WIDTHS, screenshot
from tests.e2e.test_accessibility import PAGES

pytestmark = pytest.mark.e2e

# Phone, small phone and laptop: the first screen of each.
SCREENS = [(320, 568), (375, 667), (1280, 800)]
RESULTS = "/zoeken/?q=1011+AB"


def open_at(open_page, width: int, height: int, url: str) -> Page:
    page = open_page(width)
    page.set_viewport_size({"width": width, "height": height})
    response = page.goto(url)
    assert response.status < 500
    return page


def box(page: Page, selector: str) -> dict:
    element = page.locator(selector).first
    assert element.count() == 1, f"{selector} is not on {page.url}"
    return element.bounding_box()


def on_first_screen(page: Page, selector: str, height: int) -> None:
    found = box(page, selector)
    bottom = found["y"] + found["height"]
    assert found["y"] >= 0 and bottom <= height, (
        f"{selector} runs from {found['y']:.0f} to {bottom:.0f}px; the first screen ends at {height}px"
    )


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_answer_is_on_the_first_screen(open_page, facts, width, height):
    # Amsterdam's steunpunt (from a public page) gives no phone number: its website leads.
    page = open_at(open_page, width, height, RESULTS)
    on_first_screen(page, "#antwoord .kaart-titel a", height)
    on_first_screen(page, "#antwoord .bel a", height)
    page.screenshot(path=str(screenshot(page, f"eerste-scherm-resultaten-{width}x{height}")))
    # Where the steunpunt has a phone number, that leads.
    page = open_at(open_page, width, height, f"/zoeken/?q={facts['pc4_bevestigd']}")
    on_first_screen(page, "#antwoord .kaart-titel a", height)
    on_first_screen(page, "#antwoord a[href^='tel:']", height)


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_without_a_steunpunt_the_next_step_is_on_the_first_screen(open_page, facts, width, height):
    page = open_at(open_page, width, height, f"/zoeken/?q={facts['pc4_zonder_steunpunt']}")
    on_first_screen(page, "#antwoord a[href='tel:08005010']", height)


# The school with DUO's longest name among the e2e data's: its heading takes four lines at 320 px.
LANGE_SCHOOLNAAM = "/scholen/00AH00/"


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_a_school_page_shows_the_first_way_to_reach_help_on_the_first_screen(
    open_page, width, height
):
    # Issue 22: the heading and one short sentence, then the first card's phone (else website
    # or e-mail), or the national route where the region has no steunpunt on Vindplek.
    page = open_at(open_page, width, height, LANGE_SCHOOLNAAM)
    page.screenshot(path=str(screenshot(page, f"eerste-scherm-school-{width}x{height}")))
    on_first_screen(page, "#antwoord .bel a, #antwoord a[href^='tel:']", height)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("plaats", ["Rotterdam", "Groningen"])
def test_a_two_card_answer_never_contradicts_its_headings(open_page, plaats, width):
    # Issue 22: inside "Voor de basisschool" no card says "basisschool en middelbare school".
    page = open_page(width)
    page.goto(f"/zoeken/?q={plaats}")
    blokken = page.locator("#antwoord section.blok")
    assert blokken.count() == 2, f"{plaats}: {blokken.count()} blocks"
    for blok in blokken.all():
        kop = blok.locator(".blok-sector").inner_text()
        tekst = blok.inner_text()
        if "basisschool" in kop and "middelbare" not in kop:
            assert "middelbare school" not in tekst, (plaats, kop)
        if "middelbare" in kop and "basisschool" not in kop:
            assert "basisschool" not in tekst.replace(kop, ""), (plaats, kop)
    screenshot(page, f"twee-kaarten-{plaats.lower()}-{width}")


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_search_field_is_on_the_first_screen_of_the_home_page(open_page, width, height):
    page = open_at(open_page, width, height, "/")
    on_first_screen(page, "#q", height)
    on_first_screen(page, ".zoekformulier button", height)


# For every text node, each run of letters must lie on one line: a word's range with client
# rectangles on two different lines is a word broken in the middle. Hidden text is skipped. A
# soft hyphen (&shy;) between the parts of a compound is a proper break, as in print.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const word = /[\\p{L}\\p{M}]{2,}/gu;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, svg, .visueel-verborgen, [hidden], details:not([open]) > :not(summary)')) continue;
    const r = parent.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;
    for (const match of node.data.matchAll(word)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      let rects = [...range.getClientRects()].filter(b => b.width > 0);
      // After a soft hyphen (a compound's boundary) Chromium counts the drawn hyphen as the word's.
      if (node.data[match.index - 1] === '\u00ad') rects = rects.slice(1);
      const tops = new Set(rects.map(b => Math.round(b.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""

NO_ANYWHERE = """() => [...document.querySelectorAll('body, body *')].filter(e => {
  const s = getComputedStyle(e);
  return s.overflowWrap === 'anywhere' || s.wordBreak === 'break-all';
}).length"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_word_is_broken_in_the_middle(open_page, facts, name, width):
    page = open_page(width)
    page.goto(PAGES[name].format(**facts))
    for details in page.locator("details").all():
        details.evaluate("d => d.open = true")
    assert page.evaluate(NO_ANYWHERE) == 0
    broken = page.evaluate(BROKEN_WORDS)
    assert not broken, f"{name} at {width}px breaks these words in the middle: {broken}"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than the {width}px screen"


@pytest.mark.parametrize("url", ["/overzicht/", "/regio/noord-holland/"])
def test_tables_fit_a_320px_screen_with_their_captions(open_page, url):
    page = open_page(320)
    page.goto(url)
    for details in page.locator("details").all():
        details.evaluate("d => d.open = true")
    tables = page.evaluate(
        """() => [...document.querySelectorAll('table')].map(t => {
          const c = t.querySelector('caption'); const r = t.getBoundingClientRect();
          const cr = c && c.getBoundingClientRect();
          let scrolls = false;
          for (let e = t; e; e = e.parentElement) { if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') scrolls = true; }
          return {id: t.id, right: r.right, scrolls,
                  caption: c ? {left: cr.left, right: cr.right, width: cr.width} : null};
        })"""
    )
    assert tables
    for table in tables:
        assert table["right"] <= 320 and not table["scrolls"], table
        if table["caption"]:
            assert table["caption"]["left"] >= 0 and table["caption"]["right"] <= 320, table
    screenshot(page, f"tabellen-320{url.strip('/').replace('/', '-')}")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_report_button_keeps_its_distance_from_the_footer(open_page, facts, width):
    page = open_page(width)
    page.goto(f"/steunpunten/{facts['steunpunt_openbare_bron']}/melding/")
    button = box(page, "button[type='submit']")
    footer = box(page, "footer")
    assert footer["y"] - (button["y"] + button["height"]) >= 24


def test_css_and_javascript_of_the_results_page_stay_under_30_kb_compressed(open_page):
    page = open_page(375)
    sizes = {}

    def keep(response):
        if response.request.resource_type in ("stylesheet", "script"):
            sizes[response.url] = len(gzip.compress(response.body(), compresslevel=9))

    page.on("response", keep)
    page.goto(RESULTS)
    page.wait_for_load_state("networkidle")
    assert sizes, "no CSS or JavaScript was loaded"
    total = sum(sizes.values())
    assert total <= 30 * 1024, f"{total} bytes compressed: {sizes}"
