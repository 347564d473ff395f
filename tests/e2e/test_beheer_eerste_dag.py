"""A new SWV employee's first day, keyboard only: from the e-mailed link to the first saved edit.

The link is made by `manage.py add_medewerker` in a process of its own and opened on the running
server (two processes, one secret key). On the way, axe-core checks every admin page at a laptop
and a phone width.
"""

import base64
import datetime
import re
import sys

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot
from tests.e2e.test_accessibility import describe, run_axe
from tests.localserver import run

pytestmark = pytest.mark.e2e

EMAIL = "Nieuwe.Medewerker@SWV-e2e.example.org"
WACHTWOORD = "Een zin als wachtwoord voor de e2e-test"
ADMIN_WIDTHS = (1280, 375)


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element is focused, as a keyboard user would."""
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def no_axe_violations(page: Page, name: str) -> None:
    """axe-core on this page as this user sees it, in a context of its own.

    axe sets inline styles while it measures, which the admin's CSP refuses (and the page's own
    error check would report): so it runs on a copy of the session, not in the journey's page.
    """
    context = page.context.browser.new_context(
        storage_state=page.context.storage_state(),
        viewport=page.viewport_size,
        locale="nl-NL",
    )
    try:
        copy = context.new_page()
        copy.goto(page.url)
        results = run_axe(copy)
    finally:
        context.close()
    assert not results["violations"], f"{name}:\n{describe(results['violations'])}"


def set_password_link(server_database, base_url: str) -> str:
    """Run the command as a beheerder would, in its own process; the link it prints."""
    _tmp, env, _facts = server_database
    output = run(
        [sys.executable, "manage.py", "add_medewerker", EMAIL, "PO2707"],
        {**env, "VINDPLEK_SITE_URL": base_url},
    )
    return re.search(r"(http\S+/beheer/wachtwoord/\S+/)", output).group(1)


def test_new_swv_employee_from_mail_link_to_first_saved_edit(open_page, server_database, base_url):
    link = set_password_link(server_database, base_url)
    assert link.startswith(base_url)
    page = open_page(1280)
    page.goto(link)
    # Django swaps the token for a session mark: the form is on the address it redirected to.
    expect(page.locator("#id_new_password1")).to_be_visible()
    no_axe_violations(page, "wachtwoord kiezen")
    tab_to(page, "#id_new_password1")
    page.keyboard.type(WACHTWOORD)
    page.keyboard.press("Tab")
    page.keyboard.type(WACHTWOORD)
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_contain_text("Uw wachtwoord is opgeslagen")

    # The used link now says so, and how to get a new one.
    page.goto(link)
    expect(page.locator("body")).to_contain_text("Deze link is al gebruikt")

    page.goto("/beheer/login/")
    no_axe_violations(page, "inloggen")
    tab_to(page, "#id_username")
    page.keyboard.type(EMAIL.upper())  # any case
    page.keyboard.press("Tab")
    page.keyboard.type(WACHTWOORD)
    page.keyboard.press("Enter")  # no code yet: the set-up of the app follows
    expect(page.locator("h1")).to_contain_text("Stel uw authenticator-app in")
    no_axe_violations(page, "app instellen")
    # The copy that axe opened started the set-up anew (a new key): open it again here too.
    page.reload()
    expect(page.locator("img.qr-code")).to_be_visible()
    screenshot(page, "beheer-app-instellen")
    key = page.locator("#sleutel").inner_text().replace(" ", "")
    tab_to(page, "input[name='generator-token']")
    page.keyboard.type(f"{totp(base64.b32decode(key)):06d}")
    page.keyboard.press("Enter")

    expect(page.locator("#content h2").first).to_contain_text("Uw reservecodes")
    codes = page.locator(".reservecodes code").all_inner_texts()
    assert len(codes) == 10
    no_axe_violations(page, "reservecodes")  # the copy sees the page after the codes were shown
    tab_to(page, "a.button")
    page.keyboard.press("Enter")

    expect(page.locator("#mijn-steunpunten")).to_be_visible()
    screenshot(page, "beheer-start-swv")
    no_axe_violations(page, "start")
    tab_to(page, ".steunpunt-kaarten h3 a")
    page.keyboard.press("Enter")

    telefoon = page.locator("input[name='telefoon']")
    expect(telefoon).to_be_visible()
    tab_to(page, "input[name='telefoon']")
    page.keyboard.press("Control+A")
    page.keyboard.type("075 123 45 67")
    # Taken from a public page without an address (issue 19): say that it is online only.
    tab_to(page, "input[name='alleen_online']")
    if not page.locator("input[name='alleen_online']").is_checked():  # another journey may have
        page.keyboard.press("Space")
    tab_to(page, "input[name='_save']")
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("Opgeslagen")
    screenshot(page, "beheer-eerste-wijziging")
    edit_url = page.locator(".messagelist a").first.get_attribute("href")
    page.goto(edit_url)
    expect(page.locator("input[name='telefoon']")).to_have_value("075 123 45 67")
    vandaag = datetime.date.today().strftime("%-d")
    expect(page.locator(".alles-klopt")).to_contain_text(f"Laatst gecontroleerd: {vandaag}")


def test_admin_pages_have_no_axe_violations(open_page, facts):
    from tests.e2e.test_journeys import log_in

    page = open_page(ADMIN_WIDTHS[0])
    log_in(page, "swv-axe-e2e")  # its own account, logged in once: a code works once
    for width in ADMIN_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        check_admin_pages(page, facts, width)


def check_admin_pages(page: Page, facts: dict, width: int) -> None:
    eigen = facts["eigen_steunpunt"]["pk"]
    pages = {
        "start": "/beheer/",
        "lijst": "/beheer/steunpunten/steunpunt/",
        "wijzigen": f"/beheer/steunpunten/steunpunt/{eigen}/change/",
        "geschiedenis": f"/beheer/steunpunten/steunpunt/{eigen}/history/",
        "meldingen": "/beheer/steunpunten/melding/",
    }
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, url
        screenshot(page, f"axe-beheer-{name}-{width}")
        no_axe_violations(page, f"{name} at {width}px")
    # The columns that matter stay reachable in the list: freshness included.
    page.goto("/beheer/steunpunten/steunpunt/")
    for column in ("column-gecontroleerd_op", "column-verouderd"):
        expect(page.locator(f"#result_list th.{column}")).to_be_attached()
    fits_or_scrolls = page.evaluate(
        """width => {
            const table = document.querySelector('#result_list');
            if (table.getBoundingClientRect().right <= width) return true;
            for (let p = table.parentElement; p; p = p.parentElement) {
                if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
            }
            return false;
        }""",
        width,
    )
    assert fits_or_scrolls, "the list is cut off instead of scrolling"


def test_ocw_start_page_links_the_exports(open_page):
    from tests.e2e.test_journeys import log_in

    page = open_page(1280)
    log_in(page, "ocw-start-e2e")
    expect(page.locator("#landelijk")).to_be_visible()
    for fmt in ("xlsx", "csv", "json"):
        expect(page.locator(f"a[href$='/overzicht/export.{fmt}']").first).to_be_visible()
    no_axe_violations(page, "start OCW")
    page.goto("/overzicht/")
    expect(page.locator("a[href$='/overzicht/export.xlsx']")).to_be_visible()
