"""Whole-data check (issue 19): /overzicht/, its comparison and the exports show no peiling
figure that the peiling does not hold, for every shipped peiling."""

import json
import re

import pytest

from overzicht.exports import build_dekkingslijst, export_json
from steunpunten.models import Peiling

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


def trend_row(html: str, peiling: Peiling) -> str:
    trend = re.search(r'id="tabel-trend".*?</table>', html, re.S).group(0)
    label = f"Peiling {peiling.datum.day} "
    rows = [row for row in re.findall(r"<tr.*?</tr>", trend, re.S) if label in row]
    assert len(rows) == 1, peiling
    return rows[0]


def cells(row: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>|\s+", " ", cell).strip() for cell in re.findall(r"<td.*?</td>", row, re.S)
    ]


def test_the_overview_shows_no_peiling_figure_the_peiling_does_not_hold(client):
    peilingen = list(Peiling.objects.not_withdrawn())
    assert peilingen, "the November 2023 peiling ships"
    html = client.get("/overzicht/").content.decode()
    for peiling in peilingen:
        met, po, vo = (cells(trend_row(html, peiling))[i] for i in (0, 2, 3))
        assert met == f"{peiling.aantal_met_steunpunt} van {peiling.aantal_swv}"
        if peiling.per_sector:
            assert po == f"{peiling.po_met_steunpunt} van {peiling.po_totaal}"
            assert vo == f"{peiling.vo_met_steunpunt} van {peiling.vo_totaal}"
        else:
            assert po == vo == "niet bekend"
        comparison = client.get(f"/overzicht/?van={peiling.datum:%Y-%m-%d}&tot=nu")
        text = comparison.content.decode()
        box = re.search(r'id="vergelijking">(.*?)</div>', text, re.S).group(1)
        if not peiling.per_swv:
            assert 'id="gekregen"' not in box and 'id="verloren"' not in box
            assert "kreeg een actief steunpunt" not in box
            assert "kregen een actief steunpunt" not in box
        data = json.loads(export_json(build_dekkingslijst(basis_url="x", peiling=peiling)))
        assert data["alleen_totaal"] is not peiling.per_swv
        if not peiling.per_swv:
            assert data["samenwerkingsverbanden"] == []
            assert data["totalen"]["po"] is None and data["totalen"]["vo"] is None
            assert data["totalen"]["alle"]["in_oprichting"] is None


def test_the_shipped_november_2023_peiling_holds_only_its_total():
    peiling = Peiling.objects.get(datum="2023-11-01")
    assert (peiling.aantal_met_steunpunt, peiling.aantal_swv) == (127, 150)
    assert not peiling.per_sector and not peiling.per_swv
