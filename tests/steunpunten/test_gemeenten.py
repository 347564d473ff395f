"""Current gemeenten, coordinates and provinces in the shipped data, checked over all of it."""

import csv
import datetime
from collections import defaultdict

import pytest

from steunpunten.demo import shift_demo_dates
from steunpunten.freshness import is_stale
from steunpunten.gemeenten import HERINDELING_JAAR, is_po_box_range, provincies_by_swv
from steunpunten.geo import flat_distance_km, median_point
from steunpunten.models import Postcodegebied, Samenwerkingsverband, Steunpunt
from steunpunten.names import clean_place_name
from tests.conftest import GEMEENTEN_CSV

pytestmark = pytest.mark.django_db

# PC4 whose centroid lies far from the rest of its gemeente because the land does.
FAR_BY_GEOGRAPHY = {"8766": "Breezanddijk, midden op de Afsluitdijk"}
CENTROID_KM = 15.0  # from the median of the gemeente's other PC4 ...
NEAREST_KM = 8.0  # ... and from the nearest of them


def gemeente_file() -> dict[str, dict]:
    with open(GEMEENTEN_CSV, encoding="utf-8-sig") as handle:
        return {row["pc4"]: row for row in csv.DictReader(handle, delimiter=";")}


def test_every_pc4_of_the_gemeente_file_has_that_gemeente_its_source_and_a_province():
    expected = gemeente_file()
    shipped = {area.pc4: area for area in Postcodegebied.objects.filter(pc4__in=list(expected))}
    assert len(shipped) == len(expected) == 4050
    for pc4, row in expected.items():
        area = shipped[pc4]
        assert (area.gemeente, area.gemeente_bron) == (row["gemeente"], row["bron"]), pc4
        assert area.provincie, pc4
    assert len({row["gemeente"] for row in expected.values()}) == 342


def test_the_2015_gemeente_of_the_law_is_kept_beside_the_current_one():
    bussum = Postcodegebied.objects.get(pc4="1401")
    assert (bussum.gemeente, bussum.gemeente_2015) == ("Gooise Meren", "Bussum")
    assert Postcodegebied.objects.get(pc4="8601").gemeente == "Súdwest-Fryslân"
    assert Postcodegebied.objects.get(pc4="5211").gemeente == "'s-Hertogenbosch"


def test_every_old_gemeente_of_the_2015_table_has_its_year():
    current = set(Postcodegebied.objects.values_list("gemeente", flat=True))
    old = set(
        Postcodegebied.objects.exclude(gemeente_2015="").values_list("gemeente_2015", flat=True)
    )
    # Only the spelling differs for Súdwest-Fryslân ("Sudwest Fryslan" in the law's table).
    gone = {name for name in old - current if name != "Sudwest Fryslan"}
    assert len(gone) == 72
    assert gone == set(HERINDELING_JAAR)


def test_generated_swv_names_use_todays_gemeenten():
    current = set(Postcodegebied.objects.values_list("gemeente", flat=True))
    gone = set(HERINDELING_JAAR) | {"Sudwest Fryslan"}
    # The names people use, from public pages, are not generated (import_openbare_bronnen).
    for swv in Samenwerkingsverband.objects.filter(
        naam__regex=r"^Samenwerkingsverband [PV]O [0-9]{2}-[0-9]{2} "
    ):
        listed = swv.naam.split(" ", 3)[3].removesuffix(" e.o.").split(", ")
        assert set(listed) <= current, swv.naam
        assert not set(listed) & gone, swv.naam
    assert Samenwerkingsverband.objects.filter(naam__contains="Súdwest-Fryslân").exists()


def test_no_centroid_lies_far_from_its_gemeente_unless_the_land_does():
    by_gemeente = defaultdict(list)
    for area in Postcodegebied.objects.exclude(gemeente="").exclude(lat=None):
        by_gemeente[area.gemeente].append(area)
    far = {}
    for gemeente, areas in by_gemeente.items():
        for area in areas:
            others = [(o.lat, o.lon) for o in areas if o.pc4 != area.pc4]
            if not others:
                continue
            point = (area.lat, area.lon)
            to_median = flat_distance_km(point, median_point(others))
            to_nearest = min(flat_distance_km(point, other) for other in others)
            if to_median > CENTROID_KM and to_nearest > NEAREST_KM:
                far[area.pc4] = (gemeente, round(to_median, 1))
    assert set(far) == set(FAR_BY_GEOGRAPHY), far


def test_rottum_is_no_longer_averaged_with_epe():
    rottum = Postcodegebied.objects.get(pc4="8461")
    assert rottum.coordinaten_bron == "afgeleid"
    assert 52.9 < rottum.lat < 53.0 and 5.85 < rottum.lon < 5.95
    assert set(rottum.plaatsnamen.values_list("naam", flat=True)) == {"Rottum"}


def test_province_of_each_swv_covers_every_pc4_it_has():
    rows = Postcodegebied.objects.exclude(provincie="").values_list(
        "swv_po_id", "swv_vo_id", "provincie"
    )
    expected = defaultdict(set)
    for po, vo, provincie in rows:
        for pk in (po, vo):
            if pk:
                expected[pk].add(provincie)
    assert provincies_by_swv() == expected
    spanning = [pk for pk, slugs in expected.items() if len(slugs) > 1]
    assert len(spanning) >= 20
    boxmeer = Postcodegebied.objects.get(pc4="5831")
    assert boxmeer.provincie == "noord-brabant" and boxmeer.swv_po.provincie == "gelderland"


def test_geonames_suffixes_are_dropped_from_place_names():
    assert clean_place_name("Hengelo (Gld)") == "Hengelo"
    assert clean_place_name("Katwijk NB") == "Katwijk"
    assert clean_place_name("Ursem gem. S") == "Ursem"
    assert clean_place_name("Bergen (NH.)") == "Bergen"
    assert clean_place_name("Den Ham") == "Den Ham"
    assert clean_place_name("Ee") == "Ee"


@pytest.mark.parametrize("pc4", ["2500", "1000", "3000", "3500", "1100"])
def test_po_box_ranges(pc4):
    assert is_po_box_range(pc4=pc4)


@pytest.mark.parametrize("pc4", ["1011", "2511", "9999", "1101"])
def test_not_po_box_ranges(pc4):
    assert not is_po_box_range(pc4=pc4)


def test_demo_dates_move_with_the_day_the_data_is_loaded():
    today = datetime.date.today()
    demos = Steunpunt.objects.voorbeelden()
    newest = max(demos.values_list("gecontroleerd_op", flat=True))
    assert newest == today
    stale = [s for s in demos if is_stale(s.gecontroleerd_op)]
    assert 0 < len(stale) <= 5
    later = today + datetime.timedelta(days=400)
    assert shift_demo_dates(today=later) == demos.count()
    assert max(demos.values_list("gecontroleerd_op", flat=True)) == later
    assert len([s for s in demos.all() if is_stale(s.gecontroleerd_op, today=later)]) == len(stale)
