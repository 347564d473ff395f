"""Mail each SWV staff member the steunpunten they have not checked for six months."""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils.translation import gettext as _

from beheer.herinneringen import reminders


def _line(steunpunt) -> str:
    if steunpunt.gecontroleerd_op is None:
        return f"- {steunpunt.naam} ({_('nog nooit gecontroleerd')})"
    datum = f"{steunpunt.gecontroleerd_op:%d-%m-%Y}"
    return f"- {steunpunt.naam} ({_('laatst gecontroleerd op %s') % datum})"


def _body(entries) -> str:
    lines = [_line(steunpunt) for steunpunt in entries]
    link = settings.VINDPLEK_SITE_URL + reverse("admin:steunpunten_steunpunt_changelist")
    return _(
        "De gegevens van deze steunpunten zijn langer dan een half jaar niet gecontroleerd:\n\n"
        "%(lijst)s\n\nControleer ze in het beheer en kies daarna de actie "
        "“Gegevens gecontroleerd”:\n%(link)s?verouderd=ja\n"
    ) % {"lijst": "\n".join(lines), "link": link}


class Command(BaseCommand):
    help = "Mailt SWV-medewerkers welke van hun steunpunten mogelijk verouderd zijn."

    def handle(self, *args, **options):
        sent = 0
        for user, entries in reminders():
            send_mail(_("Vindplek: gegevens controleren"), _body(entries), None, [user.email])
            sent += 1
        self.stdout.write(f"{sent} herinneringen verstuurd")
