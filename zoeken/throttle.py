"""A per-client rate limit for the API and the suggestions: VINDPLEK_API_PER_MINUUT, then 429.

Counted per client group (an IPv4 address or an IPv6 /64, steunpunten/clients.py) and clock
minute in the default cache: Redis, shared by every server, in production; memory per process
without it. The count is one atomic increment (Redis INCR; the memory cache increments under its
lock), not a read and a write, so parallel requests never let more through than the limit.
(The report form's numbered slots would cost a request one `add` per earlier request in its
minute: fine for five reports an hour, not for hundreds of API calls a minute.) A cache that is
down or resting (steunpunten/cache.py) limits nothing: the API stays open, only unguarded.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache as default_cache
from django.http import HttpRequest

from steunpunten.cache import breaker
from steunpunten.clients import client_group, client_ip

VENSTER_SECONDEN = 60


def per_minute() -> int:
    """Requests a client may make a minute; 0 switches the limit off."""
    return int(getattr(settings, "VINDPLEK_API_PER_MINUUT", 0) or 0)


def seconds_left() -> int:
    """Seconds until the current minute's counts end (for Retry-After)."""
    return VENSTER_SECONDEN - int(time.time()) % VENSTER_SECONDEN


def _key(request: HttpRequest) -> str:
    group = client_group(client_ip(request))
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{group}".encode()).hexdigest()[:32]
    return f"vindplek:api-limiet:{digest}:{int(time.time()) // VENSTER_SECONDEN}"


def allow(request: HttpRequest) -> bool:
    """Count this request for its client; False when the client's minute is used up."""
    limit = per_minute()
    if limit <= 0:
        return True
    key = _key(request)
    try:
        # Kept past its minute, so it cannot expire between add() and incr().
        breaker.call(default_cache.add, key, 0, 2 * VENSTER_SECONDEN)
        count = breaker.call(default_cache.incr, key)
    except Exception:  # logged by the breaker: a cache that is down limits nothing
        return True
    return count <= limit
