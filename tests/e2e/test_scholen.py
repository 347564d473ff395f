"""Search by school in the browser: with and without JavaScript, by keyboard, as a screen reader
sees the suggestions (roles and states of the combobox), and axe-core with the suggestions open."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WIDTHS, screenshot
from tests.e2e.test_accessibility import describe, run_axe

pytestmark = pytest.mark.e2e

SCHOOL_PAGE = re.compile(r"/scholen/[0-9A-Z]{6}/$")
LABEL = "Postcode, plaats of school"


def no_overflow(page: Page, width: int) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the {width}px screen"


def open_suggestions(page: Page, text: str) -> None:
    page.goto("/")
    box = page.get_by_role("combobox", name=LABEL)
    box.click()
    box.press_sequentially(text, delay=20)
    expect(page.locator("#q__listbox [role=option]").first).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "zonder-js"])
@pytest.mark.parametrize("width", WIDTHS)
def test_parent_finds_the_school_by_its_name(open_page, width, javascript):
    page = open_page(width, javascript=javascript)
    name = f"{width}-{'js' if javascript else 'zonder-js'}"
    page.goto("/")
    page.fill("#q", "Het Kompas")
    page.locator("#q").press("Enter")
    page.wait_for_load_state()
    expect(page.locator("h1")).to_contain_text("Welke school bedoelt u")
    choices = page.locator("#keuzes li")
    assert choices.count() >= 10
    expect(choices.first).to_contain_text(re.compile(r"\d{4} [A-Z]{2} "))  # with its address
    no_overflow(page, width)
    screenshot(page, f"school-keuzes-{name}")

    choices.first.locator("a").click()
    page.wait_for_load_state()
    assert SCHOOL_PAGE.search(page.url), page.url
    expect(page.locator("#school-antwoord")).to_contain_text("hoort bij")
    expect(page.locator("#blok-po")).to_be_visible()
    expect(page.locator("#blok-vo")).to_have_count(0)  # a basisschool: only its PO SWV
    no_overflow(page, width)
    screenshot(page, f"school-{name}")

    page.goto("/")
    page.fill("#q", "Stedelijk Kottenpark")
    page.locator("#q").press("Enter")
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/scholen/00AH00/$"))
    expect(page.locator("#blok-vo")).to_be_visible()
    expect(page.locator("#blok-po")).to_have_count(0)


@pytest.mark.parametrize("width", WIDTHS)
def test_special_school_says_who_to_ask_and_offers_the_home_postcode(open_page, width):
    page = open_page(width, javascript=False)
    page.goto("/scholen/00AW00/")
    expect(page.locator("#speciaal-onderwijs")).to_contain_text("toelaatbaarheidsverklaring")
    page.fill("#thuis", "1011 AB")
    page.locator("#thuis").press("Enter")
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=1011"))
    expect(page.locator("#antwoord")).to_be_visible()
    no_overflow(page, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_only_user_picks_a_suggestion(open_page, width):
    page = open_page(width)
    page.goto("/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    else:
        raise AssertionError("the search box was not reached with Tab")
    page.keyboard.type("kottenp", delay=30)
    expect(page.locator("#q__listbox [role=option]").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#q")).to_have_attribute("aria-activedescendant", "q__option--0")
    screenshot(page, f"suggesties-toetsenbord-{width}")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/scholen/00AH00/$"))

    # A place from the suggestions searches that place.
    page.goto("/")
    page.locator("#q").focus()
    page.keyboard.type("zwoll", delay=30)
    expect(page.locator("#q__option--0")).to_contain_text("Zwolle")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=Zwolle"))
    expect(page.locator("#antwoord")).to_be_visible()


def test_screen_reader_sees_a_combobox_with_its_states(open_page):
    page = open_page(1280)
    page.goto("/")
    box = page.get_by_role("combobox", name=LABEL)
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_attribute("aria-autocomplete", "list")
    listbox_id = box.get_attribute("aria-controls")
    assert listbox_id == "q__listbox"
    hint = page.locator(f"#{box.get_attribute('aria-describedby')}")
    expect(hint).to_contain_text("Typ minstens 2 letters")

    box.click()
    box.press_sequentially("re", delay=30)  # 2 characters: suggestions start
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option").first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(listbox).to_have_attribute("id", listbox_id)
    options = listbox.get_by_role("option")
    count = options.count()
    assert 1 <= count <= 8
    expect(page.get_by_role("status").filter(has_text="suggesties beschikbaar")).to_have_count(1)

    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active == "q__option--0"
    expect(page.locator(f"#{active}")).to_have_attribute("aria-selected", "true")
    expect(page.locator(f"#{active}")).to_have_attribute("aria-posinset", "1")
    expect(page.locator(f"#{active}")).to_have_attribute("aria-setsize", str(count))
    expect(page.get_by_role("status").filter(has_text=f"1 van {count}")).to_have_count(1)

    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".+"))


def test_english_suggestions_are_english(open_page):
    page = open_page(1280)
    page.goto("/en/")
    box = page.get_by_role("combobox", name="Postcode, place or school")
    box.click()
    box.press_sequentially("kottenp", delay=30)
    expect(page.get_by_role("status").filter(has_text="suggestion available")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/en/scholen/00AH00/$"))


@pytest.mark.parametrize("width", WIDTHS)
def test_no_accessibility_violations_with_the_suggestions_open(open_page, width):
    page = open_page(width)
    open_suggestions(page, "regenboog")
    page.keyboard.press("ArrowDown")
    screenshot(page, f"axe-suggesties-{width}")
    results = run_axe(page)
    assert not results["violations"], describe(results["violations"])


@pytest.mark.parametrize("width", (320, 375, 768, 1280))
def test_tapping_zoeken_with_suggestions_open_searches_what_was_typed(open_page, width):
    """The list under the field never covers the button: a tap on Zoeken gives the choice list."""
    page = open_page(width)
    open_suggestions(page, "Hengelo")
    button = page.get_by_role("button", name="Zoeken")
    listbox = page.locator("#q__listbox").bounding_box()
    knop = button.bounding_box()
    overlaps = not (
        knop["x"] >= listbox["x"] + listbox["width"]
        or knop["x"] + knop["width"] <= listbox["x"]
        or knop["y"] >= listbox["y"] + listbox["height"]
        or knop["y"] + knop["height"] <= listbox["y"]
    )
    assert not overlaps, (width, knop, listbox)
    button.click()  # where a finger would tap: the middle of the button
    page.wait_for_load_state()
    expect(page.locator("h1")).to_contain_text("Welke plaats bedoelt u")
    expect(page.locator("#keuzes li")).to_have_count(2)
    no_overflow(page, width)
