"""Read the regio-indeling, GeoNames and gemeente files into the database, idempotently and atomically."""

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .cache import bump_version
from .geo import NL_BBOX, flat_distance_km, median_point
from .models import (
    AlternatieveNaam,
    AlternatieveNaamSoort,
    CoordinaatBron,
    GemeenteBron,
    Plaatsnaam,
    Postcodegebied,
    Samenwerkingsverband,
    School,
)
from .names import clean_place_name, normalise_name
from .postcode import PostcodeError, parse_postcode
from .regio import PROVINCIE_CHOICES, Sector, parse_swv_code
from .scholen import VESTIGINGSCODE_RE, clean_website, soort_sectoren

REGIO_COLUMNS = ["pc4", "gemeente", "swv_po", "swv_vo"]
GEONAMES_COLUMNS = ["pc4", "plaats", "lat", "lon"]
GEMEENTEN_COLUMNS = ["pc4", "gemeente", "bron"]
# The DUO school file gives the province of every current gemeente (each has a school).
SCHOLEN_PROVINCIE_COLUMNS = ("gemeente", "provincie")
# GeoNames rows of one PC4 further apart than this are separate places: only the group that
# lies with the PC4's gemeente counts (8461 Rottum also has a row at Epe, 66 km away).
CLUSTER_KM = 10.0
NEIGHBOURS_NOTE = "gemiddelde van "
NO_SWV = "Europoort"  # the harbour PC4s 3197-3199 that no SWV serves
PC4_RE = re.compile(r"^[1-9][0-9]{3}$")
MAX_GEMEENTEN_IN_NAME = 3


class ImportFileError(Exception):
    """A bad input file: names the line and what is wrong with it."""

    def __init__(self, regel: int, tekst: str):
        super().__init__(f"regel {regel}: {tekst}")
        self.regel = regel
        self.tekst = tekst
        self.bestand: Path | None = None  # set where one import reads several files


@dataclass
class ImportResultaat:
    """What an import did, per kind of record."""

    aangemaakt: Counter = field(default_factory=Counter)
    gewijzigd: Counter = field(default_factory=Counter)
    verwijderd: Counter = field(default_factory=Counter)
    ongewijzigd: Counter = field(default_factory=Counter)
    opmerkingen: list[str] = field(default_factory=list)  # repaired or dropped values, per line

    @property
    def changed_anything(self) -> bool:
        return any(
            sum(counts.values()) for counts in (self.aangemaakt, self.gewijzigd, self.verwijderd)
        )

    def summary(self) -> str:
        kinds = sorted(
            set(self.aangemaakt)
            | set(self.gewijzigd)
            | set(self.verwijderd)
            | set(self.ongewijzigd)
        )
        parts = [
            f"{kind}: {self.aangemaakt[kind]} nieuw, {self.gewijzigd[kind]} gewijzigd, "
            f"{self.verwijderd[kind]} verwijderd, {self.ongewijzigd[kind]} ongewijzigd"
            for kind in kinds
        ]
        parts.extend(self.opmerkingen)
        if not self.changed_anything:
            parts.append("Niets veranderd: de database was al gelijk aan het bestand.")
        return "\n".join(parts)


@dataclass(frozen=True)
class RegioRegel:
    regel: int
    pc4: str
    gemeente: str
    swv_po: str | None
    swv_vo: str | None


@dataclass(frozen=True)
class GeonamesRegel:
    regel: int
    pc4: str
    plaats: str
    lat: float
    lon: float


@dataclass(frozen=True)
class GemeenteRegel:
    regel: int
    pc4: str
    gemeente: str
    bron: str


def _text_lines(handle) -> Iterator[str]:
    """The lines of a binary file as text, refusing bytes that are not UTF-8 and NUL characters.

    Checked here, line by line, so that a damaged file is named by its line and refused the same
    way on every database (SQLite would store a NUL, PostgreSQL refuses it).
    """
    for number, raw in enumerate(handle, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise ImportFileError(
                number, "deze regel is geen UTF-8-tekst; sla het bestand op als UTF-8"
            ) from None
        if "\x00" in line:
            raise ImportFileError(
                number, "deze regel bevat een nul-teken; het bestand is beschadigd"
            )
        yield line


def _readable(reader) -> Iterator:
    """The rows of a csv reader; a line it cannot read is named, never a traceback.

    Python's csv module refuses a field over 131,072 characters (csv.field_size_limit()), and
    a file that is not ;-separated text can make it stumble in other ways.
    """
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                tekst = (
                    f"een veld is langer dan {csv.field_size_limit():,} tekens".replace(",", ".")
                    + ": waarschijnlijk een aanhalingsteken dat niet gesloten wordt, of niet het"
                    " goede bestand"
                )
            else:
                tekst = f"deze regel is geen leesbare ;-gescheiden tekst ({error})"
            raise ImportFileError(reader.line_num, tekst) from None
        yield row


def csv_rows(path: Path, columns: list[str]):
    """Yield (line number, row dict) from a ;-separated file after checking its header."""
    with open(path, "rb") as handle:
        reader = csv.reader(_text_lines(handle), delimiter=";")
        rows = _readable(reader)
        header = next(rows, None)
        if header is None or [h.strip().lower() for h in header] != columns:
            raise ImportFileError(
                1, f"de kopregel moet '{';'.join(columns)}' zijn, niet {header!r}"
            )
        for row in rows:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                raise ImportFileError(
                    reader.line_num, f"{len(columns)} kolommen verwacht, {len(row)} gevonden"
                )
            yield reader.line_num, dict(zip(columns, (cell.strip() for cell in row), strict=True))


def _check_pc4(regel: int, pc4: str, seen: set[str] | None = None) -> None:
    if not PC4_RE.match(pc4):
        raise ImportFileError(regel, f"'{pc4}' is geen postcode van 4 cijfers (1000-9999)")
    if seen is not None:
        if pc4 in seen:
            raise ImportFileError(regel, f"postcode {pc4} staat er twee keer in")
        seen.add(pc4)


def _swv_code(regel: int, value: str, sector: str) -> str | None:
    if value == NO_SWV:
        return None
    parsed = parse_swv_code(value)
    if parsed is None or value != value.upper().replace(" ", ""):
        raise ImportFileError(regel, f"'{value}' is geen code van een samenwerkingsverband")
    if parsed.sector != sector:
        raise ImportFileError(
            regel, f"'{value}' staat in de kolom {sector}, maar is geen {sector}-code"
        )
    return value


def read_regio_indeling(path: Path) -> list[RegioRegel]:
    """Parse and check the regio-indeling file; raise ImportFileError at the first bad row."""
    result, seen = [], set()
    for regel, row in csv_rows(path, REGIO_COLUMNS):
        _check_pc4(regel, row["pc4"], seen)
        if not row["gemeente"] or len(row["gemeente"]) > 100:
            raise ImportFileError(regel, "de gemeente ontbreekt of is langer dan 100 tekens")
        po = _swv_code(regel, row["swv_po"], Sector.PO)
        vo = _swv_code(regel, row["swv_vo"], Sector.VO)
        if (po is None) != (vo is None):
            raise ImportFileError(
                regel, f"'{NO_SWV}' moet in beide kolommen staan of in geen van beide"
            )
        result.append(RegioRegel(regel, row["pc4"], row["gemeente"], po, vo))
    if not result:
        raise ImportFileError(2, "het bestand bevat geen postcodes")
    return result


def read_geonames(path: Path) -> list[GeonamesRegel]:
    """Parse and check the GeoNames file; raise ImportFileError at the first bad row."""
    result = []
    for regel, row in csv_rows(path, GEONAMES_COLUMNS):
        _check_pc4(regel, row["pc4"])
        if not row["plaats"] or len(row["plaats"]) > 100:
            raise ImportFileError(regel, "de plaatsnaam ontbreekt of is langer dan 100 tekens")
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            raise ImportFileError(
                regel, f"'{row['lat']}' / '{row['lon']}' zijn geen getallen"
            ) from None
        if not NL_BBOX.contains(lat, lon):
            raise ImportFileError(regel, f"{lat}, {lon} ligt niet in Nederland")
        result.append(GeonamesRegel(regel, row["pc4"], row["plaats"], lat, lon))
    if not result:
        raise ImportFileError(2, "het bestand bevat geen postcodes")
    return result


def read_gemeenten(path: Path) -> list[GemeenteRegel]:
    """Parse and check the PC4 -> gemeente (2024) file; raise ImportFileError at the first bad row."""
    result, seen = [], set()
    for regel, row in csv_rows(path, GEMEENTEN_COLUMNS):
        _check_pc4(regel, row["pc4"], seen)
        if not row["gemeente"] or len(row["gemeente"]) > 100:
            raise ImportFileError(regel, "de gemeente ontbreekt of is langer dan 100 tekens")
        if row["bron"] not in GemeenteBron.values:
            raise ImportFileError(
                regel, f"bron '{row['bron']}' is niet een van {', '.join(GemeenteBron.values)}"
            )
        result.append(GemeenteRegel(regel, row["pc4"], row["gemeente"], row["bron"]))
    if not result:
        raise ImportFileError(2, "het bestand bevat geen postcodes")
    return result


def read_provincies(path: Path) -> dict[str, str]:
    """Gemeente -> province slug from the DUO school file (its gemeente and provincie columns)."""
    slugs = {naam: slug for slug, naam in PROVINCIE_CHOICES}
    result: dict[str, str] = {}
    with open(path, "rb") as handle:
        reader = csv.reader(_text_lines(handle), delimiter=";")
        rows = _readable(reader)
        header = next(rows, None) or []
        missing = [c for c in SCHOLEN_PROVINCIE_COLUMNS if c not in header]
        if missing:
            raise ImportFileError(1, f"de kopregel mist de kolom(men) {', '.join(missing)}")
        for cells in rows:
            row = dict(zip(header, cells, strict=False))
            gemeente = (row.get("gemeente") or "").strip()
            provincie = (row.get("provincie") or "").strip()
            if not gemeente:
                continue
            if provincie not in slugs:
                raise ImportFileError(reader.line_num, f"'{provincie}' is geen provincie")
            if result.setdefault(gemeente, slugs[provincie]) != slugs[provincie]:
                raise ImportFileError(
                    reader.line_num, f"gemeente {gemeente} staat in twee provincies"
                )
    return result


def default_swv_name(code: str, gemeenten: Counter) -> str:
    """A readable default name: "Samenwerkingsverband PO 27-07 Amsterdam, Diemen"."""
    ranked = sorted(gemeenten, key=lambda name: (-gemeenten[name], name))
    names = ", ".join(ranked[:MAX_GEMEENTEN_IN_NAME])
    if len(ranked) > MAX_GEMEENTEN_IN_NAME:
        names += " e.o."
    return f"Samenwerkingsverband {parse_swv_code(code).leesbaar} {names}"


def _sync(instance, values: dict, kind: str, result: ImportResultaat) -> bool:
    """Set changed fields on an existing instance; return True when something changed."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    (result.gewijzigd if changed else result.ongewijzigd)[kind] += 1
    return bool(changed)


def _import_swvs(
    rows: list[RegioRegel], result: ImportResultaat
) -> dict[str, Samenwerkingsverband]:
    gemeenten: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        for code in (row.swv_po, row.swv_vo):
            if code:
                gemeenten[code][row.gemeente] += 1
    existing = {swv.code: swv for swv in Samenwerkingsverband.objects.all()}
    for code in sorted(gemeenten):
        if code in existing:
            result.ongewijzigd["samenwerkingsverbanden"] += 1
            continue
        # The name is only a default: staff may rename their SWV and a re-import keeps that.
        existing[code] = Samenwerkingsverband.objects.create(
            code=code, naam=default_swv_name(code, gemeenten[code])
        )
        result.aangemaakt["samenwerkingsverbanden"] += 1
    return existing


@transaction.atomic
def import_regio_indeling(path: Path) -> ImportResultaat:
    """Load the regio-indeling: every SWV and every PC4 with its PO and VO SWV."""
    rows = read_regio_indeling(Path(path))
    result = ImportResultaat()
    swvs = _import_swvs(rows, result)
    existing = {area.pc4: area for area in Postcodegebied.objects.all()}
    to_create, to_update = [], []
    for row in rows:
        values = {
            "gemeente_2015": row.gemeente,
            "gemeente_2015_sleutel": normalise_name(row.gemeente),
            "swv_po": swvs.get(row.swv_po),
            "swv_vo": swvs.get(row.swv_vo),
            "in_regio_indeling": True,
        }
        area = existing.get(row.pc4)
        if area is None or not area.gemeente_bron:
            # Until import_gemeenten has said otherwise, the current gemeente is the 2015 one.
            values["gemeente"] = row.gemeente
            values["gemeente_sleutel"] = normalise_name(row.gemeente)
        if area is None:
            to_create.append(Postcodegebied(pc4=row.pc4, **values))
            result.aangemaakt["postcodegebieden"] += 1
        elif _sync(area, values, "postcodegebieden", result):
            to_update.append(area)
    in_file = {row.pc4 for row in rows}
    for area in existing.values():
        if area.pc4 not in in_file and area.in_regio_indeling:
            area.in_regio_indeling, area.swv_po, area.swv_vo = False, None, None
            to_update.append(area)
            result.gewijzigd["postcodegebieden"] += 1
    Postcodegebied.objects.bulk_create(to_create, batch_size=500)
    Postcodegebied.objects.bulk_update(
        to_update,
        [
            "gemeente",
            "gemeente_sleutel",
            "gemeente_2015",
            "gemeente_2015_sleutel",
            "swv_po",
            "swv_vo",
            "in_regio_indeling",
        ],
        batch_size=500,
    )
    derive_missing_coordinates(result)
    _bump_if_changed(result)
    return result


def _gemeenten_per_swv(field_name: str) -> dict[str, Counter]:
    """Per SWV code: how many of its PC4 each gemeente (current or 2015) has."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for relation in ("swv_po__code", "swv_vo__code"):
        for code, naam in Postcodegebied.objects.filter(
            **{f"{relation}__isnull": False}
        ).values_list(relation, field_name):
            if naam:
                counts[code][naam] += 1
    return counts


def rename_generated_swvs(*, before: dict[str, Counter], result: ImportResultaat) -> int:
    """Give SWVs that still carry a generated name the one made of today's gemeenten."""
    after = _gemeenten_per_swv("gemeente")
    of_2015 = _gemeenten_per_swv("gemeente_2015")
    renamed = 0
    for swv in Samenwerkingsverband.objects.filter(code__in=list(after)):
        generated = {
            default_swv_name(swv.code, counts)
            for counts in (before.get(swv.code), of_2015.get(swv.code))
            if counts
        }
        wanted = default_swv_name(swv.code, after[swv.code])
        # A name staff chose themselves is never a generated one: it stays.
        if swv.naam in generated and swv.naam != wanted:
            swv.naam = wanted
            swv.save(update_fields=["naam"])
            result.gewijzigd["samenwerkingsverbanden"] += 1
            renamed += 1
    return renamed


@transaction.atomic
def import_gemeenten(path: Path, scholen_path: Path) -> ImportResultaat:
    """Load each PC4's current gemeente and its province; generated SWV names follow them."""
    rows = read_gemeenten(Path(path))
    try:
        provincies = read_provincies(Path(scholen_path))
    except ImportFileError as error:
        raise ImportFileError(error.regel, f"{Path(scholen_path).name}: {error.tekst}") from error
    for row in rows:
        if row.gemeente not in provincies:
            raise ImportFileError(
                row.regel, f"de provincie van gemeente {row.gemeente} is onbekend"
            )
    result = ImportResultaat()
    before = _gemeenten_per_swv("gemeente")
    existing = {area.pc4: area for area in Postcodegebied.objects.all()}
    fields = ["gemeente", "gemeente_sleutel", "gemeente_bron", "provincie"]
    to_create, to_update = [], []
    for row in rows:
        values = {
            "gemeente": row.gemeente,
            "gemeente_sleutel": normalise_name(row.gemeente),
            "gemeente_bron": row.bron,
            "provincie": provincies[row.gemeente],
        }
        area = existing.get(row.pc4)
        if area is None:
            # A PC4 issued after 2015 that has a school: no SWV of its own (search.py places it).
            to_create.append(Postcodegebied(pc4=row.pc4, in_regio_indeling=False, **values))
            result.aangemaakt["postcodegebieden"] += 1
        elif _sync(area, values, "postcodegebieden", result):
            to_update.append(area)
    Postcodegebied.objects.bulk_create(to_create, batch_size=500)
    Postcodegebied.objects.bulk_update(to_update, fields, batch_size=500)
    rename_generated_swvs(before=before, result=result)
    derive_missing_coordinates(result)
    _bump_if_changed(result)
    return result


def _bump_if_changed(result: ImportResultaat) -> None:
    """Move the cached public pages on once the import is committed (cache.py)."""
    if result.changed_anything:
        transaction.on_commit(bump_version)


def _clusters(rows: list[GeonamesRegel]) -> list[list[GeonamesRegel]]:
    """Rows linked by chains of rows at most CLUSTER_KM apart (single linkage)."""
    clusters: list[list[GeonamesRegel]] = []
    for row in rows:
        near = [
            c
            for c in clusters
            if any(flat_distance_km((row.lat, row.lon), (o.lat, o.lon)) <= CLUSTER_KM for o in c)
        ]
        merged = [row] + [r for c in near for r in c]
        clusters = [c for c in clusters if c not in near] + [merged]
    return clusters


def _mean(rows: list[GeonamesRegel]) -> tuple[float, float]:
    return (
        round(sum(row.lat for row in rows) / len(rows), 4),
        round(sum(row.lon for row in rows) / len(rows), 4),
    )


@dataclass(frozen=True)
class Ligging:
    """Where GeoNames puts one PC4: its place names and centroid, and how that was decided."""

    plaatsen: list[str]
    lat: float
    lon: float
    bron: str = CoordinaatBron.GEONAMES
    toelichting: str = ""


def _group_geonames(rows: list[GeonamesRegel], gemeenten: dict[str, str]) -> dict[str, Ligging]:
    """One Ligging per PC4; rows that lie far from the PC4's gemeente are left out."""
    grouped: dict[str, list[GeonamesRegel]] = defaultdict(list)
    for row in rows:
        grouped[row.pc4].append(row)
    clustered = {pc4: _clusters(group) for pc4, group in grouped.items()}
    # Where the other PC4 of each gemeente lie (only PC4 whose rows agree with each other).
    points: dict[str, list[tuple[str, tuple[float, float]]]] = defaultdict(list)
    for pc4, clusters in clustered.items():
        if len(clusters) == 1 and gemeenten.get(pc4):
            points[gemeenten[pc4]].append((pc4, _mean(clusters[0])))
    result = {}
    for pc4, clusters in sorted(clustered.items()):
        chosen, toelichting = clusters[0], ""
        if len(clusters) > 1:
            others = [p for other, p in points.get(gemeenten.get(pc4, ""), []) if other != pc4]
            reference = median_point(others) or median_point(
                [p for _o, p in _numeric_neighbours(pc4, clustered)]
            )
            chosen = min(clusters, key=lambda c: flat_distance_km(_mean(c), reference))
            dropped = sorted({r.plaats for c in clusters if c is not chosen for r in c})
            toelichting = (
                "GeoNames-punt(en) van "
                + ", ".join(dict.fromkeys(r.plaats for r in chosen))
                + " gebruikt; "
                + ", ".join(dropped)
                + f" ligt meer dan {CLUSTER_KM:.0f} km verder, buiten de gemeente"
            )[:200]
        lat, lon = _mean(chosen)
        places = list(dict.fromkeys(clean_place_name(row.plaats) for row in chosen))
        bron = CoordinaatBron.AFGELEID if toelichting else CoordinaatBron.GEONAMES
        result[pc4] = Ligging(places, lat, lon, bron, toelichting)
    return result


def _numeric_neighbours(pc4: str, clustered: dict) -> list[tuple[str, tuple[float, float]]]:
    """The four nearest-numbered PC4 whose GeoNames rows agree (a fallback reference point)."""
    single = [(other, _mean(c[0])) for other, c in clustered.items() if len(c) == 1]
    return sorted(single, key=lambda item: (abs(int(item[0]) - int(pc4)), item[0]))[:4]


def _sync_places(area: Postcodegebied, places: list[str], current: set[str], result) -> None:
    wanted = set(places)
    gone = current - wanted
    if gone:
        Plaatsnaam.objects.filter(postcodegebied=area, naam__in=gone).delete()
        result.verwijderd["plaatsnamen"] += len(gone)
    new = [
        Plaatsnaam(naam=name, sleutel=normalise_name(name), postcodegebied=area)
        for name in places
        if name not in current
    ]
    Plaatsnaam.objects.bulk_create(new)
    result.aangemaakt["plaatsnamen"] += len(new)
    result.ongewijzigd["plaatsnamen"] += len(wanted & current)


@transaction.atomic
def import_geonames(path: Path) -> ImportResultaat:
    """Load GeoNames: coordinates and place names per PC4; unknown PC4s are kept without a SWV."""
    rows = read_geonames(Path(path))
    result = ImportResultaat()
    existing = {area.pc4: area for area in Postcodegebied.objects.all()}
    # The law's 2015 gemeente where known, so that the result does not depend on import order.
    gemeenten = {
        pc4: area.gemeente_2015 or area.gemeente
        for pc4, area in existing.items()
        if area.gemeente_2015 or area.gemeente
    }
    current_places: dict[str, set[str]] = defaultdict(set)
    for naam, pc4 in Plaatsnaam.objects.values_list("naam", "postcodegebied__pc4"):
        current_places[pc4].add(naam)
    to_update = []
    for pc4, ligging in _group_geonames(rows, gemeenten).items():
        values = {
            "lat": ligging.lat,
            "lon": ligging.lon,
            "coordinaten_bron": ligging.bron,
            "coordinaten_toelichting": ligging.toelichting,
        }
        area = existing.get(pc4)
        if area is None:
            area = Postcodegebied.objects.create(pc4=pc4, in_regio_indeling=False, **values)
            existing[pc4] = area
            result.aangemaakt["postcodegebieden"] += 1
        elif _sync(area, values, "postcodegebieden", result):
            to_update.append(area)
        _sync_places(area, ligging.plaatsen, current_places[pc4], result)
    Postcodegebied.objects.bulk_update(
        to_update, ["lat", "lon", "coordinaten_bron", "coordinaten_toelichting"], batch_size=500
    )
    derive_missing_coordinates(result)
    _bump_if_changed(result)
    return result


def _neighbours(area: Postcodegebied, known: list[Postcodegebied]) -> list[Postcodegebied]:
    """The two known PC4s closest in number, preferring the same gemeente."""
    same = [other for other in known if other.gemeente and other.gemeente == area.gemeente]
    pool = same or known
    return sorted(pool, key=lambda other: (abs(int(other.pc4) - int(area.pc4)), other.pc4))[:2]


def _derived_from_neighbours(area: Postcodegebied) -> bool:
    return area.coordinaten_bron == CoordinaatBron.AFGELEID and (
        area.coordinaten_toelichting.startswith(NEIGHBOURS_NOTE)
    )


def derive_missing_coordinates(result: ImportResultaat | None = None) -> int:
    """Place PC4s that GeoNames lacks at the mean of their nearest-numbered neighbours."""
    result = result or ImportResultaat()
    areas = list(Postcodegebied.objects.all())
    # PC4s placed from their own GeoNames rows (also a chosen group of them) keep that place.
    missing = [a for a in areas if not a.coordinaten_bron or _derived_from_neighbours(a)]
    known = [a for a in areas if a.coordinaten_bron and not _derived_from_neighbours(a)]
    if not known:
        return 0
    to_update = []
    for area in missing:
        near = _neighbours(area, known)
        values = {
            "lat": round(sum(n.lat for n in near) / len(near), 4),
            "lon": round(sum(n.lon for n in near) / len(near), 4),
            "coordinaten_bron": CoordinaatBron.AFGELEID,
            "coordinaten_toelichting": NEIGHBOURS_NOTE
            + " en ".join(n.pc4 for n in near)
            + (f" ({area.gemeente})" if area.gemeente else ""),
        }
        if _sync(area, values, "afgeleide coördinaten", result):
            to_update.append(area)
    Postcodegebied.objects.bulk_update(
        to_update, ["lat", "lon", "coordinaten_bron", "coordinaten_toelichting"]
    )
    return len(to_update)


# --- Schools (DUO) ----------------------------------------------------------------------------

SCHOLEN_COLUMNS = [
    "brin",
    "vestigingscode",
    "naam",
    "soort",
    "denominatie",
    "straat",
    "huisnummer",
    "toevoeging",
    "postcode",
    "plaats",
    "gemeente",
    "provincie",
    "website",
]
SCHOOL_FIELDS = [
    "brin",
    "naam",
    "soort",
    "denominatie",
    "straat",
    "huisnummer",
    "toevoeging",
    "postcode",
    "plaats",
    "gemeente",
    "website",
    "postcodegebied",
]
MAX_LENGTHS = {"naam": 200, "denominatie": 60, "straat": 100, "huisnummer": 10, "toevoeging": 10}
MAX_FOUTEN_IN_MELDING = 10


def _school_problem(row: dict) -> str | None:
    """What is wrong with one school row, or None."""
    code = row["vestigingscode"]
    if not VESTIGINGSCODE_RE.match(code) or not code.startswith(row["brin"]):
        return f"'{code}' is geen vestigingscode (BRIN + 2 cijfers) van BRIN '{row['brin']}'"
    if not row["naam"] or not row["plaats"]:
        return "de naam of de plaats ontbreekt"
    if not soort_sectoren(row["soort"]):
        return f"onbekende soort onderwijs '{row['soort']}'"
    try:
        parse_postcode(row["postcode"])
    except PostcodeError:
        return f"'{row['postcode']}' is geen postcode als 1234 AB"
    if len(row["postcode"].replace(" ", "")) != 6:
        return f"'{row['postcode']}' is geen volledige postcode (1234 AB)"
    too_long = [name for name, limit in MAX_LENGTHS.items() if len(row[name]) > limit]
    if too_long:
        return f"te lang: {', '.join(too_long)}"
    return None


def read_scholen(path: Path, result: ImportResultaat) -> dict[str, dict]:
    """Parse and check DUO's school file; every bad row is named, then ImportFileError is raised."""
    scholen, fouten = {}, []
    for regel, row in csv_rows(path, SCHOLEN_COLUMNS):
        row["brin"], row["vestigingscode"] = row["brin"].upper(), row["vestigingscode"].upper()
        problem = _school_problem(row)
        if problem is None and row["vestigingscode"] in scholen:
            problem = f"vestigingscode {row['vestigingscode']} staat er twee keer in"
        if problem:
            fouten.append((regel, problem))
            continue
        row["postcode"] = parse_postcode(row["postcode"]).compact
        website = clean_website(row["website"])
        if row["website"] and website.removeprefix("https://") != row["website"].removeprefix(
            "https://"
        ):
            what = f"gelezen als {website}" if website else "weggelaten (geen geldig adres)"
            result.opmerkingen.append(f"regel {regel}: website '{row['website']}' {what}")
        row["website"] = website
        scholen[row["vestigingscode"]] = row
    if fouten:
        shown = "; ".join(f"regel {n}: {tekst}" for n, tekst in fouten[:MAX_FOUTEN_IN_MELDING])
        more = len(fouten) - MAX_FOUTEN_IN_MELDING
        extra = f" (en nog {more} foute regels)" if more > 0 else ""
        raise ImportFileError(fouten[0][0], f"{len(fouten)} foute regel(s): {shown}{extra}")
    if not scholen:
        raise ImportFileError(2, "het bestand bevat geen scholen")
    return scholen


# A new DUO file closes a few per cent of the schools at most; a file that would remove more is
# more likely cut short or the wrong one. It is refused unless the caller forces it.
MAX_AANDEEL_WEG = 0.10
# ... but a handful of schools may always go (a small test or development data set).
MIN_AANTAL_WEG = 20


class TeVeelWeg(ImportFileError):
    """The file would remove more schools than an update of DUO's file ever does."""

    def __init__(self, weg: int, bestaand: int):
        aandeel = f"{MAX_AANDEEL_WEG:.0%}".replace("%", " %")
        tekst = (
            f"dit bestand zou {weg:,} van de {bestaand:,} scholen verwijderen".replace(",", ".")
            + f", meer dan {aandeel}; is het volledig? Gebruik --force als dit klopt"
        )
        Exception.__init__(self, tekst)  # about the whole file, not one line
        self.regel, self.tekst = 0, tekst
        self.weg, self.bestaand = weg, bestaand


def check_removal(weg: int, bestaand: int) -> None:
    """Raise TeVeelWeg when removing `weg` of `bestaand` schools is more than an update does."""
    if weg > MIN_AANTAL_WEG and weg > MAX_AANDEEL_WEG * bestaand:
        raise TeVeelWeg(weg, bestaand)


@transaction.atomic
def import_scholen(path: Path, *, force: bool = False) -> ImportResultaat:
    """Load DUO's school locations: one School per vestigingscode, linked to its PC4 area.

    Refuses (TeVeelWeg, nothing changed) a file that would remove more than MAX_AANDEEL_WEG of
    the schools, unless `force`.
    """
    result = ImportResultaat()
    rows = read_scholen(Path(path), result)
    existing = {s.vestigingscode: s for s in School.objects.select_related("postcodegebied")}
    if not force:
        check_removal(len(set(existing) - set(rows)), len(existing))
    areas = {area.pc4: area for area in Postcodegebied.objects.all()}
    to_create, to_update = [], []
    for code, row in sorted(rows.items()):
        values = {name: row[name] for name in SCHOOL_FIELDS if name != "postcodegebied"}
        values["postcodegebied"] = areas.get(row["postcode"][:4])
        school = existing.get(code)
        if school is None:
            to_create.append(School(vestigingscode=code, **values))
            result.aangemaakt["scholen"] += 1
        elif _sync(school, values, "scholen", result):
            to_update.append(school)
    gone = set(existing) - set(rows)
    School.objects.filter(vestigingscode__in=gone).delete()
    result.verwijderd["scholen"] += len(gone)
    School.objects.bulk_create(to_create, batch_size=500)
    School.objects.bulk_update(to_update, SCHOOL_FIELDS, batch_size=500)
    zonder = sorted({row["postcode"][:4] for row in rows.values()} - set(areas))
    if zonder:
        result.opmerkingen.append(
            "postcodes zonder postcodegebied (benaderd bij het zoeken): " + ", ".join(zonder)
        )
    _bump_if_changed(result)
    return result


# --- Alternative names (data/alternatieve-namen.csv) ------------------------------------------

ALTERNATIEVE_NAMEN_COLUMNS = [
    "naam",
    "soort",
    "staat_voor",
    "gemeente",
    "jaar",
    "postcodes",
    "bron_url",
]
# One PC4 or a range of them, as a page writes it: "2547", "2544-2545", "2544–2545".
POSTCODE_REEKS_RE = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


def _district_postcodes(regel: int, text: str, pc4s: set[str]) -> str:
    """A district's PC4s ("2544–2545, 2547") as stored ("2544-2545 2547"); each range must hold
    a PC4 of the row's gemeente (`pc4s`)."""
    parts = []
    for part in re.split(r"[,\s]+", re.sub(r"\s*[-–]\s*", "-", text.strip())):
        found = POSTCODE_REEKS_RE.match(part)
        if not found:
            raise ImportFileError(
                regel, f"postcodes: '{part}' is geen postcode of reeks (2544-2545)"
            )
        van, tot = found.group(1), found.group(2) or found.group(1)
        for pc4 in (van, tot):
            _check_pc4(regel, pc4)
        if van > tot:
            raise ImportFileError(regel, f"postcodes: in '{part}' staat de kleinste niet eerst")
        if not any(van <= pc4 <= tot for pc4 in pc4s):
            raise ImportFileError(regel, f"postcodes: '{part}' ligt niet in de gemeente")
        parts.append(van if van == tot else f"{van}-{tot}")
    return " ".join(parts)


def _alternative_name_values(
    regel: int, row: dict, known: dict[str, set[str]], pc4s: dict[str, set[str]]
) -> dict:
    """The model values of one row, or ImportFileError naming what is wrong with it."""
    if not row["naam"] or not row["staat_voor"]:
        raise ImportFileError(regel, "naam en staat_voor mogen niet leeg zijn")
    if row["soort"] not in AlternatieveNaamSoort.values:
        soorten = ", ".join(AlternatieveNaamSoort.values)
        raise ImportFileError(regel, f"soort {row['soort']!r} bestaat niet (kies uit {soorten})")
    if row["gemeente"] not in known:
        raise ImportFileError(regel, f"gemeente {row['gemeente']!r} bestaat niet (gemeente van nu)")
    doel = normalise_name(row["staat_voor"])
    if doel not in known[row["gemeente"]]:
        raise ImportFileError(
            regel, f"{row['staat_voor']!r} is geen plaats of gemeente in {row['gemeente']}"
        )
    if not row["bron_url"].startswith("https://"):
        raise ImportFileError(regel, "bron_url moet een https://-adres zijn")
    if row["jaar"] and not (row["jaar"].isdigit() and 1800 <= int(row["jaar"]) <= 2100):
        raise ImportFileError(regel, f"jaar {row['jaar']!r} is geen jaartal")
    # A district has its PC4s where a page states them; one known only as part of its gemeente
    # ("Vathorst is een wijk van Amersfoort") has none and answers as that gemeente's place.
    if row["postcodes"] and row["soort"] != AlternatieveNaamSoort.WIJK:
        raise ImportFileError(regel, "alleen een wijk heeft postcodes")
    postcodes = row["postcodes"] and _district_postcodes(
        regel, row["postcodes"], pc4s.get(row["gemeente"], set())
    )
    return {
        "sleutel": normalise_name(row["naam"]),
        "soort": row["soort"],
        "staat_voor": row["staat_voor"],
        "staat_voor_sleutel": doel,
        "jaar": int(row["jaar"]) if row["jaar"] else None,
        "postcodes": postcodes,
        "bron_url": row["bron_url"],
    }


def _names_per_gemeente() -> dict[str, set[str]]:
    """Per gemeente of today: the normalised names of its places and of itself."""
    known: dict[str, set[str]] = defaultdict(set)
    for gemeente, sleutel in Postcodegebied.objects.exclude(gemeente="").values_list(
        "gemeente", "gemeente_sleutel"
    ):
        known[gemeente].add(sleutel)
    rows = Plaatsnaam.objects.exclude(postcodegebied__gemeente="").values_list(
        "postcodegebied__gemeente", "sleutel"
    )
    for gemeente, sleutel in rows:
        known[gemeente].add(sleutel)
    return known


@transaction.atomic
def import_alternatieve_namen(path: Path) -> ImportResultaat:
    """Load the alternative names: every row checked first; rows no longer in the file go."""
    known = _names_per_gemeente()
    pc4s: dict[str, set[str]] = defaultdict(set)
    for pc4, gemeente in Postcodegebied.objects.values_list("pc4", "gemeente"):
        pc4s[gemeente].add(pc4)
    wanted: dict[tuple[str, str], dict] = {}
    for regel, row in csv_rows(Path(path), ALTERNATIEVE_NAMEN_COLUMNS):
        key = (row["naam"], row["gemeente"])
        if key in wanted:
            raise ImportFileError(regel, f"{row['naam']} in {row['gemeente']} staat er al")
        wanted[key] = _alternative_name_values(regel, row, known, pc4s)
        # One name in several gemeenten is a gemeente split over them: every row says `fusie`.
        same = [v for (naam, _g), v in wanted.items() if naam == row["naam"]]
        if len(same) > 1 and any(v["soort"] != AlternatieveNaamSoort.FUSIE for v in same):
            raise ImportFileError(
                regel,
                f"{row['naam']} staat er al voor een andere gemeente (dat kan alleen bij fusie)",
            )
    result = ImportResultaat()
    existing = {(a.naam, a.gemeente): a for a in AlternatieveNaam.objects.all()}
    for (naam, gemeente), values in wanted.items():
        current = existing.pop((naam, gemeente), None)
        if current is None:
            AlternatieveNaam.objects.create(naam=naam, gemeente=gemeente, **values)
            result.aangemaakt["andere namen"] += 1
        elif _sync(current, values, "andere namen", result):
            current.save()
    for gone in existing.values():
        gone.delete()
        result.verwijderd["andere namen"] += 1
    _bump_if_changed(result)
    return result
