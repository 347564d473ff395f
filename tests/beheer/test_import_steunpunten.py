"""import_steunpunten: the export's own sheet, filled in and read back, all or nothing."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from beheer import editing
from overzicht.exports import build_dekkingslijst, export_xlsx
from steunpunten.models import Steunpunt
from steunpunten.steunpuntenblad import BLAD, KOLOMMEN
from tests.helpers import make_staff

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def run_failing(*args) -> str:
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def beheerder():
    return make_staff("baas", role="beheerder", email="baas@example.org", first_name="Bea")


def exported(tmp_path, name="export.xlsx"):
    """The live XLSX export as OCW downloads it."""
    path = tmp_path / name
    path.write_bytes(export_xlsx(build_dekkingslijst(basis_url="https://vindplek.example.nl")))
    return path


def edit_sheet(path, changes: dict[str, dict[str, str]]) -> None:
    """Change cells of the sheet "Steunpunten": {slug: {column: value}}."""
    workbook = load_workbook(path)
    sheet = workbook[BLAD]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        slug = row[header.index("slug")].value
        for column, value in changes.get(slug, {}).items():
            row[header.index(column)].value = value
    workbook.save(path)


def snapshot() -> list[tuple]:
    return sorted(
        Steunpunt.objects.values_list("slug", "naam", "telefoon", "website", "versie", "status")
    )


def test_the_export_carries_a_steunpunt_sheet_with_the_import_columns(tmp_path):
    workbook = load_workbook(exported(tmp_path))
    assert workbook.sheetnames[-1] == BLAD
    sheet = workbook[BLAD]
    assert [cell.value for cell in sheet[1]] == KOLOMMEN
    assert sheet.max_row - 1 == Steunpunt.objects.count()


def test_export_then_import_unchanged_gives_0_gewijzigd(tmp_path, beheerder):
    path = exported(tmp_path)
    before = snapshot()
    output = run("import_steunpunten", str(path), "--door", "baas@example.org")
    aantal = Steunpunt.objects.count()
    assert f"0 gewijzigd, 0 nieuw, {aantal} ongewijzigd, 0 met een fout" in output
    assert "Opgeslagen: 0 steunpunt(en)" in output
    assert snapshot() == before


def test_one_changed_phone_is_one_change_recorded_in_the_history(tmp_path, beheerder):
    steunpunt = Steunpunt.objects.order_by("slug").first()
    path = exported(tmp_path)
    edit_sheet(path, {steunpunt.slug: {"telefoon": "075 123 45 67"}})
    preview = run("import_steunpunten", str(path), "--dry-run")
    assert "1 gewijzigd, 0 nieuw" in preview
    assert f"telefoon: “{steunpunt.telefoon}” → “075 123 45 67”" in preview
    assert Steunpunt.objects.get(pk=steunpunt.pk).telefoon == steunpunt.telefoon  # dry run
    output = run("import_steunpunten", str(path), "--door", "BAAS@example.org")
    assert "Opgeslagen: 1 steunpunt(en)" in output
    steunpunt.refresh_from_db()
    assert steunpunt.telefoon == "075 123 45 67"
    latest = steunpunt.history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason == "via import door Bea"
    assert latest.history_user == beheerder
    # The same file again: the phone is what the sheet says, so nothing changes.
    again = run("import_steunpunten", str(path), "--door", "baas@example.org", "--dry-run")
    assert "0 gewijzigd, 0 nieuw" in again


def test_bad_rows_are_refused_with_their_line_and_nothing_changes(tmp_path, beheerder):
    slugs = list(Steunpunt.objects.order_by("naam", "slug").values_list("slug", flat=True))[:5]
    path = exported(tmp_path)
    edit_sheet(
        path,
        {
            slugs[0]: {"telefoon": "12345"},
            slugs[1]: {"gepubliceerd": "misschien"},
            slugs[2]: {"samenwerkingsverbanden": "PO2707 PO9999"},
            slugs[3]: {"website": "http://onveilig.example.org"},
            slugs[4]: {"status": "gesloten", "naam": "Goed gevuld"},
        },
    )
    before = snapshot()
    output = run_failing("import_steunpunten", str(path), "--door", "baas@example.org")
    fouten = [line for line in output.splitlines() if "FOUT" in line]
    assert len(fouten) == 5
    for line, regel in zip(fouten, range(2, 7), strict=True):
        assert line.startswith(f"regel {regel}: ")
    assert "telefoon:" in fouten[0]
    assert "gepubliceerd: vul “ja” of “nee” in, niet “misschien”" in fouten[1]
    assert "onbekende code PO9999" in fouten[2]
    assert "website:" in fouten[3]
    assert "onbekende status “gesloten”" in fouten[4]
    assert snapshot() == before


def test_unknown_and_repeated_steunpunten_are_named(tmp_path, beheerder):
    slug = Steunpunt.objects.order_by("slug").first().slug
    path = tmp_path / "lijst.csv"
    path.write_text(
        f"slug;telefoon\nbestaat-niet;020 123 45 67\n{slug};020 123 45 67\n{slug};020 7654321\n",
        encoding="utf-8",
    )
    output = run_failing("import_steunpunten", str(path), "--door", "baas@example.org")
    assert "regel 2: bestaat-niet: FOUT: er is geen steunpunt “bestaat-niet”" in output
    assert f"regel 4: {slug}: FOUT: dit steunpunt staat ook op regel 3" in output


def test_a_csv_with_some_columns_changes_only_those(tmp_path, beheerder):
    steunpunt = Steunpunt.objects.order_by("slug").first()
    path = tmp_path / "telefoons.csv"
    path.write_text(f"slug;telefoon\n{steunpunt.slug};020 123 45 67\n", encoding="utf-8")
    output = run("import_steunpunten", str(path), "--door", "baas@example.org")
    assert "1 gewijzigd" in output
    fresh = Steunpunt.objects.get(pk=steunpunt.pk)
    assert fresh.telefoon == "020 123 45 67" and fresh.naam == steunpunt.naam


def test_a_row_without_slug_is_a_new_steunpunt(tmp_path, beheerder):
    path = tmp_path / "nieuw.csv"
    path.write_text(
        "slug;naam;samenwerkingsverbanden;gepubliceerd;telefoon;postcode;plaats\n"
        ";Steunpunt Nieuw;PO2707;nee;020 123 45 67;1011 AB;Amsterdam\n",
        encoding="utf-8",
    )
    output = run("import_steunpunten", str(path), "--door", "baas@example.org")
    assert "0 gewijzigd, 1 nieuw" in output
    nieuw = Steunpunt.objects.get(naam="Steunpunt Nieuw")
    assert nieuw.slug == "steunpunt-nieuw" and not nieuw.gepubliceerd
    assert list(nieuw.samenwerkingsverbanden.values_list("code", flat=True)) == ["PO2707"]
    assert nieuw.history.first().history_change_reason == "via import door Bea"


def test_an_edit_since_the_export_is_not_overwritten(tmp_path, beheerder):
    steunpunt = Steunpunt.objects.order_by("slug").first()
    path = exported(tmp_path)
    Steunpunt.objects.filter(pk=steunpunt.pk).update(versie=steunpunt.versie + 1)
    edit_sheet(path, {steunpunt.slug: {"telefoon": "075 123 45 67"}})
    output = run_failing("import_steunpunten", str(path), "--door", "baas@example.org")
    assert "is na de export gewijzigd" in output
    assert Steunpunt.objects.get(pk=steunpunt.pk).telefoon == steunpunt.telefoon


def test_nothing_is_half_applied(tmp_path, beheerder, monkeypatch):
    first, second = Steunpunt.objects.order_by("naam", "slug")[:2]
    path = exported(tmp_path)
    edit_sheet(
        path,
        {first.slug: {"telefoon": "075 123 45 67"}, second.slug: {"telefoon": "075 765 43 21"}},
    )
    real_save = editing.steunpunt_save
    calls = []

    def failing_second(**kwargs):
        calls.append(kwargs["steunpunt"].slug)
        if len(calls) == 2:
            raise editing.ConflictError(editing.CONFLICT_MELDING)
        return real_save(**kwargs)

    monkeypatch.setattr(editing, "steunpunt_save", failing_second)
    with pytest.raises(CommandError, match="regel 3: Iemand anders"):
        run("import_steunpunten", str(path), "--door", "baas@example.org")
    assert calls == [first.slug, second.slug]
    assert Steunpunt.objects.get(pk=first.pk).telefoon == first.telefoon
    assert Steunpunt.objects.get(pk=second.pk).telefoon == second.telefoon


def test_only_a_beheerder_imports(tmp_path):
    make_staff("ocw", role="ocw", email="ocw@example.org")
    path = exported(tmp_path)
    with pytest.raises(CommandError, match="Geef met --door"):
        run("import_steunpunten", str(path))
    with pytest.raises(CommandError, match="ocw@example.org is geen actieve beheerder"):
        run("import_steunpunten", str(path), "--door", "ocw@example.org")


def test_a_beheerder_imports_from_the_admin_in_two_steps(tmp_path, beheerder):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from tests.helpers import login_verified

    steunpunt = Steunpunt.objects.order_by("naam", "slug").first()
    path = exported(tmp_path)
    edit_sheet(path, {steunpunt.slug: {"telefoon": "075 123 45 67"}})
    client = Client()
    login_verified(client, beheerder)
    url = "/beheer/steunpunten/steunpunt/importeren/"
    assert url in client.get("/beheer/steunpunten/steunpunt/").content.decode()
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("export.xlsx", path.read_bytes())
    preview = client.post(url, {"bestand": upload}).content.decode()
    assert "1 gewijzigd, 0 nieuw" in preview and "Wijzigingen opslaan" in preview
    assert "075 123 45 67" in preview
    assert Steunpunt.objects.get(pk=steunpunt.pk).telefoon == steunpunt.telefoon
    response = client.post(url, {"toepassen": "1"}, follow=True)
    assert "Geïmporteerd: 1 steunpunt opgeslagen" in response.content.decode()
    fresh = Steunpunt.objects.get(pk=steunpunt.pk)
    assert fresh.telefoon == "075 123 45 67"
    assert fresh.history.first().history_change_reason == "via import door Bea"
    # A file with an error: the preview names it, and there is nothing to save.
    edit_sheet(path, {steunpunt.slug: {"gepubliceerd": "soms"}})
    upload = SimpleUploadedFile("export.xlsx", path.read_bytes())
    preview = client.post(url, {"bestand": upload}).content.decode()
    assert "regel 2: " in preview and "niet “soms”" in preview
    assert "Wijzigingen opslaan" not in preview
    assert client.post(url, {"toepassen": "1"}).status_code == 200
    assert Steunpunt.objects.get(pk=steunpunt.pk).gepubliceerd == steunpunt.gepubliceerd


@pytest.mark.parametrize("rol", ["swv", "ocw"])
def test_only_beheerders_reach_the_import_page(rol):
    from django.test import Client

    from tests.helpers import login_verified

    client = Client()
    login_verified(client, make_staff("iemand", "PO2707", role=rol))
    assert client.get("/beheer/steunpunten/steunpunt/importeren/").status_code == 403
    lijst = client.get("/beheer/steunpunten/steunpunt/").content.decode()
    assert "importeren/" not in lijst
