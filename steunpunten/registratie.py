"""Recording a steunpunt's work (issue 24): contacts, monthly totals and signals, as counts.

Keyword-only services; the callers (beheer's pages, the CSV import) check the user's rights
with permissions.can_record_contacts / can_record_signals first. Every write ends in a new
data version, since national totals appear on the public overview.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .cache import bump_data_version
from .models import (
    Contactregistratie,
    ContactThema,
    Maandtotaal,
    Signaal,
    Steunpunt,
    Thema,
    Uitkomst,
    first_of_month,
    first_of_quarter,
)

# How far back a month may be recorded: the records are kept five years (bewaartermijn).
MAANDEN_TERUG = 59


class RegistratieError(ValueError):
    """Input a recording service cannot use; `velden` maps a field name to its Dutch message."""

    def __init__(self, velden: Mapping[str, str]):
        super().__init__("; ".join(velden.values()))
        self.velden = dict(velden)


def recordable_months(today: datetime.date) -> list[datetime.date]:
    """The months that may be recorded, newest first: this month back to five years ago."""
    maand = first_of_month(today)
    maanden = []
    for _i in range(MAANDEN_TERUG + 1):
        maanden.append(maand)
        maand = first_of_month(maand - datetime.timedelta(days=1))
    return maanden


def check_month(maand: datetime.date, *, today: datetime.date) -> datetime.date:
    """The month's first day; RegistratieError for a month in the future or past the period."""
    maand = first_of_month(maand)
    if maand > first_of_month(today):
        raise RegistratieError({"maand": _("Deze maand is nog niet begonnen.")})
    if maand < recordable_months(today)[-1]:
        raise RegistratieError({"maand": _("Zo ver terug wordt niets bewaard (5 jaar).")})
    return maand


def _full_clean(obj, exclude=()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        raise RegistratieError(
            {field: " ".join(messages) for field, messages in error.message_dict.items()}
        ) from None


@transaction.atomic
def contact_record(
    *,
    steunpunt: Steunpunt,
    maand: datetime.date,
    sector: str,
    vrager: str,
    kanaal: str,
    themas: Iterable[Thema],
    uitkomst: str,
    doorverwezen_naar: str = "",
    today: datetime.date | None = None,
) -> Contactregistratie:
    """Record one contact: the month, who asked how, about which themes, and what came of it."""
    themas = list(dict.fromkeys(themas))
    fouten = {}
    if not themas:
        fouten["themas"] = _("Kies ten minste één thema.")
    elif any(not thema.actief for thema in themas):
        fouten["themas"] = _("Een van de thema's is niet meer in gebruik; kies een ander.")
    if uitkomst != Uitkomst.DOORVERWEZEN:
        doorverwezen_naar = ""  # a referral target only belongs to a referral
    contact = Contactregistratie(
        steunpunt=steunpunt,
        maand=check_month(maand, today=today or datetime.date.today()),
        sector=sector,
        vrager=vrager,
        kanaal=kanaal,
        uitkomst=uitkomst,
        doorverwezen_naar=doorverwezen_naar,
    )
    try:
        _full_clean(contact, exclude=["steunpunt"])
    except RegistratieError as error:
        fouten = {**error.velden, **fouten}
    if fouten:
        raise RegistratieError(fouten)
    contact.save()
    ContactThema.objects.bulk_create(ContactThema(contact=contact, thema=t) for t in themas)
    transaction.on_commit(bump_data_version)
    return contact


@transaction.atomic
def maandtotalen_save(
    *,
    steunpunt: Steunpunt,
    maand: datetime.date,
    totalen: Mapping[Thema, tuple[int, int]],
    today: datetime.date | None = None,
) -> int:
    """Set a month's totals per theme (contacts, matches), as given; returns rows changed.

    A theme with 0 contacts has no row. Saving the same figures again changes nothing.
    """
    maand = check_month(maand, today=today or datetime.date.today())
    fouten = {}
    for thema, (contacten, matches) in totalen.items():
        if contacten < 0 or matches < 0:
            fouten[thema.code] = _("Vul 0 of meer in.")
        elif matches > contacten:
            fouten[thema.code] = _("Er kunnen niet meer matches dan contacten zijn.")
    if fouten:
        raise RegistratieError(fouten)
    bestaand = {t.thema_id: t for t in Maandtotaal.objects.filter(steunpunt=steunpunt, maand=maand)}
    veranderd = 0
    for thema, (contacten, matches) in totalen.items():
        rij = bestaand.get(thema.pk)
        if contacten == 0:
            if rij is not None:
                rij.delete()
                veranderd += 1
        elif rij is None:
            Maandtotaal.objects.create(
                steunpunt=steunpunt, maand=maand, thema=thema, contacten=contacten, matches=matches
            )
            veranderd += 1
        elif (rij.contacten, rij.matches) != (contacten, matches):
            rij.contacten, rij.matches = contacten, matches
            rij.save(update_fields=["contacten", "matches"])
            veranderd += 1
    if veranderd:
        transaction.on_commit(bump_data_version)
    return veranderd


def maandtotalen_of(steunpunt: Steunpunt, maand: datetime.date) -> dict[int, tuple[int, int]]:
    """The stored totals of a month: {thema pk: (contacten, matches)}."""
    rows = Maandtotaal.objects.filter(steunpunt=steunpunt, maand=first_of_month(maand))
    return {row.thema_id: (row.contacten, row.matches) for row in rows}


@transaction.atomic
def signaal_save(
    *, steunpunt: Steunpunt, kwartaal: datetime.date, thema: Thema, toelichting: str = ""
) -> Signaal:
    """Mark a theme as a signal to the SWV for a quarter (again: the note is replaced)."""
    kwartaal = first_of_quarter(kwartaal)
    signaal = Signaal.objects.filter(steunpunt=steunpunt, kwartaal=kwartaal, thema=thema).first()
    signaal = signaal or Signaal(steunpunt=steunpunt, kwartaal=kwartaal, thema=thema)
    signaal.toelichting = (toelichting or "").strip()
    _full_clean(signaal, exclude=["steunpunt", "thema"])
    if not thema.actief:
        raise RegistratieError({"thema": _("Dit thema is niet meer in gebruik; kies een ander.")})
    signaal.save()
    transaction.on_commit(bump_data_version)
    return signaal


@transaction.atomic
def signaal_withdraw(*, steunpunt: Steunpunt, pk: int) -> bool:
    """Take back a signal of this steunpunt; False when there was none."""
    deleted, _rows = Signaal.objects.filter(steunpunt=steunpunt, pk=pk).delete()
    if deleted:
        transaction.on_commit(bump_data_version)
    return bool(deleted)
