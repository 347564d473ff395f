"""Staff accounts of every role: create or change one with exactly its role, invite by link.

An account is always one of four roles and nothing in between: SWV staff (the SWV group and
at least one SWV), steunpunt staff (the steunpunt group and one steunpunt), OCW staff (the OCW
group) or a beheerder (superuser). `role_set` gives an account exactly that role (staff, the
one role group, SWVs only for SWV staff, a steunpunt only for steunpunt staff), so no role-less
staff account comes out of any path that saves through here: the commands `add_account`,
`add_medewerker`, `invite_accounts`, `createsuperuser` and the beheerder's account page.

Nobody types another person's password: a new account has no usable password and gets an
invitation, a link to choose one (valid `VINDPLEK_UITNODIGING_DAGEN` days, see login.py).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from steunpunten.models import Medewerker, Samenwerkingsverband, Steunpunt
from steunpunten.permissions import (
    GROUP_OCW,
    GROUP_STEUNPUNT,
    GROUP_SWV,
    ensure_roles,
    forget_rol,
)

from .login import invitation_days, invitation_token_generator
from .models import Uitnodiging

ROL_SWV, ROL_OCW, ROL_BEHEERDER = "swv", "ocw", "beheerder"
ROL_STEUNPUNT = "steunpunt"
ROLLEN = {
    ROL_SWV: gettext_lazy("SWV-medewerker"),
    ROL_STEUNPUNT: gettext_lazy("Steunpuntmedewerker"),
    ROL_OCW: gettext_lazy("OCW-medewerker"),
    ROL_BEHEERDER: gettext_lazy("Beheerder"),
}
ROL_GROEP = {
    ROL_SWV: GROUP_SWV,
    ROL_STEUNPUNT: GROUP_STEUNPUNT,
    ROL_OCW: GROUP_OCW,
    ROL_BEHEERDER: None,
}

# What saving an account will do (account_plan): a new account, more SWVs, or nothing.
NIEUW, BIJWERKEN, BESTAAT = "nieuw", "bijwerken", "bestaat"


class MedewerkerError(ValueError):
    """Input the account services cannot use, with a Dutch message for the person giving it."""


@dataclass(frozen=True)
class AccountPlan:
    """One account as it will be after saving, and what that changes."""

    email: str
    naam: str
    rol: str
    swvs: tuple[Samenwerkingsverband, ...]
    user: object | None
    actie: str  # NIEUW, BIJWERKEN or BESTAAT
    nieuwe_swvs: tuple[str, ...] = ()
    steunpunt: Steunpunt | None = None


def normalise_email(email: str) -> str:
    """The address as accounts store it (trimmed, lower case); MedewerkerError when not valid."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise MedewerkerError(
            _("“%(email)s” is geen geldig e-mailadres.") % {"email": email or _("(leeg)")}
        ) from None
    return email


def normalise_rol(rol: str) -> str:
    """ "swv", "ocw" or "beheerder" (any case); MedewerkerError for anything else."""
    value = (rol or "").strip().lower()
    if value not in ROLLEN:
        raise MedewerkerError(
            _("Onbekende rol “%(rol)s”: kies swv, steunpunt, ocw of beheerder.")
            % {"rol": rol or _("(leeg)")}
        )
    return value


def swvs_from_codes(codes: Iterable[str]) -> list[Samenwerkingsverband]:
    """The SWVs with these codes (any case, spaces and commas between); every unknown one named."""
    wanted = []
    for code in codes:
        for part in str(code).replace(",", " ").split():
            if part.upper() not in wanted:
                wanted.append(part.upper())
    found = {swv.code: swv for swv in Samenwerkingsverband.objects.filter(code__in=wanted)}
    unknown = [code for code in wanted if code not in found]
    if unknown:
        raise MedewerkerError(_("Onbekend samenwerkingsverband: %s") % ", ".join(unknown))
    return [found[code] for code in wanted]


def steunpunt_from_ref(ref) -> Steunpunt | None:
    """The steunpunt with this slug or id (None for an empty reference); MedewerkerError else."""
    if isinstance(ref, Steunpunt) or ref is None:
        return ref
    ref = str(ref).strip()
    if not ref:
        return None
    found = Steunpunt.objects.filter(slug=ref.lower()).first()
    if found is None and ref.isdigit():
        found = Steunpunt.objects.filter(pk=int(ref)).first()
    if found is None:
        raise MedewerkerError(_("Onbekend steunpunt: %s") % ref)
    return found


def check_role_swvs(
    rol: str, swvs: Iterable[Samenwerkingsverband], steunpunt: Steunpunt | None = None
) -> None:
    """SWV staff need at least one SWV, steunpunt staff one steunpunt; the others neither."""
    rol = normalise_rol(rol)
    swvs = list(swvs)
    if rol == ROL_STEUNPUNT and steunpunt is None:
        raise MedewerkerError(_("Een steunpuntmedewerker hoort bij één steunpunt: kies het."))
    if rol != ROL_STEUNPUNT and steunpunt is not None:
        raise MedewerkerError(
            _("Alleen een steunpuntmedewerker hoort bij een steunpunt; een %(rol)s niet.")
            % {"rol": str(ROLLEN[rol]).lower()}
        )
    if rol == ROL_SWV and not swvs:
        raise MedewerkerError(
            _("Een SWV-medewerker hoort bij ten minste één samenwerkingsverband.")
        )
    if rol != ROL_SWV and swvs:
        raise MedewerkerError(
            _("Alleen een SWV-medewerker hoort bij samenwerkingsverbanden; een %(rol)s niet.")
            % {"rol": str(ROLLEN[rol]).lower()}
        )


def role_of_account(user) -> str | None:
    """The role this account has (also when inactive), or None for an account without one."""
    if user.is_superuser:
        return ROL_BEHEERDER
    groups = {group.name for group in user.groups.all()}
    if GROUP_OCW in groups:
        return ROL_OCW
    medewerker = Medewerker.objects.filter(user=user).first()
    if GROUP_SWV in groups and medewerker and medewerker.samenwerkingsverbanden.exists():
        return ROL_SWV
    if GROUP_STEUNPUNT in groups and medewerker and medewerker.steunpunt_id:
        return ROL_STEUNPUNT
    return None


def role_set(
    user, *, rol: str, swvs: Iterable[Samenwerkingsverband], steunpunt: Steunpunt | None = None
) -> None:
    """Give a saved account exactly this role: staff, one role group, SWVs only for SWV staff,
    a steunpunt only for steunpunt staff."""
    rol = normalise_rol(rol)
    swvs = list(swvs)
    check_role_swvs(rol, swvs, steunpunt)
    ensure_roles()
    user.is_staff = True
    user.is_superuser = rol == ROL_BEHEERDER
    user.save(update_fields=["is_staff", "is_superuser"])
    group = ROL_GROEP[rol]
    user.groups.set(Group.objects.filter(name=group) if group else [])
    if rol in (ROL_SWV, ROL_STEUNPUNT):
        medewerker, _created = Medewerker.objects.get_or_create(user=user)
        medewerker.samenwerkingsverbanden.set(swvs)
        medewerker.steunpunt = steunpunt
        medewerker.save(update_fields=["steunpunt"])
    else:
        Medewerker.objects.filter(user=user).delete()
    forget_rol(user)


def _split_naam(naam: str) -> tuple[str, str]:
    first, _sep, last = " ".join(naam.split()).partition(" ")
    return first[:150], last[:150]


def account_plan(
    *, email: str, rol: str, swv_codes: Iterable[str] = (), naam: str = "", steunpunt=None
) -> AccountPlan:
    """What saving this account would do, without saving: MedewerkerError when it cannot.

    An existing account keeps its role: it may get more SWVs (SWV staff) or a name it lacks,
    never another role or fewer SWVs (that is the beheerder's account page).
    """
    email = normalise_email(email)
    rol = normalise_rol(rol)
    swvs = swvs_from_codes(swv_codes)
    steunpunt = steunpunt_from_ref(steunpunt)
    check_role_swvs(rol, swvs, steunpunt)
    naam = " ".join((naam or "").split())
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None:
        user = get_user_model().objects.filter(username__iexact=email).first()
    if user is None:
        return AccountPlan(email, naam, rol, tuple(swvs), None, NIEUW, steunpunt=steunpunt)
    if not user.is_active:
        raise MedewerkerError(
            _("Het account %(email)s is uitgezet. Zet het eerst weer aan in het beheer.")
            % {"email": email}
        )
    huidige = role_of_account(user)
    if huidige != rol:
        raise MedewerkerError(
            _(
                "%(email)s heeft al een account als %(huidig)s. Een andere rol geeft u op de "
                "accountpagina in het beheer."
            )
            % {
                "email": email,
                "huidig": str(ROLLEN[huidige]).lower() if huidige else _("(geen rol)"),
            }
        )
    if rol == ROL_STEUNPUNT and user.medewerker.steunpunt_id != steunpunt.pk:
        raise MedewerkerError(
            _(
                "%(email)s werkt al voor een ander steunpunt. Een ander steunpunt geeft u op de "
                "accountpagina in het beheer."
            )
            % {"email": email}
        )
    have = (
        set(user.medewerker.samenwerkingsverbanden.values_list("code", flat=True))
        if rol == ROL_SWV
        else set()
    )
    extra = tuple(swv.code for swv in swvs if swv.code not in have)
    needs_name = bool(naam) and not user.get_full_name()
    actie = BIJWERKEN if extra or needs_name else BESTAAT
    return AccountPlan(email, naam, rol, tuple(swvs), user, actie, extra, steunpunt)


@transaction.atomic
def account_apply(plan: AccountPlan):
    """Save what the plan says; returns the account (new ones without a usable password)."""
    user = plan.user
    if user is None:
        first, last = _split_naam(plan.naam)
        user = get_user_model().objects.create_user(
            username=plan.email, email=plan.email, first_name=first, last_name=last
        )  # no password: the invitation link sets the first one
        role_set(user, rol=plan.rol, swvs=plan.swvs, steunpunt=plan.steunpunt)
        return user
    if plan.actie == BESTAAT:
        return user
    if plan.naam and not user.get_full_name():
        user.first_name, user.last_name = _split_naam(plan.naam)
        user.save(update_fields=["first_name", "last_name"])
    if plan.nieuwe_swvs:
        current = list(user.medewerker.samenwerkingsverbanden.all())
        role_set(user, rol=plan.rol, swvs=[*current, *(s for s in plan.swvs if s not in current)])
    return user


def account_save(
    *, email: str, rol: str, swv_codes: Iterable[str] = (), naam: str = "", steunpunt=None
):
    """Create an account with exactly this role, or add SWVs to an existing one: (user, plan).

    `steunpunt` (slug, id or object) is the steunpunt of a steunpuntmedewerker.
    """
    with transaction.atomic():
        plan = account_plan(
            email=email, rol=rol, swv_codes=swv_codes, naam=naam, steunpunt=steunpunt
        )
        return account_apply(plan), plan


def add_medewerker(*, email: str, swv_codes: list[str]):
    """SWV staff (the shorthand of add_medewerker): create or extend; returns (user, created)."""
    if not any(str(code).strip() for code in swv_codes):
        raise MedewerkerError(_("Geef ten minste één samenwerkingsverband."))
    user, plan = account_save(email=email, rol=ROL_SWV, swv_codes=swv_codes)
    return user, plan.actie == NIEUW


# --- The invitation: a link to choose a password ---------------------------------------------


def set_password_link(user) -> str:
    """A one-time invitation link where the user sets a password (VINDPLEK_UITNODIGING_DAGEN)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.VINDPLEK_SITE_URL}{path}"


def send_set_password_link(user, link: str, *, door=None) -> int:
    """Mail the invitation link to the user and note when it went (and who sent it)."""
    body = _(
        "U heeft een account voor het beheer van Vindplek.\n\n"
        "Kies uw wachtwoord via deze link:\n%(link)s\n\n"
        "De link werkt %(dagen)d dagen en één keer. Is hij verlopen? Vraag dan een nieuwe aan "
        "met “Wachtwoord vergeten?” op de inlogpagina.\n\n"
        "Daarna logt u in met uw e-mailadres en uw wachtwoord. De eerste keer stelt u daarna "
        "een authenticator-app op uw telefoon in: de pagina legt uit hoe."
    ) % {"link": link, "dagen": invitation_days()}
    sent = send_mail(_("Uw account voor Vindplek beheer"), body, None, [user.email])
    invitation_note(user=user, door=door)
    return sent


def invitation_send(user, *, door=None) -> str:
    """Make and mail a fresh invitation link; returns the link (commands print it)."""
    link = set_password_link(user)
    send_set_password_link(user, link, door=door)
    return link


def invitation_note(*, user, door=None) -> Uitnodiging:
    """Record that an invitation went out now (the account list shows it and when it expires)."""
    door = door if getattr(door, "pk", None) else None
    uitnodiging, created = Uitnodiging.objects.get_or_create(
        user=user, defaults={"verstuurd_op": timezone.now(), "verstuurd_door": door, "aantal": 1}
    )
    if not created:
        uitnodiging.verstuurd_op = timezone.now()
        uitnodiging.verstuurd_door = door
        uitnodiging.aantal += 1
        uitnodiging.save(update_fields=["verstuurd_op", "verstuurd_door", "aantal"])
    return uitnodiging


def create_totp_device(user, name: str = "default") -> TOTPDevice:
    """A new TOTP device for the user; its config_url goes into the authenticator app."""
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)


# --- The beheerder's account page ----------------------------------------------------------


@transaction.atomic
def account_store(
    *, user, rol: str, swvs: Iterable[Samenwerkingsverband], steunpunt: Steunpunt | None = None
):
    """Save an account as the beheerder's page filled it in, with exactly this role.

    A new account gets no usable password (its invitation sets one); the e-mail address is
    the login, so the username follows it.
    """
    swvs = list(swvs)
    rol = normalise_rol(rol)
    check_role_swvs(rol, swvs, steunpunt)
    user.email = normalise_email(user.email)
    user.username = user.email
    if user.pk is None:
        user.set_unusable_password()
    user.save()
    role_set(user, rol=rol, swvs=swvs, steunpunt=steunpunt)
    return user


def invitation_expires(uitnodiging: Uitnodiging) -> datetime.datetime:
    """When the latest invitation link stops working."""
    return uitnodiging.verstuurd_op + datetime.timedelta(days=invitation_days())


def account_status(user, now=None) -> str:
    """Where an account is on its way in, in a few Dutch words for the account list."""
    now = now or timezone.now()
    if user.last_login:
        datum = timezone.localtime(user.last_login).strftime("%d-%m-%Y")
        return _("ingelogd (laatst %(datum)s)") % {"datum": datum}
    if user.has_usable_password():
        return _("wachtwoord gekozen, nog niet ingelogd")
    uitnodiging = getattr(user, "uitnodiging", None)
    if uitnodiging is None:
        return _("nog niet uitgenodigd")
    verloopt = invitation_expires(uitnodiging)
    if verloopt < now:
        return _("link verlopen op %(datum)s: stuur een nieuwe") % {
            "datum": timezone.localtime(verloopt).strftime("%d-%m-%Y")
        }
    return _("uitgenodigd; link werkt tot %(datum)s") % {
        "datum": timezone.localtime(verloopt).strftime("%d-%m-%Y")
    }
