"""How to reach a steunpunt, in HSDS 3.0: phones, schedules, languages, and the OJS profile's
channels and closures (steunpunten/hsds.py puts them in the service).

- Telefoon and WhatsApp are `phone`s (type voice and text), each with the languages of its
  channel. E-mail is the service's `email`; every channel (also the contact form, the walk-in
  and the video call) is in the profile's `ojs_kanalen` with its value, link and languages.
- Opening slots (Tijdvak) are weekly `schedule`s: RFC 5545 `freq` WEEKLY with `byday`,
  `opens_at` and `closes_at` in Dutch time (Europe/Amsterdam, said in `notes`), `valid_from`
  and `valid_to`; slots with the same hours on several days share one schedule. The channel is
  the schedule's `attending_type`. Where no slots were entered, the free text staff wrote
  (telefonisch_bereikbaar, inloopspreekuur) is a schedule with only a description.
- Closures and the school holidays a steunpunt closes in are the profile's `ojs_sluitingen`;
  a temporary closure makes the service's status "temporarily closed", its notice the `alert`.
"""

import datetime
from collections import defaultdict

from django.utils import translation
from django.utils.translation import gettext as _

from . import talen
from .bereikbaarheid import (
    DAG,
    KanaalInfo,
    Rooster,
    Tijdslot,
    dag_naam,
    tijdspanne_tekst,
)
from .models import KanaalSoort, Steunpunt

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PHONE_TYPE = {KanaalSoort.TELEFOON: "voice", KanaalSoort.WHATSAPP: "text"}
TIJDZONE_NOTITIE = "Europe/Amsterdam"


def _hhmm(minuut: int) -> str:
    return "24:00" if minuut >= DAG else f"{minuut // 60:02d}:{minuut % 60:02d}"


def _id(hsds_id, *parts) -> str:
    return hsds_id(*(str(p) for p in parts))


def language_objects(codes, *, hsds_id, sleutel: tuple, **link) -> list[dict]:
    """HSDS languages for ISO 639 codes, named in the active language."""
    return [
        {
            "id": _id(hsds_id, "language", *sleutel, code),
            **link,
            "name": talen.taal_naam(code),
            "code": code,
        }
        for code in dict.fromkeys(codes)
    ]


def phones_json(kanalen_: list[KanaalInfo], *, slug: str, service_id: str, hsds_id) -> list:
    """Telefoon and WhatsApp as phones, each with the languages of its channel."""
    phones = []
    for kanaal in kanalen_:
        if kanaal.soort not in PHONE_TYPE:
            continue
        phone_id = _id(hsds_id, "phone", slug, kanaal.soort)
        phone = {
            "id": phone_id,
            "service_id": service_id,
            "number": kanaal.waarde,
            "type": PHONE_TYPE[kanaal.soort],
            "description": kanaal.label,
        }
        languages = language_objects(
            kanaal.talen, hsds_id=hsds_id, sleutel=(slug, kanaal.soort), phone_id=phone_id
        )
        if languages:
            phone["languages"] = languages
        phones.append(phone)
    return phones


def _groups(slots: tuple[Tijdslot, ...]) -> list[tuple[tuple, list[int]]]:
    """Slots with the same channel, hours and validity, with their weekdays."""
    days = defaultdict(list)
    for slot in slots:
        days[(slot.kanaal, slot.van, slot.tot, slot.geldig_van, slot.geldig_tot)].append(
            slot.weekdag
        )
    return sorted(days.items(), key=lambda item: (item[0][0], min(item[1]), item[0][1]))


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def schedules_json(
    steunpunt: Steunpunt, rooster: Rooster, *, service_id: str, hsds_id
) -> list[dict]:
    """The weekly opening slots as schedules; the free text where no slots were entered.

    The walk-in's hours hold at the visiting address: they name its location too.
    """
    schedules = []
    at_location = {
        "location_id": hsds_id("location", steunpunt.slug),
        "service_at_location_id": hsds_id("service_at_location", steunpunt.slug),
    }
    for (kanaal, van, tot, geldig_van, geldig_tot), weekdagen in _groups(rooster.tijdslots):
        byday = ",".join(BYDAY[d] for d in sorted(weekdagen))
        schedule = {
            "id": _id(hsds_id, "schedule", steunpunt.slug, kanaal, byday, van, tot, geldig_van),
            "service_id": service_id,
            **(at_location if kanaal == KanaalSoort.INLOOP else {}),
            "valid_from": _date(geldig_van),
            "valid_to": _date(geldig_tot),
            "wkst": "MO",
            "freq": "WEEKLY",
            "byday": byday,
            "opens_at": _hhmm(van),
            "closes_at": _hhmm(tot),
            "description": _("%(dagen)s: %(tijden)s")
            % {
                "dagen": talen.opsomming([dag_naam(d) for d in sorted(weekdagen)]),
                "tijden": tijdspanne_tekst(van, tot),
            },
            "attending_type": str(KanaalSoort(kanaal).label) if kanaal else "",
            "notes": _("Tijden in Nederlandse tijd (%(zone)s).") % {"zone": TIJDZONE_NOTITIE},
        }
        schedules.append({k: v for k, v in schedule.items() if v not in (None, "")})
    for kanaal, tekst in (
        (KanaalSoort.TELEFOON, steunpunt.telefonisch_bereikbaar),
        (KanaalSoort.INLOOP, steunpunt.inloopspreekuur),
    ):
        if tekst and not rooster.heeft_tijden(kanaal):
            schedules.append(
                {
                    "id": _id(hsds_id, "schedule", steunpunt.slug, kanaal, "tekst"),
                    "service_id": service_id,
                    **(at_location if kanaal == KanaalSoort.INLOOP else {}),
                    "description": tekst,
                    "attending_type": str(KanaalSoort(kanaal).label),
                }
            )
    return schedules


def _codes_in_text(tekst: str) -> list[str]:
    """ISO codes for the language names staff typed ("Nederlands, Engels"), where known."""
    with translation.override("nl"):
        by_name = {str(naam).lower(): code for code, naam in talen.TALEN.items()}
    names = [n.strip() for n in (tekst or "").replace(";", ",").split(",") if n.strip()]
    return [by_name.get(name.lower(), name) for name in names]


def languages_json(
    steunpunt: Steunpunt, kanalen_: list[KanaalInfo], *, service_id: str, hsds_id
) -> list[dict]:
    """Every language of the steunpunt: those it lists, and those of its channels."""
    codes = _codes_in_text(steunpunt.talen) + [c for k in kanalen_ for c in k.talen]
    languages = []
    for code in dict.fromkeys(codes):
        known = code in talen.TALEN
        languages.append(
            {
                "id": _id(hsds_id, "language", steunpunt.slug, code.lower()),
                "service_id": service_id,
                "name": talen.taal_naam(code) if known else code,
                **({"code": code} if known else {}),
            }
        )
    return languages


def kanalen_json(kanalen_: list[KanaalInfo]) -> list[dict]:
    """The profile's ojs_kanalen: every way to reach the steunpunt."""
    return [
        {
            key: value
            for key, value in {
                "soort": k.soort,
                "waarde": k.waarde,
                "link": k.href if k.href.startswith("https://") else "",
                "talen": list(k.talen),
                "toelichting": k.toelichting,
                "eigen_tijden": k.eigen_tijden,
            }.items()
            if value not in ("", [])
        }
        for k in kanalen_
    ]


def sluitingen_json(rooster: Rooster, *, vanaf: datetime.date) -> list[dict]:
    """The profile's ojs_sluitingen: closures and school holidays from this day on."""
    return [
        {
            key: value
            for key, value in {
                "van": dicht.van.isoformat(),
                "tot": dicht.tot.isoformat(),
                "reden": dicht.reden,
                "schoolvakantie": dicht.vakantie,
            }.items()
            if value != ""
        }
        for dicht in rooster.dicht
        if dicht.tot >= vanaf
    ]
