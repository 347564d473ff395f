"""Caching of public data, keyed by the data version so that an edit shows on the next request.

Every save or delete of a Steunpunt, Samenwerkingsverband, Postcodegebied or Plaatsnaam, and
every change of a steunpunt's SWVs, raises the number in the single `Gegevensversie` row
(signals.py), in the same transaction as the edit, and once per transaction: an admin save that
writes the steunpunt, its SWVs and its history moves the number by one. Each request reads that number (one
primary-key query, at most once per request) and puts it in every cache key. So a worker that
still holds an answer from before the edit never finds it again: the key has moved on. This
holds for any number of processes and servers, with the per-process memory cache (the default)
as with a shared cache such as Redis (DJANGO_CACHE_URL, see settings and .env.example).
"""

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache as default_cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F

from .models import Gegevensversie

logger = logging.getLogger(__name__)

# Old versions are never read again; they only have to expire. One hour keeps memory small.
TIMEOUT_SECONDS = 60 * 60
# Raise when the shape of cached values changes, so a shared cache never hands old shapes out.
FORMAAT = 1
_REQUEST_ATTRIBUTE = "_vindplek_gegevensversie"
# After a failed cache call this process leaves the cache alone for a while: a cache that is
# down or hangs then costs one short timeout (settings: socket timeouts), not one per call.
RUST_NA_STORING_SECONDEN = 30.0
_storing = {"tot": 0.0, "fout": ""}
_storing_lock = threading.Lock()


def current_version(request=None) -> int:
    """The data version now: one query, remembered on the request when one is given."""
    if request is not None and hasattr(request, _REQUEST_ATTRIBUTE):
        return getattr(request, _REQUEST_ATTRIBUTE)
    versie = Gegevensversie.objects.order_by("pk").values_list("versie", flat=True).first() or 0
    if request is not None:
        setattr(request, _REQUEST_ATTRIBUTE, versie)
    return versie


def bump_version(using: str = DEFAULT_DB_ALIAS) -> None:
    """Raise the data version by one, creating the row when there is none yet."""
    if not Gegevensversie.objects.using(using).update(versie=F("versie") + 1):
        Gegevensversie.objects.using(using).create(versie=1)


def bump_version_once(using: str = DEFAULT_DB_ALIAS) -> None:
    """Raise the data version once per transaction; later changes in it ride along.

    Outside a transaction every change is its own transaction and bumps. Inside one, a marker
    on the transaction's commit hooks says it has bumped already; a rolled-back savepoint
    drops its marker together with its bump, so the next change bumps again.
    """
    connection = connections[using]
    scope = _transaction_scope(connection)
    if scope is None:
        bump_version(using)
        return
    hooks = (hook for _sids, hook, _robust in connection.run_on_commit)
    if any(getattr(hook, "_vindplek_scope", None) == scope for hook in hooks):
        return
    bump_version(using)

    def marker() -> None:
        """Nothing to do at commit: this only marks the transaction as bumped."""

    marker._vindplek_scope = scope
    transaction.on_commit(marker, using=using)


def _transaction_scope(connection) -> str | None:
    """The outermost transaction (or the test case's savepoint standing in for it), or None."""
    if not connection.in_atomic_block:
        return None
    blocks = connection.atomic_blocks
    # A test case wraps each test in atomic blocks of its own; what runs inside is the real one.
    wrappers = sum(1 for block in blocks if getattr(block, "_from_testcase", False))
    if wrappers == 0:
        return "transaction"
    if wrappers >= len(blocks):
        return None
    return connection.savepoint_ids[wrappers - 1]


def stored_version(*, using: str = "default") -> int:
    """The data version in the database, 0 when it has none (or not even the table yet)."""
    if Gegevensversie._meta.db_table not in connections[using].introspection.table_names():
        return 0
    rows = Gegevensversie.objects.using(using).values_list("versie", flat=True)
    return max(rows, default=0)


def move_version_past(before: int, *, using: str = "default") -> int:
    """After a restore: a data version above every number used before, never used itself.

    The restored number and every number up to `before` were in use, and cached answers for
    them hold other data. The clock (microseconds since 1970) also lies beyond the numbers of
    any earlier restore and of any other database that shares the cache.
    """
    versie = max(before, stored_version(using=using), time.time_ns() // 1000) + 1
    if not Gegevensversie.objects.using(using).update(versie=versie):
        Gegevensversie.objects.using(using).create(versie=versie)
    return versie


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
    if _resting():
        return None
    try:
        return (cache or default_cache).get(cache_key)
    except Exception as error:
        _failed(error, "Cache niet leesbaar voor %s", cache_key)
        return None


def write(cache_key: str, value: Any, cache=None) -> None:
    """Store the value for TIMEOUT_SECONDS; a cache that is down only costs speed."""
    if _resting():
        return
    try:
        (cache or default_cache).set(cache_key, value, TIMEOUT_SECONDS)
    except Exception as error:
        _failed(error, "Cache niet schrijfbaar voor %s", cache_key)


def cache_state(cache=None) -> str:
    """ "ok", or why the cache is not usable now: one guarded round trip (for /healthz)."""
    probe = "vindplek:healthz"
    try:
        (cache or default_cache).set(probe, 1, 10)
        if (cache or default_cache).get(probe) != 1:
            return "leest niet terug"
    except Exception as error:
        _failed(error, "Cache onbereikbaar bij de controle")
        return f"onbereikbaar ({type(error).__name__})"
    with _storing_lock:
        _storing["tot"] = 0.0  # it answers again: use it at once
    return "ok"


def _resting() -> bool:
    return time.monotonic() < _storing["tot"]


def _failed(error: Exception, message: str, *args) -> None:
    with _storing_lock:
        _storing["tot"] = time.monotonic() + RUST_NA_STORING_SECONDEN
        _storing["fout"] = type(error).__name__
    logger.warning(
        message + " (cache %d s overgeslagen)", *args, RUST_NA_STORING_SECONDEN, exc_info=True
    )


def forget_failures() -> None:
    """Use the cache again at once (after a test, or when it is known to be back)."""
    with _storing_lock:
        _storing["tot"] = 0.0
