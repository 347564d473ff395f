"""Who may see and change what. The admin, the exports and the commands all ask this module.

Four roles: a beheerder (superuser) may do everything; OCW staff see everything and change
nothing; SWV staff (a `Medewerker` linked to SWVs) see and keep current only what serves one
of their own SWVs; steunpunt staff (a `Medewerker` linked to one steunpunt) record that
steunpunt's contacts and signals and hand out its feedback codes, and see nothing else. The
admin also requires Django's model permissions from the role groups.

A user's role (groups and SWVs) is read in one query and remembered on the user object, as
Django does with its permission cache: within one request every check reuses it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet

from .models import SECTOR_VELD, Melding, Samenwerkingsverband, Signaal, Steunpunt

# Group names of the roles (created by the `ensure_roles` command).
GROUP_SWV = "SWV-medewerker"
GROUP_OCW = "OCW-medewerker"
GROUP_STEUNPUNT = "Steunpuntmedewerker"

# The fields of a SWV that its own staff may keep current; code, sector, area are fixed.
SWV_CONTACTVELDEN = ("website", "email", "telefoon", "bezoekadres")

_ROLE_CACHE = "_vindplek_rol"
_RECORDS_CACHE = "_vindplek_registreert"


@dataclass(frozen=True)
class Rol:
    """What one user is: beheerder, in which role groups, staff of which SWVs (by pk)."""

    beheerder: bool = False
    groepen: frozenset[str] = frozenset()
    swv_ids: frozenset[int] = frozenset()
    steunpunt_ids: frozenset[int] = frozenset()

    @property
    def ocw(self) -> bool:
        return GROUP_OCW in self.groepen

    @property
    def swv_medewerker(self) -> bool:
        return GROUP_SWV in self.groepen

    @property
    def steunpunt_medewerker(self) -> bool:
        return GROUP_STEUNPUNT in self.groepen


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def rol_of(user) -> Rol:
    """The user's role, read once (one query) and remembered on the user object."""
    if not _active(user):
        return Rol()
    cached = getattr(user, _ROLE_CACHE, None)
    if cached is None:
        from django.contrib.auth import get_user_model

        rows = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .values_list(
                "groups__name", "medewerker__samenwerkingsverbanden", "medewerker__steunpunt"
            )
        )
        rollen = (GROUP_SWV, GROUP_OCW, GROUP_STEUNPUNT)
        groepen = frozenset(name for name, _swv, _sp in rows if name in rollen)
        swv_ids = frozenset(swv for _name, swv, _sp in rows if swv is not None)
        steunpunt_ids = frozenset(sp for _name, _swv, sp in rows if sp is not None)
        cached = Rol(
            beheerder=user.is_superuser,
            groepen=groepen,
            swv_ids=swv_ids,
            steunpunt_ids=steunpunt_ids,
        )
        setattr(user, _ROLE_CACHE, cached)
    return cached


def forget_rol(user) -> None:
    """Drop the remembered role, after a change of the user's groups or SWVs."""
    for name in (_ROLE_CACHE, _RECORDS_CACHE):
        if hasattr(user, name):
            delattr(user, name)


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
    return rol_of(user).ocw


def is_swv_medewerker(user) -> bool:
    """SWV staff: in the SWV group and linked to at least one SWV."""
    rol = rol_of(user)
    return rol.swv_medewerker and bool(rol.swv_ids)


def can_export(user) -> bool:
    """OCW staff and beheerders who passed the staff gate may download the coverage exports."""
    return passes_staff_gate(user) and can_view_everything(user)


def can_view_everything(user) -> bool:
    """Beheerders and OCW staff: see every SWV, steunpunt and report, the peilingen and exports."""
    return is_beheerder(user) or is_ocw(user)


def own_swv_ids(user) -> frozenset[int] | None:
    """The pks of the SWVs whose listings this user keeps current; None means all (beheerder)."""
    if is_beheerder(user):
        return None
    rol = rol_of(user)
    return rol.swv_ids if rol.swv_medewerker else frozenset()


def editable_swvs(user) -> QuerySet[Samenwerkingsverband]:
    """The SWVs this user may edit and link steunpunten to: their own (all for a beheerder)."""
    own = own_swv_ids(user)
    if own is None:
        return Samenwerkingsverband.objects.all()
    return Samenwerkingsverband.objects.filter(pk__in=sorted(own))


def visible_swvs(user) -> QuerySet[Samenwerkingsverband]:
    """The SWVs this user may see in the admin."""
    if can_view_everything(user):
        return Samenwerkingsverband.objects.all()
    return editable_swvs(user)


def visible_steunpunten(user) -> QuerySet[Steunpunt]:
    """The steunpunten this user may see in the admin: everything for beheerder and OCW."""
    if can_view_everything(user):
        return Steunpunt.objects.all()
    return editable_steunpunten(user)


def editable_steunpunten(user) -> QuerySet[Steunpunt]:
    """The steunpunten this user may change: those serving one of their SWVs (none for OCW)."""
    own = own_swv_ids(user)
    if own is None:
        return Steunpunt.objects.all()
    serving = Steunpunt.objects.filter(samenwerkingsverbanden__in=sorted(own)).values("pk")
    return Steunpunt.objects.filter(pk__in=serving)


def _swv_ids_of(steunpunt: Steunpunt) -> set[int]:
    # Uses the prefetched SWVs when the admin loaded them with the steunpunt.
    return {swv.pk for swv in steunpunt.samenwerkingsverbanden.all()}


def other_swvs(user, steunpunt: Steunpunt) -> list[Samenwerkingsverband]:
    """The SWVs this steunpunt serves that are not the user's own (none for a beheerder)."""
    own = own_swv_ids(user)
    if own is None or steunpunt.pk is None:
        return []
    return [swv for swv in steunpunt.samenwerkingsverbanden.all() if swv.pk not in own]


def can_edit_steunpunten(user) -> bool:
    """May change steunpunten at all (beheerders, SWV staff): the admin opens its list to edit.

    Which ones: editable_steunpunten() and can_change_steunpunt(); OCW staff only view.
    """
    return is_beheerder(user) or is_swv_medewerker(user)


def can_add_steunpunt(user) -> bool:
    """Beheerders, and SWV staff for their own SWVs."""
    return can_edit_steunpunten(user)


def can_change_steunpunt(user, steunpunt: Steunpunt) -> bool:
    """True when the steunpunt serves one of the user's SWVs (or the user is beheerder)."""
    own = own_swv_ids(user)
    if own is None:
        return True
    return bool(own & _swv_ids_of(steunpunt))


def can_delete_steunpunt(user, steunpunt: Steunpunt) -> bool:
    """Only when every SWV the steunpunt serves is one of the user's own."""
    own = own_swv_ids(user)
    if own is None:
        return True
    serving = _swv_ids_of(steunpunt)
    return bool(serving) and serving <= own


def withdrawal_fields(steunpunt: Steunpunt, swvs: Iterable[Samenwerkingsverband]) -> list[str]:
    """The fields whose change would withdraw this steunpunt from (some of) these SWVs.

    Withdrawing means what the one rule says (Steunpunt.visible_for / covers): the SWV's pages
    and answers stop showing it (unpublishing, unticking the SWV's sector), or it stops counting
    for the SWV's coverage (moving away from "actief").
    """
    swvs = list(swvs)
    fields = []
    if any(steunpunt.visible_for(swv) for swv in swvs):
        fields.append("gepubliceerd")
    if any(steunpunt.covers(swv) for swv in swvs):
        fields.append("status")
    for sector, name in SECTOR_VELD.items():
        if any(swv.sector == sector and steunpunt.visible_for(swv) for swv in swvs):
            fields.append(name)
    return fields


def protected_fields(user, steunpunt: Steunpunt) -> list[str]:
    """The fields this user may not change: the change would withdraw a shared steunpunt.

    Staff of one SWV cannot take a steunpunt away from another SWV it serves; that needs staff
    of every SWV concerned (who then all are the user's own) or a beheerder. Removing the
    user's own SWV from the steunpunt is always allowed.
    """
    return withdrawal_fields(steunpunt, other_swvs(user, steunpunt))


def can_change_swv(user, swv: Samenwerkingsverband) -> bool:
    """Beheerders, and SWV staff for the contact details of their own SWVs."""
    own = own_swv_ids(user)
    return own is None or swv.pk in own


def visible_meldingen(user) -> QuerySet[Melding]:
    """The reports this user may see: those about steunpunten the user may see."""
    return Melding.objects.filter(steunpunt__in=visible_steunpunten(user).values("pk"))


def can_handle_melding(user, melding: Melding) -> bool:
    """Marking a report handled: beheerders and the staff of the steunpunt's SWVs."""
    return can_change_steunpunt(user, melding.steunpunt)


def can_record_peiling(user) -> bool:
    """Record a peiling (a write of public data, kept for good): beheerders and OCW staff."""
    return is_beheerder(user) or is_ocw(user)


def can_withdraw_peiling(user) -> bool:
    """Withdraw a mistaken peiling (it stays, marked, out of trend and exports): beheerders."""
    return is_beheerder(user)


def can_manage_accounts(user) -> bool:
    """Staff accounts, their groups and SWV links: beheerders only."""
    return is_beheerder(user)


# --- Recording a steunpunt's work: contacts, monthly totals, signals, feedback codes ----------


def is_steunpunt_medewerker(user) -> bool:
    """Steunpunt staff: in the steunpunt group and linked to a steunpunt."""
    rol = rol_of(user)
    return rol.steunpunt_medewerker and bool(rol.steunpunt_ids)


def recordable_steunpunten(user) -> QuerySet[Steunpunt]:
    """The steunpunten whose contacts, totals and signals this user records and whose
    feedback codes this user hands out: steunpunt staff their own, SWV staff those serving
    their SWVs, a beheerder all; OCW none."""
    if is_beheerder(user):
        return Steunpunt.objects.all()
    rol = rol_of(user)
    # One lazy query (a subquery for SWV staff): the admin asks this on every page.
    condition = Q(pk__in=sorted(rol.steunpunt_ids) if rol.steunpunt_medewerker else [])
    if rol.swv_medewerker and rol.swv_ids:
        condition |= Q(pk__in=editable_steunpunten(user).values("pk"))
    return Steunpunt.objects.filter(condition)


def records_for_any_steunpunt(user) -> bool:
    """Whether this user records for at least one steunpunt (the menu items of the recording
    pages): asked once per request and remembered on the user object, like the role."""
    cached = getattr(user, _RECORDS_CACHE, None)
    if cached is None:
        cached = recordable_steunpunten(user).exists()
        setattr(user, _RECORDS_CACHE, cached)
    return cached


def can_record_contacts(user, steunpunt: Steunpunt) -> bool:
    """Record contacts and monthly totals of this steunpunt."""
    return recordable_steunpunten(user).filter(pk=steunpunt.pk).exists()


def can_record_signals(user, steunpunt: Steunpunt) -> bool:
    """Mark themes of this steunpunt as a signal to its SWV: the same people who record."""
    return can_record_contacts(user, steunpunt)


def can_hand_out_codes(user, steunpunt: Steunpunt) -> bool:
    """Hand out one-time feedback codes ("voelde u zich gesteund?") for this steunpunt."""
    return can_record_contacts(user, steunpunt)


def can_view_counts(user, steunpunt: Steunpunt) -> bool:
    """See this steunpunt's own counts (always through kleine_aantallen): who records them."""
    return can_record_contacts(user, steunpunt)


def swvs_with_visible_counts(user) -> QuerySet[Samenwerkingsverband]:
    """The SWVs whose counts and signals this user sees per SWV: SWV staff their own."""
    if is_beheerder(user):
        return Samenwerkingsverband.objects.all()
    return editable_swvs(user)


def visible_signalen(user) -> QuerySet[Signaal]:
    """The signals this user sees: of steunpunten they record for, or serving their SWVs."""
    serving = Steunpunt.objects.filter(samenwerkingsverbanden__in=swvs_with_visible_counts(user))
    return Signaal.objects.filter(
        Q(steunpunt__in=recordable_steunpunten(user).values("pk"))
        | Q(steunpunt__in=serving.values("pk"))
    )


def can_manage_themas(user) -> bool:
    """The national list of themes (add, rename, retire): beheerders only."""
    return is_beheerder(user)


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
    # Steunpunt staff work on the pages of beheer/registratie.py, gated by the functions above;
    # no admin model is theirs to open.
    GROUP_STEUNPUNT: {},
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
