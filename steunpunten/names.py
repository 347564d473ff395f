"""Place and gemeente names: one normal form for comparing what people type with the data."""

import re
import unicodedata


def normalise_name(value: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: "Súdwest-Fryslân" -> "sudwest fryslan"."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = re.sub(r"[^0-9a-z]+", " ", without_accents.lower())
    return " ".join(words.split())
