"""import_openbare_bronnen: real steunpunten and SWV names from public pages (issue 19)."""

import csv
import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from steunpunten.imports import ImportFileError
from steunpunten.models import Herkomst, Samenwerkingsverband, Steunpunt
from steunpunten.openbare_bronnen import import_openbare_bronnen, public_name
from tests.conftest import DATA_DIR
from tests.helpers import make_steunpunt

pytestmark = pytest.mark.django_db

STEUNPUNTEN_CSV = DATA_DIR / "steunpunten-openbare-bronnen.csv"
NAMEN_CSV = DATA_DIR / "swv-namen-openbare-bronnen.csv"
KOP = (
    "swv_codes;code_herkomst;steunpunt_naam;swv_naam;website;telefoon;email;toelichting;bron_url;"
    "bron_citaat;straat;huisnummer;postcode;plaats\n"
)
NAMEN_KOP = "swv_code;code_herkomst;naam;website;bron_url;toelichting\n"
# Two SWVs whose shipped demo steunpunt serves them together (Emmen), and one of Drenthe.
RIJ_EMMEN = (
    "PO2202 VO2202;genoemd;Ouder- en jeugdsteunpunt;SWV Emmen;https://swv.example.nl/;"
    "050 123 45 67;info@swv.example.nl;;https://swv.example.nl/ouders;Bel 050 - 123 45 67;;;;\n"
)
RIJ_DRENTHE = (
    "PO2201;afgeleid;Oudersteunpunt Drenthe Noord;;;;;;https://drenthe.example.nl/;"
    "Het oudersteunpunt helpt ouders.;;;;\n"
)


def write(tmp_path: Path, text: str, name: str = "steunpunten.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(tmp_path: Path, rows: str, namen: str = ""):
    return import_openbare_bronnen(
        write(tmp_path, KOP + rows), write(tmp_path, NAMEN_KOP + namen, "namen.csv")
    )


def codes(steunpunt: Steunpunt) -> set[str]:
    return set(steunpunt.samenwerkingsverbanden.values_list("code", flat=True))


def test_a_row_becomes_a_steunpunt_from_a_public_source_for_all_its_swvs(tmp_path):
    run(tmp_path, RIJ_EMMEN)
    steunpunt = Steunpunt.objects.get(bron_url="https://swv.example.nl/ouders")
    assert steunpunt.herkomst == Herkomst.OPENBARE_BRON
    assert codes(steunpunt) == {"PO2202", "VO2202"}
    assert steunpunt.telefoon == "050 123 45 67"
    assert steunpunt.gepubliceerd and steunpunt.voor_po and steunpunt.voor_vo
    # What the row does not give stays empty: no address, no hours, no check date.
    assert (steunpunt.straat, steunpunt.postcode, steunpunt.plaats) == ("", "", "")
    assert steunpunt.lat is None and steunpunt.gecontroleerd_op is None
    assert steunpunt.telefonisch_bereikbaar == "" and not steunpunt.alleen_online


def test_the_row_replaces_the_demo_steunpunt_of_its_swvs(tmp_path):
    demo = Steunpunt.objects.get(slug="steunpunt-emmen-po2202-vo2202")
    assert demo.herkomst == Herkomst.VOORBEELD
    result = run(tmp_path, RIJ_EMMEN)
    assert not Steunpunt.objects.filter(pk=demo.pk).exists()
    assert result.verwijderd["voorbeeld-steunpunten"] == 1
    for code in ("PO2202", "VO2202"):
        swv = Samenwerkingsverband.objects.get(code=code)
        assert [s.herkomst for s in swv.steunpunten.all()] == [Herkomst.OPENBARE_BRON]


def test_a_demo_that_also_serves_another_swv_keeps_only_that_one(tmp_path):
    demo = Steunpunt.objects.get(slug="steunpunt-emmen-po2202-vo2202")
    run(tmp_path, RIJ_EMMEN.replace("PO2202 VO2202", "PO2202"))
    demo.refresh_from_db()
    assert codes(demo) == {"VO2202"}
    assert (demo.voor_po, demo.voor_vo) == (False, True)


def test_a_generic_name_gets_its_swv_name_and_remarks_are_dropped():
    assert public_name("Ouder- en jeugdsteunpunt", "PPO Rotterdam") == (
        "Ouder- en jeugdsteunpunt – PPO Rotterdam"
    )
    assert public_name(
        "Ouder- en jeugdsteunpunt (in opbouw ten tijde van bron)", "SWV VO 30-06"
    ) == ("Ouder- en jeugdsteunpunt – SWV VO 30-06")
    assert (
        public_name("Oudersteunpunt regio Leiden", "PPO regio Leiden")
        == "Oudersteunpunt regio Leiden"
    )
    assert public_name("Ouder- en jeugdsteunpunt (OJSP)", "SWVZHW") == (
        "Ouder- en jeugdsteunpunt (OJSP) – SWVZHW"
    )


def test_a_one_swv_row_is_named_after_the_name_people_use_for_its_swv(tmp_path):
    namen = "PO2201;afgeleid;Passend Onderwijs Drenthe;https://pod.example.nl/;https://pod.example.nl/over;\n"
    run(
        tmp_path,
        "PO2201;afgeleid;Oudersteunpunt;Stichting 22-01;;;;;https://pod.example.nl/ojs;Zie;;;;\n",
        namen,
    )
    assert Steunpunt.objects.get(bron_url="https://pod.example.nl/ojs").naam == (
        "Oudersteunpunt – Passend Onderwijs Drenthe"
    )
    swv = Samenwerkingsverband.objects.get(code="PO2201")
    assert (swv.naam, swv.website) == ("Passend Onderwijs Drenthe", "https://pod.example.nl/")


def test_a_name_staff_gave_their_swv_stays(tmp_path):
    from tests.helpers import make_staff

    swv = Samenwerkingsverband.objects.get(code="PO2201")
    swv.naam = "Onze eigen naam"
    swv._history_user = make_staff("beheer", role="beheerder")
    swv.save()
    namen = "PO2201;afgeleid;Passend Onderwijs Drenthe;https://pod.example.nl/;https://pod.example.nl/over;\n"
    result = run(tmp_path, "", namen)
    swv.refresh_from_db()
    assert swv.naam == "Onze eigen naam"
    assert any("PO2201" in line for line in result.opmerkingen)


def test_import_twice_changes_nothing_the_second_time(tmp_path):
    first = run(tmp_path, RIJ_EMMEN + RIJ_DRENTHE)
    assert first.aangemaakt["steunpunten"] == 2
    before = list(Steunpunt.objects.order_by("pk").values())
    second = run(tmp_path, RIJ_EMMEN + RIJ_DRENTHE)
    assert not second.changed_anything
    assert list(Steunpunt.objects.order_by("pk").values()) == before


def test_a_renamed_row_replaces_the_steunpunt_an_earlier_import_made(tmp_path):
    run(tmp_path, RIJ_DRENTHE)
    run(tmp_path, RIJ_DRENTHE.replace("Drenthe Noord", "Noord-Drenthe"))
    swv = Samenwerkingsverband.objects.get(code="PO2201")
    assert [s.naam for s in swv.steunpunten.all()] == ["Oudersteunpunt Noord-Drenthe"]


def test_a_confirmed_steunpunt_is_never_overwritten(tmp_path):
    run(tmp_path, RIJ_DRENTHE)
    steunpunt = Steunpunt.objects.get(bron_url="https://drenthe.example.nl/")
    Steunpunt.objects.filter(pk=steunpunt.pk).update(
        herkomst=Herkomst.BEVESTIGD, telefoon="0592 123 456", gecontroleerd_op=datetime.date.today()
    )
    result = run(tmp_path, RIJ_DRENTHE.replace(";;;;;;", ";;;0800 1234;;;"))
    steunpunt.refresh_from_db()
    assert (steunpunt.herkomst, steunpunt.telefoon) == (Herkomst.BEVESTIGD, "0592 123 456")
    assert not result.changed_anything


def test_a_row_does_not_apply_to_an_swv_with_a_confirmed_steunpunt(tmp_path):
    eigen = make_steunpunt("PO2202", slug="eigen-po2202", herkomst=Herkomst.BEVESTIGD)
    result = run(tmp_path, RIJ_EMMEN)
    nieuw = Steunpunt.objects.get(bron_url="https://swv.example.nl/ouders")
    assert codes(nieuw) == {"VO2202"}
    assert codes(eigen) == {"PO2202"}
    assert any("PO2202" in line and "bevestigd" in line for line in result.opmerkingen)


@pytest.mark.parametrize(
    ("rows", "regel", "fout"),
    [
        (RIJ_DRENTHE + "PO9999;genoemd;X;;;;;;https://x.example.nl/;Zie X;;;;\n", 3, "PO9999"),
        (RIJ_DRENTHE + RIJ_DRENTHE.replace("Noord", "Zuid"), 3, "PO2201 staat al in regel 2"),
        (RIJ_DRENTHE.replace("afgeleid", "geraden"), 2, "code_herkomst"),
        (RIJ_DRENTHE.replace("https://drenthe.example.nl/", ""), 2, "bron_url"),
        (RIJ_DRENTHE.replace("https://drenthe.example.nl/", "drenthe"), 2, "geen webadres"),
        (RIJ_DRENTHE.replace(";;;;;;", ";;;12345;;;"), 2, "geen Nederlands telefoonnummer"),
        (RIJ_DRENTHE.replace(";;;;;;", ";;;;nergens;;"), 2, "geen e-mailadres"),
        (RIJ_EMMEN.replace("Bel 050 - 123 45 67", "Bel 050 765 43 21"), 2, "bron_citaat"),
        (RIJ_DRENTHE.replace("Oudersteunpunt Drenthe Noord", ""), 2, "naam"),
        (RIJ_DRENTHE.rstrip("\n") + ";extra\n", 2, "kolommen"),
        (RIJ_DRENTHE.replace("Het oudersteunpunt helpt ouders.", ""), 2, "bron_citaat is leeg"),
        (RIJ_DRENTHE.replace(";;;;\n", ";;;9401 AB;\n"), 2, "postcode en een plaats"),
        (RIJ_DRENTHE.replace(";;;;\n", ";;;0401 AB;Assen\n"), 2, "geen postcode"),
        (RIJ_DRENTHE.replace(";;;;\n", ";;;9401 AB;Assen\n"), 2, "staat niet in bron_citaat"),
        (RIJ_DRENTHE.replace(";;;;\n", ";Markt;;9401 AB;Assen\n"), 2, "huisnummer"),
        # Longer than the model's field allows (issue 20: the field rules of the model hold here).
        (
            RIJ_DRENTHE.replace(";;;;;;", ";;https://drenthe.example.nl/" + "x" * 180 + ";;;;"),
            2,
            "te lang",
        ),
    ],
)
def test_a_bad_row_names_its_line_and_changes_nothing(tmp_path, rows, regel, fout):
    before = list(Steunpunt.objects.order_by("pk").values_list("pk", "herkomst"))
    with pytest.raises(ImportFileError) as error:
        run(tmp_path, rows)
    assert error.value.regel == regel
    assert fout in error.value.tekst
    assert list(Steunpunt.objects.order_by("pk").values_list("pk", "herkomst")) == before


def test_the_command_names_the_file_and_line_in_dutch(tmp_path):
    steunpunten = write(tmp_path, KOP + RIJ_DRENTHE)
    namen = write(tmp_path, NAMEN_KOP + "PO2201;genoemd;;;https://x.example.nl/;\n", "namen.csv")
    with pytest.raises(
        CommandError, match=r"namen\.csv, regel 2: de naam ontbreekt.*niets veranderd"
    ):
        call_command("import_openbare_bronnen", str(steunpunten), "--namen", str(namen))
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        call_command("import_openbare_bronnen", str(tmp_path / "weg.csv"))


def test_the_shipped_data_has_the_column_for_the_quoted_line():
    with open(STEUNPUNTEN_CSV, encoding="utf-8") as handle:
        assert next(csv.reader(handle, delimiter=";")) == KOP.strip().split(";")


def test_an_http_website_is_kept_as_the_page_gives_it(tmp_path):
    """A page that names only an http:// address: kept, not dropped and not guessed to https."""
    result = run(tmp_path, RIJ_DRENTHE.replace(";;;;;;https", ";;http://oud.example.nl;;;;https"))
    steunpunt = Steunpunt.objects.get(bron_url="https://drenthe.example.nl/")
    assert steunpunt.website == "http://oud.example.nl"
    assert any("http://" in line for line in result.opmerkingen)


def test_a_published_address_gets_the_centre_of_its_pc4_marked_as_approximate(tmp_path):
    from steunpunten.models import LocatiePrecisie, Postcodegebied

    rij = RIJ_DRENTHE.replace(
        "Het oudersteunpunt helpt ouders.;;;;",
        "Bezoekadres: Markt 1, 9401 GS Assen;Markt;1;9401gs;Assen",
    )
    run(tmp_path, rij)
    steunpunt = Steunpunt.objects.get(bron_url="https://drenthe.example.nl/")
    area = Postcodegebied.objects.get(pc4="9401")
    assert (steunpunt.straat, steunpunt.huisnummer) == ("Markt", "1")
    assert (steunpunt.postcode, steunpunt.plaats) == ("9401 GS", "Assen")
    assert (steunpunt.lat, steunpunt.lon) == (area.lat, area.lon)
    assert steunpunt.locatie_precisie == LocatiePrecisie.POSTCODE
    # Without the address in the row, the location goes again.
    run(tmp_path, RIJ_DRENTHE)
    steunpunt.refresh_from_db()
    assert steunpunt.lat is None and steunpunt.postcode == "" and steunpunt.locatie_precisie == ""


# --- The real files (data/): every row, however many the file holds --------------------------


def real_rows() -> list[dict]:
    with open(STEUNPUNTEN_CSV, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@pytest.mark.realdata
def test_the_shipped_fixtures_hold_the_real_files():
    """`make fixtures` was run after the last change of the files: importing them changes nothing."""
    result = import_openbare_bronnen(STEUNPUNTEN_CSV, NAMEN_CSV)
    assert not result.changed_anything, "Draai make fixtures: " + result.summary()
    assert Steunpunt.objects.filter(herkomst=Herkomst.OPENBARE_BRON).count() == len(real_rows())


@pytest.mark.realdata
@pytest.mark.parametrize("voorbeelden", [True, False])
def test_every_real_row_is_found_through_a_postcode_of_each_of_its_swvs(
    client, settings, voorbeelden
):
    settings.VINDPLEK_VOORBEELDEN = voorbeelden
    import_openbare_bronnen(STEUNPUNTEN_CSV, NAMEN_CSV)
    from steunpunten.models import Postcodegebied

    rows = real_rows()
    assert rows
    for row in rows:
        for code in row["swv_codes"].split():
            sector = code[:2].lower()
            area = Postcodegebied.objects.filter(**{f"swv_{sector}__code": code}).first()
            antwoord = client.get("/api/v1/zoeken", {"q": area.pc4}).json()
            swv = antwoord["samenwerkingsverbanden"][sector]
            assert swv["code"] == code
            found = [s for s in swv["steunpunten"] if s["bron_url"] == row["bron_url"]]
            assert len(found) == 1, (code, row["bron_url"])
            assert found[0]["herkomst"] == "openbare_bron"
            assert found[0]["telefoon"] == row["telefoon"]
            assert all(s["herkomst"] != "voorbeeld" for s in swv["steunpunten"])


def test_with_demos_off_an_imported_address_shows_in_the_nearby_list(tmp_path, client, settings):
    """Issue 19: without demos the nearby list used to be empty; a real steunpunt with a
    published address is placed at its PC4's centre and offered to the region next door."""
    settings.VINDPLEK_VOORBEELDEN = False
    rij = RIJ_DRENTHE.replace(
        "Het oudersteunpunt helpt ouders.;;;;",
        "Bezoekadres: Markt 1, 9401 GS Assen;Markt;1;9401 GS;Assen",
    )
    run(tmp_path, rij)
    from zoeken.index import forget_index

    forget_index()
    # A postcode of Emmen (PO2202/VO2202, a region of its own), some 50 km away.
    antwoord = client.get("/api/v1/zoeken", {"q": "7811"}).json()
    nearby = {s["bron_url"]: s for s in antwoord["in_de_buurt"]}
    assert "https://drenthe.example.nl/" in nearby
    assert nearby["https://drenthe.example.nl/"]["herkomst"] == "openbare_bron"
    assert all(s["herkomst"] != "voorbeeld" for s in antwoord["in_de_buurt"])
