"""Run by test_concurrency.py in a fresh process: parallel admin saves of one steunpunt on SQLite.

Usage: DJANGO_SQLITE_PATH=/tmp/x.sqlite3 python -m tests.beheer.parallel_saves <threads>
Prints one JSON line: the status of each save and the errors raised (none expected).
"""

import json
import os
import sys
import threading

os.environ["DJANGO_SETTINGS_MODULE"] = "vindplek.test_settings"


def main(count: int) -> dict:
    import django

    from vindplek import test_settings  # sets the environment the site's settings need

    site = sys.modules["vindplek.settings"]

    # The site's own database options: the test settings leave out IMMEDIATE for their
    # in-memory database; here the database is a file, as in production.
    test_settings.DATABASES = site.DATABASES
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from steunpunten.models import Samenwerkingsverband
    from steunpunten.permissions import ensure_roles
    from tests.admin_helpers import admin_url, steunpunt_data
    from tests.helpers import login_verified, make_staff, make_steunpunt

    call_command("migrate", verbosity=0)
    ensure_roles()  # as the test database has them (tests/conftest.py)
    Samenwerkingsverband.objects.create(code="PO2707", naam="Testverband")
    steunpunt = make_steunpunt("PO2707", slug="gedeeld", postcode="1011 AB", plaats="Amsterdam")
    url = admin_url("steunpunt", "change", steunpunt.pk)
    clients = []
    for number in range(count):
        client = Client()
        login_verified(client, make_staff(f"medewerker{number}", "PO2707"))
        clients.append(client)
    opened = steunpunt_data(steunpunt)
    connection.close()

    barrier = threading.Barrier(count)
    results: list = [None] * count

    def save(number: int) -> None:
        from django.db import connection as own

        try:
            barrier.wait()
            data = {**opened, "telefoon": f"020 000 00{number:02d}"}
            response = clients[number].post(url, data)
            conflict = "Iemand anders heeft dit steunpunt gewijzigd" in response.content.decode()
            results[number] = {"status": response.status_code, "conflict": conflict}
        except Exception as error:  # what the old configuration gave: "database is locked"
            results[number] = {"status": 500, "error": f"{type(error).__name__}: {error}"}
        finally:
            own.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    steunpunt.refresh_from_db()
    return {"results": results, "versie": steunpunt.versie, "telefoon": steunpunt.telefoon}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
