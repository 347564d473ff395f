"""Reports from visitors that a steunpunt's information is wrong ("Klopt er iets niet?").

A report is stored, mailed to the staff of the steunpunt's SWVs and shown to them in the admin.
A per-client limit (on a hash of the IP address, or of its /64 network for IPv6, never the
address itself) lives in the "limieten" cache, a database table, so it holds across app servers
on SQLite and PostgreSQL. It counts per clock hour (a fixed window): the hour's number is part of
the key, so a count never outlives its hour, whatever the cache does with expiry times.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.mail import send_mail
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunten.clients import client_group, client_ip
from steunpunten.models import Melding, Steunpunt

logger = logging.getLogger(__name__)

MAX_TEKST = 2000
LIMIET_CACHE = "limieten"
LIMIET_VENSTER_SECONDEN = 60 * 60


def max_per_hour() -> int:
    return int(getattr(settings, "VINDPLEK_MELDINGEN_PER_UUR", 5))


def current_window() -> int:
    """The number of the current hour since the epoch."""
    return int(time.time()) // LIMIET_VENSTER_SECONDEN


def _limit_key(request: HttpRequest) -> str:
    group = client_group(client_ip(request))
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{group}".encode()).hexdigest()
    return f"melding:{digest[:32]}:{current_window()}"


def limit_reached(request: HttpRequest) -> bool:
    """True when this client already sent the maximum number of reports this hour."""
    return caches[LIMIET_CACHE].get(f"{_limit_key(request)}:{max_per_hour()}") is not None


def take_report_slot(request: HttpRequest) -> bool:
    """Count one report for this client, atomically; False when the hour's reports are used up.

    Each report takes a numbered slot with the cache's `add`, which only one request can win
    (a primary key in the database cache, SET NX in Redis), so parallel requests on any number
    of workers never let more through than the limit. A read-then-write counter could.
    """
    cache, key = caches[LIMIET_CACHE], _limit_key(request)
    # Kept past the end of its hour; the key of the next hour is another one anyway.
    timeout = 2 * LIMIET_VENSTER_SECONDEN
    return any(cache.add(f"{key}:{slot}", 1, timeout) for slot in range(1, max_per_hour() + 1))


def staff_emails(steunpunt: Steunpunt) -> list[str]:
    """The e-mail addresses of the active staff of the SWVs this steunpunt serves."""
    users = get_user_model().objects.filter(
        is_active=True,
        medewerker__samenwerkingsverbanden__in=steunpunt.samenwerkingsverbanden.all(),
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})


def create_melding(*, steunpunt: Steunpunt, tekst: str, email: str = "") -> Melding:
    """Store a report and mail it to the steunpunt's SWV staff."""
    melding = Melding.objects.create(steunpunt=steunpunt, tekst=tekst.strip(), email=email.strip())
    notify_staff(melding)
    return melding


def notify_staff(melding: Melding) -> int:
    """Mail the report to the SWV staff; a mail failure is logged, never shown to the visitor."""
    recipients = staff_emails(melding.steunpunt)
    if not recipients:
        logger.info("Melding %s: geen medewerkers met e-mailadres", melding.pk)
        return 0
    subject = _("Melding over %(naam)s op Vindplek") % {"naam": melding.steunpunt.naam}
    body = _(
        "Een bezoeker meldt dat er iets niet klopt bij %(naam)s.\n\n%(tekst)s\n\n"
        "E-mailadres voor een antwoord: %(email)s\n\n"
        "U vindt de melding in het beheer van Vindplek onder Meldingen."
    ) % {"naam": melding.steunpunt.naam, "tekst": melding.tekst, "email": melding.email or "-"}
    try:
        return send_mail(subject, body, None, recipients)
    except Exception:  # the report is stored; a broken mail server must not lose it
        logger.exception("Melding %s kon niet worden gemaild", melding.pk)
        return 0


def mark_handled(queryset, user) -> int:
    """Mark the open reports in the queryset handled by this user; returns how many."""
    return queryset.filter(afgehandeld=False).update(
        afgehandeld=True, afgehandeld_op=timezone.now(), afgehandeld_door=user
    )
