"""Search by school: every school of DUO's file, the matching rules, choices, pages and API."""

import csv

import pytest
from django.urls import reverse

from steunpunten.models import School
from steunpunten.scholen import (
    STOPWOORDEN,
    build_school_index,
    clean_website,
    is_speciaal,
    parse_code,
    query_tokens,
    soort_sectoren,
)
from tests.conftest import REGIO_CSV, SCHOLEN_CSV
from zoeken import school_search, search, suggesties
from zoeken.antwoord import Antwoord, Uitkomst

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def rows():
    with open(SCHOLEN_CSV, encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@pytest.fixture(scope="module")
def law():
    with open(REGIO_CSV, encoding="utf-8-sig") as handle:
        return {row["pc4"]: row for row in csv.DictReader(handle, delimiter=";")}


def resolve(text: str) -> Antwoord:
    return search.resolve(search.parse_query(text))


@pytest.mark.realdata
def test_every_school_gets_the_swv_that_the_law_gives_its_pc4_for_its_soort(rows, law):
    by_code = {s.vestigingscode: s for s in School.objects.select_related("postcodegebied")}
    not_in_law = []
    for row in rows:
        school = by_code[row["vestigingscode"]]
        sectoren = soort_sectoren(row["soort"])
        assert sectoren, row["soort"]
        pc4 = row["postcode"][:4]
        if pc4 not in law:
            not_in_law.append(school)
            continue
        area = school_search.school_area(school)
        assert area.pc4 == pc4
        expected = {"PO": law[pc4]["swv_po"], "VO": law[pc4]["swv_vo"]}
        actual = {"PO": area.swv_po.code, "VO": area.swv_vo.code}
        for sector in sectoren:
            assert actual[sector] == expected[sector], (row["vestigingscode"], sector)
    # The four PC4 issued after 2015 are answered, and the answer says it is approximate.
    assert sorted(s.pc4 for s in not_in_law) == ["1384", "4125", "5156", "5352"]
    for school in not_in_law:
        antwoord = search.answer_for_school(school.vestigingscode)
        assert antwoord.benadering and antwoord.benaderd_met
        assert antwoord.sectoren and antwoord.po  # all four are basisscholen


def test_the_answer_keeps_only_the_sectors_of_the_soort():
    for soort, expected in [
        ("basisschool", {"PO"}),
        ("SBAO", {"PO"}),
        ("SO", {"PO"}),
        ("VSO", {"VO"}),
        ("(V)SO", {"PO", "VO"}),
        ("VBO/MAVO/HAVO/VWO", {"VO"}),
        ("PRO", {"VO"}),
        ("BRUGJAAR", {"VO"}),
    ]:
        school = School.objects.filter(soort=soort, postcodegebied__swv_po__isnull=False).first()
        antwoord = search.answer_for_school(school.vestigingscode)
        assert {swv.sector for swv in antwoord.sectoren} == expected, soort
        assert antwoord.school.speciaal == is_speciaal(soort)
        assert antwoord.pc4 == school.pc4


@pytest.mark.realdata
def test_every_school_is_found_by_its_name_and_place(rows):
    index = school_search.school_index(aliases=search.school_aliases())
    for row in rows:
        text = f"{row['naam']} {row['plaats']}"
        vraag = search.parse_query(text)  # "1e Montessorischool Alkmaar" is no postcode
        assert vraag.sleutel or vraag.met_naam, text  # "... Groningensingel 1235 Arnhem" may be
        found = index.find(text)
        assert row["vestigingscode"] in {v.vestigingscode for v in found}, row["naam"]
        assert parse_code(row["vestigingscode"].lower()) == (
            "vestigingscode",
            row["vestigingscode"],
        )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Stedelijk Kottenpark", "00AH00"),
        ("het stedelijk kottenpark", "00AH00"),
        ("STEDELIJK  KOTTENPARK, Enschede", "00AH00"),
        ("00AH07", "00AH07"),
        ("00ah07", "00AH07"),
        ("Basisschool Dromenvanger Oudheusden", "10JF00"),
        ("BS De Dromenvanger, Oudheusden", "10JF00"),
        ("Beo Meidoorn", "01AI07"),
        ("1e Montessori Alkmaar", None),
        ("Lorentz Groep loc. ISK Groningensingel 1235 Arnhem", None),
    ],
)
@pytest.mark.realdata
def test_one_match_is_the_school(text, code):
    antwoord = resolve(text)
    assert antwoord.gevonden
    if code is None:  # names with numbers: the one school of that name and place
        school = School.objects.get(vestigingscode=antwoord.school.vestigingscode)
        assert antwoord.school.naam.split()[0] in text and school.plaats in text
    else:
        assert antwoord.school.vestigingscode == code


WHOLE_NAMES = [
    # (school, place, gemeente): what was typed, and whether that is the school's whole name
    ("Openbare Basisschool Overvecht", "Utrecht", "Utrecht", "Overvecht", False),
    ("Openbare Basisschool Overvecht", "Utrecht", "Utrecht", "Overvecht Utrecht", False),
    ("Openbare Basisschool Overvecht", "Utrecht", "Utrecht", "OBS Overvecht", True),
    (
        "Openbare Basisschool Overvecht",
        "Utrecht",
        "Utrecht",
        "basisschool overvecht, utrecht",
        True,
    ),
    (
        "Openbare Basisschool Overvecht",
        "Utrecht",
        "Utrecht",
        "Openbare Basisschool Overvecht",
        True,
    ),
    ("Openbare Basisschool Overvecht", "Utrecht", "Utrecht", "OBS Overvecht Utrecht", True),
    ("BS De Dromenvanger", "Oudheusden", "Heusden", "Dromenvanger", False),
    ("BS De Dromenvanger", "Oudheusden", "Heusden", "De Dromenvanger Oudheusden", False),
    ("BS De Dromenvanger", "Oudheusden", "Heusden", "BS Dromenvanger", True),
    ("BS De Dromenvanger", "Oudheusden", "Heusden", "Basisschool De Dromenvanger Heusden", True),
    ("SBO Hoogvliet", "Hoogvliet Rotterdam", "Rotterdam", "Hoogvliet", False),
    ("SBO Hoogvliet", "Hoogvliet Rotterdam", "Rotterdam", "SBO Hoogvliet", True),
    ("IKC De Zevensprong", "Ede", "Ede", "Zevensprong Ede", False),
    ("IKC De Zevensprong", "Ede", "Ede", "Kindcentrum Zevensprong Ede", True),
    # No kind of school in front: the name itself is enough.
    ("BeO Meidoorn", "Spijkenisse", "Nissewaard", "Beo Meidoorn", True),
    ("BeO Meidoorn", "Spijkenisse", "Nissewaard", "Meidoorn", False),
    ("De Regenboog", "Apeldoorn", "Apeldoorn", "regenboog apeldoorn", True),
    # DUO's list of kinds after the name describes the school; it is not what people call it.
    (
        "Het Stedelijk Kottenpark praktijkonderwijs, vmbo, havo, atheneum en gymnasium",
        "Enschede",
        "Enschede",
        "Stedelijk Kottenpark",
        True,
    ),
    (
        "Het Stedelijk Kottenpark praktijkonderwijs, vmbo, havo, atheneum en gymnasium",
        "Enschede",
        "Enschede",
        "Kottenpark",
        False,
    ),
    (
        "Scholengroep Penta voor gym ath havo mavo lwoo, loc. Hoogvliet",
        "Hoogvliet Rotterdam",
        "Rotterdam",
        "Scholengroep Penta Hoogvliet",
        True,
    ),
]


@pytest.mark.parametrize(("naam", "plaats", "gemeente", "typed", "whole"), WHOLE_NAMES)
def test_a_whole_school_name_is_every_word_people_call_it_by(naam, plaats, gemeente, typed, whole):
    row = {"vestigingscode": "01AA00", "naam": naam, "plaats": plaats, "gemeente": gemeente}
    index = build_school_index([{**row, "adres": "", "soort": "basisschool"}])
    assert [v.naam for v in index.find(typed)] == [naam], typed  # found, however it was typed
    assert index.vermeldingen[0].whole_name(typed) is whole, typed


def test_common_words_accents_and_case_do_not_matter():
    plain = resolve("De Regenboog Apeldoorn")
    for variant in [
        "Basisschool De Regenboog Apeldoorn",
        "CBS de regenboog APELDOORN",
        "regenboog, apeldoorn",
    ]:
        assert resolve(variant).school_keuzes == plain.school_keuzes
    assert {"basisschool", "school", "cbs", "obs", "rk"} <= STOPWOORDEN
    assert query_tokens("OBS 't Ónderdak") == ["onderdak"]
    assert resolve("Aida Den Haag").school_keuzes == resolve("aida 's-Gravenhage").school_keuzes


@pytest.mark.parametrize("name", ["De Regenboog", "Het Kompas"])
def test_a_common_name_gives_a_choice_list_with_places(name):
    antwoord = resolve(name)
    assert antwoord.uitkomst == Uitkomst.KEUZES
    keuzes = antwoord.school_keuzes
    assert 10 <= len(keuzes) <= school_search.MAX_SCHOOL_KEUZES
    assert len({k.plaats for k in keuzes}) > 5
    assert all(k.adres.endswith(k.plaats) for k in keuzes)


def test_a_brin_with_several_locations_gives_its_locations():
    antwoord = resolve("00AH")
    codes = [k.vestigingscode for k in antwoord.school_keuzes]
    assert codes == sorted(
        School.objects.filter(brin="00AH").values_list("vestigingscode", flat=True)
    )
    assert len(codes) > 1
    single = School.objects.values("brin").order_by("brin").first()["brin"]
    if School.objects.filter(brin=single).count() == 1:
        assert resolve(single).gevonden


@pytest.mark.realdata
def test_a_postcode_or_a_place_still_wins():
    assert resolve("Dorpsstraat 1, 1011 AB Amsterdam").school is None
    assert resolve("Zwolle").school is None and resolve("Zwolle").gevonden
    assert resolve("7522 GK").school is None
    assert resolve("Den Haag").school is None
    assert resolve("amster").keuzes  # a prefix of a place: places, not every school there
    assert resolve("basisschool").uitkomst == Uitkomst.PLAATS_ONBEKEND


def test_websites_as_duo_gives_them():
    assert clean_website("www.ikcdriemaster,nl") == "https://www.ikcdriemaster.nl"
    assert clean_website("a.nl / b.nl") == "https://a.nl"
    assert clean_website("0528266192") == ""
    assert clean_website("https://x.nl/school/") == "https://x.nl/school/"


# --- Pages -----------------------------------------------------------------------------------


def test_search_with_one_school_goes_to_its_page(client):
    response = client.get(reverse("zoeken:zoeken"), {"q": "Stedelijk Kottenpark"})
    assert response.status_code == 302
    assert response["Location"] == "/scholen/00AH00/"


def test_school_page_names_the_swv_and_its_steunpunten(client):
    antwoord = search.answer_for_school("00AH00")
    html = client.get("/scholen/00AH00/").content.decode()
    assert f"Deze school hoort bij samenwerkingsverband {antwoord.vo.leesbare_code}." in html
    assert "Lyceumlaan 30, 7522 GK Enschede" in html
    assert antwoord.vo.naam.startswith("Samenwerkingsverband VO 23-02")
    assert 'href="https://www.hetstedelijk.nl"' in html
    assert "/wegwijzer/?school=00AH00" in html
    assert "toelaatbaarheidsverklaring" not in html
    for kaart in antwoord.vo.steunpunten:
        assert kaart.naam in html


def test_special_school_page_says_who_to_ask_with_a_tlv(client):
    school = School.objects.filter(soort="(V)SO").first()
    html = client.get(school.get_absolute_url()).content.decode()
    assert "Heeft uw kind een toelaatbaarheidsverklaring (TLV)?" in html
    assert "het samenwerkingsverband dat die verklaring heeft afgegeven" in html
    assert 'id="thuis"' in html and 'action="/zoeken/"' in html
    assert "(basisonderwijs) en VO " in html and "(voortgezet onderwijs)" in html
    # The answer comes before the TLV explanation: the steunpunt is on the first screen.
    assert html.index('id="antwoord"') < html.index("toelaatbaarheidsverklaring (TLV)")


def test_school_page_codes(client):
    assert client.get("/scholen/00ah00/").status_code == 301
    assert client.get("/scholen/99ZZ00/").status_code == 404
    assert client.get("/scholen/nonsense/").status_code == 404


def test_choice_list_page(client):
    response = client.get(reverse("zoeken:zoeken"), {"q": "De Regenboog"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Welke school bedoelt u met „De Regenboog”?" in html
    assert html.count('href="/scholen/') >= 10


def test_postcode_results_offer_search_by_school(client):
    html = client.get(reverse("zoeken:zoeken"), {"q": "7522GK"}).content.decode()
    assert 'href="#q">Zoek op school</a>' in html


def test_wegwijzer_for_a_school(client):
    html = client.get("/wegwijzer/", {"school": "00AH00"}).content.decode()
    assert "De wegwijzer voor Het Stedelijk Kottenpark" in html
    assert "VO 23-02" in html
    for bad in ["99ZZ00", "<script>"]:
        response = client.get("/wegwijzer/", {"school": bad})
        assert response.status_code == 400
        assert "Wij kennen deze school niet" in response.content.decode()


# --- API and suggestions ---------------------------------------------------------------------


def test_api_search_by_school_name(client):
    data = client.get("/api/v1/zoeken", {"q": "Stedelijk Kottenpark"}).json()
    assert data["uitkomst"] == "gevonden"
    assert data["school"] == {
        "vestigingscode": "00AH00",
        "naam": School.objects.get(vestigingscode="00AH00").naam,
        "soort": "VBO/MAVO/HAVO/VWO",
        "adres": "Lyceumlaan 30, 7522 GK Enschede",
        "plaats": "Enschede",
        "url": "http://testserver/scholen/00AH00/",
        "zoekterm": "00AH00",
    }
    assert data["samenwerkingsverbanden"]["po"] is None
    assert data["samenwerkingsverbanden"]["vo"]["code"] == "VO2302"
    assert client.get("/api/v1/zoeken", {"q": "1011AB"}).json()["school"] is None


def test_api_search_with_several_schools_gives_keuzes(client):
    data = client.get("/api/v1/zoeken", {"q": "Het Kompas"}).json()
    assert data["uitkomst"] == "keuzes" and data["school"] is None
    assert len(data["keuzes"]) > 5
    assert set(data["keuzes"][0]) == {
        "vestigingscode",
        "naam",
        "soort",
        "adres",
        "plaats",
        "url",
        "zoekterm",
    }
    again = client.get("/api/v1/zoeken", {"q": data["keuzes"][0]["zoekterm"]}).json()
    assert again["school"]["vestigingscode"] == data["keuzes"][0]["vestigingscode"]


@pytest.mark.realdata
def test_api_scholen(client):
    data = client.get("/api/v1/scholen", {"q": "00AH"}).json()
    assert data["aantal"] == School.objects.filter(brin="00AH").count()
    assert (
        client.get("/api/v1/scholen", {"q": "00ah07"})
        .json()["resultaten"][0]["naam"]
        .startswith("Het Stedelijk College Zuid")
    )
    assert client.get("/api/v1/scholen", {"q": "regenboog apeldoorn"}).json()["aantal"] >= 1
    assert client.get("/api/v1/scholen", {"q": "x"}).status_code == 400
    assert client.get("/api/v1/scholen", {"q": "qqqqzzzz"}).json()["aantal"] == 0


@pytest.mark.realdata
def test_suggestions(client):
    data = client.get("/api/v1/suggesties", {"q": "kottenp"}).json()["suggesties"]
    assert data[0]["soort"] == "school" and data[0]["zoekterm"] == "00AH00"
    places = client.get("/api/v1/suggesties", {"q": "zwol"}).json()["suggesties"]
    assert places[0] == {"soort": "plaats", "label": "Zwolle", "zoekterm": "Zwolle", "url": None}
    assert len(places) <= 8
    den_haag = client.get("/api/v1/suggesties", {"q": "den h"}).json()["suggesties"]
    assert "Den Haag" in [s["label"] for s in den_haag]
    assert client.get("/api/v1/suggesties", {"q": "z"}).json() == {"suggesties": []}
    assert client.get("/api/v1/suggesties", {"q": "1234"}).json() == {"suggesties": []}
    assert client.get("/api/v1/suggesties", {"q": "1011 AB"}).json() == {"suggesties": []}
    numbered = client.get("/api/v1/suggesties", {"q": "1e montes"}).json()["suggesties"]
    assert numbered and all("1e " in s["label"].lower() for s in numbered)
    assert client.get("/api/v1/suggesties").json() == {"suggesties": []}


def test_english_pages_link_to_english_school_pages(client):
    response = client.get("/en/zoeken/", {"q": "Stedelijk Kottenpark"})
    assert response["Location"] == "/en/scholen/00AH00/"
    client.get("/zoeken/", {"q": "Het Kompas"})  # the Dutch answer is cached first
    html = client.get("/en/zoeken/", {"q": "Het Kompas"}).content.decode()
    assert 'href="/en/scholen/' in html and 'href="/scholen/' not in html
    html = client.get("/en/scholen/00AH00/").content.decode()
    assert "This school belongs to partnership VO 23-02." in html


def test_school_pages_take_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    # Both indexes are built once per data version and process, not per request.
    school_search.school_index(aliases=search.school_aliases())
    suggesties.place_names()
    search.name_list()
    with django_assert_max_num_queries(14):
        assert client.get("/scholen/00AH00/").status_code == 200
    with django_assert_max_num_queries(1):  # the data version; the answer comes from the cache
        assert client.get("/scholen/00AH00/").status_code == 200
    with django_assert_max_num_queries(4):  # the version, the place look-up (none), schools: 0
        assert client.get("/zoeken/", {"q": "Het Kompas"}).status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get("/api/v1/suggesties", {"q": "kompa"}).status_code == 200


# --- Issue 23, finding 5: an edit that leaves the schools alone keeps their index -------------


@pytest.mark.django_db
def test_an_edit_that_leaves_the_schools_alone_keeps_their_index():
    from steunpunten import cache

    before = school_search.school_index(aliases=search.school_aliases())
    versie = cache.current_version()
    cache.bump_version()  # what every edit (of a steunpunt, say) does on commit
    assert cache.current_version() != versie
    assert school_search.school_index(aliases=search.school_aliases()) is before
    # A change of a school is a new index that has it.
    school = School.objects.order_by("vestigingscode").first()
    School.objects.filter(pk=school.pk).update(naam="Zeldzaamnaam Vindplekschool")
    cache.bump_version()
    after = school_search.school_index(aliases=search.school_aliases())
    assert after is not before
    assert [v.vestigingscode for v in after.find("zeldzaamnaam vindplekschool")] == [
        school.vestigingscode
    ]
