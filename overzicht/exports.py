"""The coverage list for OCW: one dataset built here, written as CSV, XLSX or JSON at the edge.

The list has one row per SWV and the totals (all, PO, VO, per province), live or as a recorded
peiling saw it; per steunpunt where its data comes from (`herkomst`: bevestigd, openbare_bron,
voorbeeld, with the public page in `bron_urls`), and a column says which rows still hold demo
data ("voorbeeldgegevens"). Apart from any peiling, the live list also says what Vindplek lists
for each SWV now (`vermelding`: bevestigd, uit een openbare bron, nog niets; the core's rule,
SamenwerkingsverbandQuerySet.with_vermelding) with its counts (the sheet "Vindplek nu", the JSON's
`vindplek_nu`); a peiling's export leaves these empty. CSV puts
the totals below the rows, the XLSX on a sheet of their own. Text cells that a spreadsheet could
run as a formula are neutralised.
"""

import csv
import datetime
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from steunpunten.coverage import (
    Dekking,
    Overzicht,
    Telling,
    VermeldOverzicht,
    VermeldTelling,
    count_listings,
    count_statuses,
)
from steunpunten.models import (
    Herkomst,
    Peiling,
    Postcodegebied,
    Samenwerkingsverband,
    Vermelding,
    kwartaal_label,
)
from steunpunten.monitor import Monitor, places
from steunpunten.regio import provincie_name
from steunpunten.steunpuntenblad import BLAD as STEUNPUNTEN_BLAD
from steunpunten.steunpuntenblad import KOLOMMEN as STEUNPUNTEN_KOLOMMEN
from steunpunten.steunpuntenblad import steunpunt_rows

KOLOMMEN = [
    "code",
    "sector",
    "naam",
    "provincie",
    "gemeenten",
    "status",
    "steunpunten",
    "steunpunt_urls",
    "website",
    "gecontroleerd_op",
    "herkomst",
    "bron_urls",
    "voorbeeldgegevens",
    "vermelding",
    "met_steunpunt",
    "aantal_swv",
]

# Excel (and LibreOffice) read a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
JOIN = " | "


@dataclass(frozen=True)
class SteunpuntRegel:
    naam: str
    url: str
    gecontroleerd_op: str | None
    herkomst: str = ""  # Herkomst; "" for a peiling recorded before herkomst existed
    bron_url: str = ""

    @property
    def voorbeeld(self) -> bool:
        return self.herkomst == Herkomst.VOORBEELD


@dataclass(frozen=True)
class SwvRegel:
    """One SWV in the coverage list."""

    code: str
    sector: str
    naam: str
    provincie: str
    gemeenten: list[str]
    status: str
    steunpunten: list[SteunpuntRegel]
    website: str
    # What Vindplek lists for the SWV now (Vermelding); "" in a peiling, which did not record it.
    vermelding: str = ""

    @property
    def voorbeeldgegevens(self) -> bool:
        """True when a steunpunt on this row still holds the shipped demo data."""
        return any(s.voorbeeld for s in self.steunpunten)

    @property
    def oudste_controle(self) -> datetime.date | None:
        """The least recent check of this row's steunpunten (the one to worry about)."""
        dates = [s.gecontroleerd_op for s in self.steunpunten if s.gecontroleerd_op]
        return datetime.date.fromisoformat(min(dates)) if dates else None


@dataclass(frozen=True)
class Dekkingslijst:
    """The coverage list: rows per SWV, the counts, and which moment it shows."""

    peildatum: datetime.date
    peiling: Peiling | None
    regels: list[SwvRegel]
    overzicht: Overzicht = field(repr=False)
    # The live list also carries every steunpunt (steunpuntenblad.py): the XLSX's sheet
    # "Steunpunten", which `import_steunpunten` reads back.
    steunpunten: list[list] = field(default_factory=list, repr=False)
    # What Vindplek lists now, counted with the core's rule; None for a peiling.
    vermeld: VermeldOverzicht | None = field(default=None, repr=False)

    @property
    def alleen_totaal(self) -> bool:
        """A peiling that gave only its total: no rows, no split, no statuses are made up."""
        return self.peiling is not None and not self.regels

    @property
    def totaal(self) -> Telling:
        """All SWVs and those with a steunpunt (the peiling's own total for such a peiling)."""
        if self.alleen_totaal:
            return Telling(self.peiling.aantal_swv, self.peiling.aantal_met_steunpunt)
        return self.overzicht.alle

    @property
    def bestandsnaam(self) -> str:
        kind = "peiling" if self.peiling else "stand"
        return f"dekking-{kind}-{self.peildatum.isoformat()}"


def build_dekkingslijst(*, basis_url: str, peiling: Peiling | None = None) -> Dekkingslijst:
    """The coverage list, live or for a recorded peiling; steunpunt URLs start with basis_url."""
    basis_url = basis_url.rstrip("/")
    gemeenten = _gemeenten_per_swv()
    websites = dict(Samenwerkingsverband.objects.values_list("code", "website"))
    if peiling is None:
        regels = _live_rows(basis_url, gemeenten)
        peildatum = timezone.localdate()
    else:
        regels = _peiling_rows(peiling, basis_url, gemeenten, websites)
        peildatum = peiling.datum
    overzicht = count_statuses((r.sector, r.provincie, r.status) for r in regels)
    steunpunten = steunpunt_rows(basis_url) if peiling is None else []
    vermeld = None
    if peiling is None:
        vermeld = count_listings((r.sector, r.provincie, r.vermelding) for r in regels)
    return Dekkingslijst(peildatum, peiling, regels, overzicht, steunpunten, vermeld)


def _gemeenten_per_swv() -> dict[str, list[str]]:
    found = defaultdict(set)
    for relation in ("swv_po__code", "swv_vo__code"):
        pairs = Postcodegebied.objects.filter(**{f"{relation}__isnull": False})
        for code, gemeente in pairs.values_list(relation, "gemeente").distinct():
            if gemeente:
                found[code].add(gemeente)
    return {code: sorted(names) for code, names in found.items()}


def _live_rows(basis_url: str, gemeenten: dict[str, list[str]]) -> list[SwvRegel]:
    swvs = (
        Samenwerkingsverband.objects.with_coverage().with_vermelding().with_published_steunpunten()
    )
    return [
        SwvRegel(
            code=swv.code,
            sector=swv.sector,
            naam=swv.naam,
            provincie=swv.provincie,
            gemeenten=gemeenten.get(swv.code, []),
            status=swv.dekking,
            steunpunten=[
                SteunpuntRegel(
                    s.naam,
                    basis_url + s.get_absolute_url(),
                    s.gecontroleerd_op.isoformat() if s.gecontroleerd_op else None,
                    s.herkomst,
                    s.bron_url,
                )
                for s in swv.gepubliceerde_steunpunten
            ],
            website=swv.website,
            vermelding=swv.vermelding,
        )
        for swv in swvs.order_by("code")
    ]


def _peiling_rows(peiling, basis_url, gemeenten, websites) -> list[SwvRegel]:
    return [
        SwvRegel(
            code=regel.swv_code,
            sector=regel.sector,
            naam=regel.naam,
            provincie=regel.provincie,
            gemeenten=gemeenten.get(regel.swv_code, []),
            status=regel.status,
            steunpunten=[
                SteunpuntRegel(
                    s["naam"],
                    basis_url + s["pad"],
                    s.get("gecontroleerd_op"),
                    _snapshot_herkomst(s),
                    s.get("bron_url", ""),
                )
                for s in regel.steunpunten
            ],
            website=websites.get(regel.swv_code, ""),
        )
        for regel in peiling.regels.order_by("swv_code")
    ]


def _snapshot_herkomst(snapshot: dict) -> str:
    """The herkomst a peiling recorded; older peilingen only recorded whether it was a demo."""
    if "herkomst" in snapshot:
        return snapshot["herkomst"]
    return Herkomst.VOORBEELD if snapshot.get("demo") else ""


# Control characters that XLSX cannot hold (tab, newline and carriage return it can).
_CONTROL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


# Full-width forms that some spreadsheet locales also read as the start of a formula.
_FULL_WIDTH_STARTS = ("\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; control
    characters that no spreadsheet can store are dropped; the rest stays.

    The characters are dropped first and the formula test comes after, on the text as the
    spreadsheet will see it: "\x01=HYPERLINK(…)" and " =1+1" are formulas once cleaned.
    """
    if not isinstance(value, str):
        return value
    cleaned = value.translate(_CONTROL)
    if cleaned.startswith(FORMULA_STARTS) or cleaned.lstrip().startswith(
        FORMULA_STARTS + _FULL_WIDTH_STARTS
    ):
        cleaned = "'" + cleaned
    return cleaned


def _status_label(status: str) -> str:
    with translation.override("nl"):
        return str(Dekking(status).label)


def _vermelding_label(vermelding: str) -> str:
    if not vermelding:
        return ""
    with translation.override("nl"):
        return str(Vermelding(vermelding).label)


def _vermeld_text(telling: VermeldTelling | None) -> str:
    if telling is None:
        return ""
    return (
        f"{telling.bevestigd} bevestigd, {telling.openbare_bron} uit openbare bron, "
        f"{telling.niets} nog niets"
    )


def _totals_row(
    naam: str,
    telling: Telling,
    *,
    sector: str = "",
    provincie: str = "",
    vermeld: VermeldTelling | None = None,
) -> list:
    status = f"{telling.met_steunpunt} van {telling.totaal} met steunpunt"
    status += f", {telling.in_oprichting} in oprichting"
    row = ["", sector, naam, provincie, "", status]
    row += [""] * (len(KOLOMMEN) - len(row) - 3)
    return [*row, _vermeld_text(vermeld), telling.met_steunpunt, telling.totaal]


def totals_rows(lijst: Dekkingslijst) -> list[list]:
    """The totals below the SWV rows: all, PO, VO, then each province (only the total for a
    peiling that gave no more)."""
    if lijst.alleen_totaal:
        t = lijst.totaal
        status = (
            f"{t.met_steunpunt} van {t.totaal} met steunpunt (de peiling gaf alleen het totaal)"
        )
        row = ["", "", "Totaal", "", "", status]
        row += [""] * (len(KOLOMMEN) - len(row) - 2)
        return [[*row, t.met_steunpunt, t.totaal]]
    overzicht, vermeld = lijst.overzicht, lijst.vermeld
    rows = [
        _totals_row("Totaal", overzicht.alle, vermeld=vermeld and vermeld.alle),
        _totals_row("Totaal PO", overzicht.po, sector="PO", vermeld=vermeld and vermeld.po),
        _totals_row("Totaal VO", overzicht.vo, sector="VO", vermeld=vermeld and vermeld.vo),
    ]
    per_provincie = {p.provincie: p for p in vermeld.provincies} if vermeld else {}
    rows += [
        _totals_row(
            f"Totaal {p.naam}",
            p.alle,
            provincie=p.naam,
            vermeld=per_provincie[p.provincie].alle if vermeld else None,
        )
        for p in overzicht.provincies
    ]
    return rows


def _ja_nee(value: bool) -> str:
    return "ja" if value else "nee"


def swv_rows(lijst: Dekkingslijst) -> list[list]:
    """One flat row per SWV, in the order of KOLOMMEN."""
    return [
        [
            regel.code,
            regel.sector,
            regel.naam,
            provincie_name(regel.provincie),
            JOIN.join(regel.gemeenten),
            _status_label(regel.status),
            JOIN.join(s.naam for s in regel.steunpunten),
            JOIN.join(s.url for s in regel.steunpunten),
            regel.website,
            JOIN.join(s.gecontroleerd_op or "" for s in regel.steunpunten),
            JOIN.join(s.herkomst for s in regel.steunpunten),
            JOIN.join(s.bron_url for s in regel.steunpunten),
            _ja_nee(regel.voorbeeldgegevens),
            _vermelding_label(regel.vermelding),
            int(regel.status == Dekking.ACTIEF),
            1,
        ]
        for regel in lijst.regels
    ]


def flat_rows(lijst: Dekkingslijst) -> list[list]:
    """The list as flat rows (CSV): one per SWV, an empty row, then the totals."""
    return [*swv_rows(lijst), [""] * len(KOLOMMEN), *totals_rows(lijst)]


def export_csv(lijst: Dekkingslijst) -> bytes:
    """CSV for Dutch Excel: UTF-8 with a byte order mark and `;` between the fields."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";")
    writer.writerow(KOLOMMEN)
    writer.writerows([neutralise(value) for value in row] for row in flat_rows(lijst))
    return ("\ufeff" + text.getvalue()).encode("utf-8")


TOTALEN_KOLOMMEN = [
    "naam",
    "sector",
    "provincie",
    "met_steunpunt",
    "in_oprichting",
    "zonder_steunpunt",
    "aantal_swv",
    "percentage_met_steunpunt",
]


def totals_table(lijst: Dekkingslijst) -> list[list]:
    """The totals as a table of their own: all, PO, VO, then each province (only the total,
    with what it did not give left empty, for a peiling that gave no more)."""
    if lijst.alleen_totaal:
        t = lijst.totaal
        return [["Totaal", "", "", t.met_steunpunt, None, None, t.totaal, t.percentage]]
    overzicht = lijst.overzicht
    groups = [
        ("Totaal", "", "", overzicht.alle),
        ("Totaal PO", "PO", "", overzicht.po),
        ("Totaal VO", "VO", "", overzicht.vo),
        *((f"Totaal {p.naam}", "", p.naam, p.alle) for p in overzicht.provincies),
    ]
    return [
        [naam, sector, provincie, t.met_steunpunt, t.in_oprichting, t.zonder_steunpunt]
        + [t.totaal, t.percentage]
        for naam, sector, provincie, t in groups
    ]


VERMELD_BLAD = "Vindplek nu"
VERMELD_KOLOMMEN = [
    "naam",
    "sector",
    "provincie",
    "bevestigd",
    "uit_openbare_bron",
    "nog_niets",
    "aantal_swv",
]


def vermeld_table(lijst: Dekkingslijst) -> list[list]:
    """What Vindplek lists now, apart from any peiling: all, PO, VO, then each province."""
    vermeld = lijst.vermeld
    if vermeld is None:
        return []
    groups = [
        ("Totaal", "", "", vermeld.alle),
        ("Totaal PO", "PO", "", vermeld.po),
        ("Totaal VO", "VO", "", vermeld.vo),
        *((f"Totaal {p.naam}", "", p.naam, p.alle) for p in vermeld.provincies),
    ]
    return [
        [naam, sector, provincie, t.bevestigd, t.openbare_bron, t.niets, t.totaal]
        for naam, sector, provincie, t in groups
    ]


def _sheet(workbook, title: str, headers: list[str], rows: list[list], *, first: bool = False):
    """A sheet with a frozen header row, an autofilter and columns wide enough to read."""
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(sheet.iter_cols(), start=1):
        longest = max(len(str(cell.value)) if cell.value is not None else 0 for cell in column)
        width = min(max(longest, len(headers[index - 1])) + 2, 60)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    return sheet


MONITOR_ERVARING = [
    "antwoorden",
    "gesteund_gemiddeld",
    "weet_verder_ja",
    "weet_verder_een_beetje",
    "weet_verder_nee",
    "aanbevelen_ja",
    "aanbevelen_nee",
]


def _ervaring_cells(uitslag) -> list:
    """Feedback of one row: every count as a number or "minder dan 10" (kleine_aantallen)."""
    gemiddelde = round(uitslag.gemiddelde, 2) if uitslag.gemiddelde is not None else ""
    aantallen = [*uitslag.weet_verder, *uitslag.aanbevelen]
    return [uitslag.aantal.export, gemiddelde, *[a.export for a in aantallen]]


def monitor_sheets(workbook, monitor: Monitor) -> None:
    """The monitor as five sheets: national per quarter, themes, signals, and per province and
    per SWV for every quarter, below national level only through the small-number rule."""
    _sheet(
        workbook,
        "Monitor landelijk",
        ["kwartaal", "contacten", "matches_tot_steun", "swv_met_contacten", "swv_totaal"]
        + MONITOR_ERVARING,
        [
            [r.label, r.contacten, r.matches, r.swv_meldend, r.swv_totaal]
            + _ervaring_cells(r.ervaring)
            for r in monitor.landelijk
        ],
    )
    for titel, rijen in (("Themas", monitor.themas), ("Signalen", monitor.signalen)):
        _sheet(
            workbook,
            titel,
            ["thema", *monitor.labels],
            [[thema.naam, *(cel.aantal for cel in cellen)] for thema, cellen in rijen],
        )
    per_provincie, per_swv = [], []
    for kwartaal in monitor.kwartalen:
        provincies, swvs = places(kwartaal)
        label = kwartaal_label(kwartaal)
        for plaats in provincies:
            per_provincie.append(
                [label, plaats.naam, plaats.contacten.export, plaats.matches.export]
                + _ervaring_cells(plaats.ervaring)
            )
        for plaats in swvs:
            per_swv.append(
                [label, plaats.code, plaats.naam, plaats.contacten.export, plaats.matches.export]
                + _ervaring_cells(plaats.ervaring)
            )
    # Per place the number of answers and the mean, not each choice (ervaringscijfers).
    kolommen = ["contacten", "matches_tot_steun", *MONITOR_ERVARING[:2]]
    _sheet(workbook, "Per provincie", ["kwartaal", "provincie", *kolommen], per_provincie)
    _sheet(workbook, "Per SWV", ["kwartaal", "swv_code", "swv_naam", *kolommen], per_swv)


def export_xlsx(lijst: Dekkingslijst, monitor: Monitor | None = None) -> bytes:
    """A workbook: "Dekking" (one row per SWV, dates as dates), "Totalen" and, for the live
    list, "Steunpunten" (one row per steunpunt, to fill in and import back); with the monitor
    its five sheets (monitor_sheets); never formulas."""
    workbook = Workbook()
    rows = swv_rows(lijst)
    datum = KOLOMMEN.index("gecontroleerd_op")
    for row, regel in zip(rows, lijst.regels, strict=True):
        row[datum] = regel.oudste_controle
    sheet = _sheet(workbook, "Dekking", KOLOMMEN, rows, first=True)
    for (cell,) in sheet.iter_rows(min_row=2, min_col=datum + 1, max_col=datum + 1):
        cell.number_format = "DD-MM-YYYY"
    sheet.column_dimensions[get_column_letter(datum + 1)].width = 18
    _sheet(workbook, "Totalen", TOTALEN_KOLOMMEN, totals_table(lijst))
    if lijst.vermeld is not None:
        _sheet(workbook, VERMELD_BLAD, VERMELD_KOLOMMEN, vermeld_table(lijst))
    if lijst.steunpunten:
        blad = _sheet(workbook, STEUNPUNTEN_BLAD, STEUNPUNTEN_KOLOMMEN, lijst.steunpunten)
        datum = STEUNPUNTEN_KOLOMMEN.index("gecontroleerd_op") + 1
        for (cell,) in blad.iter_rows(min_row=2, min_col=datum, max_col=datum):
            cell.number_format = "DD-MM-YYYY"
    if monitor is not None:
        monitor_sheets(workbook, monitor)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _telling(telling: Telling) -> dict:
    return {
        "totaal": telling.totaal,
        "met_steunpunt": telling.met_steunpunt,
        "in_oprichting": telling.in_oprichting,
        "zonder_steunpunt": telling.zonder_steunpunt,
    }


def _totalen_json(lijst: Dekkingslijst) -> dict:
    if lijst.alleen_totaal:
        # What the peiling did not give stays empty (null), never a made-up zero.
        alle = {"totaal": lijst.totaal.totaal, "met_steunpunt": lijst.totaal.met_steunpunt}
        alle |= {"in_oprichting": None, "zonder_steunpunt": None}
        return {"alle": alle, "po": None, "vo": None, "provincies": None}
    return {
        "alle": _telling(lijst.overzicht.alle),
        "po": _telling(lijst.overzicht.po),
        "vo": _telling(lijst.overzicht.vo),
        "provincies": [
            {
                "provincie": p.provincie,
                "naam": p.naam,
                "alle": _telling(p.alle),
                "po": _telling(p.po),
                "vo": _telling(p.vo),
            }
            for p in lijst.overzicht.provincies
        ],
    }


def _vermeld_json(telling: VermeldTelling) -> dict:
    return {
        "totaal": telling.totaal,
        "bevestigd": telling.bevestigd,
        "openbare_bron": telling.openbare_bron,
        "niets": telling.niets,
    }


def _vindplek_nu_json(lijst: Dekkingslijst) -> dict | None:
    """What Vindplek lists now (null in a peiling's export: a peiling did not record it)."""
    vermeld = lijst.vermeld
    if vermeld is None:
        return None
    return {
        "alle": _vermeld_json(vermeld.alle),
        "po": _vermeld_json(vermeld.po),
        "vo": _vermeld_json(vermeld.vo),
        "provincies": [
            {
                "provincie": p.provincie,
                "naam": p.naam,
                "alle": _vermeld_json(p.alle),
                "po": _vermeld_json(p.po),
                "vo": _vermeld_json(p.vo),
            }
            for p in vermeld.provincies
        ],
    }


def to_json_data(lijst: Dekkingslijst) -> dict:
    """The list as plain JSON data: rows with lists, the totals as numbers."""
    peiling = lijst.peiling
    return {
        "alleen_totaal": lijst.alleen_totaal,
        "peildatum": lijst.peildatum.isoformat(),
        "peiling": (
            {"datum": peiling.datum.isoformat(), "omschrijving": peiling.omschrijving}
            if peiling
            else None
        ),
        "samenwerkingsverbanden": [
            {
                "code": r.code,
                "sector": r.sector,
                "naam": r.naam,
                "provincie": r.provincie,
                "provincie_naam": provincie_name(r.provincie),
                "gemeenten": r.gemeenten,
                "status": r.status,
                "status_omschrijving": _status_label(r.status),
                "steunpunten": [
                    {
                        "naam": s.naam,
                        "url": s.url,
                        "gecontroleerd_op": s.gecontroleerd_op,
                        "herkomst": s.herkomst,
                        "bron_url": s.bron_url,
                        "voorbeeldgegevens": s.voorbeeld,
                    }
                    for s in r.steunpunten
                ],
                "website": r.website,
                "voorbeeldgegevens": r.voorbeeldgegevens,
                "vermelding": r.vermelding or None,
            }
            for r in lijst.regels
        ],
        "totalen": _totalen_json(lijst),
        "vindplek_nu": _vindplek_nu_json(lijst),
    }


def export_json(lijst: Dekkingslijst) -> bytes:
    return json.dumps(to_json_data(lijst), ensure_ascii=False, indent=1).encode("utf-8")


# format -> (writer, content type)
FORMATEN = {
    "csv": (export_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        export_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "json": (export_json, "application/json"),
}
