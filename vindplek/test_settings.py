"""Settings for the test suite: the real settings with fast hashing and plain static files."""

import copy
import os

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

from vindplek.settings import *  # noqa: E402,F403

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # The test database lives in memory as one shared cache, where an IMMEDIATE transaction
    # would block SQLite's backup API (the backup tests). The site's own settings are tested
    # with parallel saves on a file (tests/beheer/parallel_saves.py).
    DATABASES = copy.deepcopy(DATABASES)  # noqa: F405
    DATABASES["default"]["OPTIONS"].pop("transaction_mode")

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Serve static files from the app folders, so no collectstatic is needed for tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests never reach the network: no geocoder unless a test configures a fake one.
VINDPLEK_GEOCODER = {"class": "", "options": {}, "min_delay_seconds": 1, "timeout": 1}
VINDPLEK_SITE_URL = "http://localhost:8000"
# The suite asks the API hundreds of times a minute from one address; the limit's own tests
# (tests/zoeken/test_api_limit.py) switch it on.
VINDPLEK_API_PER_MINUUT = 0
# A test that edits and then searches sees its edit at once: indexes are built in the request
# (tests/zoeken/test_index_achtergrond.py switches the background builds on).
VINDPLEK_INDEXEN_OP_ACHTERGROND = False
# The suite runs on the development data set (the demo steunpunten loaded, as under `make run`);
# the tests of the production rule switch this off (tests/steunpunten/test_herkomst.py).
VINDPLEK_VOORBEELDEN = True
