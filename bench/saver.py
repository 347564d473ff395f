"""One save of a steunpunt per second through the edit service, for `make bench` (bench/run.py).

Run as its own process in the benchmark's environment (production settings, the scratch SQLite
file that gunicorn serves) while wrk loads the results pages. Each save changes a published
steunpunt's phone number through beheer.editing.steunpunt_save, as the admin does, so it ends in
the same on_commit move of the data version as a real edit. Stops at SIGTERM and prints how many
saves it made, as JSON, on its last line.
"""

import json
import signal
import sys
import time

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402

from beheer import editing  # noqa: E402
from steunpunten.models import Steunpunt  # noqa: E402

INTERVAL_SECONDS = 1.0
NUMBERS = ("020 111 2233", "020 111 4455")


def beheerder():
    users = get_user_model().objects
    found = users.filter(username="bench-beheer").first()
    return found or users.create_superuser("bench-beheer", "bench@example.org", None)


def save_once(user, pk: int, telefoon: str) -> None:
    steunpunt = Steunpunt.objects.prefetch_related("samenwerkingsverbanden").get(pk=pk)
    steunpunt.telefoon = telefoon
    editing.steunpunt_save(
        user=user, steunpunt=steunpunt, changed={"telefoon"}, expected_versie=steunpunt.versie
    )


def main() -> int:
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    user = beheerder()
    pk = Steunpunt.objects.published().order_by("pk").values_list("pk", flat=True).first()
    print("klaar", flush=True)  # bench/run.py starts its load now
    saves, started = 0, time.monotonic()
    while not stop:
        save_once(user, pk, NUMBERS[saves % 2])
        saves += 1
        time.sleep(max(0.0, started + saves * INTERVAL_SECONDS - time.monotonic()))
    connection.close()
    print(json.dumps({"saves": saves, "seconds": round(time.monotonic() - started, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
