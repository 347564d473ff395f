"""Per-client limits counted per clock hour in the "limieten" cache (a database table).

Used by the "Klopt er iets niet?" reports and by the wrong codes of "Voelde u zich gesteund?".
A client is a hash of its IP address, or of its /64 network for IPv6 (clients.py), never the
address itself. The cache is a database table, so a limit holds across app servers on SQLite and
PostgreSQL. It counts per clock hour (a fixed window): the hour's number is part of the key, so
a count never outlives its hour, whatever the cache does with expiry times.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

from .clients import client_group, client_ip

LIMIET_CACHE = "limieten"
LIMIET_VENSTER_SECONDEN = 60 * 60


def current_window() -> int:
    """The number of the current hour since the epoch."""
    return int(time.time()) // LIMIET_VENSTER_SECONDEN


def seconds_left() -> int:
    """Seconds until the current hour's counts end (for Retry-After)."""
    return LIMIET_VENSTER_SECONDEN - int(time.time()) % LIMIET_VENSTER_SECONDEN


def client_key(request: HttpRequest, soort: str) -> str:
    """The key of this client's count of `soort` in the current hour (a hash, never the IP)."""
    group = client_group(client_ip(request))
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{group}".encode()).hexdigest()
    return f"{soort}:{digest[:32]}:{current_window()}"


def limit_reached(key: str, limit: int) -> bool:
    """True when every one of the `limit` slots of `key` is taken."""
    return caches[LIMIET_CACHE].get(f"{key}:{limit}") is not None


def take_slot(key: str, limit: int) -> bool:
    """Take one numbered slot of `key` with the cache's `add`; False when all are taken.

    Only one request can win each slot (a primary key in the database cache, SET NX in Redis),
    so parallel requests on any number of workers never let more through than the limit. A
    read-then-write counter could.
    """
    # Kept past the end of its hour; the key of the next hour is another one anyway.
    timeout = 2 * LIMIET_VENSTER_SECONDEN
    cache = caches[LIMIET_CACHE]
    return any(cache.add(f"{key}:{slot}", 1, timeout) for slot in range(1, limit + 1))
