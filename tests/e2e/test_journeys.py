"""Journeys through the real site in Chromium: parents, keyboard users, SWV staff and OCW staff."""

import csv
import io
import re
import time
from pathlib import Path

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WIDTHS, screenshot
from tests.e2e.seed import SLEUTELS, WACHTWOORD

pytestmark = pytest.mark.e2e

POSTCODE = "1011 AB"
STEUNPUNT_PAD = re.compile(r"/steunpunten/[\w-]+/$")


def search_from_home(page: Page, query: str) -> None:
    page.goto("/")
    page.fill("#q", query)
    page.locator("#q").press("Enter")
    page.wait_for_load_state()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "zonder-js"])
@pytest.mark.parametrize("width", WIDTHS)
def test_parent_searches_by_postcode_and_opens_the_steunpunt(open_page, width, javascript):
    page = open_page(width, javascript=javascript)
    name = f"{width}-{'js' if javascript else 'zonder-js'}"
    page.goto("/")
    expect(page.locator("#q")).to_be_visible()
    screenshot(page, f"home-{name}")

    search_from_home(page, POSTCODE)
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=1011"))
    expect(page.locator("h1")).to_contain_text("1011")
    expect(page.locator("#blok-po-vo")).to_be_visible()  # one steunpunt serves both sectors here
    link = page.locator("#antwoord a[href^='/steunpunten/']").first
    naam = link.inner_text().strip()
    assert naam
    screenshot(page, f"resultaten-{name}")

    link.click()
    page.wait_for_load_state()
    assert STEUNPUNT_PAD.search(page.url), page.url
    expect(page.locator("h1")).to_contain_text(naam)
    screenshot(page, f"steunpunt-{name}")

    # Nothing may stick out sideways on a narrow phone (WCAG 1.4.10 reflow).
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the {width}px screen"


def focused(page: Page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {id: e.id, tag: e.tagName, href: e.getAttribute('href') || '',"
        " text: (e.innerText || '').trim(), po: !!e.closest('#antwoord')}; }"
    )


def tab_until(page: Page, wanted, limit: int = 80) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if wanted(element):
            return element
    raise AssertionError(f"not reached with {limit} presses of Tab")


@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_only_user_finds_and_opens_the_steunpunt(open_page, width):
    page = open_page(width)
    page.goto("/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["href"] == "#inhoud", f"the first Tab should reach the skip link, not {first}"

    tab_until(page, lambda element: element["id"] == "q")
    page.keyboard.type(POSTCODE)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/zoeken/"))
    expect(page.locator("#antwoord")).to_be_visible()

    link = tab_until(
        page, lambda e: e["tag"] == "A" and e["po"] and e["href"].startswith("/steunpunten/")
    )
    focus_visible = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0"
        " || s.boxShadow !== 'none'; }"
    )
    assert focus_visible, "the focused link has no visible focus indicator"
    screenshot(page, f"toetsenbord-focus-{width}")
    page.keyboard.press("Enter")
    page.wait_for_url(STEUNPUNT_PAD)
    expect(page.locator("h1")).to_contain_text(link["text"])


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "zonder-js"])
@pytest.mark.parametrize("width", WIDTHS)
def test_invalid_postcode_shows_the_error_summary_with_focus(open_page, width, javascript):
    page = open_page(width, javascript=javascript)
    search_from_home(page, "0123 AB")
    summary = page.locator("#foutsamenvatting")
    expect(summary).to_be_visible()
    expect(page).to_have_title(re.compile(r"^(Fout|Error)"))
    assert page.evaluate("document.activeElement.id") == "foutsamenvatting"
    expect(page.locator("#q")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#q")).to_have_value("0123 AB")
    screenshot(page, f"fout-{width}-{'js' if javascript else 'zonder-js'}")
    # The message in the summary leads to the field.
    summary.locator("a[href='#q']").first.click()
    assert page.evaluate("document.activeElement.id") == "q"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_place_name_with_several_matches_offers_a_choice(open_page, width):
    page = open_page(width)
    search_from_home(page, "Laren")
    keuzes = page.locator("#keuzes a")
    assert keuzes.count() >= 2
    texts = [text.strip() for text in keuzes.all_inner_texts()]
    assert any("Noord-Holland" in text for text in texts), texts
    assert any("Gelderland" in text for text in texts), texts
    screenshot(page, f"keuzes-{width}")
    assert not any("(gemeente Laren" in text for text in texts), texts  # nothing twice
    keuzes.filter(has_text="Noord-Holland").first.click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Steunpunten voor Laren (Noord-Holland)")
    expect(page.locator("#antwoord")).to_be_visible()


def test_an_old_gemeente_answers_with_its_current_one(open_page):
    page = open_page(WIDTHS[0])
    search_from_home(page, "Bussum")
    expect(page.locator("#herindeling")).to_have_text(
        "Bussum hoort sinds 2016 bij de gemeente Gooise Meren."
    )
    expect(page.locator("#antwoord")).to_be_visible()
    screenshot(page, "oude-gemeente")


# The time step of the last code each account logged in with: django-otp refuses a code of a
# step it has seen (replay protection), so a second login of one account within 30 s (the same
# test at 320 and at 1280 px) takes the next step's code, which the device accepts (tolerance 1).
_LAST_STEP: dict[str, int] = {}


def token_for(username: str) -> str:
    now = int(time.time()) // 30
    step = max(now, _LAST_STEP.get(username, -1) + 1)
    if step > now + 1:  # beyond the device's tolerance: wait for the next step
        time.sleep((now + 1) * 30 - time.time() + 0.5)
        now = int(time.time()) // 30
    _LAST_STEP[username] = step
    return f"{totp(bytes.fromhex(SLEUTELS[username]), 30, 0, 6, step - now):06d}"


def log_in(page: Page, username: str) -> None:
    page.goto("/beheer/login/")
    page.fill("input[name='username']", username)
    page.fill("input[name='password']", WACHTWOORD)
    page.fill("input[name='otp_token']", token_for(username))
    page.locator("input[name='otp_token']").press("Enter")
    page.wait_for_load_state()
    assert "/beheer/login/" not in page.url, page.locator("body").inner_text()


def test_swv_staff_edit_their_steunpunt_and_cannot_open_another(open_page, facts):
    page = open_page(1280)
    log_in(page, "swv-e2e")
    screenshot(page, "beheer-start")

    eigen = facts["eigen_steunpunt"]["pk"]
    page.goto(f"/beheer/steunpunten/steunpunt/{eigen}/change/")
    telefoon = page.locator("input[name='telefoon']")
    telefoon.fill("020 765 43 21")
    # From a public page without an address (issue 19): the staff member says it is online only.
    page.locator("input[name='alleen_online']").check()
    screenshot(page, "beheer-steunpunt-wijzigen")
    page.locator("input[name='_save']").click()
    page.wait_for_load_state()
    expect(page.locator(".messagelist .success, .messagelist li").first).to_be_visible()
    page.goto(f"/beheer/steunpunten/steunpunt/{eigen}/change/")
    expect(page.locator("input[name='telefoon']")).to_have_value("020 765 43 21")
    # Their save confirmed the data: it no longer says it came from a public page.
    expect(page.locator(".field-herkomst")).to_contain_text(
        "bevestigd door het samenwerkingsverband"
    )

    # Another SWV's steunpunt: not in the list, and its page does not open.
    page.goto("/beheer/steunpunten/steunpunt/")
    expect(page.locator("#result_list")).not_to_contain_text(facts["ander_steunpunt"]["naam"])
    response = page.goto(f"/beheer/steunpunten/steunpunt/{facts['ander_steunpunt']['pk']}/change/")
    assert response.status in {403, 404} or page.url.split("127.0.0.1")[-1][-8:] == "/beheer/"
    assert response.status != 200 or "telefoon" not in page.content()


def test_ocw_staff_download_the_export(open_page):
    # The exports are linked from the admin, on the page of the peilingen (issue 5).
    page = open_page(1280)
    log_in(page, "ocw-e2e")
    page.locator("a[href$='/steunpunten/peiling/']").first.click()
    page.wait_for_load_state()
    link = page.locator("a[href*='/overzicht/export.csv']").first
    expect(link).to_be_visible()
    screenshot(page, "beheer-ocw-exporteren")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    codes = {cell for row in rows for cell in row if re.fullmatch(r"(PO|VO)\d{4}", cell)}
    assert len(codes) == 150, len(codes)  # one row per regional SWV, then the totals
    assert "PO2707" in codes


def test_the_export_is_refused_to_the_public(open_page):
    page = open_page(1280)
    response = page.goto("/overzicht/export.csv")
    assert response.status in {302, 403} or "/beheer/login/" in page.url
    assert "PO2707" not in page.content()
