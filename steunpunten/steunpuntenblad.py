"""The steunpunten as one sheet: the columns OCW's export writes and the import reads back.

One row per steunpunt, one column per field a person keeps current, values as plain text
(booleans "ja"/"nee", the status by its code, SWVs by their codes), so that exporting and
importing an unchanged sheet changes nothing. `slug` says which steunpunt a row is (empty: a
new one); `versie` is the version that was exported, so an import notices an edit made since;
`herkomst`, `bron_url`, `gecontroleerd_op` and `pagina` are there to read and are never imported.
"""

from django.utils.translation import gettext as _

from .models import Steunpunt, SteunpuntStatus

BLAD = "Steunpunten"  # the sheet's name in the XLSX export

JA_NEE_VELDEN = (
    "gepubliceerd",
    "voor_ouders",
    "voor_jongeren",
    "voor_po",
    "voor_vo",
    "alleen_online",
    "ervaringsdeskundigen",
)
TEKST_VELDEN = (
    "naam",
    "aanbod",
    "telefoon",
    "email",
    "website",
    "contactformulier",
    "telefonisch_bereikbaar",
    "inloopspreekuur",
    "straat",
    "huisnummer",
    "postcode",
    "plaats",
    "talen",
)
# The fields an import may change, in the order of the sheet.
BEWERKBAAR = (
    "naam",
    "samenwerkingsverbanden",
    "status",
    "gepubliceerd",
    "voor_ouders",
    "voor_jongeren",
    "voor_po",
    "voor_vo",
    "aanbod",
    "telefoon",
    "email",
    "website",
    "contactformulier",
    "telefonisch_bereikbaar",
    "inloopspreekuur",
    "alleen_online",
    "straat",
    "huisnummer",
    "postcode",
    "plaats",
    "talen",
    "ervaringsdeskundigen",
)
KOLOMMEN = ["slug", *BEWERKBAAR, "herkomst", "bron_url", "gecontroleerd_op", "versie", "pagina"]
SWV_SCHEIDING = " "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _ja_nee(value: bool) -> str:
    return "ja" if value else "nee"


def steunpunt_row(steunpunt: Steunpunt, basis_url: str) -> list:
    """The steunpunt as one row in the order of KOLOMMEN (its SWVs prefetched or not)."""
    codes = sorted(swv.code for swv in steunpunt.samenwerkingsverbanden.all())
    values = {
        "slug": steunpunt.slug,
        "samenwerkingsverbanden": SWV_SCHEIDING.join(codes),
        "gecontroleerd_op": steunpunt.gecontroleerd_op,
        "versie": steunpunt.versie,
        "pagina": basis_url.rstrip("/") + steunpunt.get_absolute_url(),
        "status": steunpunt.status,
        "herkomst": steunpunt.herkomst,
        "bron_url": steunpunt.bron_url,
    }
    for name in JA_NEE_VELDEN:
        values[name] = _ja_nee(getattr(steunpunt, name))
    for name in TEKST_VELDEN:
        values[name] = getattr(steunpunt, name)
    return [values[column] for column in KOLOMMEN]


def steunpunt_rows(basis_url: str) -> list[list]:
    """Every steunpunt as a row, by name (unpublished ones too: this is the working sheet)."""
    steunpunten = Steunpunt.objects.prefetch_related("samenwerkingsverbanden").order_by(
        "naam", "slug"
    )
    return [steunpunt_row(steunpunt, basis_url) for steunpunt in steunpunten]


class WaardeFout(ValueError):
    """A cell that cannot be read, with a Dutch message."""


def unneutralise(text: str) -> str:
    """Undo the export's guard against formulas: "'=x" was written for "=x"."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def parse_ja_nee(text: str) -> bool:
    """ "ja" or "nee" (also 1/0, waar/onwaar, true/false); an empty cell is refused."""
    value = text.strip().lower()
    if value in {"ja", "j", "1", "waar", "true", "yes", "x"}:
        return True
    if value in {"nee", "n", "0", "onwaar", "false", "no"}:
        return False
    raise WaardeFout(_("vul “ja” of “nee” in, niet “%s”") % text)


def parse_status(text: str) -> str:
    """The status by its code or its Dutch name, any case."""
    value = " ".join(text.strip().lower().replace("_", " ").split())
    for status in SteunpuntStatus:
        if value in {status.value.replace("_", " "), str(status.label).lower()}:
            return status.value
    choices = ", ".join(f"“{status.value}”" for status in SteunpuntStatus)
    raise WaardeFout(
        _("onbekende status “%(status)s”; kies %(keuzes)s")
        % {
            "status": text,
            "keuzes": choices,
        }
    )


def parse_swv_codes(text: str) -> list[str]:
    """SWV codes separated by spaces, commas, semicolons or "|", in upper case, each once."""
    for separator in ",;|":
        text = text.replace(separator, " ")
    codes = []
    for code in text.upper().split():
        if code not in codes:
            codes.append(code)
    return codes
