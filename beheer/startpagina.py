"""What the start page of beheer shows each role: own steunpunten and what needs doing, the figures."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from steunpunten import freshness, permissions, poster
from steunpunten.coverage import Overzicht, overview
from steunpunten.kleine_aantallen import Aantal, Niveau, suppress_count
from steunpunten.models import (
    Contactregistratie,
    Melding,
    Peiling,
    Samenwerkingsverband,
    Signaal,
    Steunpunt,
    first_of_month,
    first_of_quarter,
)
from steunpunten.peilingen import compare, current_stand, stand_of

from .lancering import launch_progress


@dataclass(frozen=True)
class Taak:
    """Something a staff member should do about a steunpunt, as a short Dutch sentence."""

    tekst: str
    soort: str  # "controleren", "demo", "bevestigen", "melding", "publiceren", "tijden"

    @property
    def naar_meldingen(self) -> bool:
        """The task is done in the list of visitors' meldingen, not on the steunpunt's form."""
        return self.soort == "melding"

    @property
    def naar_tijden(self) -> bool:
        """The task is done on the steunpunt's page of opening hours."""
        return self.soort == "tijden"


@dataclass(frozen=True)
class MijnSteunpunt:
    """One of the user's steunpunten as the start page lists it."""

    steunpunt: Steunpunt
    open_meldingen: int
    taken: list[Taak] = field(default_factory=list)
    # Visits through the QR code of its poster: [(first day of the month, number)], newest first.
    poster_bezoeken: list = field(default_factory=list)


@dataclass(frozen=True)
class Landelijk:
    """OCW's headline figures: coverage now, the latest peiling and what changed since."""

    nu: Overzicht
    laatste_peiling: Peiling | None
    gekregen: int
    verloren: int
    per_swv: bool  # False: the peiling gave only its total, so gained and lost are unknown


@dataclass(frozen=True)
class Accounts:
    """The beheerder's view of staff accounts."""

    totaal: int
    zonder_app: int


def _taken(steunpunt: Steunpunt, open_meldingen: int) -> list[Taak]:
    taken = []
    if steunpunt.voorbeeld:
        taken.append(Taak(_("Vervang de voorbeeldgegevens door uw echte gegevens."), "demo"))
    elif steunpunt.uit_openbare_bron:
        taken.append(
            Taak(
                _(
                    "Overgenomen van een openbare website: kijk de gegevens na en sla op, dan "
                    "zijn ze door u bevestigd."
                ),
                "bevestigen",
            )
        )
    if steunpunt.telefonisch_bereikbaar or steunpunt.inloopspreekuur:
        # Old free-text hours that could not be read as slots (steunpunten/tijden_uit_tekst.py).
        taken.append(
            Taak(
                _("Vul de tijden opnieuw in: Vindplek kon de oude tekst niet zeker lezen."),
                "tijden",
            )
        )
    if freshness.is_stale(steunpunt.gecontroleerd_op):
        taken.append(Taak(_("Mogelijk verouderd: kijk de gegevens na."), "controleren"))
    if open_meldingen:
        taken.append(Taak(_("Bekijk de meldingen van bezoekers."), "melding"))
    if not steunpunt.gepubliceerd:
        taken.append(
            Taak(_("Nog niet gepubliceerd: bezoekers zien dit steunpunt niet."), "publiceren")
        )
    return taken


def my_steunpunten(user) -> list[MijnSteunpunt]:
    """The steunpunten this user keeps current, with their open reports and what needs doing."""
    open_q = Q(meldingen__afgehandeld=False)
    steunpunten = (
        permissions.editable_steunpunten(user)
        .annotate(open_meldingen=Count("meldingen", filter=open_q))
        .prefetch_related("samenwerkingsverbanden")
        .order_by("naam")
    )
    bezoeken = poster.recent_visits([s.pk for s in steunpunten])
    return [
        MijnSteunpunt(s, s.open_meldingen, _taken(s, s.open_meldingen), bezoeken[s.pk])
        for s in steunpunten
    ]


def swvs_without_steunpunt(user) -> list[Samenwerkingsverband]:
    """The user's own SWVs that have no steunpunt yet, by the one coverage rule."""
    return list(permissions.editable_swvs(user).without_steunpunt().order_by("code"))


def landelijk() -> Landelijk:
    """Coverage now and how it changed since the latest peiling."""
    peiling = Peiling.objects.not_withdrawn().order_by("-datum").first()
    gekregen = verloren = 0
    per_swv = False
    if peiling is not None:
        vergelijking = compare(stand_of(peiling), current_stand())
        gekregen, verloren = len(vergelijking.gekregen), len(vergelijking.verloren)
        per_swv = vergelijking.per_swv
    return Landelijk(overview(), peiling, gekregen, verloren, per_swv)


def accounts() -> Accounts:
    """How many staff accounts there are and how many have not set up their app yet."""
    staff = get_user_model().objects.filter(is_staff=True, is_active=True)
    apps = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return Accounts(staff.count(), staff.filter(~Exists(apps)).count())


@dataclass(frozen=True)
class Registratie:
    """A steunpunt the user records for, with this month's contacts (small numbers hidden)."""

    steunpunt: Steunpunt
    deze_maand: Aantal
    signalen_dit_kwartaal: int


def my_registraties(user, today) -> list[Registratie]:
    """The steunpunten whose contacts, signals and codes this user records."""
    steunpunten = permissions.recordable_steunpunten(user).order_by("naam")
    maand, kwartaal = first_of_month(today), first_of_quarter(today)
    return [
        Registratie(
            steunpunt,
            suppress_count(
                Contactregistratie.objects.filter(steunpunt=steunpunt, maand=maand).count(),
                niveau=Niveau.STEUNPUNT,
            ),
            Signaal.objects.filter(steunpunt=steunpunt, kwartaal=kwartaal).count(),
        )
        for steunpunt in steunpunten
    ]


def swv_signalen(user, today) -> list[Signaal]:
    """The signals of this and the last quarter from the steunpunten of the user's SWVs."""
    vorig = first_of_quarter(first_of_quarter(today) - datetime.timedelta(days=1))
    return list(
        permissions.visible_signalen(user)
        .filter(kwartaal__gte=vorig)
        .select_related("thema", "steunpunt")
        .order_by("-kwartaal", "thema__volgorde", "steunpunt__naam")
    )


def start_context(user) -> dict:
    """Everything the start page shows this user, by role (a beheerder sees all parts)."""
    context: dict = {}
    today = timezone.localdate()
    if permissions.is_swv_medewerker(user) and not permissions.is_beheerder(user):
        context["mijn_steunpunten"] = my_steunpunten(user)
        context["swvs_zonder_steunpunt"] = swvs_without_steunpunt(user)
        context["swv_signalen"] = swv_signalen(user, today)
        context["mijn_swvs"] = list(permissions.swvs_with_visible_counts(user).order_by("code"))
    if permissions.is_steunpunt_medewerker(user) and not permissions.is_beheerder(user):
        context["mijn_registraties"] = my_registraties(user, today)
    if permissions.can_export(user):
        context["landelijk"] = landelijk()
        context["lancering"] = launch_progress()
    if permissions.is_beheerder(user):
        context["accounts"] = accounts()
        context["beheer_taken"] = beheer_tasks()
    return context


def beheer_tasks() -> dict:
    """Counts a beheerder acts on: all steunpunten that need doing, over every SWV."""
    steunpunten = Steunpunt.objects.all()
    return {
        "demo": steunpunten.voorbeelden().count(),
        "verouderd": freshness.stale(steunpunten).count(),
        "open_meldingen": Melding.objects.filter(afgehandeld=False).count(),
    }
