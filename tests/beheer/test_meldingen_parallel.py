"""Issue 15, finding 7: parallel reports never pass the limit, for IPv4 and for one IPv6 /64.

Apart from test_meldingen.py: that module clears the limit cache in each test's transaction,
and a SQLite database cannot be copied while its own transaction writes.
"""

import ast

import pytest
from django.db import connection

from steunpunten.backup import backup_database
from tests.steunpunten.test_backup import manage

# 40 parallel POSTs in a manage.py process on a file database: `make test-realdata`.
pytestmark = [pytest.mark.django_db, pytest.mark.processen]

SLUG = "oudersteunpunt-passend-onderwijs-amsterdam-diemen-po2707-vo2708"
SAME_64 = [f"2001:db8:1:2::{i:x}" for i in range(1, 21)]

# 20 parallel POSTs from one client, each thread with its own database connection, against a
# file database as in production (the test database is one shared in-memory connection).
PARALLEL_SCENARIO = """
import threading
from django.core.cache import caches
from django.db import connection
from django.test import Client
from steunpunten.models import Melding, Steunpunt

url = "/steunpunten/{slug}/melding/"
caches["limieten"].clear()
results = {{}}
for name, addresses in {{"ipv4": ["192.0.2.9"] * 20, "ipv6": {same_64}}}.items():
    barrier, statuses = threading.Barrier(20), []
    before = Melding.objects.count()

    def post(address):
        client = Client(REMOTE_ADDR=address)
        barrier.wait()
        try:
            statuses.append(client.post(url, {{"tekst": "Het nummer klopt niet"}}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(a,)) for a in addresses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results[name] = (Melding.objects.count() - before, sorted(statuses))
print("UITKOMST:", results)
"""


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a file database beside the tests")
def test_parallel_reports_never_pass_the_limit(tmp_path):
    database = backup_database(tmp_path / "site.sqlite3")
    script = PARALLEL_SCENARIO.format(slug=SLUG, same_64=SAME_64)
    result = manage(
        "shell",
        "-c",
        script,
        DJANGO_SQLITE_PATH=str(database),
        DATABASE_URL="",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        VINDPLEK_MELDINGEN_PER_UUR="5",
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("UITKOMST:"))
    results = ast.literal_eval(line.removeprefix("UITKOMST:").strip())
    for name in ("ipv4", "ipv6"):
        stored, statuses = results[name]
        assert stored == 5, (name, results)
        assert statuses == [200] * 5 + [429] * 15, (name, results)
