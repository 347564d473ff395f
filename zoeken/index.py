"""Every postcode area, published steunpunt and SWV as plain values, in memory per data version.

A postcode search needs its postcode area, the SWVs of that area with their steunpunten and the
steunpunten nearby. All of these come from this index, and every postcode search in the process
uses it without a query, whether a SWV has one steunpunt or fifty. The data is small (150 SWVs,
a few hundred published steunpunten, about 4,100 PC4: about a megabyte), so each process keeps
its own copy; the versions (steunpunten/cache.py) say when it is out of date, on every server
alike. It has two parts:

- the SWVs with their published steunpunten (two queries, tens of milliseconds): built again for
  each data version;
- the postcode areas (4,100 rows with their first place name, the bigger part): built per place
  version, which an edit of a steunpunt, an SWV or a peiling leaves alone. Such an edit costs
  each worker the first part only.

No request waits for a rebuild (steunpunten/indexen.py): the request that meets an old index is
answered from it while one thread builds the new one, and what it answers is neither cached nor
given an ETag, so the edit shows as soon as the new index is there.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from django.db.models import OuterRef, Subquery

from steunpunten import cache
from steunpunten.geo import NEARBY_LIMIT, NearbyPoint, find_nearby
from steunpunten.indexen import index_for_version, process_index
from steunpunten.models import Plaatsnaam, Postcodegebied, Samenwerkingsverband

from .antwoord import SteunpuntKaart, SwvKaart, steunpunt_card, swv_card


@dataclass(frozen=True)
class Gebied:
    """What a search needs of a PC4 area (the field names of Postcodegebied)."""

    pc4: str
    gemeente: str
    eerste_plaats: str  # the first of its place names, "" when it has none
    swv_po_id: int | None
    swv_vo_id: int | None
    lat: float | None
    lon: float | None
    in_regio_indeling: bool


@dataclass(frozen=True)
class Index:
    """The postcode areas, the published steunpunten and the SWVs at one data version."""

    versie: int
    plaatsversie: int
    swvs: dict[int, SwvKaart]  # SWV pk -> its card with its own published steunpunten
    steunpunten: dict[int, SteunpuntKaart]  # steunpunt pk -> card
    locaties: tuple[tuple[int, float, float], ...]  # (pk, lat, lon) of those with a location
    gebieden: dict[str, Gebied]  # PC4 -> its area

    @property
    def voorbeelden(self) -> bool:
        """True when a published steunpunt is an example (the site then says so on every page)."""
        return any(kaart.voorbeeld for kaart in self.steunpunten.values())

    def nearby(
        self, lat: float, lon: float, *, exclude: set[int], limit: int = NEARBY_LIMIT
    ) -> list[NearbyPoint]:
        """The published steunpunten nearest to the point, except the excluded ones."""
        points = [point for point in self.locaties if point[0] not in exclude]
        return find_nearby(points, lat, lon, limit)


_index = process_index("zoekindex")


def current_index(
    request=None, *, versie: int | None = None, plaatsversie: int | None = None
) -> Index:
    """The index at the current (or given) versions, built when needed, one build at a time.

    In a request that meets an older index, that one answers while a new one is built in the
    background (steunpunten/indexen.py); only the first index of a process is built at once."""
    if versie is None or plaatsversie is None:
        now = cache.versions(request)
        versie = now[0] if versie is None else versie
        plaatsversie = now[1] if plaatsversie is None else plaatsversie
    return _index.get((versie, plaatsversie), partial(build_index, versie, plaatsversie))


def forget_index() -> None:
    """Drop the index, so the next search builds it again (tests roll the data version back)."""
    _index.forget()


def build_index(versie: int, plaatsversie: int) -> Index:
    """Read the SWVs with their published steunpunten (two queries) into plain cards; the
    postcode areas of this place version come from memory when they were read before."""
    swvs = list(Samenwerkingsverband.objects.with_coverage().with_published_steunpunten())
    codes: dict[int, list[str]] = defaultdict(list)
    rows = {}
    for swv in swvs:
        for steunpunt in swv.gepubliceerde_steunpunten:
            codes[steunpunt.pk].append(swv.code)
            rows[steunpunt.pk] = steunpunt
    kaarten = {pk: steunpunt_card(row, tuple(codes[pk])) for pk, row in rows.items()}
    return Index(
        versie=versie,
        plaatsversie=plaatsversie,
        swvs={
            swv.pk: swv_card(swv, [kaarten[s.pk] for s in swv.gepubliceerde_steunpunten])
            for swv in swvs
        },
        steunpunten=kaarten,
        locaties=tuple(
            (pk, row.lat, row.lon)
            for pk, row in sorted(rows.items())
            if row.lat is not None and row.lon is not None
        ),
        gebieden=index_for_version(plaatsversie, _gebieden, naam="gebieden"),
    )


def _gebieden() -> dict[str, Gebied]:
    first_place = Plaatsnaam.objects.filter(postcodegebied=OuterRef("pk")).order_by("naam")
    rows = Postcodegebied.objects.annotate(
        eerste_plaats=Subquery(first_place.values("naam")[:1])
    ).values_list(
        "pc4",
        "gemeente",
        "eerste_plaats",
        "swv_po_id",
        "swv_vo_id",
        "lat",
        "lon",
        "in_regio_indeling",
    )
    return {
        pc4: Gebied(pc4, gemeente, plaats or "", po, vo, lat, lon, indeling)
        for pc4, gemeente, plaats, po, vo, lat, lon, indeling in rows
    }
