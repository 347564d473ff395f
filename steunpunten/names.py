"""Place, gemeente and school names: one normal form for comparing what people type with the data.

Every name the site compares goes through `normalise_name` — the stored keys of places and
gemeenten, the words of the school index and what a parent types — so an everyday spelling of a
name and the spelling in the data meet in one form:

- case, accents, punctuation, hyphens and runs of spaces do not matter ("Súdwest-Fryslân" ->
  "sudwest fryslan");
- abbreviations are written out: "St."/"St" -> "sint", "Ste" -> "sainte", "Nw." -> "nieuw",
  "a/d" or "a.d." -> "aan de", "o/d" or "o.d." -> "op de";
- "aan den"/"op den" -> "aan de"/"op de" (people write "Alphen aan de Rijn" as often as the
  official "aan den");
- "ad" between two words is "a/d" without its slash: "Capelle ad IJssel" (no place,
  gemeente or school in the data has "ad" inside its name; "a d" stays: initials "J.A.D.");
- "des" at the start is the "'s" it abbreviates ("des Hertogenbosch" -> "s hertogenbosch");
- a few spellings of one name that no rule above covers are written as the data writes them
  (`SCHRIJFWIJZEN`): the "'s" left off ("Gravenhage"), the old "op den" that the data writes
  without article ("Bergen op den Zoom"), Dutch and Frisian mixed in one name ("Zuidwest
  Fryslân"). These are spellings, not other names: names people use beside those of the data
  ("Den Haag", "Snits") live in data/alternatieve-namen.csv, whose answers say what they stand for.

Spaces inside a name (“Haarlemmer meer”, "sHertogenbosch") are handled by `compact_name`, the
form without spaces, which the name lookup (steunpunten/namenindex.py) compares as well.
"""

import re
import unicodedata

# "a/d" and "o/d" before punctuation is dropped: "Capelle a/d IJssel", "Capelle a/d. IJssel";
# with dots as well: "Alphen a.d. Rijn", "Bergen o.d. Zoom" (a dot after the "a" is required, so
# "Ad Astra" stays as it is, and initials such as "J.A.D." or "O.D.S." are no abbreviation).
_SLASH_ABBREVIATIONS = (
    (re.compile(r"(?<![0-9a-z.])a\s*(?:/|\.)\s*d(?![0-9a-z]|\.\s*[a-z]\.)"), " aan de "),
    (re.compile(r"(?<![0-9a-z.])o\s*(?:/|\.)\s*d(?![0-9a-z]|\.\s*[a-z]\.)"), " op de "),
)
# Whole words written out, wherever they stand.
_WORDS = {"st": "sint", "ste": "sainte", "nw": "nieuw"}
# Two-word spellings that mean the same.
_PAIRS = {("aan", "den"): ("aan", "de"), ("op", "den"): ("op", "de")}
# "a/d" typed without its slash, between two words: "Alphen ad Rijn".
_BARE_AAN_DE = "ad"
# Spellings of a name (normalised, after the rules above) -> the name as the data writes it
# (normalised), wherever the words stand in the input. A spelling without "s" before it is not
# replaced after an "s" ("s gravenhage" stays as it is).
SCHRIJFWIJZEN: dict[str, str] = {
    "gravenhage": "s gravenhage",
    "hertogenbosch": "s hertogenbosch",
    # "op den" was the old spelling ("Bergen op den Zoom"); normalised it reads "op de".
    "bergen op de zoom": "bergen op zoom",
    "schin op de geul": "schin op geul",
    # The Frisian name with one half in Dutch.
    "sudwest friesland": "sudwest fryslan",
    "zuidwest fryslan": "sudwest fryslan",
}
_SCHRIJFWIJZEN = sorted(
    ((tuple(key.split()), tuple(value.split())) for key, value in SCHRIJFWIJZEN.items()),
    key=lambda pair: -len(pair[0]),
)


def normalise_name(value: str, *, open_end: bool = False) -> str:
    """The one normal form of a name: "St. Oedenrode" -> "sint oedenrode", "a/d" -> "aan de".

    With open_end (text still being typed), a last word that is not finished yet stays as it is:
    "St" may become "Staphorst", "St " or "St." is "Sint"."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    for pattern, replacement in _SLASH_ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    words = re.sub(r"[^0-9a-z]+", " ", text).split()
    unfinished = words[-1] if open_end and words and text[-1:].isalnum() else None
    words = [_WORDS.get(word, word) for word in words]
    if unfinished is not None:
        words[-1] = unfinished
    if len(words) > 1 and words[0] == "des":
        words[0] = "s"
    words = _bare_aan_de(words)
    for index in range(len(words) - 1):
        pair = _PAIRS.get((words[index], words[index + 1]))
        if pair:
            words[index : index + 2] = pair
    return " ".join(_spellings(words))


def _spellings(words: list[str]) -> list[str]:
    """The words with every spelling of SCHRIJFWIJZEN written as the data writes it."""
    result: list[str] = []
    at = 0
    while at < len(words):
        for spelling, name in _SCHRIJFWIJZEN:
            end = at + len(spelling)
            if tuple(words[at:end]) != spelling:
                continue
            # The name itself may hold the spelling after its first words ("s gravenhage").
            start = len(name) - len(spelling)
            if start and tuple(result[len(result) - start :]) == name[:start]:
                continue
            result.extend(name)
            at = end
            break
        else:
            result.append(words[at])
            at += 1
    return result


def _bare_aan_de(words: list[str]) -> list[str]:
    """ "alphen ad rijn" -> "alphen aan de rijn": only with a word before and after."""
    for index in range(1, len(words) - 1):
        if words[index] == _BARE_AAN_DE:
            return [*words[:index], "aan", "de", *words[index + 1 :]]
    return words


def compact_name(sleutel: str) -> str:
    """A normalised name without spaces: "haarlemmer meer" and "haarlemmermeer" meet."""
    return sleutel.replace(" ", "")


# GeoNames tells same-name places apart with a suffix: "Hengelo (Gld)", "Katwijk NB",
# "Ursem gem. S". The site says where a place is itself (province, gemeente), so it drops them.
_GEONAMES_SUFFIX_RE = re.compile(
    r"\s+(?:\((?:NH|NB|GLD|Gld|NH\.|L\.)\)|(?:L|NB|NH|Gld|GLD|Ut|Gn|GN|AC)|gem\.\s+\w+)$"
)


def clean_place_name(value: str) -> str:
    """The place name without GeoNames' disambiguation suffix: "Hengelo (Gld)" -> "Hengelo"."""
    return _GEONAMES_SUFFIX_RE.sub("", (value or "").strip()) or (value or "").strip()
