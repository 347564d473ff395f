"""The check on a pattern note (a signal's toelichting): nothing in it may point at a person.

It refuses what identifies someone by itself: an e-mail address, a phone number, a Dutch
postcode (1234 AB) and a BSN-like number (9 digits that pass the elfproef). Pure, no database;
the model's validator and its save() call it, so every path that writes a note is checked.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WAARSCHUWING = _(
    "Schrijf hier alleen een patroon op, bijvoorbeeld “meer vragen over vervoer na de "
    "zomervakantie”. Geen namen, geen school van een kind, geen e-mailadres, telefoonnummer, "
    "postcode of BSN: niets waaraan iemand een gezin kan herkennen."
)

_EMAIL = re.compile(
    r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\w-]+)+", re.I
)
# A run of digits with the separators people type in a phone number.
_NUMMER = re.compile(r"(?<![\w])\+?\d(?:[\d\s\-.()/]*\d)?")
# A BSN as people write it: 9 digits, maybe with dots or dashes, or spaced as 1234 56 789.
# (Spaces alone would join a list of counts, "120 135 150", into one number.)
_BSN = re.compile(r"(?<![\w.\-])(?:\d{4} \d{2} \d{3}|\d[\d.\-]*\d)(?![\w.\-]?\d)")
_POSTCODE = re.compile(r"\b([1-9]\d{3})(\s?)([A-Za-z]{2})\b")
# Two-letter Dutch words that follow a year or a number in an ordinary sentence ("in 2024 en").
_GEWONE_WOORDEN = frozenset(
    [
        "al",
        "af",
        "da",
        "de",
        "en",
        "er",
        "ga",
        "ge",
        "ik",
        "in",
        "is",
        "je",
        "ja",
        "ke",
        "me",
        "na",
        "nu",
        "of",
        "om",
        "on",
        "op",
        "pa",
        "te",
        "to",
        "uw",
        "we",
        "wo",
        "ze",
        "zo",
    ]
)


def _is_phone(digits: str, *, plus: bool = False) -> bool:
    """A Dutch number of 10 digits (0...), also written +31 or 0031, or an 0800/0900 number."""
    if digits.startswith("0031"):
        digits = "0" + digits[4:]
    elif plus and digits.startswith("31") and len(digits) == 11:
        digits = "0" + digits[2:]
    if digits.startswith(("0800", "0900")):
        return 8 <= len(digits) <= 11
    return len(digits) == 10 and digits.startswith("0")


def _holds_phone(run: str) -> bool:
    """Whether a run of digits and separators holds a phone number: some of its space-separated
    groups in a row, starting at a group of two or more digits ("06", "010", "0031") or at "+",
    form one. So "groep 8 06 1234 5678" is found, and a list of counts ("0 100 100 100") is not
    read as a number: nobody writes a phone number starting with a lone digit."""
    groups = run.split()
    for start, first in enumerate(groups):
        plus = first.startswith("+")
        if not plus and len(re.sub(r"\D", "", first)) < 2:
            continue
        digits = ""
        for group in groups[start:]:
            digits += re.sub(r"\D", "", group)
            if _is_phone(digits, plus=plus):
                return True
            if len(digits) > 13:
                break
    return False


def passes_elfproef(digits: str) -> bool:
    """The BSN check: 9 digits, weighted 9..2 and -1, summing to a multiple of 11 (not 0)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    som = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    som -= int(digits[8])
    return som % 11 == 0 and som != 0


def _looks_like_postcode(match: re.Match) -> bool:
    cijfers, spatie, letters = match.groups()
    if not spatie or letters.isupper():
        return True
    return letters.lower() not in _GEWONE_WOORDEN


def personal_data_found(tekst: str) -> list[str]:
    """What kinds of personal data the text seems to hold, as Dutch phrases (empty: none)."""
    tekst = tekst or ""
    gevonden = []
    if _EMAIL.search(tekst) or "@" in tekst:
        gevonden.append(str(_("een e-mailadres")))
    telefoon = bsn = False
    for match in _NUMMER.finditer(tekst):
        telefoon = telefoon or _holds_phone(match.group())
    for match in _BSN.finditer(tekst):
        bsn = bsn or passes_elfproef(re.sub(r"\D", "", match.group()))
    if telefoon:
        gevonden.append(str(_("een telefoonnummer")))
    if any(_looks_like_postcode(m) for m in _POSTCODE.finditer(tekst)):
        gevonden.append(str(_("een postcode")))
    if bsn:
        gevonden.append(str(_("een nummer dat op een BSN lijkt")))
    return gevonden


def validate_geen_persoonsgegevens(tekst: str) -> None:
    """Refuse a note with an e-mail address, phone number, postcode or BSN-like number."""
    gevonden = personal_data_found(tekst)
    if gevonden:
        raise ValidationError(
            _(
                "Haal dit weg: de tekst lijkt %(wat)s te bevatten. Schrijf alleen een patroon op, "
                "niets waaraan iemand een gezin kan herkennen."
            )
            % {"wat": ", ".join(gevonden)},
            code="persoonsgegevens",
        )
