"""In-process timings of the school search (issue 12): run by bench/scholen.py in an environment
with production settings and a scratch SQLite file holding the shipped data. Nothing is cached
between the timed calls except the name index itself, which is built once per data version.
Prints one JSON object on the last line of its output.
"""

import json
import statistics
import time

import django

django.setup()

from steunpunten import cache  # noqa: E402
from steunpunten.indexen import forget_indexes  # noqa: E402
from steunpunten.models import School  # noqa: E402
from zoeken import school_search, search, suggesties  # noqa: E402

FULL_ANSWER_EVERY = 8  # full answers (with the database) for every 8th school


def percentiles(times_ms: list[float]) -> dict:
    ordered = sorted(times_ms)
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 3),
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1], 3),
        "max_ms": round(ordered[-1], 3),
    }


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    rows = list(School.objects.order_by("vestigingscode").values_list("naam", "plaats"))
    forget_indexes()
    build_ms = timed(lambda: school_search.school_index(aliases=search.school_aliases()))
    index = school_search.school_index(aliases=search.school_aliases())
    queries = [f"{naam} {plaats}" if n % 2 else naam for n, (naam, plaats) in enumerate(rows)]
    find = [timed(lambda q=q: index.find(q)) for q in queries]
    # The whole answer, as /zoeken/ computes it on a cache miss: parse, find, the school's SWVs
    # and steunpunten from the database, steunpunten nearby.
    full = [
        timed(lambda q=q: search.resolve(search.parse_query(q)))
        for q in queries[::FULL_ANSWER_EVERY]
    ]
    prefixes = prefix_list()
    suggest = [timed(lambda p=p: suggesties._compute(p, None)) for p in prefixes]
    print(
        json.dumps(
            {
                "scholen": len(rows),
                "versie": cache.current_version(),
                "index_build_ms": round(build_ms, 1),
                "find": percentiles(find),
                "full_answer": percentiles(full),
                "suggest": percentiles(suggest),
                "prefixes": len(prefixes),
                "prefix_list": prefixes,
            }
        )
    )


def prefix_list(count: int = 1000) -> list[str]:
    """1,000 different prefixes of 2 to 8 characters from school and place names."""
    words = sorted(
        {
            word[:length]
            for naam, plaats in School.objects.values_list("naam", "plaats")
            for word in suggesties.normalise_name(f"{naam} {plaats}").split()
            for length in (2, 3, 5, 8)
            if len(word) >= length
        }
    )
    step = max(1, len(words) // count)
    return words[::step][:count]


if __name__ == "__main__":
    main()
