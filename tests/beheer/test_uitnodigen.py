"""invite_accounts: a file of e-mail;naam;rol;swv_codes becomes accounts and links, once."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from beheer import medewerkers
from beheer.models import Uitnodiging
from steunpunten.models import Samenwerkingsverband

pytestmark = pytest.mark.django_db
User = get_user_model()


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def write_csv(tmp_path, lines: list[str], name: str = "uitnodigingen.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def every_swv_file(tmp_path):
    """One SWV employee for each of the 150 SWVs: the national launch."""
    codes = list(Samenwerkingsverband.objects.order_by("code").values_list("code", flat=True))
    lines = ["e-mail;naam;rol;swv_codes"] + [
        f"medewerker.{code.lower()}@swv.example.org;Medewerker {code};swv;{code}" for code in codes
    ]
    return write_csv(tmp_path, lines), codes


@pytest.mark.realdata
def test_dry_run_shows_every_row_and_changes_nothing(tmp_path):
    path, codes = every_swv_file(tmp_path)
    output = run("invite_accounts", str(path), "--dry-run")
    assert len(codes) == 150
    assert output.count("nieuw account (swv") == 150
    assert "regel 2: medewerker." in output and "regel 151:" in output
    assert "150 nieuw, 0 aangevuld, 0 bestaan al, 0 met een fout" in output
    assert not User.objects.exists() and mail.outbox == []


@pytest.mark.realdata
def test_150_rows_make_150_accounts_and_150_links_and_a_second_run_changes_nothing(tmp_path):
    path, codes = every_swv_file(tmp_path)
    output = run("invite_accounts", str(path))
    users = User.objects.filter(email__endswith="@swv.example.org")
    assert users.count() == 150
    assert len(mail.outbox) == 150
    assert {m.to[0] for m in mail.outbox} == set(users.values_list("email", flat=True))
    assert output.count("Uitnodiging gemaild naar") == 150 and "14 dagen" in output
    for user in users.prefetch_related("medewerker__samenwerkingsverbanden"):
        assert medewerkers.role_of_account(user) == "swv"
        assert not user.has_usable_password()
        code = user.email.split("@")[0].split(".")[1].upper()
        assert [swv.code for swv in user.medewerker.samenwerkingsverbanden.all()] == [code]
    assert Uitnodiging.objects.count() == 150
    before = sorted(users.values_list("pk", "email", "password", "first_name", "last_name"))

    again = run("invite_accounts", str(path))
    assert "0 nieuw, 0 aangevuld, 150 bestaan al, 0 met een fout" in again
    assert "0 uitnodiging(en) verstuurd" in again
    assert len(mail.outbox) == 150
    assert sorted(users.values_list("pk", "email", "password", "first_name", "last_name")) == before
    assert set(Uitnodiging.objects.values_list("aantal", flat=True)) == {1}


def test_every_bad_row_is_named_and_nothing_changes(tmp_path):
    path = write_csv(
        tmp_path,
        [
            "e-mail;naam;rol;swv_codes",
            "goed@example.org;Goed;swv;PO2707",
            "geen-adres;Fout;swv;PO2707",
            "b@example.org;Fout;directeur;",
            "c@example.org;Fout;swv;PO9999",
            "d@example.org;Fout;swv;",
            "e@example.org;Fout;ocw;PO2707",
            "GOED@example.org;Dubbel;swv;VO2708",
            "ook-goed@example.org;Goed;ocw;",
        ],
    )
    with pytest.raises(CommandError, match="6 regel\\(s\\) met een fout: er is niets veranderd"):
        run("invite_accounts", str(path))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("invite_accounts", str(path), stdout=out)
    lines = out.getvalue().splitlines()
    fouten = [line for line in lines if "FOUT" in line]
    assert [line.split(":")[0] for line in fouten] == [
        "regel 3",
        "regel 4",
        "regel 5",
        "regel 6",
        "regel 7",
        "regel 8",
    ]
    assert "geen geldig e-mailadres" in fouten[0]
    assert "Onbekende rol “directeur”" in fouten[1]
    assert "Onbekend samenwerkingsverband: PO9999" in fouten[2]
    assert "ten minste één samenwerkingsverband" in fouten[3]
    assert "Alleen een SWV-medewerker" in fouten[4]
    assert "staat ook op regel 2" in fouten[5]
    assert not User.objects.exists() and mail.outbox == []


def test_existing_accounts_are_extended_not_changed_in_role(tmp_path):
    run("add_account", "a@example.org", "--rol", "swv", "--swv", "PO2707")
    run("add_account", "o@example.org", "--rol", "ocw")
    mail.outbox.clear()
    path = write_csv(
        tmp_path,
        ["a@example.org;;swv;PO2707 VO2708", "o@example.org;;ocw;", "n@example.org;Nel;ocw;"],
    )  # no header: the columns are read in their order
    output = run("invite_accounts", str(path))
    assert "regel 1: a@example.org: bestaat al; wordt aangevuld met VO2708" in output
    assert "regel 2: o@example.org: bestaat al, verandert niet" in output
    assert "1 nieuw, 1 aangevuld, 1 bestaan al" in output
    a = User.objects.get(email="a@example.org")
    assert sorted(a.medewerker.samenwerkingsverbanden.values_list("code", flat=True)) == [
        "PO2707",
        "VO2708",
    ]
    assert [m.to for m in mail.outbox] == [["n@example.org"]]
    wrong_role = write_csv(tmp_path, ["o@example.org;;beheerder;"], name="rol.csv")
    with pytest.raises(CommandError):
        run("invite_accounts", str(wrong_role))
    assert not User.objects.get(email="o@example.org").is_superuser


def test_an_xlsx_file_works_the_same(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["E-mail", "Naam", "Rol", "SWV codes"])
    sheet.append(["x@example.org", "Xan", "SWV", "po2707, vo2708"])
    sheet.append([None, None, None, None])
    sheet.append(["y@example.org", "Yara", "beheerder", None])
    path = tmp_path / "uitnodigingen.xlsx"
    workbook.save(path)
    output = run("invite_accounts", str(path))
    assert "regel 2: x@example.org: nieuw account (swv: PO2707, VO2708)" in output
    assert "regel 4: y@example.org: nieuw account (beheerder)" in output
    assert User.objects.get(email="y@example.org").is_superuser
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leeg.csv", b"", "het bestand bevat geen accounts"),
        (
            "latin1.csv",
            "e-mail;naam;rol;swv_codes\nj@x.nl;Jos\xe9;ocw;\n".encode("latin-1"),
            "regel 2: FOUT: deze regel is geen UTF-8",
        ),
        ("kapot.xlsx", b"geen excel", "geen leesbaar Excel-bestand"),
        ("lijst.pdf", b"%PDF", "kies een .csv- of .xlsx-bestand"),
    ],
)
def test_unreadable_files_are_refused_in_dutch(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("invite_accounts", str(path), stdout=out)
    assert message in out.getvalue()
    assert not User.objects.exists()


def test_a_missing_file_is_named():
    with pytest.raises(CommandError, match="Kan bestaat-niet.csv niet lezen"):
        run("invite_accounts", "bestaat-niet.csv")
