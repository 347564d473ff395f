"""What a search answers: plain, cacheable dataclasses, built once from the models.

No model instances inside, so an answer can live in any cache backend (cache.py) and be
rendered without another query.
"""

import datetime
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from steunpunten import freshness
from steunpunten.bereikbaarheid import (
    Bereikbaarheid,
    Rooster,
    bereikbaar_nu,
    rooster_van,
    week,
    week_kort,
)
from steunpunten.caribisch import Eiland
from steunpunten.gemeenten import Herindeling, Via, label_text
from steunpunten.models import (
    SECTOR_VELD,
    HerkomstEigenschappen,
    KanaalSoort,
    Samenwerkingsverband,
    Steunpunt,
    SteunpuntStatus,
    site_name,
)
from steunpunten.namenlijst import AndereNaam
from steunpunten.regio import Sector, provincie_name

# Which Steunpunt field says it serves a group (used by the filters; SECTOR_VELD for sectors).
DOELGROEP_VELD = {"ouders": "voor_ouders", "jongeren": "voor_jongeren"}


class Uitkomst(StrEnum):
    GEVONDEN = "gevonden"
    KEUZES = "keuzes"
    GEEN_SWV = "geen_swv"  # Europoort: a PC4 that the regio-indeling gives no SWV
    ONBEKEND = "onbekend"  # a well-formed postcode that no data knows
    POSTBUS = "postbus"  # a PC4 range that PostNL uses for postbussen only (2500)
    PLAATS_ONBEKEND = "plaats_onbekend"
    PROVINCIE = "provincie"  # a province's name: its page lists every SWV there
    BUITEN_REGIO = "buiten_regio"  # Caribbean Netherlands, Aruba, Curaçao, Sint Maarten


# What a parent reads when a search finds no region: one text per outcome, for the results
# page, the wegwijzer and the API alike (Antwoord.melding fills in the postcode or the name).
MELDINGEN = {
    Uitkomst.GEEN_SWV: _(
        "Postcode %(pc4)s ligt in het havengebied Europoort. Volgens de regio-indeling hoort "
        "deze postcode bij geen enkel samenwerkingsverband. Zoek op de postcode van de school "
        "van uw kind, of vraag hulp bij Ouders & Onderwijs."
    ),
    Uitkomst.POSTBUS: _(
        "Postcode %(pc4)s is een postcode voor postbussen, niet voor huizen of scholen. Vul de "
        "postcode van uw huis of van de school van uw kind in."
    ),
    Uitkomst.ONBEKEND: _(
        "We kennen deze postcode niet (%(postcode)s). Controleer de cijfers, of zoek op de naam "
        "van uw plaats of op de postcode van de school."
    ),
    Uitkomst.PLAATS_ONBEKEND: _(
        "We kennen geen plaats, gemeente of school met de naam „%(zoekterm)s”. Controleer de "
        "spelling, of zoek op uw postcode."
    ),
    Uitkomst.PROVINCIE: _(
        "In de provincie %(provincie)s werken meer samenwerkingsverbanden, elk voor een eigen "
        "regio. Welk steunpunt bij u hoort, hangt af van uw postcode of plaats."
    ),
    Uitkomst.BUITEN_REGIO: _(
        "%(eiland)s hoort bij Caribisch Nederland. De samenwerkingsverbanden passend onderwijs en "
        "hun steunpunten werken alleen in Europees Nederland. Op Bonaire, Sint Eustatius en Saba "
        "helpt het Expertisecentrum Onderwijszorg (EOZ) van het eiland de scholen bij extra "
        "ondersteuning. Vraag de school van uw kind hoe u het EOZ bereikt."
    ),
}
# Aruba, Curaçao and Sint Maarten: countries of their own, with their own education.
MELDING_EIGEN_LAND = _(
    "%(eiland)s is een eigen land binnen het Koninkrijk, met een eigen onderwijsstelsel. De "
    "samenwerkingsverbanden passend onderwijs en hun steunpunten werken alleen in Europees "
    "Nederland. Vraag de school van uw kind of het ministerie van onderwijs van %(eiland)s waar u "
    "terechtkunt."
)


def page_url(name: str, arg: str) -> str:
    """The URL of a steunpunt's or SWV's page in the active language (with or without /en/).

    A results page links to several of them on every request; the URL depends only on the
    name, the argument, the language, the URLconf and the script prefix, so each is reversed
    once."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _page_url(name, arg, get_language(), get_script_prefix(), urlconf)


@lru_cache(maxsize=4096)
def _page_url(name: str, arg: str, language: str, prefix: str, urlconf: str) -> str:
    return reverse(name, args=[arg], urlconf=urlconf)


@dataclass(frozen=True)
class SteunpuntKaart(HerkomstEigenschappen):
    """What a result shows of one steunpunt."""

    pk: int
    naam: str
    slug: str
    status: str
    herkomst: str  # Herkomst: bevestigd, openbare_bron or voorbeeld
    bron_url: str
    voor_ouders: bool
    voor_jongeren: bool
    voor_po: bool
    voor_vo: bool
    telefoon: str
    email: str
    website: str
    contactformulier: str
    telefonisch_bereikbaar: str
    inloopspreekuur: str
    alleen_online: bool
    adres: str
    plaats: str
    gecontroleerd_op: datetime.date | None
    swv_codes: tuple[str, ...]
    # The opening hours as plain data; the sentence is worked out when the card is shown.
    rooster: Rooster = Rooster()

    @property
    def url(self) -> str:
        """The steunpunt's page in the language of this request (cards hold no language)."""
        return page_url("zoeken:steunpunt", self.slug)

    @property
    def bereikbaarheid(self) -> Bereikbaarheid:
        """ "Nu bereikbaar tot 12.30 uur": by phone, now (never cached: see http.page_etag)."""
        return bereikbaar_nu(self.rooster, kanaal=KanaalSoort.TELEFOON)

    @property
    def inloop_tijden(self) -> str:
        """The walk-in hours in short ("woensdag 13.00–15.00 uur"), "" without any."""
        if not self.rooster.heeft_tijden(KanaalSoort.INLOOP):
            return ""
        return week_kort(week(self.rooster, kanaal=KanaalSoort.INLOOP))

    @property
    def in_oprichting(self) -> bool:
        return self.status == SteunpuntStatus.IN_OPRICHTING

    @property
    def verouderd_tonen(self) -> bool:
        """Whether to warn that the data is old (data from a public page says that it is
        unconfirmed instead: nobody checked it)."""
        return not self.uit_openbare_bron and self.mogelijk_verouderd

    @property
    def mogelijk_verouderd(self) -> bool:
        return freshness.is_stale(self.gecontroleerd_op)

    @property
    def voor_groep(self) -> str:
        """Who it is for: "Voor ouders en jongeren" ("" when it says neither)."""
        if self.voor_ouders and self.voor_jongeren:
            return gettext("Voor ouders en jongeren")
        if self.voor_ouders or self.voor_jongeren:
            return gettext("Voor ouders") if self.voor_ouders else gettext("Voor jongeren")
        return ""

    @property
    def voor_wie(self) -> str:
        """Who it is for and which school, in one line: "Voor ouders en jongeren · basisschool".

        Inside an answer's block the block's heading says which school (weergave.Blok.voor), so
        the card there says only `voor_groep`: a card never contradicts its heading."""
        if self.voor_po and self.voor_vo:
            school = gettext("basisschool en middelbare school")
        elif self.voor_po or self.voor_vo:
            school = gettext("basisschool") if self.voor_po else gettext("middelbare school")
        else:
            school = ""
        return " · ".join(part for part in (self.voor_groep, school) if part)


@dataclass(frozen=True)
class SwvKaart:
    """One sector's answer: the SWV, whether it has a steunpunt, and its steunpunten."""

    code: str
    naam: str
    leesbare_code: str
    sector: str
    provincie: str
    provincie_naam: str
    website: str
    email: str
    telefoon: str
    bezoekadres: str
    heeft_steunpunt: bool
    dekking: str  # a Dekking value: the one coverage rule (with_coverage)
    steunpunten: tuple[SteunpuntKaart, ...]

    @property
    def url(self) -> str:
        """The SWV's page in the language of this request."""
        return page_url("zoeken:samenwerkingsverband", self.code)

    @property
    def is_po(self) -> bool:
        """For primary schools (de basisschool), as Samenwerkingsverband.is_po."""
        return self.sector == Sector.PO

    @property
    def website_site(self) -> str:
        return site_name(self.website)


@dataclass(frozen=True)
class InDeBuurt:
    steunpunt: SteunpuntKaart
    afstand_km: float


@dataclass(frozen=True)
class Keuze:
    """One candidate when a name matches several places or regions."""

    naam: str
    gemeente: str
    provincie_naam: str
    pc4_van: str
    pc4_tot: str
    plaatsen: tuple[str, ...] = ()
    label_niveau: int = 0  # see gemeenten.label_candidates
    # Its PC4s as ranges that hold no other option's PC4 (gemeenten.postcode_text).
    postcodes: str = ""

    @property
    def postcode_tekst(self) -> str:
        """The postcodes to show: never a range that overlaps another option's."""
        if self.postcodes:
            return self.postcodes
        return self.pc4_van if self.pc4_van == self.pc4_tot else f"{self.pc4_van}–{self.pc4_tot}"

    @property
    def label(self) -> str:
        """Unique within its list and says where, in the active language: "Hengelo (Overijssel)"."""
        return label_text(
            naam=self.naam,
            gemeente=self.gemeente,
            provincie_naam=self.provincie_naam,
            pc4_van=self.pc4_van,
            pc4_tot=self.pc4_tot,
            niveau=self.label_niveau,
            postcodes=self.postcodes,
        )

    @property
    def zoekterm(self) -> str:
        return self.pc4_van


@dataclass(frozen=True)
class SchoolKaart:
    """The school that decided an answer: its sector(s) pick the SWV(s) of its PC4.

    No URL inside: answers are cached for every language, so pages and the API reverse the
    school's URL (with or without /en/) themselves."""

    vestigingscode: str
    brin: str
    naam: str
    soort: str
    denominatie: str
    adres: str
    plaats: str
    website: str
    sectoren: tuple[str, ...]
    speciaal: bool


@dataclass(frozen=True)
class SchoolKeuze:
    """One school in a choice list: enough to tell it from the others with the same name."""

    vestigingscode: str
    naam: str
    soort: str
    adres: str
    plaats: str
    met_code: bool = False  # another line reads the same: the vestigingscode tells them apart


@dataclass(frozen=True)
class Antwoord:
    """The answer to one search, for the page and the API alike."""

    uitkomst: Uitkomst
    zoekterm: str
    postcode: str | None = None
    pc4: str = ""
    gemeente: str = ""
    plaats: str = ""
    benadering: bool = False
    benaderd_met: str = ""
    benaderd_via: str = ""  # gemeenten.Via: how a PC4 issued after 2015 was placed
    herindeling: Herindeling | None = None  # an old gemeente name was searched for
    po: SwvKaart | None = None
    vo: SwvKaart | None = None
    in_de_buurt: tuple[InDeBuurt, ...] = ()
    keuzes: tuple[Keuze, ...] = field(default=())
    andere_delen: tuple[Keuze, ...] = ()  # parts of the same gemeente with other SWVs
    sleutel: str = ""  # the normalised query (Zoekvraag.cache_key): equal for every spelling
    school: SchoolKaart | None = None  # the school whose region decided the answer
    school_keuzes: tuple[SchoolKeuze, ...] = ()  # several schools match: the parent picks one
    meer_scholen: int = 0  # how many more schools matched than the list shows (a name search)
    provincie: str = ""  # slug: the province asked for, or one whose name the place shares
    eiland: Eiland | None = None  # an island outside the regio-indeling (BUITEN_REGIO)
    # The town typed is on another island too ("Oranjestad": Aruba and Sint Eustatius).
    ook_op: tuple[str, Eiland] | None = None
    bedoeld: str = ""  # the name a typo was corrected to ("Bedoelde u …?")
    andere_naam: AndereNaam | None = None  # typed: a name of data/alternatieve-namen.csv
    # A part of town typed after the place ("nieuw west"), known to no row of that file, or a
    # district of that file without postcodes ("vathorst", with andere_naam): the answer is the
    # place's (wijk_plaats).
    wijk: str = ""
    wijk_plaats: str = ""

    @property
    def gevonden(self) -> bool:
        return self.uitkomst == Uitkomst.GEVONDEN

    # What the page shows for the other outcomes (the template reads these, not the strings).
    @property
    def toont_keuzes(self) -> bool:
        return self.uitkomst == Uitkomst.KEUZES

    @property
    def toont_provincie(self) -> bool:
        return self.uitkomst == Uitkomst.PROVINCIE

    @property
    def buiten_regio(self) -> bool:
        return self.uitkomst == Uitkomst.BUITEN_REGIO

    @property
    def zonder_swv(self) -> bool:
        return self.uitkomst == Uitkomst.GEEN_SWV

    @property
    def provincie_naam(self) -> str:
        return provincie_name(self.provincie) if self.provincie else ""

    @property
    def provincie_url(self) -> str:
        """The province's page (/regio/<provincie>/) in the language of this request."""
        return page_url("zoeken:regio_provincie", self.provincie) if self.provincie else ""

    @property
    def wijk_bij_naam(self) -> bool:
        """True when the part of town is a district row of data/alternatieve-namen.csv without
        postcodes ("Vathorst"): the page shows wijk_zin after that name's own line."""
        return bool(self.wijk and self.andere_naam and self.andere_naam.soort == "wijk")

    @property
    def wijk_zin(self) -> str:
        """That the part of town typed is not known apart, in the active language ("" otherwise):
        "We kennen de wijk Noord niet apart; ..." with the part as typed ("Nieuw-West")."""
        if not self.wijk:
            return ""
        pattern = r"[\s\-]+".join(re.escape(word) for word in self.wijk.split())
        typed = re.search(rf"(?<![^\W_])({pattern})\W*$", self.zoekterm, re.IGNORECASE)
        naam = typed.group(1) if typed else "-".join(w.capitalize() for w in self.wijk.split())
        values = {"wijk": naam[:1].upper() + naam[1:], "plaats": self.wijk_plaats}
        if self.wijk_bij_naam:
            # A district of data/alternatieve-namen.csv without postcodes, after its own line
            # ("Vathorst is een wijk van Amersfoort.").
            if self.uitkomst == Uitkomst.KEUZES:
                return (
                    gettext(
                        "We kennen de postcodes van de wijk niet apart. Hieronder staan de keuzes "
                        "voor %(plaats)s. Zoek op uw postcode voor het precieze antwoord."
                    )
                    % values
                )
            return (
                gettext(
                    "We kennen de postcodes van de wijk niet apart; dit is het antwoord voor "
                    "%(plaats)s. Zoek op uw postcode voor het precieze antwoord."
                )
                % values
            )
        if self.uitkomst == Uitkomst.KEUZES:
            return (
                gettext(
                    "We kennen de wijk %(wijk)s niet apart. Hieronder staan de keuzes voor "
                    "%(plaats)s. Zoek op uw postcode voor het precieze antwoord."
                )
                % values
            )
        return (
            gettext(
                "We kennen de wijk %(wijk)s niet apart; dit is het antwoord voor %(plaats)s. Zoek "
                "op uw postcode voor het precieze antwoord."
            )
            % values
        )

    @property
    def benadering_zin(self) -> str:
        """Why a PC4 issued after 2015 gets these SWVs, in the active language ("" otherwise)."""
        if not self.benadering:
            return ""
        values = {
            "pc4": self.pc4,
            "buur": self.benaderd_met,
            "gemeente": self.gemeente,
            "begin": self.pc4[:3],
        }
        intro = gettext("Postcode %(pc4)s staat niet in de regio-indeling van 2015.")
        if self.benaderd_via == Via.GEMEENTE:
            how = gettext(
                "Alle andere postcodes van de gemeente %(gemeente)s horen bij deze "
                "samenwerkingsverbanden."
            )
        elif self.benaderd_via == Via.GEMEENTE_BUUR:
            how = gettext(
                "Wij tonen de samenwerkingsverbanden van de dichtstbijzijnde postcode van de "
                "gemeente %(gemeente)s: %(buur)s."
            )
        elif self.benaderd_via == Via.PLAATS:
            how = gettext(
                "Wij tonen de samenwerkingsverbanden van postcode %(buur)s, in dezelfde plaats."
            )
        elif self.benaderd_via == Via.POSTCODEGEBIED:
            how = gettext(
                "Wij tonen de samenwerkingsverbanden van de dichtstbijzijnde bekende postcode die "
                "ook met %(begin)s begint: %(buur)s."
            )
        else:
            how = gettext(
                "Wij tonen de samenwerkingsverbanden van de dichtstbijzijnde bekende postcode, "
                "%(buur)s."
            )
        outro = gettext("Dit is een benadering: vraag het na bij de school.")
        return " ".join((intro % values, how % values, outro))

    @property
    def melding(self) -> str:
        """What this outcome means for the parent, in the active language ("" for an answer)."""
        tekst = MELDINGEN.get(self.uitkomst)
        if self.eiland and not self.eiland.caribisch_nederland:
            tekst = MELDING_EIGEN_LAND
        if tekst is None:
            return ""
        return str(tekst) % {
            "pc4": self.pc4,
            "postcode": self.postcode,
            "zoekterm": self.zoekterm,
            "provincie": self.provincie_naam,
            "eiland": self.eiland.naam if self.eiland else "",
        }

    @property
    def sectoren(self) -> tuple[SwvKaart, ...]:
        return tuple(swv for swv in (self.po, self.vo) if swv is not None)


def steunpunt_card(steunpunt: Steunpunt, swv_codes: tuple[str, ...]) -> SteunpuntKaart:
    """The plain, cacheable summary of a steunpunt that serves the SWVs with these codes."""
    return SteunpuntKaart(
        pk=steunpunt.pk,
        naam=steunpunt.naam,
        slug=steunpunt.slug,
        status=steunpunt.status,
        herkomst=steunpunt.herkomst,
        bron_url=steunpunt.bron_url,
        voor_ouders=steunpunt.voor_ouders,
        voor_jongeren=steunpunt.voor_jongeren,
        voor_po=steunpunt.voor_po,
        voor_vo=steunpunt.voor_vo,
        telefoon=steunpunt.telefoon,
        email=steunpunt.email,
        website=steunpunt.website,
        contactformulier=steunpunt.contactformulier,
        telefonisch_bereikbaar=steunpunt.telefonisch_bereikbaar,
        inloopspreekuur=steunpunt.inloopspreekuur,
        alleen_online=steunpunt.alleen_online,
        adres=steunpunt.adres,
        plaats=steunpunt.plaats,
        gecontroleerd_op=steunpunt.gecontroleerd_op,
        swv_codes=tuple(sorted(swv_codes)),
        rooster=rooster_van(steunpunt),
    )


def swv_card(swv: Samenwerkingsverband, eigen: list[SteunpuntKaart]) -> SwvKaart:
    """The plain summary of a SWV (annotated by with_coverage) with its own steunpunten."""
    own = sorted(eigen, key=lambda card: (card.in_oprichting, card.naam, card.pk))
    return SwvKaart(
        code=swv.code,
        naam=swv.naam,
        leesbare_code=swv.leesbare_code,
        sector=swv.sector,
        provincie=swv.provincie,
        provincie_naam=swv.provincie_naam,
        website=swv.website,
        email=swv.email,
        telefoon=swv.telefoon,
        bezoekadres=swv.bezoekadres,
        heeft_steunpunt=swv.heeft_steunpunt,
        dekking=swv.dekking,
        steunpunten=tuple(own),
    )


# --- Filters on an answer ---------------------------------------------------------------------


def steunpunt_matches(kaart: SteunpuntKaart, sector: str = "", voor: str = "") -> bool:
    """True when the steunpunt serves the chosen sector and group (empty means any)."""
    if sector and not getattr(kaart, SECTOR_VELD[sector]):
        return False
    return not voor or getattr(kaart, DOELGROEP_VELD[voor])


def filter_answer(antwoord: Antwoord, sector: str = "", voor: str = "") -> Antwoord:
    """The answer narrowed to one sector and/or one group (ouders, jongeren)."""
    if not (sector or voor):
        return antwoord

    def narrow(swv: SwvKaart | None) -> SwvKaart | None:
        if swv is None or (sector and swv.sector != sector):
            return None
        kept = tuple(s for s in swv.steunpunten if steunpunt_matches(s, sector, voor))
        return replace(swv, steunpunten=kept)

    return replace(
        antwoord,
        po=narrow(antwoord.po),
        vo=narrow(antwoord.vo),
        in_de_buurt=tuple(
            n for n in antwoord.in_de_buurt if steunpunt_matches(n.steunpunt, sector, voor)
        ),
    )
