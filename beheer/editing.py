"""The rules of a staff member's edit of a steunpunt, in one place: the admin saves through here.

`steunpunt_save` keeps the links to SWVs the user does not own, refuses a save when someone else
saved first (the optimistic lock on `Steunpunt.versie`), refuses changes that would take a shared
steunpunt away from another SWV (permissions.withdrawal_fields), records that the data was
checked today (and, when an SWV employee saves, that the SWV confirmed it: herkomst
`bevestigd`), and looks the address up again when it changed (a geocoder that fails or is slow
never stops the save: the PC4 centroid is used instead). Every write here ends in
`transaction.on_commit(bump_version)`, so the public pages show it on the next request.
"""

import datetime
from collections.abc import Iterable
from contextlib import nullcontext

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from steunpunten import permissions
from steunpunten.cache import bump_data_version, bump_version
from steunpunten.geocoding import ADRESVELDEN, update_location
from steunpunten.models import (
    Herkomst,
    Postcodegebied,
    Samenwerkingsverband,
    Schoolvakantie,
    Steunpunt,
)

CONFLICT_MELDING = _(
    "Iemand anders heeft dit steunpunt gewijzigd nadat u het opende. Uw wijzigingen zijn niet "
    "opgeslagen; ze staan hieronder nog. Open het steunpunt opnieuw (in een nieuw tabblad) om de "
    "nieuwe gegevens te zien en neem uw wijzigingen daarin over."
)
GEEN_SWV_MELDING = _("Kies ten minste één samenwerkingsverband.")

# Changing one of these means the location has to be looked up again.
LOCATIEVELDEN = frozenset({*ADRESVELDEN, "alleen_online"})


class EditError(Exception):
    """An edit that cannot be saved; the message says why, in Dutch, for the person editing."""

    code = "edit"

    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class ConflictError(EditError):
    """Someone else saved the steunpunt after this edit began (the optimistic lock)."""

    code = "conflict"


class InvalidError(EditError):
    """The data breaks a field rule of the model; `errors` holds Django's messages per field."""

    code = "invalid"

    def __init__(self, error: ValidationError, instance):
        self.errors = error.message_dict
        labels = {f.name: f.verbose_name for f in instance._meta.fields}
        details = "; ".join(
            f"{capfirst(labels.get(name, name))}: {' '.join(messages)}"
            for name, messages in self.errors.items()
        )
        message = format_lazy(_("Controleer eerst deze gegevens. {details}"), details=details)
        super().__init__(message, field=next(iter(self.errors), None))


class WithdrawalError(EditError):
    """The edit would take a shared steunpunt away from a SWV that is not the user's own."""

    code = "withdrawal"


def withdrawal_message(others: Iterable[Samenwerkingsverband]):
    """Why the publication, status and sector of a shared steunpunt are not this user's to change."""
    return format_lazy(
        _(
            "Dit steunpunt werkt ook voor {swvs}. Of het gepubliceerd is, de status en de "
            "sector van die samenwerkingsverbanden kunnen daarom alleen samen met hun "
            "medewerkers of door een beheerder worden gewijzigd. Uw eigen "
            "samenwerkingsverband kunt u wel van dit steunpunt afhalen."
        ),
        swvs=", ".join(str(swv) for swv in others),
    )


def steunpunt_save(
    *,
    user,
    steunpunt: Steunpunt,
    changed: Iterable[str],
    swvs: Iterable[Samenwerkingsverband] | None = None,
    expected_versie: int | None = None,
    stored: Steunpunt | None = None,
    today: datetime.date | None = None,
    confirms_real: bool = False,
    geocode=None,
) -> Steunpunt:
    """Save a new or changed steunpunt for this user with every rule of an edit.

    `steunpunt` carries the new field values (not saved yet); `changed` names the fields the
    user changed; `swvs` is the user's choice among their own SWVs (None leaves the links as
    they are); `expected_versie` is the version the user opened (required for an existing one).
    `stored` is the steunpunt as steunpunt_for_edit() locked and read it in this transaction,
    before the new values were set; without it the row is locked and read here.
    `confirms_real`: SWV staff confirm that a demo record now holds their real data.
    """
    changed = set(changed)
    # Inside the caller's transaction (the admin's) no savepoint is needed: every check comes
    # before the first write, so a refusal leaves that transaction as it was.
    connection = transaction.get_connection()
    with nullcontext() if connection.in_atomic_block else transaction.atomic():
        swv_ids = steunpunt_check_edit(
            user=user,
            steunpunt=steunpunt,
            changed=changed,
            swvs=swvs,
            expected_versie=expected_versie,
            stored=stored,
            today=today,
            confirms_real=confirms_real,
        )
        check_fields(steunpunt)
        if steunpunt.pk is None or changed & LOCATIEVELDEN:
            update_location(steunpunt, geocode)
        steunpunt.save()
        if swv_ids is not None:
            steunpunt.samenwerkingsverbanden.set(sorted(swv_ids))
        transaction.on_commit(bump_data_version)
    return steunpunt


def steunpunt_check_edit(
    *,
    user,
    steunpunt: Steunpunt,
    changed: Iterable[str],
    swvs: Iterable[Samenwerkingsverband] | None = None,
    expected_versie: int | None = None,
    stored: Steunpunt | None = None,
    today: datetime.date | None = None,
    confirms_real: bool = False,
) -> set[int] | None:
    """The rules of an edit beyond the fields; the SWV pks it will serve (None: unchanged).

    Rights, the optimistic lock, withdrawal from other SWVs, the choice of SWVs, demo to real
    and "checked today". The admin's form asks this too, after the model's field rules, to show
    a refusal beside the input; steunpunt_save asks again on the locked row, then check_fields.
    """
    changed = set(changed)
    nieuw = steunpunt.pk is None
    if nieuw:
        if not permissions.can_add_steunpunt(user):
            raise PermissionDenied
        others: list[Samenwerkingsverband] = []
    else:
        others, stored = _check_existing(user, steunpunt, expected_versie, stored)
        if confirms_real and stored.voorbeeld:
            steunpunt.herkomst = Herkomst.BEVESTIGD  # the "voorbeeld" notice goes with this save
            changed.add("herkomst")
    swv_ids = _chosen_swv_ids(user, steunpunt, swvs, others, nieuw)
    typed_date = "gecontroleerd_op" in changed and steunpunt.gecontroleerd_op
    confirms = _confirms(user, steunpunt)
    if (nieuw or changed or swv_ids is not None or confirms) and not typed_date:
        # Saving a change means the staff member looked at the data today.
        steunpunt.gecontroleerd_op = today or timezone.localdate()
    if confirms:
        steunpunt.herkomst = Herkomst.BEVESTIGD
    return swv_ids


def _confirms(user, steunpunt: Steunpunt) -> bool:
    """Whether this save is the SWV's confirmation of data from a public page: an SWV employee
    saves it (an example only after they said it is real: `confirms_real`)."""
    return permissions.is_swv_medewerker(user) and steunpunt.herkomst == Herkomst.OPENBARE_BRON


def check_fields(instance) -> None:
    """The model's field rules (validators, clean(), unique fields); InvalidError when broken.

    The check constraints are left to the database: nothing a person types reaches them.
    """
    try:
        instance.full_clean(validate_constraints=False)
    except ValidationError as error:
        raise InvalidError(error, instance) from error


def steunpunt_for_edit(*, queryset, pk) -> Steunpunt | None:
    """The steunpunt with its SWVs, locked until the transaction ends; None when not there."""
    try:
        return queryset.select_for_update().prefetch_related("samenwerkingsverbanden").get(pk=pk)
    except Steunpunt.DoesNotExist:
        return None


def _check_existing(user, steunpunt: Steunpunt, expected_versie, stored) -> tuple:
    """Apply the lock and the withdrawal rule to the stored row; (SWVs kept for others, row)."""
    if not permissions.can_change_steunpunt(user, steunpunt):
        raise PermissionDenied
    if stored is None:
        stored = steunpunt_for_edit(queryset=Steunpunt.objects.all(), pk=steunpunt.pk)
        if stored is None:  # deleted by someone else meanwhile
            raise ConflictError(CONFLICT_MELDING)
    if expected_versie != stored.versie:
        raise ConflictError(CONFLICT_MELDING)
    others = permissions.other_swvs(user, stored)
    for name in permissions.withdrawal_fields(stored, others):
        if getattr(steunpunt, name) != getattr(stored, name):
            raise WithdrawalError(withdrawal_message(others), field=name)
    steunpunt.versie = stored.versie + 1
    return others, stored


def _chosen_swv_ids(user, steunpunt, swvs, others, nieuw: bool) -> set[int] | None:
    """The SWVs the steunpunt will serve, or None when they stay as they are."""
    if swvs is None:
        if nieuw:
            raise EditError(GEEN_SWV_MELDING, field="samenwerkingsverbanden")
        return None
    chosen = {swv.pk for swv in swvs}
    own = permissions.own_swv_ids(user)
    if own is not None and not chosen <= own:
        raise PermissionDenied
    result = chosen | {swv.pk for swv in others}
    if not result:
        raise EditError(GEEN_SWV_MELDING, field="samenwerkingsverbanden")
    current = set() if nieuw else {swv.pk for swv in steunpunt.samenwerkingsverbanden.all()}
    return None if result == current else result


def steunpunt_confirm_checked(
    *, user, steunpunt: Steunpunt, expected_versie: int | None, today: datetime.date | None = None
) -> Steunpunt:
    """ "Alles klopt nog": the data was checked today and nothing else changes (the same rules)."""
    steunpunt.gecontroleerd_op = today or timezone.localdate()
    return steunpunt_save(
        user=user,
        steunpunt=steunpunt,
        changed={"gecontroleerd_op"},
        expected_versie=expected_versie,
        today=today,
    )


def steunpunten_confirm_checked(
    *, user, steunpunten: Iterable[Steunpunt], today: datetime.date | None = None
) -> tuple[int, list[tuple[Steunpunt, EditError]]]:
    """The admin action "Gegevens gecontroleerd": "Alles klopt nog" for each, each on its own.

    Returns how many were marked and, for the others, why not (a conflict, a broken rule).
    """
    marked, refused = 0, []
    for steunpunt in steunpunten:
        try:
            steunpunt_confirm_checked(
                user=user, steunpunt=steunpunt, expected_versie=steunpunt.versie, today=today
            )
        except EditError as error:
            refused.append((steunpunt, error))
        else:
            marked += 1
    return marked, refused


def steunpunt_delete(*, user, steunpunt: Steunpunt) -> None:
    """Delete a steunpunt that serves only the user's own SWVs (or any, for a beheerder)."""
    if not permissions.can_delete_steunpunt(user, steunpunt):
        raise PermissionDenied
    with transaction.atomic():
        steunpunt.delete()
        transaction.on_commit(bump_data_version)


def swv_save(*, user, swv: Samenwerkingsverband) -> Samenwerkingsverband:
    """Save a SWV: its contact details by its own staff, anything else by a beheerder."""
    if swv.pk is None and not permissions.is_beheerder(user):
        raise PermissionDenied
    if swv.pk is not None and not permissions.can_change_swv(user, swv):
        raise PermissionDenied
    if swv.pk is not None and not permissions.is_beheerder(user):
        stored = Samenwerkingsverband.objects.get(pk=swv.pk)
        fixed = [f.attname for f in swv._meta.concrete_fields]
        if any(
            getattr(swv, name) != getattr(stored, name)
            for name in fixed
            if name not in permissions.SWV_CONTACTVELDEN
        ):
            raise PermissionDenied  # code, sector, name and area are not theirs to change
    check_fields(swv)
    with transaction.atomic():
        swv.save()
        transaction.on_commit(bump_data_version)
    return swv


def reference_save(*, user, obj: Postcodegebied | Schoolvakantie):
    """Save a postcode area (reference data from the law and GeoNames) or a school holiday (the
    government's dates for a region): beheerders only."""
    if not permissions.is_beheerder(user):
        raise PermissionDenied
    check_fields(obj)
    with transaction.atomic():
        obj.save()
        transaction.on_commit(bump_version)
    return obj


def reference_delete(*, user, obj: Samenwerkingsverband | Postcodegebied | Schoolvakantie) -> None:
    """Delete a SWV, a postcode area or a school holiday: beheerders only."""
    if not permissions.is_beheerder(user):
        raise PermissionDenied
    with transaction.atomic():
        obj.delete()
        transaction.on_commit(bump_version)
