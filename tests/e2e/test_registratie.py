"""Recording contacts (issue 24) at 375 and 1280 px: steunpunt staff on a phone and SWV staff on
a laptop each record three contacts, look at the other recording pages and their counts; axe
finds nothing on any of them. Screenshots go to build/screenshots/registratie/."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_beheer_eerste_dag import no_axe_violations
from tests.e2e.test_journeys import log_in
from tests.e2e.test_lancering import fits
from tests.localserver import ROOT

pytestmark = pytest.mark.e2e

SCREENSHOTS = ROOT / "build" / "screenshots" / "registratie"
# (sector, who asked, channel, themes, outcome): three contacts as a steunpunt has them.
CONTACTEN = [
    ("primair onderwijs", "ouder of verzorger", "telefoon", ["Vervoer"], "steun geboden"),
    (
        "voortgezet onderwijs",
        "jongere",
        "WhatsApp",
        ["Thuiszitten", "Communicatie met school"],
        "doorverwezen naar Ouders & Onderwijs",
    ),
    ("beide", "professional", "e-mail", ["Toelaatbaarheidsverklaring"], "informatie gegeven"),
]


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def big_enough(page: Page) -> None:
    """Every choice and button of the recording form is at least 44 px high, text 16 px."""
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('label.keuze, .registratie-main button, .registratie-taken a')]
        .map(e => [e.textContent.trim().slice(0, 40), e.getBoundingClientRect().height,
                   parseFloat(getComputedStyle(e).fontSize)])"""
    )
    assert sizes
    small = [s for s in sizes if s[1] < 44 or s[2] < 16]
    assert not small, small


def record(page: Page, contact) -> None:
    sector, vrager, kanaal, themas, uitkomst = contact
    form = page.locator("form.registratie-form")
    form.get_by_label(sector, exact=True).check()
    form.get_by_label(vrager, exact=True).check()
    form.get_by_label(kanaal, exact=True).check()
    for thema in themas:
        form.get_by_label(thema, exact=True).check()
    form.get_by_label(uitkomst, exact=True).check()
    page.get_by_role("button", name="Contact opslaan").click()
    expect(page.locator(".messagelist")).to_contain_text("Contact vastgelegd")
    # The form is there again, empty, with this month chosen.
    expect(form.get_by_label(sector, exact=True)).not_to_be_checked()


def record_three(page: Page, slug: str, width: int, who: str) -> None:
    page.goto(f"/beheer/registratie/{slug}/contact/")
    expect(page.locator("h1")).to_have_text("Contact vastleggen")
    fits(page, width)
    big_enough(page)
    shot(page, f"{who}-contact-{width}")
    no_axe_violations(page, f"contact vastleggen at {width}px")
    for contact in CONTACTEN:
        record(page, contact)
    fits(page, width)
    shot(page, f"{who}-contact-na-drie-{width}")


def other_pages(page: Page, slug: str, width: int, who: str) -> None:
    for naam, kop in [
        ("maandtotalen", "Maandtotalen invullen"),
        ("maandtotalen/bestand", "Maandtotalen uit een bestand"),
        ("signalen", "Signalen aan het samenwerkingsverband"),
        ("cijfers", "Cijfers van"),
    ]:
        page.goto(f"/beheer/registratie/{slug}/{naam}/")
        expect(page.locator("h1")).to_contain_text(kop)
        fits(page, width)
        shot(page, f"{who}-{naam.replace('/', '-')}-{width}")
        no_axe_violations(page, f"{naam} at {width}px")


def test_steunpunt_staff_record_three_contacts_on_a_phone(open_page, facts):
    width = 375
    page = open_page(width, javascript=False)
    log_in(page, "steunpunt-registratie-e2e")
    steunpunt = facts["registratie_steunpunt"]
    expect(page.locator("#mijn-registratie")).to_be_visible()
    # Only their steunpunt's tasks: no steunpunt, SWV or report to open or edit.
    for lijst in ("steunpunt", "samenwerkingsverband", "melding"):
        expect(page.locator(f"a[href^='/beheer/steunpunten/{lijst}/']")).to_have_count(0)
    fits(page, width)
    shot(page, f"steunpunt-start-{width}")
    no_axe_violations(page, f"start steunpunt at {width}px")
    page.get_by_role("link", name="Contact vastleggen").first.click()
    page.wait_for_load_state()
    # An empty submit: plain Dutch messages, linked from the summary.
    page.get_by_role("button", name="Contact opslaan").click()
    expect(page.locator(".errornote")).to_contain_text("Kies ten minste één thema")
    shot(page, f"steunpunt-contact-fouten-{width}")
    record_three(page, steunpunt["slug"], width, "steunpunt")
    other_pages(page, steunpunt["slug"], width, "steunpunt")
    cijfers = page.locator("table.cijfers")
    expect(cijfers).to_contain_text("minder dan 10")  # three contacts: never shown as a number
    response = page.goto(f"/beheer/registratie/{steunpunt['ander_slug']}/contact/")
    assert response.status == 404


def test_swv_staff_record_three_contacts_at_1280(open_page, facts):
    width = 1280
    page = open_page(width)
    log_in(page, "swv-registratie-e2e")
    steunpunt = facts["registratie_steunpunt"]
    expect(page.locator("#signalen")).to_be_visible()
    shot(page, f"swv-start-{width}")
    no_axe_violations(page, f"start SWV at {width}px")
    record_three(page, steunpunt["slug"], width, "swv")
    other_pages(page, steunpunt["slug"], width, "swv")
    # A signal whose note holds a phone number is refused, with the warning in sight.
    page.goto(f"/beheer/registratie/{steunpunt['slug']}/signalen/")
    page.get_by_label("Vervoer", exact=True).check()
    page.fill("textarea", "Moeder van Jan belde vanaf 06 12345678")
    page.get_by_role("button", name="Signaal doorgeven").click()
    expect(page.locator(".veld-fout")).to_contain_text("telefoonnummer")
    shot(page, f"swv-signaal-geweigerd-{width}")
    page.fill("textarea", "Meer vragen over vervoer na de zomervakantie.")
    page.get_by_role("button", name="Signaal doorgeven").click()
    expect(page.locator(".messagelist")).to_contain_text("Signaal doorgegeven")
    page.goto("/beheer/")
    signalen = page.locator("section[aria-labelledby='signalen']")
    expect(signalen).to_contain_text("Meer vragen over vervoer")
    page.goto("/beheer/registratie/swv/PO2707/cijfers/")
    expect(page.locator("h1")).to_contain_text("Cijfers van")
    shot(page, f"swv-cijfers-swv-{width}")
    no_axe_violations(page, f"SWV cijfers at {width}px")
