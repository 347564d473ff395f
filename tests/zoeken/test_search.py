"""The search module: PC4 -> SWVs -> steunpunten, place names, edge cases, nearest."""

import random

import pytest

from steunpunten.geo import (
    NEARBY_LIMIT,
    NL_BBOX,
    distance_km,
    find_nearby,
    rank,
)
from steunpunten.models import Steunpunt
from tests.eigenschappen import examples
from tests.helpers import make_steunpunt
from zoeken import search
from zoeken.antwoord import Uitkomst, filter_answer

pytestmark = pytest.mark.django_db


def ask(text):
    return search.resolve(search.parse_query(text))


def test_postcode_gives_both_sectors_and_their_steunpunten():
    antwoord = ask("1011 AB")
    assert antwoord.uitkomst == Uitkomst.GEVONDEN
    assert antwoord.postcode == "1011 AB"
    assert antwoord.pc4 == "1011"
    assert antwoord.gemeente == "Amsterdam"
    assert antwoord.po.code == "PO2707"
    assert antwoord.vo.code == "VO2708"
    assert antwoord.po.leesbare_code == "PO 27-07"
    assert antwoord.po.heeft_steunpunt
    assert all("PO2707" in s.swv_codes for s in antwoord.po.steunpunten)
    assert antwoord.po.steunpunten


def test_pc4_alone_gives_the_same_swvs():
    assert ask("1011").po.code == ask("1011AB").po.code
    assert ask("1011").postcode == "1011"


def test_only_published_steunpunten_are_found():
    verborgen = make_steunpunt("PO2707", slug="verborgen", gepubliceerd=False, lat=52.37, lon=4.9)
    antwoord = ask("1011")
    shown = {s.pk for s in antwoord.po.steunpunten} | {n.steunpunt.pk for n in antwoord.in_de_buurt}
    assert verborgen.pk not in shown


def test_europoort_has_no_swv():
    for pc4 in ("3197", "3198", "3199"):
        antwoord = ask(pc4)
        assert antwoord.uitkomst == Uitkomst.GEEN_SWV
        assert antwoord.po is None and antwoord.vo is None
    assert ask("3197").in_de_buurt  # still shows who is nearby


@pytest.mark.realdata
def test_geonames_only_pc4_is_approximated_from_the_nearest_known_pc4():
    antwoord = ask("5352")
    assert antwoord.uitkomst == Uitkomst.GEVONDEN
    assert antwoord.benadering is True
    assert antwoord.pc4 == "5352"
    assert antwoord.benaderd_met and antwoord.benaderd_met != "5352"
    buur = ask(antwoord.benaderd_met)
    assert (antwoord.po.code, antwoord.vo.code) == (buur.po.code, buur.vo.code)
    assert buur.benadering is False


@pytest.mark.parametrize("postcode", ["1010", "1010 AA", "2010", "5010 AB"])
def test_well_formed_unknown_postcode(postcode):
    antwoord = ask(postcode)
    assert antwoord.uitkomst == Uitkomst.ONBEKEND
    assert antwoord.po is None and not antwoord.in_de_buurt


def test_empty_query_is_no_answer():
    assert search.answer("") is None
    assert search.answer("   ") is None


@pytest.mark.parametrize(
    "name", ["den haag", "Den Haag", "'s-Gravenhage", "S GRAVENHAGE", "the hague"]
)
def test_the_hague_by_every_name(name):
    antwoord = ask(name)
    assert antwoord.uitkomst == Uitkomst.GEVONDEN
    assert antwoord.gemeente == "'s-Gravenhage"
    assert antwoord.po.code == "PO2815"


@pytest.mark.parametrize("name", ["den bosch", "'s-Hertogenbosch", "s hertogenbosch"])
def test_den_bosch(name):
    antwoord = ask(name)
    assert antwoord.uitkomst == Uitkomst.GEVONDEN
    assert antwoord.gemeente == "'s-Hertogenbosch"


@pytest.mark.realdata
def test_accents_and_punctuation_do_not_matter():
    antwoord = ask("Súdwest-Fryslân")
    # This gemeente is split over two SWVs, so the visitor chooses.
    assert antwoord.uitkomst == Uitkomst.KEUZES
    assert {k.gemeente for k in antwoord.keuzes} == {"Súdwest-Fryslân"}
    assert len(antwoord.keuzes) == 2
    assert ask("sudwest fryslan").keuzes == antwoord.keuzes


@pytest.mark.realdata
def test_a_name_with_several_regions_gives_a_choice_list():
    antwoord = ask("Súdwest-Fryslân")
    # Every choice leads to a real answer.
    assert {ask(k.zoekterm).uitkomst for k in antwoord.keuzes} == {Uitkomst.GEVONDEN}


def test_a_town_answers_and_names_the_other_parts_of_its_gemeente():
    antwoord = ask("Rotterdam")
    assert antwoord.uitkomst == Uitkomst.GEVONDEN
    assert antwoord.po.code == "PO2806"
    assert len(antwoord.andere_delen) == 2
    # Every other part is a place to live with a real answer: the harbour (Europoort, no SWV)
    # is not offered as a part of Rotterdam (issue 22).
    uitkomsten = {ask(k.zoekterm).uitkomst for k in antwoord.andere_delen}
    assert uitkomsten == {Uitkomst.GEVONDEN}


def test_one_place_goes_straight_to_its_answer():
    antwoord = ask("Amsterdam")
    assert antwoord.uitkomst == Uitkomst.GEVONDEN
    assert antwoord.postcode is None
    assert antwoord.po.code == "PO2707"


@pytest.mark.realdata
def test_a_partial_name_offers_candidates():
    antwoord = ask("amster")
    assert antwoord.uitkomst == Uitkomst.KEUZES
    assert "Amsterdam" in {k.naam for k in antwoord.keuzes}


def test_unknown_place():
    assert ask("Xyzzydorp").uitkomst == Uitkomst.PLAATS_ONBEKEND


def test_swv_without_steunpunt_says_so():
    antwoord = ask("6001")
    assert antwoord.po.code == "PO3103"
    assert antwoord.po.heeft_steunpunt is False
    assert antwoord.po.steunpunten == ()


@pytest.mark.realdata
def test_steunpunt_in_oprichting_does_not_count_but_is_shown():
    from steunpunten.models import Postcodegebied, Samenwerkingsverband

    # A PO SWV whose steunpunten are all in oprichting (which one follows the shipped data).
    swv = next(
        s
        for s in Samenwerkingsverband.objects.with_coverage().filter(
            sector="PO", in_oprichting=True
        )
        if not s.heeft_steunpunt
    )
    antwoord = ask(Postcodegebied.objects.filter(swv_po=swv).first().pc4)
    assert antwoord.po.heeft_steunpunt is False
    assert antwoord.po.steunpunten and all(s.in_oprichting for s in antwoord.po.steunpunten)


def test_nearby_is_ordered_by_distance_and_excludes_own_steunpunten():
    antwoord = ask("1011")
    afstanden = [n.afstand_km for n in antwoord.in_de_buurt]
    assert afstanden == sorted(afstanden)
    assert len(afstanden) == NEARBY_LIMIT
    own = {s.pk for s in antwoord.po.steunpunten + antwoord.vo.steunpunten}
    assert not own & {n.steunpunt.pk for n in antwoord.in_de_buurt}


def test_filters_narrow_the_answer():
    alleen_vo = make_steunpunt("PO2707", "VO2708", slug="alleen-vo", voor_po=False)
    alleen_ouders = make_steunpunt("PO2707", slug="ouders", voor_jongeren=False)
    antwoord = ask("1011")
    po = filter_answer(antwoord, sector="PO")
    assert po.vo is None and po.po is not None
    assert alleen_vo.pk not in {s.pk for s in po.po.steunpunten}
    jongeren = filter_answer(antwoord, voor="jongeren")
    assert alleen_ouders.pk not in {s.pk for s in jongeren.po.steunpunten}
    assert alleen_ouders.pk in {s.pk for s in antwoord.po.steunpunten}
    assert filter_answer(antwoord) is antwoord


def test_distance_km_is_geopys_geodesic_distance():
    from geopy.distance import geodesic

    rng = random.Random(7)
    for _ in range(200):
        a = (rng.uniform(50.7, 53.6), rng.uniform(3.3, 7.25))
        b = (rng.uniform(50.7, 53.6), rng.uniform(3.3, 7.25))
        assert distance_km(a, b) == pytest.approx(geodesic(a, b).km, abs=1e-9)
    # Amsterdam Centraal to Utrecht Centraal: about 35 km as the crow flies.
    assert distance_km((52.3791, 4.9003), (52.0894, 5.1100)) == pytest.approx(35.28, abs=0.01)


def published():
    return Steunpunt.objects.published()


def full_scan(lat: float, lon: float, limit: int):
    """The naive answer: the distance to every published steunpunt."""
    rows = published().filter(lat__isnull=False).values_list("pk", "lat", "lon")
    return rank(rows, lat, lon)[:limit]


@examples(40, quick=8)
def test_the_nearest_search_equals_the_full_scan(examples):
    rng = random.Random(11)
    Steunpunt.objects.bulk_create(
        Steunpunt(
            naam=f"Synthetisch {i}",
            slug=f"synthetisch-{i}",
            gepubliceerd=True,
            lat=rng.uniform(NL_BBOX.min_lat, NL_BBOX.max_lat),
            lon=rng.uniform(NL_BBOX.min_lon, NL_BBOX.max_lon),
        )
        for i in range(400)
    )
    points = list(published().filter(lat__isnull=False).values_list("pk", "lat", "lon"))
    for _ in range(examples):
        lat = rng.uniform(NL_BBOX.min_lat, NL_BBOX.max_lat)
        lon = rng.uniform(NL_BBOX.min_lon, NL_BBOX.max_lon)
        limit = rng.choice([1, 5, 20])
        expected = full_scan(lat, lon, limit)
        assert find_nearby(points, lat, lon, limit) == expected


def test_the_nearest_search_with_fewer_points_than_asked_gives_them_all():
    points = list(published().filter(lat__isnull=False).values_list("pk", "lat", "lon"))
    result = find_nearby(points, 53.4, 6.9, limit=len(points) + 5)
    assert result == full_scan(53.4, 6.9, limit=len(points))
    assert find_nearby([], 53.4, 6.9, 5) == []
