"""A place with a part of town that data/alternatieve-namen.csv has no row for (issue 22):
"Amsterdam-Noord", "Rotterdam Zuid", "Den Haag Centrum" answer as the place itself, with a line
that the part is not known apart. A district with a row of its own, and a school whose whole
name was typed, still win. A district whose row has no postcodes ("Kralingen", "Vathorst")
answers as the place it stands for too, saying what it is."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from zoeken import search


def ask(text):
    return search.resolve(search.parse_query(text))


def same_answer(antwoord, plaats):
    """What a parent reads: the outcome, place, SWVs, choices and other parts, as for the place."""
    fields = ("uitkomst", "plaats", "gemeente", "pc4", "po", "vo", "keuzes", "andere_delen")
    return {f: getattr(antwoord, f) for f in fields} == {f: getattr(plaats, f) for f in fields}


SAMPLE = [
    ("Rotterdam-Zuid", "Rotterdam", "Zuid"),
    ("Rotterdam Noord", "Rotterdam", "Noord"),
    ("rotterdam noordoost", "Rotterdam", "Noordoost"),
    ("Den Haag Centrum", "Den Haag", "Centrum"),
    ("Den Haag stadsdeel Centrum", "Den Haag", "Centrum"),
    ("Utrecht Oost", "Utrecht", "Oost"),
    ("Amsterdam-Noord", "Amsterdam", "Noord"),
    ("Amsterdam Noord", "Amsterdam", "Noord"),
    ("Amsterdam Nieuw-West", "Amsterdam", "Nieuw-West"),
    ("amsterdam nieuw west", "Amsterdam", "Nieuw west"),
    # Before: a list of schools with "Zuid" or "Oost" in their name.
    ("Amsterdam Zuid", "Amsterdam", "Zuid"),
    ("Amsterdam Oost", "Amsterdam", "Oost"),
    ("Groningen Noord", "Groningen", "Noord"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "plaats", "wijk"), SAMPLE)
def test_a_part_of_town_without_a_row_answers_as_the_place(typed, plaats, wijk):
    antwoord, alleen = ask(typed), ask(plaats)
    assert antwoord.gevonden and not antwoord.school_keuzes, typed
    assert same_answer(antwoord, alleen), typed
    # "Den Haag" still says what the name stands for; the district adds its own line.
    assert antwoord.andere_naam == alleen.andere_naam and antwoord.school is None
    assert antwoord.wijk_zin.startswith(f"We kennen de wijk {wijk} niet apart;"), antwoord.wijk_zin


@pytest.mark.django_db
def test_the_line_says_what_the_answer_is_for_in_dutch_and_english():
    antwoord = search.answer("Amsterdam-Noord")
    assert antwoord.wijk_zin == (
        "We kennen de wijk Noord niet apart; dit is het antwoord voor Amsterdam. Zoek op uw "
        "postcode voor het precieze antwoord."
    )
    with translation.override("en"):
        assert antwoord.wijk_zin == (
            "We do not know the district Noord separately; this is the answer for Amsterdam. "
            "Search by your postcode for the exact answer."
        )
    # A cached answer read with another spelling names the part as that one typed it.
    assert search.answer("amsterdam nieuw-west").wijk_zin.startswith(
        "We kennen de wijk Nieuw-west niet apart;"
    )


@pytest.mark.django_db
def test_the_page_and_the_api_say_so(client):
    html = client.get(reverse("zoeken:zoeken"), {"q": "Rotterdam-Zuid"}).content.decode()
    assert 'id="wijk"' in html
    assert escape("We kennen de wijk Zuid niet apart; dit is het antwoord voor Rotterdam.") in html
    assert 'id="andere-delen"' in html  # Rotterdam's own answer: Hoek van Holland, Rozenburg
    data = client.get(reverse("zoeken:api_zoeken"), {"q": "Utrecht Oost"}).json()
    assert data["plaats"] == "Utrecht" and data["wijk"].startswith("We kennen de wijk Oost")
    assert client.get(reverse("zoeken:api_zoeken"), {"q": "Utrecht"}).json()["wijk"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "naam"),
    [("Amsterdam Zuidoost", "Amsterdam Zuidoost"), ("Rotterdam Centrum", "Rotterdam-Centrum")],
)
def test_a_district_with_its_own_row_still_wins(typed, naam):
    antwoord = ask(typed)
    assert antwoord.andere_naam.naam == naam and not antwoord.wijk


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "school"),
    [("Ridderkerk Noord", "De Noord"), ("Capelle aan den IJssel West", "West")],
)
def test_a_school_whose_whole_name_was_typed_still_wins(typed, school):
    antwoord = ask(typed)
    assert antwoord.school.naam == school and not antwoord.wijk, typed


@pytest.mark.realdata
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "plaats"),
    [
        ("Amsterdam-Noord", "Amsterdam"),
        ("Amsterdam Nieuw-West", "Amsterdam"),
        ("Almere Buiten", "Almere"),
        ("Rotterdam-Zuid", "Rotterdam"),
        ("Den Haag Centrum", "Den Haag"),
    ],
)
def test_a_part_of_town_over_the_country(typed, plaats):
    antwoord, alleen = ask(typed), ask(plaats)
    assert antwoord.wijk and same_answer(antwoord, alleen), typed
    # Never a place the input does not name (Weesp, of the gemeente Amsterdam).
    assert all(k.naam == alleen.plaats for k in antwoord.keuzes), antwoord.keuzes


# Districts of data/alternatieve-namen.csv without postcodes: a page says to which gemeente they
# belong, none gives their postcodes. Rotterdam is in the sample; "Charlois" and "Delfshaven" are
# also the whole names of primary schools there, the district (as every name of the file) wins.
@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["Kralingen", "kralingen", "Charlois", "Delfshaven", "Ommoord"])
def test_a_district_row_without_postcodes_answers_as_its_city(typed):
    antwoord, stad = ask(typed), ask("Rotterdam")
    assert antwoord.gevonden and same_answer(antwoord, stad), typed
    assert antwoord.andere_naam.naam.lower() == typed.lower()
    assert antwoord.andere_naam.zin == f"{antwoord.andere_naam.naam} is een wijk van Rotterdam."
    assert antwoord.wijk_zin == (
        "We kennen de postcodes van de wijk niet apart; dit is het antwoord voor Rotterdam. Zoek "
        "op uw postcode voor het precieze antwoord."
    )
    assert antwoord.school is None and not antwoord.school_keuzes
    assert antwoord.andere_delen  # Rotterdam's own: Hoek van Holland, Rozenburg


@pytest.mark.django_db
def test_a_district_row_without_postcodes_in_english_on_the_page_and_in_the_api(client):
    html = client.get(reverse("zoeken:zoeken"), {"q": "Kralingen"}).content.decode()
    assert escape("Kralingen is een wijk van Rotterdam.") in html
    assert (
        "We kennen de postcodes van de wijk niet apart; dit is het antwoord voor Rotterdam." in html
    )
    assert html.count('class="let-op" id="andere-naam"') == 1 and 'id="wijk"' not in html
    with translation.override("en"):
        antwoord = search.answer("Kralingen")
        assert antwoord.andere_naam.zin == "Kralingen is a district of Rotterdam."
        assert antwoord.wijk_zin == (
            "We do not know the postcodes of the district separately; this is the answer for "
            "Rotterdam. Search by your postcode for the exact answer."
        )
    data = client.get(reverse("zoeken:api_zoeken"), {"q": "Delfshaven"}).json()
    assert data["plaats"] == "Rotterdam"
    assert data["andere_naam"] == "Delfshaven is een wijk van Rotterdam."
    assert data["wijk"].startswith("We kennen de postcodes van de wijk niet apart;")


@pytest.mark.django_db
def test_a_typo_in_a_district_row_without_postcodes_is_corrected():
    antwoord = ask("Kralnigen")
    assert antwoord.bedoeld == "Kralingen" and antwoord.plaats == "Rotterdam"
    assert antwoord.wijk_plaats == "Rotterdam"


@pytest.mark.realdata
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "plaats", "gemeente"),
    [
        ("Vathorst", "Amersfoort", "Amersfoort"),
        ("Kralingen", "Rotterdam", "Rotterdam"),
        ("Overvecht", "Utrecht", "Utrecht"),
        ("Osdorp", "Amsterdam", "Amsterdam"),  # was Losdorp, one letter away
        ("Stadshagen", "Zwolle", "Zwolle"),
    ],
)
def test_a_district_row_without_postcodes_over_the_country(client, typed, plaats, gemeente):
    antwoord, stad = ask(typed), ask(plaats)
    assert same_answer(antwoord, stad) and antwoord.gemeente == gemeente, typed
    assert antwoord.andere_naam.zin == f"{typed} is een wijk van {plaats}."
    assert antwoord.wijk_zin == (
        f"We kennen de postcodes van de wijk niet apart; dit is het antwoord voor {plaats}. Zoek "
        "op uw postcode voor het precieze antwoord."
    )
    assert not antwoord.provincie and not antwoord.bedoeld  # never "the province Utrecht?"
    html = client.get(reverse("zoeken:zoeken"), {"q": typed}).content.decode()
    assert escape(antwoord.andere_naam.zin) in html and escape(antwoord.wijk_zin) in html


@pytest.mark.realdata
@pytest.mark.django_db
def test_a_school_named_after_a_district_is_still_found_by_its_whole_name():
    antwoord = ask("Vallei College voor Ath Havo Mavo Vbo Lwoo locatie Vathorst College")
    assert antwoord.school is not None and antwoord.andere_naam is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "naam"),
    [
        ("Kralingen Rotterdam", "Kralingen"),
        ("Prins Alexander gemeente Rotterdam", "Prins Alexander"),
        ("Ypenburg Den Haag", "Ypenburg"),  # a row with postcodes: its own, not Den Haag's
        ("Feijenoord Rotterdam", "Feijenoord"),
    ],
)
def test_a_name_of_the_file_followed_by_its_own_place_is_that_name(typed, naam):
    antwoord, alleen = ask(typed), ask(naam)
    assert antwoord.andere_naam.naam == naam and same_answer(antwoord, alleen), typed
    assert antwoord.andere_naam.zin == alleen.andere_naam.zin


@pytest.mark.django_db
def test_a_school_whose_whole_name_and_place_were_typed_still_wins_over_a_district_row():
    # "Charlois" is a district row and the whole name of a primary school in Rotterdam.
    antwoord = ask("Charlois Rotterdam")
    assert "Charlois" in [s.naam for s in antwoord.school_keuzes]
    assert antwoord.andere_naam is None
