"""Who may see and change what. The admin, the exports and the commands all ask this module.

Three roles: a beheerder (superuser) may do everything; OCW staff see everything and change
nothing; SWV staff (a `Medewerker` linked to SWVs) see and keep current only what serves one
of their own SWVs. The admin also requires Django's model permissions from the role groups.
"""

from django.conf import settings
from django.db.models import QuerySet

from .models import Melding, Samenwerkingsverband, Steunpunt

# Group names of the roles (created by the `rollen` command).
GROUP_SWV = "SWV-medewerker"
GROUP_OCW = "OCW-medewerker"

# The fields of a SWV that its own staff may keep current; code, sector, area are fixed.
SWV_CONTACTVELDEN = ("website", "email", "telefoon", "bezoekadres")


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _in_group(user, name: str) -> bool:
    return _active(user) and user.groups.filter(name=name).exists()


def otp_required() -> bool:
    """True unless a developer switched the second factor off (only possible with DEBUG on)."""
    return bool(getattr(settings, "VINDPLEK_ADMIN_OTP", True))


def passes_staff_gate(user) -> bool:
    """Active staff who verified their second factor in this session: the admin's own gate.

    `is_verified` is set on request.user by django-otp's middleware; a session whose device was
    deleted, or a user who lost is_staff, fails here on the next request.
    """
    if not (_active(user) and user.is_staff):
        return False
    return not otp_required() or bool(getattr(user, "is_verified", lambda: False)())


def is_beheerder(user) -> bool:
    """A superuser: may do everything, including managing staff accounts."""
    return _active(user) and user.is_superuser


def is_ocw(user) -> bool:
    """OCW staff: read everything, change nothing, may export."""
    return _in_group(user, GROUP_OCW)


def is_swv_medewerker(user) -> bool:
    """SWV staff: in the SWV group and linked to at least one SWV."""
    return _in_group(user, GROUP_SWV) and swvs_of(user).exists()


def can_export(user) -> bool:
    """OCW staff and beheerders who passed the staff gate may download the coverage exports."""
    return passes_staff_gate(user) and (is_beheerder(user) or is_ocw(user))


def can_view_everything(user) -> bool:
    """Beheerders and OCW staff see every SWV, steunpunt and report."""
    return is_beheerder(user) or is_ocw(user)


def swvs_of(user) -> QuerySet[Samenwerkingsverband]:
    """The SWVs whose listings this user keeps current (all for a beheerder, none otherwise)."""
    if is_beheerder(user):
        return Samenwerkingsverband.objects.all()
    if not (_active(user) and _in_group(user, GROUP_SWV)):
        return Samenwerkingsverband.objects.none()
    return Samenwerkingsverband.objects.filter(medewerkers__user=user)


def visible_swvs(user) -> QuerySet[Samenwerkingsverband]:
    """The SWVs this user may see in the admin."""
    if can_view_everything(user):
        return Samenwerkingsverband.objects.all()
    return swvs_of(user)


def steunpunten_of(user) -> QuerySet[Steunpunt]:
    """The steunpunten this user may see in the admin: everything for beheerder and OCW."""
    if can_view_everything(user):
        return Steunpunt.objects.all()
    return editable_steunpunten(user)


def editable_steunpunten(user) -> QuerySet[Steunpunt]:
    """The steunpunten this user may change: those serving one of their SWVs (none for OCW)."""
    if is_beheerder(user):
        return Steunpunt.objects.all()
    own = Steunpunt.objects.filter(samenwerkingsverbanden__in=swvs_of(user)).values("pk")
    return Steunpunt.objects.filter(pk__in=own)


def can_add_steunpunt(user) -> bool:
    """Beheerders, and SWV staff for their own SWVs."""
    return is_beheerder(user) or is_swv_medewerker(user)


def can_change_steunpunt(user, steunpunt: Steunpunt) -> bool:
    """True when the steunpunt serves one of the user's SWVs (or the user is beheerder)."""
    return editable_steunpunten(user).filter(pk=steunpunt.pk).exists()


def can_delete_steunpunt(user, steunpunt: Steunpunt) -> bool:
    """Only when every SWV the steunpunt serves is one of the user's own."""
    if is_beheerder(user):
        return True
    if not can_change_steunpunt(user, steunpunt):
        return False
    others = steunpunt.samenwerkingsverbanden.exclude(pk__in=swvs_of(user).values("pk"))
    return not others.exists()


def can_change_swv(user, swv: Samenwerkingsverband) -> bool:
    """Beheerders, and SWV staff for the contact details of their own SWVs."""
    return swvs_of(user).filter(pk=swv.pk).exists()


def meldingen_of(user) -> QuerySet[Melding]:
    """The reports this user may see: those about steunpunten the user may see."""
    return Melding.objects.filter(steunpunt__in=steunpunten_of(user).values("pk"))


def can_handle_melding(user, melding: Melding) -> bool:
    """Marking a report handled: beheerders and the staff of the steunpunt's SWVs."""
    return can_change_steunpunt(user, melding.steunpunt)


def can_manage_accounts(user) -> bool:
    """Staff accounts, their groups and SWV links: beheerders only."""
    return is_beheerder(user)


def can_view_overzichten(user) -> bool:
    """Coverage snapshots (peilingen) and other national overviews: OCW and beheerders."""
    return can_view_everything(user)


class AlleenInzienVoorOverzicht:
    """ModelAdmin mixin: OCW and beheerders may view, nobody adds, changes or deletes."""

    def has_module_permission(self, request) -> bool:
        return can_view_overzichten(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return can_view_overzichten(request.user)

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# The model permissions each role group gets; the scoping above narrows them per object.
ROLE_PERMISSIONS = {
    GROUP_SWV: {
        "steunpunt": ("view", "add", "change", "delete"),
        "samenwerkingsverband": ("view", "change"),
        "melding": ("view", "change", "delete"),
        "postcodegebied": ("view",),
    },
    GROUP_OCW: {
        "steunpunt": ("view",),
        "samenwerkingsverband": ("view",),
        "melding": ("view",),
        "postcodegebied": ("view",),
        "peiling": ("view",),
        "peilingregel": ("view",),
    },
}


def ensure_roles() -> dict[str, int]:
    """Create or update the role groups with exactly their permissions; safe to run again."""
    from django.contrib.auth.models import Group, Permission

    counts = {}
    for name, models in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        perms = Permission.objects.filter(
            content_type__app_label="steunpunten", codename__in=codenames
        )
        group.permissions.set(perms)
        counts[name] = perms.count()
    return counts
