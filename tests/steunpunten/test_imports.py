"""The import commands on small files of our own, and on the real files when they are here."""

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from steunpunten.cache import bump_version, current_version
from steunpunten.imports import ImportFileError, default_swv_name, import_regio_indeling
from steunpunten.models import (
    CoordinaatBron,
    Plaatsnaam,
    Postcodegebied,
    Samenwerkingsverband,
    School,
    Steunpunt,
)
from steunpunten.regio import parse_swv_code
from tests.conftest import (
    GEMEENTEN_CSV,
    GEONAMES_CSV,
    REGIO_CSV,
    SCHOLEN_CSV,
)

pytestmark = pytest.mark.django_db

SMALL_REGIO = """pc4;gemeente;swv_po;swv_vo
1011;Amsterdam;PO2707;VO2708
1012;Amsterdam;PO2707;VO2708
1111;Diemen;PO2707;VO2708
1114;Ouder-Amstel;PO2708;VO2709
1115;Ouder-Amstel;PO2708;VO2709
1099;Ouder-Amstel;PO2708;VO2709
3199;Rotterdam;Europoort;Europoort
"""

SMALL_GEONAMES = """pc4;plaats;lat;lon
1011;Amsterdam;52.371;4.9041
1012;Amsterdam;52.3735;4.8951
1111;Diemen;52.3392;4.9625
1114;Amsterdam-Duivendrecht;52.3333;4.9333
1114;Duivendrecht;52.3331;4.9369
1115;Duivendrecht;52.3261;4.9326
3199;Rotterdam;51.9446;4.0377
5352;Berghem;51.7697;5.5717
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def empty_database() -> None:
    School.objects.all()._raw_delete(School.objects.db)  # schools protect their PC4 areas
    Steunpunt.objects.all().delete()
    Plaatsnaam.objects.all().delete()
    Postcodegebied.objects.all().delete()
    Samenwerkingsverband.objects.all().delete()


def snapshot() -> tuple:
    return (
        list(Samenwerkingsverband.objects.order_by("code").values_list()),
        list(Postcodegebied.objects.order_by("pc4").values_list()),
        list(Plaatsnaam.objects.order_by("postcodegebied__pc4", "naam").values_list()),
    )


@pytest.fixture
def small_files(tmp_path):
    empty_database()
    return write(tmp_path, "regio.csv", SMALL_REGIO), write(tmp_path, "geo.csv", SMALL_GEONAMES)


def test_small_import_creates_swvs_areas_and_places(small_files):
    regio, geo = small_files
    call_command("import_regio_indeling", regio, verbosity=0)
    call_command("import_geonames", geo, verbosity=0)

    assert set(Samenwerkingsverband.objects.values_list("code", flat=True)) == {
        "PO2707",
        "VO2708",
        "PO2708",
        "VO2709",
    }
    amsterdam = Samenwerkingsverband.objects.get(code="PO2707")
    assert amsterdam.naam == "Samenwerkingsverband PO 27-07 Amsterdam, Diemen"
    assert amsterdam.provincie == "noord-holland"
    assert amsterdam.leesbare_code == "PO 27-07"

    area = Postcodegebied.objects.get(pc4="1114")
    assert (area.swv_po.code, area.swv_vo.code) == ("PO2708", "VO2709")
    assert sorted(area.plaatsnamen.values_list("naam", flat=True)) == [
        "Amsterdam-Duivendrecht",
        "Duivendrecht",
    ]
    assert area.lat == pytest.approx(52.3332, abs=1e-4)

    europoort = Postcodegebied.objects.get(pc4="3199")
    assert europoort.swv_po is None and europoort.swv_vo is None

    later = Postcodegebied.objects.get(pc4="5352")
    assert later.in_regio_indeling is False
    assert later.swv_po is None
    assert later.coordinaten_bron == CoordinaatBron.GEONAMES


def test_pc4_without_geonames_gets_derived_coordinates(small_files):
    regio, geo = small_files
    call_command("import_regio_indeling", regio, verbosity=0)
    call_command("import_geonames", geo, verbosity=0)
    area = Postcodegebied.objects.get(pc4="1099")
    assert area.coordinaten_bron == CoordinaatBron.AFGELEID
    # Its nearest-numbered neighbours in the same gemeente are 1114 and 1115.
    assert area.coordinaten_toelichting.startswith("gemiddelde van 1114 en 1115")
    assert area.lat == pytest.approx((52.3332 + 52.3261) / 2, abs=1e-3)


def test_import_twice_changes_nothing_and_says_so(small_files, capsys):
    regio, geo = small_files
    call_command("import_regio_indeling", regio)
    call_command("import_geonames", geo)
    before = snapshot()
    capsys.readouterr()
    call_command("import_regio_indeling", regio)
    call_command("import_geonames", geo)
    assert snapshot() == before
    assert capsys.readouterr().out.count("Niets veranderd") == 2


def test_an_import_that_changes_data_moves_the_cache_on_and_a_noop_does_not(
    small_files, tmp_path, client, django_capture_on_commit_callbacks
):
    regio, geo = small_files
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_regio_indeling", regio, verbosity=0)
        call_command("import_geonames", geo, verbosity=0)
    assert "PO 27-07" in client.get("/zoeken/?q=1012").content.decode()  # now cached
    before = current_version()
    with django_capture_on_commit_callbacks(execute=True) as noop:
        call_command("import_regio_indeling", regio, verbosity=0)
        call_command("import_geonames", geo, verbosity=0)
    assert noop == [] and current_version() == before
    # 1012 moves to another SWV by bulk_update alone, which no model method sees.
    moved = write(
        tmp_path, "moved.csv", SMALL_REGIO.replace("1012;Amsterdam;PO2707", "1012;Amsterdam;PO2708")
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("import_regio_indeling", moved, verbosity=0)
    assert callbacks == [bump_version]
    assert current_version() > before
    html = client.get("/zoeken/?q=1012").content.decode()
    assert "PO 27-08" in html and "PO 27-07" not in html


def test_renamed_swv_keeps_its_name_on_reimport(small_files):
    regio, _geo = small_files
    call_command("import_regio_indeling", regio, verbosity=0)
    Samenwerkingsverband.objects.filter(code="PO2707").update(naam="Samenwerkingsverband Amsterdam")
    call_command("import_regio_indeling", regio, verbosity=0)
    assert Samenwerkingsverband.objects.get(code="PO2707").naam == "Samenwerkingsverband Amsterdam"


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("0123;Nergens;PO2707;VO2708", "regel 4: '0123' is geen postcode"),
        ("1013;Amsterdam;VO2708;VO2708", "regel 4: 'VO2708' staat in de kolom PO"),
        ("1013;Amsterdam;PO2707;Europoort", "regel 4: 'Europoort' moet in beide kolommen"),
        ("1013;;PO2707;VO2708", "regel 4: de gemeente ontbreekt"),
        ("1013;Amsterdam;PO9907;VO2708", "regel 4: 'PO9907' is geen code"),
        ("1011;Amsterdam;PO2707;VO2708", "regel 4: postcode 1011 staat er twee keer in"),
        ("1013;Amsterdam;PO2707", "regel 4: 4 kolommen verwacht, 3 gevonden"),
    ],
)
def test_broken_regio_row_changes_nothing_and_names_the_line(tmp_path, bad_line, message):
    text = (
        "pc4;gemeente;swv_po;swv_vo\n1011;Amsterdam;PO2707;VO2708\n1012;Amsterdam;PO9999;VO2708\n"
    )
    text = text.replace("PO9999", "PO2707") + bad_line + "\n1019;Amsterdam;PO2707;VO2708\n"
    path = write(tmp_path, "broken.csv", text)
    Postcodegebied.objects.filter(pc4="1011").update(gemeente="Gewijzigd")
    before = snapshot()
    with pytest.raises(CommandError, match=message):
        call_command("import_regio_indeling", path)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("1011;Amsterdam;52,37;4.9", "regel 3: '52,37' / '4.9' zijn geen getallen"),
        ("1011;Amsterdam;48.85;2.35", "regel 3: 48.85, 2.35 ligt niet in Nederland"),
        ("1011;;52.37;4.9", "regel 3: de plaatsnaam ontbreekt"),
    ],
)
def test_broken_geonames_row_changes_nothing(tmp_path, bad_line, message):
    path = write(tmp_path, "geo.csv", "pc4;plaats;lat;lon\n1012;Amsterdam;52.3;4.8\n" + bad_line)
    before = snapshot()
    with pytest.raises(CommandError, match=message):
        call_command("import_geonames", path)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (b"1013;Amster\x00dam;PO2707;VO2708\n", "regel 3: deze regel bevat een nul-teken"),
        (b"1013;Amst\xe9rdam;PO2707;VO2708\n", "regel 3: deze regel is geen UTF-8-tekst"),
    ],
)
def test_damaged_bytes_change_nothing_and_name_the_line(tmp_path, damage, message):
    path = tmp_path / "damaged.csv"
    path.write_bytes(
        b"pc4;gemeente;swv_po;swv_vo\n1011;Amsterdam;PO2707;VO2708\n"
        + damage
        + b"1019;Amsterdam;PO2707;VO2708\n"
    )
    Postcodegebied.objects.filter(pc4="1011").update(gemeente="Gewijzigd")
    before = snapshot()
    with pytest.raises(CommandError, match=message):
        call_command("import_regio_indeling", path)
    assert snapshot() == before


def test_damaged_geonames_file_is_refused_with_its_line(tmp_path):
    path = tmp_path / "geo.csv"
    path.write_bytes(b"pc4;plaats;lat;lon\n1012;Amsterdam;52.3;4.8\n1011;Am\x00;52.37;4.9\n")
    with pytest.raises(CommandError, match="regel 3: deze regel bevat een nul-teken"):
        call_command("import_geonames", path)


def test_wrong_header_is_refused(tmp_path):
    path = write(tmp_path, "x.csv", "postcode,gemeente\n1011,Amsterdam\n")
    with pytest.raises(ImportFileError, match="regel 1: de kopregel"):
        import_regio_indeling(path)


def test_missing_file_gives_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        call_command("import_regio_indeling", tmp_path / "nope.csv")


def test_default_name_lists_the_largest_gemeenten_first():
    from collections import Counter

    name = default_swv_name(
        "VO2801", Counter({"Leiden": 9, "Oegstgeest": 2, "Katwijk": 5, "Teylingen": 1})
    )
    assert name == "Samenwerkingsverband VO 28-01 Leiden, Katwijk, Oegstgeest e.o."


@pytest.mark.realdata
def test_real_files_into_an_empty_database():
    empty_database()
    call_command("import_regio_indeling", REGIO_CSV, verbosity=0)
    assert Postcodegebied.objects.filter(in_regio_indeling=True).count() == 4046
    assert Samenwerkingsverband.objects.filter(sector="PO").count() == 76
    assert Samenwerkingsverband.objects.filter(sector="VO").count() == 74
    for swv in Samenwerkingsverband.objects.all():
        assert parse_swv_code(swv.code).provincie == swv.provincie
        assert swv.code.startswith(swv.sector)
    call_command("import_geonames", GEONAMES_CSV, verbosity=0)
    codes = {
        area.pc4: (area.swv_po and area.swv_po.code, area.swv_vo and area.swv_vo.code)
        for area in Postcodegebied.objects.select_related("swv_po", "swv_vo")
    }
    assert codes["1011"] == ("PO2707", "VO2708")
    assert codes["1099"] == ("PO2708", "VO2709")
    assert codes["3199"] == (None, None)
    assert Postcodegebied.objects.filter(in_regio_indeling=False).count() == 20
    assert not Postcodegebied.objects.filter(lat__isnull=True).exists()
    derived = dict(
        Postcodegebied.objects.filter(coordinaten_bron=CoordinaatBron.AFGELEID).values_list(
            "pc4", "coordinaten_toelichting"
        )
    )
    # No GeoNames row at all: placed between their neighbours.
    assert {pc4 for pc4, note in derived.items() if note.startswith("gemiddelde")} == {
        "1099",
        "6236",
    }
    # GeoNames rows more than 10 km apart: the group that lies with the gemeente is used.
    assert {pc4 for pc4, note in derived.items() if note.startswith("GeoNames")} == {
        "3181",
        "5563",
        "5591",
        "7216",
        "7881",
        "8461",
        "8842",
    }
    assert "Epe" in derived["8461"] and "Rottum" in derived["8461"]
    assert not Plaatsnaam.objects.filter(naam="Epe", postcodegebied__pc4="8461").exists()


@pytest.mark.realdata
def test_shipped_fixtures_equal_a_fresh_import_of_the_real_files(capsys):
    """The fixtures agree with the law: importing the real files over them changes nothing."""
    call_command("import_regio_indeling", REGIO_CSV)
    call_command("import_geonames", GEONAMES_CSV)
    call_command("import_gemeenten", GEMEENTEN_CSV, scholen=SCHOLEN_CSV)
    assert capsys.readouterr().out.count("Niets veranderd") == 3


@pytest.mark.realdata
def test_every_pc4_of_the_regio_indeling_has_exactly_its_swvs_in_the_fixtures():
    with open(REGIO_CSV, encoding="utf-8-sig") as handle:
        law = {row["pc4"]: row for row in csv.DictReader(handle, delimiter=";")}
    shipped = {
        area.pc4: area
        for area in Postcodegebied.objects.filter(in_regio_indeling=True).select_related(
            "swv_po", "swv_vo"
        )
    }
    assert set(shipped) == set(law)
    for pc4, row in law.items():
        area = shipped[pc4]
        expected_po = None if row["swv_po"] == "Europoort" else row["swv_po"]
        expected_vo = None if row["swv_vo"] == "Europoort" else row["swv_vo"]
        assert (area.swv_po and area.swv_po.code) == expected_po, pc4
        assert (area.swv_vo and area.swv_vo.code) == expected_vo, pc4
        assert area.gemeente_2015 == row["gemeente"]


SMALL_GEMEENTEN = """pc4;gemeente;bron
1011;Amsterdam;school
1012;Amsterdam;herindeling
1111;Diemen;school
1114;Ouder-Amstel;school
1115;Ouder-Amstel;herindeling
1099;Ouder-Amstel;herindeling
3199;Rotterdam;buur
1384;Amsterdam;school
"""

SMALL_SCHOLEN = """brin;naam;gemeente;provincie
00AA;Een school;Amsterdam;Noord-Holland
00AB;Nog een school;Diemen;Noord-Holland
00AC;School;Ouder-Amstel;Noord-Holland
00AD;School;Rotterdam;Zuid-Holland
"""


def import_small_gemeenten(tmp_path, small_files, gemeenten=SMALL_GEMEENTEN, scholen=SMALL_SCHOLEN):
    regio, geo = small_files
    call_command("import_regio_indeling", regio, verbosity=0)
    call_command("import_geonames", geo, verbosity=0)
    call_command(
        "import_gemeenten",
        write(tmp_path, "gemeenten.csv", gemeenten),
        scholen=write(tmp_path, "scholen.csv", scholen),
        verbosity=0,
    )


def test_import_gemeenten_sets_the_current_gemeente_its_source_and_province(tmp_path, small_files):
    import_small_gemeenten(tmp_path, small_files)
    area = Postcodegebied.objects.get(pc4="3199")
    assert (area.gemeente, area.gemeente_2015, area.gemeente_bron) == (
        "Rotterdam",
        "Rotterdam",
        "buur",
    )
    assert area.provincie == "zuid-holland"
    # A PC4 issued after 2015 with a school: known now, without SWVs of its own, placed nearby.
    new = Postcodegebied.objects.get(pc4="1384")
    assert (new.in_regio_indeling, new.swv_po, new.gemeente) == (False, None, "Amsterdam")
    assert new.lat is not None and new.coordinaten_bron == "afgeleid"


def test_import_gemeenten_renames_generated_swv_names_but_keeps_chosen_ones(tmp_path, small_files):
    regio, geo = small_files
    call_command("import_regio_indeling", regio, verbosity=0)
    Samenwerkingsverband.objects.filter(code="VO2709").update(naam="Ons eigen SWV")
    merged = SMALL_GEMEENTEN.replace("Ouder-Amstel", "Amstelland")
    scholen = SMALL_SCHOLEN.replace("Ouder-Amstel", "Amstelland")
    call_command("import_geonames", geo, verbosity=0)
    call_command(
        "import_gemeenten",
        write(tmp_path, "gemeenten.csv", merged),
        scholen=write(tmp_path, "scholen.csv", scholen),
        verbosity=0,
    )
    assert Samenwerkingsverband.objects.get(code="PO2708").naam == (
        "Samenwerkingsverband PO 27-08 Amstelland"
    )
    assert Samenwerkingsverband.objects.get(code="VO2709").naam == "Ons eigen SWV"
    # Re-importing the regio-indeling keeps today's gemeente and the 2015 one beside it.
    call_command("import_regio_indeling", regio, verbosity=0)
    area = Postcodegebied.objects.get(pc4="1114")
    assert (area.gemeente, area.gemeente_2015) == ("Amstelland", "Ouder-Amstel")


@pytest.mark.parametrize(
    ("gemeenten", "scholen", "message"),
    [
        (SMALL_GEMEENTEN + "1116;Ouder-Amstel;gok\n", SMALL_SCHOLEN, "regel 10: bron 'gok'"),
        (
            SMALL_GEMEENTEN + "1116;Nergenshuizen;school\n",
            SMALL_SCHOLEN,
            "Nergenshuizen is onbekend",
        ),
        (SMALL_GEMEENTEN, "brin;naam;gemeente\n", "scholen.csv: de kopregel mist"),
        (
            SMALL_GEMEENTEN,
            SMALL_SCHOLEN + "00AE;X;Diemen;Atlantis\n",
            "'Atlantis' is geen provincie",
        ),
    ],
)
def test_broken_gemeente_files_change_nothing(tmp_path, small_files, gemeenten, scholen, message):
    regio, geo = small_files
    call_command("import_regio_indeling", regio, verbosity=0)
    before = snapshot()
    with pytest.raises(CommandError, match=message):
        call_command(
            "import_gemeenten",
            write(tmp_path, "gemeenten.csv", gemeenten),
            scholen=write(tmp_path, "scholen.csv", scholen),
        )
    assert snapshot() == before


def test_geonames_rows_far_apart_keep_only_the_group_near_the_gemeente(tmp_path, small_files):
    regio, _geo = small_files
    far = SMALL_GEONAMES + "1115;Epe;52.3448;6.0006\n"
    call_command("import_regio_indeling", regio, verbosity=0)
    call_command("import_geonames", write(tmp_path, "geo.csv", far), verbosity=0)
    area = Postcodegebied.objects.get(pc4="1115")
    assert (area.lat, area.lon) == (52.3261, 4.9326)
    assert area.coordinaten_bron == CoordinaatBron.AFGELEID
    assert "Epe" in area.coordinaten_toelichting
    assert set(area.plaatsnamen.values_list("naam", flat=True)) == {"Duivendrecht"}
