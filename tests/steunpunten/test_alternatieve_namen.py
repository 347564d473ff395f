"""data/alternatieve-namen.csv: its import, and every name in it answering with what it stands for."""

import csv

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from steunpunten.cache import current_version
from steunpunten.gemeenten import district_candidates
from steunpunten.indexen import forget_indexes
from steunpunten.models import AlternatieveNaam
from steunpunten.names import normalise_name
from zoeken import search
from zoeken.antwoord import Uitkomst

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]  # over the whole country


@pytest.fixture(autouse=True)
def _fresh_name_lists():
    """An import moves the data version and the rollback moves it back: no list outlives a test."""
    forget_indexes()
    yield
    forget_indexes()


FILE = settings.VINDPLEK_DATA_DIR / "alternatieve-namen.csv"
HEADER = "naam;soort;staat_voor;gemeente;jaar;postcodes;bron_url"
GOOD = "Snits;fries;Sneek;Súdwest-Fryslân;;;https://example.org/bron"


def same_answer(antwoord, plaats) -> bool:
    """What a parent reads: the outcome, place, SWVs, choices and other parts, as for the place."""
    fields = ("uitkomst", "plaats", "gemeente", "pc4", "po", "vo", "keuzes", "andere_delen")
    return all(getattr(antwoord, f) == getattr(plaats, f) for f in fields)


def rows() -> list[dict]:
    with open(FILE, encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def write(tmp_path, *lines):
    path = tmp_path / "namen.csv"
    path.write_text("\n".join((HEADER, *lines)) + "\n", encoding="utf-8")
    return path


def test_the_shipped_names_are_the_file():
    shipped = set(AlternatieveNaam.objects.values_list("naam", "gemeente", "staat_voor"))
    assert shipped == {(r["naam"], r["gemeente"], r["staat_voor"]) for r in rows()}
    assert all(r["bron_url"].startswith("https://") for r in rows())


def test_a_second_import_changes_nothing(capsys):
    versie = current_version()
    call_command("import_alternatieve_namen", str(FILE))
    out = capsys.readouterr().out
    assert "Niets veranderd" in out
    assert current_version() == versie


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Snitser;fries;Sneek;Nergens;;;https://example.org/", "regel 3: gemeente 'Nergens'"),
        (
            "Snitser;fries;Leeuwarden;Súdwest-Fryslân;;;https://example.org/",
            "regel 3: 'Leeuwarden'",
        ),
        ("Snitser;elfs;Sneek;Súdwest-Fryslân;;;https://example.org/", "regel 3: soort 'elfs'"),
        ("Snitser;fries;Sneek;Súdwest-Fryslân;;;http://example.org/", "regel 3: bron_url"),
        ("Snitser;fries;Sneek;Súdwest-Fryslân;twee;;https://example.org/", "regel 3: jaar"),
        ("Zuid;wijk;Sneek;Súdwest-Fryslân;;8605-;https://example.org/", "regel 3: postcodes"),
        ("Zuid;wijk;Sneek;Súdwest-Fryslân;;8605-8604;https://example.org/", "kleinste niet eerst"),
        ("Zuid;wijk;Sneek;Súdwest-Fryslân;;8605 1011;https://example.org/", "'1011' ligt niet"),
        (
            "Snitser;fries;Sneek;Súdwest-Fryslân;;8605;https://example.org/",
            "regel 3: alleen een wijk",
        ),
        (GOOD, "regel 3: Snits in Súdwest-Fryslân staat er al"),
        ("Snits;fries;Leeuwarden;Leeuwarden;;;https://example.org/", "regel 3: Snits staat er al"),
        ("Snitser;fries;Sneek", "regel 3: 7 kolommen verwacht"),
    ],
)
def test_a_bad_row_names_its_line_and_changes_nothing(tmp_path, line, message):
    before = list(AlternatieveNaam.objects.values_list("naam", "bron_url"))
    with pytest.raises(CommandError) as raised:
        call_command("import_alternatieve_namen", str(write(tmp_path, GOOD, line)))
    assert message in str(raised.value)
    assert "Er is niets veranderd" in str(raised.value)
    assert list(AlternatieveNaam.objects.values_list("naam", "bron_url")) == before


def test_rows_no_longer_in_the_file_go(tmp_path, capsys):
    call_command("import_alternatieve_namen", str(write(tmp_path, GOOD)))
    assert list(AlternatieveNaam.objects.values_list("naam", "bron_url")) == [
        ("Snits", "https://example.org/bron")
    ]
    assert "1 gewijzigd" in capsys.readouterr().out


def test_a_district_answers_with_its_postcodes(tmp_path):
    call_command(
        "import_alternatieve_namen",
        str(
            write(tmp_path, "Sneek-Zuid;wijk;Sneek;Súdwest-Fryslân;;8604-8605;https://example.org/")
        ),
    )
    antwoord = search.resolve(search.parse_query("Sneek-Zuid"))
    assert antwoord.uitkomst == Uitkomst.GEVONDEN
    assert antwoord.pc4 in {"8604", "8605"}
    assert "8604–8605" in antwoord.andere_naam.zin


def test_a_district_without_postcodes_answers_as_the_place_it_stands_for(tmp_path):
    line = "Sneek-Noord;wijk;Sneek;Súdwest-Fryslân;;;https://example.org/"
    call_command("import_alternatieve_namen", str(write(tmp_path, line)))
    assert AlternatieveNaam.objects.get(naam="Sneek-Noord").postcodes == ""
    antwoord = search.resolve(search.parse_query("Sneek-Noord"))
    sneek = search.resolve(search.parse_query("Sneek"))
    assert same_answer(antwoord, sneek) and antwoord.gemeente == "Súdwest-Fryslân"
    assert antwoord.andere_naam.zin == "Sneek-Noord is een wijk van Sneek."
    assert antwoord.wijk_zin == (
        "We kennen de postcodes van de wijk niet apart; dit is het antwoord voor Sneek. Zoek op "
        "uw postcode voor het precieze antwoord."
    )


def test_a_district_may_have_several_ranges_as_its_page_writes_them(tmp_path):
    line = (
        "Loosduinen;wijk;Den Haag;'s-Gravenhage;;2544–2545, 2547, 2551 – 2553;https://example.org/"
    )
    call_command("import_alternatieve_namen", str(write(tmp_path, line)))
    assert AlternatieveNaam.objects.get(naam="Loosduinen").postcodes == "2544-2545 2547 2551-2553"
    antwoord = search.resolve(search.parse_query("Loosduinen"))
    assert antwoord.uitkomst == Uitkomst.GEVONDEN
    assert antwoord.andere_naam.zin == (
        "Loosduinen is een deel van Den Haag (postcodes 2544–2545, 2547, 2551–2553)."
    )
    # Its own postcodes, never the ones between its ranges (2546).
    kandidaten = district_candidates(
        naam="Loosduinen", gemeente="'s-Gravenhage", reeksen=antwoord.andere_naam.reeksen
    )
    assert sorted(a.pc4 for k in kandidaten for a in k.areas) == [
        "2544",
        "2545",
        "2547",
        "2551",
        "2552",
        "2553",
    ]


@pytest.mark.realdata
def test_every_alternative_name_answers_with_what_it_stands_for(client):
    assert len(rows()) >= 43
    for row in rows():
        antwoord = search.resolve(search.parse_query(row["naam"]))
        assert antwoord.andere_naam.naam == row["naam"]
        # A gemeente split over several has a row for each: the answer names them all.
        gemeenten = {r["gemeente"] for r in rows() if r["naam"] == row["naam"]}
        if len(gemeenten) > 1:
            assert row["soort"] == "fusie", row["naam"]
            assert antwoord.uitkomst == Uitkomst.KEUZES, row["naam"]
            assert {k.gemeente for k in antwoord.keuzes} == gemeenten, row["naam"]
            doelen = sorted(r["staat_voor"] for r in rows() if r["naam"] == row["naam"])
            namen = ", ".join(doelen[:-1]) + " en " + doelen[-1]
            assert antwoord.andere_naam.zin == (
                f"De gemeente {row['naam']} bestaat sinds {row['jaar']} niet meer. De plaatsen "
                f"horen nu bij de gemeenten {namen}."
            )
        elif row["soort"] == "fusie" and antwoord.uitkomst == Uitkomst.KEUZES:
            # A merged gemeente whose postcodes now lie in several SWVs: its parts to choose.
            assert {k.gemeente for k in antwoord.keuzes} == {row["gemeente"]}, row["naam"]
        elif row["soort"] == "wijk" and not row["postcodes"]:
            # A district known only as part of its gemeente: exactly the answer for the place
            # it stands for (its choice, where that place gives one).
            plaats = search.resolve(search.parse_query(row["staat_voor"]))
            assert antwoord.uitkomst in (Uitkomst.GEVONDEN, Uitkomst.KEUZES), row["naam"]
            assert same_answer(antwoord, plaats), row["naam"]
            assert {k.gemeente for k in antwoord.keuzes} <= {row["gemeente"]}, row["naam"]
            assert antwoord.gemeente in ("", row["gemeente"]), row["naam"]
        elif antwoord.uitkomst == Uitkomst.KEUZES:
            # A gemeente whose parts have different SWVs ("Zuidwest-Friesland"): the same
            # choice as its own name gives, all in its gemeente.
            alleen = search.resolve(search.parse_query(row["staat_voor"]))
            assert antwoord.keuzes == alleen.keuzes, row["naam"]
            assert {k.gemeente for k in antwoord.keuzes} == {row["gemeente"]}, row["naam"]
        else:
            assert antwoord.uitkomst == Uitkomst.GEVONDEN, row["naam"]
            assert antwoord.gemeente == row["gemeente"], row["naam"]
        if row["soort"] == "fries":
            assert normalise_name(antwoord.plaats) == normalise_name(row["staat_voor"])
            assert antwoord.andere_naam.zin == (
                f"{row['naam']} is de Friese naam van {row['staat_voor']}."
            )
        if row["soort"] == "roepnaam":
            assert antwoord.andere_naam.zin == (
                f"De officiële naam van {row['naam']} is {row['staat_voor']}."
            )
        if row["soort"] == "engels":
            assert antwoord.andere_naam.zin == (
                f"{row['naam']} is de Engelse naam van {row['staat_voor']}."
            )
        if row["soort"] == "nederlands":
            assert antwoord.andere_naam.zin == (
                f"{row['naam']} is de Nederlandse naam van {row['staat_voor']}."
            )
        if row["soort"] == "wijk" and not row["postcodes"]:
            assert antwoord.andere_naam.zin == (
                f"{row['naam']} is een wijk van {row['staat_voor']}."
            ), row["naam"]
            assert antwoord.wijk_zin.startswith("We kennen de postcodes van de wijk niet apart")
            assert antwoord.wijk_plaats == row["staat_voor"], row["naam"]
        elif row["soort"] == "wijk":
            postcodes = row["postcodes"].replace("-", "–").replace(" ", ", ")
            assert antwoord.andere_naam.zin == (
                f"{row['naam']} is een deel van {row['staat_voor']} (postcodes {postcodes})."
            )
            reeksen = antwoord.andere_naam.reeksen
            assert any(van <= antwoord.pc4 <= tot for van, tot in reeksen), row["naam"]
        html = client.get(reverse("zoeken:zoeken"), {"q": row["naam"]}).content.decode()
        assert escape(antwoord.andere_naam.zin) in html, row["naam"]
        assert escape(antwoord.wijk_zin) in html, row["naam"]


def test_one_typo_in_an_alternative_name_is_corrected():
    antwoord = search.resolve(search.parse_query("Frjentsjir"))
    assert antwoord.gemeente == "Waadhoeke" and antwoord.bedoeld == "Frjentsjer"


@pytest.mark.parametrize(
    ("text", "gemeente", "van", "tot"),
    [
        ("Amsterdam Zuidoost", "Amsterdam", "1100", "1109"),
        ("Amsterdam-Zuidoost", "Amsterdam", "1100", "1109"),
        ("Zuidoost", "Amsterdam", "1100", "1109"),
        ("bijlmer", "Amsterdam", "1100", "1109"),
        ("Amsterdam Centrum", "Amsterdam", "1011", "1018"),
        ("Gaasperdam", "Amsterdam", "1106", "1108"),
        ("Ypenburg", "'s-Gravenhage", "2496", "2498"),
        ("Rotterdam Centrum", "Rotterdam", "3011", "3032"),
        ("Almere Hout", "Almere", "1341", "1358"),
        ("Feijenoord", "Rotterdam", "3071", "3083"),
        ("IJsselmonde", "Rotterdam", "3071", "3079"),
        ("Brandevoort", "Helmond", "5706", "5708"),
        ("Almere Poort", "Almere", "1361", "1363"),
    ],
)
def test_a_district_typed_as_a_place_answers_with_its_own_postcodes(text, gemeente, van, tot):
    antwoord = search.resolve(search.parse_query(text))
    assert antwoord.uitkomst == Uitkomst.GEVONDEN
    assert antwoord.school is None
    assert antwoord.gemeente == gemeente
    assert van <= antwoord.pc4 <= tot
    assert "is een deel van" in antwoord.andere_naam.zin


@pytest.mark.parametrize(
    ("text", "gemeenten", "zin"),
    [
        (
            "Maasdonk",
            {"'s-Hertogenbosch", "Oss"},
            "De gemeente Maasdonk bestaat sinds 2015 niet meer. De plaatsen horen nu bij de "
            "gemeenten 's-Hertogenbosch en Oss.",
        ),
        (
            "gemeente Maasdonk",
            {"'s-Hertogenbosch", "Oss"},
            "De gemeente Maasdonk bestaat sinds 2015 niet meer. De plaatsen horen nu bij de "
            "gemeenten 's-Hertogenbosch en Oss.",
        ),
        (
            "Boarnsterhim",
            {"De Fryske Marren", "Heerenveen", "Leeuwarden", "Súdwest-Fryslân"},
            "De gemeente Boarnsterhim bestaat sinds 2014 niet meer. De plaatsen horen nu bij de "
            "gemeenten De Fryske Marren, Heerenveen, Leeuwarden en Súdwest-Fryslân.",
        ),
        (
            "Skarsterlan",
            {"De Fryske Marren"},
            "De gemeente Skarsterlân ging in 2014 op in de gemeente De Fryske Marren.",
        ),
        (
            "Wymbritseradeel",
            {"Súdwest-Fryslân"},
            "De gemeente Wymbritseradeel ging in 2011 op in de gemeente Súdwest-Fryslân.",
        ),
    ],
)
def test_an_old_gemeente_names_every_gemeente_it_went_to(text, gemeenten, zin):
    antwoord = search.resolve(search.parse_query(text))
    assert antwoord.andere_naam.zin == zin
    found = {k.gemeente for k in antwoord.keuzes} or {antwoord.gemeente}
    assert found == gemeenten


def test_a_split_gemeente_says_so_in_english(client):
    with translation.override("en"):
        zin = search.resolve(search.parse_query("Maasdonk")).andere_naam.zin
    assert "Maasdonk" in zin and "'s-Hertogenbosch and Oss" in zin
    assert "gemeenten" not in zin
