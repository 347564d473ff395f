"""Who may see and change what. Views, admin, exports and commands all ask this module."""

from django.db.models import QuerySet

from .models import Samenwerkingsverband, Steunpunt

# Group names of the roles (created by a data migration or the `rollen` command).
GROUP_SWV = "SWV-medewerker"
GROUP_OCW = "OCW-medewerker"


def _in_group(user, name: str) -> bool:
    return bool(user and user.is_authenticated and user.groups.filter(name=name).exists())


def is_beheerder(user) -> bool:
    """A superuser: may do everything, including managing staff accounts."""
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def is_ocw(user) -> bool:
    """OCW staff: read everything, change nothing, may export."""
    return bool(user and user.is_active and _in_group(user, GROUP_OCW))


def can_export(user) -> bool:
    """Only OCW staff and beheerders may download the coverage exports."""
    return is_beheerder(user) or is_ocw(user)


def swvs_of(user) -> QuerySet[Samenwerkingsverband]:
    """The SWVs whose listings this user keeps current (all for a beheerder, none otherwise)."""
    if is_beheerder(user):
        return Samenwerkingsverband.objects.all()
    if not (user and user.is_authenticated and user.is_active):
        return Samenwerkingsverband.objects.none()
    return Samenwerkingsverband.objects.filter(medewerkers__user=user)


def steunpunten_of(user) -> QuerySet[Steunpunt]:
    """The steunpunten this user may see in the admin: everything for beheerder and OCW."""
    if is_beheerder(user) or is_ocw(user):
        return Steunpunt.objects.all()
    return Steunpunt.objects.filter(samenwerkingsverbanden__in=swvs_of(user)).distinct()
