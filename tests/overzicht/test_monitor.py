"""OCW's monitor (/overzicht/monitor/) and its XLSX sheets: who may open it, what it counts, and
that below national level no count under 10 shows."""

import datetime
import io
import random
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from steunpunten.kleine_aantallen import DREMPEL
from steunpunten.models import (
    Contactregistratie,
    ContactThema,
    Ervaring,
    Signaal,
    Thema,
    first_of_quarter,
)
from steunpunten.monitor import build_monitor
from tests.helpers import login_verified, make_staff, make_steunpunt

pytestmark = pytest.mark.django_db

URL = "/overzicht/monitor/"
TODAY = timezone.localdate()
KWARTAAL = first_of_quarter(TODAY)
KWARTAAL_LABEL = f"{KWARTAAL.year} K{(KWARTAAL.month - 1) // 3 + 1}"


def contacts(steunpunt, aantal: int, *, maand=KWARTAAL, uitkomst="steun", thema=None):
    thema = thema or Thema.objects.first()
    for _ in range(aantal):
        contact = Contactregistratie.objects.create(
            steunpunt=steunpunt,
            maand=maand,
            sector="beide",
            vrager="ouder",
            kanaal="telefoon",
            uitkomst=uitkomst,
        )
        ContactThema.objects.create(contact=contact, thema=thema)


def answers(steunpunt, aantal: int, *, maand=KWARTAAL, **fields):
    values = {"gesteund": 4, "weet_verder": "ja", "aanbevelen": "ja", **fields}
    Ervaring.objects.bulk_create(
        Ervaring(steunpunt=steunpunt, maand=maand, **values) for _ in range(aantal)
    )


@pytest.fixture
def ocw_client(client):
    login_verified(client, make_staff("ocw", role="ocw"))
    return client


def test_anonymous_visitors_go_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/beheer/login/" in response["Location"]


def test_swv_staff_get_403(client):
    login_verified(client, make_staff("swv", "PO2707"))
    assert client.get(URL).status_code == 403


def test_ocw_sees_the_national_figures_per_quarter(ocw_client):
    amsterdam = make_steunpunt("PO2707", "VO2708", slug="monitor-a")
    contacts(amsterdam, 4)
    contacts(amsterdam, 2, uitkomst="informatie")
    answers(amsterdam, 3, gesteund=5)
    Signaal.objects.create(steunpunt=amsterdam, kwartaal=KWARTAAL, thema=Thema.objects.first())
    response = ocw_client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body and 'role="img"' in body  # charts drawn on the server
    landelijk = build_monitor(today=TODAY).landelijk[-1]
    assert (landelijk.contacten, landelijk.matches) >= (6, 4)
    assert landelijk.ervaring.aantal.waarde >= 3  # national: small numbers show
    assert landelijk.swv_meldend >= 2
    assert "minder dan 10" in body  # Noord-Holland's 6 contacts, below national level


def test_a_wrong_quarter_gets_a_message_not_an_error(ocw_client):
    for value in ("gisteren", "1999-01-01", "2026-13-01"):
        response = ocw_client.get(URL, {"kwartaal": value})
        assert response.status_code == 200
        assert "Dit kwartaal kennen we niet" in response.content.decode()


def seeded_places(seed: int):
    """Random contacts and answers over steunpunten in several provinces."""
    rng = random.Random(seed)
    codes = [("PO2707", "VO2708"), ("PO2806",), ("PO3103", "VO3103"), ("PO2603",), ("PO2202",)]
    for index, swv_codes in enumerate(codes):
        steunpunt = make_steunpunt(*swv_codes, slug=f"monitor-{seed}-{index}")
        contacts(steunpunt, rng.randint(0, 25), uitkomst=rng.choice(["steun", "informatie"]))
        answers(steunpunt, rng.randint(0, 14), weet_verder=rng.choice(["ja", "nee"]))
        answers(steunpunt, rng.randint(0, 6), aanbevelen="nee", gesteund=2)


def counts_in(cells: list[str]) -> list[int]:
    """The whole numbers in table cells, leaving out percentages and mean scores."""
    numbers = []
    for cell in cells:
        text = re.sub(r"\(\d+%\)", "", re.sub(r"<[^>]+>", "", cell))
        numbers += [int(n) for n in re.findall(r"(?<![\d,])\d+(?![\d,])", text)]
    return numbers


@pytest.mark.parametrize("seed", range(4))
def test_per_province_and_swv_no_count_under_10_on_the_page(ocw_client, seed):
    seeded_places(seed)
    body = ocw_client.get(URL).content.decode()
    plaatsen = body[body.index('id="monitor-plaatsen"') :]
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", plaatsen, flags=re.S)
    assert len(rows) >= 12 + 15  # the provinces and every SWV of the sample
    for row in rows:
        cells = re.findall(r'<td data-kop="([^"]*)">(.*?)</td>', row, flags=re.S)
        counted = [inhoud for kop, inhoud in cells if kop != "Gesteund (1 tot 5)"]
        assert all(n >= DREMPEL for n in counts_in(counted)), row


@pytest.mark.parametrize("seed", range(2))
def test_the_xlsx_has_the_monitor_sheets_and_no_count_under_10_below_national(ocw_client, seed):
    seeded_places(seed)
    response = ocw_client.get(reverse("overzicht:export_xlsx"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    for naam in ("Monitor landelijk", "Themas", "Signalen", "Per provincie", "Per SWV"):
        assert naam in workbook.sheetnames
    for naam in ("Per provincie", "Per SWV"):
        sheet = workbook[naam]
        header = [cell.value for cell in sheet[1]]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        assert rows
        for row in rows:
            for kolom, waarde in zip(header, row, strict=True):
                if kolom in ("contacten", "matches_tot_steun", "antwoorden") or kolom.startswith(
                    ("weet_verder", "aanbevelen")
                ):
                    assert waarde == "minder dan 10" or (
                        isinstance(waarde, int) and waarde >= DREMPEL
                    ), (naam, kolom, row)
    landelijk = list(workbook["Monitor landelijk"].iter_rows(values_only=True))
    assert landelijk[0][0] == "kwartaal" and len(landelijk) == 1 + 8


def test_only_ocw_and_beheerders_download_the_monitor(client):
    login_verified(client, make_staff("swv", "PO2707"))
    assert client.get(reverse("overzicht:export_xlsx")).status_code == 403


def test_older_quarters_are_counted_in_their_own_quarter(db):
    vorig = first_of_quarter(KWARTAAL - datetime.timedelta(days=1))
    for index, (code, aantal) in enumerate([("PO2707", 12), ("PO2806", 15), ("PO2603", 20)]):
        contacts(make_steunpunt(code, slug=f"monitor-vorig-{index}"), aantal, maand=vorig)
    monitor = build_monitor(today=TODAY, kwartaal=vorig)
    assert monitor.gekozen == vorig
    assert [r.contacten for r in monitor.landelijk][-2:] == [47, 0]
    shown = {p.code: p.contacten.waarde for p in monitor.provincies}
    # The other provinces' zeros are hidden; alone they would be known (47 - 47 = 0), so the
    # smallest shown count (12) hides with them.
    assert (shown["noord-holland"], shown["zuid-holland"], shown["utrecht"]) == (None, 15, 20)


def test_the_public_overview_shows_national_totals_per_quarter_only(client):
    steunpunt = make_steunpunt("PO2707", slug="monitor-publiek")
    contacts(steunpunt, 7)
    answers(steunpunt, 2, gesteund=3)
    response = client.get(reverse("overzicht:overzicht"))
    assert response.status_code == 200
    assert not response.cookies
    body = response.content.decode()
    werk = body[body.index('id="werk-kop"') :]
    werk = werk[: werk.index("</section>")]
    assert "Landelijke totalen per kwartaal" in werk
    rij = re.search(
        r"<tr><th scope=\"row\">" + re.escape(KWARTAAL_LABEL) + r"</th>(.*?)</tr>", werk
    )
    assert rij and ">7<" in rij.group(1) and ">2<" in rij.group(1) and "3,0" in rij.group(1)
    assert "Noord-Holland" not in werk and "monitor" not in werk.lower()
