"""Shared test set-up: the shipped data is loaded once per test session.

Every test that uses the database sees the real 150 SWVs, 4,067 PC4 areas and the demo
steunpunten; each test runs in a transaction that is rolled back afterwards.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

SHARED_DATA = Path(settings.VINDPLEK_DATA_DIR)
REGIO_CSV = SHARED_DATA / "regio-indeling-pc4.csv"
GEONAMES_CSV = SHARED_DATA / "geonames-nl-pc4.csv"
GEMEENTEN_CSV = SHARED_DATA / "pc4-gemeente-2024.csv"
SCHOLEN_CSV = SHARED_DATA / "scholen-2024-11.csv"

requires_shared_data = pytest.mark.skipif(
    not all(path.is_file() for path in (REGIO_CSV, GEONAMES_CSV, GEMEENTEN_CSV, SCHOLEN_CSV)),
    reason=f"the shared source data is not here ({SHARED_DATA}); CI always has it",
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_shipped_data", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    """Each test starts with an empty cache and in Dutch.

    Cache keys carry the data version (steunpunten/cache.py); a rollback lowers that number
    again, so without clearing an answer cached in one test could be found by the next. A test
    request in English leaves English active in the thread; the next test starts in Dutch again.
    """
    from django.core.cache import cache
    from django.utils import translation

    from zoeken.index import forget_index

    cache.clear()
    forget_index()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
