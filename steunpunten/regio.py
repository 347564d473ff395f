"""Sectors, provinces and SWV codes: the rules the regio-indeling gives a code like PO2707."""

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    PO = "PO", _("primair onderwijs")
    VO = "VO", _("voortgezet onderwijs")


# Province numbers as used in SWV codes (PO 27-07: Noord-Holland), see DESIGN.md.
PROVINCIES: dict[str, tuple[str, str]] = {
    "20": ("groningen", "Groningen"),
    "21": ("friesland", "Friesland"),
    "22": ("drenthe", "Drenthe"),
    "23": ("overijssel", "Overijssel"),
    "24": ("flevoland", "Flevoland"),
    "25": ("gelderland", "Gelderland"),
    "26": ("utrecht", "Utrecht"),
    "27": ("noord-holland", "Noord-Holland"),
    "28": ("zuid-holland", "Zuid-Holland"),
    "29": ("zeeland", "Zeeland"),
    "30": ("noord-brabant", "Noord-Brabant"),
    "31": ("limburg", "Limburg"),
}

PROVINCIE_CHOICES: list[tuple[str, str]] = list(PROVINCIES.values())

SWV_CODE_RE = re.compile(r"^(PO|VO)(2\d|3[01])(\d{2})$")
SWV_CODE_PATTERN = SWV_CODE_RE.pattern


@dataclass(frozen=True)
class SwvCode:
    """A parsed SWV code: sector, province number and serial."""

    sector: str
    provincienummer: str
    volgnummer: str

    @property
    def provincie(self) -> str:
        return PROVINCIES[self.provincienummer][0]

    @property
    def leesbaar(self) -> str:
        """The code as people read it: "PO 27-07"."""
        return f"{self.sector} {self.provincienummer}-{self.volgnummer}"


def parse_swv_code(code: str) -> SwvCode | None:
    """Parse "PO2707" (spaces and dashes allowed, any case); None when it is no SWV code."""
    compact = re.sub(r"[\s\-]", "", code or "").upper()
    match = SWV_CODE_RE.match(compact)
    if not match or match.group(2) not in PROVINCIES:
        return None
    return SwvCode(*match.groups())


def provincie_name(slug: str) -> str:
    """The display name of a province slug ("noord-holland" -> "Noord-Holland")."""
    return dict(PROVINCIE_CHOICES).get(slug, slug)


# What people type for a province, normalised (names.normalise_name) -> its slug.
PROVINCIE_NAMEN: dict[str, str] = {
    **{slug.replace("-", " "): slug for slug, _naam in PROVINCIE_CHOICES},
    "fryslan": "friesland",
    "brabant": "noord-brabant",
}
PROVINCIE_WOORDEN = frozenset({"provincie", "prov"})  # "prov." is normalised to "prov"


def provincie_for_name(sleutel: str) -> str | None:
    """The slug of the province a normalised name means ("zeeland", "provincie fryslan"), else None."""
    words = sleutel.split()
    if words[:1] and words[0] in PROVINCIE_WOORDEN:
        sleutel = " ".join(words[1:])
    return PROVINCIE_NAMEN.get(sleutel)
