"""Languages a channel is answered in: ISO 639 codes, shown in words. Pure, no database."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The codes staff may choose, with the name people read (in the page's language).
TALEN = {
    # The language switcher says "Nederlands" in every language; here it is a name.
    "nl": pgettext_lazy("taalnaam", "Nederlands"),
    "en": _("Engels"),
    "fy": _("Fries"),
    "pap": _("Papiaments"),
    "ar": _("Arabisch"),
    "tr": _("Turks"),
    "pl": _("Pools"),
    "uk": _("Oekraïens"),
    "ru": _("Russisch"),
    "de": _("Duits"),
    "fr": _("Frans"),
    "es": _("Spaans"),
    "pt": _("Portugees"),
    "bg": _("Bulgaars"),
    "ro": _("Roemeens"),
    "so": _("Somalisch"),
    "ti": _("Tigrinya"),
    "fa": _("Perzisch"),
    "prs": _("Dari"),
    "ber": _("Berbers"),
    "zh": _("Chinees"),
    "dse": _("Nederlandse Gebarentaal"),
}


def split_codes(text: str) -> list[str]:
    """The codes in "nl, en ar" as a list, lower case, in the order given, without repeats."""
    codes: list[str] = []
    for code in (text or "").replace(",", " ").lower().split():
        if code not in codes:
            codes.append(code)
    return codes


def unknown_codes(text: str) -> list[str]:
    """The codes in the text that are not in TALEN."""
    return [code for code in split_codes(text) if code not in TALEN]


def taal_naam(code: str) -> str:
    """The language in words ("ar" -> "Arabisch", in English "Arabic"); the code when unknown."""
    naam = TALEN.get(code)
    return str(naam) if naam is not None else code


def opsomming(delen: list[str]) -> str:
    """Parts joined as a sentence says them: "a, b en c" (English "a, b and c")."""
    if len(delen) <= 1:
        return "".join(delen)
    return str(_("%(eerste)s en %(laatste)s")) % {
        "eerste": ", ".join(delen[:-1]),
        "laatste": delen[-1],
    }


def talen_tekst(codes: list[str] | tuple[str, ...]) -> str:
    """The languages in words, joined: "Nederlands, Engels en Arabisch"."""
    return opsomming([taal_naam(code) for code in codes])
