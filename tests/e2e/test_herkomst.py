"""A card and a steunpunt page of each herkomst at 320 and 1280 px: each says where its data
comes from, and the answer (phone, else website) stays on the first screen (issue 19)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import WIDTHS, screenshot

pytestmark = pytest.mark.e2e

# What the card and the page say, per herkomst.
KAART = {
    "bevestigd": "Bevestigd door het samenwerkingsverband op",
    "openbare_bron": "Gevonden op een openbare website, nog niet bevestigd",
    "voorbeeld": "Voorbeeld, niet echt",
}
PAGINA = {
    "bevestigd": "Bevestigd door het samenwerkingsverband op",
    "openbare_bron": "nog niet door het samenwerkingsverband bevestigd",
    "voorbeeld": "Dit steunpunt bestaat niet echt",
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("herkomst", list(KAART))
def test_card_and_page_say_where_the_data_comes_from(open_page, facts, herkomst, width):
    page = open_page(width)
    page.goto(f"/zoeken/?q={facts[f'pc4_{herkomst}']}")
    slug = facts[f"steunpunt_{herkomst}"]
    kaart = page.locator("article.kaart", has=page.locator(f"a[href='/steunpunten/{slug}/']"))
    expect(kaart.first).to_contain_text(KAART[herkomst])
    # The first way to reach it is on the first screen, also at 320 px.
    first = kaart.first.locator(".bel a").first
    expect(first).to_be_in_viewport()
    screenshot(page, f"herkomst-kaart-{herkomst}-{width}")
    if herkomst == "openbare_bron":
        bron = kaart.first.locator(".herkomst a")
        assert bron.get_attribute("href").startswith("http")
    page.goto(f"/steunpunten/{slug}/")
    expect(page.locator("main")).to_contain_text(PAGINA[herkomst])
    screenshot(page, f"herkomst-pagina-{herkomst}-{width}")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
