"""How an answer is shown to a parent: one block per steunpunt (or per status), the filters that
change something, the few steunpunten nearby, and plain labels for a choice of places.

The answer itself (antwoord.py) and the API stay as they are; this only groups and words it.
"""

import re
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from steunpunten.models import Dekking, Plaatsnaam, Postcodegebied
from steunpunten.names import normalise_name

from .antwoord import DOELGROEP_VELD, Antwoord, InDeBuurt, Keuze, SteunpuntKaart, SwvKaart

# At most this many steunpunten nearby on the page (the API gives all it found).
NEARBY_SHOWN = 3


@dataclass(frozen=True)
class Blok:
    """One thing the parent can do: a steunpunt (for one or both sectors) or the route without one.

    Its coverage is the SWV's Dekking (the one rule, read from the card, never derived again);
    `gefilterd` says the chosen filter hides the steunpunten the region has.
    """

    dekking: str
    swvs: tuple[SwvKaart, ...]
    steunpunten: tuple[SteunpuntKaart, ...]

    @property
    def gefilterd(self) -> bool:
        """The region has a steunpunt, but the filter hides every one."""
        return self.dekking != Dekking.GEEN and not self.steunpunten

    @property
    def toont_steunpunten(self) -> bool:
        """The block shows steunpunten (active or in oprichting) to call."""
        return bool(self.steunpunten)

    @property
    def in_oprichting(self) -> bool:
        """Only a steunpunt being set up serves the region: what that means, who meanwhile."""
        return self.dekking == Dekking.IN_OPRICHTING and bool(self.steunpunten)

    @property
    def soort(self) -> str:
        """The block's kind for its class name: a Dekking value, or "gefilterd"."""
        return "gefilterd" if self.gefilterd else self.dekking

    @property
    def sectoren(self) -> tuple[str, ...]:
        return tuple(swv.sector for swv in self.swvs)

    @property
    def beide_sectoren(self) -> bool:
        return len(self.swvs) > 1

    @property
    def voor(self) -> str:
        """Which school the block is for, as its first line says."""
        if self.beide_sectoren:
            return _("Voor de basisschool en de middelbare school")
        if self.sectoren[0] == "PO":
            return _("Voor de basisschool")
        return _("Voor de middelbare school")

    @property
    def sleutel(self) -> str:
        """The block's part of its element ids: "po", "vo" or "po-vo"."""
        return "-".join(self.sectoren).lower()

    @property
    def swv_met_contact(self) -> tuple[SwvKaart, ...]:
        """The SWVs of this block that have contact details of their own."""
        return tuple(swv for swv in self.swvs if swv.telefoon or swv.email or swv.website)


def answer_blocks(antwoord: Antwoord) -> tuple[Blok, ...]:
    """The answer as blocks: a steunpunt that serves both sectors, or one status for both, once."""
    blokken = [Blok(swv.dekking, (swv,), swv.steunpunten) for swv in antwoord.sectoren]
    if len(blokken) == 2 and _same(*blokken):
        first, second = blokken
        return (Blok(first.dekking, first.swvs + second.swvs, first.steunpunten),)
    return tuple(blokken)


def _same(first: Blok, second: Blok) -> bool:
    pks = [tuple(kaart.pk for kaart in blok.steunpunten) for blok in (first, second)]
    return first.soort == second.soort and pks[0] == pks[1]


def filters_that_matter(antwoord: Antwoord, *, active: dict[str, str]) -> dict[str, bool]:
    """Which filter groups would change the region's answer (or are in use, so they can be undone).

    The sector filter when the two sectors have different blocks; the "voor wie" filter when one
    of the region's own steunpunten is not for ouders or not for jongeren (that filter hides it).
    """
    sector = len(answer_blocks(antwoord)) > 1
    voor = any(
        not getattr(kaart, veld)
        for swv in antwoord.sectoren
        for kaart in swv.steunpunten
        for veld in DOELGROEP_VELD.values()
    )
    return {
        "sector": sector or bool(active.get("sector")),
        "voor": voor or bool(active.get("voor")),
    }


@dataclass(frozen=True)
class InDeBuurtRegel:
    """One steunpunt of another region in the folded list: name, distance and phone only (its
    own page has the rest; these may not be able to help, so they stay short)."""

    naam: str
    url: str
    afstand: str  # "8,9 km", written the way the page's language writes numbers
    telefoon: str


@dataclass(frozen=True)
class InDeBuurtLijst:
    """The folded list of steunpunten nearby: its summary line and its lines."""

    kop: str
    regels: tuple[InDeBuurtRegel, ...]


def nearby_shown(antwoord: Antwoord) -> InDeBuurtLijst | None:
    """The nearest few steunpunten of other regions, for the folded list (None: nobody near)."""
    regels = tuple(_in_de_buurt_regel(item) for item in antwoord.in_de_buurt[:NEARBY_SHOWN])
    if not regels:
        return None
    kop = ngettext(
        "Een steunpunt in de buurt, van een andere regio",
        "%(aantal)s steunpunten in de buurt, van andere regio's",
        len(regels),
    ) % {"aantal": len(regels)}
    return InDeBuurtLijst(kop, regels)


def _in_de_buurt_regel(item: InDeBuurt) -> InDeBuurtRegel:
    kaart = item.steunpunt
    afstand = _("%(km)s km") % {"km": number_format(item.afstand_km, 1)}
    return InDeBuurtRegel(kaart.naam, kaart.url, afstand, kaart.telefoon)


def school_region(antwoord: Antwoord) -> str:
    """Which SWV (or two) a school belongs to, in one short sentence ("" when it has none).

    Short on purpose: the heading already names the school, and on a phone the steunpunt's
    phone number must still be on the first screen below it."""
    if len(antwoord.sectoren) == 2:
        return _(
            "Deze school hoort bij samenwerkingsverband %(po)s (basisonderwijs) en %(vo)s "
            "(voortgezet onderwijs). Hier kunt u terecht:"
        ) % {"po": antwoord.po.leesbare_code, "vo": antwoord.vo.leesbare_code}
    if not antwoord.sectoren:
        return ""
    return _("Deze school hoort bij samenwerkingsverband %(swv)s. Hier kunt u terecht:") % {
        "swv": antwoord.sectoren[0].leesbare_code
    }


@dataclass(frozen=True)
class Koppen:
    """The words at the top of a found answer: the page title, the heading and the line under it."""

    titel: str
    kop: str
    gemeente: str  # "Gemeente Amsterdam · Amsterdam", or "" when the area has no gemeente


def headings(antwoord: Antwoord, *, plaats_gekozen: str, provincie: str) -> Koppen:
    """The title says what was asked, the heading what was found (the chosen place, else the
    postcode or place asked for), and the line under it which gemeente that is."""
    if plaats_gekozen:
        titel = _("Steunpunten voor %(plaats)s") % {"plaats": plaats_gekozen}
        if provincie:
            kop = _("Steunpunten voor %(plaats)s (%(provincie)s)") % {
                "plaats": plaats_gekozen,
                "provincie": provincie,
            }
        else:
            kop = titel
    else:
        titel = _("Zoeken naar %(zoekterm)s") % {"zoekterm": antwoord.zoekterm}
        if antwoord.postcode:
            kop = _("Steunpunten voor postcode %(postcode)s") % {"postcode": antwoord.postcode}
        else:
            kop = _("Steunpunten voor %(plaats)s") % {"plaats": antwoord.plaats}
    gemeente = ""
    if antwoord.gemeente:
        parts = [_("Gemeente %(gemeente)s") % {"gemeente": antwoord.gemeente}]
        if antwoord.plaats and antwoord.postcode:
            parts.append(antwoord.plaats)
        if plaats_gekozen:
            parts.append(_("postcode %(pc4)s") % {"pc4": antwoord.pc4})
        gemeente = " · ".join(parts)
    return Koppen(titel, kop, gemeente)


# --- Places ------------------------------------------------------------------------------------

_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")


def plain_place_name(naam: str) -> str:
    """A place name without its disambiguating suffix: "Bergen (NH)" -> "Bergen"."""
    return _SUFFIX.sub("", naam).strip() or naam


def keuze_label(keuze: Keuze) -> str:
    """One line per choice, nothing twice: "Bergen (Noord-Holland) — 1861–1935".

    Where the place is comes from the choice's own unique label (steunpunten/gemeenten.py); the
    page adds the postcodes, so a parent can check them against their own."""
    label = keuze.label or _where(keuze)
    postcodes = keuze.postcode_tekst
    return label if postcodes in label else f"{label} — {postcodes}"


def _where(keuze: Keuze) -> str:
    naam = plain_place_name(keuze.naam)
    parts = []
    gemeente = plain_place_name(keuze.gemeente)
    if gemeente and normalise_name(gemeente) != normalise_name(naam):
        parts.append(_("gemeente %(naam)s") % {"naam": gemeente})
    if keuze.provincie_naam:
        parts.append(keuze.provincie_naam)
    return f"{naam} ({', '.join(parts)})" if parts else naam


@dataclass(frozen=True)
class KeuzeRegel:
    """One line of a choice list: its label, the search it links to, and the other places in it."""

    label: str
    zoekterm: str
    plaats: str
    andere_plaatsen: tuple[str, ...]


def choice_lines(keuzes: tuple[Keuze, ...]) -> tuple[KeuzeRegel, ...]:
    """The choice list as the page shows it; a link keeps the chosen place for the title."""
    lines = []
    for keuze in keuzes:
        naam = plain_place_name(keuze.naam)
        andere = tuple(
            p for p in keuze.plaatsen if normalise_name(plain_place_name(p)) != normalise_name(naam)
        )
        lines.append(KeuzeRegel(keuze_label(keuze), keuze.zoekterm, naam, andere))
    return tuple(lines)


def place_confirm(*, pc4: str, naam: str) -> str:
    """The place name a parent chose, when it really is a place or gemeente of that PC4; else ""."""
    naam = plain_place_name((naam or "").strip())[:100]
    sleutel = normalise_name(naam)
    if not (pc4 and sleutel):
        return ""
    gemeenten = Postcodegebied.objects.filter(pc4=pc4).values_list("gemeente", flat=True)
    if any(normalise_name(plain_place_name(g)) == sleutel for g in gemeenten):
        return naam
    plaatsen = Plaatsnaam.objects.filter(postcodegebied__pc4=pc4).values_list("naam", flat=True)
    if any(normalise_name(plain_place_name(p)) == sleutel for p in plaatsen):
        return naam
    return ""


def provincie_of(antwoord: Antwoord) -> str:
    """The province of the answer's region (from its SWVs)."""
    return next((swv.provincie_naam for swv in antwoord.sectoren if swv.provincie_naam), "")
