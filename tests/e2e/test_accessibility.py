"""axe-core (WCAG 2.0 and 2.1, levels A and AA) finds no violations on any public template."""

from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import WIDTHS, screenshot

pytestmark = pytest.mark.e2e

# axe-core as shipped by the maintained axe-playwright-python package (version in requirements.lock).
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations", "incomplete"],
}

# name -> address; "{pc4_zonder_steunpunt}" is filled from the database of the server.
PAGES = {
    "home": "/",
    "resultaten": "/zoeken/?q=1011+AB",
    "geen-steunpunt": "/zoeken/?q={pc4_zonder_steunpunt}",
    "fout": "/zoeken/?q=0123+AB",  # answers 400 Bad Request, with the error summary
    "keuzes": "/zoeken/?q=Laren",
    "keuzes-zelfde-naam": "/zoeken/?q=Hengelo",  # labels that say where
    "oude-gemeente": "/zoeken/?q=Bussum",  # "Bussum hoort sinds 2016 bij de gemeente Gooise Meren."
    "andere-delen": "/zoeken/?q=Rotterdam",  # a town with the other parts of its gemeente
    "postbus": "/zoeken/?q=2500",  # answers 404: a PO-box range
    # A card and a steunpunt page of each herkomst (issue 19); 1011 AB is a public-source one.
    "resultaten-bevestigd": "/zoeken/?q={pc4_bevestigd}",
    "resultaten-voorbeeld": "/zoeken/?q={pc4_voorbeeld}",
    "steunpunt": "/steunpunten/{steunpunt_openbare_bron}/",
    "steunpunt-bevestigd": "/steunpunten/{steunpunt_bevestigd}/",
    "steunpunt-voorbeeld": "/steunpunten/{steunpunt_voorbeeld}/",
    "samenwerkingsverband": "/samenwerkingsverbanden/PO2707/",
    "regio": "/regio/",
    "regio-provincie": "/regio/noord-holland/",
    "wegwijzer": "/wegwijzer/",
    "overzicht": "/overzicht/",
    "over": "/over/",
    "toegankelijkheid": "/toegankelijkheid/",
    "melding": "/steunpunten/{steunpunt_openbare_bron}/melding/",
    "contact": "/contact/",
    "privacy": "/privacy/",
    "api": "/api/",
    "school": "/scholen/00AH00/",
    "speciale-school": "/scholen/00AW00/",  # (V)SO: both sectors and the TLV wording
    "school-keuzes": "/zoeken/?q=Het+Kompas",
    "wegwijzer-school": "/wegwijzer/?school=00AH00",
    "provincie": "/zoeken/?q=Zeeland",  # the province page offered, the village below it
    "caribisch": "/zoeken/?q=Bonaire",  # outside the regio-indeling: the EOZ route
    "andere-naam": "/zoeken/?q=Snits",  # "Snits is de Friese naam van Sneek."
    "typfout": "/zoeken/?q=Amstredam",  # "Bedoelde u „Amsterdam”?"
    "school-en-plaats-keuzes": "/zoeken/?q=Regenboog+Apeldoorn",
}


def run_axe(page: Page) -> dict:
    """Run axe-core in the page. Evaluated through the DevTools protocol, so the CSP allows it."""
    page.evaluate(AXE_SOURCE)
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)


def describe(violations: list[dict]) -> str:
    """The violations as a person reads them: rule, impact, what to fix, and where."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node.get('failureSummary', '').replace(chr(10), ' ')}")
            lines.append(f"       {node['html'][:160]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


def test_every_page_has_one_h1(open_page, facts):
    page = open_page(320)
    for name, address in PAGES.items():
        page.goto(address.format(**facts))
        assert page.locator("h1").count() == 1, f"{name} ({address})"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_accessibility_violations(open_page, facts, name, width):
    page = open_page(width)
    response = page.goto(PAGES[name].format(**facts))
    expected = {"fout": 400, "postbus": 404}.get(name, 200)
    assert response.status == expected, f"{name}: status {response.status} for {response.url}"
    screenshot(page, f"axe-{name}-{width}")
    results = run_axe(page)
    violations = results["violations"]
    assert not violations, (
        f"axe-core {results['testEngine']['version']} found {len(violations)} violation(s) on "
        f"{name} ({PAGES[name]}) at {width}px:\n{describe(violations)}"
    )
