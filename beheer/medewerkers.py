"""Staff accounts: add a SWV staff member by e-mail, the set-password link, a TOTP device."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from steunpunten.models import Medewerker, Samenwerkingsverband
from steunpunten.permissions import GROUP_SWV, ensure_roles


class MedewerkerError(ValueError):
    """Raised for input the command cannot use, with a Dutch message."""


@transaction.atomic
def add_medewerker(*, email: str, swv_codes: list[str]):
    """Create (or extend) the staff account for this e-mail address; returns (user, created)."""
    email = email.strip().lower()
    if "@" not in email:
        raise MedewerkerError(_("Geef een geldig e-mailadres."))
    codes = [code.strip().upper() for code in swv_codes]
    swvs = list(Samenwerkingsverband.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {swv.code for swv in swvs})
    if unknown or not swvs:
        raise MedewerkerError(_("Onbekend samenwerkingsverband: %s") % ", ".join(unknown or codes))
    ensure_roles()
    user, created = get_user_model().objects.get_or_create(
        username=email, defaults={"email": email, "is_staff": True}
    )
    if created:
        user.set_unusable_password()  # no default passwords: the link sets the first one
        user.save()
    user.groups.add(Group.objects.get(name=GROUP_SWV))
    medewerker, _created = Medewerker.objects.get_or_create(user=user)
    medewerker.samenwerkingsverbanden.add(*swvs)
    return user, created


def set_password_link(user) -> str:
    """A one-time link where the user sets a password (valid for PASSWORD_RESET_TIMEOUT)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.VINDPLEK_SITE_URL}{path}"


def send_set_password_link(user, link: str) -> int:
    """Mail the set-password link to the user."""
    body = _(
        "U heeft een account voor het beheer van Vindplek.\n\n"
        "Kies uw wachtwoord via deze link:\n%(link)s\n\n"
        "Daarna logt u in met uw e-mailadres en uw wachtwoord. De eerste keer stelt u daarna "
        "een authenticator-app op uw telefoon in: de pagina legt uit hoe."
    ) % {"link": link}
    return send_mail(_("Uw account voor Vindplek beheer"), body, None, [user.email])


def create_totp_device(user, name: str = "default") -> TOTPDevice:
    """A new TOTP device for the user; its config_url goes into the authenticator app."""
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)
