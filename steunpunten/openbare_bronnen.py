"""Real steunpunten and SWV names from public pages (data/*-openbare-bronnen.csv).

Each row becomes a steunpunt with herkomst `openbare_bron` and the page's URL, linked to all
its SWVs, and replaces the demo steunpunt of those SWVs. What a row lacks stays empty: nothing
is invented (no address, no opening hours). A steunpunt or SWV that staff have confirmed or
edited is never overwritten. Idempotent and atomic, like the other imports.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.text import slugify

from .cache import bump_data_version
from .demo import demo_withdraw
from .imports import ImportFileError, ImportResultaat, csv_rows
from .models import (
    Herkomst,
    LocatiePrecisie,
    Postcodegebied,
    Samenwerkingsverband,
    Steunpunt,
    SteunpuntStatus,
)
from .postcode import PostcodeError, normalise_postcode
from .regio import Sector
from .validators import normalise_telefoon, validate_huisnummer, validate_telefoon

STEUNPUNTEN_COLUMNS = [
    "swv_codes",
    "code_herkomst",
    "steunpunt_naam",
    "swv_naam",
    "website",
    "telefoon",
    "email",
    "toelichting",
    "bron_url",
    "bron_citaat",
    "straat",
    "huisnummer",
    "postcode",
    "plaats",
]
NAMEN_COLUMNS = ["swv_code", "code_herkomst", "naam", "website", "bron_url", "toelichting"]
CODE_HERKOMST = ("genoemd", "afgeleid")
# A remark in brackets that the collector added starts in lower case ("(in opbouw ten tijde van
# bron)"); "(OJSP)", "(PO)" and "(West-Brabant West)" are part of the name and stay.
_OPMERKING = re.compile(r"\s*\([a-z][^)]*\)")
_OPRICHTING = re.compile(r"in (opbouw|ontwikkeling|oprichting)", re.IGNORECASE)
# Words that do not tell one steunpunt from another: such a name gets its SWV's name added.
_ALGEMEEN = frozenset(
    [
        "ouder",
        "ouders",
        "en",
        "jeugd",
        "jeugdsteunpunt",
        "oudersteunpunt",
        "steunpunt",
        "passend",
        "onderwijs",
        "ojs",
        "ojsp",
        "leerling",
        "jongeren",
        "voor",
        "website",
        "het",
    ]
)
_URL = URLValidator(schemes=["http", "https"])
_EMAIL = EmailValidator()


@dataclass(frozen=True)
class Adres:
    """A visiting address as the page gives it (the postcode in its standard spelling)."""

    straat: str
    huisnummer: str
    postcode: str
    plaats: str


@dataclass(frozen=True)
class SteunpuntRij:
    """One row of the steunpunten file, checked."""

    regel: int
    codes: tuple[str, ...]
    naam: str
    status: str
    website: str
    telefoon: str
    email: str
    bron_url: str
    adres: "Adres | None" = None

    @property
    def slug(self) -> str:
        """The page address: the first words of the name and the SWV codes (unique per row)."""
        words, kort = self.naam.split(), ""
        for word in words:
            if len(kort) + len(word) > 60:
                break
            kort = f"{kort} {word}"
        return slugify(f"{kort} {' '.join(self.codes)}")


@dataclass(frozen=True)
class SwvNaamRij:
    """One row of the SWV names file, checked."""

    regel: int
    code: str
    naam: str
    website: str
    bron_url: str


def public_name(steunpunt_naam: str, swv_naam: str) -> str:
    """The steunpunt's name without the collector's remarks; a name that only says what it is
    ("Ouder- en jeugdsteunpunt") gets its SWV's name, so parents can tell them apart."""
    naam = _OPMERKING.sub("", steunpunt_naam).strip()
    words = set(re.findall(r"[a-z]+", naam.lower()))
    if words <= _ALGEMEEN:
        swv = _OPMERKING.sub("", swv_naam).strip()
        naam = f"{naam} – {swv}" if swv else naam
    return naam


def _url(regel: int, value: str, kolom: str, *, required: bool = False) -> str:
    """A web address as the page gives it, no longer than the Steunpunt field `kolom` holds
    (the model's own limit: the SWV's website has the same)."""
    if not value:
        if required:
            raise ImportFileError(regel, f"de kolom {kolom} is leeg; elke regel heeft een bron")
        return ""
    try:
        _URL(value)
    except ValidationError:
        raise ImportFileError(regel, f"'{value}' in de kolom {kolom} is geen webadres") from None
    if len(value) > Steunpunt._meta.get_field(kolom).max_length:
        raise ImportFileError(regel, f"het webadres in de kolom {kolom} is te lang")
    return value


def _website(regel: int, value: str, notes: list[str]) -> str:
    """A website as the page gives it, http:// included: a page that only names an http://
    address is not upgraded by guessing (staff who confirm the steunpunt are asked for https)."""
    website = _url(regel, value, "website")
    if website.lower().startswith("http://"):
        notes.append(f"regel {regel}: website {website} staat er met http://, zoals de bron")
    return website


def _citaat(regel: int, row: dict) -> str:
    """The line of the page that shows the steunpunt: every row has one."""
    citaat = row["bron_citaat"]
    if not citaat:
        raise ImportFileError(
            regel, "de kolom bron_citaat is leeg; zet de regel van de pagina erin die dit laat zien"
        )
    return citaat


def _compact(value: str) -> str:
    return re.sub(r"\W", "", value).lower()


def _adres(regel: int, row: dict) -> Adres | None:
    """The visiting address, when the row has one: a valid postcode and place that the quoted
    line of the page holds (so nothing is filled in from elsewhere)."""
    straat, huisnummer = row["straat"], row["huisnummer"]
    postcode, plaats = row["postcode"], row["plaats"]
    if not any((straat, huisnummer, postcode, plaats)):
        return None
    if not (postcode and plaats):
        raise ImportFileError(regel, "een adres heeft ten minste een postcode en een plaats")
    try:
        postcode = normalise_postcode(postcode)
    except PostcodeError as error:
        raise ImportFileError(regel, f"'{row['postcode']}' is geen postcode: {error}") from None
    if bool(straat) != bool(huisnummer):
        raise ImportFileError(regel, "vul bij een straat ook het huisnummer in, en andersom")
    if huisnummer:
        try:
            validate_huisnummer(huisnummer)
        except ValidationError:
            raise ImportFileError(regel, f"'{huisnummer}' is geen huisnummer") from None
    citaat = _compact(row["bron_citaat"])
    for kolom, value in (("postcode", postcode), ("plaats", plaats), ("straat", straat)):
        if value and _compact(value) not in citaat:
            raise ImportFileError(regel, f"de {kolom} '{value}' staat niet in bron_citaat")
    return Adres(straat, huisnummer, postcode, plaats)


def _codes(regel: int, value: str, known: set[str]) -> tuple[str, ...]:
    codes = tuple(value.split())
    if not codes:
        raise ImportFileError(regel, "er staat geen code van een samenwerkingsverband")
    for code in codes:
        if code not in known:
            raise ImportFileError(
                regel,
                f"'{code}' is geen samenwerkingsverband van de regio-indeling "
                "(importeer eerst de regio-indeling)",
            )
    return codes


def _telefoon(regel: int, row: dict) -> str:
    telefoon = row["telefoon"]
    if not telefoon:
        return ""
    try:
        validate_telefoon(telefoon)
    except ValidationError:
        raise ImportFileError(regel, f"'{telefoon}' is geen Nederlands telefoonnummer") from None
    citaat = re.sub(r"\D", "", row["bron_citaat"])
    if citaat and normalise_telefoon(telefoon) not in citaat:
        raise ImportFileError(regel, f"het nummer {telefoon} staat niet in bron_citaat")
    return telefoon


def _email(regel: int, value: str) -> str:
    if value:
        try:
            _EMAIL(value)
        except ValidationError:
            raise ImportFileError(regel, f"'{value}' is geen e-mailadres") from None
    return value


def _code_herkomst(regel: int, value: str) -> None:
    if value not in CODE_HERKOMST:
        raise ImportFileError(
            regel, f"code_herkomst '{value}' is niet een van {', '.join(CODE_HERKOMST)}"
        )


def read_steunpunten(
    path: Path, known: set[str], namen: dict[str, str] | None = None, notes: list | None = None
) -> list[SteunpuntRij]:
    """Parse and check the steunpunten file; raise ImportFileError at the first bad row.

    `namen` (SWV code -> the name people use) names the SWV of a one-SWV row whose own name
    is generic; other rows take their `swv_naam`."""
    namen = namen or {}
    notes = [] if notes is None else notes
    result, seen = [], {}
    for regel, row in csv_rows(path, STEUNPUNTEN_COLUMNS):
        codes = _codes(regel, row["swv_codes"], known)
        for code in codes:
            if code in seen:
                raise ImportFileError(regel, f"{code} staat al in regel {seen[code]}")
            seen[code] = regel
        _code_herkomst(regel, row["code_herkomst"])
        if not row["steunpunt_naam"]:
            raise ImportFileError(regel, "de naam van het steunpunt ontbreekt")
        swv_naam = namen.get(codes[0], "") if len(codes) == 1 else ""
        naam = public_name(row["steunpunt_naam"], swv_naam or row["swv_naam"])
        if len(naam) > 150:
            raise ImportFileError(regel, "de naam is langer dan 150 tekens")
        _citaat(regel, row)
        remarks = " ".join((row["steunpunt_naam"], row["toelichting"]))
        founding = _OPRICHTING.search(remarks)
        result.append(
            SteunpuntRij(
                regel=regel,
                codes=codes,
                naam=naam,
                status=SteunpuntStatus.IN_OPRICHTING if founding else SteunpuntStatus.ACTIEF,
                website=_website(regel, row["website"], notes),
                telefoon=_telefoon(regel, row),
                email=_email(regel, row["email"]),
                bron_url=_url(regel, row["bron_url"], "bron_url", required=True),
                adres=_adres(regel, row),
            )
        )
    return result


def read_swv_namen(path: Path, known: set[str], notes: list | None = None) -> list[SwvNaamRij]:
    """Parse and check the SWV names file; raise ImportFileError at the first bad row."""
    result, seen = [], {}
    notes = [] if notes is None else notes
    for regel, row in csv_rows(path, NAMEN_COLUMNS):
        codes = _codes(regel, row["swv_code"], known)
        if len(codes) > 1:
            raise ImportFileError(regel, "één code van een samenwerkingsverband per regel")
        code = codes[0]
        if code in seen:
            raise ImportFileError(regel, f"{code} staat al in regel {seen[code]}")
        seen[code] = regel
        _code_herkomst(regel, row["code_herkomst"])
        if not row["naam"] or len(row["naam"]) > 200:
            raise ImportFileError(regel, "de naam ontbreekt of is langer dan 200 tekens")
        website = _website(regel, row["website"], notes)
        bron_url = _url(regel, row["bron_url"], "bron_url", required=True)
        result.append(SwvNaamRij(regel, code, row["naam"], website, bron_url))
    return result


@transaction.atomic
def import_openbare_bronnen(steunpunten_path: Path, namen_path: Path) -> ImportResultaat:
    """Import both files: SWV names and websites first, then the steunpunten."""
    swvs = {swv.code: swv for swv in Samenwerkingsverband.objects.all()}
    result = ImportResultaat()
    namen = _read(read_swv_namen, namen_path, set(swvs), result.opmerkingen)
    namen_van = {rij.code: rij.naam for rij in namen}
    rijen = _read(read_steunpunten, steunpunten_path, set(swvs), namen_van, result.opmerkingen)
    for rij in namen:
        _apply_swv_naam(swvs[rij.code], rij, result)
    touched: set[int] = set()
    for rij in rijen:
        steunpunt = _apply_steunpunt(rij, [swvs[code] for code in rij.codes], result)
        if steunpunt is not None:
            touched.add(steunpunt.pk)
    _withdraw_replaced(rijen, swvs, touched, result)
    if result.changed_anything:
        transaction.on_commit(bump_data_version)
    return result


def _read(reader, path: Path, *args):
    try:
        return reader(path, *args)
    except ImportFileError as error:
        error.bestand = path
        raise


def _edited_by_staff(instance) -> bool:
    """True when a person (not an import) ever saved this record (django-simple-history)."""
    return instance.history.filter(history_user__isnull=False).exists()


def _apply_swv_naam(swv: Samenwerkingsverband, rij: SwvNaamRij, result: ImportResultaat) -> None:
    if _edited_by_staff(swv):
        result.ongewijzigd["samenwerkingsverbanden"] += 1
        result.opmerkingen.append(
            f"regel {rij.regel}: {swv.code} is door een medewerker bewerkt; naam en website blijven"
        )
        return
    values = {"naam": rij.naam, "website": rij.website or swv.website}
    if _sync_fields(swv, values):
        swv.save()
        result.gewijzigd["samenwerkingsverbanden"] += 1
    else:
        result.ongewijzigd["samenwerkingsverbanden"] += 1


def _sync_fields(instance, values: dict) -> bool:
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    return bool(changed)


def _apply_steunpunt(rij: SteunpuntRij, swvs: list, result: ImportResultaat) -> Steunpunt | None:
    """Create or update the row's steunpunt for the row's SWVs that have no confirmed one."""
    existing = Steunpunt.objects.filter(slug=rij.slug).first()
    if existing is not None and existing.herkomst == Herkomst.BEVESTIGD:
        result.ongewijzigd["steunpunten"] += 1
        result.opmerkingen.append(
            f"regel {rij.regel}: {existing.naam} is door het samenwerkingsverband bevestigd; "
            "niets overschreven"
        )
        return None
    confirmed = set(
        Samenwerkingsverband.objects.filter(
            pk__in=[swv.pk for swv in swvs], steunpunten__herkomst=Herkomst.BEVESTIGD
        ).values_list("code", flat=True)
    )
    targets = [swv for swv in swvs if swv.code not in confirmed]
    for code in sorted(confirmed):
        result.opmerkingen.append(
            f"regel {rij.regel}: {code} heeft een door het samenwerkingsverband bevestigd "
            "steunpunt; deze regel geldt daar niet"
        )
    if not targets:
        return None
    sectors = {swv.sector for swv in targets}
    values = {
        "naam": rij.naam,
        "herkomst": Herkomst.OPENBARE_BRON,
        "bron_url": rij.bron_url,
        "website": rij.website,
        "telefoon": rij.telefoon,
        "email": rij.email,
        "voor_po": Sector.PO in sectors,
        "voor_vo": Sector.VO in sectors,
        **_locatie(rij.adres),
    }
    if existing is None:
        steunpunt = Steunpunt(
            slug=rij.slug,
            status=rij.status,
            gepubliceerd=True,
            voor_ouders=True,
            voor_jongeren=bool(re.search(r"jeugd|jongeren|leerling", rij.naam, re.IGNORECASE)),
            **values,
        )
        steunpunt.save()
        result.aangemaakt["steunpunten"] += 1
    else:
        steunpunt = existing
        changed = _sync_fields(steunpunt, values)
        if changed:
            steunpunt.save()
        (result.gewijzigd if changed else result.ongewijzigd)["steunpunten"] += 1
    current = {swv.pk for swv in steunpunt.samenwerkingsverbanden.all()}
    if current != {swv.pk for swv in targets}:
        steunpunt.samenwerkingsverbanden.set(targets)
    deleted, changed = demo_withdraw(targets)
    result.verwijderd["voorbeeld-steunpunten"] += deleted
    result.gewijzigd["voorbeeld-steunpunten"] += changed
    return steunpunt


def _locatie(adres: Adres | None) -> dict:
    """The address fields, and as location the centre of its four-digit postcode area from the
    shipped GeoNames data, marked as approximate (locatie_precisie "postcode"): an import never
    asks a geocoder on the internet. Without an address all of it stays empty."""
    if adres is None:
        empty = dict.fromkeys(
            ("straat", "huisnummer", "postcode", "plaats", "locatie_precisie"), ""
        )
        return {**empty, "lat": None, "lon": None}
    area = Postcodegebied.objects.filter(pc4=adres.postcode[:4], lat__isnull=False).first()
    return {
        "straat": adres.straat,
        "huisnummer": adres.huisnummer,
        "postcode": adres.postcode,
        "plaats": adres.plaats,
        "lat": area.lat if area else None,
        "lon": area.lon if area else None,
        "locatie_precisie": LocatiePrecisie.POSTCODE if area else "",
    }


def _withdraw_replaced(rijen, swvs, touched: set[int], result: ImportResultaat) -> None:
    """An earlier import's steunpunt of the same SWVs under another name (the row was renamed)
    is replaced: it loses those SWVs, and goes when it serves none."""
    codes = {code for rij in rijen for code in rij.codes}
    stale = (
        Steunpunt.objects.filter(
            herkomst=Herkomst.OPENBARE_BRON, samenwerkingsverbanden__code__in=codes
        )
        .exclude(pk__in=touched)
        .distinct()
    )
    for steunpunt in stale:
        keep = [swv for swv in steunpunt.samenwerkingsverbanden.all() if swv.code not in codes]
        if keep:
            steunpunt.samenwerkingsverbanden.set(keep)
            result.gewijzigd["steunpunten"] += 1
        else:
            steunpunt.delete()
            result.verwijderd["steunpunten"] += 1
