"""Caching of search answers: keyed by the data version, so every edit shows on the next request."""

import json
import os
import socket
import subprocess
import sys
import uuid

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from steunpunten import cache as vcache
from steunpunten.models import Plaatsnaam, Postcodegebied, Samenwerkingsverband, Steunpunt
from tests.helpers import make_steunpunt
from zoeken import search

pytestmark = pytest.mark.django_db


def version():
    return vcache.current_version()


@pytest.mark.parametrize(
    "change",
    [
        lambda: make_steunpunt("PO2707", slug="nieuw"),
        lambda: Steunpunt.objects.published().first().save(),
        lambda: Steunpunt.objects.published().first().delete(),
        lambda: Samenwerkingsverband.objects.get(code="PO2707").save(),
        lambda: Postcodegebied.objects.get(pc4="1011").save(),
        lambda: Plaatsnaam.objects.first().save(),
        lambda: Steunpunt.objects.published().first().samenwerkingsverbanden.clear(),
        lambda: Samenwerkingsverband.objects.get(code="PO3008").steunpunten.add(
            Steunpunt.objects.published().first()
        ),
    ],
)
def test_every_change_of_public_data_raises_the_version(change):
    before = version()
    change()
    assert version() > before


def test_one_transaction_raises_the_version_once():
    """A save that writes the steunpunt, its SWVs and its history moves the version by one."""
    from django.db import transaction

    before = version()
    with transaction.atomic():
        steunpunt = make_steunpunt("PO2707", slug="nieuw")  # a save and an m2m change
        steunpunt.telefoon = "020 123 4567"
        steunpunt.save()
        Samenwerkingsverband.objects.get(code="PO2707").save()
    assert version() == before + 1
    with transaction.atomic():
        steunpunt.save()
    assert version() == before + 2  # the next transaction moves it again


def test_a_rolled_back_savepoint_takes_its_bump_along():
    from django.db import transaction

    before = version()
    with transaction.atomic():
        try:
            with transaction.atomic():
                Steunpunt.objects.published().first().save()
                raise RuntimeError("mislukt")
        except RuntimeError:
            pass
        assert version() == before  # the bump went with the savepoint
        Steunpunt.objects.published().first().save()
    assert version() == before + 1


def test_version_row_is_created_when_missing():
    from steunpunten.models import Gegevensversie

    Gegevensversie.objects.all().delete()
    assert version() == 0
    vcache.bump_version()
    assert version() == 1


def test_an_edit_is_visible_on_the_very_next_request(client):
    steunpunt = Steunpunt.objects.published().get(samenwerkingsverbanden__code="PO2707")
    assert steunpunt.naam in client.get("/zoeken/?q=1011").content.decode()
    assert steunpunt.naam in client.get("/zoeken/?q=1011").content.decode()  # now cached
    steunpunt.naam = "Hernoemd Steunpunt"
    steunpunt.save()
    html = client.get("/zoeken/?q=1011").content.decode()
    assert "Hernoemd Steunpunt" in html
    steunpunt.gepubliceerd = False
    steunpunt.save()
    assert "Hernoemd Steunpunt" not in client.get("/zoeken/?q=1011").content.decode()
    data = client.get("/api/v1/zoeken?q=1011").json()
    assert data["samenwerkingsverbanden"]["po"]["heeft_steunpunt"] is False


def test_an_swv_change_is_visible_too(client):
    client.get("/zoeken/?q=1011")
    swv = Samenwerkingsverband.objects.get(code="PO2707")
    swv.naam = "Nieuwe naam PO Amsterdam"
    swv.save()
    assert "Nieuwe naam PO Amsterdam" in client.get("/zoeken/?q=1011").content.decode()


def test_two_processes_with_their_own_memory_never_serve_an_old_answer():
    # Two workers, each with its own per-process memory cache.
    worker_a = LocMemCache(f"a-{uuid.uuid4()}", {})
    worker_b = LocMemCache(f"b-{uuid.uuid4()}", {})
    vraag = search.parse_query("1011")

    def ask(worker):
        return vcache.get_or_compute(
            "zoek", vraag.cache_key, lambda: search.resolve(vraag), cache=worker
        )

    old_name = ask(worker_a).po.steunpunten[0].naam
    assert ask(worker_b).po.steunpunten[0].naam == old_name
    steunpunt = Steunpunt.objects.get(pk=ask(worker_a).po.steunpunten[0].pk)
    steunpunt.naam = "Na de wijziging"
    steunpunt.save()  # done in the admin, served by a third process
    assert ask(worker_a).po.steunpunten[0].naam == "Na de wijziging"
    assert ask(worker_b).po.steunpunten[0].naam == "Na de wijziging"


def test_a_cache_hit_does_not_compute_again():
    memory = LocMemCache(f"c-{uuid.uuid4()}", {})
    calls = []

    def compute():
        calls.append(1)
        return "antwoord"

    assert vcache.get_or_compute("t", "k", compute, cache=memory) == "antwoord"
    assert vcache.get_or_compute("t", "k", compute, cache=memory) == "antwoord"
    assert len(calls) == 1
    vcache.bump_version()
    vcache.get_or_compute("t", "k", compute, cache=memory)
    assert len(calls) == 2


def test_keys_are_short_and_safe():
    key = vcache.make_key("zoek", "naam:" + "x" * 500 + " é\n", 7)
    assert len(key) < 80 and " " not in key and "\n" not in key and ":v7:" in key


def test_the_version_is_read_once_per_request(rf, django_assert_num_queries):
    request = rf.get("/")
    with django_assert_num_queries(1):
        vcache.current_version(request)
        vcache.current_version(request)


def redis_is_running() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_is_running(), reason="no Redis on 127.0.0.1:6379")
def test_two_servers_share_answers_through_redis():
    prefix = f"vindplek-test-{uuid.uuid4()}"
    server_a = RedisCache("redis://127.0.0.1:6379/0", {"KEY_PREFIX": prefix})
    server_b = RedisCache("redis://127.0.0.1:6379/0", {"KEY_PREFIX": prefix})
    vraag = search.parse_query("1011")
    calls = []

    def compute():
        calls.append(1)
        return search.resolve(vraag)

    try:
        first = vcache.get_or_compute("zoek", vraag.cache_key, compute, cache=server_a)
        second = vcache.get_or_compute("zoek", vraag.cache_key, compute, cache=server_b)
        assert first == second and len(calls) == 1  # B found A's answer
        Steunpunt.objects.get(pk=first.po.steunpunten[0].pk).save()
        vcache.get_or_compute("zoek", vraag.cache_key, compute, cache=server_b)
        assert len(calls) == 2
    finally:
        server_a.delete_many(
            [vcache.make_key("zoek", vraag.cache_key, v) for v in range(version() + 1)]
        )


def settings_caches(environment: dict) -> dict:
    env = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_CACHE_URL": "", "REDIS_URL": ""}
    env.update(environment)
    code = (
        "import json; from vindplek import settings; print(json.dumps(settings.CACHES['default']))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(output.stdout)


def test_cache_backend_is_chosen_by_the_environment():
    assert settings_caches({})["BACKEND"].endswith("LocMemCache")
    redis = settings_caches({"DJANGO_CACHE_URL": "redis://cache.example:6379/1"})
    assert redis == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.example:6379/1",
        # A Redis that is down or hangs costs a quarter second, not the page (issue 15).
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }
    slower = settings_caches(
        {"DJANGO_CACHE_URL": "redis://c:6379/0", "DJANGO_CACHE_TIMEOUT_MS": "400"}
    )
    assert slower["OPTIONS"]["socket_timeout"] == 0.4
    assert settings_caches({"REDIS_URL": "redis://r:6379/0"})["LOCATION"] == "redis://r:6379/0"


def test_an_unreadable_cache_entry_is_a_miss(request):
    request.addfinalizer(vcache.forget_failures)

    class Broken(LocMemCache):
        def get(self, *args, **kwargs):
            raise ValueError("cannot unpickle")

        def set(self, *args, **kwargs):
            raise ConnectionError("down")

    broken = Broken(f"d-{uuid.uuid4()}", {})
    assert vcache.get_or_compute("t", "k", lambda: "vers", cache=broken) == "vers"
