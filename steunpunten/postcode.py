"""Dutch postcodes: parse, validate and format. Pure functions, no database."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Letters that PostNL never issues as a postcode's letter pair.
FORBIDDEN_LETTERS = frozenset({"SA", "SD", "SS"})

# Between the digits and the letters: spaces, a hyphen, or a comma or dot typed for a space.
_POSTCODE_RE = re.compile(r"^([0-9]{4})(?:[\s\-.,]*([A-Za-z]{2}))?$")
# Punctuation after a postcode copied from a sentence or an address: "5271 AB." or "5271 AB,".
_TRAILING_PUNCTUATION = ".,;:!?"
MAX_INPUT_LENGTH = 20


@dataclass(frozen=True)
class Postcode:
    """A valid Dutch postcode: a PC4 and, when given, its two letters."""

    pc4: str
    letters: str = ""

    def __str__(self) -> str:
        return f"{self.pc4} {self.letters}" if self.letters else self.pc4

    @property
    def compact(self) -> str:
        return f"{self.pc4}{self.letters}"


class PostcodeError(ValueError):
    """Raised for input that looks like a postcode but breaks a Dutch postcode rule."""

    def __init__(self, message: str):
        super().__init__(str(message))
        self.message = message


def looks_like_postcode(value: str) -> bool:
    """True when the input starts with digits, so it is meant as a postcode, not a place."""
    return bool(re.match(r"^\s*\d", value or ""))


def parse_postcode(value: str) -> Postcode:
    """Parse "1234 AB", "1234ab", " 1234-AB ", "1234,AB." or "1234"; raise PostcodeError with a
    Dutch message."""
    text = (value or "").strip().rstrip(_TRAILING_PUNCTUATION).rstrip()
    if not text:
        raise PostcodeError(_("Vul een postcode in, bijvoorbeeld 1234 AB."))
    if len(text) > MAX_INPUT_LENGTH:
        raise PostcodeError(_("Een postcode heeft 4 cijfers en 2 letters, bijvoorbeeld 1234 AB."))
    match = _POSTCODE_RE.match(text)
    if not match:
        raise PostcodeError(_("Een postcode heeft 4 cijfers en 2 letters, bijvoorbeeld 1234 AB."))
    pc4, letters = match.group(1), (match.group(2) or "").upper()
    if pc4.startswith("0"):
        raise PostcodeError(_("Een postcode begint niet met een 0. Controleer de cijfers."))
    if letters in FORBIDDEN_LETTERS:
        raise PostcodeError(_("De letters SA, SD en SS komen in Nederlandse postcodes niet voor."))
    return Postcode(pc4=pc4, letters=letters)


# A postcode inside other words: "Damrak 1, 1012 LG Amsterdam", "Maastricht 6211", "1011AB 12".
_EMBEDDED_RE = re.compile(
    r"(?<![0-9A-Za-z])([1-9][0-9]{3})(?:[\s\-]?([A-Za-z]{2}))?(?![0-9A-Za-z])"
)


def find_postcode(value: str) -> Postcode | None:
    """The postcode anywhere in the input; a full one (with letters) wins over four digits alone.

    Raise PostcodeError when what was found breaks a postcode rule (forbidden letters).
    """
    matches = list(_EMBEDDED_RE.finditer(value or ""))
    if not matches:
        return None
    full = [m for m in matches if m.group(2)]
    match = (full or matches)[0]
    return parse_postcode(match.group(0))


def normalise_postcode(value: str) -> str:
    """Return the postcode in its standard spelling ("1234 AB"); raise PostcodeError if invalid."""
    return str(parse_postcode(value))


def validate_postcode(value: str) -> None:
    """Django validator for a full postcode field (4 digits and 2 letters)."""
    try:
        postcode = parse_postcode(value)
    except PostcodeError as error:
        raise ValidationError(error.message, code="invalid_postcode") from error
    if not postcode.letters:
        raise ValidationError(
            _("Vul de hele postcode in: 4 cijfers en 2 letters, bijvoorbeeld 1234 AB."),
            code="incomplete_postcode",
        )
