"""Reports from visitors that a steunpunt's information is wrong ("Klopt er iets niet?").

A report is stored, mailed to the staff of the steunpunt's SWVs and shown to them in the admin.
A client may send VINDPLEK_MELDINGEN_PER_UUR reports an hour, and a steunpunt receives at most
VINDPLEK_MELDINGEN_PER_STEUNPUNT_PER_UUR from all clients together (steunpunten/limieten.py).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunten import limieten
from steunpunten.models import Melding, Steunpunt

logger = logging.getLogger(__name__)

MAX_TEKST = 2000


def max_per_hour() -> int:
    return int(getattr(settings, "VINDPLEK_MELDINGEN_PER_UUR", 5))


def max_per_steunpunt() -> int:
    return int(getattr(settings, "VINDPLEK_MELDINGEN_PER_STEUNPUNT_PER_UUR", 10))


def _steunpunt_key(steunpunt: Steunpunt) -> str:
    return f"melding:steunpunt:{steunpunt.pk}:{limieten.current_window()}"


def limit_reached(request: HttpRequest) -> bool:
    """True when this client already sent the maximum number of reports this hour."""
    return limieten.limit_reached(limieten.client_key(request, "melding"), max_per_hour())


def steunpunt_limit_reached(steunpunt: Steunpunt) -> bool:
    """True when this steunpunt already had the maximum number of reports this hour."""
    return limieten.limit_reached(_steunpunt_key(steunpunt), max_per_steunpunt())


def take_report_slot(request: HttpRequest) -> bool:
    """Count one report for this client, atomically; False when the hour's reports are used up."""
    return limieten.take_slot(limieten.client_key(request, "melding"), max_per_hour())


def take_steunpunt_slot(steunpunt: Steunpunt) -> bool:
    """Count one report about this steunpunt, atomically; False when its hour is full.

    Many clients together (a flood from many addresses) cannot bury a steunpunt's staff under
    reports: after VINDPLEK_MELDINGEN_PER_STEUNPUNT_PER_UUR the form asks to try again later.
    """
    return limieten.take_slot(_steunpunt_key(steunpunt), max_per_steunpunt())


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
