"""Field rules for what staff type in the admin, with Dutch messages. Pure, no database.

Postcodes follow the one rule in `postcode.validate_postcode` (the same as the search).
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from .postcode import validate_postcode
from .talen import unknown_codes

__all__ = [
    "normalise_telefoon",
    "validate_huisnummer",
    "validate_https_url",
    "validate_postcode",
    "validate_taalcodes",
    "validate_telefoon",
]

# Separators people type inside a phone number; "(0)" in "+31 (0)20 ..." is dropped first.
_SEPARATORS = re.compile(r"[\s\-.()/]")
_TELEFOON_PATRONEN = (
    re.compile(r"^0(800|90[069])\d{4,7}$"),  # 0800 (free) and 0900/0906/0909 (paid) numbers
    re.compile(r"^06\d{8}$"),  # mobile
    re.compile(r"^0[1-57-9]\d{8}$"),  # fixed lines and 085/088 numbers: 10 digits
)
TELEFOON_MELDING = _(
    "Vul een Nederlands telefoonnummer in, bijvoorbeeld 020 123 4567, 06 12345678 of 0800 1234."
)
_HUISNUMMER = re.compile(r"^[1-9]\d{0,4}(\s?[A-Za-z]{1,2})?(\s?[-/]?\s?[0-9A-Za-z]{1,4})?$")


def normalise_telefoon(value: str) -> str:
    """The number as digits in the national form ("+31 (0)20-1234567" becomes "0201234567")."""
    text = (value or "").strip().replace("(0)", "")
    digits = _SEPARATORS.sub("", text)
    for prefix in ("+31", "0031"):
        if digits.startswith(prefix):
            return "0" + digits[len(prefix) :]
    return digits


def validate_telefoon(value: str) -> None:
    """A Dutch fixed, mobile, 0800 or 0900 number, in any usual spelling."""
    if len(value or "") > 20 or not any(
        p.match(normalise_telefoon(value)) for p in _TELEFOON_PATRONEN
    ):
        raise ValidationError(TELEFOON_MELDING, code="invalid_telefoon")


def validate_https_url(value: str) -> None:
    """A full web address that starts with https://."""
    if value.lower().startswith("http://"):
        raise ValidationError(
            _("Gebruik een beveiligd webadres: begin met https:// in plaats van http://."),
            code="insecure_url",
        )
    message = _(
        "Vul een volledig webadres in dat begint met https://, bijvoorbeeld https://www.voorbeeld.nl."
    )
    URLValidator(schemes=["https"], message=message, code="invalid_url")(value)


def validate_huisnummer(value: str) -> None:
    """A house number with an optional letter or addition: 12, 12a, 12 A, 12-3, 12 bis."""
    if not _HUISNUMMER.match((value or "").strip()):
        raise ValidationError(
            _("Vul een huisnummer in, eventueel met een letter of toevoeging: 12, 12a of 12-3."),
            code="invalid_huisnummer",
        )


def validate_taalcodes(value: str) -> None:
    """Language codes from the list (talen.TALEN), separated by spaces: "nl en ar"."""
    onbekend = unknown_codes(value)
    if onbekend:
        raise ValidationError(
            _("Onbekende taalcode: %(codes)s. Gebruik bijvoorbeeld %(voorbeeld)s."),
            code="invalid_taalcode",
            params={"codes": ", ".join(onbekend), "voorbeeld": "nl en ar tr pl uk"},
        )
