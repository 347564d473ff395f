"""Shared test set-up: a small part of the shipped data, and the whole country on demand.

Every test that uses the database sees a real sample (tests/sample.py: a few regions with their
SWVs, PC4 areas, places, schools and demo steunpunten); each test runs in a transaction that is
rolled back afterwards. Tests marked `realdata` (whole-country sweeps, real-file imports, backup
round trips, property tests at full size; `make test-realdata`) run last and see all 150 SWVs and
4,067 PC4 areas: the first of them loads the rest of the shipped data (steunpunten/shipped.py, a
few seconds). `make test-realdata` also runs the tests marked `processen` (they start gunicorn or
manage.py), on the sample.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.signals import setting_changed
from django.dispatch import receiver

# The repository's own copy of the source data (data/SOURCES.md): always there, never skipped.
DATA_DIR = Path(settings.VINDPLEK_DATA_DIR)
REGIO_CSV = DATA_DIR / "regio-indeling-pc4.csv"
GEONAMES_CSV = DATA_DIR / "geonames-nl-pc4.csv"
GEMEENTEN_CSV = DATA_DIR / "pc4-gemeente-2024.csv"
SCHOLEN_CSV = DATA_DIR / "scholen-2024-11.csv"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    from steunpunten.demo import demo_tijden, shift_demo_dates
    from steunpunten.permissions import ensure_roles
    from tests.sample import load_sample

    with django_db_blocker.unblock():
        load_sample(tmp_path_factory.mktemp("sample"))
        shift_demo_dates()  # as load_shipped_data does
        demo_tijden()
        # The role groups with their permissions, as `make run` and a deployment make them;
        # a test that changes them is rolled back like any other.
        ensure_roles()
        _START_INDEXES.append(_built_indexes())


# The in-memory indexes (steunpunten/indexen.py) of the data as loaded: every test starts from
# that data, so it starts with these indexes instead of building them again (tens of ms a test)
# and every test finds the same ones, whichever test ran before it in the worker.
_START_INDEXES: list[tuple] = []


def _built_indexes() -> tuple:
    from steunpunten.indexen import forget_indexes, snapshot_indexes
    from zoeken import index, school_search, search, suggesties

    forget_indexes()
    index.current_index()
    search.name_list()
    school_search.school_index(aliases=search.school_aliases())
    suggesties.place_names()
    return snapshot_indexes()


@receiver(setting_changed)
def _indexes_follow_the_demo_setting(setting, **kwargs):
    """Whether the demo steunpunten are published is in the indexes, not in their version."""
    if setting == "VINDPLEK_VOORBEELDEN":
        from steunpunten.indexen import forget_indexes

        forget_indexes()


@pytest.fixture(scope="session")
def national_data(django_db_setup, django_db_blocker):
    """The whole shipped data set (over the sample, which is part of it), loaded once."""
    with django_db_blocker.unblock():
        call_command("load_shipped_data", "--force", verbosity=0)


# Whole-country tests marked here by name (the others carry @pytest.mark.realdata): the national
# demo figures (127 of 150), sweeps over every gemeente and PC4, and the national place-name index.
REALDATA_MODULES = {"tests/zoeken/test_gemeenten_zoeken.py"}
REALDATA_TESTS = {
    "tests/steunpunten/test_coverage.py": {
        "test_demo_totals_equal_the_single_definition",
        "test_unpublishing_lowers_the_totals",
        "test_in_oprichting_counts_apart_from_active",
        "test_a_new_steunpunt_raises_the_totals",
    },
    "tests/steunpunten/test_coverage_definition.py": {
        "test_demo_data_covers_exactly_127_of_150",
        "test_only_published_active_steunpunten_count",
    },
    "tests/steunpunten/test_gemeenten.py": {
        "test_every_pc4_of_the_gemeente_file_has_that_gemeente_its_source_and_a_province",
        "test_the_2015_gemeente_of_the_law_is_kept_beside_the_current_one",
        "test_every_old_gemeente_of_the_2015_table_has_its_year",
        "test_generated_swv_names_use_todays_gemeenten",
        "test_no_centroid_lies_far_from_its_gemeente_unless_the_land_does",
        "test_rottum_is_no_longer_averaged_with_epe",
        "test_province_of_each_swv_covers_every_pc4_it_has",
        "test_demo_dates_move_with_the_day_the_data_is_loaded",
    },
}


def pytest_collection_modifyitems(items):
    # After pytest-django's own ordering (tryfirst) and before the -m selection.
    for item in items:
        path = item.nodeid.split("::")[0]
        if path in REALDATA_MODULES or item.originalname in REALDATA_TESTS.get(path, ()):
            item.add_marker(pytest.mark.realdata)
    # The sample tests first: once the whole country is in, it stays for the rest of the session.
    items.sort(key=lambda item: item.get_closest_marker("realdata") is not None)
    for item in items:
        if item.get_closest_marker("realdata"):
            # A new list: the parametrized siblings of a test share one (tests/eigenschappen.py
            # marks only the full-size one realdata).
            item.fixturenames = ["national_data", *item.fixturenames]


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    """Each test starts with an empty cache and in Dutch.

    Cache keys carry the data version (steunpunten/cache.py); a rollback lowers that number
    again, so without clearing an answer cached in one test could be found by the next. For the
    same reason the in-memory indexes are put back to those of the data as loaded (none yet before
    the first database test). A test request in English leaves English active in the thread; the
    next test starts in Dutch again.
    """
    from django.core.cache import cache
    from django.utils import translation

    from steunpunten.indexen import restore_indexes

    cache.clear()
    restore_indexes(_START_INDEXES[0] if _START_INDEXES else ({}, {}))
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
