"""Schools for the search: the in-memory name index of this data version, cards and choices.

The matching rules (words, common words, BRIN and vestigingscode) live in steunpunten/scholen.py;
this module feeds them the schools of the database and turns what they find into the plain
dataclasses of an answer (antwoord.py).
"""

from collections import Counter
from collections.abc import Mapping

from steunpunten import cache
from steunpunten.indexen import index_for_rows, index_for_version
from steunpunten.models import Postcodegebied, School
from steunpunten.scholen import (
    SchoolIndex,
    Vermelding,
    build_school_index,
    format_adres,
    is_speciaal,
    parse_code,
    soort_sectoren,
)

from .antwoord import SchoolKaart, SchoolKeuze

MAX_SCHOOL_KEUZES = 20


def school_index(
    *, aliases: Mapping[str, str], request=None, plaatsversie: int | None = None
) -> SchoolIndex:
    """The name index of the current place version (built once per process and version).

    An edit of a steunpunt or SWV leaves the place version alone, so it keeps this index; a
    new place version whose schools are the same costs one query to see that, not a new index
    (steunpunten.indexen.index_for_rows)."""

    def from_rows(rows: list[tuple]) -> SchoolIndex:
        named = (dict(zip(SCHOOL_INDEX_FIELDS, row, strict=True)) for row in rows)
        return build_school_index(
            ({**row, "adres": format_adres(**_adres_delen(row))} for row in named),
            aliases=aliases,
        )

    def build() -> SchoolIndex:
        rows = School.objects.order_by("vestigingscode").values_list(*SCHOOL_INDEX_FIELDS)
        return index_for_rows(list(rows), from_rows, naam="scholen", extra=sorted(aliases.items()))

    plaatsversie = cache.place_version(request) if plaatsversie is None else plaatsversie
    return index_for_version(plaatsversie, build, naam="scholen")


def _adres_delen(row: dict) -> dict:
    return {
        name: row[name] for name in ("straat", "huisnummer", "toevoeging", "postcode", "plaats")
    }


SCHOOL_INDEX_FIELDS = (
    "vestigingscode",
    "naam",
    "plaats",
    "gemeente",
    "soort",
    "straat",
    "huisnummer",
    "toevoeging",
    "postcode",
)


def school_card(school: School) -> SchoolKaart:
    """The plain, cacheable summary of a school."""
    return SchoolKaart(
        vestigingscode=school.vestigingscode,
        brin=school.brin,
        naam=school.naam,
        soort=school.soort,
        denominatie=school.denominatie,
        adres=school.adres,
        plaats=school.plaats,
        website=school.website,
        sectoren=soort_sectoren(school.soort),
        speciaal=is_speciaal(school.soort),
    )


def school_keuze(vermelding: Vermelding, *, met_code: bool = False) -> SchoolKeuze:
    return SchoolKeuze(
        vestigingscode=vermelding.vestigingscode,
        naam=vermelding.naam,
        soort=vermelding.soort,
        adres=vermelding.adres,
        plaats=vermelding.plaats,
        met_code=met_code,
    )


def school_keuzes(
    vermeldingen: list[Vermelding], *, limit: int | None = MAX_SCHOOL_KEUZES
) -> tuple[SchoolKeuze, ...]:
    """A choice list, best matches first (all of them with limit=None: a BRIN's locations).

    Two locations whose lines would read the same (name, address, soort) also show their
    vestigingscode, so no two lines are identical."""
    shown = vermeldingen if limit is None else vermeldingen[:limit]
    lines = Counter((v.naam, v.adres, v.soort) for v in shown)
    return tuple(school_keuze(v, met_code=lines[(v.naam, v.adres, v.soort)] > 1) for v in shown)


def schools_with_brin(brin: str) -> list[Vermelding]:
    """Every location of one BRIN (a school board's number), as index entries."""
    return [
        Vermelding(s.vestigingscode, s.naam, s.plaats, s.adres, s.soort, frozenset())
        for s in School.objects.filter(brin=brin)
        .order_by("vestigingscode")
        .only(*SCHOOL_INDEX_FIELDS)
    ]


def school_area(school: School) -> Postcodegebied | None:
    """The school's PC4 area; for a PC4 that no data knows, the nearest-numbered known PC4 of
    the school's gemeente (the answer then says it is approximate)."""
    if school.postcodegebied_id:
        return school.postcodegebied
    known = Postcodegebied.objects.filter(in_regio_indeling=True).exclude(swv_po=None)
    pool = list(known.filter(gemeente=school.gemeente)) or list(known)
    pool.sort(key=lambda area: (abs(int(area.pc4) - int(school.pc4)), area.pc4))
    return pool[0] if pool else None


def find_schools(text: str, *, aliases: Mapping[str, str], request=None) -> tuple[SchoolKeuze, ...]:
    """Schools for a look-up: a vestigingscode, a BRIN's locations, or a name (best first)."""
    code = parse_code(text)
    if code and code[0] == "brin":
        return school_keuzes(schools_with_brin(code[1]), limit=None)
    elif code:
        found = [v for v in schools_with_brin(code[1][:4]) if v.vestigingscode == code[1]]
    else:
        found = school_index(aliases=aliases, request=request).find(text)
    return school_keuzes(found)
