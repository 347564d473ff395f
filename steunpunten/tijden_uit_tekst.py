"""The old free-text hours become slots (issue 25): `telefonisch_bereikbaar` gives the
steunpunt's own hours, `inloopspreekuur` those of the walk-in. A text that reads unambiguously
(tijdtekst.parse_openingstijden) becomes Tijdvak rows and is emptied; any other text stays,
and the SWV's staff see "Vul de tijden opnieuw in" on their start page
(`tijden_opnieuw_invullen`). The data migration 0012 and `zet_tekst_om` share `omzetten`.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from .cache import bump_data_version
from .models import KanaalSoort, Steunpunt, Tijdvak
from .tijdtekst import DAG, parse_openingstijden

# Old text field -> the channel its slots are for ("" = the steunpunt's own hours).
TEKSTVELDEN = {"telefonisch_bereikbaar": "", "inloopspreekuur": KanaalSoort.INLOOP.value}


@dataclass(frozen=True)
class Omzetting:
    """What happened to one steunpunt's texts: the fields read into slots, and those kept."""

    omgezet: tuple[str, ...] = ()
    bewaard: tuple[str, ...] = ()


def _tijd(minuut: int) -> datetime.time:
    return datetime.time(0) if minuut >= DAG else datetime.time(minuut // 60, minuut % 60)


def omzetten(steunpunt, tijdvak_model) -> Omzetting:
    """Read the old texts of this steunpunt into slots of `tijdvak_model` (the model, or its
    historical version in a migration). A channel that already has slots keeps them and its
    text. Saves the steunpunt's emptied fields (update_fields); the caller holds the
    transaction and bumps the data version."""
    omgezet, bewaard = [], []
    for veld, kanaal in TEKSTVELDEN.items():
        tekst = (getattr(steunpunt, veld) or "").strip()
        if not tekst:
            continue
        bestaand = tijdvak_model.objects.filter(steunpunt_id=steunpunt.pk, kanaal=kanaal)
        slots = parse_openingstijden(tekst)
        if slots is None or bestaand.exists():
            bewaard.append(veld)
            continue
        tijdvak_model.objects.bulk_create(
            tijdvak_model(
                steunpunt_id=steunpunt.pk,
                kanaal=kanaal,
                weekdag=slot.weekdag,
                van=_tijd(slot.van),
                tot=_tijd(slot.tot),
            )
            for slot in slots
        )
        setattr(steunpunt, veld, "")
        omgezet.append(veld)
    if omgezet:
        # A plain update: no history row, no "checked today" (the data did not change).
        type(steunpunt).objects.filter(pk=steunpunt.pk).update(**dict.fromkeys(omgezet, ""))
    return Omzetting(tuple(omgezet), tuple(bewaard))


def zet_tekst_om(steunpunt: Steunpunt) -> Omzetting:
    """omzetten() for one steunpunt, committed, with the data version moved on."""
    with transaction.atomic():
        result = omzetten(steunpunt, Tijdvak)
        if result.omgezet:
            transaction.on_commit(bump_data_version)
    return result


def tijden_opnieuw_invullen():
    """The steunpunten whose old hours text could not be read: staff fill them in again."""
    return Steunpunt.objects.exclude(Q(telefonisch_bereikbaar="") & Q(inloopspreekuur=""))
