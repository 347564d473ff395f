"""How long report data is kept: reports go after the period the privacy statement names."""

import datetime

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.utils import timezone

from steunpunten.limieten import LIMIET_CACHE
from steunpunten.models import Melding


def bewaardagen() -> int:
    return int(getattr(settings, "VINDPLEK_MELDINGEN_BEWAARDAGEN", 180))


def meldingen_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete reports (text and e-mail address) older than the retention period; return how many."""
    grens = (now or timezone.now()) - datetime.timedelta(days=bewaardagen())
    deleted, _ = Melding.objects.filter(aangemaakt__lt=grens).delete()
    return deleted


def limieten_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete expired rate-limit counters (hashed IP addresses) from the database cache table."""
    cache = caches[LIMIET_CACHE]
    if not isinstance(cache, DatabaseCache):
        return 0  # other backends forget expired keys themselves
    moment = (now or timezone.now()).replace(microsecond=0)
    table = connection.ops.quote_name(cache._table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE expires < %s",
            [connection.ops.adapt_datetimefield_value(moment)],
        )
        return cursor.rowcount
