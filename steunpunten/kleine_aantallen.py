"""Small numbers are never shown below national level: the one rule for every view, export, API.

Below national level (a province, a SWV, a steunpunt, also a steunpunt's own staff looking at
their own figures) a count under DREMPEL (10) shows as "minder dan 10" (primary suppression).
Then secondary suppression: no shown total minus shown parts may give away a hidden count. A
line (parts and their total) with exactly one hidden part, or whose hidden parts are all 0, has
its next smallest part hidden too, or its total when no part is left; and a linear check over
all lines together hides more until no hidden count can be worked out from what is shown.
Totals that are not the exact sum of their parts (a contact about two themes counts under
both) are treated as if they were: that only ever hides more. At national level every number
shows.

How to use it (every caller passes its `niveau`; nothing else decides):

    from steunpunten.kleine_aantallen import Niveau, suppress_row, suppress_table

    rij = suppress_row([12, 3, 40], niveau=Niveau.SWV)   # the total is the sum unless given
    rij.delen[1].tekst     -> "minder dan 10"   (str(aantal) is the same)
    rij.delen[1].waarde    -> None              (the true number never leaves this module)
    rij.delen[0].export    -> 12 (int) or "minder dan 10" (for CSV, XLSX and JSON)
    rij.totaal.waarde      -> 55

    tabel = suppress_table([[14, 2], [30, 11]], niveau=Niveau.STEUNPUNT,
                           kolomtotalen=[40, 13])      # e.g. contacts per month (not a sum)
    tabel.cellen[r][k], tabel.rijtotalen[r], tabel.kolomtotalen[k], tabel.totaal

    suppress_count(7, niveau=Niveau.SWV)               # one number that is part of nothing
    enough_answers(9, niveau=Niveau.SWV) -> False     # feedback per SWV: only from 10 answers

For feedback, suppress the answers to one question as a row (the total is the number of
answers), and show a SWV's results at all only when enough_answers() says so. For shapes of
your own, suppress_cells() takes any named counts and the lines (parts, total) between them.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from django.utils.translation import gettext as _

DREMPEL = 10


class Niveau(StrEnum):
    """Where a figure is shown: only LANDELIJK shows small numbers."""

    LANDELIJK = "landelijk"
    PROVINCIE = "provincie"
    SWV = "swv"
    STEUNPUNT = "steunpunt"


@dataclass(frozen=True)
class Aantal:
    """A count as it may be shown: the number, or None when hidden ("minder dan 10")."""

    waarde: int | None

    @property
    def verborgen(self) -> bool:
        return self.waarde is None

    @property
    def tekst(self) -> str:
        return (
            _("minder dan %(drempel)d") % {"drempel": DREMPEL}
            if self.waarde is None
            else str(self.waarde)
        )

    @property
    def export(self) -> int | str:
        """The number for an export, or the Dutch words when it is hidden."""
        return self.tekst if self.waarde is None else self.waarde

    def __str__(self) -> str:
        return self.tekst


@dataclass(frozen=True)
class Lijn:
    """Counts that add up: the keys of the parts and the key of their total."""

    delen: tuple[Hashable, ...]
    totaal: Hashable


@dataclass(frozen=True)
class Rij:
    delen: tuple[Aantal, ...]
    totaal: Aantal


@dataclass(frozen=True)
class Tabel:
    cellen: tuple[tuple[Aantal, ...], ...]
    rijtotalen: tuple[Aantal, ...]
    kolomtotalen: tuple[Aantal, ...]
    totaal: Aantal


def shows_small_numbers(niveau: Niveau) -> bool:
    """Only national figures show counts under DREMPEL."""
    return Niveau(niveau) == Niveau.LANDELIJK


def enough_answers(aantal: int, *, niveau: Niveau) -> bool:
    """Feedback results below national level appear only from DREMPEL answers in the period."""
    return shows_small_numbers(niveau) or aantal >= DREMPEL


def suppress_count(waarde: int, *, niveau: Niveau) -> Aantal:
    """One count that is part of no total on the page."""
    return suppress_cells({0: waarde}, [], niveau=niveau)[0]


def suppress_row(delen: Sequence[int], totaal: int | None = None, *, niveau: Niveau) -> Rij:
    """Parts and their total (the sum, unless given: a total that is no sum hides more)."""
    waarden = {("deel", i): n for i, n in enumerate(delen)}
    waarden["totaal"] = sum(delen) if totaal is None else totaal
    lijn = Lijn(tuple(("deel", i) for i in range(len(delen))), "totaal")
    shown = suppress_cells(waarden, [lijn], niveau=niveau)
    return Rij(tuple(shown[("deel", i)] for i in range(len(delen))), shown["totaal"])


def suppress_table(
    cellen: Sequence[Sequence[int]],
    *,
    niveau: Niveau,
    rijtotalen: Sequence[int] | None = None,
    kolomtotalen: Sequence[int] | None = None,
    totaal: int | None = None,
) -> Tabel:
    """A table with a total per row, per column and overall (sums unless given)."""
    rijen = [list(rij) for rij in cellen]
    breedte = len(rijen[0]) if rijen else 0
    if rijtotalen is None:
        rijtotalen = [sum(rij) for rij in rijen]
    if kolomtotalen is None:
        kolomtotalen = [sum(rij[k] for rij in rijen) for k in range(breedte)]
    if totaal is None:
        totaal = sum(rijtotalen)
    waarden: dict = {("c", r, k): n for r, rij in enumerate(rijen) for k, n in enumerate(rij)}
    waarden |= {("r", r): n for r, n in enumerate(rijtotalen)}
    waarden |= {("k", k): n for k, n in enumerate(kolomtotalen)}
    waarden["t"] = totaal
    lijnen = [Lijn(tuple(("c", r, k) for k in range(breedte)), ("r", r)) for r in range(len(rijen))]
    lijnen += [
        Lijn(tuple(("c", r, k) for r in range(len(rijen))), ("k", k)) for k in range(breedte)
    ]
    lijnen += [
        Lijn(tuple(("r", r) for r in range(len(rijen))), "t"),
        Lijn(tuple(("k", k) for k in range(breedte)), "t"),
    ]
    shown = suppress_cells(waarden, lijnen, niveau=niveau)
    return Tabel(
        tuple(tuple(shown[("c", r, k)] for k in range(breedte)) for r in range(len(rijen))),
        tuple(shown[("r", r)] for r in range(len(rijen))),
        tuple(shown[("k", k)] for k in range(breedte)),
        shown["t"],
    )


def suppress_cells(
    waarden: Mapping[Hashable, int], lijnen: Iterable[Lijn], *, niveau: Niveau
) -> dict[Hashable, Aantal]:
    """The general form: any named counts and the lines between them; returns what may show."""
    if shows_small_numbers(niveau):
        return {key: Aantal(int(n)) for key, n in waarden.items()}
    lijnen = [lijn for lijn in lijnen if lijn.delen]
    verborgen = hidden_keys(waarden, lijnen)
    return {key: Aantal(None if key in verborgen else int(n)) for key, n in waarden.items()}


def hidden_keys(waarden: Mapping[Hashable, int], lijnen: Sequence[Lijn]) -> set[Hashable]:
    """Primary suppression, then secondary until every line and the linear check hold."""
    verborgen = {key for key, n in waarden.items() if n < DREMPEL}
    while True:
        extra = _line_rule(waarden, lijnen, verborgen)
        if extra is None:
            extra = _linear_rule(waarden, lijnen, verborgen)
        if extra is None:
            return verborgen
        verborgen.add(extra)


def _smallest_shown(keys: Iterable[Hashable], waarden, verborgen) -> Hashable | None:
    shown = [key for key in keys if key not in verborgen]
    return min(shown, key=lambda key: waarden[key]) if shown else None


def _line_rule(waarden, lijnen, verborgen) -> Hashable | None:
    """One key to hide because a line with a shown total gives a hidden part away."""
    for lijn in lijnen:
        if lijn.totaal in verborgen:
            continue
        hidden = [key for key in lijn.delen if key in verborgen]
        if hidden and (len(hidden) == 1 or sum(waarden[key] for key in hidden) == 0):
            return _smallest_shown(lijn.delen, waarden, verborgen) or lijn.totaal
    return None


def _linear_rule(waarden, lijnen, verborgen) -> Hashable | None:
    """One key to hide because the lines together pin a hidden count to one value."""
    for key in _determined(waarden, lijnen, verborgen):
        for lijn in lijnen:
            members = (*lijn.delen, lijn.totaal)
            if key in members:
                extra = _smallest_shown(lijn.delen, waarden, verborgen)
                if extra is None and lijn.totaal not in verborgen:
                    extra = lijn.totaal
                if extra is not None:
                    return extra
    return None


def _determined(waarden, lijnen, verborgen) -> list[Hashable]:
    """The hidden keys whose value follows from the shown ones through the lines (exact RREF)."""
    variabelen = sorted(
        {k for lijn in lijnen for k in (*lijn.delen, lijn.totaal) if k in verborgen}, key=repr
    )
    if not variabelen:
        return []
    kolom = {key: i for i, key in enumerate(variabelen)}
    matrix = []
    for lijn in lijnen:
        rij = [Fraction(0)] * len(variabelen)
        for key, teken in [*((d, 1) for d in lijn.delen), (lijn.totaal, -1)]:
            if key in kolom:
                rij[kolom[key]] += teken
        if any(rij):
            matrix.append(rij)
    pivots = _rref(matrix, len(variabelen))
    vrij = set(range(len(variabelen))) - set(pivots)
    return [
        variabelen[col]
        for rij_index, col in enumerate(pivots)
        if not any(matrix[rij_index][v] for v in vrij)
    ]


def _rref(matrix: list[list[Fraction]], breedte: int) -> list[int]:
    """Reduce the matrix in place to reduced row echelon form; returns the pivot columns."""
    pivots: list[int] = []
    rij = 0
    for col in range(breedte):
        kandidaat = next((r for r in range(rij, len(matrix)) if matrix[r][col]), None)
        if kandidaat is None:
            continue
        matrix[rij], matrix[kandidaat] = matrix[kandidaat], matrix[rij]
        deler = matrix[rij][col]
        matrix[rij] = [x / deler for x in matrix[rij]]
        for r in range(len(matrix)):
            if r != rij and matrix[r][col]:
                factor = matrix[r][col]
                matrix[r] = [x - factor * y for x, y in zip(matrix[r], matrix[rij], strict=True)]
        pivots.append(col)
        rij += 1
    return pivots
