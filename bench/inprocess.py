"""Benchmarks that run inside Django: nearest search vs a full scan, and query counts.

Run by bench/run.py in an environment with production settings and a scratch SQLite file that
holds the shipped data. Prints one JSON object on the last line of its output.
"""

import json
import random
import time

import django

django.setup()

from django.core.cache import caches  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from steunpunten.geo import NL_BBOX, find_nearby, rank  # noqa: E402
from steunpunten.models import Postcodegebied, Samenwerkingsverband, Steunpunt  # noqa: E402
from zoeken.index import forget_index  # noqa: E402

POINTS = 200
SIZES = (1_000, 10_000)
SEED = 20231128


def synthetic_steunpunten(count: int, start: int, rng: random.Random) -> None:
    """Published, active steunpunten at random places inside the Netherlands' bounding box."""
    Steunpunt.objects.bulk_create(
        [
            Steunpunt(
                naam=f"Synthetisch steunpunt {n}",
                slug=f"bench-{n}",
                status="actief",
                gepubliceerd=True,
                lat=rng.uniform(NL_BBOX.min_lat, NL_BBOX.max_lat),
                lon=rng.uniform(NL_BBOX.min_lon, NL_BBOX.max_lon),
            )
            for n in range(start, start + count)
        ],
        batch_size=1000,
    )


def nearest_naive(queryset, lat: float, lon: float, limit: int = 5) -> list:
    """The comparison: the geodesic distance to every row (only here, in the benchmark)."""
    rows = queryset.filter(lat__isnull=False, lon__isnull=False).values_list("pk", "lat", "lon")
    return rank(rows, lat, lon)[:limit]


def time_calls(function, points, where) -> tuple[float, list]:
    answers = []
    started = time.perf_counter()
    for lat, lon in points:
        answers.append(function(where, lat, lon, 5))
    return time.perf_counter() - started, answers


def nearest_search() -> list[dict]:
    """geo.find_nearby (in memory, as the search uses it on its index) against the naive full
    scan in SQL, on the same 200 random points, per listing size."""
    rng = random.Random(SEED)
    points = [
        (
            rng.uniform(NL_BBOX.min_lat, NL_BBOX.max_lat),
            rng.uniform(NL_BBOX.min_lon, NL_BBOX.max_lon),
        )
        for _ in range(POINTS)
    ]
    rows, made = [], 0
    for size in SIZES:
        synthetic_steunpunten(size - made, made, rng)
        made = size
        queryset = Steunpunt.objects.filter(slug__startswith="bench-")
        assert queryset.count() == size
        in_memory = list(queryset.values_list("pk", "lat", "lon"))
        find_nearby(in_memory, *points[0], 5)  # warm up
        memory, memory_answers = time_calls(find_nearby, points, in_memory)
        naive, naive_answers = time_calls(nearest_naive, points, queryset)
        identical = sum(a == b for a, b in zip(memory_answers, naive_answers, strict=True))
        rows.append(
            {
                "steunpunten": size,
                "punten": POINTS,
                "geheugen_ms": 1000 * memory / POINTS,
                "naief_ms": 1000 * naive / POINTS,
                "versnelling": naive / memory,
                "identiek": identical,
            }
        )
    Steunpunt.objects.filter(slug__startswith="bench-").delete()
    return rows


def count_queries(client: Client, url: str) -> tuple[int, int]:
    """Queries of a cold request (answer cache and index emptied) and of a warm one: another
    spelling of the same PC4 next."""
    caches["default"].clear()
    forget_index()
    counts = []
    for asked in (url, url.replace("+AB", "+XY")):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(asked)
        assert response.status_code == 200, (asked, response.status_code)
        counts.append(len(queries))
    return counts[0], counts[1]


def query_counts() -> list[dict]:
    """The results page for 1011 AB with its one steunpunt, then with 50 serving its SWVs."""
    client = Client()
    url = "/zoeken/?q=1011+AB"
    area = Postcodegebied.objects.get(pc4="1011")
    swvs = [area.swv_po, area.swv_vo]
    own = Steunpunt.objects.published().filter(samenwerkingsverbanden__in=swvs).distinct().count()
    rows = [{"resultaten": own, "url": url, "koud_warm": count_queries(client, url)}]
    with transaction.atomic():
        extra = []
        for n in range(50 - own):
            steunpunt = Steunpunt.objects.create(
                naam=f"Extra steunpunt {n}",
                slug=f"bench-extra-{n}",
                status="actief",
                gepubliceerd=True,
                lat=area.lat,
                lon=area.lon,
            )
            steunpunt.samenwerkingsverbanden.set(
                Samenwerkingsverband.objects.filter(pk__in=[s.pk for s in swvs])
            )
            extra.append(steunpunt)
        total = (
            Steunpunt.objects.published().filter(samenwerkingsverbanden__in=swvs).distinct().count()
        )
        rows.append({"resultaten": total, "url": url, "koud_warm": count_queries(client, url)})
        transaction.set_rollback(True)
    return rows


if __name__ == "__main__":
    print(json.dumps({"nearest": nearest_search(), "queries": query_counts()}))
