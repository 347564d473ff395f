"""The national launch at 375 and 1280 px: a beheerder invites an OCW colleague from the admin,
the colleague sets a password, enrols and downloads the export; an SWV employee reaches a
readable start page and confirms the steunpunt there. axe-core on every page on the way."""

import base64
import io
import re
from pathlib import Path

import pytest
from django_otp.oath import totp
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS, screenshot
from tests.e2e.test_beheer_eerste_dag import no_axe_violations
from tests.e2e.test_journeys import log_in

pytestmark = pytest.mark.e2e

WACHTWOORD = "Een lange zin als wachtwoord voor OCW"
STEUNPUNTEN = "/beheer/steunpunten/steunpunt/"


def invitation_path(email: str) -> str:
    """The set-password link the server mailed (console backend: the server's log)."""
    log = (ARTIFACTS / "gunicorn-e2e.log").read_text(errors="replace")
    blocks = [block for block in log.split("Subject: ") if f"To: {email}" in block]
    assert blocks, f"no invitation mailed to {email}"
    link = re.search(r"https?://[^/\s]+(/beheer/wachtwoord/\S+/)", blocks[-1])
    return link.group(1)


def fits(page: Page, width: int) -> None:
    """Nothing scrolls sideways at this width."""
    wide = page.evaluate(
        """w => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > w)
        .slice(-1).map(e => { let p = []; for (let x = e; x; x = x.parentElement) p.push(x.tagName + '.' + x.className); return p.join(' < ') + ' :: ' + e.textContent.slice(0, 60) })""",
        width,
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width, wide


def fits_at_every_width(page: Page, paths: dict[str, str], who: str) -> None:
    """Each page of this role reads without sideways scroll at 320, 375 and 1280 px."""
    for name, path in paths.items():
        for width in (320, 375, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(path)
            fits(page, width)
            screenshot(page, f"lancering-{who}-{name}-{width}")


def invite(page: Page, email: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/beheer/auth/user/add/")
    expect(page.locator("h1")).to_have_text("Account toevoegen")
    fits(page, width)
    screenshot(page, f"lancering-account-toevoegen-{width}")
    no_axe_violations(page, f"account toevoegen at {width}px")
    page.fill("input[name='email']", email)
    page.fill("input[name='first_name']", "Olga")
    page.fill("input[name='last_name']", f"Collega {width}")
    page.locator("input[name='rol'][value='ocw']").check()
    page.locator("input[name='_save']").click()
    expect(page.locator(".messagelist")).to_contain_text(f"Uitnodiging gemaild naar {email}")
    expect(page.locator("#result_list")).to_contain_text(email)
    expect(page.locator("#result_list")).to_contain_text("uitgenodigd; link werkt tot")
    screenshot(page, f"lancering-accounts-{width}")


def colleague_starts(page: Page, email: str, width: int) -> None:
    """From the mailed link to the start page and a downloaded export, as the colleague."""
    page.goto(invitation_path(email))
    expect(page.locator("h1")).to_have_text("Wachtwoord instellen")
    fits(page, width)
    no_axe_violations(page, f"wachtwoord instellen at {width}px")
    page.fill("#id_new_password1", WACHTWOORD)
    page.fill("#id_new_password2", WACHTWOORD)
    page.locator("input[type='submit']").click()
    expect(page.locator("body")).to_contain_text("Uw wachtwoord is opgeslagen")
    page.goto("/beheer/login/")
    fits(page, width)
    help_size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.help')).fontSize)"
    )
    assert help_size >= 16, f"help text is {help_size}px"
    page.fill("input[name='username']", email)
    page.fill("input[name='password']", WACHTWOORD)
    page.locator("input[type='submit']").click()
    expect(page.locator("h1")).to_contain_text("Stel uw authenticator-app in")
    no_axe_violations(page, f"app instellen at {width}px")
    page.reload()  # the axe copy started the set-up anew: a new key
    code = page.locator("input[name='generator-token']")
    box = code.bounding_box()
    assert box["x"] + box["width"] <= width, "the code field runs past the edge"
    fits(page, width)
    screenshot(page, f"lancering-app-instellen-{width}")
    key = page.locator("#sleutel").inner_text().replace(" ", "")
    code.fill(f"{totp(base64.b32decode(key)):06d}")
    code.press("Enter")
    expect(page.locator(".reservecodes code")).to_have_count(10)
    page.locator("a.button").click()
    expect(page.locator("#landelijk")).to_be_visible()
    fits(page, width)
    screenshot(page, f"lancering-start-ocw-{width}")
    no_axe_violations(page, f"start OCW at {width}px")
    if width == 375:
        fits_at_every_width(page, {"start": "/beheer/", "lijst": STEUNPUNTEN}, "ocw")
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/beheer/")
    with page.expect_download() as download:
        page.locator("a[href$='/overzicht/export.xlsx']").first.click()
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    monitor = ["Monitor landelijk", "Themas", "Signalen", "Per provincie", "Per SWV"]
    assert workbook.sheetnames == ["Dekking", "Totalen", "Vindplek nu", "Steunpunten", *monitor]


def test_a_beheerder_invites_an_ocw_colleague_who_enrols_and_exports(open_page, facts):
    beheerder = open_page(1280)
    log_in(beheerder, "beheerder-e2e")
    for width in (1280, 375):
        invite(beheerder, f"olga.{width}@ocw-e2e.example.org", width)
    for width in (1280, 375):
        colleague_starts(open_page(width), f"olga.{width}@ocw-e2e.example.org", width)
    beheer_pages = {
        "start": "/beheer/",
        "lijst": STEUNPUNTEN,
        "wijzigen": f"{STEUNPUNTEN}{facts['eigen_steunpunt']['pk']}/change/",
        "accounts": "/beheer/auth/user/",
    }
    fits_at_every_width(beheerder, beheer_pages, "beheerder")


def test_an_swv_employee_confirms_the_steunpunt_on_a_readable_start_page(open_page):
    page = open_page(375)
    log_in(page, "swv-lancering-e2e")
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/beheer/")
        card = page.locator(".steunpunt-kaarten > li").first
        expect(card).to_be_visible()
        fits(page, width)
        # The name reads as a name: a few lines at most, never a letter per line.
        name = card.locator("h3")
        assert name.bounding_box()["height"] < 120
        button = card.get_by_role("button", name="Alles klopt nog")
        assert button.bounding_box()["height"] >= 44
        screenshot(page, f"lancering-start-swv-{width}")
        no_axe_violations(page, f"start SWV at {width}px")
        button.click()
        expect(page.locator(".messagelist")).to_contain_text("vandaag gecontroleerd")
        assert page.url.endswith("/beheer/")
        screenshot(page, f"lancering-start-swv-bevestigd-{width}")
    wijzigen = card.locator("h3 a").get_attribute("href")
    fits_at_every_width(page, {"lijst": STEUNPUNTEN, "wijzigen": wijzigen}, "swv")


def window_listeners(page: Page) -> set[str]:
    """The event types with a listener on this page's window (Chromium's DevTools protocol)."""
    session = page.context.new_cdp_session(page)
    window = session.send("Runtime.evaluate", {"expression": "window"})["result"]
    listeners = session.send("DOMDebugger.getEventListeners", {"objectId": window["objectId"]})
    session.detach()
    return {listener["type"] for listener in listeners["listeners"]}


def test_the_admin_forms_listen_for_pagehide_not_the_deprecated_unload(open_page):
    """Django's RelatedObjectLookups.js closes its popups on "unload", a deprecated event
    (Lighthouse best practices); static/js/beheer-pagehide.js moves it to "pagehide"."""
    page = open_page(1280)
    log_in(page, "beheerder-e2e")
    for path in (STEUNPUNTEN, "/beheer/auth/user/add/"):
        page.goto(path)
        assert page.evaluate("typeof window.dismissChildPopups") == "function", path
        types = window_listeners(page)
        assert "unload" not in types, (path, types)
        assert "pagehide" in types, (path, types)
