"""Shared test set-up: the shipped data is loaded once per test session.

Every test that uses the database sees the real 150 SWVs, 4,067 PC4 areas and the demo
steunpunten; each test runs in a transaction that is rolled back afterwards.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# The repository's own copy of the source data (data/SOURCES.md): always there, never skipped.
DATA_DIR = Path(settings.VINDPLEK_DATA_DIR)
REGIO_CSV = DATA_DIR / "regio-indeling-pc4.csv"
GEONAMES_CSV = DATA_DIR / "geonames-nl-pc4.csv"
GEMEENTEN_CSV = DATA_DIR / "pc4-gemeente-2024.csv"
SCHOLEN_CSV = DATA_DIR / "scholen-2024-11.csv"


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
