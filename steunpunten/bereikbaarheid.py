"""When a steunpunt can be reached, in words: "Nu bereikbaar tot 12.30 uur" (issue 25).

The data: opening slots per weekday (Tijdvak; for the steunpunt as a whole or per channel, with
valid-from/to dates), closures (Sluiting), the school holidays of the steunpunt's region when it
closes in them (Schoolvakantie), and a status with a short notice. Everything here works on a
`Rooster`, a plain frozen copy of that data (`rooster_van(steunpunt)`), so a cached search card
can carry it and the sentence is worked out when the page is shown, never cached.

Times are those of the Netherlands (Europe/Amsterdam). Every slot is turned into a moment in
UTC on its own date, so the hours stay right across the changes to and from summer time.

The functions others call:
- `bereikbaar_nu(steunpunt_or_rooster, moment=None, *, kanaal="telefoon") -> Bereikbaarheid`
  (`.zin` the sentence in the active language, `.geldig_tot` when it may change, `.open`)
- `week(steunpunt_or_rooster, datum=None, *, kanaal=None) -> list[Dagregel]` (Monday..Sunday)
- `uitzonderingen(steunpunt_or_rooster, datum=None, dagen=42) -> list[Dicht]`
- `openingen(steunpunt_or_rooster, van, tot, *, kanaal=None) -> list[(start, eind)]` (UTC)
- `kanalen(steunpunt) -> list[KanaalInfo]` (value, link, languages, own slots per channel)
- `tijdvenster(moment=None) -> (begin, eind)`: the window in which no sentence on any page
  changes (steunpunten/http.py puts it in the ETag and caps max-age with it)
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import talen as talen_module
from .models import (
    BereikbaarheidStatus,
    KanaalSoort,
    Schoolvakantie,
    Steunpunt,
    Tijdvak,
    Weekdag,
)

TZ = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC
DAG = 24 * 60  # minutes in a day; an end of 24.00 uur is stored as 00:00
# How far ahead the next opening is looked for.
HORIZON_DAGEN = 92
# Beyond this many days ahead the sentence names the date, not only the weekday.
WEEKDAG_BINNEN = 6

# Channels that follow the steunpunt's own hours when they have none of their own. E-mail and
# the contact form are not bound to hours; a walk-in has only the hours given for it.
VOLGT_STEUNPUNT = frozenset(
    {"", KanaalSoort.TELEFOON, KanaalSoort.WHATSAPP, KanaalSoort.VIDEOGESPREK}
)
TIJDGEBONDEN = VOLGT_STEUNPUNT | {KanaalSoort.INLOOP}


class Toestand:
    """What bereikbaar_nu() found; the sentence follows from it."""

    ONBEKEND = "onbekend"  # no hours known: say nothing
    OPEN = "open"  # "Nu bereikbaar tot 12.30 uur"
    LATER_VANDAAG = "later_vandaag"  # "Vandaag nog bereikbaar vanaf 13.00 uur"
    MORGEN = "morgen"  # "Weer bereikbaar morgen om 9.00 uur"
    WEER_OPEN = "weer_open"  # "Weer bereikbaar maandag om 9.00 uur" (or with the date)
    GESLOTEN_TOT = (
        "gesloten_tot"  # on a closure: "Kerstvakantie: gesloten tot maandag 5 januari om 9.00 uur"
    )
    GESLOTEN = "gesloten"  # no opening in sight
    TIJDELIJK_GESLOTEN = "tijdelijk_gesloten"  # the status says so


# --- the data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tijdslot:
    """One weekly slot: weekday (0 = Monday), minutes since midnight from and to (to <= 1440)."""

    weekdag: int
    van: int
    tot: int
    kanaal: str = ""
    geldig_van: datetime.date | None = None
    geldig_tot: datetime.date | None = None

    def geldig_op(self, datum: datetime.date) -> bool:
        return (
            datum.weekday() == self.weekdag
            and (self.geldig_van is None or self.geldig_van <= datum)
            and (self.geldig_tot is None or datum <= self.geldig_tot)
        )

    @property
    def tekst(self) -> str:
        """ "9.00–12.30 uur" (English "9:00–12:30")."""
        return tijdspanne_tekst(self.van, self.tot)


@dataclass(frozen=True)
class Dicht:
    """Days closed, from and to inclusive, with the reason (a closure or a school holiday)."""

    van: datetime.date
    tot: datetime.date
    reden: str = ""
    vakantie: bool = False

    def omvat(self, datum: datetime.date) -> bool:
        return self.van <= datum <= self.tot

    @property
    def tekst(self) -> str:
        """ "22 december t/m 4 januari" (English "22 December to 4 January")."""
        if self.van == self.tot:
            return datum_tekst(self.van, weekdag=False)
        return _("%(van)s t/m %(tot)s") % {
            "van": datum_tekst(self.van, weekdag=False),
            "tot": datum_tekst(self.tot, weekdag=False),
        }


@dataclass(frozen=True)
class Rooster:
    """A plain, cacheable copy of everything that decides when a steunpunt can be reached."""

    tijdslots: tuple[Tijdslot, ...] = ()
    dicht: tuple[Dicht, ...] = ()
    status: str = BereikbaarheidStatus.NORMAAL
    melding: str = ""

    def slots_voor(self, kanaal: str | None) -> tuple[Tijdslot, ...]:
        """The slots that hold for this channel: its own, else the steunpunt's when it follows
        them (telefoon, WhatsApp, video), else none. None or "" means the steunpunt's own."""
        kanaal = kanaal or ""
        eigen = tuple(s for s in self.tijdslots if s.kanaal == kanaal)
        if eigen or kanaal not in VOLGT_STEUNPUNT:
            return eigen
        return tuple(s for s in self.tijdslots if s.kanaal == "")

    def heeft_tijden(self, kanaal: str | None = None) -> bool:
        return bool(self.slots_voor(kanaal))

    @property
    def kanalen_met_eigen_tijden(self) -> list[str]:
        gezien = {s.kanaal for s in self.tijdslots if s.kanaal}
        return [k for k in KanaalSoort.values if k in gezien]

    def dicht_op(self, datum: datetime.date) -> Dicht | None:
        """The closure or holiday that covers this day, if any."""
        return next((d for d in self.dicht if d.omvat(datum)), None)


def minuten(tijd: datetime.time, *, einde: bool = False) -> int:
    """Minutes since midnight; an end time of 00:00 is midnight at the end of the day (1440)."""
    waarde = tijd.hour * 60 + tijd.minute
    return DAG if einde and waarde == 0 else waarde


def tijdslot_van(tijdvak: Tijdvak) -> Tijdslot:
    return Tijdslot(
        weekdag=tijdvak.weekdag,
        van=minuten(tijdvak.van),
        tot=minuten(tijdvak.tot, einde=True),
        kanaal=tijdvak.kanaal,
        geldig_van=tijdvak.geldig_van,
        geldig_tot=tijdvak.geldig_tot,
    )


def rooster_van(steunpunt: Steunpunt) -> Rooster:
    """The Rooster of a steunpunt. Prefetch `tijdvakken` and `sluitingen` for many steunpunten
    (ROOSTER_PREFETCH); the school holidays cost one query, only for a steunpunt that closes
    in them and has a region."""
    slots = tuple(
        sorted(
            (tijdslot_van(t) for t in steunpunt.tijdvakken.all()),
            key=lambda s: (s.kanaal, s.weekdag, s.van),
        )
    )
    dicht = [Dicht(s.van, s.tot, s.reden) for s in steunpunt.sluitingen.all()]
    if steunpunt.dicht_in_schoolvakanties and steunpunt.vakantieregio:
        dicht += [
            Dicht(v.van, v.tot, v.naam, vakantie=True)
            for v in Schoolvakantie.objects.filter(regio=steunpunt.vakantieregio)
        ]
    return Rooster(
        tijdslots=slots,
        dicht=tuple(sorted(dicht, key=lambda d: (d.van, d.tot))),
        status=steunpunt.bereikbaarheid,
        melding=steunpunt.bereikbaarheid_melding,
    )


# What to prefetch so that rooster_van() and kanalen() cost no query per steunpunt.
ROOSTER_PREFETCH = ("tijdvakken", "sluitingen")


def _rooster(bron: Steunpunt | Rooster) -> Rooster:
    return bron if isinstance(bron, Rooster) else rooster_van(bron)


# --- time -------------------------------------------------------------------------------------


def _utc(moment: datetime.datetime | None) -> datetime.datetime:
    """The moment in UTC; a naive moment is read as Dutch time."""
    if moment is None:
        moment = timezone.now()
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=TZ)
    return moment.astimezone(UTC)


def moment_op(datum: datetime.date, minuut: int) -> datetime.datetime:
    """The moment (UTC) at this many minutes after midnight, Dutch time, on this day.

    Each local time gets the UTC offset of its own date and hour, so 9.00 uur is 8.00 UTC in
    winter and 7.00 UTC in summer. 24.00 uur is midnight at the start of the next day.
    """
    if minuut >= DAG:
        datum, minuut = datum + datetime.timedelta(days=1), minuut - DAG
    lokaal = datetime.datetime.combine(datum, datetime.time(minuut // 60, minuut % 60), tzinfo=TZ)
    return lokaal.astimezone(UTC)


def open_op(
    rooster: Rooster, datum: datetime.date, kanaal: str | None = None
) -> list[tuple[int, int]]:
    """The open spans (minutes) of this day for this channel, merged; none on a closed day."""
    if rooster.status == BereikbaarheidStatus.GESLOTEN or rooster.dicht_op(datum):
        return []
    spans = sorted((s.van, s.tot) for s in rooster.slots_voor(kanaal) if s.geldig_op(datum))
    merged: list[tuple[int, int]] = []
    for van, tot in spans:
        if merged and van <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], tot))
        else:
            merged.append((van, tot))
    return merged


def openingen(
    bron: Steunpunt | Rooster,
    van: datetime.date,
    tot: datetime.date,
    *,
    kanaal: str | None = None,
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """Every open span (start, end in UTC) on the days from `van` to `tot` inclusive, with
    closures and holidays left out; spans that meet at midnight are joined."""
    rooster = _rooster(bron)
    result: list[tuple[datetime.datetime, datetime.datetime]] = []
    datum = van
    while datum <= tot:
        for begin, eind in open_op(rooster, datum, kanaal):
            start, end = moment_op(datum, begin), moment_op(datum, eind)
            if result and result[-1][1] == start:
                result[-1] = (result[-1][0], end)
            else:
                result.append((start, end))
        datum += datetime.timedelta(days=1)
    return result


# --- words ------------------------------------------------------------------------------------


def tijd_tekst(minuut: int, *, uur: bool = True) -> str:
    """ "9.00 uur" / "12.30 uur" (English "9:00", "12:30"); `uur=False` drops " uur"."""
    waarden = {"uur": minuut // 60, "minuut": f"{minuut % 60:02d}"}
    if uur:
        return _("%(uur)d.%(minuut)s uur") % waarden
    return _("%(uur)d.%(minuut)s") % waarden


def tijdspanne_tekst(van: int, tot: int, *, uur: bool = True) -> str:
    """ "9.00–12.30 uur" (English "9:00–12:30"); `uur=False` drops " uur"."""
    if not uur:
        return f"{tijd_tekst(van, uur=False)}–{tijd_tekst(tot, uur=False)}"
    return _("%(van)s–%(tot)s uur") % {
        "van": tijd_tekst(van, uur=False),
        "tot": tijd_tekst(tot, uur=False),
    }


def dag_naam(weekdag: int) -> str:
    """ "maandag" (English "Monday")."""
    return str(Weekdag(weekdag).label)


def datum_tekst(datum: datetime.date, *, weekdag: bool = True) -> str:
    """ "maandag 5 januari" (English "Monday 5 January"); without the weekday "5 januari"."""
    waarden = {
        "dag": datum.day,
        "maand": str(MONTHS[datum.month]),
        "weekdag": dag_naam(datum.weekday()),
    }
    if weekdag:
        return _("%(weekdag)s %(dag)d %(maand)s") % waarden
    return _("%(dag)d %(maand)s") % waarden


@dataclass(frozen=True)
class Bereikbaarheid:
    """The answer of bereikbaar_nu(): what holds now, and until when it holds.

    `zin` is the sentence in the active language; `geldig_tot` (UTC) the moment it may change
    (None: only an edit changes it); `open` whether the channel is open now.
    """

    toestand: str
    moment: datetime.datetime
    kanaal: str = KanaalSoort.TELEFOON
    tot: datetime.datetime | None = None  # OPEN: until when
    vanaf: datetime.datetime | None = None  # the next opening
    reden: str = ""  # the closure or holiday of today
    melding: str = ""
    status: str = BereikbaarheidStatus.NORMAAL
    geldig_tot: datetime.datetime | None = None

    def __bool__(self) -> bool:
        """False when there is nothing to say (no hours known, status normal)."""
        return self.toestand != Toestand.ONBEKEND

    @property
    def open(self) -> bool:
        return self.toestand == Toestand.OPEN

    @property
    def tijdelijk_gesloten(self) -> bool:
        """The steunpunt said it is closed for a while (its notice says until when)."""
        return self.toestand == Toestand.TIJDELIJK_GESLOTEN

    @property
    def zin(self) -> str:
        """The sentence, in the active language ("" when no hours are known)."""
        t = self.toestand
        if t == Toestand.ONBEKEND:
            return ""
        if t == Toestand.TIJDELIJK_GESLOTEN:
            return _("Tijdelijk gesloten")
        if t == Toestand.GESLOTEN:
            if self.reden:
                return _("%(reden)s: gesloten") % {"reden": capfirst(self.reden)}
            return _("Gesloten")
        vandaag = self.moment.astimezone(TZ).date()
        if t == Toestand.OPEN:
            eind = self.tot.astimezone(TZ)
            if eind.date() == vandaag:
                return _("Nu bereikbaar tot %(tijd)s") % {"tijd": tijd_tekst(_minuut(eind))}
            if eind.date() == vandaag + datetime.timedelta(days=1) and _minuut(eind) == 0:
                return _("Nu bereikbaar tot %(tijd)s") % {"tijd": tijd_tekst(DAG)}
            return _("Nu bereikbaar tot %(dag)s om %(tijd)s") % {
                "dag": datum_tekst(eind.date()),
                "tijd": tijd_tekst(_minuut(eind)),
            }
        begin = self.vanaf.astimezone(TZ)
        tijd = tijd_tekst(_minuut(begin))
        if t == Toestand.LATER_VANDAAG:
            return _("Vandaag nog bereikbaar vanaf %(tijd)s") % {"tijd": tijd}
        if t == Toestand.MORGEN:
            return _("Weer bereikbaar morgen om %(tijd)s") % {"tijd": tijd}
        dagen = (begin.date() - vandaag).days
        dag = dag_naam(begin.weekday()) if dagen <= WEEKDAG_BINNEN else datum_tekst(begin.date())
        if t == Toestand.GESLOTEN_TOT:
            zin = _("Gesloten tot %(dag)s om %(tijd)s") % {"dag": dag, "tijd": tijd}
            if self.reden:
                return _("%(reden)s: %(zin)s") % {
                    "reden": capfirst(self.reden),
                    "zin": zin[0].lower() + zin[1:],
                }
            return zin
        return _("Weer bereikbaar %(dag)s om %(tijd)s") % {"dag": dag, "tijd": tijd}


def _minuut(lokaal: datetime.datetime) -> int:
    return lokaal.hour * 60 + lokaal.minute


def _volgende_middernacht(moment: datetime.datetime) -> datetime.datetime:
    return moment_op(moment.astimezone(TZ).date(), DAG)


def bereikbaar_nu(
    bron: Steunpunt | Rooster,
    moment: datetime.datetime | None = None,
    *,
    kanaal: str | None = KanaalSoort.TELEFOON,
) -> Bereikbaarheid:
    """Whether the steunpunt (this channel: telefoon by default, None for the steunpunt's own
    hours) can be reached at this moment (default: now), and the sentence that says so."""
    rooster = _rooster(bron)
    nu = _utc(moment)
    basis = {
        "moment": nu,
        "kanaal": kanaal or "",
        "melding": rooster.melding,
        "status": rooster.status,
    }
    if rooster.status == BereikbaarheidStatus.GESLOTEN:
        return Bereikbaarheid(Toestand.TIJDELIJK_GESLOTEN, **basis)
    if not rooster.heeft_tijden(kanaal):
        return Bereikbaarheid(Toestand.ONBEKEND, **basis)
    vandaag = nu.astimezone(TZ).date()
    middernacht = _volgende_middernacht(nu)
    sluiting = rooster.dicht_op(vandaag)
    reden = sluiting.reden if sluiting else ""
    spans = openingen(
        rooster, vandaag, vandaag + datetime.timedelta(days=HORIZON_DAGEN), kanaal=kanaal
    )
    for start, eind in spans:
        if eind <= nu:
            continue
        if start <= nu:
            return Bereikbaarheid(
                Toestand.OPEN, tot=eind, geldig_tot=min(eind, middernacht), **basis
            )
        dag = start.astimezone(TZ).date()
        if sluiting:
            toestand = Toestand.GESLOTEN_TOT
        elif dag == vandaag:
            toestand = Toestand.LATER_VANDAAG
        elif dag == vandaag + datetime.timedelta(days=1):
            toestand = Toestand.MORGEN
        else:
            toestand = Toestand.WEER_OPEN
        return Bereikbaarheid(
            toestand, vanaf=start, reden=reden, geldig_tot=min(start, middernacht), **basis
        )
    return Bereikbaarheid(Toestand.GESLOTEN, reden=reden, geldig_tot=middernacht, **basis)


# --- the week ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dagregel:
    """One row of the week: the day and its hours."""

    weekdag: int
    datum: datetime.date
    tijden: tuple[tuple[int, int], ...]
    vandaag: bool = False

    @property
    def naam(self) -> str:
        return capfirst(dag_naam(self.weekdag))

    @property
    def gesloten(self) -> bool:
        return not self.tijden

    @property
    def tekst(self) -> str:
        """ "9.00–12.30 uur en 13.00–16.00 uur", or "gesloten"."""
        if not self.tijden:
            return _("gesloten")
        spannen = [tijdspanne_tekst(van, tot, uur=False) for van, tot in self.tijden]
        return _("%(tijden)s uur") % {"tijden": talen_module.opsomming(spannen)}


def week(
    bron: Steunpunt | Rooster,
    datum: datetime.date | None = None,
    *,
    kanaal: str | None = None,
) -> list[Dagregel]:
    """Monday to Sunday with the hours of this channel (None: the steunpunt's own) as they hold
    in the seven days from `datum` (default today); closures are listed by uitzonderingen()."""
    rooster = _rooster(bron)
    vandaag = datum or timezone.now().astimezone(TZ).date()
    slots = rooster.slots_voor(kanaal)
    regels = []
    for weekdag in range(7):
        dag = vandaag + datetime.timedelta(days=(weekdag - vandaag.weekday()) % 7)
        spans = sorted((s.van, s.tot) for s in slots if s.geldig_op(dag))
        regels.append(Dagregel(weekdag, dag, tuple(spans), vandaag=dag == vandaag))
    return regels


def week_kort(regels: list[Dagregel]) -> str:
    """The open days in short, neighbouring days with the same hours joined:
    "maandag t/m donderdag 9.00–16.00 uur; woensdag 13.00–15.00 uur" ("" when all closed)."""
    groepen: list[list[Dagregel]] = []
    for regel in regels:
        if regel.gesloten:
            continue
        vorige = groepen[-1][-1] if groepen else None
        if vorige and vorige.weekdag == regel.weekdag - 1 and vorige.tijden == regel.tijden:
            groepen[-1].append(regel)
        else:
            groepen.append([regel])
    delen = []
    for groep in groepen:
        dagen = dag_naam(groep[0].weekdag)
        if len(groep) == 2:
            dagen = _("%(eerste)s en %(laatste)s") % {
                "eerste": dagen,
                "laatste": dag_naam(groep[-1].weekdag),
            }
        elif len(groep) > 2:
            dagen = _("%(van)s t/m %(tot)s") % {"van": dagen, "tot": dag_naam(groep[-1].weekdag)}
        delen.append(f"{dagen} {groep[0].tekst}")
    return "; ".join(delen)


def uitzonderingen(
    bron: Steunpunt | Rooster, datum: datetime.date | None = None, dagen: int = 42
) -> list[Dicht]:
    """The closures and holidays that touch the coming `dagen` days (from `datum`, default today)."""
    rooster = _rooster(bron)
    vandaag = datum or timezone.now().astimezone(TZ).date()
    einde = vandaag + datetime.timedelta(days=dagen)
    return [d for d in rooster.dicht if d.tot >= vandaag and d.van <= einde]


# --- channels ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class KanaalInfo:
    """One way to reach a steunpunt: its value, link, languages and hours."""

    soort: str
    waarde: str
    href: str
    talen: tuple[str, ...] = ()
    toelichting: str = ""
    eigen_tijden: bool = False
    tijdgebonden: bool = False
    rooster: Rooster = field(default_factory=Rooster, repr=False)

    @property
    def label(self) -> str:
        return capfirst(str(KanaalSoort(self.soort).label))

    @property
    def whatsapp(self) -> bool:
        return self.soort == KanaalSoort.WHATSAPP

    @property
    def talen_tekst(self) -> str:
        return talen_module.talen_tekst(self.talen)

    def bereikbaar_nu(self, moment: datetime.datetime | None = None) -> Bereikbaarheid:
        return bereikbaar_nu(self.rooster, moment, kanaal=self.soort)

    def week(self, datum: datetime.date | None = None) -> list[Dagregel]:
        return week(self.rooster, datum, kanaal=self.soort)


def _wa_link(nummer: str) -> str:
    from .validators import normalise_telefoon

    cijfers = normalise_telefoon(nummer)
    return "https://wa.me/31" + cijfers[1:] if cijfers.startswith("0") else ""


def kanaal_waarden(steunpunt: Steunpunt) -> dict[str, tuple[str, str]]:
    """Per channel with a value: (value as shown, link). Inloop: the address, no link."""
    from .validators import normalise_telefoon

    waarden: dict[str, tuple[str, str]] = {}
    if steunpunt.telefoon:
        waarden[KanaalSoort.TELEFOON] = (
            steunpunt.telefoon,
            "tel:" + normalise_telefoon(steunpunt.telefoon),
        )
    if steunpunt.whatsapp:
        waarden[KanaalSoort.WHATSAPP] = (steunpunt.whatsapp, _wa_link(steunpunt.whatsapp))
    if steunpunt.email:
        waarden[KanaalSoort.EMAIL] = (steunpunt.email, "mailto:" + steunpunt.email)
    if steunpunt.contactformulier:
        waarden[KanaalSoort.CONTACTFORMULIER] = (
            steunpunt.contactformulier,
            steunpunt.contactformulier,
        )
    if steunpunt.adres:
        waarden[KanaalSoort.INLOOP] = (steunpunt.adres, "")
    if steunpunt.videogesprek:
        waarden[KanaalSoort.VIDEOGESPREK] = (steunpunt.videogesprek, steunpunt.videogesprek)
    return waarden


def kanalen(steunpunt: Steunpunt, rooster: Rooster | None = None) -> list[KanaalInfo]:
    """The channels of a steunpunt that have a value, in KanaalSoort order, each with its
    languages (Kanaal rows; prefetch `kanalen` too) and hours. Inloop appears only with an
    address; it has hours only when slots were given for it."""
    rooster = rooster or rooster_van(steunpunt)
    extra = {k.soort: k for k in steunpunt.kanalen.all()}
    result = []
    for soort, (waarde, href) in kanaal_waarden(steunpunt).items():
        kanaal = extra.get(soort)
        result.append(
            KanaalInfo(
                soort=soort,
                waarde=waarde,
                href=href,
                talen=tuple(kanaal.taalcodes) if kanaal else (),
                toelichting=kanaal.toelichting if kanaal else "",
                eigen_tijden=any(s.kanaal == soort for s in rooster.tijdslots),
                tijdgebonden=soort in TIJDGEBONDEN and rooster.heeft_tijden(soort),
                rooster=rooster,
            )
        )
    return result


@dataclass(frozen=True)
class Tijdentabel:
    """One week table of the steunpunt page: its caption and rows."""

    kanaal: str
    regels: list[Dagregel]

    @property
    def titel(self) -> str:
        if self.kanaal == KanaalSoort.INLOOP:
            return _("Inloopspreekuur")
        if self.kanaal:
            return capfirst(str(KanaalSoort(self.kanaal).label))
        return _("Openingstijden")

    @property
    def rijen(self) -> list[Dagregel]:
        """The steunpunt's own week in full; a channel's only on its open days."""
        if not self.kanaal:
            return self.regels
        return [regel for regel in self.regels if not regel.gesloten]


@dataclass(frozen=True)
class Overzicht:
    """Everything the steunpunt page says about reaching it (`overzicht(steunpunt)`)."""

    nu: Bereikbaarheid
    tabellen: list[Tijdentabel]
    uitzonderingen: list[Dicht]
    kanalen: list[KanaalInfo]
    melding: str


def overzicht(
    steunpunt: Steunpunt,
    moment: datetime.datetime | None = None,
    *,
    rooster: Rooster | None = None,
) -> Overzicht:
    """The sentence by phone now, a week table for the steunpunt's own hours and one per
    channel with hours of its own, the closures of the coming weeks and the channels."""
    rooster = rooster or rooster_van(steunpunt)
    vandaag = _utc(moment).astimezone(TZ).date()
    tabellen = []
    if rooster.heeft_tijden(None):
        tabellen.append(Tijdentabel("", week(rooster, vandaag)))
    for kanaal in rooster.kanalen_met_eigen_tijden:
        tabellen.append(Tijdentabel(kanaal, week(rooster, vandaag, kanaal=kanaal)))
    return Overzicht(
        nu=bereikbaar_nu(rooster, moment),
        tabellen=tabellen,
        uitzonderingen=uitzonderingen(rooster, vandaag) if tabellen else [],
        kanalen=kanalen(steunpunt, rooster),
        melding=rooster.melding,
    )


# --- caching ----------------------------------------------------------------------------------


def grenzen_per_weekdag() -> dict[int, tuple[int, ...]]:
    """Per weekday, every minute at which some slot (of any steunpunt) starts or ends."""
    grenzen: dict[int, set[int]] = {dag: set() for dag in range(7)}
    for weekdag, van, tot in Tijdvak.objects.values_list("weekdag", "van", "tot").distinct():
        grenzen[weekdag].add(minuten(van))
        grenzen[weekdag].add(minuten(tot, einde=True))
    return {dag: tuple(sorted(m for m in minuut if 0 < m < DAG)) for dag, minuut in grenzen.items()}


def tijdvenster(
    moment: datetime.datetime | None = None, *, grenzen: dict[int, tuple[int, ...]] | None = None
) -> tuple[datetime.datetime, datetime.datetime]:
    """The window [begin, eind) (UTC) around this moment in which no sentence of
    bereikbaar_nu() can change for any steunpunt: it changes only at the start or end of a
    slot, at midnight (closures, holidays, valid-from/to dates and "morgen" follow the day) or
    on an edit (which moves the data version). `grenzen`: grenzen_per_weekdag(), cached."""
    nu = _utc(moment)
    if grenzen is None:
        grenzen = grenzen_per_weekdag()
    lokaal = nu.astimezone(TZ)
    vandaag = lokaal.date()
    punten = [moment_op(vandaag, 0), *(moment_op(vandaag, m) for m in grenzen[vandaag.weekday()])]
    punten.append(moment_op(vandaag, DAG))
    begin = max(p for p in punten if p <= nu)
    eind = min(p for p in punten if p > nu)
    return begin, eind


_grenzen: tuple[int, dict[int, tuple[int, ...]]] | None = None


def huidig_tijdvenster(request=None) -> tuple[datetime.datetime, datetime.datetime]:
    """tijdvenster() now, remembered on the request. The slot edges are read once per data
    version and kept in this process (one query after an edit; no cache entry)."""
    from .cache import current_version

    global _grenzen
    bewaard = getattr(request, "_vindplek_tijdvenster", None)
    if bewaard is not None:
        return bewaard
    versie = current_version(request)
    onthouden = _grenzen
    if onthouden is None or onthouden[0] != versie:
        onthouden = _grenzen = (versie, grenzen_per_weekdag())
    venster = tijdvenster(grenzen=onthouden[1])
    if request is not None:
        request._vindplek_tijdvenster = venster
    return venster


__all__ = [
    "ROOSTER_PREFETCH",
    "TZ",
    "Bereikbaarheid",
    "Dagregel",
    "Dicht",
    "KanaalInfo",
    "Rooster",
    "Tijdslot",
    "Toestand",
    "bereikbaar_nu",
    "datum_tekst",
    "dag_naam",
    "grenzen_per_weekdag",
    "huidig_tijdvenster",
    "kanalen",
    "openingen",
    "rooster_van",
    "tijd_tekst",
    "tijdvenster",
    "uitzonderingen",
    "overzicht",
    "week",
    "week_kort",
]
