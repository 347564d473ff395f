"""Search: a postcode, place or school -> its PO and VO SWV -> their steunpunten, and the nearest.

One module for the HTML pages and the JSON API alike. The answer is made of plain dataclasses
(antwoord.py, no model instances), so it can be cached in any backend and rendered without
another query. A postcode's answer depends on its four digits only: answers are cached per PC4
(or per normalised name or school code) and data version, and only real answers are cached,
never unknown input, so the cache holds at most one entry per PC4, place and school. Not cached,
a postcode's answer costs the data version and (once per process and data version) the three
queries of the index (index.py) of postcode areas, SWVs and steunpunten: at most four queries.
"""

import re
from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _

from steunpunten import cache
from steunpunten.caribisch import also_on, island_in
from steunpunten.gemeenten import (
    andere_namen,
    candidates_for,
    deelnamen,
    district_candidates,
    gemeente_keys,
    has_swv,
    herindeling_for,
    is_po_box_range,
    known_names,
    known_names_in,
    main_and_parts,
    place_and_district,
    place_new_postcode,
    place_rows,
    postcode_text,
    qualified_candidates,
)
from steunpunten.indexen import index_for_version
from steunpunten.models import AlternatieveNaamSoort, Postcodegebied, School
from steunpunten.namenlijst import Naamtreffer, Namenlijst
from steunpunten.names import SCHRIJFWIJZEN, normalise_name
from steunpunten.postcode import (
    Postcode,
    PostcodeError,
    find_postcode,
    looks_like_postcode,
    parse_postcode,
)
from steunpunten.regio import Sector, provincie_for_name
from steunpunten.scholen import parse_code

from . import school_search
from .antwoord import Antwoord, InDeBuurt, Keuze, Uitkomst
from .index import Gebied, Index, current_index

# Room for a school's full name (DUO's longest: 80 characters) with its place.
MAX_QUERY_LENGTH = 150
# Four digits and then one short run of at most three characters: a postcode typed wrong.
_MISTYPED_POSTCODE_RE = re.compile(r"^\s*\d+[\s\-]*\S{0,3}\s*$")
# A word of 4 or more letters: "15e Montessorischool" is a name that starts with a number.
NAAM_WOORD = re.compile(r"[^\W\d_]{4,}")
MAX_KEUZES = 20
GEMEENTE_WOORD = "gemeente"
MAX_PLAATSEN = 5


class ZoekvraagError(ValueError):
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
        """The same for every spelling of one PC4, name or code: the answer depends on no more."""
        if self.code:
            return f"{self.code[0]}:{self.code[1]}"
        return f"pc4:{self.postcode.pc4}" if self.postcode else f"naam:{self.sleutel}"


# --- Parsing -----------------------------------------------------------------------------------


def parse_query(text: str) -> Zoekvraag | None:
    """A postcode or a place name; None for empty input; raise ZoekvraagError with a Dutch message."""
    text = (text or "").strip()
    if not text:
        return None
    if len(text) > MAX_QUERY_LENGTH:
        raise ZoekvraagError(
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
                    raise ZoekvraagError(error.message) from error
        # A postcode anywhere in the input wins over the words around it.
        found = find_postcode(text)
        if found is not None:
            return Zoekvraag(tekst=text, postcode=found)
    except PostcodeError as error:
        raise ZoekvraagError(error.message) from error
    sleutel = normalise_name(text)
    if not any(ch.isalpha() for ch in sleutel):
        raise ZoekvraagError(
            _("Vul een postcode (1234 AB) of de naam van een plaats of gemeente in.")
        )
    return Zoekvraag(tekst=text, sleutel=sleutel)


# Outcomes that say "we do not know this": never cached, so made-up input cannot fill the cache.
NOT_CACHED = frozenset({Uitkomst.ONBEKEND, Uitkomst.POSTBUS, Uitkomst.PLAATS_ONBEKEND})


def answer(text: str, *, request=None) -> Antwoord | None:
    """The (cached) answer to what someone typed; None when empty; raise ZoekvraagError on bad input."""
    return answer_for(parse_query(text), request=request)


def answer_for(vraag: Zoekvraag | None, *, request=None) -> Antwoord | None:
    """The (cached) answer to a parsed query; None for no query."""
    if vraag is None:
        return None
    versie, plaatsversie = cache.versions(request)
    if vraag.met_naam:
        # A postcode among other words may be a school's name: free text, never cached.
        found = resolve(vraag, versie=versie, plaatsversie=plaatsversie)
        return replace(found, zoekterm=vraag.tekst)
    key = cache.make_key("zoek", vraag.cache_key, versie)
    found = cache.read(key)
    if found is None:
        found = resolve(vraag, versie=versie, plaatsversie=plaatsversie)
        if found.uitkomst not in NOT_CACHED:
            cache.write(key, found)
    # The cached answer may come from another spelling of the same query: show this one.
    if vraag.postcode:
        return replace(found, zoekterm=vraag.tekst, postcode=str(vraag.postcode))
    return replace(found, zoekterm=vraag.tekst)


def resolve(
    vraag: Zoekvraag, *, versie: int | None = None, plaatsversie: int | None = None
) -> Antwoord:
    """Answer a parsed query from the database and the index (no answer cache)."""
    index = current_index(versie=versie, plaatsversie=plaatsversie)
    if vraag.code:
        found = _resolve_code(vraag, index)
    elif vraag.met_naam and (schools := _school_index(index).find(vraag.tekst)):
        # A school whose name holds a number ("... Groningensingel 1235") goes before the
        # postcode found in the words: every word of the input must be the school's, and only
        # its whole name opens it.
        base = Antwoord(Uitkomst.PLAATS_ONBEKEND, vraag.tekst)
        found = _school_name_answer(base, schools, "", index)
    elif vraag.postcode:
        found = _resolve_postcode(vraag, index)
    else:
        found = _resolve_name(vraag, index)
    return replace(found, sleutel=vraag.cache_key)


def answer_for_school(vestigingscode: str, *, request=None) -> Antwoord | None:
    """The (cached) answer for one school by its vestigingscode; None when there is none."""
    vraag = Zoekvraag(tekst=vestigingscode, code=("vestigingscode", vestigingscode))
    found = answer_for(vraag, request=request)
    return found if found.school else None


# --- Postcodes ---------------------------------------------------------------------------------


def _resolve_postcode(vraag: Zoekvraag, index: Index) -> Antwoord:
    postcode = vraag.postcode
    base = Antwoord(Uitkomst.ONBEKEND, vraag.tekst, postcode=str(postcode), pc4=postcode.pc4)
    area = index.gebieden.get(postcode.pc4)
    if area is None:
        if is_po_box_range(pc4=postcode.pc4):
            return replace(base, uitkomst=Uitkomst.POSTBUS)
        return base
    base = replace(base, gemeente=area.gemeente, plaats=area.eerste_plaats)
    return _answer_for_area(base, area, index)


def _answer_for_area(base: Antwoord, area: Postcodegebied | Gebied, index: Index) -> Antwoord:
    if area.swv_po_id or area.swv_vo_id:
        return _answer_for_areas(base, [area], index)
    if area.in_regio_indeling:
        return replace(base, uitkomst=Uitkomst.GEEN_SWV, in_de_buurt=_nearby_cards(area, index))
    # A PC4 issued after 2015 (about 20): placing it needs the model and its place names.
    if isinstance(area, Gebied):
        area = Postcodegebied.objects.get(pc4=area.pc4)
    return _approximate(base, area, index)


def _first_place(area: Postcodegebied) -> str:
    return area.plaatsnamen.values_list("naam", flat=True).order_by("naam").first() or ""


def _approximate(base: Antwoord, area: Postcodegebied, index: Index) -> Antwoord:
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
    return _answer_for_areas(base, [plaatsing.buur], index, centre=centre)


def _answer_for_areas(
    base: Antwoord, areas: list[Postcodegebied | Gebied], index: Index, centre=None
) -> Antwoord:
    """The full answer for PC4 areas that share one PO and one VO SWV."""
    first = areas[0]
    po, vo = index.swvs.get(first.swv_po_id), index.swvs.get(first.swv_vo_id)
    eigen = {card.pk for swv in (po, vo) if swv for card in swv.steunpunten}
    nearby = _nearby_cards_at(centre or _centre(areas), index, exclude=eigen)
    return replace(base, uitkomst=Uitkomst.GEVONDEN, po=po, vo=vo, in_de_buurt=nearby)


def _centre(areas: list[Postcodegebied | Gebied]) -> tuple[float, float] | None:
    points = [(a.lat, a.lon) for a in areas if a.lat is not None]
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


# --- Schools -----------------------------------------------------------------------------------


def _resolve_code(vraag: Zoekvraag, index: Index) -> Antwoord:
    """A vestigingscode gives its school; a BRIN its locations (or the one location it has)."""
    kind, code = vraag.code
    base = Antwoord(Uitkomst.PLAATS_ONBEKEND, vraag.tekst)
    if kind == "vestigingscode":
        school = School.objects.select_related("postcodegebied").filter(vestigingscode=code)
        found = school.first()
        return _school_answer(base, found, index) if found else base
    # Every location of a BRIN, however many (a board with 40 schools lists all 40).
    return _answer_for_schools(base, school_search.schools_with_brin(code), index, limit=None)


def _answer_for_schools(
    base: Antwoord, found: list, index: Index, *, limit: int | None = MAX_KEUZES
) -> Antwoord:
    if not found:
        return base
    if len(found) == 1:
        school = School.objects.select_related("postcodegebied").get(
            vestigingscode=found[0].vestigingscode
        )
        return _school_answer(base, school, index)
    keuzes = school_search.school_keuzes(found, limit=limit)
    return replace(
        base,
        uitkomst=Uitkomst.KEUZES,
        school_keuzes=keuzes,
        meer_scholen=len(found) - len(keuzes),
    )


def _school_answer(base: Antwoord, school: School, index: Index) -> Antwoord:
    """The SWV(s) of the school's region for the sector(s) of its soort."""
    area = school_search.school_area(school)
    base = replace(
        base,
        pc4=school.pc4,
        postcode=school.postcode[:4] + " " + school.postcode[4:],
        gemeente=school.gemeente,
        plaats=school.plaats,
        school=school_search.school_card(school),
    )
    if area is None:
        return base
    if area.swv_po_id or area.swv_vo_id:
        found = _answer_for_areas(base, [area], index)
        if area.pc4 != school.pc4:
            found = replace(found, benadering=True, benaderd_met=area.pc4)
    else:
        found = _approximate(base, area, index)
    sectoren = base.school.sectoren
    return replace(
        found,
        po=found.po if Sector.PO in sectoren else None,
        vo=found.vo if Sector.VO in sectoren else None,
    )


# --- Place and gemeente names ------------------------------------------------------------------


def name_list(plaatsversie: int | None = None) -> Namenlijst:
    """Every known place and gemeente name with the other names people use for them, built once
    per place version."""
    plaatsversie = cache.place_version() if plaatsversie is None else plaatsversie

    def build() -> Namenlijst:
        rows = place_rows()  # one query for the places and their short names
        # The spellings too, so that a typo in one is corrected ("Hertogenbosh").
        aliases = deelnamen(rows) | SCHRIJFWIJZEN
        return Namenlijst(known_names(rows), aliases, gemeente_keys(), andere_namen())

    return index_for_version(plaatsversie, build, naam="namen")


def school_aliases(plaatsversie: int | None = None, *, request=None) -> dict[str, str]:
    """The other names of whole places and gemeenten ("den haag" -> "s gravenhage"), which the
    school index adds to the words of the schools there ("Aida Den Haag")."""
    if plaatsversie is None:
        plaatsversie = cache.place_version(request)
    return name_list(plaatsversie).plaats_aliassen


def _school_index(index: Index):
    """The school index of this place version, with the other names of places in it."""
    return school_search.school_index(
        aliases=school_aliases(index.plaatsversie), plaatsversie=index.plaatsversie
    )


def _resolve_name(vraag: Zoekvraag, index: Index) -> Antwoord:
    base = Antwoord(Uitkomst.PLAATS_ONBEKEND, vraag.tekst)
    namen = name_list(index.plaatsversie)
    sleutel = vraag.sleutel
    words = sleutel.split()
    if words[0] == GEMEENTE_WOORD and len(words) > 1:
        # "gemeente Groningen" means the gemeente, never a school called "Gemeente…".
        sleutel = " ".join(words[1:])
        treffer = namen.find(sleutel)
        # A gemeente split over several ("gemeente Maasdonk") answers below with all of them.
        verdeeld = treffer and treffer.andere_naam and treffer.andere_naam.verdeeld
        if treffer and treffer.sleutel in namen.gemeenten and not verdeeld:
            # "gemeente Den Haag": the line of what the name stands for as well.
            base = replace(base, andere_naam=treffer.andere_naam)
            candidates = candidates_for(sleutel=treffer.sleutel, alleen_gemeente=True)
            # The gemeente's largest part answers; parts with other SWVs are offered beside it.
            if len(candidates) > 1:
                delen = filter(has_swv, candidates[1:])
                base = replace(base, andere_delen=_keuzes(delen, naast=candidates[:1]))
            return _answer_for_candidates(base, candidates[:1], treffer, index)
    treffer = namen.find(sleutel, typo=False)
    provincie = provincie_for_name(sleutel)
    if provincie and (treffer is None or treffer.sleutel not in namen.gemeenten):
        return _province_answer(base, provincie, treffer)
    eiland = island_in(sleutel)
    if treffer is None and eiland and not qualified_candidates(sleutel=sleutel, namen=namen):
        # "Sint Maarten Schagen" is the village in Schagen, not the island.
        return replace(base, uitkomst=Uitkomst.BUITEN_REGIO, eiland=eiland, ook_op=also_on(sleutel))
    if treffer and treffer.andere_naam:
        return _andere_naam_answer(vraag, base, treffer, index)
    if treffer:
        candidates = candidates_for(sleutel=treffer.sleutel)
        found = _answer_for_candidates(base, candidates, treffer, index, exact=True)
        return replace(found, provincie=provincie or "", eiland=eiland)
    # "Kralingen Rotterdam", "Ypenburg Den Haag": a name of that file with its own place.
    met_plaats = namen.andere_naam_with_place(sleutel)
    if met_plaats:
        return _whole_school_name_answer(vraag, base, index) or _andere_naam_answer(
            vraag, base, met_plaats, index
        )
    # "Amsterdam-Noord", "Utrecht Oost": a part of town without a row of its own is the town.
    wijk = place_and_district(sleutel=sleutel, namen=namen)
    if wijk and (found := _district_answer(vraag, base, wijk, index)):
        return found
    # "Hengelo (Gld)", "Den Hoorn Texel", "Zeeland Maashorst": a place with where it lies.
    qualified = qualified_candidates(sleutel=sleutel, namen=namen)
    if qualified:
        naam, candidates = qualified
        found = _answer_for_candidates(base, candidates, Naamtreffer(naam, ""), index)
        provincie = provincie_for_name(naam) or ""
        if provincie:
            # The village that carries a province's name: the village, or the province.
            found = replace(found, uitkomst=Uitkomst.KEUZES, keuzes=_keuzes(candidates))
        return replace(found, provincie=provincie)
    # Not a place or gemeente: perhaps a school ("De Regenboog Zwolle", "Aida Den Haag").
    schools = _school_index(index).find(vraag.tekst)
    if schools:
        return _school_name_answer(base, schools, sleutel, index)
    treffer = namen.corrected(sleutel)
    if treffer and treffer.andere_naam:
        found = _andere_naam_answer(vraag, base, treffer, index)
        return replace(found, bedoeld=treffer.andere_naam.naam)
    if treffer:
        found = _answer_for_candidates(
            base, candidates_for(sleutel=treffer.sleutel), treffer, index, exact=True
        )
        return replace(found, bedoeld=treffer.naam)
    if (
        len(sleutel) >= 3
        and namen.has_prefix(sleutel)
        and (candidates := candidates_for(sleutel=sleutel, prefix=True))
    ):
        # Nothing matches exactly: offer the places that start with what was typed ("amster").
        return _answer_for_candidates(base, candidates, Naamtreffer(sleutel, ""), index)
    schools, corrected = _school_index(index).find_corrected(vraag.tekst)
    if schools:
        # The places are those of the corrected words: "Montessori Alkamar" offers Alkmaar.
        found = _school_name_answer(base, schools, normalise_name(corrected), index, loose=True)
        return replace(found, bedoeld=schools[0].naam if len(schools) == 1 else corrected)
    # "Breda centrum": the longest known name inside the input.
    inside = known_names_in(sleutel=sleutel, namen=namen)
    if inside:
        provincie = provincie_for_name(inside)
        if provincie:
            # "Zeeland Maashorst": the village that carries the province's name, or the province.
            found = _province_answer(base, provincie, namen.find(inside, typo=False))
            return replace(found, uitkomst=Uitkomst.KEUZES) if found.keuzes else found
        candidates = candidates_for(sleutel=inside)
        return _answer_for_candidates(base, candidates, Naamtreffer(inside, ""), index, exact=True)
    return base


def _answer_for_candidates(
    base: Antwoord, candidates: list, treffer: Naamtreffer, index: Index, *, exact: bool = False
) -> Antwoord:
    """One candidate is the answer; several are a choice (the town first with its other parts)."""
    if not candidates:
        return base
    base = replace(base, herindeling=herindeling_for(sleutel=treffer.sleutel))
    split = main_and_parts(candidates) if exact and len(candidates) > 1 else None
    if split:
        candidates = [split[0]]
        base = replace(base, andere_delen=_keuzes(split[1], naast=[split[0]]))
    if len(candidates) > 1:
        return replace(base, uitkomst=Uitkomst.KEUZES, keuzes=_keuzes(candidates))
    found = candidates[0]
    first = found.areas[0]
    base = replace(base, gemeente=found.gemeente, plaats=found.naam, pc4=first.pc4)
    if not first.in_regio_indeling:
        base = replace(base, plaats=_first_place(first) or found.naam)
        return _approximate(base, first, index)
    if first.swv_po_id or first.swv_vo_id:
        return _answer_for_areas(base, found.areas, index)
    return replace(base, uitkomst=Uitkomst.GEEN_SWV, in_de_buurt=_nearby_cards(first, index))


def _district_answer(
    vraag: Zoekvraag, base: Antwoord, wijk: tuple[str, str], index: Index
) -> Antwoord | None:
    """A place followed by a part of town that data/alternatieve-namen.csv does not know
    ("Amsterdam-Noord"): the place's own answer (a choice where the place gives one), with a line
    that the part is not known apart; a school whose whole name was typed wins. None when the
    place answers with no region (a province's name): the other routes then try."""
    plaats, woorden = wijk
    return _whole_school_name_answer(vraag, base, index) or _as_place(vraag, plaats, woorden, index)


def _whole_school_name_answer(vraag: Zoekvraag, base: Antwoord, index: Index) -> Antwoord | None:
    """The answer for the schools found when one school's whole name (with or without its
    place) was typed ("Ridderkerk Noord": De Noord); None when none was."""
    schools = _school_index(index).find(vraag.tekst)
    if any(school.whole_name(vraag.tekst) for school in schools):
        return _school_name_answer(base, schools, vraag.sleutel, index)
    return None


def _as_place(vraag: Zoekvraag, plaats: str, woorden: str, index: Index) -> Antwoord | None:
    """The answer for the place `plaats` (a key) as if it had been typed, marked as given for
    the part of town `woorden`; None when the place answers with no region."""
    found = _resolve_name(replace(vraag, sleutel=plaats), index)
    if found.uitkomst not in (Uitkomst.GEVONDEN, Uitkomst.KEUZES):
        return None
    return replace(found, wijk=woorden, wijk_plaats=found.plaats or _name_of(plaats, index))


def _name_of(sleutel: str, index: Index) -> str:
    """The name a key stands for, as the data writes it ("amsterdam" -> "Amsterdam")."""
    treffer = name_list(index.plaatsversie).find(sleutel, typo=False)
    return treffer.naam if treffer else sleutel


def _andere_naam_answer(
    vraag: Zoekvraag, base: Antwoord, treffer: Naamtreffer, index: Index
) -> Antwoord:
    """A name of data/alternatieve-namen.csv: what it stands for, in its own gemeente."""
    andere = treffer.andere_naam
    gemeente = andere.soort == AlternatieveNaamSoort.FUSIE
    if andere.verdeeld:
        # A gemeente split over several: the parts of each of them to choose from.
        candidates = [
            k
            for doel, deel in andere.verdeeld
            for k in candidates_for(sleutel=normalise_name(doel), alleen_gemeente=gemeente)
            if k.gemeente == deel
        ]
        found = _answer_for_candidates(
            replace(base, andere_naam=andere), candidates, treffer, index
        )
        return replace(found, plaats=found.plaats and andere.staat_voor)
    if andere.soort == AlternatieveNaamSoort.WIJK and not andere.postcodes:
        # A district known only as part of its gemeente ("Vathorst"): exactly the answer for
        # the place it stands for (a choice where that place gives one), saying so; never the
        # offer of a province that carries the city's name.
        found = _as_place(vraag, treffer.sleutel, normalise_name(andere.naam), index)
        if found:
            return replace(found, andere_naam=andere, provincie="", eiland=None)
    if andere.postcodes:
        candidates = district_candidates(
            naam=andere.naam, gemeente=andere.gemeente, reeksen=andere.reeksen
        )
        return _answer_for_candidates(replace(base, andere_naam=andere), candidates, treffer, index)
    candidates = [
        k
        for k in candidates_for(sleutel=treffer.sleutel, alleen_gemeente=gemeente)
        if k.gemeente == andere.gemeente
    ]
    # A merged gemeente whose postcodes now have several SWVs: the parent chooses.
    found = _answer_for_candidates(
        replace(base, andere_naam=andere), candidates, treffer, index, exact=not gemeente
    )
    return replace(found, plaats=found.plaats and andere.staat_voor)


def _province_answer(base: Antwoord, provincie: str, treffer: Naamtreffer | None) -> Antwoord:
    """A province's name: its page, and the places that carry the same name ("Zeeland")."""
    plaatsen = candidates_for(sleutel=treffer.sleutel) if treffer else []
    return replace(base, uitkomst=Uitkomst.PROVINCIE, provincie=provincie, keuzes=_keuzes(plaatsen))


def _school_name_answer(
    base: Antwoord, schools: list, sleutel: str, index: Index, *, loose: bool = False
) -> Antwoord:
    """One school whose whole name was typed is the answer; anything looser is a choice that
    also offers the places and gemeenten the words name."""
    if len(schools) == 1 and not loose and schools[0].whole_name(base.zoekterm):
        return _answer_for_schools(base, schools, index)
    namen = name_list(index.plaatsversie)
    inside = known_names_in(sleutel=sleutel, namen=namen)
    if not inside and not loose and sleutel and (treffer := namen.corrected(sleutel)):
        # "Waale": the school "JP Waale", or the gemeente Waalre one letter away.
        inside = treffer.sleutel
    plaatsen = candidates_for(sleutel=inside) if inside else []
    keuzes = school_search.school_keuzes(schools)
    return replace(
        base,
        uitkomst=Uitkomst.KEUZES,
        school_keuzes=keuzes,
        meer_scholen=len(schools) - len(keuzes),
        keuzes=_keuzes(plaatsen),
    )


def _keuzes(candidates, *, naast=()) -> tuple[Keuze, ...]:
    """The options to show; `naast`: the answer shown beside them (the gemeente's largest part),
    whose postcodes no option's postcode range may hold either."""
    shown = list(candidates)[:MAX_KEUZES]
    pc4s = [[area.pc4 for area in k.areas] for k in shown]
    beside = [area.pc4 for k in naast for area in k.areas]
    return tuple(
        Keuze(
            naam=k.naam,
            gemeente=k.gemeente,
            provincie_naam=k.provincie_naam,
            pc4_van=k.pc4_van,
            pc4_tot=k.pc4_tot,
            plaatsen=tuple(k.plaatsen[:MAX_PLAATSEN]),
            label_niveau=k.niveau,
            postcodes=postcode_text(
                own, [*beside, *(pc4 for j, other in enumerate(pc4s) if j != i for pc4 in other)]
            ),
        )
        for i, (k, own) in enumerate(zip(shown, pc4s, strict=True))
    )


def _nearby_cards(area: Postcodegebied | Gebied, index: Index) -> tuple[InDeBuurt, ...]:
    return _nearby_cards_at(_centre([area]), index, exclude=set())


def _nearby_cards_at(centre, index: Index, exclude: set[int]) -> tuple[InDeBuurt, ...]:
    if centre is None:
        return ()
    return tuple(
        InDeBuurt(index.steunpunten[point.pk], round(point.afstand_km, 1))
        for point in index.nearby(centre[0], centre[1], exclude=exclude)
    )
