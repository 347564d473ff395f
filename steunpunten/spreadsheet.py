"""Reading a table that people filled in: CSV (Dutch Excel or not) or XLSX, with line numbers.

Both the bulk invitations (beheer) and the steunpunten import read through here, from a file on
disk or an upload. Every problem names its line; nothing is guessed.
"""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024  # far more than 150 SWVs or a few hundred steunpunten need


class SpreadsheetError(ValueError):
    """A file that cannot be read as a table, with the line and the reason in Dutch."""

    def __init__(self, regel: int, tekst: str):
        super().__init__(_("regel %(regel)d: %(tekst)s") % {"regel": regel, "tekst": tekst})
        self.regel = regel
        self.tekst = tekst


@dataclass(frozen=True)
class Rij:
    """One filled-in row: its line in the file and its cells by column name (text, trimmed)."""

    regel: int
    waarden: dict[str, str]


def normalise_header(value: str) -> str:
    """A column name as compared: lower case, no spaces, "e-mail" and "email" the same."""
    return str(value or "").strip().lower().replace(" ", "_").replace("-", "")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(data: bytes) -> Iterable[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        regel = data[: error.start].count(b"\n") + 1
        raise SpreadsheetError(
            regel, _("deze regel is geen UTF-8-tekst; sla het bestand op als CSV UTF-8")
        ) from None
    if "\x00" in text:
        regel = text[: text.index("\x00")].count("\n") + 1
        raise SpreadsheetError(
            regel, _("deze regel bevat een nul-teken; het bestand is beschadigd")
        )
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            yield reader.line_num, [cell.strip() for cell in row]
    except csv.Error as error:
        raise SpreadsheetError(reader.line_num, _("onleesbare regel (%s)") % error) from None


def _xlsx_rows(data: bytes, sheet: str | None) -> Iterable[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        raise SpreadsheetError(1, _("dit is geen leesbaar Excel-bestand (.xlsx)")) from None
    try:
        if sheet is not None and sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            worksheet = workbook.worksheets[0]
        for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(value) for value in row]
    finally:
        workbook.close()


def read_table(
    data: bytes,
    *,
    filename: str,
    columns: list[str],
    required: Iterable[str] | None = None,
    sheet: str | None = None,
    header_optional: bool = False,
) -> list[Rij]:
    """The non-empty rows of a CSV or XLSX file as Rij, by the column names of its header row.

    The header names the columns in any order and case ("E-mail" = "email"); columns the
    reader does not know are ignored. With header_optional, a file whose first row is not a
    header is read by position in the order of `columns`.
    """
    if len(data) > MAX_BYTES:
        raise SpreadsheetError(1, _("het bestand is groter dan 5 MB"))
    suffix = Path(filename or "").suffix.lower()
    if suffix == ".xlsx":
        rows = _xlsx_rows(data, sheet)
    elif suffix in (".csv", ".txt"):
        rows = _csv_rows(data)
    else:
        raise SpreadsheetError(1, _("kies een .csv- of .xlsx-bestand"))
    wanted = {normalise_header(column): column for column in columns}
    required = set(columns if required is None else required)
    result: list[Rij] = []
    positions: dict[str, int] | None = None
    for regel, cells in rows:
        if not any(cells):
            continue
        if positions is None:
            found = {normalise_header(cell): index for index, cell in enumerate(cells)}
            if any(key in found for key in wanted):
                positions = {wanted[key]: index for key, index in found.items() if key in wanted}
                missing = [column for column in columns if column in required]
                missing = [column for column in missing if column not in positions]
                if missing:
                    raise SpreadsheetError(
                        regel,
                        _("de kolom %(kolommen)s ontbreekt in de kopregel")
                        % {"kolommen": ", ".join(f"“{m}”" for m in missing)},
                    )
                continue
            if not header_optional:
                raise SpreadsheetError(
                    regel,
                    _("de eerste regel moet de kolomnamen geven: %s") % ";".join(columns),
                )
            positions = {column: index for index, column in enumerate(columns)}
        values = {
            column: cells[index] if index < len(cells) else ""
            for column, index in positions.items()
        }
        result.append(Rij(regel, values))
    return result
