"""What the commands that change data from a file share: read it, show per row what would
happen, change nothing when a row has an error or with --dry-run, else apply it all at once."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class BestandsplanCommand(BaseCommand):
    """A command that applies a plan made from a file (import_steunpunten, invite_accounts).

    A subclass says how a file becomes a plan (`make_plan`) and how it is applied (`apply`);
    the plan has `regels`, `fouten` and `samenvatting()`.
    """

    bestand_help = ""
    dry_run_help = ""
    # Said when rows have errors (with their number) and after a --dry-run.
    fouten_tekst = ""
    proefdraai_tekst = ""

    def add_arguments(self, parser):
        parser.add_argument("bestand", help=self.bestand_help)
        parser.add_argument("--dry-run", action="store_true", help=self.dry_run_help)

    def handle(self, *args, **options):
        path = Path(options["bestand"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan {path} niet lezen: {error.strerror}") from error
        self.check_options(options)
        plan = self.make_plan(data, path.name)
        for line in self.plan_lines(plan):
            self.stdout.write(line)
        self.stdout.write(plan.samenvatting())
        if plan.fouten:
            raise CommandError(self.fouten_tekst.format(aantal=len(plan.fouten)))
        if options["dry_run"]:
            self.stdout.write(self.proefdraai_tekst)
            return
        self.apply(plan, options)

    def check_options(self, options) -> None:
        """Refuse options that do not go together before anything is planned (CommandError)."""

    def make_plan(self, data: bytes, filename: str):
        raise NotImplementedError

    def plan_lines(self, plan) -> list[str]:
        """What the command shows of the plan before its summary: a line per row."""
        return [regel.omschrijving() for regel in plan.regels]

    def apply(self, plan, options) -> None:
        raise NotImplementedError
