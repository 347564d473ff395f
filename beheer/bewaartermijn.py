"""How long data is kept: reports and a steunpunt's records go after the periods that the
privacy statement and docs/privacy.md name."""

import datetime

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.utils import timezone

from steunpunten.limieten import LIMIET_CACHE
from steunpunten.models import (
    Contactregistratie,
    Ervaring,
    ErvaringCode,
    Maandtotaal,
    Melding,
    Signaal,
)


def bewaardagen() -> int:
    return int(getattr(settings, "VINDPLEK_MELDINGEN_BEWAARDAGEN", 180))


def meldingen_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete reports (text and e-mail address) older than the retention period; return how many."""
    grens = (now or timezone.now()) - datetime.timedelta(days=bewaardagen())
    deleted, _ = Melding.objects.filter(aangemaakt__lt=grens).delete()
    return deleted


# A steunpunt's records (contacts, monthly totals, signals, and the answers to "Voelde u zich
# gesteund?") are kept five years (docs/privacy.md).
REGISTRATIE_BEWAARJAREN = 5


def registratie_grens(today: datetime.date) -> datetime.date:
    """The first month still kept: records of earlier months are deleted."""
    return today.replace(year=today.year - REGISTRATIE_BEWAARJAREN, month=today.month, day=1)


def registraties_purge(*, today: datetime.date | None = None) -> int:
    """Delete contacts, monthly totals, signals and feedback answers older than five years;
    return how many."""
    grens = registratie_grens(today or timezone.localdate())
    deleted = 0
    for queryset in (
        Contactregistratie.objects.filter(maand__lt=grens),
        Maandtotaal.objects.filter(maand__lt=grens),
        Signaal.objects.filter(kwartaal__lt=grens),
        Ervaring.objects.filter(maand__lt=grens),
    ):
        deleted += queryset.delete()[0]
    return deleted


def ervaringscodes_purge(*, today: datetime.date | None = None) -> int:
    """Delete feedback codes after their last day (60 days), used or not; return how many.

    Only their hashes were stored; after this not even those remain.
    """
    grens = today or timezone.localdate()
    deleted, _ = ErvaringCode.objects.filter(geldig_tot__lt=grens).delete()
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
