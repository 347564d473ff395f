"""Freshness of the listings: entries nobody checked for six months are "mogelijk verouderd"."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

# Entries whose data nobody checked for this long show "mogelijk verouderd".
STALE_AFTER = datetime.timedelta(days=183)


def stale_before(today: datetime.date | None = None) -> datetime.date:
    """The date before which a check counts as too old."""
    return (today or timezone.localdate()) - STALE_AFTER


def is_stale(gecontroleerd_op: datetime.date | None, today: datetime.date | None = None) -> bool:
    """True when the entry was never checked or not in the last six months."""
    return gecontroleerd_op is None or gecontroleerd_op < stale_before(today)


def stale_q(today: datetime.date | None = None) -> Q:
    """The same rule as a query condition on Steunpunt."""
    return Q(gecontroleerd_op__isnull=True) | Q(gecontroleerd_op__lt=stale_before(today))


def stale(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """The stale entries of a Steunpunt queryset."""
    return queryset.filter(stale_q(today))
