"""Staff sessions end after a while idle and after a maximum length, whatever happens in them.

Both limits come from the settings (VINDPLEK_SESSIE_INACTIEF_MINUTEN, VINDPLEK_SESSIE_MAX_UREN).
The session records when it started and when it was last used; the middleware in
beheer/middleware.py asks `session_expired` on every request that carries a session cookie.
"""

import time

from django.conf import settings

STARTED = "vindplek_sessie_begin"
LAST_USED = "vindplek_sessie_laatst"
# The last-used time is written at most once a minute, not on every request.
WRITE_INTERVAL_SECONDS = 60


def idle_seconds() -> int:
    return int(settings.VINDPLEK_SESSIE_INACTIEF_MINUTEN) * 60


def max_seconds() -> int:
    return int(settings.VINDPLEK_SESSIE_MAX_UREN) * 60 * 60


def session_expired(session, *, now: float | None = None) -> bool:
    """True when the session was idle too long or is older than the maximum."""
    now = time.time() if now is None else now
    started, last_used = session.get(STARTED), session.get(LAST_USED)
    if started is None or last_used is None:
        return False
    return now - last_used > idle_seconds() or now - started > max_seconds()


def session_touch(session, *, now: float | None = None) -> None:
    """Record use of the session now (its start on first use)."""
    now = time.time() if now is None else now
    session.setdefault(STARTED, now)
    if now - session.get(LAST_USED, 0) >= WRITE_INTERVAL_SECONDS:
        session[LAST_USED] = now
