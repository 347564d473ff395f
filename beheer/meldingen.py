"""Reports from visitors that a steunpunt's information is wrong ("Klopt er iets niet?").

A report is stored and shown to the staff of the steunpunt's SWVs in the admin. It is not mailed
from the request: `send_meldingen` (hourly, deploy/systemd/vindplek-meldingen.timer) mails each
staff member one list of the open reports that are new to them, so a burst of reports costs
each of them one mail an hour at most (send_new_reports below).
A client may send VINDPLEK_MELDINGEN_PER_UUR reports an hour, and a steunpunt receives at most
VINDPLEK_MELDINGEN_PER_STEUNPUNT_PER_UUR from all clients together (steunpunten/limieten.py).
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from steunpunten import limieten
from steunpunten.models import Melding, MeldingBericht, Steunpunt

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


def create_melding(*, steunpunt: Steunpunt, tekst: str, email: str = "") -> Melding:
    """Store a report; the staff hear of it in the next mail of send_meldingen."""
    return Melding.objects.create(steunpunt=steunpunt, tekst=tekst.strip(), email=email.strip())


# --- The mail of new reports (send_meldingen) --------------------------------------------------

# One line per report in the mail; the whole text is in the admin.
REGEL_TEKENS = 300


@dataclass(frozen=True)
class Verzending:
    """What one run of send_new_reports did."""

    mails: int = 0
    meldingen: int = 0
    mislukt: int = 0


def recipients():
    """The active SWV staff with an e-mail address: the people who get the mail of reports."""
    return (
        get_user_model()
        .objects.filter(is_active=True, medewerker__samenwerkingsverbanden__isnull=False)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def new_for(user) -> list[Melding]:
    """The open reports about a steunpunt of this user's SWVs that were not mailed to them yet.

    Only reports since the account exists: a new colleague starts with an empty list (the
    admin shows the older ones)."""
    swvs = user.medewerker.samenwerkingsverbanden.all()
    rows = (
        Melding.objects.filter(
            afgehandeld=False,
            aangemaakt__gte=user.date_joined,
            steunpunt__samenwerkingsverbanden__in=swvs,
        )
        .exclude(berichten__ontvanger=user)
        .select_related("steunpunt")
        .distinct()
        .order_by("aangemaakt", "pk")
    )
    return list(rows)


def melding_line(melding: Melding) -> str:
    """One line of the mail: when, which steunpunt, what the visitor wrote (shortened).

    The visitor's e-mail address stays in the admin; the line only says that there is one."""
    tekst = " ".join(melding.tekst.split())
    if len(tekst) > REGEL_TEKENS:
        tekst = tekst[: REGEL_TEKENS - 1].rstrip() + "…"
    moment = timezone.localtime(melding.aangemaakt)
    line = f"- {moment:%d-%m-%Y %H:%M}, {melding.steunpunt.naam}: {tekst}"
    if melding.email:
        line += " " + _("(de bezoeker wil een antwoord per e-mail)")
    return line


def digest_mail(meldingen: list[Melding]) -> tuple[str, str]:
    """Subject and body of one staff member's mail of new reports."""
    count = len(meldingen)
    subject = ngettext(
        "%(count)d nieuwe melding op Vindplek", "%(count)d nieuwe meldingen op Vindplek", count
    ) % {"count": count}
    link = settings.VINDPLEK_SITE_URL + reverse("admin:steunpunten_melding_changelist")
    body = _(
        "Bezoekers van Vindplek melden dat er iets niet klopt bij een steunpunt van uw "
        "samenwerkingsverband. Nieuw sinds de vorige mail:\n\n%(lijst)s\n\n"
        "De hele melding, en het e-mailadres als de bezoeker een antwoord wil, staan in het "
        "beheer van Vindplek onder Meldingen:\n%(link)s\n\n"
        "U krijgt deze mail hoogstens één keer per uur, en alleen als er iets nieuws is."
    ) % {"lijst": "\n".join(melding_line(m) for m in meldingen), "link": link}
    return subject, body


def send_new_reports() -> Verzending:
    """Mail every staff member the reports that are new to them, in one mail each.

    Per person, in one transaction: the rows that say "mailed" are written first, then the mail
    is sent, then all is committed. A mail that fails rolls the rows back, so the next run
    tries again (nothing is lost); a run that stops between two people has committed those
    before (nothing is sent twice). Two runs at the same time cannot both mail a report to one
    person: the second one's rows break the unique pair and it sends nothing. Only a crash in
    the moment between the mail server's yes and the commit would send that one mail again.
    """
    mails = meldingen = mislukt = 0
    now = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        for user in recipients():
            try:
                with transaction.atomic():
                    new = new_for(user)
                    if not new:
                        continue
                    MeldingBericht.objects.bulk_create(
                        MeldingBericht(melding=m, ontvanger=user, verzonden_op=now) for m in new
                    )
                    subject, body = digest_mail(new)
                    send_mail(subject, body, None, [user.email])
            except IntegrityError:
                continue  # another run mailed these to this person just now
            except Exception:  # a mail server that fails: the next run tries again
                logger.exception("Mail met meldingen aan gebruiker %s mislukt", user.pk)
                mislukt += 1
                continue
            mails += 1
            meldingen += len(new)
    return Verzending(mails=mails, meldingen=meldingen, mislukt=mislukt)


def mark_handled(queryset, user) -> int:
    """Mark the open reports in the queryset handled by this user; returns how many."""
    return queryset.filter(afgehandeld=False).update(
        afgehandeld=True, afgehandeld_op=timezone.now(), afgehandeld_door=user
    )
