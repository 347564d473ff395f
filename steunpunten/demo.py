"""Deterministic demo steunpunten (herkomst `voorbeeld`): 127 of the 150 SWVs covered, clearly
marked as invented, only for the SWVs without a real steunpunt, and only shown where
settings.VINDPLEK_VOORBEELDEN is on."""

import datetime
import random
from collections import Counter, defaultdict

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify

from .cache import bump_data_version
from .models import (
    Herkomst,
    LocatiePrecisie,
    Postcodegebied,
    Samenwerkingsverband,
    Steunpunt,
    SteunpuntStatus,
)
from .regio import Sector

DEMO_COVERED = 127  # the November 2023 survey: 127 of the 150 SWVs had a steunpunt
DEMO_IN_OPRICHTING = 8  # of the uncovered SWVs, these have a steunpunt in oprichting
SEED = 2023
STALE_DEMO_AGE_DAYS = 200  # older than freshness.STALE_AFTER: shows "mogelijk verouderd"
LETTERS = "ABCEGHJKLMNPRTVWXZ"  # avoids SA, SD and SS by construction

DEMO_AANBOD = (
    "Dit is een voorbeeld. Een steunpunt geeft ouders en jongeren informatie over passend "
    "onderwijs, luistert naar hun vragen en helpt hen in gesprek te gaan met school of het "
    "samenwerkingsverband. Het steunpunt is onafhankelijk en gratis."
)


def _regions() -> list[list[Samenwerkingsverband]]:
    """Pair each PO SWV with the VO SWV it shares most postcodes with; the rest stand alone."""
    overlap: dict[str, Counter] = defaultdict(Counter)
    for po, vo in Postcodegebied.objects.filter(swv_po__isnull=False).values_list(
        "swv_po__code", "swv_vo__code"
    ):
        overlap[po][vo] += 1
    swvs = {swv.code: swv for swv in Samenwerkingsverband.objects.all()}
    paired: set[str] = set()
    regions = []
    for po_code in sorted(code for code in swvs if code.startswith(Sector.PO)):
        choices = [vo for vo, _n in overlap[po_code].most_common() if vo not in paired]
        if choices:
            paired.add(choices[0])
            regions.append([swvs[po_code], swvs[choices[0]]])
        else:
            regions.append([swvs[po_code]])
    regions += [
        [swvs[code]] for code in sorted(swvs) if code.startswith(Sector.VO) and code not in paired
    ]
    return regions


def _anchor(swvs: list[Samenwerkingsverband]) -> Postcodegebied:
    """The lowest PC4 of the largest gemeente's own town in the region: a real place for the address."""
    areas = list(
        (
            Postcodegebied.objects.filter(swv_po__in=swvs)
            | Postcodegebied.objects.filter(swv_vo__in=swvs)
        ).prefetch_related("plaatsnamen")
    )
    sizes = Counter(area.gemeente for area in areas)
    town = min(sizes, key=lambda name: (-sizes[name], name))
    in_town = [a for a in areas if a.gemeente == town]
    # Prefer the place that carries the gemeente's name (Groningen, not Noordlaren).
    own = [a for a in in_town if any(p.naam == town for p in a.plaatsnamen.all())]
    return min(own or in_town, key=lambda a: a.pc4)


def demo_checked_on(index: int, today: datetime.date) -> datetime.date:
    """When demo steunpunt number `index` was "checked": recent, except one in 25 (to show the badge)."""
    age = STALE_DEMO_AGE_DAYS if index % 25 == 0 else (index * 37) % 150
    return today - datetime.timedelta(days=age)


def shift_demo_dates(*, today: datetime.date | None = None) -> int:
    """Move the demo "gecontroleerd op" dates so that the newest is today; returns how many."""
    today = today or timezone.localdate()
    demos = Steunpunt.objects.voorbeelden().filter(gecontroleerd_op__isnull=False)
    newest = demos.aggregate(newest=Max("gecontroleerd_op"))["newest"]
    if newest is None or newest == today:
        return 0
    with transaction.atomic():
        changed = demos.update(gecontroleerd_op=F("gecontroleerd_op") + (today - newest))
        transaction.on_commit(bump_data_version)
    return changed


def demo_tijden() -> int:
    """Read the demo steunpunten's hours texts into slots (tijden_uit_tekst.py), as migration 0012 did
    for the data that was there; the fixtures keep the texts. Returns how many changed."""
    from .models import Tijdvak
    from .tijden_uit_tekst import omzetten

    changed = 0
    with transaction.atomic():
        for steunpunt in Steunpunt.objects.voorbeelden().exclude(
            telefonisch_bereikbaar="", inloopspreekuur=""
        ):
            changed += bool(omzetten(steunpunt, Tijdvak).omgezet)
        if changed:
            transaction.on_commit(bump_data_version)
    return changed


def _build(
    index: int, swvs: list[Samenwerkingsverband], status: str, rng: random.Random
) -> Steunpunt:
    area = _anchor(swvs)
    place = area.plaatsnamen.order_by("naam").first()
    town = place.naam if place else area.gemeente
    codes = "-".join(swv.code.lower() for swv in swvs)
    sectors = {swv.sector for swv in swvs}
    return Steunpunt(
        naam=f"Ouder- en Jeugdsteunpunt {town} (voorbeeld {index:03d})",
        slug=slugify(f"steunpunt-{town}-{codes}"),
        status=status,
        gepubliceerd=True,
        herkomst=Herkomst.VOORBEELD,
        voor_po=Sector.PO in sectors,
        voor_vo=Sector.VO in sectors,
        voor_jongeren=rng.random() < 0.8,
        aanbod=DEMO_AANBOD,
        telefoon=f"0800-0000{index:03d}",
        email=f"info@{codes}.example.org",
        website=f"https://{codes}.example.org/",
        contactformulier=f"https://{codes}.example.org/contact",
        telefonisch_bereikbaar="maandag tot en met donderdag, 9.00 tot 16.00 uur",
        inloopspreekuur="woensdag 13.00 tot 15.00 uur" if index % 3 else "",
        straat="Voorbeeldstraat",
        huisnummer=str(1 + index),
        postcode=f"{area.pc4} {rng.choice(LETTERS)}{rng.choice(LETTERS)}",
        plaats=town,
        lat=area.lat,
        lon=area.lon,
        locatie_precisie=LocatiePrecisie.POSTCODE,
        talen="Nederlands, Engels" + (", Arabisch, Turks" if index % 4 == 0 else ""),
        ervaringsdeskundigen=index % 2 == 0,
        gecontroleerd_op=demo_checked_on(index, timezone.localdate()),
    )


def _plan(regions: list[list[Samenwerkingsverband]], rng: random.Random):
    """Choose which regions get an active steunpunt so that exactly DEMO_COVERED SWVs are covered."""
    order = regions[:]
    rng.shuffle(order)
    active, rest, covered = [], [], 0
    for region in order:
        if covered + len(region) <= DEMO_COVERED:
            active.append(region)
            covered += len(region)
        else:
            rest.append(region)
    while covered < DEMO_COVERED:
        # Only pairs were left: split one, so its PO SWV is covered and its VO SWV is not.
        pair = next(region for region in rest if len(region) == 2)
        rest.remove(pair)
        active.append(pair[:1])
        rest.append(pair[1:])
        covered += 1
    return active, rest


@transaction.atomic
def create_demo_steunpunten() -> tuple[int, int]:
    """Replace all demo steunpunten by the deterministic set; returns (created, deleted).

    SWVs with a real steunpunt (confirmed or from a public source) keep only that one."""
    deleted, _detail = Steunpunt.objects.voorbeelden().delete()
    rng = random.Random(SEED)
    active, rest = _plan(_regions(), rng)
    created = 0
    for index, region in enumerate(sorted(active, key=lambda r: r[0].code), start=1):
        _save(_build(index, region, SteunpuntStatus.ACTIEF, rng), region)
        created += 1
    founding = sorted(rest, key=lambda r: r[0].code)[:DEMO_IN_OPRICHTING]
    for index, region in enumerate(founding, start=created + 1):
        _save(_build(index, region, SteunpuntStatus.IN_OPRICHTING, rng), region)
        created += 1
    echte = Steunpunt.objects.exclude(herkomst=Herkomst.VOORBEELD)
    real = Samenwerkingsverband.objects.filter(steunpunten__in=echte).distinct()
    created -= demo_withdraw(list(real))[0]
    transaction.on_commit(bump_data_version)
    return created, deleted


def demo_withdraw(swvs: list[Samenwerkingsverband]) -> tuple[int, int]:
    """The demo steunpunten stop serving these SWVs (they have a real one); a demo left without
    SWVs is deleted. Returns how many were deleted and how many changed."""
    deleted = changed = 0
    pks = [swv.pk for swv in swvs]
    demos = Steunpunt.objects.voorbeelden().filter(samenwerkingsverbanden__in=pks).distinct()
    for demo in demos.prefetch_related("samenwerkingsverbanden"):
        keep = [swv for swv in demo.samenwerkingsverbanden.all() if swv.pk not in pks]
        if not keep:
            demo.delete()
            deleted += 1
            continue
        demo.samenwerkingsverbanden.set(keep)
        demo.voor_po = any(swv.sector == Sector.PO for swv in keep)
        demo.voor_vo = any(swv.sector == Sector.VO for swv in keep)
        demo.save()
        changed += 1
    return deleted, changed


def _save(steunpunt: Steunpunt, swvs: list[Samenwerkingsverband]) -> None:
    steunpunt.save()
    steunpunt.samenwerkingsverbanden.set(swvs)
