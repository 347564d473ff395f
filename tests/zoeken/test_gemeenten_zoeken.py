"""Searching by today's gemeenten, old ones, same-name places and mixed input, over all the data."""

import re
from collections import defaultdict

import pytest

from steunpunten.gemeenten import candidates_for
from steunpunten.models import Plaatsnaam, Postcodegebied, Steunpunt
from steunpunten.names import normalise_name
from steunpunten.regio import PROVINCIE_CHOICES, PROVINCIES
from zoeken import search

pytestmark = [pytest.mark.django_db]


PROVINCE_NUMBER = {slug: number for number, (slug, _naam) in PROVINCIES.items()}


def variants(name: str) -> list[str]:
    """As typed, lower case, and without accents or punctuation."""
    return [name, name.lower(), normalise_name(name)]


def test_every_current_and_2015_gemeente_name_gives_its_gemeente():
    current = defaultdict(set)
    rows = Postcodegebied.objects.exclude(gemeente="").values_list("gemeente", "gemeente_2015")
    today = {gemeente for gemeente, _old in rows}
    for gemeente, gemeente_2015 in rows:
        current[gemeente].add(gemeente)
        if gemeente_2015 and gemeente_2015 not in today:
            # An old name: the gemeenten its postcodes lie in now.
            current[gemeente_2015].add(gemeente)
    assert len(current) == 342 + 73
    for name, expected in sorted(current.items()):
        keys = {search.parse_query(text).sleutel for text in variants(name)}
        assert len(keys) == 1, name
        antwoord = search.resolve(search.parse_query(name))
        if antwoord.uitkomst == search.Uitkomst.GEVONDEN:
            assert antwoord.gemeente in expected, name
            assert len(expected) == 1, name
        else:
            assert antwoord.uitkomst == search.Uitkomst.KEUZES, name
            assert expected <= {keuze.gemeente for keuze in antwoord.keuzes}, name
        if name not in expected and normalise_name(name) not in map(normalise_name, expected):
            # An old name: the answer says what it is now.
            assert antwoord.herindeling is not None, name
            assert set(antwoord.herindeling.gemeenten) == expected, name


def names_with_several_groups() -> list[str]:
    """Every name whose PC4s differ in gemeente or SWVs: only these can give a choice list."""
    groups = defaultdict(set)
    areas = {
        area.pk: (area.gemeente, area.swv_po_id, area.swv_vo_id)
        for area in Postcodegebied.objects.all()
    }
    for area_id, sleutel in Plaatsnaam.objects.values_list("postcodegebied_id", "sleutel"):
        groups[sleutel].add(areas[area_id])
    for area in Postcodegebied.objects.all():
        for key in (area.gemeente_sleutel, area.gemeente_2015_sleutel):
            if key:
                groups[key].add(areas[area.pk])
    return sorted(key for key, found in groups.items() if len(found) > 1)


def test_no_choice_list_holds_two_equal_labels():
    keys = names_with_several_groups()
    assert len(keys) > 100
    lists = 0
    for key in keys:
        candidates = candidates_for(sleutel=key)
        labels = [k.label for k in candidates]
        assert len(labels) == len(set(labels)), (key, labels)
        lists += len(candidates) > 1
    assert lists > 50


def test_every_name_that_occurs_in_two_provinces_gives_a_choice():
    provinces = defaultdict(set)
    for sleutel, provincie in Plaatsnaam.objects.exclude(postcodegebied__provincie="").values_list(
        "sleutel", "postcodegebied__provincie"
    ):
        provinces[sleutel].add(provincie)
    for sleutel, provincie in Postcodegebied.objects.exclude(provincie="").values_list(
        "gemeente_sleutel", "provincie"
    ):
        provinces[sleutel].add(provincie)
    names_by_key = {key: found for key, found in provinces.items() if len(found) > 1}
    assert {"hengelo", "rijswijk", "katwijk", "vianen", "oosterwolde", "bergen"} <= set(
        names_by_key
    )
    province_names = dict(PROVINCIE_CHOICES)
    for key, found in sorted(names_by_key.items()):
        antwoord = search.resolve(search.parse_query(key))
        assert antwoord.uitkomst == search.Uitkomst.KEUZES, key
        shown = {keuze.provincie_naam for keuze in antwoord.keuzes}
        assert {province_names[slug] for slug in found} <= shown, key


@pytest.mark.parametrize(
    ("name", "labels"),
    [
        ("Hengelo", ["Hengelo (Overijssel)", "Hengelo (gemeente Bronckhorst, Gelderland)"]),
        ("Bergen", ["Bergen (Noord-Holland)", "Bergen (Limburg)"]),
    ],
)
def test_choice_labels_say_where_with_the_own_gemeente_first(name, labels):
    antwoord = search.resolve(search.parse_query(name))
    assert [keuze.label for keuze in antwoord.keuzes] == labels


@pytest.mark.parametrize(
    ("name", "labels"),
    [
        (
            "Rotterdam",
            [
                # Not the harbour (Botlek, Europoort): no SWV, nobody lives there (issue 22).
                "Hoek van Holland (gemeente Rotterdam, Zuid-Holland)",
                "Rozenburg (gemeente Rotterdam, Zuid-Holland)",
            ],
        ),
        ("Amsterdam", ["Weesp (gemeente Amsterdam, Noord-Holland)"]),
    ],
)
def test_a_town_answers_and_lists_the_parts_of_its_gemeente_with_other_swvs(name, labels):
    antwoord = search.resolve(search.parse_query(name))
    assert antwoord.uitkomst == search.Uitkomst.GEVONDEN
    assert antwoord.gemeente == name
    assert [keuze.label for keuze in antwoord.andere_delen] == labels


@pytest.mark.parametrize(("name", "gemeente"), [("Utrecht", "Utrecht"), ("Epe", "Epe")])
def test_mislabelled_geonames_rows_make_no_choice(name, gemeente):
    antwoord = search.resolve(search.parse_query(name))
    assert antwoord.uitkomst == search.Uitkomst.GEVONDEN
    assert antwoord.gemeente == gemeente


@pytest.mark.parametrize(
    ("name", "gemeente", "zin"),
    [
        ("Bussum", "Gooise Meren", "Bussum hoort sinds 2016 bij de gemeente Gooise Meren."),
        (
            "sint-oedenrode",
            "Meierijstad",
            "Sint-Oedenrode hoort sinds 2017 bij de gemeente Meierijstad.",
        ),
        ("Groesbeek", "Berg en Dal", "De gemeente Groesbeek heet sinds 2016 Berg en Dal."),
        ("Weesp", "Amsterdam", "Weesp hoort sinds 2022 bij de gemeente Amsterdam."),
    ],
)
def test_an_old_gemeente_answers_with_its_current_one(name, gemeente, zin):
    antwoord = search.resolve(search.parse_query(name))
    assert antwoord.gemeente == gemeente
    assert antwoord.herindeling.zin == zin


def test_a_split_gemeente_offers_its_parts():
    antwoord = search.resolve(search.parse_query("Haaren"))
    assert antwoord.uitkomst == search.Uitkomst.KEUZES
    assert {k.gemeente for k in antwoord.keuzes} == {"Boxtel", "Oisterwijk", "Tilburg", "Vught"}
    assert antwoord.herindeling.zin == (
        "De gemeente Haaren bestaat sinds 2021 niet meer. De plaatsen horen nu bij de gemeenten "
        "Boxtel, Oisterwijk, Tilburg en Vught."
    )


@pytest.mark.parametrize(
    ("text", "pc4"),
    [
        ("1011AB 12", "1011"),
        ("6211AB Maastricht", "6211"),
        ("Maastricht 6211", "6211"),
        ("Damrak 1, 1012 LG Amsterdam", "1012"),
        ("  1012-lg ", "1012"),
    ],
)
def test_a_postcode_anywhere_in_the_input_wins(text, pc4):
    antwoord = search.resolve(search.parse_query(text))
    assert antwoord.uitkomst == search.Uitkomst.GEVONDEN
    assert antwoord.pc4 == pc4


@pytest.mark.parametrize(
    ("text", "gemeente"),
    [("Breda centrum", "Breda"), ("Amsterdam Zuidoost", "Amsterdam"), ("gemeente Epe", "Epe")],
)
def test_the_longest_known_name_inside_the_input(text, gemeente):
    antwoord = search.resolve(search.parse_query(text))
    assert antwoord.uitkomst == search.Uitkomst.GEVONDEN
    assert antwoord.gemeente == gemeente


@pytest.mark.parametrize("text", ["1234 SA Amsterdam", "Amsterdam 1012 SS"])
def test_a_forbidden_postcode_inside_the_input_says_why(text):
    with pytest.raises(search.ZoekvraagError, match="SA, SD en SS"):
        search.parse_query(text)


def test_a_po_box_range_asks_for_the_home_or_school_postcode():
    antwoord = search.resolve(search.parse_query("2500"))
    assert antwoord.uitkomst == search.Uitkomst.POSTBUS


# The PC4s that are not in the law's 2015 table, with the gemeente they lie in today and, where
# that gemeente's other PC4 do not all share their SWVs, a PC4 of the same village or town.
NEW_PC4 = {
    "1262": ("Blaricum", None),
    "1384": ("Amsterdam", "1383"),  # Weesp
    "2212": ("Noordwijk", None),
    "2216": ("Teylingen", None),
    "2232": ("Katwijk", None),
    "2840": ("Zuidplas", "2841"),  # Moordrecht
    "4125": ("Vijfheerenlanden", "4121"),  # Hoef en Haag, part of Vianen
    "5156": ("Heusden", None),
    "5352": ("Oss", None),
    "5353": ("Oss", None),
    "5354": ("Oss", None),
    "5355": ("Oss", None),
    "5356": ("Oss", None),
    "5357": ("Oss", None),
    "5358": ("Oss", None),
    "5359": ("Oss", None),
    "7732": ("Ommen", None),
    "8576": ("De Fryske Marren", "8567"),  # Oudemirdum
    "8782": ("Súdwest-Fryslân", "8723"),  # Koudum
    "9614": ("Midden-Groningen", None),
    "9622": ("Midden-Groningen", None),
}


def test_the_list_of_new_pc4_is_complete():
    assert set(
        Postcodegebied.objects.filter(in_regio_indeling=False).values_list("pc4", flat=True)
    ) == set(NEW_PC4)


@pytest.mark.parametrize("pc4", sorted(NEW_PC4))
def test_postcodes_issued_after_2015_get_the_swvs_of_their_own_gemeente(pc4):
    gemeente, same_place = NEW_PC4[pc4]
    known = Postcodegebied.objects.filter(in_regio_indeling=True)
    pairs = set(
        known.filter(gemeente=gemeente).values_list("swv_po__code", "swv_vo__code")
        if same_place is None
        else known.filter(pc4=same_place).values_list("swv_po__code", "swv_vo__code")
    )
    assert len(pairs) == 1, f"{gemeente} has several SWV pairs: name a PC4 of the same place"
    expected = pairs.pop()
    antwoord = search.resolve(search.parse_query(pc4))
    assert antwoord.benadering and antwoord.benadering_zin
    assert antwoord.gemeente == gemeente
    assert (antwoord.po.code, antwoord.vo.code) == expected


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_every_province_page_lists_every_swv_with_a_pc4_there(client):
    rows = Postcodegebied.objects.exclude(provincie="").values_list(
        "provincie", "swv_po__code", "swv_vo__code"
    )
    expected = defaultdict(set)
    for provincie, po, vo in rows:
        expected[provincie] |= {code for code in (po, vo) if code}
    for slug, _naam in PROVINCIE_CHOICES:
        html = page(client, f"/regio/{slug}/")
        listed = set(re.findall(r'href="/samenwerkingsverbanden/((?:PO|VO)\d{4})/"', html))
        assert expected[slug] <= listed, slug
        for code in listed - expected[slug]:
            assert code[2:4] == PROVINCE_NUMBER[slug], (slug, code)
    html = page(client, "/regio/noord-brabant/")
    assert "PO 25-07" in html and "ook in Gelderland" in html  # Boxmeer's SWV


def test_an_old_gemeente_page_says_what_it_is_now(client):
    html = page(client, "/zoeken/?q=bussum")
    assert "Bussum hoort sinds 2016 bij de gemeente Gooise Meren." in html
    assert "Gemeente Gooise Meren" in html


def test_a_choice_page_has_unique_labels(client):
    html = page(client, "/zoeken/?q=hengelo")
    assert "Hengelo (Overijssel)" in html and "Hengelo (gemeente Bronckhorst, Gelderland)" in html


def test_a_po_box_page(client):
    html = page(client, "/zoeken/?q=2500", status=404)
    assert "postcode voor postbussen" in html and "school van uw kind" in html


def test_wegwijzer_and_api_use_the_current_gemeente(client):
    html = page(client, "/wegwijzer/?postcode=1401")
    assert "Uw gemeente: Gooise Meren" in html
    data = client.get("/api/v1/zoeken", {"q": "Bussum"}).json()
    assert data["gemeente"] == "Gooise Meren"
    assert data["herindeling"]["oude_gemeente"] == "Bussum"
    assert data["herindeling"]["jaar"] == 2016
    keuzes = client.get("/api/v1/zoeken", {"q": "Hengelo"}).json()["keuzes"]
    assert [k["label"] for k in keuzes][0] == "Hengelo (Overijssel)"
    postbus = client.get("/api/v1/zoeken", {"q": "2500"})
    assert postbus.status_code == 404 and "postbussen" in postbus.json()["fout"]
    nieuw = client.get("/api/v1/zoeken", {"q": "5353"}).json()
    assert nieuw["benadering"] and "5351" in nieuw["toelichting"]


def test_the_site_says_u_not_je(client):
    html = page(client, "/steunpunten/" + Steunpunt.objects.voorbeelden().first().slug + "/")
    assert "Komt u er niet uit?" in html and "Kom je" not in html
    html = page(client, "/zoeken/?q=1011AB")
    assert "steunpunt in de buurt" not in html.replace("steunpunten in de buurt", "")


@pytest.mark.parametrize(("name", "gemeenten"), [("Axel", {"Terneuzen", "Hulst"})])
def test_a_place_over_two_gemeenten_with_the_same_swvs_is_one_answer(name, gemeenten):
    areas = Postcodegebied.objects.filter(plaatsnamen__naam=name)
    assert set(areas.values_list("gemeente", flat=True)) == gemeenten
    assert len(set(areas.values_list("swv_po", "swv_vo"))) == 1
    antwoord = search.resolve(search.parse_query(name))
    assert antwoord.uitkomst == search.Uitkomst.GEVONDEN
    assert antwoord.gemeente in gemeenten


def test_labels_follow_the_language():
    from django.utils import translation

    keuze = search.resolve(search.parse_query("Hengelo")).keuzes[1]
    with translation.override("en"):
        assert keuze.label == "Hengelo (municipality of Bronckhorst, Gelderland)"
    assert keuze.label == "Hengelo (gemeente Bronckhorst, Gelderland)"


@pytest.mark.parametrize(
    ("text", "van", "tot"),
    [("Amsterdam Zuidoost", "1100", "1109"), ("amsterdam-centrum", "1011", "1018")],
)
def test_a_stadsdeel_answers_with_its_own_postcodes(text, van, tot):
    # The districts come from data/alternatieve-namen.csv only, with what they stand for.
    antwoord = search.resolve(search.parse_query(text))
    assert antwoord.uitkomst == search.Uitkomst.GEVONDEN
    assert antwoord.school is None
    assert antwoord.gemeente == "Amsterdam"
    assert van <= antwoord.pc4 <= tot
    assert antwoord.andere_naam.zin.endswith(f"deel van Amsterdam (postcodes {van}–{tot}).")
