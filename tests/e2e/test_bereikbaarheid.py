"""Opening hours in words (issue 25), in a real browser: the sentence near the phone number on
a card and on the steunpunt page with the week below it (320 and 1280 px), and the week table
in the beheer (375 and 1280 px), each checked by axe-core. Screenshots: build/screenshots/."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import describe, run_axe
from tests.e2e.test_beheer_eerste_dag import no_axe_violations
from tests.e2e.test_journeys import log_in
from tests.localserver import ROOT

pytestmark = pytest.mark.e2e

SCHERMEN = ROOT / "build" / "screenshots"
# Every sentence bereikbaar_nu() can say, in Dutch.
ZIN = re.compile(
    r"^(Nu bereikbaar tot \d{1,2}\.\d\d uur"
    r"|Vandaag nog bereikbaar vanaf \d{1,2}\.\d\d uur"
    r"|Weer bereikbaar (morgen|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"
    r"( \d{1,2} \w+)? om \d{1,2}\.\d\d uur"
    r"|.*[Gg]esloten.*)$"
)


def bewaar(page: Page, naam: str) -> None:
    SCHERMEN.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCHERMEN / f"h25-{naam}.png"), full_page=True)


def geen_overloop(page: Page) -> None:
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= page.viewport_size["width"], f"de pagina is {breedte} px breed"


def axe_schoon(page: Page, naam: str) -> None:
    violations = run_axe(page)["violations"]
    assert not violations, f"{naam}:\n{describe(violations)}"


@pytest.mark.parametrize("width", [320, 1280])
def test_card_and_page_say_when_the_steunpunt_can_be_reached(open_page, facts, width):
    page = open_page(width)
    page.goto(f"/zoeken/?q={facts['pc4_voorbeeld']}")
    zin = page.locator(".kaart .bel-tijden.nu").first
    expect(zin).to_be_visible()
    assert ZIN.match(zin.inner_text().strip()), zin.inner_text()
    geen_overloop(page)
    bewaar(page, f"kaart-{width}")
    axe_schoon(page, f"zoeken {width}")

    page.goto(f"/steunpunten/{facts['steunpunt_voorbeeld']}/")
    expect(page.locator(".contact-blok .bel .bel-tijden.nu")).to_have_text(ZIN)
    week = page.locator("table.week").first
    expect(week.locator("caption")).to_have_text("Openingstijden")
    expect(week.locator("tbody tr")).to_have_count(7)
    expect(week.locator("th[scope=row]").first).to_have_text("Maandag")
    expect(week.locator("tr.vandaag")).to_have_count(1)
    geen_overloop(page)
    bewaar(page, f"steunpunt-{width}")
    axe_schoon(page, f"steunpunt {width}")

    page.goto(f"/en/steunpunten/{facts['steunpunt_voorbeeld']}/")
    expect(page.locator("table.week").first.locator("th[scope=row]").first).to_have_text("Monday")
    expect(page.locator(".contact-blok .bel .bel-tijden.nu")).to_have_text(
        re.compile(r"^(Open now until|Open today from|Open again|.*[Cc]losed)")
    )
    bewaar(page, f"steunpunt-en-{width}")


def test_a_real_steunpunt_without_hours_shows_none(open_page, facts):
    page = open_page(1280)
    page.goto(f"/steunpunten/{facts['steunpunt_openbare_bron']}/")
    expect(page.locator(".contact-blok")).to_be_visible()
    expect(page.locator(".bel-tijden.nu")).to_have_count(0)
    expect(page.locator("table.week")).to_have_count(0)


@pytest.mark.parametrize("width", [375, 1280])
def test_the_week_table_in_the_beheer(open_page, facts, width):
    page = open_page(width)
    log_in(page, "swv-tijden-e2e")
    eigen = facts["eigen_steunpunt"]["pk"]
    page.goto(f"/beheer/steunpunten/steunpunt/{eigen}/tijden/")
    expect(page.locator("table.week-invoer").first.locator("caption")).to_have_text(
        "Openingstijden van het steunpunt"
    )
    geen_overloop(page)
    no_axe_violations(page, f"tijden {width}")

    # Monday 9:00-12:30, then one more slot that day (no script: the page comes back).
    page.fill("#id_t-alg-0-0-van", "09:00")
    page.fill("#id_t-alg-0-0-tot", "12:30")
    page.get_by_role("button", name="Tijd erbij (Maandag)").first.click()
    expect(page.locator("#id_t-alg-0-0-van")).to_have_value("09:00")
    page.fill("#id_t-alg-0-1-van", "12:00")  # overlaps the first
    page.fill("#id_t-alg-0-1-tot", "11:00")  # and ends before it starts
    page.get_by_role("button", name="Opslaan").first.click()
    expect(page.locator(".errornote")).to_contain_text("Er is nog niets opgeslagen")
    expect(page.locator("#id_t-alg-0-1-tot_fout")).to_have_text(
        "De eindtijd moet na de begintijd liggen."
    )
    geen_overloop(page)
    bewaar(page, f"beheer-tijden-fout-{width}")
    no_axe_violations(page, f"tijden met fout {width}")

    page.fill("#id_t-alg-0-1-van", "13:00")
    page.fill("#id_t-alg-0-1-tot", "16:00")
    page.fill("#id_t-alg-2-0-van", "09:00")
    page.fill("#id_t-alg-2-0-tot", "11:00")
    dicht = datetime.date.today() + datetime.timedelta(days=7)
    page.fill("#id_s-0-van", dicht.isoformat())
    page.fill("#id_s-0-tot", (dicht + datetime.timedelta(days=3)).isoformat())
    page.fill("#id_s-0-reden", "kerstvakantie")
    page.fill("#id_k-telefoon-talen", "nl en ar")
    page.get_by_role("button", name="Opslaan").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Opgeslagen")
    expect(page.locator("#id_t-alg-0-1-van")).to_have_value("13:00")
    bewaar(page, f"beheer-tijden-{width}")

    # The public page says it in words, with the week below.
    publiek = open_page(width)
    publiek.goto(f"/steunpunten/{facts['eigen_steunpunt']['slug']}/")
    maandag = publiek.locator("table.week").first.locator("tbody tr").first
    expect(maandag.locator("td")).to_have_text("9.00–12.30 en 13.00–16.00 uur")
    expect(publiek.locator("ul.uitzonderingen")).to_contain_text("kerstvakantie")
    bewaar(publiek, f"steunpunt-na-bewerken-{width}")
