"""The national picture for /overzicht/: the coverage map as server-drawn SVG, and the trend.

The map is a raster of small square cells over the Netherlands. Each cell takes the SWV of the
nearest PC4 centroid (within a few kilometres, so the sea stays empty); the cells of one SWV
become one SVG path, filled by its status with a pattern (solid, striped, dotted), so colour is
never the only cue. The raster depends only on the postcode data, the drawing only on the
statuses: both are cached, so a page view costs one coverage query.
"""

import math
from collections import defaultdict
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from steunpunten.cache import get_or_compute
from steunpunten.coverage import Dekking, Overzicht, Telling
from steunpunten.models import Peiling, Postcodegebied, Samenwerkingsverband
from steunpunten.regio import Sector

CELL_KM = 3.5  # the side of one map cell
REACH_KM = 5.5  # a cell further than this from every PC4 centroid is sea or abroad
KM_PER_DEGREE_LAT = 111.2
MID_LAT = 52.2  # the map is an equirectangular projection true at this latitude

# Fill and pattern per status: (pattern id, SVG defs). Colours reach 3:1 against white.
PATTERNS = {
    Dekking.ACTIEF: "kaart-actief",
    Dekking.IN_OPRICHTING: "kaart-oprichting",
    Dekking.GEEN: "kaart-geen",
}
PATTERN_DEFS = (
    '<pattern id="kaart-actief" width="2" height="2" patternUnits="userSpaceOnUse">'
    '<rect width="2" height="2" fill="#1d6b4f"/></pattern>'
    '<pattern id="kaart-oprichting" width="1.4" height="1.4" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="1.4" height="1.4" fill="#f0b429"/>'
    '<rect width=".6" height="1.4" fill="#7a4b00"/></pattern>'
    '<pattern id="kaart-geen" width="1.5" height="1.5" patternUnits="userSpaceOnUse">'
    '<rect width="1.5" height="1.5" fill="#e4e4e4"/>'
    '<circle cx=".75" cy=".75" r=".38" fill="#a4161a"/></pattern>'
)


@dataclass(frozen=True)
class Raster:
    """The map grid: its size in cells and, per SWV code, the cells (column, row) it covers."""

    breedte: int
    hoogte: int
    cellen: dict[str, list[tuple[int, int]]]


def _project(lat: float, lon: float, bounds: tuple[float, float, float]) -> tuple[float, float]:
    """(lat, lon) -> kilometres east and south of the map's north-west corner."""
    max_lat, min_lon, km_per_degree_lon = bounds
    return (lon - min_lon) * km_per_degree_lon, (max_lat - lat) * KM_PER_DEGREE_LAT


def build_raster(points: list[tuple[float, float, str | None]]) -> Raster:
    """Assign each cell the SWV of the nearest (lat, lon, swv code) point within REACH_KM."""
    km_per_degree_lon = KM_PER_DEGREE_LAT * math.cos(math.radians(MID_LAT))
    bounds = (max(p[0] for p in points), min(p[1] for p in points), km_per_degree_lon)
    projected = [(*_project(lat, lon, bounds), code) for lat, lon, code in points]
    width = math.ceil(max(x for x, _y, _c in projected) / CELL_KM) + 2
    height = math.ceil(max(y for _x, y, _c in projected) / CELL_KM) + 2
    buckets = defaultdict(list)
    for x, y, code in projected:
        buckets[int(x // REACH_KM), int(y // REACH_KM)].append((x, y, code))
    cellen = defaultdict(list)
    for row in range(height):
        for column in range(width):
            code = _nearest(buckets, (column + 0.5) * CELL_KM, (row + 0.5) * CELL_KM)
            if code:
                cellen[code].append((column, row))
    return Raster(width, height, dict(cellen))


def _nearest(buckets, x: float, y: float) -> str | None:
    best, best_distance = None, REACH_KM**2
    bx, by = int(x // REACH_KM), int(y // REACH_KM)
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for px, py, code in buckets.get((bx + dx, by + dy), ()):
                distance = (px - x) ** 2 + (py - y) ** 2
                if distance <= best_distance:
                    best, best_distance = code, distance
    return best


def raster_for(sector: str, request=None) -> Raster:
    """The raster of one sector from the PC4 centroids, cached per data version."""
    field = "swv_po__code" if sector == Sector.PO else "swv_vo__code"
    areas = Postcodegebied.objects.filter(lat__isnull=False, lon__isnull=False)
    return get_or_compute(
        "overzicht-raster",
        sector,
        lambda: build_raster(list(areas.values_list("lat", "lon", field))),
        request=request,
    )


def path_of(cells: list[tuple[int, int]]) -> str:
    """SVG path data for a set of cells: row runs, stacked into rectangles where they line up."""
    runs = defaultdict(list)
    for column, row in sorted(cells, key=lambda cell: (cell[1], cell[0])):
        row_runs = runs[row]
        if row_runs and row_runs[-1][1] == column:
            row_runs[-1][1] = column + 1
        else:
            row_runs.append([column, column + 1])
    rectangles, open_spans = [], {}
    for row in sorted(runs):
        current = {}
        for start, end in runs[row]:
            rect = open_spans.get((start, end))
            if rect is not None and rect[1] + rect[3] == row:
                rect[3] += 1
            else:
                rect = [start, row, end - start, 1]
                rectangles.append(rect)
            current[start, end] = rect
        open_spans = current
    return "".join(f"M{x} {y}h{w}v{h}h-{w}z" for x, y, w, h in rectangles)


def _runs(values: list[int]) -> list[tuple[int, int]]:
    runs = []
    for value in sorted(values):
        if runs and runs[-1][1] == value:
            runs[-1][1] = value + 1
        else:
            runs.append([value, value + 1])
    return [(start, end) for start, end in runs]


def borders_of(raster: Raster) -> str:
    """SVG path data for the lines where two SWVs meet (not the coast), so neighbours show."""
    owner = {cell: code for code, cells in raster.cellen.items() for cell in cells}
    across, down = defaultdict(list), defaultdict(list)
    for (column, row), code in owner.items():
        below, right = owner.get((column, row + 1)), owner.get((column + 1, row))
        if below and below != code:
            across[row + 1].append(column)
        if right and right != code:
            down[column + 1].append(row)
    lines = [f"M{a} {row}h{b - a}" for row, cols in across.items() for a, b in _runs(cols)]
    lines += [f"M{column} {a}v{b - a}" for column, rows in down.items() for a, b in _runs(rows)]
    return "".join(lines)


@dataclass(frozen=True)
class SwvDekking:
    """One SWV on the map and in the table beside it."""

    code: str
    leesbare_code: str
    naam: str
    provincie_naam: str
    status: str

    @property
    def status_label(self) -> str:
        return str(Dekking(self.status).label)


def swvs_of_sector(sector: str) -> list[SwvDekking]:
    """The SWVs of one sector with their live status, for the map and its table."""
    swvs = (
        Samenwerkingsverband.objects.with_coverage()
        .filter(sector=sector)
        .order_by("provincie", "code")
    )
    return [
        SwvDekking(s.code, s.leesbare_code, s.naam, s.provincie_naam, s.dekking)
        for s in swvs.only("code", "naam", "provincie", "sector")
    ]


def map_description(sector: str, telling: Telling) -> str:
    """The text of the map's <desc>: the same numbers as the legend and the table."""
    sector_naam = Sector(sector).label
    return _(
        "Kaart van Nederland met de gebieden van de %(totaal)s samenwerkingsverbanden "
        "%(sector)s. %(actief)s hebben een actief steunpunt (effen groen), %(oprichting)s "
        "hebben een steunpunt in oprichting (oranje gestreept) en %(geen)s hebben nog geen "
        "steunpunt (grijs met rode stippen). De tabel onder de kaart geeft dezelfde gegevens."
    ) % {
        "totaal": telling.totaal,
        "sector": sector_naam,
        "actief": telling.met_steunpunt,
        "oprichting": telling.in_oprichting,
        "geen": telling.zonder_steunpunt,
    }


def render_map(sector: str, swvs: list[SwvDekking], telling: Telling, request=None) -> str:
    """The coverage map of one sector as an inline SVG, cached per data version and language."""
    # Every change of a status moves the data version (cache.py), and with it this key.
    return get_or_compute(
        "overzicht-kaart",
        f"{sector}:{get_language()}",
        lambda: _draw(sector, swvs, telling, raster_for(sector, request)),
        request=request,
    )


def _draw(sector: str, swvs: list[SwvDekking], telling: Telling, raster: Raster) -> str:
    title = _("Kaart: dekking van de ouder- en jeugdsteunpunten, %(sector)s") % {
        "sector": Sector(sector).label
    }
    parts = [
        f'<svg class="kaart" xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges" '
        f'viewBox="0 0 {raster.breedte} {raster.hoogte}" role="img" '
        f'aria-labelledby="kaart-titel kaart-omschrijving">',
        f'<title id="kaart-titel">{escape(title)}</title>',
        f'<desc id="kaart-omschrijving">{escape(map_description(sector, telling))}</desc>',
        f"<defs>{PATTERN_DEFS}</defs>",
    ]
    for swv in swvs:
        cells = raster.cellen.get(swv.code)
        if cells:
            label = f"{swv.leesbare_code} {swv.naam}: {swv.status_label}"
            parts.append(
                f'<path class="kaart-{swv.status}" fill="url(#{PATTERNS[swv.status]})" '
                f'd="{path_of(cells)}"><title>{escape(label)}</title></path>'
            )
    parts.append(
        f'<path class="kaart-grenzen" d="{borders_of(raster)}" fill="none" stroke="#fff" '
        'stroke-width=".3" aria-hidden="true"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class TrendPunt:
    """One moment in the trend: a peiling or now; po and vo are None when the peiling did not
    give them (November 2023 gave only the total)."""

    label: str
    datum: object
    is_nu: bool
    alle: Telling
    po: Telling | None
    vo: Telling | None


def trend(nu: Overzicht) -> list[TrendPunt]:
    """The recorded peilingen in date order, then the live figures as "nu"."""
    points = [
        TrendPunt(
            p.datum.strftime("%m-%Y"),
            p.datum,
            False,
            Telling(p.aantal_swv, p.aantal_met_steunpunt),
            Telling(p.po_totaal, p.po_met_steunpunt) if p.per_sector else None,
            Telling(p.vo_totaal, p.vo_met_steunpunt) if p.per_sector else None,
        )
        for p in Peiling.objects.not_withdrawn().order_by("datum")
    ]
    points.append(TrendPunt(_("nu"), None, True, nu.alle, nu.po, nu.vo))
    return points


@dataclass(frozen=True)
class LegendaRegel:
    """One status in the legend: its pattern, its words and how many SWVs have it."""

    status: str
    patroon: str
    label: str
    aantal: int


def legend(telling: Telling) -> list[LegendaRegel]:
    """The legend of the map, with the same counts as its description and table."""
    counts = {
        Dekking.ACTIEF: telling.met_steunpunt,
        Dekking.IN_OPRICHTING: telling.in_oprichting,
        Dekking.GEEN: telling.zonder_steunpunt,
    }
    return [
        LegendaRegel(status, PATTERNS[status], str(status.label), counts[status])
        for status in Dekking
    ]


def overview_page(sector: str, nu: Overzicht, request=None) -> dict:
    """What /overzicht/ shows for one map sector: map, legend, table, trend."""
    swvs = swvs_of_sector(sector)
    telling = nu.sector(sector)
    return {
        "sector": sector,
        "sector_naam": Sector(sector).label,
        "kaart": render_map(sector, swvs, telling, request),
        "legenda": legend(telling),
        "kaart_swvs": swvs,
        "kaart_telling": telling,
        "trend": trend(nu),
        "sector_keuzes": [(code, f"{label} ({code})") for code, label in Sector.choices],
        "sector_rijen": [
            (f"{Sector.PO.label} (PO)", nu.po),
            (f"{Sector.VO.label} (VO)", nu.vo),
            (_("Samen"), nu.alle),
        ],
    }
