"""A cache that is down or hangs never fails or slows a page beyond its short timeout (issue 15).

Two failing Redis servers, neither needs a real Redis: a closed port (connection refused) and a
socket server that accepts connections and never answers (the hang that made a search take 20 s).
"""

import socket
import threading
import time

import pytest
from django.test import override_settings

from steunpunten import cache as vcache
from steunpunten.models import Steunpunt

pytestmark = pytest.mark.django_db

TIMEOUT = 0.2


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends: nobody listens


class SilentServer:
    """Accepts TCP connections and never sends a byte back."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.held: list[socket.socket] = []
        self.accepted = 0  # connections so far: each one is a wait for the timeout
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.listener.accept()
            except OSError:
                return
            self.held.append(connection)
            self.accepted += 1

    def close(self):
        self.listener.close()
        for connection in self.held:
            connection.close()


def redis_settings(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": TIMEOUT, "socket_timeout": TIMEOUT},
        }
    }


@pytest.fixture
def stopped_cache():
    with override_settings(CACHES=redis_settings(closed_port())):
        yield
    vcache.breaker.close()


@pytest.fixture
def silent_cache():
    server = SilentServer()
    with override_settings(CACHES=redis_settings(server.port)):
        yield server
    server.close()
    vcache.breaker.close()


PAGES = [
    ("/", 200),
    ("/zoeken/?q=1011+AB", 200),
    ("/zoeken/?q=Utrecht", 200),
    ("/en/zoeken/?q=3511", 200),
    ("/api/v1/zoeken?q=1011AB", 200),
    ("/overzicht/", 200),
    ("/wegwijzer/?postcode=1011", 200),
    ("/bestaat-niet/", 404),
]


def assert_pages_answer(client, server=None):
    """Every page answers as it should. Against a cache that never answers, a request waits for
    the timeout at most once (one connection to the silent server): the first failure opens the
    breaker, and the rest of the request leaves the cache alone. Counted, not timed, so a busy
    machine cannot make it flake."""
    for url, status in PAGES:
        vcache.breaker.close()  # every request meets the broken cache afresh
        before = server.accepted if server else 0
        response = client.get(url)
        assert response.status_code == status, url
        if server:
            assert server.accepted - before <= 1, (url, server.accepted - before)


def test_a_stopped_cache_fails_no_page(client, stopped_cache):
    assert_pages_answer(client)


def test_a_cache_that_never_answers_slows_no_page_beyond_its_timeout(client, silent_cache):
    assert_pages_answer(client, silent_cache)
    assert silent_cache.accepted >= 1  # the cache was really asked, and really hung


def test_after_one_failure_the_cache_is_left_alone_for_a_while(client, silent_cache):
    vcache.breaker.close()
    client.get("/zoeken/?q=1011+AB")  # meets the timeout once
    waited = silent_cache.accepted
    assert waited == 1
    for pc4 in ("1012", "3511", "9711", "6211"):
        assert client.get(f"/zoeken/?q={pc4}").status_code == 200
    assert silent_cache.accepted == waited  # no timeout waited for any more


@pytest.mark.parametrize("broken", ["stopped_cache", "silent_cache"])
def test_healthz_reports_the_cache_in_its_body_but_stays_200(client, broken, request):
    server = request.getfixturevalue(broken)
    before = server.accepted if server else 0
    response = client.get("/healthz")
    if server:
        assert server.accepted - before <= 1  # one round trip past the breaker, no retries
    assert response.status_code == 200  # the database answers: keep sending traffic
    body = response.content.decode()
    assert body.startswith("ok\n")
    assert "cache: onbereikbaar" in body


def test_healthz_says_ok_for_a_working_cache(client):
    assert client.get("/healthz").content.decode() == "ok\ncache: ok\n"


def test_an_edit_still_shows_while_the_cache_is_down(client, stopped_cache):
    steunpunt = Steunpunt.objects.published().get(samenwerkingsverbanden__code="PO2707")
    steunpunt.naam = "Hernoemd tijdens storing"
    steunpunt.save()
    vcache.bump_data_version()  # as the edit's commit does (the test's transaction never commits)
    assert "Hernoemd tijdens storing" in client.get("/zoeken/?q=1011").content.decode()


def test_after_the_rest_one_trial_call_finds_the_cache_back(monkeypatch):
    """pybreaker's half-open state: the first call after the rest tries the cache again."""
    from django.core.cache.backends.locmem import LocMemCache

    class Flaky(LocMemCache):
        down = True

        def get(self, *args, **kwargs):
            if self.down:
                raise ConnectionError("down")
            return super().get(*args, **kwargs)

    flaky = Flaky("flaky", {})
    flaky.set("k", "bewaard")
    monkeypatch.setattr(vcache.breaker, "reset_timeout", 0.2)
    try:
        assert vcache.read("k", flaky) is None  # fails: the breaker opens
        flaky.down = False
        assert vcache.read("k", flaky) is None  # resting: the cache is not even asked
        time.sleep(0.25)
        assert vcache.read("k", flaky) == "bewaard"  # the trial call succeeds: closed again
        assert vcache.breaker.current_state == "closed"
    finally:
        vcache.breaker.close()
