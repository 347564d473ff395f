"""The coverage list for OCW: one dataset built here, written as CSV, XLSX or JSON at the edge.

The list has one row per SWV and then the totals (all, PO, VO, per province), live or as a
recorded peiling saw it. Text cells that a spreadsheet could run as a formula are neutralised.
"""

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field

import tablib
from django.db.models import Prefetch
from django.utils import timezone, translation

from steunpunten.coverage import (
    Dekking,
    Overzicht,
    Telling,
    count_statuses,
    status_of,
    with_coverage,
)
from steunpunten.models import Peiling, Postcodegebied, Samenwerkingsverband, Steunpunt
from steunpunten.regio import provincie_name

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


@dataclass(frozen=True)
class Dekkingslijst:
    """The coverage list: rows per SWV, the counts, and which moment it shows."""

    peildatum: datetime.date
    peiling: Peiling | None
    regels: list[SwvRegel]
    overzicht: Overzicht = field(repr=False)

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
    return Dekkingslijst(peildatum, peiling, regels, overzicht)


def _gemeenten_per_swv() -> dict[str, list[str]]:
    found = defaultdict(set)
    for relation in ("swv_po__code", "swv_vo__code"):
        pairs = Postcodegebied.objects.filter(**{f"{relation}__isnull": False})
        for code, gemeente in pairs.values_list(relation, "gemeente").distinct():
            if gemeente:
                found[code].add(gemeente)
    return {code: sorted(names) for code, names in found.items()}


def _live_rows(basis_url: str, gemeenten: dict[str, list[str]]) -> list[SwvRegel]:
    published = Steunpunt.objects.published().order_by("status", "naam")
    swvs = with_coverage().prefetch_related(
        Prefetch("steunpunten", queryset=published, to_attr="gepubliceerd")
    )
    return [
        SwvRegel(
            code=swv.code,
            sector=swv.sector,
            naam=swv.naam,
            provincie=swv.provincie,
            gemeenten=gemeenten.get(swv.code, []),
            status=status_of(swv),
            steunpunten=[
                SteunpuntRegel(
                    s.naam,
                    basis_url + s.get_absolute_url(),
                    s.gecontroleerd_op.isoformat() if s.gecontroleerd_op else None,
                )
                for s in swv.gepubliceerd
            ],
            website=swv.website,
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
                SteunpuntRegel(s["naam"], basis_url + s["pad"], s.get("gecontroleerd_op"))
                for s in regel.steunpunten
            ],
            website=websites.get(regel.swv_code, ""),
        )
        for regel in peiling.regels.order_by("swv_code")
    ]


# Control characters that XLSX cannot hold (tab, newline and carriage return it can).
_CONTROL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; control
    characters that no spreadsheet can store are dropped; the rest stays."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return value.translate(_CONTROL)


def _status_label(status: str) -> str:
    with translation.override("nl"):
        return str(Dekking(status).label)


def _totals_row(naam: str, telling: Telling, *, sector: str = "", provincie: str = "") -> list:
    status = f"{telling.met_steunpunt} van {telling.totaal} met steunpunt"
    status += f", {telling.in_oprichting} in oprichting"
    return ["", sector, naam, provincie, "", status, "", "", "", ""] + [
        telling.met_steunpunt,
        telling.totaal,
    ]


def totals_rows(overzicht: Overzicht) -> list[list]:
    """The totals below the SWV rows: all, PO, VO, then each province."""
    rows = [
        _totals_row("Totaal", overzicht.alle),
        _totals_row("Totaal PO", overzicht.po, sector="PO"),
        _totals_row("Totaal VO", overzicht.vo, sector="VO"),
    ]
    rows += [
        _totals_row(f"Totaal {p.naam}", p.alle, provincie=p.naam) for p in overzicht.provincies
    ]
    return rows


def flat_rows(lijst: Dekkingslijst) -> list[list]:
    """The list as flat rows: one per SWV, an empty row, then the totals."""
    rows = [
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
            int(regel.status == Dekking.ACTIEF),
            1,
        ]
        for regel in lijst.regels
    ]
    return [*rows, [""] * len(KOLOMMEN), *totals_rows(lijst.overzicht)]


def to_dataset(lijst: Dekkingslijst) -> tablib.Dataset:
    """The flat rows as a tablib dataset, every text cell neutralised."""
    dataset = tablib.Dataset(headers=KOLOMMEN, title="Dekking")
    for row in flat_rows(lijst):
        dataset.append([neutralise(value) for value in row])
    return dataset


def export_csv(lijst: Dekkingslijst) -> bytes:
    """CSV for Dutch Excel: UTF-8 with a byte order mark and `;` between the fields."""
    text = to_dataset(lijst).export("csv", delimiter=";")
    return ("\ufeff" + text).encode("utf-8")


def export_xlsx(lijst: Dekkingslijst) -> bytes:
    """An Excel workbook with one sheet "Dekking"; text cells are never formulas."""
    return to_dataset(lijst).export("xlsx", escape=False)


def _telling(telling: Telling) -> dict:
    return {
        "totaal": telling.totaal,
        "met_steunpunt": telling.met_steunpunt,
        "in_oprichting": telling.in_oprichting,
        "zonder_steunpunt": telling.zonder_steunpunt,
    }


def to_json_data(lijst: Dekkingslijst) -> dict:
    """The list as plain JSON data: rows with lists, the totals as numbers."""
    peiling = lijst.peiling
    return {
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
                    {"naam": s.naam, "url": s.url, "gecontroleerd_op": s.gecontroleerd_op}
                    for s in r.steunpunten
                ],
                "website": r.website,
            }
            for r in lijst.regels
        ],
        "totalen": {
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
        },
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
