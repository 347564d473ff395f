"""Schools (DUO vestigingen): which sector a soort means, and finding a school by what people type.

A school belongs to the SWV of the region where it stands: its PC4 gives a PO and a VO SWV
(the regio-indeling) and its soort says which of the two is the school's. Special schools
(SO, VSO, (V)SO) take pupils from several regions; the page says so (zoeken/school.html).

Finding a school by name uses an in-memory index built once per data version (cache.py): every
school's name, place and gemeente as normalised tokens, with a token -> schools map. A query
needs each of its own tokens in the school's tokens, apart from common words such as
"basisschool" or "CBS" that people add or leave out at will.
"""

import bisect
import functools
import heapq
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from .names import normalise_name
from .regio import Sector
from .spelling import Woordenlijst

PO_SOORTEN = frozenset({"basisschool", "SBAO"})
SPECIAAL_SECTOREN: dict[str, tuple[str, ...]] = {
    "SO": (Sector.PO,),
    "VSO": (Sector.VO,),
    "(V)SO": (Sector.PO, Sector.VO),
}
# A VO soort is one or more of these, joined by "/" (VBO/MAVO/HAVO/VWO, VBO/PRO, ...).
VO_DELEN = frozenset({"VBO", "MAVO", "HAVO", "VWO", "PRO", "BRUGJAAR"})

# Words people add to or leave out of a school's name; a query never needs them to match.
STOPWOORDEN = frozenset(
    {
        "basisschool",
        "basisscholen",
        "school",
        "scholen",
        "bs",
        "obs",
        "cbs",
        "pcbs",
        "rkbs",
        "kbs",
        "rk",
        "ikc",
        "kc",
        "kindcentrum",
        "integraal",
        "openbare",
        "christelijke",
        "katholieke",
        "de",
        "het",
        "t",
        "s",
        "en",
        "voor",
        "van",
    }
)
# Words that say what kind of school it is, not which: "Het Stedelijk Kottenpark praktijkonderwijs,
# vmbo, havo, atheneum en gymnasium" is called "Stedelijk Kottenpark" (see Vermelding.whole_name).
SOORT_WOORDEN = frozenset(
    {
        "praktijkonderwijs",
        "vmbo",
        "havo",
        "vwo",
        "mavo",
        "vbo",
        "atheneum",
        "ath",
        "gymnasium",
        "gym",
        "lwoo",
        "isk",
        "tl",
        "gl",
        "kb",
        "bb",
        "so",
        "vso",
        "sbo",
        "sbao",
        "speciaal",
        "onderwijs",
        "voortgezet",
        "locatie",
        "loc",
    }
)
# Articles and small words: never part of what makes a name whole.
LIDWOORDEN = frozenset({"de", "het", "t", "s", "en", "voor", "van"})
# Words that say what kind of school it is ("OBS", "Basisschool", "SBO", "IKC"). A name that starts
# with one is called by it: "OBS Overvecht" is not the school "Overvecht" (a district of Utrecht),
# so its whole name needs one of these words too (any of them: people write OBS for Openbare
# Basisschool). DUO's list of kinds after a name ("Het Stedelijk Kottenpark praktijkonderwijs,
# vmbo, havo, ...") describes the school; it is no part of what people call it.
AANDUIDINGEN = (STOPWOORDEN - LIDWOORDEN) | SOORT_WOORDEN
BRIN_RE = re.compile(r"^[0-9]{2}[A-Z]{2}$")
VESTIGINGSCODE_RE = re.compile(r"^[0-9]{2}[A-Z]{2}[0-9]{2}$")
# At most this many corrected spellings of a query are tried (one typo per long word).
MAX_COMBINATIONS = 64


def soort_sectoren(soort: str) -> tuple[str, ...]:
    """The sectors whose SWV is a school's own: ("PO",), ("VO",) or both for (V)SO; () if unknown."""
    if soort in PO_SOORTEN:
        return (Sector.PO,)
    if soort in SPECIAAL_SECTOREN:
        return SPECIAAL_SECTOREN[soort]
    delen = set(soort.split("/"))
    return (Sector.VO,) if delen and delen <= VO_DELEN else ()


def format_adres(
    *, straat: str, huisnummer: str, toevoeging: str, postcode: str, plaats: str
) -> str:
    """A school's address on one line: "Tiemeister 20a, 7541 WG Enschede"."""
    street = " ".join(part for part in (straat, huisnummer + toevoeging) if part)
    town = f"{postcode[:4]} {postcode[4:]} {plaats}".strip()
    return ", ".join(part for part in (street, town) if part)


def is_speciaal(soort: str) -> bool:
    """True for special schools (SO, VSO, (V)SO): pupils come from several regions."""
    return soort in SPECIAAL_SECTOREN


def parse_code(text: str) -> tuple[str, str] | None:
    """("brin", "00AH") or ("vestigingscode", "00AH07") when the text is one, else None."""
    compact = re.sub(r"[\s-]+", "", text or "").upper()
    if VESTIGINGSCODE_RE.match(compact):
        return ("vestigingscode", compact)
    if BRIN_RE.match(compact):
        return ("brin", compact)
    return None


def tokens(text: str, *, open_end: bool = False) -> list[str]:
    """The normalised words of a text: "CBS De Regenboog" -> ["cbs", "de", "regenboog"]."""
    return normalise_name(text, open_end=open_end).split()


def query_tokens(text: str, *, open_end: bool = False) -> list[str]:
    """The words a school must have to match: the query's words less the common ones."""
    return [word for word in tokens(text, open_end=open_end) if word not in STOPWOORDEN]


@dataclass(frozen=True)
class Vermelding:
    """What the index keeps of one school."""

    vestigingscode: str
    naam: str
    plaats: str
    adres: str
    soort: str
    naam_woorden: frozenset[str]
    plaats_woorden: frozenset[str] = frozenset()  # its place, gemeente and their aliases
    met_aanduiding: bool = False  # the name starts with a word like OBS or Basisschool
    alle_woorden: frozenset[str] = frozenset()  # every word of its name, common ones too

    def whole_name(self, text: str) -> bool:
        """True when the text is this school's whole name, with or without its place.

        Case, accents, punctuation, articles and DUO's list of kinds after the name do not
        matter; a name that starts with a kind of school ("OBS Overvecht") needs such a word
        ("OBS", "Basisschool", ...), or the text may just as well mean a place or street."""
        typed = set(tokens(text))
        asked = typed - STOPWOORDEN
        eigen = self.naam_woorden - SOORT_WOORDEN
        if self.met_aanduiding and not typed & AANDUIDINGEN:
            return False
        return eigen <= asked <= self.naam_woorden | self.plaats_woorden


class SchoolIndex:
    """Token -> schools, and the sorted vocabulary for prefixes; read-only once built."""

    def __init__(self, entries: Iterable[tuple[Vermelding, Iterable[str]]]):
        self.vermeldingen: list[Vermelding] = []
        self.postings: dict[str, set[int]] = {}
        for vermelding, words in entries:
            number = len(self.vermeldingen)
            self.vermeldingen.append(vermelding)
            for word in set(words):
                self.postings.setdefault(word, set()).add(number)
        self.woorden = sorted(self.postings)
        self.spelling = Woordenlijst(self.woorden)

    def _with_prefix(self, prefix: str) -> set[int]:
        start = bisect.bisect_left(self.woorden, prefix)
        found: set[int] = set()
        for word in self.woorden[start:]:
            if not word.startswith(prefix):
                break
            found |= self.postings[word]
        return found

    def find(self, text: str, *, prefix: bool = False, limit: int = 50) -> list[Vermelding]:
        """Schools whose words include every required word of the text, best first."""
        words = query_tokens(text, open_end=prefix)
        if not words:
            return []
        last = words[-1]
        sets = [self.postings.get(word, set()) for word in words[:-1]]
        sets.append(self._with_prefix(last) if prefix else self.postings.get(last, set()))
        sets.sort(key=len)
        found = set(sets[0]).intersection(*sets[1:]) if sets else set()
        asked = set(words)
        typed = set() if prefix else set(tokens(text))

        def rank(v: Vermelding) -> tuple:
            # Fewest name words left unasked first: "Stedelijk Kottenpark" before a school
            # that only stands in a street or place of that name.
            unasked = v.naam_woorden - asked
            if prefix:
                unasked = {word for word in unasked if not word.startswith(last)}
            # Then the name as typed, common words too: "Christelijke Basisschool Beatrix"
            # before "Beatrix", "De OpStap" before "Basisschool De Opstap".
            anders = len(typed - v.alle_woorden - v.plaats_woorden) + len(v.alle_woorden - typed)
            return (
                len(unasked) == len(v.naam_woorden),
                len(unasked),
                anders if typed else 0,
                v.naam,
                v.plaats,
                v.vestigingscode,
            )

        return heapq.nsmallest(limit, (self.vermeldingen[n] for n in found), key=rank)

    def find_corrected(self, text: str, *, limit: int = 50) -> tuple[list[Vermelding], str]:
        """Schools for the text with one typo per unknown long word corrected, and the corrected
        words ("" when nothing could be corrected); for use when `find` found nothing."""
        words = tokens(text)  # the common words too: "KBS Marcus" is a whole name, "Marcus" not
        options = []
        for word in words:
            near = [] if word in self.postings or word in STOPWOORDEN else self.spelling.near(word)
            # Of the words one typo away, those most schools share first.
            options.append(sorted(near, key=lambda w: (-len(self.postings[w]), w)) or [word])
        if any(option != [word] for option, word in zip(options, words, strict=True)):
            # "Ptten": Petten (a place, many schools) finds nothing with the other words, Putten
            # does; "KBS Marus": the school whose whole name it then is (KBS Marcus) before
            # the schools with Maris in their name.
            first = None
            for attempt in itertools.islice(itertools.product(*options), MAX_COMBINATIONS):
                attempt = " ".join(attempt)
                found = self.find(attempt, limit=limit)
                if any(v.whole_name(attempt) for v in found):
                    return found, attempt
                first = first or (found and (found, attempt))
            if first:
                return first
        # A typo that makes another known word ("Bosche" for "Bossche"): one such word at a
        # time, the neighbour most schools share first.
        corrected = [option[0] for option in options]
        for at, word in enumerate(corrected):
            known = word in self.postings and word not in STOPWOORDEN
            near = self.spelling.near(word, known=True) if known else []
            for other in sorted(near, key=lambda w: (-len(self.postings[w]), w)):
                attempt = " ".join([*corrected[:at], other, *corrected[at + 1 :]])
                if found := self.find(attempt, limit=limit):
                    return found, attempt
        return [], ""


def school_words(
    *, naam_woorden: Iterable[str], plaats: str, gemeente: str, aliases: Mapping[str, str] = {}
) -> set[str]:
    """Every word a query may use for a school: its name, place, gemeente and their aliases."""
    keys = {_place_key(plaats), _place_key(gemeente)}
    words = set(naam_woorden).union(*(key.split() for key in keys))
    for alias, target in aliases.items():
        if target in keys:
            words |= set(alias.split())
    return words


# A few thousand places and gemeenten among 8,622 schools: normalise each once per build.
_place_key = functools.lru_cache(maxsize=8192)(normalise_name)


def _entry(row: dict, aliases: Mapping[str, str]) -> tuple[Vermelding, set[str]]:
    naam_woorden = tokens(row["naam"])
    vermelding = Vermelding(
        vestigingscode=row["vestigingscode"],
        naam=row["naam"],
        plaats=row["plaats"],
        adres=row["adres"],
        soort=row["soort"],
        naam_woorden=frozenset(w for w in naam_woorden if w not in STOPWOORDEN),
        met_aanduiding=next((w for w in naam_woorden if w not in LIDWOORDEN), "") in AANDUIDINGEN,
        alle_woorden=frozenset(naam_woorden),
    )
    words = school_words(
        naam_woorden=naam_woorden, plaats=row["plaats"], gemeente=row["gemeente"], aliases=aliases
    )
    plaats_woorden = school_words(
        naam_woorden=(), plaats=row["plaats"], gemeente=row["gemeente"], aliases=aliases
    )
    return replace(vermelding, plaats_woorden=frozenset(plaats_woorden)), words


def build_school_index(rows: Iterable[dict], *, aliases: Mapping[str, str] = {}) -> SchoolIndex:
    """An index over rows with vestigingscode, naam, plaats, gemeente, adres and soort."""
    return SchoolIndex(_entry(row, aliases) for row in rows)


# --- Websites as DUO gives them ---------------------------------------------------------------

WEBSITE_RE = re.compile(r"^https?://[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)


def clean_website(value: str) -> str:
    """A usable https:// address from DUO's field, or "" when none can be made of it."""
    text = (value or "").strip()
    if not text:
        return ""
    text = re.split(r"\s+/\s+|\s+|;", text.replace("www. ", "www."))[0]
    text = text.replace(",", ".").rstrip(".")
    if not re.match(r"^https?://", text, re.IGNORECASE):
        text = "https://" + text
    return text if WEBSITE_RE.match(text) else ""
