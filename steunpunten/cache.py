"""Caching of public data, keyed by the data version so that an edit shows on the next request.

Every service that writes public data (the edit service, imports, the demo data, peilingen, a
restore) ends in `transaction.on_commit(bump_version)`: once the change is committed, the number
in the single `Gegevensversie` row moves on. Each request reads that number (one query, at most
once per request) and puts it in every cache key. So a worker that still holds an answer from
before the edit never finds it again: the key has moved on. This holds for any number of
processes and servers, with the per-process memory cache (the default) as with a shared cache such as Redis (DJANGO_CACHE_URL, see settings and .env.example).

The same row holds a second number, the place version: it moves only when places, gemeenten,
postcode areas or schools change. The big in-memory indexes of each worker (place names, postcode
areas, schools: zoeken/index.py, zoeken/search.py, zoeken/suggesties.py) depend on those alone
and are built per place version, so an edit of a steunpunt, an SWV or a peiling
(`bump_data_version`) costs no worker a rebuild of them. `bump_version` moves both: a write that
does not say otherwise is taken to touch places too, so a forgotten case costs speed, never a
stale answer.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import pybreaker
from django.core.cache import cache as default_cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import BigIntegerField, F, Value
from django.db.models.functions import Greatest

from .indexen import served_from_old_index
from .models import Gegevensversie

logger = logging.getLogger(__name__)

# Old versions are never read again; they only have to expire. One hour keeps memory small.
TIMEOUT_SECONDS = 60 * 60
# Raise when the shape of cached values changes, so a shared cache never hands old shapes out.
FORMAAT = 1
_REQUEST_ATTRIBUTE = "_vindplek_gegevensversie"
# After a failed cache call this process leaves the cache alone for a while: a cache that is
# down or hangs then costs one short timeout (settings: socket timeouts), not one per call.
RUST_NA_STORING_SECONDEN = 30


class _LogFailure(pybreaker.CircuitBreakerListener):
    def failure(self, breaker, exception) -> None:
        logger.warning(
            "Cache faalt: %s (cache %d s overgeslagen)",
            type(exception).__name__,
            RUST_NA_STORING_SECONDEN,
            exc_info=exception,
        )


# One failure opens it; after the rest, one trial call decides whether the cache is back.
breaker = pybreaker.CircuitBreaker(
    fail_max=1, reset_timeout=RUST_NA_STORING_SECONDEN, listeners=[_LogFailure()], name="cache"
)


def versions(request=None) -> tuple[int, int]:
    """(data version, place version) now: one query, remembered on the request when given."""
    if request is not None and hasattr(request, _REQUEST_ATTRIBUTE):
        return getattr(request, _REQUEST_ATTRIBUTE)
    row = Gegevensversie.objects.order_by("pk").values_list("versie", "plaatsversie").first()
    found = row or (0, 0)
    if request is not None:
        setattr(request, _REQUEST_ATTRIBUTE, found)
    return found


def current_version(request=None) -> int:
    """The data version now (see versions())."""
    return versions(request)[0]


def place_version(request=None) -> int:
    """The place version now: what the place, postcode-area and school indexes depend on."""
    return versions(request)[1]


def bump_version(using: str = DEFAULT_DB_ALIAS, *, past: int = 0, plaatsen: bool = True) -> None:
    """Move the data version past every number used before; writes call it on commit.

    Every write of public data ends in `transaction.on_commit(bump_version)`: the number moves
    only once the new data is there for every reader. It becomes the clock (microseconds since
    1970) or one more than it was, whichever is higher, so it never goes back: not after a
    restore (which passes the number it had before as `past`), nor for another database that
    shares the cache. The place version moves the same way unless `plaatsen` is False
    (`bump_data_version`: a write that leaves places, gemeenten, postcode areas and schools).
    """
    floor = Value(max(past, time.time_ns() // 1000) + 1, BigIntegerField())
    fields = {"versie": Greatest(F("versie") + 1, floor)}
    if plaatsen:
        fields["plaatsversie"] = Greatest(F("plaatsversie") + 1, floor)
    rows = Gegevensversie.objects.using(using)
    if not rows.update(**fields):
        rows.create(versie=floor.value, plaatsversie=floor.value)


# What a write of steunpunten, SWVs, peilingen or reports about them commits with:
# `transaction.on_commit(bump_data_version)`. The place indexes stay as they are.
bump_data_version = partial(bump_version, plaatsen=False)


def stored_version(*, using: str = DEFAULT_DB_ALIAS) -> int:
    """The data version in the database, 0 when it has none (or not even the table yet)."""
    if Gegevensversie._meta.db_table not in connections[using].introspection.table_names():
        return 0
    rows = Gegevensversie.objects.using(using).values_list("versie", flat=True)
    return max(rows, default=0)


def make_key(namespace: str, key: str, versie: int) -> str:
    """A short cache key, safe for every backend, that includes the data version."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"vindplek:{namespace}:f{FORMAAT}:v{versie}:{digest}"


def get_or_compute(
    namespace: str, key: str, compute: Callable[[], Any], *, request=None, cache=None
) -> Any:
    """The cached value for this key at the current data version, computed on a miss."""
    cache_key = make_key(namespace, key, current_version(request))
    value = read(cache_key, cache)
    if value is None:
        value = compute()
        write(cache_key, value, cache)
    return value


def read(cache_key: str, cache=None) -> Any:
    """The cached value, or None: an unreadable entry (or a cache that is down) is a miss."""
    try:
        return breaker.call((cache or default_cache).get, cache_key)
    except Exception:  # logged by the breaker; pybreaker.CircuitBreakerError while it rests
        return None


def write(cache_key: str, value: Any, cache=None) -> None:
    """Store the value for TIMEOUT_SECONDS; a cache that is down only costs speed.

    Nothing is stored by a request that was served from an index older than its data version
    (indexen.py): its value would be kept under the new version's key."""
    if served_from_old_index():
        return
    try:
        breaker.call((cache or default_cache).set, cache_key, value, TIMEOUT_SECONDS)
    except Exception:  # as in read()
        return


def cache_state(cache=None) -> str:
    """ "ok", or why the cache is not usable now: one round trip past the breaker (/healthz)."""
    probe = "vindplek:healthz"
    try:
        (cache or default_cache).set(probe, 1, 10)
        if (cache or default_cache).get(probe) != 1:
            return "leest niet terug"
    except Exception as error:
        breaker.open()
        return f"onbereikbaar ({type(error).__name__})"
    breaker.close()  # it answers again: use it at once
    return "ok"
