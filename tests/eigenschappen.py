"""Property tests and sweeps in two sizes: a few examples in `make test`, all of them in
`make test-realdata` (which .ci/run runs on SQLite and PostgreSQL). With Hypothesis:

    @examples(300)
    def test_something(examples):
        @settings(max_examples=examples, deadline=None)
        @given(...)
        def check(...): ...

        check()
"""

import pytest

QUICK = 20


def examples(full: int, quick: int = QUICK):
    """Parametrize a property test by its number of examples, the argument `examples`: `quick`
    in `make test`, `full` marked realdata (on the whole country, in `make test-realdata`)."""
    return pytest.mark.parametrize(
        "examples",
        [
            pytest.param(quick, id="snel"),
            pytest.param(full, id="alle", marks=pytest.mark.realdata),
        ],
    )
