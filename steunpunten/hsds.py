"""Vindplek as HSDS 3.0, the Human Services Data Specification of Open Referral.

The samenwerkingsverband (SWV) is the `organization` (its code as an organization identifier),
the steunpunt the `service`, with its phones, schedules, languages and service areas (the PC4
areas and gemeenten of the SWVs it serves), and its visiting address as a `location` reached
through a `service_at_location`. What HSDS has no field for (SWV codes, sector, herkomst,
bron_url) is added as the properties of the OJS profile: docs/hsds-profiel.md and the merge
patches in steunpunten/hsds_profiel/.

Only what the public sees is mapped (SteunpuntQuerySet.published: no demo steunpunten unless
VINDPLEK_VOORBEELDEN is on). Every id is a UUID 5 of the object's natural key (SWV code,
steunpunt slug) in one namespace of this project, so ids stay the same across re-imports and
on every server.
"""

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import hsds_contact
from .bereikbaarheid import ROOSTER_PREFETCH, kanalen, rooster_van
from .cache import get_or_compute
from .models import (
    BereikbaarheidStatus,
    Postcodegebied,
    Samenwerkingsverband,
    Steunpunt,
    SteunpuntStatus,
    voorbeelden_aan,
)
from .regio import Sector, provincie_name

HSDS_VERSIE = "3.0"
PROFIEL_VERSIE = "1.0.0"
# Never change this: every published id is derived from it.
NAMESPACE = uuid.UUID("10735da3-2bc7-4921-a6b1-dd77d5783d43")
COUNTRY = "NL"
# Raise when the shape of the mapped objects changes, so no cache hands out the old shape.
FORMAAT = 1


def hsds_id(soort: str, *sleutel: str) -> str:
    """The stable id of an HSDS object: a UUID 5 of its kind and natural key."""
    return str(uuid.uuid5(NAMESPACE, "/".join((soort, *sleutel))))


@dataclass(frozen=True)
class Gebied:
    """The PC4 areas and gemeenten of one SWV (the regio-indeling, gemeenten of today)."""

    pc4: tuple[str, ...] = ()
    gemeenten: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogus:
    """Everything the HSDS API and the tabular export give, built once per data version."""

    services: tuple[dict, ...]
    organizations: tuple[dict, ...]
    # Per service id: when the steunpunt last changed (for modified_after).
    gewijzigd: dict[str, datetime.datetime] = field(default_factory=dict)
    # Per SWV code: the ids of the services that serve it (for the postcode filter).
    services_per_swv: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def service(self, service_id: str) -> dict | None:
        return next((s for s in self.services if s["id"] == service_id), None)

    def organization(self, organization_id: str) -> dict | None:
        return next((o for o in self.organizations if o["id"] == organization_id), None)


def catalogus(*, basis_url: str, request=None) -> Catalogus:
    """The catalogue at the current data version (cached per site address and language)."""
    # Closures are listed from today on: the day is part of the key (as of every page's ETag).
    key = "|".join(
        (str(FORMAAT), basis_url, get_language() or "", str(voorbeelden_aan()), str(_vandaag()))
    )
    return get_or_compute(
        "hsds", key, lambda: build_catalogus(basis_url=basis_url), request=request
    )


def _vandaag() -> datetime.date:
    return timezone.localdate()


def build_catalogus(*, basis_url: str) -> Catalogus:
    """Map every SWV and every published steunpunt (the public's view) to HSDS."""
    basis_url = basis_url.rstrip("/")
    gebieden = _gebieden()
    steunpunten = list(
        Steunpunt.objects.published()
        .prefetch_related("samenwerkingsverbanden", "kanalen", *ROOSTER_PREFETCH)
        .order_by("naam", "pk")
    )
    provincies = _provincies_of({s.postcode[:4] for s in steunpunten if s.postcode})
    services = []
    per_swv = defaultdict(list)
    for steunpunt in steunpunten:
        service = service_json(
            steunpunt, basis_url=basis_url, gebieden=gebieden, provincies=provincies
        )
        services.append(service)
        for code in service.get("ojs_swv_codes", ()):
            per_swv[code].append(service["id"])
    by_id = {s["id"]: s for s in services}
    organizations = [
        organization_json(
            swv,
            basis_url=basis_url,
            services=[service_summary(by_id[i]) for i in per_swv.get(swv.code, [])],
        )
        for swv in Samenwerkingsverband.objects.with_coverage().order_by("code")
    ]
    return Catalogus(
        services=tuple(services),
        organizations=tuple(organizations),
        gewijzigd={hsds_id("service", s.slug): s.gewijzigd for s in steunpunten},
        services_per_swv={code: tuple(ids) for code, ids in per_swv.items()},
    )


def _gebieden() -> dict[str, Gebied]:
    """Per SWV code its PC4 areas and gemeenten, in one query."""
    pc4s, gemeenten = defaultdict(set), defaultdict(set)
    rows = Postcodegebied.objects.values_list("pc4", "gemeente", "swv_po__code", "swv_vo__code")
    for pc4, gemeente, po, vo in rows:
        for code in (po, vo):
            if code:
                pc4s[code].add(pc4)
                if gemeente:
                    gemeenten[code].add(gemeente)
    return {
        code: Gebied(tuple(sorted(pc4s[code])), tuple(sorted(gemeenten[code]))) for code in pc4s
    }


def _provincies_of(pc4s: set[str]) -> dict[str, str]:
    """The province (its name) of each of these PC4 areas."""
    rows = Postcodegebied.objects.filter(pc4__in=pc4s).values_list("pc4", "provincie")
    return {pc4: provincie_name(slug) for pc4, slug in rows if slug}


def _compact(data: dict) -> dict:
    """Leave out the empty optional fields (None, "" and []): HSDS has no value for "unknown"."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _sectoren(steunpunt: Steunpunt) -> list[str]:
    return [sector for sector in Sector.values if steunpunt.serves_sector(sector)]


def _voor(steunpunt: Steunpunt) -> list[str]:
    return [
        naam
        for naam, aan in (("ouders", steunpunt.voor_ouders), ("jongeren", steunpunt.voor_jongeren))
        if aan
    ]


def eligibility(steunpunt: Steunpunt) -> str:
    """Who the steunpunt is for, in words ("Voor ouders en jongeren, basisschool en ...")."""
    wie = {
        ("ouders", "jongeren"): _("Voor ouders en jongeren"),
        ("ouders",): _("Voor ouders"),
        ("jongeren",): _("Voor jongeren"),
    }.get(tuple(_voor(steunpunt)), _("Voor ouders en jongeren"))
    waar = {
        ("PO", "VO"): _("in het primair en voortgezet onderwijs"),
        ("PO",): _("in het primair onderwijs"),
        ("VO",): _("in het voortgezet onderwijs"),
    }.get(tuple(_sectoren(steunpunt)), "")
    return f"{wie} {waar}.".replace(" .", ".")


def service_json(
    steunpunt: Steunpunt,
    *,
    basis_url: str,
    gebieden: dict[str, Gebied],
    provincies: dict[str, str],
) -> dict:
    """A steunpunt as a fully nested HSDS service, with the OJS profile's properties."""
    service_id = hsds_id("service", steunpunt.slug)
    swvs = sorted(steunpunt.bediende_swvs, key=lambda swv: swv.code)
    rooster = rooster_van(steunpunt)
    kanalen_ = kanalen(steunpunt, rooster)
    pagina = basis_url + steunpunt.get_absolute_url()
    organization = organization_json(swvs[0], basis_url=basis_url, services=None) if swvs else None
    return _compact(
        {
            "id": service_id,
            "organization_id": organization["id"] if organization else None,
            "name": steunpunt.naam,
            "description": steunpunt.aanbod,
            "url": steunpunt.website or pagina,
            "email": steunpunt.email,
            "status": service_status(steunpunt),
            "alert": (
                steunpunt.bereikbaarheid_melding
                if steunpunt.bereikbaarheid != BereikbaarheidStatus.NORMAAL
                else ""
            ),
            "eligibility_description": eligibility(steunpunt),
            "assured_date": (
                steunpunt.gecontroleerd_op.isoformat() if steunpunt.gecontroleerd_op else None
            ),
            "last_modified": steunpunt.gewijzigd.isoformat() if steunpunt.gewijzigd else None,
            "phones": hsds_contact.phones_json(
                kanalen_, slug=steunpunt.slug, service_id=service_id, hsds_id=hsds_id
            ),
            "schedules": hsds_contact.schedules_json(
                steunpunt, rooster, service_id=service_id, hsds_id=hsds_id
            ),
            "service_areas": [
                service_area_json(
                    swv,
                    gebieden.get(swv.code, Gebied()),
                    service_id=service_id,
                    basis_url=basis_url,
                )
                for swv in swvs
            ],
            "service_at_locations": [
                service_at_location_json(
                    steunpunt,
                    service_id=service_id,
                    organization_id=organization["id"] if organization else None,
                    provincies=provincies,
                    fallback_provincie=swvs[0].provincie_naam if swvs else "",
                )
            ],
            "languages": hsds_contact.languages_json(
                steunpunt, kanalen_, service_id=service_id, hsds_id=hsds_id
            ),
            "organization": organization,
            # The OJS profile (docs/hsds-profiel.md).
            "ojs_swv_codes": [swv.code for swv in swvs],
            "ojs_sectoren": _sectoren(steunpunt),
            "ojs_voor": _voor(steunpunt),
            "ojs_status": steunpunt.status,
            "ojs_herkomst": steunpunt.herkomst,
            "ojs_bron_url": steunpunt.bron_url,
            "ojs_gecontroleerd_op": (
                steunpunt.gecontroleerd_op.isoformat() if steunpunt.gecontroleerd_op else None
            ),
            "ojs_pagina": pagina,
            "ojs_bereikbaarheid": steunpunt.bereikbaarheid,
            "ojs_kanalen": hsds_contact.kanalen_json(kanalen_),
            "ojs_sluitingen": hsds_contact.sluitingen_json(rooster, vanaf=_vandaag()),
        }
    )


def service_status(steunpunt: Steunpunt) -> str:
    """HSDS's status: active, inactive (in oprichting) or temporarily closed."""
    if steunpunt.status != SteunpuntStatus.ACTIEF:
        return "inactive"
    if steunpunt.bereikbaarheid == BereikbaarheidStatus.GESLOTEN:
        return "temporarily closed"
    return "active"


# The one-to-one fields of a service: what a list (/services, an organization) gives of it.
SERVICE_NESTED = (
    "phones",
    "schedules",
    "service_areas",
    "service_at_locations",
    "languages",
    "organization",
    "contacts",
    "attributes",
    "metadata",
    "funding",
    "cost_options",
    "program",
    "required_documents",
)


def service_summary(service: dict) -> dict:
    """A service without its nested objects (HSDS compiled/service_list.json)."""
    return {key: value for key, value in service.items() if key not in SERVICE_NESTED}


def service_area_json(
    swv: Samenwerkingsverband, gebied: Gebied, *, service_id: str, basis_url: str
) -> dict:
    """The area of one SWV the steunpunt serves: its gemeenten and PC4 areas."""
    return _compact(
        {
            "id": hsds_id("service_area", service_id, swv.code),
            "service_id": service_id,
            "name": ", ".join(gebied.gemeenten) or swv.naam,
            "description": _(
                "Het gebied van %(naam)s (%(code)s): %(aantal)s postcodegebieden van vier cijfers."
            )
            % {"naam": swv.naam, "code": swv.leesbare_code, "aantal": len(gebied.pc4)},
            "uri": basis_url + swv.get_absolute_url(),
            "ojs_swv_code": swv.code,
            "ojs_gemeenten": list(gebied.gemeenten),
            "ojs_postcodes": list(gebied.pc4),
        }
    )


def service_at_location_json(
    steunpunt: Steunpunt,
    *,
    service_id: str,
    organization_id: str | None,
    provincies: dict[str, str],
    fallback_provincie: str,
) -> dict:
    """Where the steunpunt is: its visiting address, or a virtual location without one."""
    location = location_json(
        steunpunt,
        organization_id=organization_id,
        provincie=provincies.get(steunpunt.postcode[:4], fallback_provincie),
    )
    return {
        "id": hsds_id("service_at_location", steunpunt.slug),
        "service_id": service_id,
        "location_id": location["id"],
        "location": location,
    }


def location_json(steunpunt: Steunpunt, *, organization_id: str | None, provincie: str) -> dict:
    """A physical location with the visiting address, or a virtual one (online only, or no
    address on Vindplek yet), so that every service can be found through a location."""
    location_id = hsds_id("location", steunpunt.slug)
    fysiek = not steunpunt.alleen_online and bool(steunpunt.postcode or steunpunt.plaats)
    if not fysiek:
        return _compact(
            {
                "id": location_id,
                "location_type": "virtual",
                "url": steunpunt.website or steunpunt.contactformulier,
                "organization_id": organization_id,
                "name": steunpunt.naam,
                "description": (
                    _("Alleen telefonisch of online bereikbaar.")
                    if steunpunt.alleen_online
                    else _("Het bezoekadres staat nog niet op Vindplek.")
                ),
            }
        )
    address = None
    if steunpunt.straat and steunpunt.postcode and steunpunt.plaats:
        address = {
            "id": hsds_id("address", steunpunt.slug),
            "location_id": location_id,
            "address_1": f"{steunpunt.straat} {steunpunt.huisnummer}".strip(),
            "city": steunpunt.plaats,
            "state_province": provincie,
            "postal_code": steunpunt.postcode,
            "country": COUNTRY,
            "address_type": "physical",
        }
    return _compact(
        {
            "id": location_id,
            "location_type": "physical",
            "organization_id": organization_id,
            "name": steunpunt.naam,
            "description": steunpunt.adres,
            "latitude": steunpunt.lat,
            "longitude": steunpunt.lon,
            "addresses": [address] if address else [],
        }
    )


def organization_json(
    swv: Samenwerkingsverband, *, basis_url: str, services: list[dict] | None
) -> dict:
    """A SWV as an HSDS organization (services: its steunpunten, one-to-one fields only; None
    leaves them out, as inside a service)."""
    organization_id = hsds_id("organization", swv.code)
    sector = Sector(swv.sector).label
    data = _compact(
        {
            "id": organization_id,
            "name": swv.naam,
            "description": _(
                "Samenwerkingsverband passend onderwijs %(code)s (%(sector)s) in %(provincie)s."
            )
            % {"code": swv.leesbare_code, "sector": sector, "provincie": swv.provincie_naam},
            "email": swv.email,
            "website": swv.website,
            "uri": basis_url + swv.get_absolute_url(),
            "phones": (
                [
                    {
                        "id": hsds_id("phone", "organization", swv.code),
                        "organization_id": organization_id,
                        "number": swv.telefoon,
                        "type": "voice",
                    }
                ]
                if swv.telefoon
                else []
            ),
            "organization_identifiers": [
                {
                    "id": hsds_id("organization_identifier", swv.code),
                    "organization_id": organization_id,
                    "identifier_type": IDENTIFIER_TYPE,
                    "identifier": swv.code,
                }
            ],
            "ojs_swv_code": swv.code,
            "ojs_sector": swv.sector,
            "ojs_provincie": swv.provincie,
            "ojs_heeft_steunpunt": getattr(swv, "heeft_steunpunt", None),
        }
    )
    if services is not None:
        data["services"] = services
    return data


# What the organization identifier is (org-id.guide lists no scheme for SWV codes).
IDENTIFIER_TYPE = "Code samenwerkingsverband passend onderwijs (regio-indeling)"

# The fields of an organization a list gives (HSDS compiled/organization_list.json).
ORGANIZATION_NESTED = (
    "funding",
    "contacts",
    "phones",
    "locations",
    "programs",
    "organization_identifiers",
    "attributes",
    "metadata",
    "services",
)


def organization_summary(organization: dict) -> dict:
    return {key: value for key, value in organization.items() if key not in ORGANIZATION_NESTED}
