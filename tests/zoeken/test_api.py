"""The JSON API: search answers, errors, lists, pagination, filters, CORS; the law for 300 PC4."""

import csv
import random

import pytest

from steunpunten.coverage import overview
from tests.conftest import REGIO_CSV
from tests.helpers import make_steunpunt

pytestmark = pytest.mark.django_db


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:200])
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_search_by_postcode(client):
    data = get_json(client, "/api/v1/zoeken?q=1011ab")
    assert data["postcode"] == "1011 AB"
    assert data["pc4"] == "1011"
    assert data["gemeente"] == "Amsterdam"
    assert data["benadering"] is False
    po = data["samenwerkingsverbanden"]["po"]
    vo = data["samenwerkingsverbanden"]["vo"]
    assert po["code"] == "PO2707" and vo["code"] == "VO2708"
    assert po["heeft_steunpunt"] is True
    assert po["url"] == "http://testserver/samenwerkingsverbanden/PO2707/"
    assert po["naam"] and po["steunpunten"]
    steunpunt = po["steunpunten"][0]
    assert steunpunt["url"].startswith("http://testserver/steunpunten/")
    assert steunpunt["herkomst"] == "openbare_bron" and steunpunt["demo"] is False
    assert steunpunt["bron_url"] == "https://www.onderwijsconsument.nl/oudersteunpunt/"
    nearby = data["in_de_buurt"]
    assert nearby and all({"naam", "url", "afstand_km"} <= set(item) for item in nearby)
    assert [item["afstand_km"] for item in nearby] == sorted(item["afstand_km"] for item in nearby)


def test_search_by_place(client):
    data = get_json(client, "/api/v1/zoeken?q=den%20haag")
    assert data["postcode"] is None
    assert data["samenwerkingsverbanden"]["po"]["code"] == "PO2815"


@pytest.mark.realdata
def test_several_places_give_choices(client):
    data = get_json(client, "/api/v1/zoeken?q=rijswijk")
    assert len(data["keuzes"]) == 3
    assert {"naam", "label", "gemeente", "zoekterm", "pc4_van", "pc4_tot"} <= set(data["keuzes"][0])
    assert "samenwerkingsverbanden" not in data
    rotterdam = get_json(client, "/api/v1/zoeken?q=rotterdam")
    # Hoek van Holland and Rozenburg; Europoort (no SWV, nobody lives there) is no option.
    assert rotterdam["uitkomst"] == "gevonden" and len(rotterdam["andere_delen"]) == 2


def test_europoort(client):
    data = get_json(client, "/api/v1/zoeken?q=3199")
    assert data["samenwerkingsverbanden"] == {"po": None, "vo": None}
    assert data["uitkomst"] == "geen_swv"


@pytest.mark.realdata
def test_approximation(client):
    data = get_json(client, "/api/v1/zoeken?q=5352")
    assert data["benadering"] is True
    assert data["benaderd_met_pc4"]
    assert data["samenwerkingsverbanden"]["po"]["code"].startswith("PO30")


def test_swv_without_steunpunt(client):
    data = get_json(client, "/api/v1/zoeken?q=6001")
    assert data["samenwerkingsverbanden"]["po"]["heeft_steunpunt"] is False
    assert data["samenwerkingsverbanden"]["po"]["steunpunten"] == []


@pytest.mark.parametrize(
    ("query", "fragment"),
    [("0123", "begint niet met een 0"), ("1234 SS", "SA, SD en SS"), ("", "Vul een postcode")],
)
def test_invalid_input_is_400_with_a_dutch_message(client, query, fragment):
    data = get_json(client, f"/api/v1/zoeken?q={query}", status=400)
    assert set(data) == {"fout"} and fragment in data["fout"]


@pytest.mark.parametrize("query", ["1000", "2000", "Xyzzydorp"])
def test_unknown_is_404_with_the_same_shape(client, query):
    data = get_json(client, f"/api/v1/zoeken?q={query}", status=404)
    assert set(data) == {"fout"} and data["fout"]


def test_cors_is_open_for_get(client):
    response = client.get("/api/v1/zoeken?q=1011", HTTP_ORIGIN="https://elders.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/v1/steunpunten", HTTP_ORIGIN="https://elders.example")
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert client.post("/api/v1/zoeken?q=1011").status_code == 405
    # The pages themselves are not opened up.
    assert "Access-Control-Allow-Origin" not in client.get("/zoeken/?q=1011")


@pytest.mark.realdata
def test_steunpunten_list_is_paginated_and_public_only(client):
    make_steunpunt("PO2707", slug="verborgen-api", gepubliceerd=False)
    first = get_json(client, "/api/v1/steunpunten")
    assert first["pagina"] == 1 and first["vorige"] is None
    assert len(first["resultaten"]) == 50
    assert first["aantal"] > 50 and first["volgende"].endswith("pagina=2")
    second = get_json(client, "/api/v1/steunpunten?pagina=2")
    slugs = {s["slug"] for s in first["resultaten"]} | {s["slug"] for s in second["resultaten"]}
    assert "verborgen-api" not in slugs
    assert len(slugs) == first["aantal"] or first["paginas"] > 2
    get_json(client, "/api/v1/steunpunten?pagina=999", status=404)
    get_json(client, "/api/v1/steunpunten?pagina=twee", status=400)


def test_steunpunten_filters(client):
    make_steunpunt("PO2707", slug="geen-jongeren", voor_jongeren=False)
    ouders = get_json(client, "/api/v1/steunpunten?voor=jongeren&swv=PO2707")
    assert "geen-jongeren" not in {s["slug"] for s in ouders["resultaten"]}
    alle = get_json(client, "/api/v1/steunpunten?swv=po2707")
    assert "geen-jongeren" in {s["slug"] for s in alle["resultaten"]}
    vo = get_json(client, "/api/v1/steunpunten?sector=VO")
    assert all(s["voor_vo"] for s in vo["resultaten"])
    data = get_json(client, "/api/v1/steunpunten?sector=MBO", status=400)
    assert data["fout"]


@pytest.mark.realdata
def test_samenwerkingsverbanden_list(client):
    data = get_json(client, "/api/v1/samenwerkingsverbanden")
    assert data["aantal"] == 150 and data["paginas"] == 3
    po = get_json(client, "/api/v1/samenwerkingsverbanden?sector=PO&provincie=noord-holland")
    assert po["aantal"] > 0 and all(s["code"].startswith("PO27") for s in po["resultaten"])
    covered = sum(
        s["heeft_steunpunt"]
        for pagina in (1, 2, 3)
        for s in get_json(client, f"/api/v1/samenwerkingsverbanden?pagina={pagina}")["resultaten"]
    )
    assert covered == overview().alle.met_steunpunt
    get_json(client, "/api/v1/samenwerkingsverbanden?provincie=atlantis", status=400)


def test_api_docs_page(client):
    # <wbr> lets the long paths wrap at a slash on a phone.
    html = client.get("/api/").content.decode().replace("<wbr>", "")
    assert "/api/v1/zoeken" in html and "/api/v1/steunpunten" in html
    assert "/api/v1/samenwerkingsverbanden" in html


@pytest.mark.realdata
def test_api_gives_the_swvs_of_the_law_for_300_pc4(client):
    with REGIO_CSV.open(encoding="utf-8") as handle:
        rows = [
            row for row in csv.DictReader(handle, delimiter=";") if row["swv_po"] != "Europoort"
        ]
    sample = random.Random(2015).sample(rows, 300)
    for row in sample:
        data = get_json(client, f"/api/v1/zoeken?q={row['pc4']}")
        swvs = data["samenwerkingsverbanden"]
        assert swvs["po"]["code"] == row["swv_po"], row
        assert swvs["vo"]["code"] == row["swv_vo"], row
        assert data["benadering"] is False
