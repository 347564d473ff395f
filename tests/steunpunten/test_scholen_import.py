"""The school import (DUO): idempotent, one transaction, bad rows named by line, a summary."""

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from steunpunten.cache import current_version
from steunpunten.imports import ImportFileError, import_scholen
from steunpunten.indexen import forget_indexes
from steunpunten.models import School
from tests.conftest import SCHOLEN_CSV

pytestmark = pytest.mark.django_db

HEADER = "brin;vestigingscode;naam;soort;denominatie;straat;huisnummer;toevoeging;postcode;plaats;gemeente;provincie;website\n"
SMALL = (
    HEADER
    + "00AH;00AH00;Het Stedelijk Kottenpark;VBO/MAVO/HAVO/VWO;Openbaar;Lyceumlaan;30;;7522GK;Enschede;Enschede;Overijssel;www.hetstedelijk.nl\n"
    + "00AH;00AH07;Het Stedelijk College Zuid;VBO/MAVO/HAVO/VWO;Openbaar;Tiemeister;20;a;7541WG;Enschede;Enschede;Overijssel;www.hetstedelijk,nl\n"
    + "99XX;99XX00;Basisschool Nergens;basisschool;Openbaar;Straat;1;;5155CJ;Oudheusden;Heusden;Noord-Brabant;0528266192\n"
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scholen.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def no_schools():
    School.objects.all()._raw_delete(School.objects.db)  # fast: no per-row signals
    yield
    # The in-memory name index is kept per data version, and the rollback after this test
    # brings an old version number back: never let an index of these schools outlive it.
    forget_indexes()


def test_small_import_creates_links_and_repairs(tmp_path, no_schools):
    result = import_scholen(write(tmp_path, SMALL))

    assert result.aangemaakt["scholen"] == 3
    zuid = School.objects.get(vestigingscode="00AH07")
    assert (zuid.brin, zuid.postcode, zuid.postcodegebied.pc4) == ("00AH", "7541WG", "7541")
    assert zuid.adres == "Tiemeister 20a, 7541 WG Enschede"
    assert zuid.website == "https://www.hetstedelijk.nl"
    # A PC4 that no data knows leaves the school without an area (search approximates it).
    assert School.objects.get(vestigingscode="99XX00").postcodegebied is None
    summary = result.summary()
    assert "scholen: 3 nieuw, 0 gewijzigd, 0 verwijderd, 0 ongewijzigd" in summary
    assert (
        "regel 3: website 'www.hetstedelijk,nl' gelezen als https://www.hetstedelijk.nl" in summary
    )
    assert "regel 4: website '0528266192' weggelaten" in summary
    assert "5155" in summary


def test_second_run_changes_nothing(tmp_path, no_schools):
    path = write(tmp_path, SMALL)
    import_scholen(path)
    before = list(School.objects.order_by("vestigingscode").values_list())
    versie = current_version()

    result = import_scholen(path)

    assert not result.changed_anything
    assert result.ongewijzigd["scholen"] == 3
    assert "Niets veranderd" in result.summary()
    assert list(School.objects.order_by("vestigingscode").values_list()) == before
    assert current_version() == versie


def test_changed_and_removed_rows(tmp_path, no_schools):
    import_scholen(write(tmp_path, SMALL))
    lines = SMALL.splitlines(keepends=True)
    changed = lines[0] + lines[1].replace("Lyceumlaan;30", "Lyceumlaan;32") + lines[3]

    result = import_scholen(write(tmp_path, changed))

    assert (result.gewijzigd["scholen"], result.verwijderd["scholen"]) == (1, 1)
    assert School.objects.get(vestigingscode="00AH00").huisnummer == "32"
    assert not School.objects.filter(vestigingscode="00AH07").exists()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("00AH;00AH0;X;basisschool;;S;1;;7522GK;Enschede;Enschede;;", "geen vestigingscode"),
        ("00AH;01AB00;X;basisschool;;S;1;;7522GK;Enschede;Enschede;;", "geen vestigingscode"),
        ("00AH;00AH05;X;kinderopvang;;S;1;;7522GK;Enschede;Enschede;;", "onbekende soort"),
        ("00AH;00AH05;X;basisschool;;S;1;;0522GK;Enschede;Enschede;;", "geen postcode"),
        ("00AH;00AH05;X;basisschool;;S;1;;7522;Enschede;Enschede;;", "geen volledige postcode"),
        ("00AH;00AH05;;basisschool;;S;1;;7522GK;Enschede;Enschede;;", "naam of de plaats"),
        ("00AH;00AH00;X;basisschool;;S;1;;7522GK;Enschede;Enschede;;", "twee keer"),
        ("00AH;00AH05;X;basisschool", "13 kolommen verwacht"),
    ],
)
def test_a_bad_row_is_named_and_nothing_changes(tmp_path, no_schools, line, message):
    with pytest.raises(ImportFileError) as error:
        import_scholen(write(tmp_path, SMALL + line + "\n"))
    assert error.value.regel == 5
    assert message in str(error.value)
    assert not School.objects.exists()


def test_every_bad_row_is_listed(tmp_path, no_schools):
    bad = "00AH;00AH0;X;basisschool;;S;1;;7522GK;Enschede;Enschede;;\n"
    with pytest.raises(ImportFileError) as error:
        import_scholen(write(tmp_path, HEADER + bad + SMALL.split("\n", 1)[1] + bad))
    assert "2 foute regel(s): regel 2:" in str(error.value)
    assert "regel 6:" in str(error.value)


def test_wrong_header_is_refused(tmp_path, no_schools):
    with pytest.raises(ImportFileError, match="kopregel"):
        import_scholen(write(tmp_path, "naam;plaats\nX;Y\n"))


def test_command_reports_and_refuses(tmp_path, no_schools):
    with pytest.raises(CommandError, match="regel 2.*Er is niets veranderd"):
        call_command("import_scholen", write(tmp_path, HEADER + "x;y;z\n"), verbosity=0)
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("import_scholen", tmp_path / "nergens.csv", verbosity=0)


@pytest.mark.realdata
def test_shipped_fixture_is_the_real_file():
    """The fixtures hold every school of the file: importing it again changes nothing."""
    with open(SCHOLEN_CSV, encoding="utf-8-sig") as handle:
        in_file = {row["vestigingscode"] for row in csv.DictReader(handle, delimiter=";")}
    assert set(School.objects.values_list("vestigingscode", flat=True)) == in_file
    assert len(in_file) == 8622
    assert not import_scholen(SCHOLEN_CSV).changed_anything


# --- Issue 23, finding 4 ----------------------------------------------------------------------


def test_a_file_that_would_remove_most_schools_is_refused_without_force(tmp_path):
    before = School.objects.count()
    one_row = write(tmp_path, SMALL.split("\n", 2)[0] + "\n" + SMALL.split("\n", 2)[1] + "\n")
    with pytest.raises(CommandError) as refused:
        call_command("import_scholen", one_row, verbosity=0)
    message = str(refused.value)
    assert f"{before - 1:,} van de {before:,} scholen".replace(",", ".") in message
    assert "--force" in message and "Er is niets veranderd" in message
    assert School.objects.count() == before


def test_force_removes_them(tmp_path, no_schools):
    import_scholen(write(tmp_path, SMALL))
    School.objects.bulk_create(
        School(
            vestigingscode=f"77ZZ{i:02d}",
            brin="77ZZ",
            naam=f"School {i}",
            soort="basisschool",
            postcode="7522GK",
        )
        for i in range(30)
    )
    with pytest.raises(ImportFileError, match="30 van de 33 scholen"):
        import_scholen(write(tmp_path, SMALL))
    assert School.objects.count() == 33
    result = import_scholen(write(tmp_path, SMALL), force=True)
    assert result.verwijderd["scholen"] == 30
    assert School.objects.count() == 3


def test_a_few_schools_may_go_without_force(tmp_path, no_schools):
    import_scholen(write(tmp_path, SMALL))
    result = import_scholen(write(tmp_path, SMALL.rsplit("\n", 2)[0] + "\n"))
    assert result.verwijderd["scholen"] == 1


@pytest.mark.parametrize(
    "command", ["import_scholen", "import_regio_indeling", "import_geonames", "import_gemeenten"]
)
def test_a_line_over_the_csv_field_limit_is_named_not_a_traceback(tmp_path, command):
    header = {
        "import_scholen": HEADER,
        "import_regio_indeling": "pc4;gemeente;swv_po;swv_vo\n",
        "import_geonames": "pc4;plaats;lat;lon\n",
        "import_gemeenten": "pc4;gemeente;bron\n",
    }[command]
    path = tmp_path / "lang.csv"
    path.write_text(header + '1011;"' + "x" * (csv.field_size_limit() + 1) + '"\n', "utf-8")
    args = [path] if command != "import_gemeenten" else [path, "--scholen", SCHOLEN_CSV]
    with pytest.raises(CommandError, match=r"regel 2: een veld is langer dan 131\.072 tekens"):
        call_command(command, *args, verbosity=0)


def test_a_school_file_line_over_the_limit_is_named_when_provinces_are_read(tmp_path):
    scholen = tmp_path / "scholen.csv"
    scholen.write_text(HEADER + "x" * (csv.field_size_limit() + 1) + "\n", "utf-8")
    gemeenten = tmp_path / "gemeenten.csv"
    gemeenten.write_text("pc4;gemeente;bron\n1011;Amsterdam;school\n", "utf-8")
    with pytest.raises(CommandError, match=r"regel 2: scholen.csv: een veld is langer"):
        call_command("import_gemeenten", gemeenten, "--scholen", scholen, verbosity=0)
