"""The launch per SWV, for OCW and beheerders: who has been invited, who logged in, which
steunpunt the SWV's own staff confirmed, and where nobody is yet; per SWV and per province.
Beside it, what Vindplek lists for the SWV now (issue 19): a steunpunt its staff confirmed, one
from a public source only, or nothing yet (an example steunpunt counts as nothing) -- decided
by the core's one rule, SamenwerkingsverbandQuerySet.with_vermelding(), which /overzicht/ and
its exports count with too.

An SWV's stand is the furthest it got: "bevestigd" (one of its own staff saved a steunpunt that
serves it, or pressed "Alles klopt nog"), "ingelogd" (one of its accounts logged in),
"uitgenodigd" (it has accounts, none logged in yet) or "niemand" (no account at all).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from steunpunten.models import Medewerker, Samenwerkingsverband, Steunpunt, Vermelding
from steunpunten.regio import provincie_name

BEVESTIGD, INGELOGD, UITGENODIGD, NIEMAND = "bevestigd", "ingelogd", "uitgenodigd", "niemand"
STANDEN = {
    BEVESTIGD: _("steunpunt bevestigd"),
    INGELOGD: _("ingelogd, nog niet bevestigd"),
    UITGENODIGD: _("uitgenodigd, nog niet ingelogd"),
    NIEMAND: _("nog niemand"),
}

# What Vindplek lists for an SWV now: the core's one rule (with_vermelding), not a rule of ours.
LIJST_BEVESTIGD, LIJST_OPENBARE_BRON, LIJST_NIETS = Vermelding.values
LIJST_STANDEN = dict(Vermelding.choices)


@dataclass(frozen=True)
class SwvStand:
    """One SWV in the launch."""

    code: str
    naam: str
    provincie: str
    accounts: int
    ingelogd: int
    bevestigd: bool
    lijst: str = LIJST_NIETS  # what Vindplek lists for it now (LIJST_STANDEN)

    @property
    def lijst_tekst(self) -> str:
        return str(LIJST_STANDEN[self.lijst])

    @property
    def stand(self) -> str:
        if self.bevestigd:
            return BEVESTIGD
        if self.ingelogd:
            return INGELOGD
        return UITGENODIGD if self.accounts else NIEMAND

    @property
    def stand_tekst(self) -> str:
        return str(STANDEN[self.stand])


@dataclass(frozen=True)
class Groep:
    """A province (or the whole country) with how many of its SWVs are at each stand."""

    naam: str
    telling: Counter
    lijst: Counter

    @property
    def totaal(self) -> int:
        return sum(self.telling.values())

    @property
    def bevestigd(self) -> int:
        return self.telling[BEVESTIGD]

    @property
    def ingelogd(self) -> int:
        return self.telling[INGELOGD]

    @property
    def uitgenodigd(self) -> int:
        return self.telling[UITGENODIGD]

    @property
    def niemand(self) -> int:
        return self.telling[NIEMAND]

    @property
    def lijst_bevestigd(self) -> int:
        return self.lijst[LIJST_BEVESTIGD]

    @property
    def lijst_openbare_bron(self) -> int:
        return self.lijst[LIJST_OPENBARE_BRON]

    @property
    def lijst_niets(self) -> int:
        return self.lijst[LIJST_NIETS]


@dataclass(frozen=True)
class Lancering:
    """The launch: per SWV, per province and for the country."""

    swvs: list[SwvStand]
    provincies: list[Groep]
    land: Groep


def _confirmed_swv_ids() -> set[int]:
    """SWVs whose own staff saved or confirmed a steunpunt that serves them (its history)."""
    staff_swvs: dict[int, set[int]] = defaultdict(set)
    through = Medewerker.samenwerkingsverbanden.through.objects
    for user_id, swv_id in through.values_list("medewerker__user_id", "samenwerkingsverband_id"):
        staff_swvs[user_id].add(swv_id)
    serving: dict[int, set[int]] = defaultdict(set)
    links = Steunpunt.samenwerkingsverbanden.through.objects
    for steunpunt_id, swv_id in links.values_list("steunpunt_id", "samenwerkingsverband_id"):
        serving[steunpunt_id].add(swv_id)
    saves = (
        Steunpunt.history.filter(history_user_id__in=list(staff_swvs))
        .values_list("id", "history_user_id")
        .distinct()
    )
    confirmed: set[int] = set()
    for steunpunt_id, user_id in saves:
        confirmed |= serving.get(steunpunt_id, set()) & staff_swvs[user_id]
    return confirmed


def launch_progress() -> Lancering:
    """Where each SWV stands in the launch, with the counts per province and nationally."""
    accounts: Counter = Counter()
    ingelogd: Counter = Counter()
    through = Medewerker.samenwerkingsverbanden.through.objects.filter(
        medewerker__user__is_active=True
    )
    for swv_id, last_login in through.values_list(
        "samenwerkingsverband_id", "medewerker__user__last_login"
    ):
        accounts[swv_id] += 1
        ingelogd[swv_id] += last_login is not None
    confirmed = _confirmed_swv_ids()
    swvs = [
        SwvStand(
            code=swv.code,
            naam=swv.naam,
            provincie=provincie_name(swv.provincie),
            accounts=accounts[swv.pk],
            ingelogd=ingelogd[swv.pk],
            bevestigd=swv.pk in confirmed,
            lijst=swv.vermelding,
        )
        for swv in Samenwerkingsverband.objects.with_vermelding().order_by("code")
    ]
    per_provincie: dict[str, Counter] = defaultdict(Counter)
    lijst_per_provincie: dict[str, Counter] = defaultdict(Counter)
    for swv in swvs:
        per_provincie[swv.provincie][swv.stand] += 1
        lijst_per_provincie[swv.provincie][swv.lijst] += 1
    provincies = [
        Groep(naam, per_provincie[naam], lijst_per_provincie[naam])
        for naam in sorted(per_provincie)
    ]
    land = Groep(
        str(_("Nederland")),
        Counter(swv.stand for swv in swvs),
        Counter(swv.lijst for swv in swvs),
    )
    return Lancering(swvs, provincies, land)
