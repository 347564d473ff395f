"""What Vindplek lists now, apart from any peiling (issue 19): one rule in the core
(SamenwerkingsverbandQuerySet.with_vermelding), the same numbers on /overzicht/, in the exports
and on the beheer start page."""

import json
import re

import pytest

from beheer.lancering import launch_progress
from overzicht.exports import build_dekkingslijst, export_json, vermeld_table
from steunpunten.coverage import listing_overview
from steunpunten.models import Herkomst, Samenwerkingsverband, Vermelding
from steunpunten.regio import Sector
from tests.helpers import make_steunpunt

pytestmark = pytest.mark.django_db


def counts(**filters) -> dict[str, int]:
    """The oracle: the QuerySet counted per Vermelding."""
    swvs = Samenwerkingsverband.objects.with_vermelding().filter(**filters)
    return {v: swvs.filter(vermelding=v).count() for v in Vermelding.values}


def listed_mix():
    """A confirmed steunpunt for PO2202, one from a public page for VO2202 and PO2201."""
    make_steunpunt("PO2202", slug="eigen", herkomst=Herkomst.BEVESTIGD, postcode="7811 AA")
    make_steunpunt(
        "VO2202", "PO2201", slug="bron", herkomst=Herkomst.OPENBARE_BRON, bron_url="https://x.nl/"
    )


def cells(html: str, table_id: str) -> dict[str, list[int]]:
    table = re.search(rf'id="{table_id}".*?</table>', html, re.S).group(0)
    rows = {}
    for head, body in re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', table, re.S):
        rows[head.strip()] = [int(n) for n in re.findall(r'class="getal">(\d+)<', body)]
    return rows


@pytest.mark.parametrize("voorbeelden", [True, False])
def test_the_page_shows_the_queryset_counts_per_sector_and_province(client, settings, voorbeelden):
    settings.VINDPLEK_VOORBEELDEN = voorbeelden
    listed_mix()
    html = client.get("/overzicht/").content.decode()
    sectoren = cells(html, "tabel-vermeld-sectoren")
    for label, filters in (
        ("Primair onderwijs (PO)", {"sector": Sector.PO}),
        ("Voortgezet onderwijs (VO)", {"sector": Sector.VO}),
        ("Samen", {}),
    ):
        c = counts(**filters)
        total = Samenwerkingsverband.objects.filter(**filters).count()
        assert sectoren[label] == [c["bevestigd"], c["openbare_bron"], c["niets"], total]
    provincies = cells(html, "tabel-vermeld-provincies")
    for provincie in listing_overview().provincies:
        if not provincie.alle.totaal:
            continue
        c = counts(provincie=provincie.provincie)
        assert provincies[provincie.naam] == [
            c["bevestigd"],
            c["openbare_bron"],
            c["niets"],
            provincie.alle.totaal,
        ]
    # The confirmed one and the public one are counted; the page says this is no peiling.
    assert counts()["bevestigd"] >= 1 and counts()["openbare_bron"] >= 2
    assert "geen cijfers van een peiling" in html


def test_a_demo_or_unpublished_steunpunt_counts_as_nothing(settings):
    settings.VINDPLEK_VOORBEELDEN = True
    for swv in Samenwerkingsverband.objects.with_vermelding():
        demo_only = not swv.steunpunten.exclude(herkomst=Herkomst.VOORBEELD).exists()
        if demo_only:
            assert swv.vermelding == Vermelding.NIETS
    make_steunpunt("PO2202", slug="verborgen", herkomst=Herkomst.BEVESTIGD, gepubliceerd=False)
    assert Samenwerkingsverband.objects.with_vermelding().get(code="PO2202").vermelding != (
        Vermelding.BEVESTIGD
    )


def test_a_steunpunt_counts_only_for_the_sector_it_serves():
    make_steunpunt("PO2202", "VO2202", slug="alleen-po", herkomst=Herkomst.BEVESTIGD, voor_vo=False)
    vermeld = dict(
        Samenwerkingsverband.objects.with_vermelding()
        .filter(code__in=["PO2202", "VO2202"])
        .values_list("code", "vermelding")
    )
    assert vermeld["PO2202"] == Vermelding.BEVESTIGD
    assert vermeld["VO2202"] != Vermelding.BEVESTIGD


def test_the_beheer_start_page_counts_with_the_same_rule():
    listed_mix()
    lancering, vermeld = launch_progress(), listing_overview()
    land = lancering.land
    assert (land.lijst_bevestigd, land.lijst_openbare_bron, land.lijst_niets) == (
        vermeld.alle.bevestigd,
        vermeld.alle.openbare_bron,
        vermeld.alle.niets,
    )
    per_naam = {p.naam: p.alle for p in vermeld.provincies}
    for groep in lancering.provincies:
        t = per_naam[groep.naam]
        assert (groep.lijst_bevestigd, groep.lijst_openbare_bron, groep.lijst_niets) == (
            t.bevestigd,
            t.openbare_bron,
            t.niets,
        )
    by_code = dict(Samenwerkingsverband.objects.with_vermelding().values_list("code", "vermelding"))
    assert all(swv.lijst == by_code[swv.code] for swv in lancering.swvs)


def test_the_exports_carry_what_vindplek_lists_now():
    listed_mix()
    lijst = build_dekkingslijst(basis_url="http://testserver/")
    data = json.loads(export_json(lijst))
    c = counts()
    assert data["vindplek_nu"]["alle"] == {
        "totaal": Samenwerkingsverband.objects.count(),
        "bevestigd": c["bevestigd"],
        "openbare_bron": c["openbare_bron"],
        "niets": c["niets"],
    }
    po = counts(sector=Sector.PO)
    assert data["vindplek_nu"]["po"]["openbare_bron"] == po["openbare_bron"]
    rows = {r["code"]: r["vermelding"] for r in data["samenwerkingsverbanden"]}
    assert (rows["PO2202"], rows["VO2202"], rows["PO2201"]) == (
        "bevestigd",
        "openbare_bron",
        "openbare_bron",
    )
    table = vermeld_table(lijst)
    assert table[0][3:] == [c["bevestigd"], c["openbare_bron"], c["niets"], len(rows)]


@pytest.mark.parametrize("alleen_totaal", [True, False])
def test_a_peiling_export_does_not_claim_what_vindplek_lists(alleen_totaal):
    """A peiling records what it recorded: its export has no "Vindplek nu" figures."""
    import datetime

    from steunpunten.peilingen import record_peiling, record_peiling_totaal

    datum = datetime.date(2024, 3, 1)
    if alleen_totaal:
        peiling = record_peiling_totaal(datum=datum, aantal_swv=150, aantal_met_steunpunt=127)
    else:
        peiling = record_peiling(datum=datum)
    lijst = build_dekkingslijst(basis_url="http://testserver/", peiling=peiling)
    data = json.loads(export_json(lijst))
    assert data["vindplek_nu"] is None and lijst.vermeld is None and vermeld_table(lijst) == []
    assert all(r["vermelding"] is None for r in data["samenwerkingsverbanden"])
