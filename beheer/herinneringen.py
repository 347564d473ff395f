"""Reminders for SWV staff: the steunpunten they have not checked for six months."""

import datetime

from django.contrib.auth import get_user_model

from steunpunten.freshness import stale
from steunpunten.permissions import editable_steunpunten, is_swv_medewerker


def reminders(today: datetime.date | None = None) -> list[tuple]:
    """(user, stale steunpunten) for each active SWV staff member with stale entries."""
    result = []
    users = (
        get_user_model().objects.filter(is_active=True, medewerker__isnull=False).exclude(email="")
    )
    for user in users.order_by("email"):
        if not is_swv_medewerker(user):
            continue
        entries = list(stale(editable_steunpunten(user), today).order_by("naam"))
        if entries:
            result.append((user, entries))
    return result
