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


def max_per_steunpunt() -> int:
    return int(getattr(settings, "VINDPLEK_MELDINGEN_PER_STEUNPUNT_PER_UUR", 10))


def current_window() -> int:
    """The number of the current hour since the epoch."""
    return int(time.time()) // LIMIET_VENSTER_SECONDEN


def seconds_left() -> int:
    """Seconds until the current hour's counts end (for Retry-After)."""
    return LIMIET_VENSTER_SECONDEN - int(time.time()) % LIMIET_VENSTER_SECONDEN


def _limit_key(request: HttpRequest) -> str:
    group = client_group(client_ip(request))
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{group}".encode()).hexdigest()
    return f"melding:{digest[:32]}:{current_window()}"


def _steunpunt_key(steunpunt: Steunpunt) -> str:
    return f"melding:steunpunt:{steunpunt.pk}:{current_window()}"


def limit_reached(request: HttpRequest) -> bool:
    """True when this client already sent the maximum number of reports this hour."""
    return caches[LIMIET_CACHE].get(f"{_limit_key(request)}:{max_per_hour()}") is not None


def steunpunt_limit_reached(steunpunt: Steunpunt) -> bool:
    """True when this steunpunt already had the maximum number of reports this hour."""
    key = f"{_steunpunt_key(steunpunt)}:{max_per_steunpunt()}"
    return caches[LIMIET_CACHE].get(key) is not None


def _take_slot(key: str, limit: int) -> bool:
    """Take one numbered slot of `key` with the cache's `add`; False when all are taken.

    Only one request can win each slot (a primary key in the database cache, SET NX in Redis),
    so parallel requests on any number of workers never let more through than the limit. A
    read-then-write counter could.
    """
    # Kept past the end of its hour; the key of the next hour is another one anyway.
    timeout = 2 * LIMIET_VENSTER_SECONDEN
    cache = caches[LIMIET_CACHE]
    return any(cache.add(f"{key}:{slot}", 1, timeout) for slot in range(1, limit + 1))


def take_report_slot(request: HttpRequest) -> bool:
    """Count one report for this client, atomically; False when the hour's reports are used up."""
    return _take_slot(_limit_key(request), max_per_hour())


def take_steunpunt_slot(steunpunt: Steunpunt) -> bool:
    """Count one report about this steunpunt, atomically; False when its hour is full.

    Many clients together (a flood from many addresses) cannot bury a steunpunt's staff under
    reports: after VINDPLEK_MELDINGEN_PER_STEUNPUNT_PER_UUR the form asks to try again later.
    """
    return _take_slot(_steunpunt_key(steunpunt), max_per_steunpunt())


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
