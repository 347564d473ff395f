"""As-you-type suggestions for the one search box: places and schools that start with the input.

Only an enhancement (static/js/zoeksuggesties.js): the search itself never needs them. Places
come first (a place still wins as in the search), then schools. Each answer is cached per data
version and normalised prefix, so a burst of typing costs one computation per prefix.
"""

import bisect
import re
from dataclasses import dataclass

from steunpunten import cache
from steunpunten.indexen import index_for_version
from steunpunten.models import AlternatieveNaam, AlternatieveNaamSoort, Plaatsnaam, Postcodegebied
from steunpunten.names import normalise_name

from . import school_search
from .search import school_aliases

MIN_LENGTH = 2
# What the start of a postcode looks like once normalised: "10", "1011", "1011 a", "1011ab".
# "1e montessori" is no postcode: a school name may start with a number.
POSTCODE_BEGIN = re.compile(r"\d{1,4} ?[a-z]{0,2}")
MAX_PLAATSEN = 3
MAX_SUGGESTIES = 8
SUGGESTIE_SOORTEN = (
    AlternatieveNaamSoort.ROEPNAAM,
    AlternatieveNaamSoort.ENGELS,
    AlternatieveNaamSoort.NEDERLANDS,
)


@dataclass(frozen=True)
class Suggestie:
    """One suggestion: what to show, what to search for, and where it leads."""

    soort: str  # "plaats" or "school"
    label: str
    zoekterm: str  # a place name, or a school's vestigingscode


def place_names(*, request=None) -> list[tuple[str, str]]:
    """Every place and gemeente name as (normalised key, name), sorted by key."""

    def build() -> list[tuple[str, str]]:
        names = set(Plaatsnaam.objects.values_list("naam", flat=True))
        names |= set(Postcodegebied.objects.exclude(gemeente="").values_list("gemeente", flat=True))
        keyed = {(normalise_name(name), name) for name in names}
        # The everyday, English and Dutch names of data/alternatieve-namen.csv ("Den Haag",
        # "The Hague", "Zuidwest-Friesland"): their answer says what they stand for.
        keyed |= set(
            AlternatieveNaam.objects.filter(soort__in=SUGGESTIE_SOORTEN).values_list(
                "sleutel", "naam"
            )
        )
        return sorted(keyed)

    return index_for_version(cache.place_version(request), build, naam="plaatsen")


def suggest(text: str, *, request=None) -> tuple[Suggestie, ...]:
    """Up to MAX_SUGGESTIES places and schools for what has been typed so far."""
    sleutel = normalise_name(text, open_end=True)[:60]
    if len(sleutel) < MIN_LENGTH or POSTCODE_BEGIN.fullmatch(sleutel):
        return ()  # a postcode being typed: nothing to suggest, the search answers it
    return cache.get_or_compute(
        "suggesties", sleutel, lambda: _compute(sleutel, request), request=request
    )


def _compute(sleutel: str, request) -> tuple[Suggestie, ...]:
    names = place_names(request=request)
    start = bisect.bisect_left(names, (sleutel, ""))
    plaatsen, seen = [], set()
    for key, name in names[start:]:
        if not key.startswith(sleutel) or len(plaatsen) == MAX_PLAATSEN:
            break
        if name not in seen:
            seen.add(name)
            plaatsen.append(Suggestie("plaats", name, name))
    index = school_search.school_index(aliases=school_aliases(request=request), request=request)
    found = index.find(sleutel, prefix=True, limit=MAX_SUGGESTIES - len(plaatsen))
    schools = [Suggestie("school", f"{v.naam}, {v.adres}", v.vestigingscode) for v in found]
    return tuple(plaatsen + schools)
