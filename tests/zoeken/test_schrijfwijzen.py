"""How parents write a place or a school: abbreviations, typos, provinces, "gemeente X", islands.

The tables are cases written for this purpose, not taken from the data; the sweeps over every
province name and every gemeente run over the shipped data (realdata).
"""

import pytest
from django.test import SimpleTestCase
from django.urls import reverse

from steunpunten.caribisch import island_in
from steunpunten.models import Postcodegebied
from steunpunten.names import compact_name, normalise_name
from steunpunten.regio import PROVINCIE_CHOICES, PROVINCIE_NAMEN
from steunpunten.spelling import Woordenlijst, one_typo_per_word
from zoeken import school_search, search
from zoeken.antwoord import Uitkomst

# Every case here is a real place or school of the shipped data: the whole country (realdata).
pytestmark = pytest.mark.realdata


def ask(text):
    return search.resolve(search.parse_query(text))


class NormalisationTests(SimpleTestCase):
    """One normal form for places, gemeenten and school names alike (steunpunten/names.py)."""

    def test_abbreviations_are_written_out(self):
        table = [
            ("St. Oedenrode", "sint oedenrode"),
            ("St Anthonis", "sint anthonis"),
            ("St.-Annaparochie", "sint annaparochie"),
            ("ST.MICHIELSGESTEL", "sint michielsgestel"),
            ("Sint-Michielsgestel", "sint michielsgestel"),
            ("Ste. Marie", "sainte marie"),
            ("Capelle a/d IJssel", "capelle aan de ijssel"),
            ("Capelle a / d IJssel", "capelle aan de ijssel"),
            ("Capelle aan den IJssel", "capelle aan de ijssel"),
            ("Alphen aan de Rijn", "alphen aan de rijn"),
            ("Alphen a/d Rijn", "alphen aan de rijn"),
            ("Alphen a.d. Rijn", "alphen aan de rijn"),
            ("Alphen a.d Rijn", "alphen aan de rijn"),
            ("Capelle a. d. IJssel", "capelle aan de ijssel"),
            ("Bergen o.d. Zoom", "bergen op zoom"),
            ("Ouderkerk a/d Amstel", "ouderkerk aan de amstel"),
            ("Bergen o/d Zoom", "bergen op zoom"),
            ("Nw. Vennep", "nieuw vennep"),
            ("des Hertogenbosch", "s hertogenbosch"),
            ("'s-Hertogenbosch", "s hertogenbosch"),
            ("BS St. Jozef", "bs sint jozef"),
        ]
        for typed, normal in table:
            with self.subTest(typed):
                assert normalise_name(typed) == normal

    def test_words_that_only_look_like_abbreviations_stay(self):
        for typed in ("Stedum", "Steenwijk", "Staphorst", "Desteldonk", "Aadorp", "Ad Astra"):
            with self.subTest(typed):
                assert normalise_name(typed) == typed.lower()

    def test_initials_are_no_abbreviation(self):
        assert normalise_name("OBS J.A.D. de Wit") == "obs j a d de wit"
        assert normalise_name("CBS O.D.S.") == "cbs o d s"

    def test_a_word_still_being_typed_is_not_written_out(self):
        assert normalise_name("St", open_end=True) == "st"  # Staphorst, Stedum, ...
        assert normalise_name("St.", open_end=True) == "sint"
        assert normalise_name("St Oe", open_end=True) == "sint oe"

    def test_compact_form_ignores_spaces(self):
        assert compact_name(normalise_name("Haarlemmer meer")) == "haarlemmermeer"
        assert compact_name(normalise_name("'s Hertogenbosch")) == "shertogenbosch"


class SpellingTests(SimpleTestCase):
    def test_one_typo_in_a_long_word(self):
        woorden = Woordenlijst(["amsterdam", "rotterdam", "epe", "ede", "zwolle"])
        assert woorden.near("amstredam") == ["amsterdam"]  # two letters swapped
        assert woorden.near("rotterdm") == ["rotterdam"]  # one left out
        assert woorden.near("zwollle") == ["zwolle"]  # one added
        assert woorden.near("zwolle") == []  # exact is no correction
        assert woorden.near("eed") == []  # short words must be exact
        assert woorden.near("amstrdm") == []  # two typos

    def test_one_typo_per_word(self):
        assert one_typo_per_word("capele aan de ijsel", "capelle aan de ijssel")
        assert not one_typo_per_word("capele aan de ijsel x", "capelle aan de ijssel")
        assert not one_typo_per_word("epe", "ede")


def test_islands_are_found_inside_the_input():
    assert island_in("kralendijk bonaire").naam == "Bonaire"
    assert island_in("the bottom").naam == "Saba"
    assert island_in("sint eustatius").caribisch_nederland
    assert not island_in("curacao").caribisch_nederland
    assert island_in("sint michielsgestel") is None


# --- Over the shipped data ------------------------------------------------------------------


ABBREVIATIONS = [
    ("St. Oedenrode", "Meierijstad", "Sint-Oedenrode"),
    ("St Oedenrode", "Meierijstad", "Sint-Oedenrode"),
    ("St Anthonis", "Land van Cuijk", "Sint Anthonis"),
    ("St. Michielsgestel", "Sint-Michielsgestel", "Sint-Michielsgestel"),
    ("St.-Michielsgestel", "Sint-Michielsgestel", "Sint-Michielsgestel"),
    ("Sint Michielsgestel", "Sint-Michielsgestel", "Sint-Michielsgestel"),
    ("Capelle a/d IJssel", "Capelle aan den IJssel", "Capelle aan den IJssel"),
    ("Capelle aan de IJssel", "Capelle aan den IJssel", "Capelle aan den IJssel"),
    ("Alphen aan de Rijn", "Alphen aan den Rijn", "Alphen aan den Rijn"),
    ("Alphen a/d Rijn", "Alphen aan den Rijn", "Alphen aan den Rijn"),
    ("Alphen a.d. Rijn", "Alphen aan den Rijn", "Alphen aan den Rijn"),
    ("Capelle a.d. IJssel", "Capelle aan den IJssel", "Capelle aan den IJssel"),
    ("Ouderkerk a/d Amstel", "Ouder-Amstel", "Ouderkerk aan de Amstel"),
    ("Krimpen a/d IJssel", "Krimpen aan den IJssel", "Krimpen aan den IJssel"),
    ("Koog a/d Zaan", "Zaanstad", "Koog aan de Zaan"),
    ("St. Willebrord", "Rucphen", "Sint Willebrord"),
    ("St Annaparochie", "Waadhoeke", "Sint Annaparochie"),
    ("sHertogenbosch", "'s-Hertogenbosch", "'s-Hertogenbosch"),
    ("des Hertogenbosch", "'s-Hertogenbosch", "'s-Hertogenbosch"),
    ("s-Gravenzande", "Westland", "'s-Gravenzande"),
    ("Bergenop Zoom", "Bergen op Zoom", "Bergen op Zoom"),
    ("Haarlemmer meer", "Haarlemmermeer", None),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "gemeente", "plaats"), ABBREVIATIONS)
def test_everyday_spellings_find_the_place(typed, gemeente, plaats):
    antwoord = ask(typed)
    if antwoord.uitkomst == Uitkomst.KEUZES:
        assert gemeente in {k.gemeente for k in antwoord.keuzes}, typed
    else:
        assert antwoord.uitkomst == Uitkomst.GEVONDEN, typed
        assert antwoord.gemeente == gemeente, typed
        assert antwoord.school is None, typed
        if plaats:
            assert normalise_name(antwoord.plaats) == normalise_name(plaats), typed
    assert not antwoord.bedoeld, typed  # a spelling, not a typo


TYPOS = [
    ("Amstredam", "Amsterdam"),
    ("Rotterdma", "Rotterdam"),
    ("Zwollle", "Zwolle"),
    ("Apeldorn", "Apeldoorn"),
    ("Hertogenbosh", "'s-Hertogenbosch"),
    ("Capele aan den IJssel", "Capelle aan den IJssel"),
    ("Haarlemmermer", "Haarlemmermeer"),
    ("Meierijstadt", "Meierijstad"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "gemeente"), TYPOS)
def test_one_typo_in_a_place_name_is_corrected_and_said(typed, gemeente):
    antwoord = ask(typed)
    assert antwoord.uitkomst in (Uitkomst.GEVONDEN, Uitkomst.KEUZES), typed
    gemeenten = {antwoord.gemeente} | {k.gemeente for k in antwoord.keuzes}
    assert gemeente in gemeenten, typed
    assert antwoord.bedoeld, typed


@pytest.mark.django_db
def test_an_exact_name_ranks_above_a_correction():
    # "Epe" and "Ede" are both real: short words are never corrected.
    assert ask("Epe").gemeente == "Epe" and not ask("Epe").bedoeld
    assert ask("Ede").gemeente == "Ede" and not ask("Ede").bedoeld
    # "Haren" is a place of its own (Groningen), not "Harlen" or "Hare".
    assert not ask("Haren").bedoeld


SCHOOL_TYPOS = [
    ("Stedelijk Kottenpakr", "00AH00"),
    ("Stedeljik Kottenpark Enschede", "00AH00"),
    ("Dromenvagner Oudheusden", "10JF00"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "code"), SCHOOL_TYPOS)
def test_one_typo_in_a_school_name_offers_the_school(typed, code):
    antwoord = ask(typed)
    assert antwoord.uitkomst == Uitkomst.KEUZES, typed
    assert code in [k.vestigingscode for k in antwoord.school_keuzes], typed
    assert antwoord.bedoeld, typed
    assert antwoord.school is None  # a corrected name asks before it opens a school


@pytest.mark.django_db
def test_a_loose_school_match_asks_and_offers_the_places_too():
    # "Regenboog" is no whole school name: a choice, with Apeldoorn itself among the options.
    antwoord = ask("Regenboog Apeldoorn")
    assert antwoord.uitkomst == Uitkomst.KEUZES and antwoord.school is None
    assert antwoord.school_keuzes
    assert "Apeldoorn" in {k.gemeente for k in antwoord.keuzes}


@pytest.mark.django_db
def test_a_corrected_school_name_offers_the_corrected_place_too():
    antwoord = ask("Montessori Alkamar")
    assert antwoord.uitkomst == Uitkomst.KEUZES and antwoord.bedoeld
    assert "13QD02" in [k.vestigingscode for k in antwoord.school_keuzes]
    assert "Alkmaar" in {k.gemeente for k in antwoord.keuzes}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "code", "gemeente"),
    [
        # ("Overvecht" was one: it is a district of data/alternatieve-namen.csv now and answers
        # as Utrecht, tests/zoeken/test_wijken.py; "OBS Overvecht" opens the school, below.)
        ("Dromenvanger", "10JF00", None),
        ("Dromenvanger Oudheusden", "10JF00", "Heusden"),
        ("Meidoorn Spijkenisse", "01AI07", "Nissewaard"),
    ],
)
def test_part_of_a_school_name_asks_and_offers_the_places_too(typed, code, gemeente, client):
    antwoord = ask(typed)
    assert antwoord.uitkomst == Uitkomst.KEUZES and antwoord.school is None, typed
    assert code in [k.vestigingscode for k in antwoord.school_keuzes], typed
    html = client.get(reverse("zoeken:zoeken"), {"q": typed}).content.decode()
    if gemeente:
        assert gemeente in {k.gemeente for k in antwoord.keuzes}, typed
        # The place was typed: the page offers it, instead of asking to type it.
        assert "Kies de school van uw kind, of hieronder de plaats." in html
        assert "Typ dan ook de plaats" not in html
    else:
        assert "Typ dan ook de plaats" in html


@pytest.mark.django_db
def test_the_whole_school_name_opens_the_school():
    assert ask("OBS Overvecht").school.vestigingscode == "16NM00"
    assert ask("Openbare Basisschool Overvecht Utrecht").school.vestigingscode == "16NM00"
    assert ask("Stedelijk Kottenpark").school.vestigingscode == "00AH00"
    assert ask("BS De Dromenvanger, Oudheusden").school.vestigingscode == "10JF00"


@pytest.mark.django_db
def test_gemeente_before_a_name_means_the_gemeente():
    for typed, gemeente in [
        ("gemeente Groningen", "Groningen"),
        ("Gemeente Sint-Michielsgestel", "Sint-Michielsgestel"),
        ("gemeente St. Michielsgestel", "Sint-Michielsgestel"),
        ("gemeente Utrecht", "Utrecht"),
    ]:
        antwoord = ask(typed)
        assert antwoord.uitkomst == Uitkomst.GEVONDEN, typed
        assert antwoord.gemeente == gemeente, typed
        assert antwoord.school is None, typed
        assert antwoord.po and antwoord.vo, typed  # both sectors, as for any gemeente


@pytest.mark.django_db
@pytest.mark.realdata
def test_every_place_name_of_friesland_finds_that_place():
    """The data writes Frisian places by their official names (often Frisian): each one answers
    with itself, never with a school, a correction or another place."""
    from steunpunten.models import Plaatsnaam

    rows = Plaatsnaam.objects.filter(
        postcodegebied__provincie="friesland", postcodegebied__in_regio_indeling=True
    ).values_list("naam", "postcodegebied__gemeente")
    places: dict[str, set[str]] = {}
    for naam, gemeente in rows:
        places.setdefault(naam, set()).add(gemeente)
    assert len(places) > 300
    wrong = []
    for naam, gemeenten in sorted(places.items()):
        antwoord = ask(naam)
        found = {antwoord.gemeente} | {k.gemeente for k in antwoord.keuzes}
        found |= {k.gemeente for k in antwoord.andere_delen}
        if antwoord.school or antwoord.bedoeld or not gemeenten & found:
            wrong.append((naam, antwoord.uitkomst, antwoord.gemeente, antwoord.bedoeld))
    assert not wrong, wrong


@pytest.mark.django_db
@pytest.mark.realdata
def test_every_province_name_gives_its_province_page():
    for typed, slug in PROVINCIE_NAMEN.items():
        gemeente = Postcodegebied.objects.filter(gemeente_sleutel=typed).exists()
        for text in (typed, typed.upper(), f"provincie {typed}"):
            antwoord = ask(text)
            assert antwoord.provincie == slug, text
            assert antwoord.school is None, text
            if gemeente and not text.startswith("provincie"):
                # Groningen and Utrecht are cities too: the city, and a line for the province.
                assert antwoord.uitkomst == Uitkomst.GEVONDEN, text
            else:
                assert antwoord.uitkomst == Uitkomst.PROVINCIE, text
    assert len({slug for slug, _naam in PROVINCIE_CHOICES}) == len(set(PROVINCIE_NAMEN.values()))


@pytest.mark.django_db
def test_a_province_page_is_offered_on_the_results_page(client):
    response = client.get(reverse("zoeken:zoeken"), {"q": "Gelderland"})
    assert response.status_code == 200
    assert 'href="/regio/gelderland/"' in response.content.decode()
    # Zeeland is also a village in Maashorst: offered under the province, never instead of it.
    antwoord = ask("Zeeland")
    assert antwoord.uitkomst == Uitkomst.PROVINCIE
    assert [k.gemeente for k in antwoord.keuzes] == ["Maashorst"]
    html = client.get(reverse("zoeken:zoeken"), {"q": "Zeeland"}).content.decode()
    assert 'href="/regio/zeeland/"' in html and "gemeente Maashorst" in html


@pytest.mark.django_db
def test_a_village_named_clearly_gives_village_or_province():
    for typed in ("Zeeland Maashorst", "Zeeland NB", "Zeeland (gemeente Maashorst)"):
        antwoord = ask(typed)
        assert antwoord.uitkomst == Uitkomst.KEUZES, typed
        assert [k.gemeente for k in antwoord.keuzes] == ["Maashorst"], typed
        assert antwoord.provincie == "zeeland", typed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "gemeente", "plaats"),
    [
        ("Hoogvliet", "Rotterdam", "Hoogvliet Rotterdam"),
        ("Pernis", "Rotterdam", "Pernis Rotterdam"),
        ("Spakenburg", "Bunschoten", "Bunschoten-Spakenburg"),
        ("Meddo", "Winterswijk", "Winterswijk Meddo"),
    ],
)
def test_a_place_the_data_writes_with_its_gemeente_is_found_by_its_own_name(
    typed, gemeente, plaats
):
    # Not a choice of the schools whose name holds the word ("SBO Hoogvliet"): the place.
    antwoord = ask(typed)
    assert antwoord.uitkomst == Uitkomst.GEVONDEN, typed
    assert (antwoord.gemeente, antwoord.plaats) == (gemeente, plaats)
    assert antwoord.school is None and not antwoord.bedoeld


@pytest.mark.django_db
def test_a_word_that_names_no_place_of_its_own_stays_unknown():
    from steunpunten.gemeenten import deelnamen

    korte = deelnamen()
    assert korte["hoogvliet"] == "hoogvliet rotterdam"
    # "Klein Zundert", "Velsen-Noord", "Nieuwe Pekela": no place called Klein, Noord or Nieuwe.
    assert not {"klein", "noord", "nieuwe", "oude", "west"} & set(korte)
    assert ask("Rotterdam").plaats == "Rotterdam"  # a place of its own keeps its meaning


@pytest.mark.django_db
def test_a_place_with_where_it_lies():
    assert ask("Hengelo (Gld)").gemeente == "Bronckhorst"
    assert ask("Hengelo Overijssel").gemeente == "Hengelo"
    assert ask("Den Hoorn Texel").gemeente == "Texel"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "eiland"),
    [
        ("Bonaire", "Bonaire"),
        ("Kralendijk", "Bonaire"),
        ("Kralendijk, Bonaire", "Bonaire"),
        ("Sint Eustatius", "Sint Eustatius"),
        ("Saba", "Saba"),
        ("The Bottom Saba", "Saba"),
        ("Aruba", "Aruba"),
        ("Oranjestad Aruba", "Aruba"),
        ("Curaçao", "Curaçao"),
        ("Willemstad Curacao", "Curaçao"),
        ("Philipsburg Sint Maarten", "Sint Maarten"),
        ("Caribisch Nederland", "Caribisch Nederland"),
    ],
)
def test_the_caribbean_gets_an_honest_answer(typed, eiland, client):
    antwoord = ask(typed)
    assert antwoord.uitkomst == Uitkomst.BUITEN_REGIO, typed
    assert antwoord.eiland.naam == eiland
    assert not antwoord.gemeente and not antwoord.keuzes  # never a Dutch place inside the input
    html = client.get(reverse("zoeken:zoeken"), {"q": typed}).content.decode()
    assert "Europees Nederland" in html


@pytest.mark.django_db
def test_a_dutch_place_with_a_caribbean_name_offers_the_island():
    antwoord = ask("Willemstad")
    assert antwoord.gemeente == "Moerdijk"
    assert antwoord.eiland.naam == "Curaçao"


# --- Choice lists ---------------------------------------------------------------------------


def places_in_gemeenten() -> dict[str, set[str]]:
    """Per place key: the gemeenten of today in which a place of that name lies."""
    from collections import defaultdict

    from steunpunten.models import Plaatsnaam

    found = defaultdict(set)
    rows = Plaatsnaam.objects.filter(postcodegebied__in_regio_indeling=True).values_list(
        "sleutel", "postcodegebied__gemeente"
    )
    for sleutel, gemeente in rows:
        found[sleutel].add(gemeente)
    return found


@pytest.mark.django_db
@pytest.mark.realdata
def test_every_place_name_in_three_or_more_gemeenten_offers_each_gemeente():
    from steunpunten.models import Postcodegebied

    gemeente_names = set(Postcodegebied.objects.values_list("gemeente_sleutel", flat=True))
    shared = {
        key: gemeenten
        for key, gemeenten in places_in_gemeenten().items()
        if len(gemeenten) >= 3 and key not in gemeente_names
    }
    assert len(shared) >= 4  # Alteveer, Nes, Oudega, Spijk in the shipped data
    for key, gemeenten in sorted(shared.items()):
        antwoord = ask(key)
        assert antwoord.uitkomst == Uitkomst.KEUZES, key
        offered = [k.gemeente for k in antwoord.keuzes]
        labels = [k.label for k in antwoord.keuzes]
        assert len(labels) == len(set(labels)), key
        # Every gemeente is named, one option each.
        assert gemeenten <= set(offered), (key, gemeenten, offered)


@pytest.mark.django_db
def test_same_name_villages_with_the_same_swvs_stay_apart():
    # Three villages called Nieuwland... each gemeente an option of its own.
    found = places_in_gemeenten()
    example = next(key for key, gemeenten in sorted(found.items()) if len(gemeenten) >= 3)
    offered = {k.gemeente for k in ask(example).keuzes}
    assert len(offered) >= 3


@pytest.mark.django_db
def test_a_big_gemeente_is_labelled_by_its_main_places(client):
    antwoord = ask("Súdwest-Fryslân")
    first = antwoord.keuzes[0]
    assert first.plaatsen[:1] == ("Sneek",)  # the most postcodes first, not the alphabet
    assert "Bolsward" in first.plaatsen
    html = client.get(reverse("zoeken:zoeken"), {"q": "Súdwest-Fryslân"}).content.decode()
    assert "Ook: Sneek, " in html


@pytest.mark.django_db
def test_europoort_is_no_part_of_rotterdam_to_live_in():
    antwoord = ask("Rotterdam")
    assert antwoord.andere_delen
    assert not any("Europoort" in k.label for k in antwoord.andere_delen)
    assert not any("Europoort" in k.label for k in ask("gemeente Rotterdam").andere_delen)


@pytest.mark.django_db
@pytest.mark.realdata
def test_every_brin_with_more_than_twenty_locations_lists_them_all(client):
    from django.db.models import Count

    from steunpunten.models import School

    big = School.objects.values("brin").annotate(n=Count("id")).filter(n__gt=20)
    assert big.exists()
    for row in big:
        antwoord = ask(row["brin"])
        assert len(antwoord.school_keuzes) == row["n"], row["brin"]
        html = client.get(reverse("zoeken:zoeken"), {"q": row["brin"]}).content.decode()
        assert html.count('class="keuze-detail"') == row["n"], row["brin"]
        lines = [
            (k.naam, k.adres, k.soort, k.met_code and k.vestigingscode)
            for k in antwoord.school_keuzes
        ]
        assert len(lines) == len(set(lines)), row["brin"]


@pytest.mark.django_db
def test_no_two_school_lines_read_the_same():
    from steunpunten.scholen import Vermelding
    from zoeken.school_search import school_keuzes

    twins = [
        Vermelding("01AA00", "De Linde", "Ede", "Laan 1, 6711 AA Ede", "basisschool", frozenset()),
        Vermelding("01AA01", "De Linde", "Ede", "Laan 1, 6711 AA Ede", "basisschool", frozenset()),
        Vermelding("01AA02", "De Linde", "Ede", "Laan 2, 6711 AA Ede", "basisschool", frozenset()),
    ]
    keuzes = school_keuzes(twins)
    assert [k.met_code for k in keuzes] == [True, True, False]


@pytest.mark.django_db
def test_the_whole_answer_to_a_school_search_asks_the_database_a_fixed_number_of_times(
    django_assert_max_num_queries,
):
    """The speed of the school search (p50 at most 5 ms) is shown by `make bench`
    (docs/benchmarks-scholen.md), not by a timed test, which flakes on a busy machine. What a test
    can hold for good is that the whole answer never scans: a few queries per answer, however
    the name is written."""
    index = school_search.school_index(aliases=search.school_aliases())
    search.name_list()
    ask("Zwolle")  # the postcode index, built once per data version
    names = [v.naam for v in index.vermeldingen[::86]]
    queries = names + [name[:-2] + name[-1] + name[-2] for name in names]
    answered = 0
    for text in queries:
        with django_assert_max_num_queries(12):
            try:
                search.resolve(search.parse_query(text))
            except search.ZoekvraagError:
                continue
        answered += 1
    assert answered > 180
