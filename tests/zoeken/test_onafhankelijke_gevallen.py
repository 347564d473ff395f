"""Cases written outside the project's other search tests (issue 22): what a tester found wrong.

Written from the issue's "What must hold" and the data files before reading the search tests:
about 5,400 inputs (abbreviations, provinces, islands, postcodes, "gemeente X" for every gemeente,
every place name, and generated typos in places, gemeenten and school names with a fixed seed).
The ones that failed are in the tables below, with a generated sample of typos; the rules they
rest on are tested without the database first (quick), the answers over the shipped data
(realdata).
"""

import csv
import random
import re

import pytest
from django.conf import settings
from rapidfuzz.distance import OSA

from steunpunten.caribisch import island_in
from steunpunten.gemeenten import candidates_for
from steunpunten.names import normalise_name
from steunpunten.postcode import parse_postcode
from steunpunten.regio import provincie_for_name
from steunpunten.spelling import Woordenlijst
from zoeken import search
from zoeken.antwoord import Uitkomst

# --- The rules, without the database ----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Alphen ad Rijn", "alphen aan de rijn"),
        ("Capelle ad IJssel", "capelle aan de ijssel"),
        ("Alphen ad", "alphen ad"),  # no word after it: no "a/d"
        ("Ad Fontes", "ad fontes"),  # no word before it
        ("OBS J.A.D. de Wit", "obs j a d de wit"),  # initials stay
    ],
)
def test_a_d_without_its_slash_between_two_words(typed, key):
    assert normalise_name(typed) == key


@pytest.mark.parametrize("typed", ["5271AB.", "5271 AB,", "5271,AB", "5271.ab", "5271 ab;"])
def test_a_postcode_with_punctuation_around_it(typed):
    assert str(parse_postcode(typed)) == "5271 AB"


def test_prov_with_a_dot_means_the_province():
    assert provincie_for_name(normalise_name("prov. Gelderland")) == "gelderland"
    assert provincie_for_name(normalise_name("Prov Zeeland")) == "zeeland"


def test_island_names_as_people_write_them():
    assert island_in("eustatius").naam == "Sint Eustatius"
    assert island_in("kralendyk").naam == "Bonaire"  # the old "y" for "ij"


def test_a_typo_that_makes_another_known_word():
    woorden = Woordenlijst(["bossche", "bosche", "ijssel", "hart"])
    assert woorden.near("bosche") == []  # known: not a typo by itself
    assert woorden.near("bosche", known=True) == ["bossche"]
    assert woorden.near("yssel") == ["ijssel"]  # "y" for "ij" is one typo


# --- The answers, over the shipped data -------------------------------------------------------


def ask(text):
    return search.resolve(search.parse_query(text))


def gemeenten_in(antwoord) -> set[str]:
    found = {k.gemeente for k in (*antwoord.keuzes, *antwoord.andere_delen)}
    return found | ({antwoord.gemeente} if antwoord.gevonden else set())


PLACES = [
    # (typed, gemeente, a correction said)
    ("Alphen ad Rijn", "Alphen aan den Rijn", False),
    ("Capelle ad IJssel", "Capelle aan den IJssel", False),
    ("Capelle a/d Yssel", "Capelle aan den IJssel", True),
    ("Bergen o/d Zoom", "Bergen op Zoom", False),
    ("Bergen op den Zoom", "Bergen op Zoom", False),
    ("Schin o/d Geul", "Valkenburg aan de Geul", False),
    ("Sint Maarten Schagen", "Schagen", False),  # the village, not the island
    ("Spaarndam Haarlemmermeer", "Haarlemmermeer", False),  # one place over a border
    ("Bavel AC", "Alphen-Chaam", False),  # GeoNames' "AC": the part in Alphen-Chaam
    ("Ulvenhout AC", "Alphen-Chaam", False),
    ("Heerln", "Heerlen", True),  # also one typo from Heerle: the gemeente first
    ("Beesl", "Beesel", True),  # also one typo from Beesd
    ("Hoek van Hollands", "Rotterdam", True),  # "hollands" is a word of Hollands Kroon
]


@pytest.mark.realdata
@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "gemeente", "gecorrigeerd"), PLACES)
def test_places_as_people_write_them(typed, gemeente, gecorrigeerd):
    antwoord = ask(typed)
    assert antwoord.gevonden, (typed, antwoord.uitkomst)
    assert antwoord.gemeente == gemeente and antwoord.school is None, typed
    assert bool(antwoord.bedoeld) == gecorrigeerd, typed


@pytest.mark.realdata
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "provincie", "eiland", "pc4"),
    [
        ("prov. Gelderland", "gelderland", None, None),
        ("Eustatius", None, "Sint Eustatius", None),
        ("Kralendyk", None, "Bonaire", None),
        ("5271AB.", None, None, "5271"),
        ("5271,AB", None, None, "5271"),
    ],
)
def test_provinces_islands_and_postcodes(typed, provincie, eiland, pc4):
    antwoord = ask(typed)
    if provincie:
        assert antwoord.uitkomst == Uitkomst.PROVINCIE and antwoord.provincie == provincie
    if eiland:
        assert antwoord.uitkomst == Uitkomst.BUITEN_REGIO and antwoord.eiland.naam == eiland
    if pc4:
        assert antwoord.gevonden and antwoord.pc4 == pc4


SCHOOLS = [
    # (typed, the school offered, first in the list)
    ("Basisschool 't Bosche Hart", "03KI00"),  # "bosche" is a word of other schools' names
    ("Ekke de Hanschool", "14JW00"),
    ("KBS Marus", "06GN00"),  # KBS Marcus: its whole name, before the schools called Maris
    ("Basisschool Eeschot", "12AL00"),  # Eerschot, not the place Enschot
    ("Openbare Scholengemeenschap De Ring van Ptten voor Ath Havo Mavo", "19DH00"),  # not Petten
    # The whole name typed, with a look-alike elsewhere: the school typed first.
    ("Christelijke Basisschool Beatrix", "09CV00"),
    ("De OpStap", "13LB00"),
    ("Basisschool De Bosrank", "16NN00"),
    ("Kbs De Griffioen", "06IT00"),
    ("Obs Het Vogelnest", "14ML00"),
    ("Basisschool Het Koggeschip", "07AZ00"),
]


@pytest.mark.realdata
@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "code"), SCHOOLS)
def test_the_school_meant_comes_first(typed, code):
    antwoord = ask(typed)
    assert antwoord.school is None and antwoord.uitkomst == Uitkomst.KEUZES, typed
    assert antwoord.school_keuzes[0].vestigingscode == code, typed


@pytest.mark.realdata
@pytest.mark.django_db
def test_a_school_word_one_typo_from_a_gemeente_offers_the_gemeente_too():
    # "Waale" is a word of "Meander, locatie JP Waale" and one letter short of Waalre.
    antwoord = ask("Waale")
    assert "13XL00" in [k.vestigingscode for k in antwoord.school_keuzes]
    assert "Waalre" in {k.gemeente for k in antwoord.keuzes}


@pytest.mark.realdata
@pytest.mark.django_db
def test_other_parts_of_a_gemeente_never_hold_the_answers_postcodes():
    antwoord = ask("gemeente Súdwest-Fryslân")
    assert antwoord.gevonden and antwoord.andere_delen
    # The gemeente's largest part (Sneek, Bolsward) answers; none of its PC4s lies in a range
    # of another part.
    grootste = candidates_for(sleutel="sudwest fryslan", alleen_gemeente=True)[0]
    eigen = {int(area.pc4) for area in grootste.areas}
    for deel in antwoord.andere_delen:
        for reeks in deel.postcode_tekst.split(", "):
            van, _, tot = reeks.partition("–")
            assert not eigen & set(range(int(van), int(tot or van) + 1)), deel.postcode_tekst


# --- Generated typos, fixed seed ---------------------------------------------------------------


def _typo(name: str, rng: random.Random) -> str | None:
    """The name with one letter dropped, added, changed or two swapped in one word of 6+ letters
    (so the word keeps 5 or more); None when it has no such word."""
    words = name.split(" ")
    long = [i for i, word in enumerate(words) if len(word) >= 6 and word.isalpha()]
    if not long:
        return None
    i = rng.choice(long)
    word, at = words[i], rng.randrange(1, len(words[i]) - 1)
    kind = rng.choice(["swap", "drop", "extra", "change"])
    if kind == "swap":
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    elif kind == "drop":
        word = word[:at] + word[at + 1 :]
    elif kind == "extra":
        word = word[:at] + rng.choice("aeinorst") + word[at:]
    else:
        word = word[:at] + rng.choice([c for c in "aeinorst" if c != word[at]]) + word[at + 1 :]
    words[i] = word
    return " ".join(words) if word.lower() != name.split(" ")[i].lower() else None


def _rows(filename: str) -> list[dict]:
    with open(settings.VINDPLEK_DATA_DIR / filename, encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@pytest.mark.realdata
@pytest.mark.django_db
def test_forty_school_names_with_one_generated_typo_offer_the_school():
    scholen = _rows("scholen-2024-11.csv")
    count: dict[str, int] = {}
    for row in scholen:
        count[normalise_name(row["naam"])] = count.get(normalise_name(row["naam"]), 0) + 1
    rng = random.Random(22)
    pool = [r for r in scholen if count[normalise_name(r["naam"])] == 1]
    cases = [(t, r["vestigingscode"]) for r in rng.sample(pool, 80) if (t := _typo(r["naam"], rng))]
    missed = []
    for typed, code in cases[:40]:
        antwoord = ask(typed)
        offered = [k.vestigingscode for k in antwoord.school_keuzes]
        if code not in offered or not antwoord.bedoeld or antwoord.school:
            missed.append((typed, code, antwoord.uitkomst))
    assert len(cases) >= 40 and missed == []


@pytest.mark.realdata
@pytest.mark.django_db
def test_forty_place_names_with_one_generated_typo_find_the_place():
    gemeente = {r["pc4"]: r["gemeente"] for r in _rows("pc4-gemeente-2024.csv")}
    places: dict[str, set[str]] = {}
    for row in _rows("geonames-nl-pc4.csv"):
        if row["pc4"] in gemeente and not re.search(r"[()]| gem\. | [A-Z]{1,3}$", row["plaats"]):
            places.setdefault(row["plaats"], set()).add(gemeente[row["pc4"]])
    known = {normalise_name(n) for n in places} | {normalise_name(g) for g in gemeente.values()}
    rng = random.Random(22)
    cases = []
    for naam in rng.sample(sorted(places), 200):
        typed = _typo(naam, rng)
        # A typo that makes another name is no typo to correct; one that is one letter from two
        # names may rightly find the other (Vassen: Vaassen or Assen), so those are left out.
        if typed and normalise_name(typed) not in known and not _two_near(typed, known):
            cases.append((typed, places[naam]))
    missed = []
    for typed, gemeenten in cases[:40]:
        antwoord = ask(typed)
        if not gemeenten & gemeenten_in(antwoord) or not antwoord.bedoeld:
            missed.append((typed, sorted(gemeenten), antwoord.uitkomst))
    assert len(cases) >= 40 and missed == []


def _two_near(typed: str, known: set[str]) -> bool:
    key = normalise_name(typed)
    return sum(1 for name in known if OSA.distance(key, name, score_cutoff=1) <= 1) > 1


@pytest.mark.realdata
@pytest.mark.django_db
def test_oranjestad_is_on_aruba_and_on_sint_eustatius(client):
    # The capital of both: the answer for Aruba offers Sint Eustatius, whose answer is its own.
    response = client.get("/zoeken/?q=Oranjestad")
    assert response.context["antwoord"].eiland.naam == "Aruba"
    link = response.context["antwoord"].ook_op
    assert link[1].naam == "Sint Eustatius"
    assert b'id="ook-op"' in response.content
    href = "/zoeken/?q=Oranjestad+Sint%20Eustatius"
    assert href.encode() in response.content
    verder = client.get(href).context["antwoord"]
    assert verder.eiland.naam == "Sint Eustatius" and verder.eiland.caribisch_nederland
    assert ask("Oranjestad Aruba").ook_op is None
