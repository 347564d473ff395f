"""Gemeenten and places: today's names, the 2015 names of the law, and what a typed name means.

The regio-indeling of 2015 stays the authority for the SWVs of each PC4; the gemeente of today
(pc4-gemeente-2024, import_gemeenten) is what people see and search for. This module turns a
normalised name into candidates (one per gemeente and pair of SWVs), each with a label that is
unique within its list and says where the place is, and it places the PC4s that were issued
after 2015 through what is known of them.
"""

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.db.models import Q
from django.utils.text import get_text_list
from django.utils.translation import gettext

from .geo import flat_distance_km
from .models import AlternatieveNaam, AlternatieveNaamSoort, Plaatsnaam, Postcodegebied
from .namenlijst import AndereNaam
from .names import clean_place_name, normalise_name
from .regio import provincie_name


class Soort:
    """How an old gemeente of the 2015 table became today's gemeente(n)."""

    OPGEGAAN = "opgegaan"  # merged into (or with) another gemeente
    HERNOEMD = "hernoemd"  # the same gemeente under a new name
    GESPLITST = "gesplitst"  # its PC4s now lie in several gemeenten


# The year each gemeente of the 2015 table stopped existing under that name (1 January, except
# Weesp: 24 March 2022). Source: CBS, "Gemeentelijke indelingen per jaar" and the herindeling
# laws; the data itself says which gemeente(n) each PC4 belongs to now.
HERINDELING_JAAR: dict[str, int] = {
    "Aalburg": 2019,
    "Appingedam": 2021,
    "Bedum": 2019,
    "Beemster": 2022,
    "Bellingwedde": 2018,
    "Binnenmaas": 2019,
    "Boxmeer": 2022,
    "Brielle": 2023,
    "Bussum": 2016,
    "Cromstrijen": 2019,
    "Cuijk": 2022,
    "De Friese Meren": 2015,
    "De Marne": 2019,
    "Delfzijl": 2021,
    "Dongeradeel": 2019,
    "Eemsmond": 2019,
    "Ferwerderadiel": 2019,
    "Franekeradeel": 2018,
    "Geldermalsen": 2019,
    "Giessenlanden": 2019,
    "Grave": 2022,
    "Groesbeek": 2016,
    "Grootegast": 2019,
    "Haaren": 2021,
    "Haarlemmerliede en Spaarnwoude": 2019,
    "Haren": 2019,
    "Heerhugowaard": 2022,
    "Hellevoetsluis": 2023,
    "Hoogezand-Sappemeer": 2018,
    "Kollumerland en Nieuwkruisland": 2019,
    "Korendijk": 2019,
    "Landerd": 2022,
    "Langedijk": 2022,
    "Leek": 2019,
    "Leerdam": 2019,
    "Leeuwarderadeel": 2018,
    "Lingewaal": 2019,
    "Littenseradiel": 2018,
    "Loppersum": 2021,
    "Marum": 2019,
    "Menameradiel": 2018,
    "Menterwolde": 2018,
    "Mill en Sint Hubert": 2022,
    "Molenwaard": 2019,
    "Muiden": 2016,
    "Naarden": 2016,
    "Neerijnen": 2019,
    "Noordwijkerhout": 2019,
    "Nuth": 2019,
    "Onderbanken": 2019,
    "Oud-Beijerland": 2019,
    "Rijnwaarden": 2018,
    "Schijndel": 2017,
    "Schinnen": 2019,
    "Sint Anthonis": 2022,
    "Sint-Oedenrode": 2017,
    "Slochteren": 2018,
    "Strijen": 2019,
    "Ten Boer": 2019,
    "Uden": 2022,
    "Veghel": 2017,
    "Vianen": 2019,
    "Vlagtwedde": 2018,
    "Weesp": 2022,
    "Werkendam": 2019,
    "Westvoorne": 2023,
    "Winsum": 2019,
    "Woudrichem": 2019,
    "Zederik": 2019,
    "Zeevang": 2016,
    "Zuidhorn": 2019,
    "het Bildt": 2018,
}
# Gemeenten that only changed their name (the rest merged or were split).
HERNOEMD = frozenset({"De Friese Meren", "Groesbeek"})

# A same-name place that lies this close to the gemeente of that name is GeoNames naming a
# border PC4 after the town next door (a PC4 of De Bilt called "Utrecht"), not another place.
SPILL_KM = 3.0
MIN_NAME_LENGTH = 3  # shorter words inside longer input are never taken as a place name
MAX_WORDS = 6
MAX_PLACES_IN_NAME = 2


@dataclass(frozen=True)
class Herindeling:
    """An old gemeente of the 2015 table and the gemeente(n) its postcodes belong to now."""

    oud: str
    gemeenten: tuple[str, ...]
    jaar: int | None = None
    soort: str = Soort.OPGEGAAN

    @property
    def zin(self) -> str:
        """One sentence for the page, in the active language: "Bussum hoort sinds 2016 bij …"."""
        values = {
            "oud": self.oud,
            "jaar": self.jaar,
            "gemeente": self.gemeenten[0] if self.gemeenten else "",
            "gemeenten": get_text_list(list(self.gemeenten), gettext("en")),
        }
        if self.soort == Soort.GESPLITST:
            if self.jaar:
                text = gettext(
                    "De gemeente %(oud)s bestaat sinds %(jaar)s niet meer. De plaatsen horen nu "
                    "bij de gemeenten %(gemeenten)s."
                )
            else:
                text = gettext("De plaatsen van %(oud)s horen nu bij de gemeenten %(gemeenten)s.")
        elif self.soort == Soort.HERNOEMD and self.jaar:
            text = gettext("De gemeente %(oud)s heet sinds %(jaar)s %(gemeente)s.")
        elif self.jaar:
            text = gettext("%(oud)s hoort sinds %(jaar)s bij de gemeente %(gemeente)s.")
        else:
            text = gettext("%(oud)s hoort nu bij de gemeente %(gemeente)s.")
        return text % values


@dataclass
class Kandidaat:
    """One possible answer to a name: PC4 areas of one gemeente that share their SWVs."""

    naam: str
    gemeente: str
    provincie: str
    areas: list[Postcodegebied]
    plaatsen: list[str] = field(default_factory=list)
    eigen: bool = False  # the place whose name is its own gemeente (or the gemeente itself)
    plaats: bool = False  # holds a place that carries the searched-for name
    niveau: int = 0  # how much the label says: 1 adds the postcodes (label_candidates)

    @property
    def gemeente_sleutel(self) -> str:
        return self.areas[0].gemeente_sleutel

    @property
    def pc4_van(self) -> str:
        return self.areas[0].pc4

    @property
    def pc4_tot(self) -> str:
        return self.areas[-1].pc4

    @property
    def provincie_naam(self) -> str:
        return provincie_name(self.provincie) if self.provincie else ""

    @property
    def label(self) -> str:
        return label_text(
            naam=self.naam,
            gemeente=self.gemeente,
            provincie_naam=self.provincie_naam,
            pc4_van=self.pc4_van,
            pc4_tot=self.pc4_tot,
            niveau=self.niveau,
        )


# --- Old gemeenten ------------------------------------------------------------------------------


def herindeling_for(*, sleutel: str) -> Herindeling | None:
    """The old gemeente of the 2015 table with this key, when today no gemeente has that name."""
    rows = list(
        Postcodegebied.objects.filter(gemeente_2015_sleutel=sleutel)
        .exclude(gemeente_sleutel=sleutel)
        .exclude(gemeente="")
        .values_list("gemeente_2015", "gemeente")
        .distinct()
    )
    if not rows or Postcodegebied.objects.filter(gemeente_sleutel=sleutel).exists():
        return None
    oud = rows[0][0]
    gemeenten = tuple(sorted({gemeente for _oud, gemeente in rows}))
    if len(gemeenten) > 1:
        soort = Soort.GESPLITST
    elif oud in HERNOEMD:
        soort = Soort.HERNOEMD
    else:
        soort = Soort.OPGEGAAN
    return Herindeling(oud=oud, gemeenten=gemeenten, jaar=HERINDELING_JAAR.get(oud), soort=soort)


# --- Names -> candidates -----------------------------------------------------------------------


def candidates_for(
    *, sleutel: str, prefix: bool = False, alleen_gemeente: bool = False
) -> list[Kandidaat]:
    """The candidates for a normalised name (or, with prefix=True, names starting with it);
    with alleen_gemeente only the gemeente of that name ("gemeente Zeeland" is no village)."""
    lookup = "startswith" if prefix else "exact"
    place_rows = (
        []
        if alleen_gemeente
        else list(
            Plaatsnaam.objects.filter(**{f"sleutel__{lookup}": sleutel}).values_list(
                "postcodegebied_id", "naam"
            )
        )
    )
    matched_place: dict[int, str] = {}
    for pk, naam in sorted(place_rows, key=lambda row: row[1]):
        matched_place.setdefault(pk, naam)
    named = Q(**{f"gemeente_sleutel__{lookup}": sleutel}) | Q(
        **{f"gemeente_2015_sleutel__{lookup}": sleutel}
    )
    areas = list(
        Postcodegebied.objects.filter(named | Q(pk__in=list(matched_place)))
        .prefetch_related("plaatsnamen")
        .order_by("pc4")[:2000]
    )
    # PC4s issued after 2015 count only when nothing else matches (they have no SWV of their own).
    known = [area for area in areas if area.in_regio_indeling]
    areas = known or areas[:1]
    groups: dict[tuple, list[Postcodegebied]] = defaultdict(list)
    for area in areas:
        groups[(area.gemeente, area.swv_po_id, area.swv_vo_id, area.in_regio_indeling)].append(area)
    result = [_candidate(group, sleutel, matched_place, prefix) for group in groups.values()]
    _name_parts(
        result,
        {id(k) for k in result if any(a.pk in matched_place for a in k.areas)},
    )
    result = _merge_same(_without_spill(result))
    result.sort(key=lambda k: (not k.eigen, -len(k.areas), k.naam, k.pc4_van))
    return label_candidates(result)


def district_candidates(
    *, naam: str, gemeente: str, reeksen: list[tuple[str, str]]
) -> list[Kandidaat]:
    """The PC4 ranges (first, last) of a gemeente as candidates named after the district, one
    per SWV pair."""
    within = Q()
    for van, tot in reeksen:
        within |= Q(pc4__gte=van, pc4__lte=tot)
    areas = list(
        Postcodegebied.objects.filter(within, gemeente=gemeente, in_regio_indeling=True)
        .prefetch_related("plaatsnamen")
        .order_by("pc4")
    )
    groups: dict[tuple, list[Postcodegebied]] = defaultdict(list)
    for area in areas:
        groups[(area.swv_po_id, area.swv_vo_id)].append(area)
    result = [
        Kandidaat(
            naam=naam,
            gemeente=gemeente,
            provincie=group[0].provincie,
            areas=group,
            plaatsen=sorted({p.naam for area in group for p in area.plaatsnamen.all()}),
            eigen=True,
            plaats=True,
        )
        for group in groups.values()
    ]
    return label_candidates(result)


def _named(value: str, sleutel: str, prefix: bool) -> bool:
    key = normalise_name(clean_place_name(value))
    return key.startswith(sleutel) if prefix else key == sleutel


def _candidate(
    areas: list[Postcodegebied], sleutel: str, matched_place: dict[int, str], prefix: bool
) -> Kandidaat:
    first = areas[0]
    plaatsen = main_places(areas)
    matched = sorted({matched_place[a.pk] for a in areas if a.pk in matched_place})
    gemeente_naam = clean_place_name(first.gemeente)
    if matched:
        naam = matched[0]
    elif _named(first.gemeente, sleutel, prefix):
        naam = first.gemeente
    else:
        naam = next(
            (a.gemeente_2015 for a in areas if _named(a.gemeente_2015, sleutel, prefix)),
            first.gemeente,
        )
    eigen = bool(first.gemeente) and (
        _named(first.gemeente, sleutel, prefix)
        or gemeente_naam in matched
        or any(_named(a.gemeente_2015, sleutel, prefix) for a in areas)
    )
    return Kandidaat(
        naam=naam,
        gemeente=first.gemeente,
        provincie=first.provincie,
        areas=areas,
        plaatsen=plaatsen,
        eigen=eigen,
        plaats=bool(matched),
    )


def main_places(areas: list[Postcodegebied]) -> list[str]:
    """The place names of these areas, the biggest (most PC4) first: Sneek before Abbega."""
    count: dict[str, int] = defaultdict(int)
    for area in areas:
        for place in area.plaatsnamen.all():
            count[place.naam] += 1
    return sorted(count, key=lambda naam: (-count[naam], naam))


def has_swv(kandidaat: Kandidaat) -> bool:
    """False for areas the regio-indeling gives no SWV (Europoort): nobody lives there."""
    first = kandidaat.areas[0]
    return bool(first.swv_po_id or first.swv_vo_id) or not first.in_regio_indeling


def main_and_parts(candidates: list[Kandidaat]) -> tuple[Kandidaat, list[Kandidaat]] | None:
    """The town itself and the other parts of its gemeente, when that is all a name matched.

    "Amsterdam" is the town of Amsterdam; Weesp, part of the gemeente Amsterdam with other SWVs,
    is shown beside the answer instead of making every Amsterdammer choose.
    """
    first = candidates[0]
    if not (first.eigen and first.plaats):
        return None
    rest = candidates[1:]
    if any(k.gemeente != first.gemeente or k.plaats for k in rest):
        return None
    return first, [k for k in rest if has_swv(k)]


def _name_parts(candidates: list[Kandidaat], matched: set[int]) -> None:
    """Within one gemeente, only its largest part carries the searched-for gemeente name.

    The other parts (other SWVs: Hoek van Holland in Rotterdam, Schijndel in Meierijstad) are
    called after their own places, so that a parent sees which one is theirs.
    """
    named: set[tuple[str, str]] = set()
    for k in sorted(candidates, key=lambda k: (id(k) not in matched, -len(k.areas))):
        # An old gemeente split over several gemeenten: its name, once, for its own place.
        key = ("", k.naam) if normalise_name(k.naam) != k.gemeente_sleutel else (k.gemeente, k.naam)
        if id(k) in matched or key not in named:
            named.add(key)
            continue
        own = [p for p in k.plaatsen if p != k.naam] or k.plaatsen
        if own:
            k.naam = ", ".join(own[:MAX_PLACES_IN_NAME]) + (
                " e.o." if len(own) > MAX_PLACES_IN_NAME else ""
            )
            k.eigen = False


def _without_spill(candidates: list[Kandidaat]) -> list[Kandidaat]:
    """Leave out places that exist only because GeoNames named a border PC4 after its neighbour."""
    own = [k for k in candidates if k.eigen]
    if not own:
        return candidates
    own_points = [(a.lat, a.lon) for k in own for a in k.areas if a.lat is not None]
    own_gemeenten = {k.gemeente for k in own}

    def spill(kandidaat: Kandidaat) -> bool:
        if kandidaat.eigen or kandidaat.gemeente in own_gemeenten or not own_points:
            return False
        points = [(a.lat, a.lon) for a in kandidaat.areas if a.lat is not None]
        return bool(points) and all(
            min(flat_distance_km(p, o) for o in own_points) <= SPILL_KM for p in points
        )

    return [k for k in candidates if not spill(k)]


def label_text(
    *,
    naam: str,
    gemeente: str,
    provincie_naam: str,
    pc4_van: str,
    pc4_tot: str,
    niveau: int,
    postcodes: str = "",
) -> str:
    """A choice's label in the active language: "Hengelo (gemeente Bronckhorst, Gelderland)".

    `postcodes` (postcode_text) replaces the plain range where one is known."""
    parts = []
    if gemeente and clean_place_name(gemeente) != naam:
        parts.append(gettext("gemeente %(gemeente)s") % {"gemeente": gemeente})
    if provincie_naam:
        parts.append(provincie_naam)
    if niveau >= 1 or not parts:
        parts.append(postcodes or (pc4_van if pc4_van == pc4_tot else f"{pc4_van}–{pc4_tot}"))
    return f"{naam} ({', '.join(parts)})"


def postcode_text(own: Iterable[str], others: Iterable[str] = ()) -> str:
    """The PC4s of one option as ranges that hold none of the PC4s of the other options in the
    same list: "8529–8637, 8650–9021", never a "from–to" that swallows another option's postcodes
    (issue 22). With no others in between it is one range, "7551–7559"."""
    mine = sorted(set(own))
    if not mine:
        return ""
    foreign = sorted(set(others) - set(mine))
    runs, start, previous = [], mine[0], mine[0]
    for pc4 in mine[1:]:
        between = bisect.bisect_right(foreign, previous) < bisect.bisect_left(foreign, pc4)
        if between:
            runs.append((start, previous))
            start = pc4
        previous = pc4
    runs.append((start, previous))
    return ", ".join(van if van == tot else f"{van}–{tot}" for van, tot in runs)


def label_candidates(candidates: list[Kandidaat]) -> list[Kandidaat]:
    """Give each candidate a label that says where it is and that no other candidate shares."""
    for _round in range(2):
        labels = [k.label for k in candidates]
        for k, text in zip(candidates, labels, strict=True):
            if labels.count(text) > 1:
                k.niveau += 1
    return candidates


def _merge_same(candidates: list[Kandidaat]) -> list[Kandidaat]:
    """One entry for a place whose PC4 lie in two gemeenten but share SWVs and province (Axel)."""
    merged: dict[tuple, Kandidaat] = {}
    for k in sorted(candidates, key=lambda k: (-len(k.areas), k.pc4_van)):
        first = k.areas[0]
        key = (
            normalise_name(k.naam),
            first.swv_po_id,
            first.swv_vo_id,
            k.provincie,
            first.in_regio_indeling,
        )
        kept = merged.get(key)
        if kept is None or not _adjacent(kept, k):
            # Villages of one name in different gemeenten are options of their own, each naming
            # its gemeente, even when their SWVs coincide (only one place over a border merges).
            merged[key if kept is None else (*key, k.gemeente, k.pc4_van)] = k
            continue
        kept.areas = sorted(kept.areas + k.areas, key=lambda area: area.pc4)
        kept.plaatsen = list(dict.fromkeys(kept.plaatsen + k.plaatsen))
        kept.eigen, kept.plaats = kept.eigen or k.eigen, kept.plaats or k.plaats
    return list(merged.values())


# GeoNames calls 4581 (Hulst) Axel too, 7.7 km from Axel (4571): one place; the two Oudega of
# De Fryske Marren and Súdwest-Fryslân, 9.9 km apart, are two villages (tests guard both).
MERGE_KM = 8.0


def _adjacent(first: Kandidaat, second: Kandidaat) -> bool:
    """True when two candidates' PC4 lie within MERGE_KM of each other (one place, two gemeenten)."""
    points = [(a.lat, a.lon) for a in first.areas if a.lat is not None]
    others = [(a.lat, a.lon) for a in second.areas if a.lat is not None]
    if not points or not others:
        return first.gemeente == second.gemeente
    return min(flat_distance_km(p, o) for p in points for o in others) <= MERGE_KM


def known_names_in(*, sleutel: str, namen) -> str | None:
    """The longest known place or gemeente name inside a longer input ("breda centrum" -> "breda");
    `namen` is the Namenlijst of the data version (no query)."""
    words = sleutel.split()
    grams = {
        " ".join(words[start : start + size])
        for size in range(1, min(len(words), MAX_WORDS) + 1)
        for start in range(len(words) - size + 1)
    }
    found = {
        namen.doel[gram]
        for gram in grams
        if len(gram) >= MIN_NAME_LENGTH and gram != sleutel and gram in namen
    }
    if not found:
        return None
    return max(sorted(found), key=lambda key: (len(key.split()), len(key)))


# How GeoNames and people shorten a province after a place name ("Hengelo (Gld)", "Bergen NH").
PROVINCIE_AFKORTINGEN: dict[str, str] = {
    "nh": "noord holland",
    "zh": "zuid holland",
    "nb": "noord brabant",
    "gld": "gelderland",
    "gl": "gelderland",
    "l": "limburg",
    "lb": "limburg",
    "li": "limburg",
    "ut": "utrecht",
    "u": "utrecht",
    "gn": "groningen",
    "gr": "groningen",
    "fr": "friesland",
    "fl": "flevoland",
    "ov": "overijssel",
    "o": "overijssel",
    "dr": "drenthe",
    "d": "drenthe",
    "z": "zeeland",
    "zl": "zeeland",
    "ze": "zeeland",
    # GeoNames' own: "Bavel AC", "Ulvenhout AC" are the parts of Bavel and Ulvenhout (Breda)
    # that lie in Alphen-Chaam.
    "ac": "alphen chaam",
}
QUALIFIER_NOISE = frozenset({"gemeente", "gem", "provincie", "in", "bij", "prov"})


def qualified_candidates(*, sleutel: str, namen) -> tuple[str, list[Kandidaat]] | None:
    """A known name followed by where it lies ("hengelo gld", "den hoorn texel"): its key and
    the candidates that lie there; None when the input is not of that form."""
    words = sleutel.split()
    for size in range(len(words) - 1, 0, -1):
        rest = [w for w in words[size:] if w not in QUALIFIER_NOISE]
        # Only where-words: a province (or its abbreviation) or a gemeente's words.
        if not rest or not all(
            w in PROVINCIE_AFKORTINGEN or w in namen.plaats_woorden for w in rest
        ):
            continue
        treffer = namen.find(" ".join(words[:size]), typo=False)
        if treffer is None:
            continue
        wanted = set(" ".join(PROVINCIE_AFKORTINGEN.get(word, word) for word in rest).split())
        found = []
        for k in candidates_for(sleutel=treffer.sleutel):
            # A place over a border is one candidate (Spaarndam: Haarlem and Haarlemmermeer):
            # "Spaarndam Haarlemmermeer" is its part in Haarlemmermeer.
            there = [area for area in k.areas if wanted <= _where_words(area, k.provincie_naam)]
            if len(there) == len(k.areas):
                found.append(k)
            elif there:
                found.append(replace(k, gemeente=there[0].gemeente, areas=there, niveau=0))
        if found:
            return treffer.sleutel, label_candidates(found)
    return None


# Parts of a town people write after its name that have no row of their own in
# data/alternatieve-namen.csv ("Amsterdam-Noord", "Utrecht Oost", "Amsterdam Nieuw-West", "Almere
# Buiten"): no public page gives their postcodes, so the search answers for the town itself.
WIJK_WOORDEN = frozenset(
    {
        "noord",
        "oost",
        "zuid",
        "west",
        "noordoost",
        "noordwest",
        "zuidoost",
        "zuidwest",
        "nieuw west",
        "centrum",
        "binnenstad",
        "stad",
        "buiten",
        "haven",
        "poort",
    }
)
WIJK_RUIS = frozenset({"stadsdeel", "wijk"})


def place_and_district(*, sleutel: str, namen) -> tuple[str, str] | None:
    """A known name followed by a part of town ("amsterdam noord", "den haag stadsdeel
    centrum"): (the name's key, the district's words); None when the input is not of that form."""
    words = sleutel.split()
    for size in range(len(words) - 1, 0, -1):
        rest = " ".join(w for w in words[size:] if w not in WIJK_RUIS)
        plaats = " ".join(words[:size])
        if rest in WIJK_WOORDEN and namen.find(plaats, typo=False):
            return plaats, rest
    return None


def _where_words(area: Postcodegebied, provincie_naam: str) -> set[str]:
    return set(normalise_name(f"{area.gemeente} {provincie_naam}").split())


def place_rows() -> list[tuple[str, str, str]]:
    """Every place as (normalised key, name as the data writes it, key of its gemeente): one
    query for known_names and deelnamen alike."""
    rows = Plaatsnaam.objects.values_list("sleutel", "naam", "postcodegebied__gemeente_sleutel")
    return list(rows.distinct())


def known_names(rows: list[tuple[str, str, str]] | None = None) -> list[tuple[str, str]]:
    """Every place, gemeente and 2015 gemeente as (normalised key, name as the data writes it)."""
    names = {(key, naam) for key, naam, _gemeente in (place_rows() if rows is None else rows)}
    for key_field, name_field in (
        ("gemeente_sleutel", "gemeente"),
        ("gemeente_2015_sleutel", "gemeente_2015"),
    ):
        names |= set(Postcodegebied.objects.values_list(key_field, name_field).distinct())
    return sorted((key, name) for key, name in names if key)


# Words that name no place on their own ("Klein Zundert", "Velsen-Noord", "Nieuwe Pekela").
GEEN_EIGEN_NAAM = frozenset(
    {"klein", "groot", "nieuw", "nieuwe", "oud", "oude", "noord", "oost", "zuid", "west", "eind"}
)
MIN_DEELNAAM = 4


def deelnamen(rows: list[tuple[str, str, str]] | None = None) -> dict[str, str]:
    """The short names of places that the data writes with their gemeente ("Hoogvliet Rotterdam",
    "Bunschoten-Spakenburg", "Winterswijk Meddo"): "hoogvliet" -> "hoogvliet rotterdam".

    Only one word of at least four letters that is not a direction or the like; a name that is a
    place or gemeente of its own keeps its own meaning (Namenlijst keeps known names first)."""
    found: dict[str, set[str]] = defaultdict(set)
    for sleutel, _naam, gemeente in place_rows() if rows is None else rows:
        words, own = sleutel.split(), (gemeente or "").split()
        if not own or len(words) != len(own) + 1:
            continue
        if words[: len(own)] == own:
            rest = words[-1]
        elif words[-len(own) :] == own:
            rest = words[0]
        else:
            continue
        if len(rest) >= MIN_DEELNAAM and rest not in GEEN_EIGEN_NAAM:
            found[rest].add(sleutel)
    # A short name shared by two such places ("Noord" of two gemeenten) means neither.
    return {rest: next(iter(keys)) for rest, keys in sorted(found.items()) if len(keys) == 1}


def andere_namen() -> list[tuple[str, str, AndereNaam]]:
    """The names of data/alternatieve-namen.csv as (typed key, stored key, AndereNaam). A name
    with rows for several gemeenten (a gemeente split over them) is one AndereNaam that names
    them all (`verdeeld`)."""
    rows: dict[str, list[AlternatieveNaam]] = defaultdict(list)
    for a in AlternatieveNaam.objects.order_by("sleutel", "gemeente", "naam"):
        rows[a.sleutel].append(a)
    # A name that the data also gives places of its own gemeente only ("Den Haag": GeoNames names
    # most PC4s of 's-Gravenhage so) still stands for what its row says.
    plaatsen: dict[str, set[str]] = defaultdict(set)
    for sleutel, gemeente in Plaatsnaam.objects.filter(sleutel__in=rows).values_list(
        "sleutel", "postcodegebied__gemeente"
    ):
        plaatsen[sleutel].add(gemeente)
    result = []
    for sleutel, group in rows.items():
        a = group[0]
        split = len(group) > 1 and all(b.soort == AlternatieveNaamSoort.FUSIE for b in group)
        verdeeld = tuple((b.staat_voor, b.gemeente) for b in group) if split else ()
        andere = AndereNaam(
            a.naam,
            a.soort,
            a.staat_voor,
            a.gemeente,
            a.jaar,
            a.postcodes,
            verdeeld=verdeeld,
            ook_plaats=len(group) == 1 and plaatsen.get(sleutel) == {a.gemeente},
        )
        result.append((sleutel, a.staat_voor_sleutel, andere))
    return result


def gemeente_keys() -> frozenset[str]:
    """The normalised names of every gemeente of today and of the 2015 table."""
    rows = Postcodegebied.objects.values_list("gemeente_sleutel", "gemeente_2015_sleutel")
    return frozenset(key for pair in rows.distinct() for key in pair if key)


def gemeenten_of(swvs) -> list[str]:
    """The gemeenten (of today) in which these SWVs (or SWV ids) have a PC4, by name."""
    rows = (
        Postcodegebied.objects.filter(Q(swv_po__in=swvs) | Q(swv_vo__in=swvs))
        .exclude(gemeente="")
        .values_list("gemeente", flat=True)
        .distinct()
        .order_by("gemeente")
    )
    return list(rows)


# --- Provinces ----------------------------------------------------------------------------------


def provincies_by_swv() -> dict[int, set[str]]:
    """Per SWV id: every province (slug) in which one of its PC4 lies today."""
    result: dict[int, set[str]] = defaultdict(set)
    rows = Postcodegebied.objects.exclude(provincie="").values_list(
        "swv_po_id", "swv_vo_id", "provincie"
    )
    for po_id, vo_id, provincie in rows.distinct():
        for pk in (po_id, vo_id):
            if pk:
                result[pk].add(provincie)
    return result


# --- PC4s the law does not know ----------------------------------------------------------------


class Via:
    """How a PC4 issued after 2015 was placed."""

    GEMEENTE = "gemeente"  # every other PC4 of its current gemeente has these SWVs
    GEMEENTE_BUUR = "gemeente_buur"  # the nearest PC4 of its current gemeente
    PLAATS = "plaats"  # the nearest PC4 of the same place (woonplaats)
    POSTCODEGEBIED = "postcodegebied"  # the nearest PC4 with the same first three digits
    BUUR = "buur"  # the nearest known PC4


@dataclass(frozen=True)
class Plaatsing:
    """Where a PC4 outside the 2015 table is placed: a known PC4 whose SWVs it takes."""

    buur: Postcodegebied
    via: str
    gemeente: str


def _closest(area: Postcodegebied, pool: list[Postcodegebied]) -> Postcodegebied | None:
    if not pool:
        return None
    if area.lat is not None:
        located = [p for p in pool if p.lat is not None]
        if located:
            return min(
                located,
                key=lambda p: (flat_distance_km((area.lat, area.lon), (p.lat, p.lon)), p.pc4),
            )
    return min(pool, key=lambda p: (abs(int(p.pc4) - int(area.pc4)), p.pc4))


def place_new_postcode(*, area: Postcodegebied) -> Plaatsing | None:
    """Place a PC4 issued after 2015: by its gemeente, place or postal district, else distance."""
    known = list(
        Postcodegebied.objects.filter(in_regio_indeling=True)
        .filter(Q(swv_po__isnull=False) | Q(swv_vo__isnull=False))
        .only("pc4", "lat", "lon", "gemeente", "swv_po_id", "swv_vo_id")
    )
    if area.gemeente and area.gemeente_bron:
        same = [p for p in known if p.gemeente == area.gemeente]
        pairs = {(p.swv_po_id, p.swv_vo_id) for p in same}
        district = [p for p in same if p.pc4[:3] == area.pc4[:3]]
        buur = _closest(area, district if len(pairs) > 1 and district else same)
        if buur is not None:
            via = Via.GEMEENTE if len(pairs) == 1 else Via.GEMEENTE_BUUR
            return Plaatsing(buur=buur, via=via, gemeente=area.gemeente)
    # A known PC4 of the same place (9614 Harkstede -> 9615 Harkstede), else of the same district.
    plaatsen = set(area.plaatsnamen.values_list("sleutel", flat=True))
    same_place = set(
        Plaatsnaam.objects.filter(sleutel__in=plaatsen).values_list("postcodegebied_id", flat=True)
    )
    district = [p for p in known if p.pc4[:3] == area.pc4[:3]]
    pool = [p for p in known if p.pk in same_place]
    buur = _closest(area, [p for p in pool if p in district] or pool)
    if buur is not None:
        return Plaatsing(buur=buur, via=Via.PLAATS, gemeente=buur.gemeente)
    buur = _closest(area, district)
    if buur is not None:
        return Plaatsing(buur=buur, via=Via.POSTCODEGEBIED, gemeente=buur.gemeente)
    buur = _closest(area, known)
    if buur is None:
        return None
    return Plaatsing(buur=buur, via=Via.BUUR, gemeente=buur.gemeente)


def is_po_box_range(*, pc4: str) -> bool:
    """True for a PC4 unknown to the data that PostNL uses for postbussen only (2500, 1000)."""
    if Postcodegebied.objects.filter(pc4=pc4).exists():
        return False
    if pc4.endswith("00"):
        return True
    # Cities start their PC4s at x1 of a district: x000-x009 of an empty district are postbussen.
    return pc4[2] == "0" and not Postcodegebied.objects.filter(pc4__startswith=pc4[:3]).exists()
