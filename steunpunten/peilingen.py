"""Peilingen: dated snapshots of coverage that never change once recorded, and their comparison.

A peiling copies values (names, statuses, totals), never references, so later edits of
steunpunten or SWVs leave it as it was. The model itself refuses any change or delete of a
recorded peiling or its rows (steunpunten/models.py); withdrawing is the one change it allows.
Recording and withdrawing end in one explicit on_commit(bump_version), so every cached public
page (and its ETag) moves on with them.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from steunpunten.cache import bump_data_version
from steunpunten.coverage import Dekking, Overzicht, Telling, count_statuses
from steunpunten.models import (
    Peiling,
    PeilingError,
    PeilingRegel,
    Samenwerkingsverband,
    Steunpunt,
)

__all__ = ["PeilingError", "record_peiling", "withdraw_peiling", "compare", "stand_for"]


def _snapshot(steunpunt: Steunpunt) -> dict:
    return {
        "naam": steunpunt.naam,
        "pad": steunpunt.get_absolute_url(),
        "status": steunpunt.status,
        "gecontroleerd_op": (
            steunpunt.gecontroleerd_op.isoformat() if steunpunt.gecontroleerd_op else None
        ),
        "herkomst": steunpunt.herkomst,
        "bron_url": steunpunt.bron_url,
    }


# Passend onderwijs (and with it the SWVs) started on 1 August 2014: no peiling lies before it.
EERSTE_PEILDATUM = datetime.date(2014, 8, 1)


def validate_peiling_datum(datum: datetime.date) -> None:
    """A peiling lies between the start of passend onderwijs and today; PeilingError otherwise."""
    if datum > timezone.localdate():
        raise PeilingError(_("Een peiling kan niet in de toekomst liggen."))
    if datum < EERSTE_PEILDATUM:
        raise PeilingError(
            _(
                "Een peiling kan niet vóór 1 augustus 2014 liggen: toen begon passend onderwijs "
                "en bestonden er nog geen samenwerkingsverbanden."
            )
        )


def withdraw_peiling(*, peiling: Peiling, door, reden: str) -> Peiling:
    """Withdraw a mistaken peiling: kept and marked, hidden from trend, comparison and exports."""
    reden = (reden or "").strip()
    if not reden:
        raise PeilingError(_("Schrijf op waarom de peiling wordt ingetrokken."))
    limit = Peiling._meta.get_field("reden_intrekking").max_length
    if len(reden) > limit:
        raise PeilingError(_("De reden mag hooguit %(n)s tekens hebben.") % {"n": limit})
    if peiling.ingetrokken_op is not None:
        raise PeilingError(_("Deze peiling is al ingetrokken."))
    with transaction.atomic():
        changed = Peiling.objects.record_withdrawal(
            pk=peiling.pk, ingetrokken_op=timezone.now(), ingetrokken_door=door, reden=reden
        )
        if not changed:
            raise PeilingError(_("Deze peiling is al ingetrokken."))
        # The trend, the comparison and the exports change: every cached page must too.
        transaction.on_commit(bump_data_version)
    peiling.refresh_from_db()
    return peiling


def record_peiling(
    *, datum: datetime.date, omschrijving: str = "", historisch: bool = False
) -> Peiling:
    """Record today's coverage as the peiling of `datum`; refuses a date that has one already."""
    validate_peiling_datum(datum)
    taken = PeilingError(
        _("Er is al een peiling van %(datum)s.") % {"datum": datum.strftime("%d-%m-%Y")}
    )
    if Peiling.objects.filter(datum=datum).exists():
        raise taken
    limit = Peiling._meta.get_field("omschrijving").max_length
    if len(omschrijving) > limit:
        raise PeilingError(_("De omschrijving mag hooguit %(n)s tekens hebben.") % {"n": limit})
    swvs = (
        Samenwerkingsverband.objects.with_coverage().with_published_steunpunten().order_by("code")
    )
    try:
        with transaction.atomic():
            peiling = _store(datum, omschrijving, list(swvs), historisch)
            transaction.on_commit(bump_data_version)  # the trend on /overzicht/ shows it
            return peiling
    except IntegrityError as error:  # someone recorded the same date a moment earlier
        raise taken from error


def record_peiling_totaal(
    *, datum: datetime.date, aantal_swv: int, aantal_met_steunpunt: int, omschrijving: str = ""
) -> Peiling:
    """Record a peiling held elsewhere of which only the total is known ("127 of 150").

    It holds nothing per SWV, sector or status, so nothing of the kind is ever shown for it;
    it is dated (also its moment of recording) to the day it was held.
    """
    validate_peiling_datum(datum)
    if Peiling.objects.filter(datum=datum).exists():
        raise PeilingError(
            _("Er is al een peiling van %(datum)s.") % {"datum": datum.strftime("%d-%m-%Y")}
        )
    if aantal_swv < 1 or not 0 <= aantal_met_steunpunt <= aantal_swv:
        raise PeilingError(
            _(
                "Het aantal samenwerkingsverbanden met een steunpunt ligt tussen 0 en het "
                "totaal, en het totaal is minstens 1."
            )
        )
    limit = Peiling._meta.get_field("omschrijving").max_length
    if len(omschrijving) > limit:
        raise PeilingError(_("De omschrijving mag hooguit %(n)s tekens hebben.") % {"n": limit})
    try:
        with transaction.atomic():
            peiling = Peiling.objects.create(
                datum=datum,
                omschrijving=omschrijving,
                aantal_swv=aantal_swv,
                aantal_met_steunpunt=aantal_met_steunpunt,
                aangemaakt=datetime.datetime.combine(datum, datetime.time(12), datetime.UTC),
            )
            transaction.on_commit(bump_data_version)
    except IntegrityError as error:  # someone recorded the same date a moment earlier
        raise PeilingError(
            _("Er is al een peiling van %(datum)s.") % {"datum": datum.strftime("%d-%m-%Y")}
        ) from error
    return peiling


def _store(datum, omschrijving, swvs, historisch) -> Peiling:
    # The totals come from the very rows stored, so they always agree with them.
    rows = [(swv, swv.dekking) for swv in swvs]
    counts = count_statuses((swv.sector, swv.provincie, status) for swv, status in rows)
    # A survey held before it was entered here is dated to the day it was held.
    held = datetime.datetime.combine(datum, datetime.time(12), datetime.UTC)
    peiling = Peiling.objects.create(
        aangemaakt=held if historisch else timezone.now(),
        datum=datum,
        omschrijving=omschrijving,
        aantal_swv=counts.alle.totaal,
        aantal_met_steunpunt=counts.alle.met_steunpunt,
        po_totaal=counts.po.totaal,
        po_met_steunpunt=counts.po.met_steunpunt,
        vo_totaal=counts.vo.totaal,
        vo_met_steunpunt=counts.vo.met_steunpunt,
    )
    PeilingRegel.objects.bulk_create(
        PeilingRegel(
            peiling=peiling,
            swv_code=swv.code,
            sector=swv.sector,
            naam=swv.naam,
            provincie=swv.provincie,
            status=status,
            steunpunten=[_snapshot(s) for s in swv.gepubliceerde_steunpunten],
        )
        for swv, status in rows
    )
    return peiling


def parse_peiling_datum(value: str) -> datetime.date:
    """Read a survey date written as 2023-11-01 or 1-11-2023; PeilingError when it is none."""
    text = (value or "").strip()
    parts = text.split("-")
    if len(parts) == 3 and len(parts[2]) == 4:
        text = "-".join(reversed(parts))
    try:
        datum = parse_date(text)
    except ValueError:
        datum = None
    if datum is None:
        raise PeilingError(
            _("“%(waarde)s” is geen datum. Schrijf de datum als 2023-11-01.") % {"waarde": value}
        )
    return datum


def find_peiling(value: str) -> Peiling:
    """The peiling of the date in `value`; PeilingError with a Dutch message otherwise."""
    datum = parse_peiling_datum(value)
    peiling = Peiling.objects.not_withdrawn().filter(datum=datum).first()
    if peiling is None:
        raise PeilingError(
            _("Er is geen peiling van %(datum)s.") % {"datum": datum.strftime("%d-%m-%Y")}
        )
    return peiling


@dataclass(frozen=True)
class SwvStand:
    """One SWV as a peiling (or today) saw it."""

    code: str
    sector: str
    naam: str
    provincie: str
    status: str


@dataclass(frozen=True)
class Stand:
    """Coverage at one moment: a recorded peiling, or now (datum None).

    A peiling that gave only its total (November 2023: 127 of 150) has no SWVs (`per_swv`
    False) and only `totaal`; nothing per SWV, sector or status is made up for it.
    """

    datum: datetime.date | None
    swvs: dict[str, SwvStand]
    totaal: Telling

    @property
    def is_nu(self) -> bool:
        return self.datum is None

    @property
    def per_swv(self) -> bool:
        return bool(self.swvs)

    def overzicht(self) -> Overzicht:
        """The counts of this moment, overall, per sector and per province (per SWV only)."""
        return count_statuses((s.sector, s.provincie, s.status) for s in self.swvs.values())


def stand_of(peiling: Peiling) -> Stand:
    """The coverage a recorded peiling holds: its rows per SWV when it has them, its total."""
    rows = peiling.regels.values_list("swv_code", "sector", "naam", "provincie", "status")
    totaal = Telling(peiling.aantal_swv, peiling.aantal_met_steunpunt)
    return Stand(peiling.datum, {row[0]: SwvStand(*row) for row in rows}, totaal)


def current_stand() -> Stand:
    """The coverage now, by the single definition."""
    swvs = Samenwerkingsverband.objects.with_coverage().order_by("code")
    rows = {
        s.code: SwvStand(s.code, s.sector, s.naam, s.provincie, s.dekking)
        for s in swvs.only("code", "sector", "naam", "provincie")
    }
    statuses = [row.status for row in rows.values()]
    return Stand(None, rows, Telling(len(statuses), statuses.count(Dekking.ACTIEF)))


@dataclass(frozen=True)
class Wijziging:
    """A SWV whose status differs between two moments."""

    code: str
    naam: str
    sector: str
    provincie: str
    was: str
    wordt: str

    @property
    def was_label(self) -> str:
        return str(Dekking(self.was).label)

    @property
    def wordt_label(self) -> str:
        return str(Dekking(self.wordt).label)


@dataclass(frozen=True)
class Vergelijking:
    """What changed between two moments: SWVs that gained or lost a steunpunt, and the rest.

    When one of the two moments is a peiling without rows per SWV, only the totals compare
    (`per_swv` False, the lists empty): who gained or lost cannot be known, so it is not said.
    """

    van: Stand
    tot: Stand
    gekregen: list[Wijziging]
    verloren: list[Wijziging]
    overig: list[Wijziging]

    @property
    def per_swv(self) -> bool:
        return self.van.per_swv and self.tot.per_swv

    @property
    def verschil(self) -> int:
        """How many more SWVs had a steunpunt at the second moment than at the first."""
        return self.tot.totaal.met_steunpunt - self.van.totaal.met_steunpunt


def compare(van: Stand, tot: Stand) -> Vergelijking:
    """Compare two moments: gained means "has an active steunpunt now and had none before"."""
    if not (van.per_swv and tot.per_swv):
        return Vergelijking(van, tot, [], [], [])
    changes = []
    for code in sorted(set(van.swvs) | set(tot.swvs)):
        before, after = van.swvs.get(code), tot.swvs.get(code)
        was = before.status if before else Dekking.GEEN
        wordt = after.status if after else Dekking.GEEN
        if was != wordt:
            swv = after or before
            changes.append(Wijziging(code, swv.naam, swv.sector, swv.provincie, was, wordt))
    return Vergelijking(
        van=van,
        tot=tot,
        gekregen=[c for c in changes if c.wordt == Dekking.ACTIEF],
        verloren=[c for c in changes if c.was == Dekking.ACTIEF],
        overig=[c for c in changes if Dekking.ACTIEF not in (c.was, c.wordt)],
    )


NU = "nu"


def stand_for(value: str) -> Stand:
    """The moment `value` names: "nu" for now, or the date of a recorded peiling."""
    if (value or "").strip().lower() == NU:
        return current_stand()
    return stand_of(find_peiling(value))
