"""Search: a postcode or place name -> its PO and VO SWV -> their steunpunten, and the nearest.

One module for the HTML pages and the JSON API alike. The answer is made of plain dataclasses
(no model instances), so it can be cached in any backend (cache.py) and rendered without
another query.
"""

import re
from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _

from steunpunten import cache
from steunpunten.coverage import with_coverage
from steunpunten.gemeenten import (
    ALIASES,
    candidates_for,
    herindeling_for,
    is_po_box_range,
    known_names_in,
    main_and_parts,
    place_new_postcode,
)
from steunpunten.models import Postcodegebied, Samenwerkingsverband, School
from steunpunten.nabij import NEARBY_LIMIT, Nabij, find_nearby, find_nearby_naive
from steunpunten.names import normalise_name
from steunpunten.postcode import (
    Postcode,
    PostcodeError,
    find_postcode,
    looks_like_postcode,
    parse_postcode,
)
from steunpunten.regio import Sector
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
    "ALIASES",
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

# Room for a school's full name (DUO's longest: 80 characters) with its place.
MAX_QUERY_LENGTH = 150
# Four digits and then one short run of at most three characters: a postcode typed wrong.
_MISTYPED_POSTCODE_RE = re.compile(r"^\s*\d+[\s\-]*\S{0,3}\s*$")
# A word of 4 or more letters: "15e Montessorischool" is a name that starts with a number.
NAAM_WOORD = re.compile(r"[^\W\d_]{4,}")
MAX_KEUZES = 20
MAX_PLAATSEN = 5


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
    def met_naam(self) -> bool:
        """A postcode with words around it: "Groningensingel 1235 Arnhem" may name a school."""
        return bool(self.postcode and NAAM_WOORD.search(self.tekst))

    @property
    def cache_key(self) -> str:
        if self.code:
            return f"{self.code[0]}:{self.code[1]}"
        if self.met_naam:
            return f"pc:{self.postcode.compact}:naam:{normalise_name(self.tekst)}"
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
    try:
        if looks_like_postcode(text):
            try:
                return Zoekvraag(tekst=text, postcode=parse_postcode(text))
            except PostcodeError as error:
                # "1011AB 12", "6211AB Maastricht": a postcode with more after it still counts,
                # but "1234 A" or "1234 ABC" is a postcode typed wrong, and says so.
                found = None if _MISTYPED_POSTCODE_RE.match(text) else find_postcode(text)
                if found is not None:
                    return Zoekvraag(tekst=text, postcode=found)
                if not NAAM_WOORD.search(text):
                    raise ZoekFout(error.message) from error
        # A postcode anywhere in the input wins over the words around it.
        found = find_postcode(text)
        if found is not None:
            return Zoekvraag(tekst=text, postcode=found)
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
    elif vraag.met_naam:
        # A school whose name holds a number ("... Groningensingel 1235") goes before the
        # postcode found in the words: every word of the input must be the school's.
        schools = scholen.school_index(aliases=ALIASES).find(vraag.tekst)
        base = Antwoord(Uitkomst.PLAATS_ONBEKEND, vraag.tekst)
        found = _answer_for_schools(base, schools) if schools else _resolve_postcode(vraag)
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
        if is_po_box_range(pc4=postcode.pc4):
            return replace(base, uitkomst=Uitkomst.POSTBUS)
        return base
    base = replace(base, gemeente=area.gemeente, plaats=_first_place(area))
    return _answer_for_area(base, area)


def _answer_for_area(base: Antwoord, area: Postcodegebied) -> Antwoord:
    if area.swv_po_id or area.swv_vo_id:
        return _answer_for_areas(base, [area])
    if area.in_regio_indeling:
        return replace(base, uitkomst=Uitkomst.GEEN_SWV, in_de_buurt=_nearby_cards(area))
    return _approximate(base, area)


def _first_place(area: Postcodegebied) -> str:
    return area.plaatsnamen.values_list("naam", flat=True).order_by("naam").first() or ""


def _approximate(base: Antwoord, area: Postcodegebied) -> Antwoord:
    """A PC4 issued after 2015: placed through its gemeente or postal district (gemeenten.py)."""
    plaatsing = place_new_postcode(area=area)
    if plaatsing is None:
        return base
    base = replace(
        base,
        benadering=True,
        benaderd_met=plaatsing.buur.pc4,
        benaderd_via=plaatsing.via,
        gemeente=base.gemeente or plaatsing.gemeente,
    )
    centre = (area.lat, area.lon) if area.lat is not None else None
    return _answer_for_areas(base, [plaatsing.buur], centre=centre)


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
    sleutel = vraag.sleutel
    candidates = candidates_for(sleutel=sleutel)
    if not candidates:
        # Not a place or gemeente: perhaps a school ("De Regenboog Zwolle", "Aida Den Haag").
        found = scholen.school_index(aliases=ALIASES).find(vraag.tekst)
        if found:
            return _answer_for_schools(base, found)
        # "Breda centrum", "Amsterdam Zuidoost": the longest known name inside the input.
        inside = known_names_in(sleutel=sleutel)
        if inside:
            sleutel = inside
            candidates = candidates_for(sleutel=sleutel)
    exact = bool(candidates)
    if not candidates and len(sleutel) >= 3:
        # Nothing matches exactly: offer the places that start with what was typed.
        candidates = candidates_for(sleutel=sleutel, prefix=True)
    if not candidates:
        return base
    base = replace(base, herindeling=herindeling_for(sleutel=sleutel))
    split = main_and_parts(candidates) if exact and len(candidates) > 1 else None
    if split:
        candidates = [split[0]]
        base = replace(base, andere_delen=_keuzes(split[1]))
    if len(candidates) == 1:
        found = candidates[0]
        first = found.areas[0]
        base = replace(base, gemeente=found.gemeente, plaats=found.naam, pc4=first.pc4)
        if not first.in_regio_indeling:
            base = replace(base, plaats=_first_place(first) or found.naam)
            return _approximate(base, first)
        if first.swv_po_id or first.swv_vo_id:
            return _answer_for_areas(base, found.areas)
        return replace(base, uitkomst=Uitkomst.GEEN_SWV, in_de_buurt=_nearby_cards(first))
    return replace(base, uitkomst=Uitkomst.KEUZES, keuzes=_keuzes(candidates))


def _keuzes(candidates) -> tuple[Keuze, ...]:
    return tuple(
        Keuze(
            naam=k.naam,
            gemeente=k.gemeente,
            provincie_naam=k.provincie_naam,
            pc4_van=k.pc4_van,
            pc4_tot=k.pc4_tot,
            plaatsen=tuple(k.plaatsen[:MAX_PLAATSEN]),
            label=k.label,
        )
        for k in candidates[:MAX_KEUZES]
    )


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
