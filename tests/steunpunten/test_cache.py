"""Caching of search answers: keyed by the data version, so every edit shows on the next request."""

import datetime
import json
import os
import socket
import uuid

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from beheer import editing
from steunpunten import cache as vcache
from steunpunten.demo import shift_demo_dates
from steunpunten.models import Postcodegebied, Samenwerkingsverband, Steunpunt
from tests.site_settings import site_settings
from zoeken import search

pytestmark = pytest.mark.django_db


def version():
    return vcache.current_version()


def _beheerder():
    from django.contrib.auth import get_user_model

    from tests.helpers import make_staff

    found = get_user_model().objects.filter(username="beheer").first()
    return found or make_staff("beheer", role="beheerder")


def _edit_steunpunt():
    steunpunt = Steunpunt.objects.published().first()
    steunpunt.telefoon = "020 123 4567"
    editing.steunpunt_save(
        user=_beheerder(),
        steunpunt=steunpunt,
        changed={"telefoon"},
        expected_versie=steunpunt.versie,
    )


def _new_steunpunt():
    swv = Samenwerkingsverband.objects.get(code="PO2707")
    editing.steunpunt_save(
        user=_beheerder(),
        steunpunt=Steunpunt(naam="Nieuw", slug="nieuw", alleen_online=True),
        changed={"naam"},
        swvs=[swv],
    )


def _record_peiling():
    from steunpunten.peilingen import record_peiling

    record_peiling(datum=datetime.date(2024, 3, 1))


# Every service that writes public data; each ends in transaction.on_commit(bump_version).
WRITES = {
    "steunpunt bewerkt": _edit_steunpunt,
    "steunpunt toegevoegd": _new_steunpunt,
    "alles klopt nog": lambda: editing.steunpunt_confirm_checked(
        user=_beheerder(),
        steunpunt=(s := Steunpunt.objects.published().first()),
        expected_versie=s.versie,
    ),
    "steunpunt verwijderd": lambda: editing.steunpunt_delete(
        user=_beheerder(), steunpunt=Steunpunt.objects.published().first()
    ),
    "swv bewerkt": lambda: editing.swv_save(
        user=_beheerder(), swv=Samenwerkingsverband.objects.get(code="PO2707")
    ),
    "postcodegebied bewerkt": lambda: editing.reference_save(
        user=_beheerder(), obj=Postcodegebied.objects.get(pc4="1011")
    ),
    "postcodegebied verwijderd": lambda: editing.reference_delete(
        user=_beheerder(), obj=Postcodegebied.objects.create(pc4="1000")
    ),
    "peiling vastgelegd": _record_peiling,
    "voorbeelddata verschoven": lambda: shift_demo_dates(
        today=datetime.date.today() + datetime.timedelta(days=3)
    ),
}


# The writes that change places or postcode areas move the place version too (issue 23, finding
# 5); the others leave the place indexes of every worker as they are.
PLACE_WRITES = {"postcodegebied bewerkt", "postcodegebied verwijderd"}


@pytest.mark.parametrize("name", WRITES.keys())
def test_every_write_of_public_data_moves_the_version_once_committed(
    name, django_capture_on_commit_callbacks
):
    before, plaatsversie = vcache.versions()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        WRITES[name]()
        assert version() == before  # not yet: readers still see the data of before
    if name in PLACE_WRITES:
        assert callbacks == [vcache.bump_version]
        assert vcache.place_version() > plaatsversie
    else:
        assert callbacks == [vcache.bump_data_version]
        assert vcache.place_version() == plaatsversie
    assert version() > before


def test_a_write_that_is_rolled_back_leaves_the_version_alone(django_capture_on_commit_callbacks):
    from django.db import transaction

    before = version()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _edit_steunpunt()
        raise RuntimeError("mislukt")
    assert callbacks == []
    assert version() == before


def test_the_version_never_goes_back():
    """The clock carries it past every number used before, also after a restore (past=...)."""
    from steunpunten.models import Gegevensversie

    Gegevensversie.objects.update(versie=5)
    vcache.bump_version()
    clock = version()
    assert clock > 10**15  # microseconds since 1970
    vcache.bump_version()
    assert version() > clock
    far_ahead = clock + 10**9
    vcache.bump_version(past=far_ahead)
    assert version() == far_ahead + 1


def test_version_row_is_created_when_missing():
    from steunpunten.models import Gegevensversie

    Gegevensversie.objects.all().delete()
    assert version() == 0
    vcache.bump_version()
    assert version() > 0 and Gegevensversie.objects.count() == 1


def _save(steunpunt, **values):
    """The edit service as the admin calls it, committed (its on_commit hook runs)."""
    for name, value in values.items():
        setattr(steunpunt, name, value)
    editing.steunpunt_save(
        user=_beheerder(),
        steunpunt=steunpunt,
        changed=set(values),
        expected_versie=steunpunt.versie,
    )


def test_an_edit_is_visible_on_the_very_next_request(client, django_capture_on_commit_callbacks):
    steunpunt = Steunpunt.objects.published().get(samenwerkingsverbanden__code="PO2707")
    assert steunpunt.naam in client.get("/zoeken/?q=1011").content.decode()
    assert steunpunt.naam in client.get("/zoeken/?q=1011").content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        _save(steunpunt, naam="Hernoemd Steunpunt")
    html = client.get("/zoeken/?q=1011").content.decode()
    assert "Hernoemd Steunpunt" in html
    with django_capture_on_commit_callbacks(execute=True):
        _save(steunpunt, gepubliceerd=False)
    assert "Hernoemd Steunpunt" not in client.get("/zoeken/?q=1011").content.decode()
    data = client.get("/api/v1/zoeken?q=1011").json()
    assert data["samenwerkingsverbanden"]["po"]["heeft_steunpunt"] is False


def test_an_swv_change_is_visible_too(client, django_capture_on_commit_callbacks):
    client.get("/zoeken/?q=1011")
    swv = Samenwerkingsverband.objects.get(code="PO2707")
    swv.naam = "Nieuwe naam PO Amsterdam"
    with django_capture_on_commit_callbacks(execute=True):
        editing.swv_save(user=_beheerder(), swv=swv)
    assert "Nieuwe naam PO Amsterdam" in client.get("/zoeken/?q=1011").content.decode()


def test_two_processes_with_their_own_memory_never_serve_an_old_answer(
    django_capture_on_commit_callbacks,
):
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
    with django_capture_on_commit_callbacks(execute=True):
        _save(steunpunt, naam="Na de wijziging")  # done in the admin, served by a third process
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

    used = [version()]
    try:
        first = vcache.get_or_compute("zoek", vraag.cache_key, compute, cache=server_a)
        second = vcache.get_or_compute("zoek", vraag.cache_key, compute, cache=server_b)
        assert first == second and len(calls) == 1  # B found A's answer
        vcache.bump_version()  # what every write does once committed
        used.append(version())
        vcache.get_or_compute("zoek", vraag.cache_key, compute, cache=server_b)
        assert len(calls) == 2
    finally:
        server_a.delete_many([vcache.make_key("zoek", vraag.cache_key, v) for v in used])


def settings_caches(environment: dict) -> dict:
    env = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_CACHE_URL": "", "REDIS_URL": ""}
    # As JSON, the way a process would print them (a tuple becomes a list).
    return json.loads(json.dumps(site_settings({**env, **environment}).CACHES["default"]))


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
    request.addfinalizer(vcache.breaker.close)

    class Broken(LocMemCache):
        def get(self, *args, **kwargs):
            raise ValueError("cannot unpickle")

        def set(self, *args, **kwargs):
            raise ConnectionError("down")

    broken = Broken(f"d-{uuid.uuid4()}", {})
    assert vcache.get_or_compute("t", "k", lambda: "vers", cache=broken) == "vers"
