"""The one small-number rule (steunpunten/kleine_aantallen.py): examples and generated tables."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from steunpunten.kleine_aantallen import (
    DREMPEL,
    Lijn,
    Niveau,
    enough_answers,
    suppress_cells,
    suppress_count,
    suppress_row,
    suppress_table,
)
from tests.eigenschappen import examples

ONDER_LANDELIJK = [Niveau.PROVINCIE, Niveau.SWV, Niveau.STEUNPUNT]


def waarden(rij):
    return [aantal.waarde for aantal in rij.delen]


def test_a_count_under_10_shows_as_minder_dan_10_and_never_as_its_number():
    aantal = suppress_count(7, niveau=Niveau.SWV)
    assert aantal.verborgen and aantal.waarde is None
    assert str(aantal) == aantal.tekst == aantal.export == "minder dan 10"
    assert suppress_count(10, niveau=Niveau.SWV).export == 10
    assert suppress_count(0, niveau=Niveau.STEUNPUNT).verborgen


def test_national_figures_show_every_number():
    rij = suppress_row([1, 2, 30], niveau=Niveau.LANDELIJK)
    assert waarden(rij) == [1, 2, 30] and rij.totaal.waarde == 33
    assert enough_answers(1, niveau=Niveau.LANDELIJK)


def test_one_hidden_part_hides_the_next_smallest_too():
    rij = suppress_row([12, 3, 40, 15], niveau=Niveau.SWV)
    assert waarden(rij) == [None, None, 40, 15]
    assert rij.totaal.waarde == 70


def test_one_hidden_part_and_nothing_else_to_hide_hides_the_total():
    rij = suppress_row([3], 30, niveau=Niveau.STEUNPUNT)  # a total that is not the sum
    assert waarden(rij) == [None] and rij.totaal.verborgen


def test_hidden_parts_that_are_all_zero_are_not_given_away():
    rij = suppress_row([0, 0, 25, 30], niveau=Niveau.SWV)
    assert waarden(rij) == [None, None, None, 30]


def test_feedback_per_swv_only_from_10_answers():
    assert not enough_answers(9, niveau=Niveau.SWV)
    assert enough_answers(10, niveau=Niveau.SWV)


def test_a_table_hides_across_rows_and_columns():
    tabel = suppress_table([[20, 5], [30, 40]], niveau=Niveau.STEUNPUNT)
    shown = [[a.waarde for a in rij] for rij in tabel.cellen]
    assert shown[0][1] is None
    # Row 0 and column 1 each need a second hidden cell.
    assert sum(a is None for a in shown[0]) >= 2 or tabel.rijtotalen[0].verborgen
    assert sum(rij[1] is None for rij in shown) >= 2 or tabel.kolomtotalen[1].verborgen


# --- Generated tables: nothing under 10 shows, nothing hidden can be worked out -----------------


def _rank(rows: list[list[Fraction]]) -> int:
    """Rank by plain Gaussian elimination (separate from the module's own reduction)."""
    rows = [list(r) for r in rows if any(r)]
    rank, width = 0, len(rows[0]) if rows else 0
    for col in range(width):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][col] != 0:
                f = rows[i][col] / rows[rank][col]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def recoverable(shown: dict, lijnen: list[Lijn]) -> list:
    """Hidden keys whose value follows from the shown values through the lines."""
    hidden = sorted((k for k, a in shown.items() if a.verborgen), key=repr)
    index = {k: i for i, k in enumerate(hidden)}
    matrix = []
    for lijn in lijnen:
        row = [Fraction(0)] * len(hidden)
        for key, sign in [*((d, 1) for d in lijn.delen), (lijn.totaal, -1)]:
            if key in index:
                row[index[key]] += sign
        matrix.append(row)
    base = _rank(matrix)
    found = []
    for key, i in index.items():
        unit = [Fraction(int(j == i)) for j in range(len(hidden))]
        if _rank([*matrix, unit]) == base:  # the unit vector is a combination of the lines
            found.append(key)
    return found


def table_lines(rows: int, cols: int) -> list[Lijn]:
    lijnen = [Lijn(tuple(("c", r, k) for k in range(cols)), ("r", r)) for r in range(rows)]
    lijnen += [Lijn(tuple(("c", r, k) for r in range(rows)), ("k", k)) for k in range(cols)]
    lijnen += [Lijn(tuple(("r", r) for r in range(rows)), "t")]
    lijnen += [Lijn(tuple(("k", k) for k in range(cols)), "t")]
    return lijnen


tables = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 4).flatmap(
        lambda cols: st.lists(
            st.lists(
                st.one_of(st.integers(0, 12), st.integers(0, 60)), min_size=cols, max_size=cols
            ),
            min_size=rows,
            max_size=rows,
        )
    )
)


@examples(300)
def test_no_generated_table_shows_a_small_count_or_gives_a_hidden_one_away(examples):
    @settings(max_examples=examples, deadline=None)
    @given(tables, st.sampled_from(ONDER_LANDELIJK))
    def check(cellen, niveau):
        rows, cols = len(cellen), len(cellen[0])
        waarden = {("c", r, k): n for r, rij in enumerate(cellen) for k, n in enumerate(rij)}
        waarden |= {("r", r): sum(rij) for r, rij in enumerate(cellen)}
        waarden |= {("k", k): sum(rij[k] for rij in cellen) for k in range(cols)}
        waarden["t"] = sum(sum(rij) for rij in cellen)
        lijnen = table_lines(rows, cols)
        shown = suppress_cells(waarden, lijnen, niveau=niveau)
        for key, aantal in shown.items():
            assert aantal.verborgen or aantal.waarde >= DREMPEL
            assert aantal.verborgen or aantal.waarde == waarden[key]
            if waarden[key] < DREMPEL:
                assert aantal.verborgen
        assert recoverable(shown, lijnen) == []
        for lijn in lijnen:  # no shown total minus shown parts pins hidden zeros either
            hidden = [k for k in lijn.delen if shown[k].verborgen]
            if hidden and not shown[lijn.totaal].verborgen:
                assert len(hidden) >= 2 and sum(waarden[k] for k in hidden) > 0

    check()


@examples(200)
def test_suppress_table_agrees_with_the_general_form(examples):
    @settings(max_examples=examples, deadline=None)
    @given(tables, st.sampled_from(ONDER_LANDELIJK))
    def check(cellen, niveau):
        tabel = suppress_table(cellen, niveau=niveau)
        for rij in tabel.cellen:
            for aantal in rij:
                assert aantal.verborgen or aantal.waarde >= DREMPEL
        for aantal in (*tabel.rijtotalen, *tabel.kolomtotalen, tabel.totaal):
            assert aantal.verborgen or aantal.waarde >= DREMPEL

    check()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=8))
def test_a_row_never_leaves_exactly_one_part_hidden_under_a_shown_total(delen):
    rij = suppress_row(delen, niveau=Niveau.SWV)
    hidden = [i for i, a in enumerate(rij.delen) if a.verborgen]
    if not rij.totaal.verborgen:
        assert len(hidden) != 1
    assert all(a.verborgen or a.waarde >= DREMPEL for a in (*rij.delen, rij.totaal))
