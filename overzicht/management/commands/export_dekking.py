from django.core.management.base import BaseCommand, CommandError

from overzicht.exports import FORMATEN, build_dekkingslijst
from steunpunten.peilingen import PeilingError, find_peiling


class Command(BaseCommand):
    help = "Schrijf de dekkingslijst (per samenwerkingsverband, met totalen) als CSV, XLSX of JSON."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=sorted(FORMATEN), default="csv")
        parser.add_argument("--peiling", help="Datum van een vastgelegde peiling, bv. 2023-11-01.")
        parser.add_argument(
            "--output", help="Bestand om naar te schrijven (standaard: de standaarduitvoer)."
        )
        parser.add_argument(
            "--basis-url",
            default="http://localhost:8000",
            help="Begin van de links naar de steunpunten, bv. https://vindplek.example.",
        )

    def handle(self, *args, format="csv", peiling=None, output=None, basis_url="", **options):
        if format == "xlsx" and not output:
            raise CommandError("Geef bij --format xlsx ook --output <bestand>.")
        try:
            chosen = find_peiling(peiling) if peiling else None
        except PeilingError as error:
            raise CommandError(str(error)) from error
        lijst = build_dekkingslijst(basis_url=basis_url, peiling=chosen)
        writer, _content_type = FORMATEN[format]
        data = writer(lijst)
        if output:
            with open(output, "wb") as file:
                file.write(data)
            self.stderr.write(f"{output} geschreven ({len(lijst.regels)} samenwerkingsverbanden).")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
