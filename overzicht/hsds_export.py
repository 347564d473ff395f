"""The HSDS tabular export for OCW: a zip of the HSDS 3.0 CSV files and their datapackage.json.

The same catalogue as the API (/api/hsds/), in HSDS's Tabular Data Package serialisation
(steunpunten/hsds_tabular.py): UTF-8, comma-separated, one file per object. Text cells that a
spreadsheet could run as a formula are neutralised, as in the other exports.
"""

import csv
import io
import json
import zipfile

from django.utils import timezone

from steunpunten.hsds import build_catalogus
from steunpunten.hsds_tabular import Tabel, datapackage, tabellen

from .exports import neutralise

BRONNEN = [
    {
        "title": "Human Services Data Specification 3.0: an Open Referral resource (CC BY-SA 4.0)",
        "path": "https://openreferral.org/",
    },
    {
        "title": "Regeling regio-indeling samenwerkingsverbanden passend onderwijs (BWBR0032324)",
        "path": "https://wetten.overheid.nl/BWBR0032324",
    },
    {"title": "GeoNames postal codes NL (CC BY 4.0)", "path": "https://www.geonames.org/"},
]


def csv_bytes(tabel: Tabel) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(tabel.kolommen)
    writer.writerows([neutralise(value) for value in row] for row in tabel.rijen)
    return text.getvalue().encode("utf-8")


def bestandsnaam() -> str:
    return f"vindplek-hsds-{timezone.localdate().isoformat()}.zip"


def export_hsds_zip(*, basis_url: str) -> bytes:
    """Every SWV and published steunpunt as HSDS tables, zipped with their descriptor."""
    tables = tabellen(build_catalogus(basis_url=basis_url))
    package = datapackage(
        tables,
        naam="vindplek-hsds",
        titel="Vindplek: Ouder- en Jeugdsteunpunten passend onderwijs (HSDS 3.0)",
        bronnen=BRONNEN,
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
        for tabel in tables:
            archive.writestr(tabel.naam, csv_bytes(tabel))
    return buffer.getvalue()
