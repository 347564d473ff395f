"""The API and the suggestions have a per-client limit: 429 with Retry-After (issue 23)."""

import threading
import types

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from tests.site_settings import environment_without, site_settings
from zoeken import throttle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def one_minute(monkeypatch):
    """The counts are per clock minute: hold the clock at 30 s into one, so that a test on a busy
    machine never runs into the next minute (and its fresh counts) halfway."""
    monkeypatch.setattr(throttle, "time", types.SimpleNamespace(time=lambda: 1_800_000_030.0))


@pytest.fixture
def limit(settings):
    settings.VINDPLEK_API_PER_MINUUT = 3
    cache.clear()
    yield 3
    cache.clear()


@pytest.mark.parametrize("url", ["/api/v1/zoeken?q=1011", "/api/v1/suggesties?q=amst"])
def test_a_client_over_the_limit_gets_429_with_retry_after(limit, url):
    client = Client(REMOTE_ADDR="192.0.2.10")
    assert [client.get(url).status_code for _ in range(limit)] == [200] * limit
    refused = client.get(url)
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert "Probeer het over" in refused.json()["fout"]
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert "public" not in refused.get("Cache-Control", "")
    # Another client is not held back; one IPv6 /64 is one client.
    assert Client(REMOTE_ADDR="192.0.2.11").get(url).status_code == 200


def test_one_ipv6_64_is_one_client(limit):
    statuses = [
        Client(REMOTE_ADDR=f"2001:db8:5:6::{i}").get("/api/v1/steunpunten").status_code
        for i in range(1, limit + 2)
    ]
    assert statuses == [200] * limit + [429]


def test_the_pages_are_not_limited(limit):
    client = Client(REMOTE_ADDR="192.0.2.12")
    assert {client.get("/zoeken/?q=1011").status_code for _ in range(limit + 2)} == {200}


def test_zero_switches_the_limit_off(settings):
    settings.VINDPLEK_API_PER_MINUUT = 0
    client = Client(REMOTE_ADDR="192.0.2.13")
    assert {client.get("/api/v1/zoeken?q=1011").status_code for _ in range(10)} == {200}


def test_the_site_has_a_limit_by_default(settings):
    """The test settings switch it off; the site's own settings do not."""
    env = environment_without("DJANGO_", "VINDPLEK_")
    env |= {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50}
    assert site_settings(env).VINDPLEK_API_PER_MINUUT == 300


def test_parallel_requests_never_pass_more_than_the_limit(settings):
    settings.VINDPLEK_API_PER_MINUUT = 7
    cache.clear()
    request = RequestFactory().get("/api/v1/zoeken", REMOTE_ADDR="192.0.2.14")
    allowed, start = [], threading.Barrier(40)

    def ask():
        start.wait()
        allowed.append(throttle.allow(request))

    threads = [threading.Thread(target=ask) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 7


def test_a_cache_that_is_down_limits_nothing(limit, monkeypatch):
    from steunpunten.cache import breaker

    def down(*args, **kwargs):
        raise ConnectionError("cache weg")

    monkeypatch.setattr(cache, "incr", down)
    request = RequestFactory().get("/api/v1/zoeken", REMOTE_ADDR="192.0.2.15")
    try:
        assert all(throttle.allow(request) for _ in range(limit + 3))
    finally:
        breaker.close()


def test_the_api_page_names_the_limit(client, settings):
    settings.VINDPLEK_API_PER_MINUUT = 300
    assert "300 verzoeken per minuut" in client.get("/api/").content.decode()
