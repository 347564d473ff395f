"""Editing when and how a steunpunt can be reached (issue 25): the week table, closures,
channels and the status, read from one form and saved by one service.

`tijden_save` checks everything first (times, overlaps, dates, language codes, the steunpunt's
own field rules) and reports every problem at once in Dutch (TijdenFout, keyed by the input's
name); then it saves through the edit service (editing.steunpunt_save: rights, the optimistic
lock, full_clean, "checked today", and `transaction.on_commit(bump_version)`) and replaces the
slots, closures and channel rows in the same transaction.

The form has no script: a day gets another empty row with the button "Tijd erbij" (the page
comes back with what was typed, nothing saved). Input names: `t-<kanaal>-<dag>-<n>-van/tot`
(kanaal `alg` for the steunpunt's own hours), `g-<kanaal>-van/tot` (valid from/to),
`s-<n>-van/tot/reden/weg` (closures), `k-<soort>-talen/toelichting` (channels).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from steunpunten import permissions
from steunpunten.bereikbaarheid import DAG, dag_naam, tijd_tekst
from steunpunten.models import (
    BereikbaarheidStatus,
    Kanaal,
    KanaalSoort,
    Sluiting,
    Steunpunt,
    Tijdvak,
    VakantieRegio,
)
from steunpunten.validators import validate_taalcodes

from . import editing

ALGEMEEN = "alg"
# The week tables: the steunpunt's own hours, then the channels that may have their own.
TABELLEN = (
    ALGEMEEN,
    KanaalSoort.TELEFOON,
    KanaalSoort.WHATSAPP,
    KanaalSoort.INLOOP,
    KanaalSoort.VIDEOGESPREK,
)
STEUNPUNTVELDEN = (
    "bereikbaarheid",
    "bereikbaarheid_melding",
    "whatsapp",
    "videogesprek",
    "vakantieregio",
    "dicht_in_schoolvakanties",
)
# The old text whose hours a table replaces: saved slots there empty it.
OUDE_TEKST = {ALGEMEEN: "telefonisch_bereikbaar", KanaalSoort.INLOOP: "inloopspreekuur"}
MAX_REGELS = 6  # slots per day and table
MAX_SLUITINGEN = 30


def kanaal_waarde(tabel: str) -> str:
    """The Tijdvak.kanaal of a table ("" for the steunpunt's own hours)."""
    return "" if tabel == ALGEMEEN else tabel


class TijdenFout(editing.EditError):
    """What is wrong with the form, per input name, in Dutch; nothing was saved."""

    code = "tijden"

    def __init__(self, fouten: dict[str, str]):
        self.fouten = fouten
        super().__init__(_("Controleer de gemarkeerde velden. Er is nog niets opgeslagen."))


# --- reading what people type -------------------------------------------------------------------

_TIJD = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?$")
_DATUM_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATUM_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def lees_tijd(tekst: str, *, einde: bool = False) -> int:
    """Minutes since midnight from "9", "9.30", "09:30" or "24:00"; an end of 00:00 is 24.00
    uur. ValueError (with a Dutch message) for anything else."""
    match = _TIJD.match((tekst or "").strip())
    if not match:
        raise ValueError(_("Vul een tijd in als 9:00 of 13:30."))
    uren, minuten = int(match.group(1)), int(match.group(2) or 0)
    if minuten > 59 or uren > 24 or (uren == 24 and minuten):
        raise ValueError(_("Een tijd ligt tussen 00:00 en 24:00."))
    waarde = uren * 60 + minuten
    return DAG if einde and waarde == 0 else waarde


def lees_datum(tekst: str) -> datetime.date | None:
    """A date from "2026-12-31" (the date field) or "31-12-2026"; None when empty."""
    tekst = (tekst or "").strip()
    if not tekst:
        return None
    if match := _DATUM_ISO.match(tekst):
        jaar, maand, dag = (int(deel) for deel in match.groups())
    elif match := _DATUM_NL.match(tekst):
        dag, maand, jaar = (int(deel) for deel in match.groups())
    else:
        raise ValueError(_("Vul een datum in als 31-12-2026."))
    try:
        return datetime.date(jaar, maand, dag)
    except ValueError:
        raise ValueError(_("Deze datum bestaat niet.")) from None


def _tijd_veld(minuut: int) -> str:
    """The value of a time field: "09:00"; 24.00 uur is "00:00" (midnight as an end)."""
    minuut %= DAG
    return f"{minuut // 60:02d}:{minuut % 60:02d}"


# --- the form's state -----------------------------------------------------------------------------


@dataclass
class Regel:
    """One row of a day: the inputs' names and values, and any message."""

    naam: str  # prefix of the input names: t-alg-0-1
    van: str = ""
    tot: str = ""
    van_fout: str = ""
    tot_fout: str = ""


@dataclass
class Dag:
    weekdag: int
    regels: list[Regel]

    @property
    def naam(self) -> str:
        return dag_naam(self.weekdag).capitalize()

    @property
    def rijen(self) -> int:
        """Rows the day's header spans: its slots and the row with the add button."""
        return len(self.regels) + 1


@dataclass
class Tabel:
    """One week table of the form: the steunpunt's own hours or a channel's."""

    sleutel: str
    dagen: list[Dag]
    geldig_van: str = ""
    geldig_tot: str = ""
    van_fout: str = ""
    tot_fout: str = ""

    @property
    def titel(self) -> str:
        if self.sleutel == ALGEMEEN:
            return _("Openingstijden van het steunpunt")
        return _("Eigen tijden voor: %(kanaal)s") % {"kanaal": KanaalSoort(self.sleutel).label}

    @property
    def heeft_tijden(self) -> bool:
        return any(r.van or r.tot for dag in self.dagen for r in dag.regels)


@dataclass
class SluitingRegel:
    naam: str
    van: str = ""
    tot: str = ""
    reden: str = ""
    van_fout: str = ""
    tot_fout: str = ""
    reden_fout: str = ""


@dataclass
class KanaalRegel:
    soort: str
    talen: str = ""
    toelichting: str = ""
    talen_fout: str = ""
    toelichting_fout: str = ""

    @property
    def label(self) -> str:
        return str(KanaalSoort(self.soort).label).capitalize()


@dataclass
class Formulier:
    """Everything the edit page shows; built from the data (formulier_van) or from a post."""

    velden: dict[str, object]
    tabellen: list[Tabel]
    sluitingen: list[SluitingRegel]
    kanalen: list[KanaalRegel]
    versie: int
    fouten: dict[str, str] = field(default_factory=dict)

    @property
    def veld_fouten(self) -> dict[str, str]:
        """The messages of the steunpunt's own fields (and "" for one about the whole form)."""
        return {naam: self.fouten[naam] for naam in ("", *STEUNPUNTVELDEN) if naam in self.fouten}

    def zet_fouten(self, fouten: dict[str, str]) -> None:
        """Put each message beside its input (the template reads them there)."""
        self.fouten = fouten
        for tabel in self.tabellen:
            tabel.van_fout = fouten.get(f"g-{tabel.sleutel}-van", "")
            tabel.tot_fout = fouten.get(f"g-{tabel.sleutel}-tot", "")
            for dag in tabel.dagen:
                for regel in dag.regels:
                    regel.van_fout = fouten.get(f"{regel.naam}-van", "")
                    regel.tot_fout = fouten.get(f"{regel.naam}-tot", "")
        for regel in self.sluitingen:
            regel.van_fout = fouten.get(f"{regel.naam}-van", "")
            regel.tot_fout = fouten.get(f"{regel.naam}-tot", "")
            regel.reden_fout = fouten.get(f"{regel.naam}-reden", "")
        for kanaal in self.kanalen:
            kanaal.talen_fout = fouten.get(f"k-{kanaal.soort}-talen", "")
            kanaal.toelichting_fout = fouten.get(f"k-{kanaal.soort}-toelichting", "")

    @property
    def foutenlijst(self) -> list[tuple[str, str]]:
        """(input id, "where: message") for the summary at the top."""
        return [
            (
                f"id_{naam}" if naam else "",
                f"{waar}: {bericht}" if (waar := veld_label(naam)) else bericht,
            )
            for naam, bericht in self.fouten.items()
        ]


_REGEL = re.compile(r"^t-(\w+)-(\d)-(\d+)-(van|tot)$")
_GELDIG = re.compile(r"^g-(\w+)-(van|tot)$")
_SLUITING = re.compile(r"^s-(\d+)-(van|tot|reden)$")
_KANAAL = re.compile(r"^k-(\w+)-(talen|toelichting)$")


def _tabel_naam(sleutel: str) -> str:
    return Tabel(sleutel, []).titel


def veld_label(naam: str) -> str:
    """Where an input is, in words: "Openingstijden van het steunpunt, maandag, tijd 2: tot"."""
    if match := _REGEL.match(naam):
        tabel, dag, nummer, kant = match.groups()
        waar = _("%(tabel)s, %(dag)s, tijd %(nummer)d") % {
            "tabel": _tabel_naam(tabel),
            "dag": dag_naam(int(dag)),
            "nummer": int(nummer) + 1,
        }
        return f"{waar}: {_('van') if kant == 'van' else _('tot')}"
    if match := _GELDIG.match(naam):
        tabel, kant = match.groups()
        soort = _("geldig vanaf") if kant == "van" else _("geldig tot en met")
        return f"{_tabel_naam(tabel)}: {soort}"
    if match := _SLUITING.match(naam):
        nummer, deel = match.groups()
        delen = {"van": _("Eerste dag"), "tot": _("Laatste dag"), "reden": _("Reden (kort)")}
        periode = _("Dicht, periode %(nummer)s") % {"nummer": int(nummer) + 1}
        return f"{periode}: {delen[deel].lower()}"
    if match := _KANAAL.match(naam):
        soort, deel = match.groups()
        label = str(KanaalSoort(soort).label).capitalize()
        return (
            _("%(kanaal)s: talen") % {"kanaal": label}
            if deel == "talen"
            else _("%(kanaal)s: toelichting") % {"kanaal": label}
        )
    if naam in STEUNPUNTVELDEN:
        return str(Steunpunt._meta.get_field(naam).verbose_name).capitalize()
    return ""


def _lege_regel(tabel: str, dag: int, n: int) -> Regel:
    return Regel(f"t-{tabel}-{dag}-{n}")


def formulier_van(steunpunt: Steunpunt) -> Formulier:
    """The form with the steunpunt's stored data and one empty row per day."""
    per_tabel: dict[str, dict[int, list[Tijdvak]]] = {
        t: {d: [] for d in range(7)} for t in TABELLEN
    }
    geldig: dict[str, tuple[str, str]] = {}
    for tijdvak in steunpunt.tijdvakken.all().order_by("weekdag", "van"):
        sleutel = tijdvak.kanaal or ALGEMEEN
        if sleutel not in per_tabel:
            continue
        per_tabel[sleutel][tijdvak.weekdag].append(tijdvak)
        if tijdvak.geldig_van or tijdvak.geldig_tot:
            geldig[sleutel] = (
                tijdvak.geldig_van.isoformat() if tijdvak.geldig_van else "",
                tijdvak.geldig_tot.isoformat() if tijdvak.geldig_tot else "",
            )
    tabellen = []
    for sleutel in TABELLEN:
        dagen = []
        for weekdag in range(7):
            regels = [
                Regel(
                    f"t-{sleutel}-{weekdag}-{n}",
                    _tijd_veld(t.van.hour * 60 + t.van.minute),
                    _tijd_veld(t.tot.hour * 60 + t.tot.minute),
                )
                for n, t in enumerate(per_tabel[sleutel][weekdag])
            ]
            regels.append(_lege_regel(sleutel, weekdag, len(regels)))
            dagen.append(Dag(weekdag, regels))
        van, tot = geldig.get(sleutel, ("", ""))
        tabellen.append(Tabel(sleutel, dagen, van, tot))
    sluitingen = [
        SluitingRegel(f"s-{n}", s.van.isoformat(), s.tot.isoformat(), s.reden)
        for n, s in enumerate(steunpunt.sluitingen.order_by("van"))
    ]
    sluitingen.append(SluitingRegel(f"s-{len(sluitingen)}"))
    bestaand = {k.soort: k for k in steunpunt.kanalen.all()}
    kanalen = [
        KanaalRegel(
            soort,
            bestaand[soort].talen if soort in bestaand else "",
            bestaand[soort].toelichting if soort in bestaand else "",
        )
        for soort in KanaalSoort.values
    ]
    velden = {naam: getattr(steunpunt, naam) for naam in STEUNPUNTVELDEN}
    return Formulier(velden, tabellen, sluitingen, kanalen, steunpunt.versie)


def _aantal(post, prefix: str, maximum: int) -> int:
    """How many numbered rows with this prefix the post holds (1 + the highest number)."""
    hoogste = -1
    patroon = re.compile(re.escape(prefix) + r"(\d+)-")
    for naam in post:
        if match := patroon.match(naam):
            hoogste = max(hoogste, int(match.group(1)))
    return min(hoogste + 1, maximum)


def formulier_uit_post(post, *, erbij: str = "") -> Formulier:
    """The form as it was posted (for showing it again); `erbij` ("alg-0", "s") adds an empty
    row to that day of that table, or to the closures."""
    velden: dict[str, object] = {
        naam: (post.get(naam, "") or "").strip()
        for naam in STEUNPUNTVELDEN
        if naam != "dicht_in_schoolvakanties"
    }
    velden["dicht_in_schoolvakanties"] = bool(post.get("dicht_in_schoolvakanties"))
    tabellen = []
    for sleutel in TABELLEN:
        dagen = []
        for weekdag in range(7):
            prefix = f"t-{sleutel}-{weekdag}-"
            aantal = max(_aantal(post, prefix, MAX_REGELS), 1)
            regels = [
                Regel(
                    f"{prefix}{n}",
                    (post.get(f"{prefix}{n}-van", "") or "").strip(),
                    (post.get(f"{prefix}{n}-tot", "") or "").strip(),
                )
                for n in range(aantal)
            ]
            if erbij == f"{sleutel}-{weekdag}" and len(regels) < MAX_REGELS:
                regels.append(_lege_regel(sleutel, weekdag, len(regels)))
            dagen.append(Dag(weekdag, regels))
        tabellen.append(
            Tabel(
                sleutel,
                dagen,
                (post.get(f"g-{sleutel}-van", "") or "").strip(),
                (post.get(f"g-{sleutel}-tot", "") or "").strip(),
            )
        )
    sluitingen = []
    for n in range(max(_aantal(post, "s-", MAX_SLUITINGEN), 1)):
        if post.get(f"s-{n}-weg"):
            continue
        sluitingen.append(
            SluitingRegel(
                f"s-{len(sluitingen)}",
                (post.get(f"s-{n}-van", "") or "").strip(),
                (post.get(f"s-{n}-tot", "") or "").strip(),
                (post.get(f"s-{n}-reden", "") or "").strip(),
            )
        )
    if erbij == "s" and len(sluitingen) < MAX_SLUITINGEN:
        sluitingen.append(SluitingRegel(f"s-{len(sluitingen)}"))
    kanalen = [
        KanaalRegel(
            soort,
            (post.get(f"k-{soort}-talen", "") or "").strip(),
            (post.get(f"k-{soort}-toelichting", "") or "").strip(),
        )
        for soort in KanaalSoort.values
    ]
    try:
        versie = int(post.get("versie_bij_openen", ""))
    except ValueError:
        versie = -1
    return Formulier(velden, tabellen, sluitingen, kanalen, versie)


# --- checking and saving --------------------------------------------------------------------------


@dataclass(frozen=True)
class Gecontroleerd:
    """The form's content, checked: what tijden_save writes."""

    tijdvakken: list[Tijdvak]
    sluitingen: list[Sluiting]
    kanalen: list[Kanaal]
    velden: dict[str, object]
    tabellen_met_tijden: set[str]


def controleer(formulier: Formulier, steunpunt: Steunpunt) -> Gecontroleerd:
    """Every rule of the form; TijdenFout with all messages (by input name) when one breaks."""
    fouten: dict[str, str] = {}
    tijdvakken: list[Tijdvak] = []
    met_tijden: set[str] = set()
    for tabel in formulier.tabellen:
        geldig_van = geldig_tot = None
        try:
            geldig_van = lees_datum(tabel.geldig_van)
        except ValueError as error:
            fouten[f"g-{tabel.sleutel}-van"] = str(error)
        try:
            geldig_tot = lees_datum(tabel.geldig_tot)
        except ValueError as error:
            fouten[f"g-{tabel.sleutel}-tot"] = str(error)
        if geldig_van and geldig_tot and geldig_tot < geldig_van:
            fouten[f"g-{tabel.sleutel}-tot"] = _("De einddatum moet na de begindatum liggen.")
        for dag in tabel.dagen:
            spannen: list[tuple[int, int, Regel]] = []
            for regel in dag.regels:
                if not regel.van and not regel.tot:
                    continue
                if not regel.van:
                    fouten[f"{regel.naam}-van"] = _("Vul ook de begintijd in.")
                    continue
                if not regel.tot:
                    fouten[f"{regel.naam}-tot"] = _("Vul ook de eindtijd in.")
                    continue
                try:
                    van = lees_tijd(regel.van)
                except ValueError as error:
                    fouten[f"{regel.naam}-van"] = str(error)
                    continue
                try:
                    tot = lees_tijd(regel.tot, einde=True)
                except ValueError as error:
                    fouten[f"{regel.naam}-tot"] = str(error)
                    continue
                if van >= DAG:
                    fouten[f"{regel.naam}-van"] = _("Een begintijd ligt voor 24:00.")
                    continue
                if tot <= van:
                    fouten[f"{regel.naam}-tot"] = _("De eindtijd moet na de begintijd liggen.")
                    continue
                spannen.append((van, tot, regel))
            spannen.sort(key=lambda s: (s[0], s[1]))
            for (_v1, tot1, _r1), (van2, _t2, regel2) in zip(spannen, spannen[1:], strict=False):
                if van2 < tot1:
                    fouten[f"{regel2.naam}-van"] = _(
                        "Deze tijd overlapt met een andere tijd op %(dag)s (tot %(tot)s)."
                    ) % {"dag": dag_naam(dag.weekdag), "tot": tijd_tekst(tot1)}
            for van, tot, _regel in spannen:
                met_tijden.add(tabel.sleutel)
                tijdvakken.append(
                    Tijdvak(
                        steunpunt=steunpunt,
                        kanaal=kanaal_waarde(tabel.sleutel),
                        weekdag=dag.weekdag,
                        van=datetime.time(van // 60, van % 60),
                        tot=datetime.time(0) if tot >= DAG else datetime.time(tot // 60, tot % 60),
                        geldig_van=geldig_van,
                        geldig_tot=geldig_tot,
                    )
                )
    sluitingen = []
    for regel in formulier.sluitingen:
        if not (regel.van or regel.tot or regel.reden):
            continue
        try:
            van = lees_datum(regel.van)
        except ValueError as error:
            fouten[f"{regel.naam}-van"] = str(error)
            continue
        if van is None:
            fouten[f"{regel.naam}-van"] = _("Vul de eerste dag in dat het steunpunt dicht is.")
            continue
        try:
            tot = lees_datum(regel.tot) or van
        except ValueError as error:
            fouten[f"{regel.naam}-tot"] = str(error)
            continue
        if tot < van:
            fouten[f"{regel.naam}-tot"] = _("De einddatum moet na de begindatum liggen.")
            continue
        if len(regel.reden) > 100:
            fouten[f"{regel.naam}-reden"] = _("Houd de reden kort: hoogstens 100 tekens.")
            continue
        sluitingen.append(Sluiting(steunpunt=steunpunt, van=van, tot=tot, reden=regel.reden))
    kanalen = []
    for regel in formulier.kanalen:
        if not (regel.talen or regel.toelichting):
            continue
        talen = " ".join(regel.talen.replace(",", " ").lower().split())
        try:
            validate_taalcodes(talen)
        except ValidationError as error:
            fouten[f"k-{regel.soort}-talen"] = " ".join(error.messages)
            continue
        if len(regel.toelichting) > 120:
            fouten[f"k-{regel.soort}-toelichting"] = _(
                "Houd de toelichting kort: hoogstens 120 tekens."
            )
            continue
        kanalen.append(
            Kanaal(
                steunpunt=steunpunt, soort=regel.soort, talen=talen, toelichting=regel.toelichting
            )
        )
    velden = dict(formulier.velden)
    if velden.get("bereikbaarheid") not in BereikbaarheidStatus.values:
        fouten["bereikbaarheid"] = _("Kies hoe het steunpunt nu bereikbaar is.")
    if velden.get("vakantieregio") not in ("", *VakantieRegio.values):
        fouten["vakantieregio"] = _("Kies noord, midden of zuid, of laat het leeg.")
    if velden.get("dicht_in_schoolvakanties") and not velden.get("vakantieregio"):
        fouten["vakantieregio"] = _(
            "Kies de regio van de schoolvakanties: anders weet Vindplek niet wanneer het "
            "steunpunt dicht is."
        )
    kopie = Steunpunt(**{naam: velden.get(naam) for naam in STEUNPUNTVELDEN})
    try:
        kopie.clean_fields(
            exclude=[f.name for f in Steunpunt._meta.fields if f.name not in STEUNPUNTVELDEN]
        )
    except ValidationError as error:
        for naam, berichten in error.message_dict.items():
            fouten.setdefault(naam, " ".join(berichten))
    if fouten:
        raise TijdenFout(fouten)
    return Gecontroleerd(tijdvakken, sluitingen, kanalen, velden, met_tijden)


def tijden_save(*, user, steunpunt_pk: int, formulier: Formulier) -> Steunpunt:
    """Check the form and save it all, or nothing: the steunpunt's fields through the edit
    service (rights, lock, full_clean, checked today, bump on commit), then its slots,
    closures and channel rows. TijdenFout, ConflictError, InvalidError or PermissionDenied
    when it cannot be saved."""
    with transaction.atomic():
        steunpunt = editing.steunpunt_for_edit(queryset=Steunpunt.objects.all(), pk=steunpunt_pk)
        if steunpunt is None:
            raise editing.ConflictError(editing.CONFLICT_MELDING)
        if not permissions.can_change_steunpunt(user, steunpunt):
            raise PermissionDenied
        gecontroleerd = controleer(formulier, steunpunt)
        changed = {"tijden"}
        for naam, waarde in gecontroleerd.velden.items():
            if getattr(steunpunt, naam) != waarde:
                setattr(steunpunt, naam, waarde)
                changed.add(naam)
        for sleutel, veld in OUDE_TEKST.items():
            # Hours entered in the table replace the old text they were written in.
            if sleutel in gecontroleerd.tabellen_met_tijden and getattr(steunpunt, veld):
                setattr(steunpunt, veld, "")
                changed.add(veld)
        editing.steunpunt_save(
            user=user,
            steunpunt=steunpunt,
            changed=changed,
            expected_versie=formulier.versie,
            stored=steunpunt,
        )
        for tijdvak in gecontroleerd.tijdvakken:
            editing.check_fields(tijdvak)
        for sluiting in gecontroleerd.sluitingen:
            editing.check_fields(sluiting)
        Tijdvak.objects.filter(steunpunt=steunpunt).delete()
        Tijdvak.objects.bulk_create(gecontroleerd.tijdvakken)
        Sluiting.objects.filter(steunpunt=steunpunt).delete()
        Sluiting.objects.bulk_create(gecontroleerd.sluitingen)
        Kanaal.objects.filter(steunpunt=steunpunt).delete()
        Kanaal.objects.bulk_create(gecontroleerd.kanalen)
    return steunpunt
