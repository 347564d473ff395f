"""Place and gemeente names: one normal form for comparing what people type with the data."""

import re
import unicodedata


def normalise_name(value: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: "Súdwest-Fryslân" -> "sudwest fryslan"."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = re.sub(r"[^0-9a-z]+", " ", without_accents.lower())
    return " ".join(words.split())


# GeoNames tells same-name places apart with a suffix: "Hengelo (Gld)", "Katwijk NB",
# "Ursem gem. S". The site says where a place is itself (province, gemeente), so it drops them.
_GEONAMES_SUFFIX_RE = re.compile(
    r"\s+(?:\((?:NH|NB|GLD|Gld|NH\.|L\.)\)|(?:L|NB|NH|Gld|GLD|Ut|Gn|GN|AC)|gem\.\s+\w+)$"
)


def clean_place_name(value: str) -> str:
    """The place name without GeoNames' disambiguation suffix: "Hengelo (Gld)" -> "Hengelo"."""
    return _GEONAMES_SUFFIX_RE.sub("", (value or "").strip()) or (value or "").strip()
