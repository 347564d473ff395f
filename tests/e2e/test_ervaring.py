""" "Voelde u zich gesteund?" end to end, at 375 and 1280 px: SWV staff hand out a code and a
sheet of cards; a parent answers with the keyboard only and JavaScript off, and no page sets a
cookie; staff see the answers; OCW opens the monitor and downloads the XLSX; axe-core finds
nothing on any of these pages. Screenshots: build/e2e-ervaring/."""

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.e2e.test_beheer_eerste_dag import no_axe_violations
from tests.e2e.test_journeys import log_in
from tests.e2e.test_lancering import fits
from tests.localserver import ROOT

pytestmark = pytest.mark.e2e

SCHERMEN = ROOT / "build" / "e2e-ervaring"
WIDTHS = (375, 1280)


def schermafdruk(page: Page, name: str) -> Path:
    SCHERMEN.mkdir(parents=True, exist_ok=True)
    path = SCHERMEN / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def hand_out_code(page: Page, width: int) -> str:
    """As SWV staff: make one code, see it large with its QR code; returns the code."""
    page.goto("/beheer/steunpunten/ervaringcode/")
    expect(page.locator("h1")).to_contain_text("Codes uitgeven")
    fits(page, width)
    schermafdruk(page, f"uitgeven-{width}")
    no_axe_violations(page, f"codes uitgeven at {width}px")
    page.get_by_role("button", name=re.compile("Eén code maken")).click()
    groot = page.locator(".ervaring-code-groot")
    expect(groot).to_have_text(re.compile(r"^[A-Z2-9]{4} [A-Z2-9]{4}$"))
    expect(page.locator(".ervaring-qr svg.qr-code")).to_be_visible()
    fits(page, width)
    schermafdruk(page, f"code-{width}")
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.ervaring-code-groot')).fontSize)"
    )
    assert size >= 32, f"the code is {size}px"
    return groot.inner_text().replace(" ", "")


def no_cookie(page: Page) -> None:
    assert page.context.cookies() == [], page.context.cookies()


def parent_answers(page: Page, code: str, width: int) -> None:
    """Keyboard only, JavaScript off: type the code, answer three questions, send."""
    page.goto("/ervaring/")
    expect(page.locator("h1")).to_have_text("Voelde u zich gesteund?")
    fits(page, width)
    schermafdruk(page, f"ouder-code-{width}")
    page.keyboard.press("Tab")  # the skip link
    focus_on(page, "Tab", "#code", limit=25)
    page.keyboard.type(f"{code[:4].lower()} {code[4:]}")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Voelde u zich gesteund?")
    expect(page.locator("fieldset legend")).to_have_count(3)
    fits(page, width)
    schermafdruk(page, f"ouder-vragen-{width}")
    no_cookie(page)
    # Send without answers first: the error summary names each question.
    focus_on(page, "Tab", "button[type=submit]", limit=40)
    page.keyboard.press("Enter")
    expect(page.locator(".foutsamenvatting")).to_contain_text("Kies bij vraag 1")
    fits(page, width)
    schermafdruk(page, f"ouder-fouten-{width}")
    # Question 1: Tab into the group, arrows move the choice (native radio buttons).
    focus_on(page, "Tab", "#gesteund-1", limit=40)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # 4
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # question 2: the first choice, "Ja"
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # question 3: "Nee" (the arrow checks it)
    expect(page.locator("#gesteund-4")).to_be_checked()
    expect(page.locator("#weet_verder-1")).to_be_checked()
    expect(page.locator("#aanbevelen-2")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Dank u wel voor uw antwoorden")
    fits(page, width)
    schermafdruk(page, f"ouder-bedankt-{width}")
    no_cookie(page)
    # The same code again: a plain message, not an error page.
    page.goto(f"/ervaring/{code}/")
    expect(page.locator("h1")).to_have_text("Met deze code is al geantwoord")
    schermafdruk(page, f"ouder-al-gebruikt-{width}")
    no_cookie(page)


def focus_on(page: Page, key: str, selector: str, *, limit: int) -> None:
    """Press `key` until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} never got the focus")


@pytest.fixture(scope="module")
def logged_in(browser, base_url):
    """log_in once per account (a TOTP code works once per 30 s); later pages reuse the session."""
    states = {}

    def state_of(username: str) -> dict:
        if username not in states:
            context = browser.new_context(base_url=base_url, locale="nl-NL")
            page = context.new_page()
            log_in(page, username)
            states[username] = context.storage_state()
            context.close()
        return states[username]

    return state_of


@pytest.fixture
def staff_page(browser, base_url, logged_in):
    """staff_page(username, width) -> a Page of that logged-in account at that width."""
    contexts = []

    def factory(username: str, width: int) -> Page:
        context = browser.new_context(
            base_url=base_url,
            storage_state=logged_in(username),
            viewport={"width": width, "height": 900},
            locale="nl-NL",
            accept_downloads=True,
        )
        contexts.append(context)
        return context.new_page()

    yield factory
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_hand_out_a_code_and_a_parent_answers_with_the_keyboard(staff_page, open_page, width):
    code = hand_out_code(staff_page("swv-ervaring-e2e", width), width)
    parent = open_page(width, javascript=False)
    parent_answers(parent, code, width)
    for path in ("/ervaring/", f"/ervaring/{code}/", "/ervaring/bedankt/", "/ervaring/AAAABBBB/"):
        parent.goto(path)
        no_axe_violations(parent, f"{path} at {width}px")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_sheet_of_cards_prints_on_a4(staff_page, width):
    staff = staff_page("swv-ervaring-e2e", width)
    staff.goto("/beheer/steunpunten/ervaringcode/")
    staff.get_by_role("button", name=re.compile("kaartjes maken")).click()
    expect(staff.locator(".kaartje")).to_have_count(10)
    fits(staff, width)
    schermafdruk(staff, f"kaartjes-{width}")
    no_axe_violations(staff, f"kaartjes at {width}px")
    if width == 1280:
        staff.emulate_media(media="print")
        schermafdruk(staff, "kaartjes-print")
        pdf = staff.pdf(format="A4", print_background=True)
        (SCHERMEN / "kaartjes.pdf").write_bytes(pdf)
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1, "the 10 cards fill one A4 page"


def answer_by_request(context, code: str, index: int) -> None:
    """A parent's answer as the browser sends it: a plain form post, no cookie, no token."""
    response = context.request.post(
        f"/ervaring/{code}/",
        form={"gesteund": str(index % 5 + 1), "weet_verder": "ja", "aanbevelen": "ja"},
        max_redirects=0,
    )
    assert response.status == 302, response.text()


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_see_answers_and_ocw_opens_the_monitor_and_downloads_the_xlsx(
    staff_page, browser, base_url, width
):
    staff = staff_page("swv-ervaring-e2e", width)
    staff.goto("/beheer/steunpunten/ervaringcode/")
    staff.get_by_role("button", name=re.compile("kaartjes maken")).click()
    codes = [c.replace(" ", "") for c in staff.locator(".kaartje-code").all_inner_texts()]
    parents = browser.new_context(base_url=base_url)
    for index, code in enumerate(codes):
        answer_by_request(parents, code, index)
    assert parents.cookies() == []
    parents.close()

    staff.goto("/beheer/steunpunten/ervaring/")
    expect(staff.locator("h1")).to_contain_text("Antwoorden")
    expect(staff.locator(".ervaring-tabel").first).to_be_visible()
    fits(staff, width)
    schermafdruk(staff, f"antwoorden-{width}")
    no_axe_violations(staff, f"antwoorden at {width}px")

    ocw = staff_page("ocw-ervaring-e2e", width)
    ocw.goto("/overzicht/monitor/")
    expect(ocw.locator("h1")).to_have_text("Monitor: wat steunpunten doen en horen")
    expect(ocw.locator("svg.grafiek")).to_have_count(3)
    fits(ocw, width)
    schermafdruk(ocw, f"monitor-{width}")
    no_axe_violations(ocw, f"monitor at {width}px")
    with ocw.expect_download() as download_info:
        ocw.get_by_role("link", name=re.compile("Download de monitor")).click()
    # The download has no file name extension: openpyxl reads it from a file object.
    with open(download_info.value.path(), "rb") as bestand:
        workbook = load_workbook(bestand)
    for naam in ("Dekking", "Monitor landelijk", "Themas", "Signalen", "Per provincie", "Per SWV"):
        assert naam in workbook.sheetnames
    landelijk = list(workbook["Monitor landelijk"].iter_rows(values_only=True))
    antwoorden = landelijk[0].index("antwoorden")
    assert landelijk[-1][antwoorden] >= 10  # this quarter: at least the answers above

    ocw.goto("/overzicht/")
    expect(ocw.locator("#werk-kop")).to_be_visible()
    schermafdruk(ocw, f"overzicht-werk-{width}")
