"""Search: a postcode or place name -> its PO and VO SWV -> their steunpunten, and the nearest.

One module for the HTML pages and the JSON API alike. The answer is made of plain dataclasses
(no model instances), so it can be cached in any backend (cache.py) and rendered without
another query.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace
from enum import StrEnum

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from . import cache, freshness
from .coverage import with_coverage
from .geo import bbox_around, distance_km
from .models import Plaatsnaam, Postcodegebied, Samenwerkingsverband, Steunpunt, SteunpuntStatus
from .names import normalise_name
from .postcode import Postcode, PostcodeError, looks_like_postcode, parse_postcode
from .regio import Sector, provincie_name

MAX_QUERY_LENGTH = 100
NEARBY_LIMIT = 5
MAX_KEUZES = 20
MAX_PLAATSEN = 5
# Radii of the bounding boxes tried one after another; beyond the last, a full scan.
RADII_KM = (10.0, 25.0, 50.0, 100.0, 200.0)

# Everyday names for places whose official (2015) name differs: normalised alias -> key.
ALIASES: dict[str, str] = {
    "den haag": "s gravenhage",
    "the hague": "s gravenhage",
    "gravenhage": "s gravenhage",
    "den bosch": "s hertogenbosch",
    "hertogenbosch": "s hertogenbosch",
    "sudwest friesland": "sudwest fryslan",
    "zuidwest friesland": "sudwest fryslan",
    "zuidwest fryslan": "sudwest fryslan",
}

# Which Steunpunt field says it serves a sector or a group (used by the filters as well).
SECTOR_VELD = {Sector.PO: "voor_po", Sector.VO: "voor_vo"}
DOELGROEP_VELD = {"ouders": "voor_ouders", "jongeren": "voor_jongeren"}


class ZoekFout(ValueError):
    """Input that cannot be searched for; `message` says why, in Dutch."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class Uitkomst(StrEnum):
    GEVONDEN = "gevonden"
    KEUZES = "keuzes"
    GEEN_SWV = "geen_swv"  # Europoort: a PC4 that the regio-indeling gives no SWV
    ONBEKEND = "onbekend"  # a well-formed postcode that no data knows
    PLAATS_ONBEKEND = "plaats_onbekend"


@dataclass(frozen=True)
class Zoekvraag:
    """Parsed input: a postcode, or the normalised key of a place or gemeente name."""

    tekst: str
    postcode: Postcode | None = None
    sleutel: str = ""

    @property
    def cache_key(self) -> str:
        return f"pc:{self.postcode.compact}" if self.postcode else f"naam:{self.sleutel}"


@dataclass(frozen=True)
class SteunpuntKaart:
    """What a result shows of one steunpunt."""

    pk: int
    naam: str
    slug: str
    url: str
    status: str
    demo: bool
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

    @property
    def in_oprichting(self) -> bool:
        return self.status == SteunpuntStatus.IN_OPRICHTING

    @property
    def mogelijk_verouderd(self) -> bool:
        return freshness.is_stale(self.gecontroleerd_op)


@dataclass(frozen=True)
class SwvKaart:
    """One sector's answer: the SWV, whether it has a steunpunt, and its steunpunten."""

    code: str
    naam: str
    leesbare_code: str
    sector: str
    provincie: str
    provincie_naam: str
    url: str
    website: str
    email: str
    telefoon: str
    bezoekadres: str
    heeft_steunpunt: bool
    steunpunten: tuple[SteunpuntKaart, ...]


@dataclass(frozen=True)
class Nabij:
    """A steunpunt (by primary key) and its distance from the search point."""

    pk: int
    afstand_km: float


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

    @property
    def zoekterm(self) -> str:
        return self.pc4_van


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
    po: SwvKaart | None = None
    vo: SwvKaart | None = None
    in_de_buurt: tuple[InDeBuurt, ...] = ()
    keuzes: tuple[Keuze, ...] = field(default=())
    sleutel: str = ""  # the normalised query (Zoekvraag.cache_key): equal for every spelling

    @property
    def gevonden(self) -> bool:
        return self.uitkomst == Uitkomst.GEVONDEN

    @property
    def sectoren(self) -> tuple[SwvKaart, ...]:
        return tuple(swv for swv in (self.po, self.vo) if swv is not None)


# --- Parsing -----------------------------------------------------------------------------------


def parse_query(text: str) -> Zoekvraag | None:
    """A postcode or a place name; None for empty input; raise ZoekFout with a Dutch message."""
    text = (text or "").strip()
    if not text:
        return None
    if len(text) > MAX_QUERY_LENGTH:
        raise ZoekFout(
            _("Uw zoekterm is te lang. Vul een postcode (1234 AB) of een plaatsnaam in.")
        )
    if looks_like_postcode(text):
        try:
            return Zoekvraag(tekst=text, postcode=parse_postcode(text))
        except PostcodeError as error:
            raise ZoekFout(error.message) from error
    sleutel = normalise_name(text)
    if not any(ch.isalpha() for ch in sleutel):
        raise ZoekFout(_("Vul een postcode (1234 AB) of de naam van een plaats of gemeente in."))
    return Zoekvraag(tekst=text, sleutel=ALIASES.get(sleutel, sleutel))


def answer(text: str, *, request=None) -> Antwoord | None:
    """The (cached) answer to what someone typed; None when empty; raise ZoekFout on bad input."""
    vraag = parse_query(text)
    if vraag is None:
        return None
    found = cache.get_or_compute("zoek", vraag.cache_key, lambda: resolve(vraag), request=request)
    # The cached answer may come from another spelling of the same query: show this one.
    return replace(found, zoekterm=vraag.tekst)


def resolve(vraag: Zoekvraag) -> Antwoord:
    """Answer a parsed query from the database (no cache)."""
    found = _resolve_postcode(vraag) if vraag.postcode else _resolve_name(vraag)
    return replace(found, sleutel=vraag.cache_key)


# --- Postcodes ---------------------------------------------------------------------------------


def _resolve_postcode(vraag: Zoekvraag) -> Antwoord:
    postcode = vraag.postcode
    base = Antwoord(Uitkomst.ONBEKEND, vraag.tekst, postcode=str(postcode), pc4=postcode.pc4)
    area = Postcodegebied.objects.filter(pc4=postcode.pc4).first()
    if area is None:
        return base
    base = replace(base, gemeente=area.gemeente, plaats=_first_place(area))
    if area.swv_po_id or area.swv_vo_id:
        return _answer_for_areas(base, [area])
    if area.in_regio_indeling:
        return replace(base, uitkomst=Uitkomst.GEEN_SWV, in_de_buurt=_nearby_cards(area))
    return _approximate(base, area)


def _first_place(area: Postcodegebied) -> str:
    return area.plaatsnamen.values_list("naam", flat=True).order_by("naam").first() or ""


def _approximate(base: Antwoord, area: Postcodegebied) -> Antwoord:
    """A PC4 issued after 2015: answer with the nearest PC4 that the regio-indeling knows."""
    if area.lat is None:
        return base
    known = Postcodegebied.objects.filter(Q(swv_po__isnull=False) | Q(swv_vo__isnull=False))
    nearest = _nearest(known, area.lat, area.lon, 1)
    if not nearest:
        return base
    buur = Postcodegebied.objects.get(pk=nearest[0].pk)
    base = replace(
        base, benadering=True, benaderd_met=buur.pc4, gemeente=base.gemeente or buur.gemeente
    )
    return _answer_for_areas(base, [buur], centre=(area.lat, area.lon))


def _answer_for_areas(base: Antwoord, areas: list[Postcodegebied], centre=None) -> Antwoord:
    """The full answer for PC4 areas that share one PO and one VO SWV."""
    first = areas[0]
    swv_ids = [pk for pk in (first.swv_po_id, first.swv_vo_id) if pk]
    swvs = {
        swv.pk: swv for swv in with_coverage(Samenwerkingsverband.objects.filter(pk__in=swv_ids))
    }
    eigen = [
        steunpunt_card(s)
        for s in published_with_swvs().filter(samenwerkingsverbanden__in=swv_ids).distinct()
    ]
    centre = centre or _centre(areas)
    nearby = _nearby_cards_at(centre, exclude={card.pk for card in eigen})
    return replace(
        base,
        uitkomst=Uitkomst.GEVONDEN,
        po=_swv_card(swvs.get(first.swv_po_id), eigen),
        vo=_swv_card(swvs.get(first.swv_vo_id), eigen),
        in_de_buurt=nearby,
    )


def _centre(areas: list[Postcodegebied]) -> tuple[float, float] | None:
    points = [(a.lat, a.lon) for a in areas if a.lat is not None]
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def published_with_swvs() -> QuerySet[Steunpunt]:
    """Published steunpunten with the codes of their SWVs prefetched (one extra query)."""
    codes = Samenwerkingsverband.objects.only("code").order_by("code")
    return Steunpunt.objects.published().prefetch_related(
        Prefetch("samenwerkingsverbanden", queryset=codes)
    )


def steunpunt_card(steunpunt: Steunpunt) -> SteunpuntKaart:
    """The plain, cacheable summary of a steunpunt."""
    return SteunpuntKaart(
        pk=steunpunt.pk,
        naam=steunpunt.naam,
        slug=steunpunt.slug,
        url=steunpunt.get_absolute_url(),
        status=steunpunt.status,
        demo=steunpunt.demo,
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
        swv_codes=tuple(swv.code for swv in steunpunt.samenwerkingsverbanden.all()),
    )


def _swv_card(swv: Samenwerkingsverband | None, eigen: list[SteunpuntKaart]) -> SwvKaart | None:
    if swv is None:
        return None
    own = [card for card in eigen if swv.code in card.swv_codes]
    own.sort(key=lambda card: (card.in_oprichting, card.naam))
    return SwvKaart(
        code=swv.code,
        naam=swv.naam,
        leesbare_code=swv.leesbare_code,
        sector=swv.sector,
        provincie=swv.provincie,
        provincie_naam=swv.provincie_naam,
        url=swv.get_absolute_url(),
        website=swv.website,
        email=swv.email,
        telefoon=swv.telefoon,
        bezoekadres=swv.bezoekadres,
        heeft_steunpunt=swv.heeft_steunpunt,
        steunpunten=tuple(own),
    )


# --- Place and gemeente names ------------------------------------------------------------------


def _resolve_name(vraag: Zoekvraag) -> Antwoord:
    base = Antwoord(Uitkomst.PLAATS_ONBEKEND, vraag.tekst)
    groups, labels = _groups_for(Q(sleutel=vraag.sleutel), Q(gemeente_sleutel=vraag.sleutel))
    if len(groups) == 1:
        areas = next(iter(groups.values()))
        first = areas[0]
        base = replace(base, gemeente=first.gemeente, plaats=labels[first.pk], pc4=first.pc4)
        if first.swv_po_id or first.swv_vo_id:
            return _answer_for_areas(base, areas)
        if first.in_regio_indeling:
            return replace(base, uitkomst=Uitkomst.GEEN_SWV, in_de_buurt=_nearby_cards(first))
        return _approximate(base, first)
    if not groups and len(vraag.sleutel) >= 3:
        # Nothing matches exactly: offer the places that start with what was typed.
        prefix = vraag.sleutel
        groups, labels = _groups_for(
            Q(sleutel__startswith=prefix), Q(gemeente_sleutel__startswith=prefix)
        )
    if not groups:
        return base
    return replace(base, uitkomst=Uitkomst.KEUZES, keuzes=_keuzes(groups, labels))


def _groups_for(place_q: Q, gemeente_q: Q) -> tuple[dict, dict]:
    """Matching PC4 areas grouped by (gemeente, PO SWV, VO SWV), and a place label per area."""
    place_rows = list(Plaatsnaam.objects.filter(place_q).values_list("postcodegebied_id", "naam"))
    labels: dict[int, str] = {}
    for pk, naam in sorted(place_rows, key=lambda row: row[1]):
        labels.setdefault(pk, naam)
    areas = list(
        Postcodegebied.objects.filter(gemeente_q | Q(pk__in=list(labels)))
        .select_related("swv_po", "swv_vo")
        .order_by("pc4")[:2000]
    )
    for area in areas:
        labels.setdefault(area.pk, area.gemeente)
    # PC4s issued after 2015 count only when nothing else matches (they have no SWV of their own).
    known = [area for area in areas if area.in_regio_indeling]
    groups: dict[tuple, list[Postcodegebied]] = defaultdict(list)
    for area in known or areas[:1]:
        key = (area.gemeente, area.swv_po_id, area.swv_vo_id)
        if not area.in_regio_indeling:
            key = (labels[area.pk], area.pk)
        groups[key].append(area)
    return dict(groups), labels


def _keuzes(groups: dict, labels: dict) -> tuple[Keuze, ...]:
    area_ids = [area.pk for areas in groups.values() for area in areas]
    places: dict[int, set[str]] = defaultdict(set)
    for pk, naam in Plaatsnaam.objects.filter(postcodegebied_id__in=area_ids).values_list(
        "postcodegebied_id", "naam"
    ):
        places[pk].add(naam)
    keuzes = []
    for areas in groups.values():
        first, last = areas[0], areas[-1]
        swv = first.swv_po or first.swv_vo
        plaatsen = sorted(set().union(*(places[area.pk] for area in areas)))
        keuzes.append(
            Keuze(
                naam=labels[first.pk],
                gemeente=first.gemeente,
                provincie_naam=provincie_name(swv.provincie) if swv else "",
                pc4_van=first.pc4,
                pc4_tot=last.pc4,
                plaatsen=tuple(plaatsen[:MAX_PLAATSEN]),
            )
        )
    keuzes.sort(key=lambda k: (k.naam, k.gemeente, k.pc4_van))
    return tuple(keuzes[:MAX_KEUZES])


# --- Nearest -----------------------------------------------------------------------------------


def find_nearby(
    lat: float,
    lon: float,
    limit: int = NEARBY_LIMIT,
    *,
    queryset: QuerySet | None = None,
    exclude: set[int] | frozenset[int] = frozenset(),
) -> list[Nabij]:
    """The nearest published steunpunten, using growing bounding boxes in SQL before geopy."""
    queryset = Steunpunt.objects.published() if queryset is None else queryset
    if exclude:
        queryset = queryset.exclude(pk__in=exclude)
    return _nearest(queryset, lat, lon, limit)


def find_nearby_naive(
    lat: float,
    lon: float,
    limit: int = NEARBY_LIMIT,
    *,
    queryset: QuerySet | None = None,
    exclude: set[int] | frozenset[int] = frozenset(),
) -> list[Nabij]:
    """The same answer as find_nearby by measuring the distance to every row (for comparison)."""
    queryset = Steunpunt.objects.published() if queryset is None else queryset
    if exclude:
        queryset = queryset.exclude(pk__in=exclude)
    rows = queryset.filter(lat__isnull=False, lon__isnull=False).values_list("pk", "lat", "lon")
    return _ranked(rows, lat, lon)[:limit]


def _nearest(queryset: QuerySet, lat: float, lon: float, limit: int) -> list[Nabij]:
    # A row inside the box but farther than the radius may be beaten by one outside the box,
    # so only rows within the radius are certain; with `limit` of them the answer is final.
    for radius in RADII_KM:
        box = bbox_around(lat, lon, radius)
        rows = queryset.filter(
            lat__gte=box.min_lat, lat__lte=box.max_lat, lon__gte=box.min_lon, lon__lte=box.max_lon
        ).values_list("pk", "lat", "lon")
        ranked = _ranked(rows, lat, lon)
        certain = [nabij for nabij in ranked if nabij.afstand_km <= radius]
        if len(certain) >= limit:
            return certain[:limit]
    rows = queryset.filter(lat__isnull=False, lon__isnull=False).values_list("pk", "lat", "lon")
    return _ranked(rows, lat, lon)[:limit]


def _ranked(rows, lat: float, lon: float) -> list[Nabij]:
    found = [Nabij(pk, distance_km((lat, lon), (r_lat, r_lon))) for pk, r_lat, r_lon in rows]
    found.sort(key=lambda nabij: (nabij.afstand_km, nabij.pk))
    return found


def _nearby_cards(area: Postcodegebied) -> tuple[InDeBuurt, ...]:
    return _nearby_cards_at(_centre([area]), exclude=set())


def _nearby_cards_at(centre, exclude: set[int]) -> tuple[InDeBuurt, ...]:
    if centre is None:
        return ()
    nearby = find_nearby(centre[0], centre[1], exclude=exclude)
    cards = {
        s.pk: steunpunt_card(s) for s in published_with_swvs().filter(pk__in=[n.pk for n in nearby])
    }
    return tuple(InDeBuurt(cards[n.pk], round(n.afstand_km, 1)) for n in nearby if n.pk in cards)


# --- Filters on an answer ----------------------------------------------------------------------


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
