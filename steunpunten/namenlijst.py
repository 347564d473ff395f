"""Every name the search knows, in memory per data version: what a typed name stands for.

Places (GeoNames), today's gemeenten, the gemeenten of the 2015 table, the short names of places
the data writes with their gemeente (gemeenten.deelnamen) and the alternative names of
data/alternatieve-namen.csv ("Den Haag", "Snits"), all as keys of names.normalise_name. A typed key is looked up exactly, then without its spaces
("sHertogenbosch", "Haarlemmer meer"), then with one typo per long word (spelling.py); a
correction is flagged, so the page can ask "Bedoelde u …?".
"""

import bisect
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.text import get_text_list
from django.utils.translation import gettext

from .names import compact_name, normalise_name
from .regio import PROVINCIE_NAMEN
from .spelling import Woordenlijst

MAX_COMBINATIONS = 64
# Kinds of alternative name (models.AlternatieveNaamSoort) that name a whole place or gemeente,
# so a school there may be searched with it ("Aida Den Haag"); a district or a merged gemeente
# names only a part or more than the place.
HELE_PLAATS = frozenset({"roepnaam", "engels", "nederlands", "fries", "oude_naam"})


@dataclass(frozen=True)
class AndereNaam:
    """A name of data/alternatieve-namen.csv: what it stands for, and in which gemeente."""

    naam: str
    soort: str  # models.AlternatieveNaamSoort
    staat_voor: str
    gemeente: str
    jaar: int | None = None
    postcodes: str = ""  # a district: its PC4s, "2544-2545 2547 2551-2553" (or none known)
    # A gemeente split over several (one row per gemeente in the file): (staat_voor, gemeente)
    # of every row, "Maasdonk" -> (("'s-Hertogenbosch", "'s-Hertogenbosch"), ("Oss", "Oss")).
    verdeeld: tuple[tuple[str, str], ...] = ()
    # The data also names places of `gemeente` (and only there) so: "Den Haag", as GeoNames
    # names most PC4s of 's-Gravenhage. The row still says what the name stands for.
    ook_plaats: bool = False

    @property
    def reeksen(self) -> list[tuple[str, str]]:
        """A district's PC4 ranges as (first, last): [("2544", "2545"), ("2547", "2547"), ...]."""
        return [
            (part.split("-")[0], part.split("-")[-1]) for part in self.postcodes.split() if part
        ]

    @property
    def zin(self) -> str:
        """What the name stands for, in the active language: "Snits is de Friese naam van Sneek."."""
        values = {"naam": self.naam, "doel": self.staat_voor, "jaar": self.jaar}
        if self.verdeeld:
            # The sentences of a split gemeente of the 2015 table (gemeenten.Herindeling).
            values = {
                "oud": self.naam,
                "jaar": self.jaar,
                "gemeenten": get_text_list([doel for doel, _ in self.verdeeld], gettext("en")),
            }
            if self.jaar:
                return (
                    gettext(
                        "De gemeente %(oud)s bestaat sinds %(jaar)s niet meer. De plaatsen horen "
                        "nu bij de gemeenten %(gemeenten)s."
                    )
                    % values
                )
            return (
                gettext("De plaatsen van %(oud)s horen nu bij de gemeenten %(gemeenten)s.") % values
            )
        if self.soort == "roepnaam":
            return gettext("De officiële naam van %(naam)s is %(doel)s.") % values
        if self.soort == "engels":
            return gettext("%(naam)s is de Engelse naam van %(doel)s.") % values
        if self.soort == "fries":
            return gettext("%(naam)s is de Friese naam van %(doel)s.") % values
        if self.soort == "nederlands":
            return gettext("%(naam)s is de Nederlandse naam van %(doel)s.") % values
        if self.soort == "oude_naam":
            return gettext("%(naam)s is de vroegere naam van de gemeente %(doel)s.") % values
        if self.soort == "fusie" and self.jaar:
            return (
                gettext("De gemeente %(naam)s ging in %(jaar)s op in de gemeente %(doel)s.")
                % values
            )
        if self.soort == "wijk" and not self.postcodes:
            # A district known only as part of its gemeente: the answer is that of `doel`
            # (Antwoord.wijk_zin says so).
            return gettext("%(naam)s is een wijk van %(doel)s.") % values
        if self.postcodes:
            values["postcodes"] = ", ".join(
                van if van == tot else f"{van}–{tot}" for van, tot in self.reeksen
            )
            return gettext("%(naam)s is een deel van %(doel)s (postcodes %(postcodes)s).") % values
        return gettext("%(naam)s hoort bij %(doel)s.") % values


@dataclass(frozen=True)
class Naamtreffer:
    """What a typed name was taken to mean: the stored key to look up, and how it was found."""

    sleutel: str
    naam: str  # the name as the data writes it, for "Bedoelde u …?"
    gecorrigeerd: bool = False
    andere_naam: AndereNaam | None = None  # typed as a name of data/alternatieve-namen.csv


class Namenlijst:
    """Known keys (stored key -> display name) and aliases (typed key -> stored key)."""

    def __init__(
        self,
        names: Iterable[tuple[str, str]],
        aliases: Mapping[str, str],
        gemeenten: Iterable[str] = (),
        andere_namen: Iterable[tuple[str, str, AndereNaam]] = (),
    ):
        self.gemeenten = frozenset(gemeenten)  # keys that are (or were in 2015) a gemeente
        # The words that can say where a place lies: those of gemeenten and provinces.
        self.plaats_woorden = frozenset(
            word for key in (*self.gemeenten, *PROVINCIE_NAMEN) for word in key.split()
        )
        self.namen: dict[str, str] = {}
        for key, naam in sorted(names):
            if key:
                self.namen.setdefault(key, naam)
        self.doel: dict[str, str] = {key: key for key in self.namen}
        for alias, target in aliases.items():
            if target in self.namen:
                self.doel.setdefault(alias, target)
        # (typed key, stored key of what it stands for, the name): a place's own name wins,
        # unless that place lies in the row's gemeente only ("Den Haag").
        self.andere_namen: dict[str, AndereNaam] = {}
        for key, target, andere in sorted(andere_namen, key=lambda row: row[:2]):
            if target in self.namen and (key not in self.doel or andere.ook_plaats):
                self.doel[key] = target
                self.andere_namen[key] = andere
        # The alternative names of a whole place or gemeente ("den haag" -> "s gravenhage"):
        # words a school there may be searched with.
        self.plaats_aliassen: dict[str, str] = {
            key: normalise_name(andere.staat_voor)
            for key, andere in self.andere_namen.items()
            if andere.soort in HELE_PLAATS and not andere.verdeeld
        }
        self.compact: dict[str, str] = {}
        for key in sorted(self.doel):
            self.compact.setdefault(compact_name(key), key)
        self.woorden = Woordenlijst(word for key in self.doel for word in key.split())
        self._gesorteerd = sorted(self.namen)

    def __contains__(self, sleutel: str) -> bool:
        return sleutel in self.doel

    def find(self, sleutel: str, *, typo: bool = True) -> Naamtreffer | None:
        """The known name a normalised input means, exactly or (typo=True) corrected; else None."""
        key = sleutel if sleutel in self.doel else self.compact.get(compact_name(sleutel))
        if key:
            return self._treffer(key)
        return self.corrected(sleutel) if typo else None

    def _treffer(self, key: str, *, gecorrigeerd: bool = False) -> Naamtreffer:
        target = self.doel[key]
        andere = self.andere_namen.get(key)
        return Naamtreffer(target, self.namen[target], gecorrigeerd, andere)

    def andere_naam_with_place(self, sleutel: str) -> Naamtreffer | None:
        """A name of data/alternatieve-namen.csv followed by the place or gemeente it belongs to
        ("kralingen rotterdam", "ypenburg den haag", "vathorst gemeente amersfoort"): that name;
        None otherwise (also for a gemeente split over several)."""
        words = sleutel.split()
        for size in range(len(words) - 1, 0, -1):
            treffer = self.find(" ".join(words[:size]), typo=False)
            andere = treffer.andere_naam if treffer else None
            if andere is None or andere.verdeeld:
                continue
            rest = " ".join(w for w in words[size:] if w not in {"gemeente", "in"})
            if rest in {normalise_name(andere.staat_voor), normalise_name(andere.gemeente)}:
                return treffer
        return None

    def has_prefix(self, sleutel: str) -> bool:
        """True when a stored place or gemeente name starts with the key ("amster")."""
        at = bisect.bisect_left(self._gesorteerd, sleutel)
        return at < len(self._gesorteerd) and self._gesorteerd[at].startswith(sleutel)

    def corrected(self, sleutel: str) -> Naamtreffer | None:
        """The known name one typo per long word away ("Amstredam" -> Amsterdam), else None."""
        options = [[w] if w in self.woorden else self.woorden.near(w) for w in sleutel.split()]
        if not options or not all(options):
            return None
        found = [
            key
            for words in itertools.islice(itertools.product(*options), MAX_COMBINATIONS)
            if (key := " ".join(words)) in self.doel
        ]
        if found:
            # Two names one typo away ("Heerln": Heerlen, Heerle): a gemeente's name first.
            best = min(found, key=lambda key: self.doel[key] not in self.gemeenten)
            return self._treffer(best, gecorrigeerd=True)
        if any(len(option) > 1 or option[0] not in self.woorden for option in options):
            return None
        # Every word is known, but not together: a typo that made another known word ("Hoek
        # van Hollands", "hollands" of Hollands Kroon), corrected in one word at a time.
        words = [option[0] for option in options]
        for at, word in enumerate(words):
            for other in self.woorden.near(word, known=True):
                key = " ".join([*words[:at], other, *words[at + 1 :]])
                if key in self.doel:
                    return self._treffer(key, gecorrigeerd=True)
        return None
