"""The cache of search answers: one small entry per PC4 or place, only for real answers.

And an answer that is not cached yet costs at most six queries, with one steunpunt or fifty
(four, and since issue 25 the opening slots and the closures of all steunpunten, one each).
"""

import itertools
import random

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from steunpunten.models import Postcodegebied, Samenwerkingsverband, Steunpunt
from tests.eigenschappen import examples
from zoeken import search
from zoeken.index import forget_index

pytestmark = pytest.mark.django_db

LETTERS = [a + b for a, b in itertools.product("ABCEFGHJKLMNPRTUVWXYZ", repeat=2)]


def entries() -> int:
    return len(cache._cache)  # the per-process memory cache of the tests (LocMemCache)


def spellings(pc4: str, letters: str) -> list[str]:
    return [
        f"{pc4} {letters}",
        f"{pc4}{letters.lower()}",
        f" {pc4}  {letters} ",
        f"{pc4}-{letters}",
    ]


@examples(5000, quick=500)
def test_five_thousand_spellings_of_postcodes_make_one_entry_per_pc4(examples):
    rng = random.Random(4)
    pc4s = list(Postcodegebied.objects.filter(in_regio_indeling=True).values_list("pc4", flat=True))
    chosen = rng.sample(pc4s, 60)
    asked = set()
    while len(asked) < examples:
        asked.add(rng.choice(spellings(rng.choice(chosen), rng.choice(LETTERS))))
    before = entries()
    for text in asked:
        try:
            antwoord = search.answer(text)
        except search.ZoekvraagError:
            continue  # e.g. "1234-AB" if a spelling is refused: no entry either
        assert antwoord.pc4 in chosen
    assert entries() - before <= len(chosen)


def test_the_page_adds_no_entry_of_its_own(client):
    before = entries()
    for letters in LETTERS[:30]:
        assert client.get(f"/zoeken/?q=3511+{letters}").status_code == 200
    assert entries() - before == 1


@pytest.mark.parametrize(
    "text", ["1000", "1000 AA", "Nergenshuizen", "Xyzzyplaats", "qqqqqqq", "Zzzz aan de Zee"]
)
def test_unknown_input_is_never_cached(client, text):
    before = entries()
    response = client.get("/zoeken/", {"q": text})
    assert response.status_code == 404
    assert client.get("/api/v1/zoeken", {"q": text}).status_code == 404
    assert entries() == before


def test_bad_input_is_never_cached(client):
    before = entries()
    for text in ("0123", "1234 SS", "x" * (search.MAX_QUERY_LENGTH + 1), "!!!"):
        assert client.get("/zoeken/", {"q": text}).status_code == 400
    assert entries() == before


def test_an_entry_is_small():
    before = set(cache._cache)
    search.answer("1011 AB")
    (key,) = set(cache._cache) - before
    assert len(cache._cache[key]) < 12_000  # LocMemCache keeps the pickled answer


def add_steunpunten(count: int, pc4: str = "1011") -> int:
    """`count` more published steunpunten serving the SWVs of the PC4; the total serving them."""
    area = Postcodegebied.objects.get(pc4=pc4)
    swvs = list(Samenwerkingsverband.objects.filter(pk__in=[area.swv_po_id, area.swv_vo_id]))
    for n in range(count):
        steunpunt = Steunpunt.objects.create(
            naam=f"Extra steunpunt {n}",
            slug=f"extra-{n}",
            status="actief",
            gepubliceerd=True,
            lat=area.lat,
            lon=area.lon,
        )
        steunpunt.samenwerkingsverbanden.set(swvs)
    return Steunpunt.objects.published().filter(samenwerkingsverbanden__in=swvs).distinct().count()


def cold_queries(text: str) -> tuple[int, object]:
    cache.clear()
    forget_index()
    with CaptureQueriesContext(connection) as queries:
        antwoord = search.answer(text)
    return len(queries), antwoord


@pytest.mark.parametrize("text", ["1011 AB", "3511", "9711"])
def test_a_cold_answer_costs_at_most_six_queries_for_one_or_fifty_steunpunten(text):
    few, antwoord = cold_queries(text)
    assert few <= 6
    assert add_steunpunten(50, pc4=text[:4]) >= 50
    many, antwoord = cold_queries(text)
    assert many == few
    assert len({s.pk for swv in antwoord.sectoren for s in swv.steunpunten}) >= 50


def test_a_warm_answer_costs_only_the_data_version():
    search.answer("1011 AB")
    with CaptureQueriesContext(connection) as queries:
        search.answer("1011 XY")
    assert len(queries) == 1


def test_a_new_postcode_costs_only_the_data_version_once_the_index_is_built():
    search.answer("1011 AB")  # builds the index: postcode areas, SWVs and steunpunten
    with CaptureQueriesContext(connection) as queries:
        antwoord = search.answer("9711 AB")  # another PC4, not in the answer cache yet
    assert len(queries) == 1
    assert antwoord.gevonden and antwoord.gemeente == "Groningen" and antwoord.plaats


def test_a_cold_results_page_stays_within_seven_queries_beyond_the_version(client):
    cache.clear()
    forget_index()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/zoeken/?q=1011+AB").status_code == 200
    # The answer's six, and the slot edges that bound the page's ETag (once per data version).
    assert len(queries) <= 7
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/zoeken/?q=1011+XY").status_code == 200
    assert len(queries) == 1
