"""Names of data/alternatieve-namen.csv on the sample (make test): a district answers with its own
postcodes, a gemeente split over several offers each of them, and the page says what the name
stands for. The whole file is checked over the country in tests/steunpunten/test_alternatieve_namen.py.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from steunpunten.gemeenten import andere_namen
from steunpunten.namenlijst import AndereNaam
from zoeken import search
from zoeken.antwoord import Uitkomst

MAASDONK = (
    "De gemeente Maasdonk bestaat sinds 2015 niet meer. De plaatsen horen nu bij de gemeenten "
    "'s-Hertogenbosch en Oss."
)


def ask(text):
    return search.resolve(search.parse_query(text))


@pytest.mark.django_db
def test_a_name_with_rows_for_several_gemeenten_is_one_name_that_names_them_all():
    found = {key: andere for key, _target, andere in andere_namen()}
    assert found["maasdonk"].verdeeld == (
        ("'s-Hertogenbosch", "'s-Hertogenbosch"),
        ("Oss", "Oss"),
    )
    assert found["snits"].verdeeld == ()
    assert len(found) == len({key for key, _t, _a in andere_namen()})


def test_a_split_gemeente_without_a_year_still_names_its_gemeenten():
    andere = AndereNaam("Oud", "fusie", "A", "A", verdeeld=(("A", "A"), ("B", "B")))
    assert andere.zin == "De plaatsen van Oud horen nu bij de gemeenten A en B."
    with translation.override("en"):
        assert andere.zin == "The places of Oud now belong to the municipalities of A and B."


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["Maasdonk", "maasdonk", "gemeente Maasdonk"])
def test_maasdonk_offers_both_gemeenten_it_was_split_over(text):
    antwoord = ask(text)
    assert antwoord.uitkomst == Uitkomst.KEUZES
    assert {k.gemeente for k in antwoord.keuzes} == {"'s-Hertogenbosch", "Oss"}
    assert antwoord.andere_naam.zin == MAASDONK


@pytest.mark.django_db
def test_the_maasdonk_page_names_both_gemeenten(client):
    html = client.get(reverse("zoeken:zoeken"), {"q": "Maasdonk"}).content.decode()
    assert escape(MAASDONK) in html
    assert "Oss" in html and "Hertogenbosch" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "gemeente", "pc4s", "zin"),
    [
        (
            "Ypenburg",
            "'s-Gravenhage",
            {"2496", "2497", "2498"},
            "Ypenburg is een deel van Den Haag (postcodes 2496–2498).",
        ),
        (
            "Rotterdam-Centrum",
            "Rotterdam",
            {"3011", "3012", "3013", "3014", "3015", "3016", "3032"},
            "Rotterdam-Centrum is een deel van Rotterdam (postcodes 3011–3016, 3032).",
        ),
        (
            "rotterdam centrum",
            "Rotterdam",
            {"3011", "3012", "3013", "3014", "3015", "3016", "3032"},
            "Rotterdam-Centrum is een deel van Rotterdam (postcodes 3011–3016, 3032).",
        ),
    ],
)
def test_a_district_answers_with_its_own_postcodes(client, text, gemeente, pc4s, zin):
    antwoord = ask(text)
    assert antwoord.uitkomst == Uitkomst.GEVONDEN
    assert antwoord.gemeente == gemeente
    assert antwoord.pc4 in pc4s
    assert antwoord.andere_naam.zin == zin
    html = client.get(reverse("zoeken:zoeken"), {"q": text}).content.decode()
    assert escape(zin) in html


# --- Everyday and English names (issue 22): rows of the file, not a list in the code ------------


EVERYDAY = [
    ("Den Haag", "'s-Gravenhage", "De officiële naam van Den Haag is 's-Gravenhage."),
    ("den haag", "'s-Gravenhage", "De officiële naam van Den Haag is 's-Gravenhage."),
    ("The Hague", "'s-Gravenhage", "The Hague is de Engelse naam van 's-Gravenhage."),
    ("Den Bosch", "'s-Hertogenbosch", "De officiële naam van Den Bosch is 's-Hertogenbosch."),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "gemeente", "zin"), EVERYDAY)
def test_an_everyday_name_answers_as_the_gemeente_and_says_its_official_name(
    client, text, gemeente, zin
):
    antwoord, officieel = ask(text), ask(gemeente)
    assert antwoord.uitkomst == officieel.uitkomst == Uitkomst.GEVONDEN
    assert (antwoord.gemeente, antwoord.po, antwoord.vo) == (gemeente, officieel.po, officieel.vo)
    assert antwoord.andere_naam.zin == zin and officieel.andere_naam is None
    html = client.get(reverse("zoeken:zoeken"), {"q": text}).content.decode()
    assert f'<p class="let-op" id="andere-naam">{escape(zin)}</p>' in html
    data = client.get(reverse("zoeken:api_zoeken"), {"q": text}).json()
    assert data["andere_naam"] == zin and data["gemeente"] == gemeente


@pytest.mark.django_db
def test_the_everyday_name_is_said_in_english_too(client):
    html = client.get("/en/zoeken/", {"q": "Den Haag"}).content.decode()
    assert escape("The official name of Den Haag is 's-Gravenhage.") in html
    with translation.override("en"):
        assert ask("The Hague").andere_naam.zin == "The Hague is the English name of 's-Gravenhage."


@pytest.mark.django_db
def test_gemeente_with_an_everyday_name_says_it_too():
    antwoord = ask("gemeente Den Haag")
    assert antwoord.gemeente == "'s-Gravenhage"
    assert antwoord.andere_naam.zin == "De officiële naam van Den Haag is 's-Gravenhage."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "gemeente"),
    [("Gravenhage", "'s-Gravenhage"), ("Hertogenbosch", "'s-Hertogenbosch")],
)
def test_a_spelling_without_s_is_the_official_name_without_a_line(text, gemeente):
    # Spellings (names.SCHRIJFWIJZEN) are normalisation, not other names: no line to explain.
    antwoord = ask(text)
    assert antwoord.gemeente == gemeente and antwoord.andere_naam is None
    assert search.parse_query(text).sleutel == search.parse_query(gemeente).sleutel


def test_no_second_list_of_names_in_the_code():
    from steunpunten import gemeenten

    assert not hasattr(gemeenten, "ALIASES") and not hasattr(search, "ALIASES")
