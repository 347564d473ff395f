"""Staff sessions end after 30 minutes idle and 12 hours at most; public pages have no session."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import override_settings

from beheer.sessies import LAST_USED, STARTED
from steunpunten.models import Steunpunt
from tests.helpers import login_verified, make_staff

pytestmark = pytest.mark.django_db

MINUTE = 60
HOUR = 60 * MINUTE


@pytest.fixture
def beheerder(client):
    login_verified(client, make_staff("sessie-beheerder", role="beheerder"))
    assert client.get("/beheer/").status_code == 200  # the session records its start
    return client


def set_times(client, *, started_ago: float, idle: float) -> None:
    session = client.session
    now = time.time()
    session[STARTED] = now - started_ago
    session[LAST_USED] = now - idle
    session.save()


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/beheer/login/")


def test_the_defaults_are_30_minutes_idle_and_12_hours_at_most():
    assert settings.VINDPLEK_SESSIE_INACTIEF_MINUTEN == 30
    assert settings.VINDPLEK_SESSIE_MAX_UREN == 12
    assert settings.SESSION_COOKIE_AGE == 12 * HOUR  # the stored session never outlives it
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_a_session_used_within_the_limits_stays(beheerder):
    set_times(beheerder, started_ago=11 * HOUR, idle=29 * MINUTE)
    assert beheerder.get("/beheer/").status_code == 200
    # Using it moved the idle clock on.
    assert time.time() - beheerder.session[LAST_USED] < MINUTE


def test_a_session_idle_for_more_than_30_minutes_ends(beheerder):
    set_times(beheerder, started_ago=HOUR, idle=31 * MINUTE)
    response = beheerder.get("/beheer/")
    assert is_login_redirect(response)
    login_page = beheerder.get(response["Location"]).content.decode()
    assert "sessie verlopen" in login_page
    # Logged out for good: the next request is still not let in.
    assert is_login_redirect(beheerder.get("/beheer/"))


def test_a_session_older_than_12_hours_ends_even_when_in_use(beheerder):
    set_times(beheerder, started_ago=12 * HOUR + MINUTE, idle=MINUTE)
    assert is_login_redirect(beheerder.get("/beheer/"))


def test_an_ended_session_no_longer_downloads_the_exports(client):
    login_verified(client, make_staff("sessie-ocw", role="ocw"))
    assert client.get("/overzicht/export.csv").status_code == 200
    set_times(client, started_ago=HOUR, idle=HOUR)
    assert is_login_redirect(client.get("/overzicht/export.csv"))


@override_settings(VINDPLEK_SESSIE_INACTIEF_MINUTEN=5, VINDPLEK_SESSIE_MAX_UREN=1)
def test_both_limits_are_configurable(beheerder):
    set_times(beheerder, started_ago=10 * MINUTE, idle=4 * MINUTE)
    assert beheerder.get("/beheer/").status_code == 200
    set_times(beheerder, started_ago=10 * MINUTE, idle=6 * MINUTE)
    assert is_login_redirect(beheerder.get("/beheer/"))
    login_verified(beheerder, make_staff("sessie-tweede", role="beheerder"))
    set_times(beheerder, started_ago=61 * MINUTE, idle=0)
    assert is_login_redirect(beheerder.get("/beheer/"))


def public_urls() -> list[str]:
    steunpunt = Steunpunt.objects.published().order_by("pk").first()
    swv = steunpunt.samenwerkingsverbanden.order_by("code").first()
    return [
        "/",
        "/zoeken/?q=1011",
        "/zoeken/?q=Amsterdam",
        "/zoeken/?q=0000",
        "/en/zoeken/?q=1011",
        steunpunt.get_absolute_url(),
        f"/samenwerkingsverbanden/{swv.code}/",
        "/overzicht/",
        "/regio/",
        "/wegwijzer/",
        "/over/",
        "/api/v1/zoeken?q=1011",
        "/api/v1/steunpunten",
        "/bestaat-niet/",
        f"/steunpunten/{steunpunt.slug}/melding/",
    ]


def test_public_pages_have_no_session(client):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code in (200, 302, 400, 404), url
        assert settings.SESSION_COOKIE_NAME not in response.cookies, url
        assert not response.wsgi_request.session.accessed, url
    assert not Session.objects.exists()
