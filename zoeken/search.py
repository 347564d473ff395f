"""Search: a postcode or place name -> its PO and VO SWV -> their steunpunten, and the nearest.

One module for the HTML pages and the JSON API alike. The answer is made of plain dataclasses
(no model instances), so it can be cached in any backend (cache.py) and rendered without
another query.
"""

from collections import defaultdict
from dataclasses import dataclass, replace

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from steunpunten import cache
from steunpunten.coverage import with_coverage
from steunpunten.models import Plaatsnaam, Postcodegebied, Samenwerkingsverband, School
from steunpunten.nabij import NEARBY_LIMIT, Nabij, find_nearby, find_nearby_naive, nearest
from steunpunten.names import normalise_name
from steunpunten.postcode import Postcode, PostcodeError, looks_like_postcode, parse_postcode
from steunpunten.regio import Sector, provincie_name
from steunpunten.scholen import parse_code

from . import scholen
from .antwoord import (
    DOELGROEP_VELD,
    SECTOR_VELD,
    Antwoord,
    InDeBuurt,
    Keuze,
    SchoolKaart,
    SchoolKeuze,
    SteunpuntKaart,
    SwvKaart,
    Uitkomst,
    filter_answer,
    published_with_swvs,
    steunpunt_card,
    steunpunt_matches,
    swv_card,
)

# The answer types and the nearest search live in antwoord.py and nabij.py; callers use them
# through this module.
__all__ = [
    "DOELGROEP_VELD",
    "NEARBY_LIMIT",
    "SECTOR_VELD",
    "Antwoord",
    "InDeBuurt",
    "Keuze",
    "Nabij",
    "SchoolKaart",
    "SchoolKeuze",
    "SteunpuntKaart",
    "SwvKaart",
    "Uitkomst",
    "ZoekFout",
    "Zoekvraag",
    "answer",
    "answer_for_school",
    "filter_answer",
    "find_nearby",
    "find_nearby_naive",
    "parse_query",
    "published_with_swvs",
    "resolve",
    "steunpunt_card",
    "steunpunt_matches",
]

MAX_QUERY_LENGTH = 100
MAX_KEUZES = 20
MAX_PLAATSEN = 5

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


class ZoekFout(ValueError):
    """Input that cannot be searched for; `message` says why, in Dutch."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Zoekvraag:
    """Parsed input: a postcode, or the normalised key of a place or gemeente name."""

    tekst: str
    postcode: Postcode | None = None
    sleutel: str = ""
    code: tuple[str, str] | None = None  # ("brin", "00AH") or ("vestigingscode", "00AH07")

    @property
    def cache_key(self) -> str:
        if self.code:
            return f"{self.code[0]}:{self.code[1]}"
        return f"pc:{self.postcode.compact}" if self.postcode else f"naam:{self.sleutel}"


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
    code = parse_code(text)
    if code:
        return Zoekvraag(tekst=text, code=code)
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
    if vraag.code:
        found = _resolve_code(vraag)
    else:
        found = _resolve_postcode(vraag) if vraag.postcode else _resolve_name(vraag)
    return replace(found, sleutel=vraag.cache_key)


def answer_for_school(vestigingscode: str, *, request=None) -> Antwoord | None:
    """The (cached) answer for one school by its vestigingscode; None when there is none."""
    vraag = Zoekvraag(tekst=vestigingscode, code=("vestigingscode", vestigingscode))
    found = cache.get_or_compute("zoek", vraag.cache_key, lambda: resolve(vraag), request=request)
    return found if found.school else None


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
    closest = nearest(known, area.lat, area.lon, 1)
    if not closest:
        return base
    buur = Postcodegebied.objects.get(pk=closest[0].pk)
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
        po=swv_card(swvs.get(first.swv_po_id), eigen),
        vo=swv_card(swvs.get(first.swv_vo_id), eigen),
        in_de_buurt=nearby,
    )


def _centre(areas: list[Postcodegebied]) -> tuple[float, float] | None:
    points = [(a.lat, a.lon) for a in areas if a.lat is not None]
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


# --- Schools -----------------------------------------------------------------------------------


def _resolve_code(vraag: Zoekvraag) -> Antwoord:
    """A vestigingscode gives its school; a BRIN its locations (or the one location it has)."""
    kind, code = vraag.code
    base = Antwoord(Uitkomst.PLAATS_ONBEKEND, vraag.tekst)
    if kind == "vestigingscode":
        school = School.objects.select_related("postcodegebied").filter(vestigingscode=code)
        found = school.first()
        return _school_answer(base, found) if found else base
    return _answer_for_schools(base, scholen.schools_with_brin(code))


def _answer_for_schools(base: Antwoord, found: list) -> Antwoord:
    if not found:
        return base
    if len(found) == 1:
        school = School.objects.select_related("postcodegebied").get(
            vestigingscode=found[0].vestigingscode
        )
        return _school_answer(base, school)
    return replace(base, uitkomst=Uitkomst.KEUZES, school_keuzes=scholen.school_keuzes(found))


def _school_answer(base: Antwoord, school: School) -> Antwoord:
    """The SWV(s) of the school's region for the sector(s) of its soort."""
    area = scholen.school_area(school)
    base = replace(
        base,
        pc4=school.pc4,
        postcode=school.postcode[:4] + " " + school.postcode[4:],
        gemeente=school.gemeente,
        plaats=school.plaats,
        school=scholen.school_card(school),
    )
    if area is None:
        return base
    if area.swv_po_id or area.swv_vo_id:
        found = _answer_for_areas(base, [area])
        if area.pc4 != school.pc4:
            found = replace(found, benadering=True, benaderd_met=area.pc4)
    else:
        found = _approximate(base, area)
    sectoren = base.school.sectoren
    return replace(
        found,
        po=found.po if Sector.PO in sectoren else None,
        vo=found.vo if Sector.VO in sectoren else None,
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
    if not groups:
        # Not a place or gemeente: perhaps a school ("De Regenboog Zwolle", "Aida Den Haag").
        found = scholen.school_index(aliases=ALIASES).find(vraag.tekst)
        if found:
            return _answer_for_schools(base, found)
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
