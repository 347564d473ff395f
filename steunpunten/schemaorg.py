"""schema.org data for search engines (JSON-LD): a steunpunt as a GovernmentService, an SWV as
an Organization, with the area they serve, their phone numbers and who provides the service.

Pure: the pages pass in plain values (a Steunpunt, or a card of the search index), so one
mapping serves both; `as_script` makes the <script type="application/ld+json"> element.
"""

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from . import bereikbaarheid
from .validators import normalise_telefoon

CONTEXT = "https://schema.org"
# What a steunpunt is, in the words of the law's explanation and the sector.
SOORT_DIENST = "Ouder- en jeugdsteunpunt passend onderwijs"
# Characters that would end or confuse a <script> element, escaped inside the JSON text.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def telefoon_e164(nummer: str) -> str:
    """A Dutch number in international form for machines: "050 123 4567" -> "+31501234567"."""
    digits = normalise_telefoon(nummer)
    return "+31" + digits[1:] if digits.startswith("0") else digits


DAGEN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _hhmm(minuut: int) -> str:
    """Minutes since midnight as schema.org's time: "09:00"; the end of the day is "23:59"."""
    minuut = min(minuut, bereikbaarheid.DAG - 1)
    return f"{minuut // 60:02d}:{minuut % 60:02d}"


def openingstijden(rooster, *, kanaal: str | None = None, vandaag=None) -> list[dict]:
    """A Rooster's weekly slots for this channel, and the closures ahead (opens and closes at
    00:00 on those days, as schema.org writes a day closed), as OpeningHoursSpecification."""
    items = []
    for slot in rooster.slots_voor(kanaal):
        item = {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{DAGEN[slot.weekdag]}",
            "opens": _hhmm(slot.van),
            "closes": _hhmm(slot.tot),
        }
        if slot.geldig_van:
            item["validFrom"] = slot.geldig_van.isoformat()
        if slot.geldig_tot:
            item["validThrough"] = slot.geldig_tot.isoformat()
        items.append(item)
    if items:
        for dicht in bereikbaarheid.uitzonderingen(rooster, vandaag):
            items.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "opens": "00:00",
                    "closes": "00:00",
                    "validFrom": dicht.van.isoformat(),
                    "validThrough": dicht.tot.isoformat(),
                }
            )
    return items


def gebied(gemeenten) -> list[dict]:
    """The gemeenten served, as schema.org AdministrativeArea items."""
    return [{"@type": "AdministrativeArea", "name": naam} for naam in gemeenten]


def _adres(*, straat: str = "", postcode: str = "", plaats: str = "") -> dict | None:
    if not (straat or postcode or plaats):
        return None
    parts = {"streetAddress": straat, "postalCode": postcode, "addressLocality": plaats}
    return {"@type": "PostalAddress", "addressCountry": "NL"} | {
        k: v for k, v in parts.items() if v
    }


def _zonder_leeg(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def aanbieder(*, naam: str, code: str, url: str) -> dict:
    """An SWV as the provider of a service, with its code as identifier."""
    return {"@type": "Organization", "name": naam, "identifier": code, "url": url}


def steunpunt_dienst(
    steunpunt,
    *,
    url: str,
    gemeenten,
    aanbieders: list[dict],
    rooster=None,
) -> dict:
    """A steunpunt as a schema.org GovernmentService (phone, e-mail, place, area, providers).

    `steunpunt` has the Steunpunt fields (a model or a search card); with its `rooster`
    (bereikbaarheid.Rooster) the phone gets its hours and the place its opening hours.
    """
    telefoon_uren = plek_uren = []
    if rooster is not None:
        telefoon_uren = openingstijden(rooster, kanaal="telefoon")
        plek_uren = openingstijden(rooster, kanaal="inloop") or openingstijden(rooster)
    telefoon = telefoon_e164(steunpunt.telefoon) if steunpunt.telefoon else ""
    straat = f"{getattr(steunpunt, 'straat', '')} {getattr(steunpunt, 'huisnummer', '')}".strip()
    plek = None
    if not steunpunt.alleen_online:
        adres = _adres(
            straat=straat, postcode=getattr(steunpunt, "postcode", ""), plaats=steunpunt.plaats
        )
        if adres:
            plek = _zonder_leeg(
                {"@type": "Place", "address": adres, "openingHoursSpecification": plek_uren}
            )
    kanaal = _zonder_leeg(
        {
            "@type": "ServiceChannel",
            "serviceUrl": steunpunt.website,
            "servicePhone": _zonder_leeg(
                {"@type": "ContactPoint", "telephone": telefoon, "hoursAvailable": telefoon_uren}
            )
            if telefoon
            else None,
            "serviceLocation": plek,
        }
    )
    return _zonder_leeg(
        {
            "@context": CONTEXT,
            "@type": "GovernmentService",
            "name": steunpunt.naam,
            "serviceType": SOORT_DIENST,
            "url": url,
            "description": getattr(steunpunt, "aanbod", ""),
            "telephone": telefoon,
            "email": steunpunt.email,
            "sameAs": steunpunt.website,
            "areaServed": gebied(gemeenten),
            "provider": aanbieders,
            "availableChannel": kanaal if len(kanaal) > 1 else None,
            "availableLanguage": [t.strip() for t in steunpunt.talen.split(",") if t.strip()]
            if getattr(steunpunt, "talen", "")
            else [],
        }
    )


def swv_organisatie(swv, *, url: str, gemeenten, diensten: list[dict]) -> dict:
    """An SWV as a schema.org Organization, with the steunpunten it offers as its services."""
    telefoon = telefoon_e164(swv.telefoon) if swv.telefoon else ""
    return _zonder_leeg(
        {
            "@context": CONTEXT,
            "@type": "Organization",
            "name": swv.naam,
            "identifier": swv.code,
            "url": url,
            "sameAs": swv.website,
            "telephone": telefoon,
            "email": swv.email,
            "address": {"@type": "PostalAddress", "streetAddress": swv.bezoekadres}
            if swv.bezoekadres
            else None,
            "areaServed": gebied(gemeenten),
            "makesOffer": [
                {"@type": "Offer", "itemOffered": {k: v for k, v in d.items() if k != "@context"}}
                for d in diensten
            ],
        }
    )


def as_script(data: dict) -> SafeString:
    """The data as a JSON-LD <script> element: not run by browsers, so the CSP allows it."""
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
