"""One message per search outcome: the results page, the wegwijzer and the API say the same."""

import pytest
from django.utils.html import escape

from zoeken import search
from zoeken.antwoord import MELDINGEN, Uitkomst

pytestmark = pytest.mark.django_db

# A postcode or name for every outcome that has a message of its own.
VOORBEELDEN = {
    Uitkomst.ONBEKEND: "1010",
    Uitkomst.POSTBUS: "2500",
    Uitkomst.PLAATS_ONBEKEND: "Zzqxwv",
    Uitkomst.GEEN_SWV: "3198",
}


def test_every_outcome_without_a_region_has_one_message():
    for uitkomst, vraag in VOORBEELDEN.items():
        antwoord = search.answer(vraag)
        assert antwoord.uitkomst == uitkomst, vraag
        assert antwoord.melding == str(MELDINGEN[uitkomst]) % {
            "pc4": antwoord.pc4,
            "postcode": antwoord.postcode,
            "zoekterm": antwoord.zoekterm,
        }
    assert search.answer("1011 AB").melding == ""


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize(
    "uitkomst", [Uitkomst.ONBEKEND, Uitkomst.POSTBUS, Uitkomst.PLAATS_ONBEKEND]
)
def test_the_page_says_what_the_api_says(client, prefix, uitkomst):
    vraag = VOORBEELDEN[uitkomst]
    api = client.get(f"{prefix}/api/v1/zoeken", {"q": vraag})
    assert api.status_code == 404
    fout = api.json()["fout"]
    page = client.get(f"{prefix}/zoeken/", {"q": vraag})
    assert page.status_code == 404
    assert f"<p>{escape(fout)}</p>" in page.content.decode()


def test_europoort_reads_the_same_on_the_page_the_wegwijzer_and_in_the_api(client):
    melding = search.answer("3198").melding
    assert "Europoort" in melding
    assert escape(melding) in client.get("/zoeken/", {"q": "3198"}).content.decode()
    assert escape(melding) in client.get("/wegwijzer/", {"postcode": "3198"}).content.decode()
    assert client.get("/api/v1/zoeken", {"q": "3198"}).json()["toelichting"] == melding


def test_the_wegwijzer_calls_a_postbus_postcode_a_postbus_postcode(client):
    html = client.get("/wegwijzer/", {"postcode": "2500"}).content.decode()
    assert escape(search.answer("2500").melding) in html
    assert "We kennen deze postcode niet" not in html


def test_an_approximated_postcode_is_explained_alike_everywhere(client):
    antwoord = search.answer("5352")
    zin = antwoord.benadering_zin
    assert antwoord.benadering and "regio-indeling" in zin
    assert escape(zin) in client.get("/zoeken/", {"q": "5352"}).content.decode()
    assert escape(zin) in client.get("/wegwijzer/", {"postcode": "5352"}).content.decode()
    assert client.get("/api/v1/zoeken", {"q": "5352"}).json()["toelichting"] == zin
