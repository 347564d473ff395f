"""Admin login security: django-axes lockout and the TOTP second factor (django-otp)."""

import logging

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.test import Client

from tests.helpers import login_verified, make_staff, make_totp_device, totp_token
from tests.site_settings import environment_without, site_settings

pytestmark = pytest.mark.django_db

LOGIN = "/beheer/login/"
WACHTWOORD = "een-lang-en-goed-wachtwoord-2026"


@pytest.fixture
def staff():
    user = make_staff("medewerker-a", "PO2707", password=WACHTWOORD)
    return user, make_totp_device(user)


def login_form(client, username, password, token=""):
    data = {"username": username, "password": password, "otp_token": token, "next": "/beheer/"}
    return client.post(LOGIN, data)


def test_login_page_asks_for_the_code(client):
    body = client.get(LOGIN).content.decode()
    assert 'name="username"' in body and 'name="password"' in body
    assert 'name="otp_token"' in body and 'autocomplete="one-time-code"' in body


def test_full_login_with_password_and_code(client, staff):
    user, device = staff
    response = login_form(client, user.username, WACHTWOORD, totp_token(device))
    assert response.status_code == 302 and response["Location"] == "/beheer/"
    assert client.get("/beheer/steunpunten/steunpunt/").status_code == 200


@pytest.mark.parametrize("token", ["", "000000", "abc"])
def test_right_password_without_right_code_is_not_enough(client, staff, token):
    user, device = staff
    if token == "000000" and totp_token(device) == "000000":
        token = "111111"
    response = login_form(client, user.username, WACHTWOORD, token)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/beheer/").status_code == 302


def test_logged_in_but_unverified_staff_cannot_open_admin(client, staff):
    user, _device = staff
    client.force_login(user, backend="beheer.login.EmailBackend")
    for url in ("/beheer/", "/beheer/steunpunten/steunpunt/", "/beheer/steunpunten/melding/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(LOGIN), url
    superuser = make_staff("baas", role="beheerder")
    client.force_login(superuser, backend="beheer.login.EmailBackend")
    assert client.get("/beheer/auth/user/").status_code == 302


def test_verified_staff_can_open_admin(client, staff):
    user, _device = staff
    login_verified(client, user)
    assert client.get("/beheer/").status_code == 200


def test_otp_can_be_switched_off_for_development(client, staff, settings):
    settings.VINDPLEK_ADMIN_OTP = False
    user, _device = staff
    client.force_login(user, backend="beheer.login.EmailBackend")
    assert client.get("/beheer/").status_code == 200


def _settings_value(name: str, **env) -> str:
    read = site_settings({**environment_without("DJANGO_", "VINDPLEK_"), **env})
    return str(getattr(read, name))


def test_otp_cannot_be_switched_off_in_production():
    prod = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50, "VINDPLEK_ADMIN_OTP_UIT": "1"}
    assert _settings_value("VINDPLEK_ADMIN_OTP", **prod) == "True"
    dev = {"DJANGO_DEBUG": "1"}
    assert _settings_value("VINDPLEK_ADMIN_OTP", **dev) == "True"  # on by default
    assert _settings_value("VINDPLEK_ADMIN_OTP", **dev, VINDPLEK_ADMIN_OTP_UIT="1") == "False"


def test_cookies_secure_in_production_settings():
    assert django_settings.DEBUG is False
    assert django_settings.SESSION_COOKIE_SECURE and django_settings.CSRF_COOKIE_SECURE
    assert django_settings.SESSION_COOKIE_HTTPONLY
    assert django_settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_lockout_after_failures_even_with_right_password(client, staff, caplog):
    user, device = staff
    caplog.set_level(logging.WARNING)
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        response = login_form(client, user.username, "fout-wachtwoord", totp_token(device))
        assert response.status_code in (200, 429)
    response = login_form(client, user.username, WACHTWOORD, totp_token(device))
    assert response.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username=user.username).exists()
    assert any("lock" in record.getMessage().lower() for record in caplog.records)
    # The lock is on this username from this IP address: another address may still log in.
    elders = Client(REMOTE_ADDR="198.51.100.7")
    assert login_form(elders, user.username, WACHTWOORD, totp_token(device)).status_code == 302


def test_a_code_cannot_be_used_twice(client, staff):
    user, device = staff
    token = totp_token(device)
    assert login_form(client, user.username, WACHTWOORD, token).status_code == 302
    client.logout()
    assert login_form(client, user.username, WACHTWOORD, token).status_code == 200


def test_the_lockout_counts_ipv6_clients_per_64(staff):
    """Issue 23: each address of one /64 had its own allowance of failed logins."""
    user, device = staff
    addresses = [f"2001:db8:7:8::{i:x}" for i in range(1, 20)]
    for address in addresses[: django_settings.AXES_FAILURE_LIMIT]:
        login_form(Client(REMOTE_ADDR=address), user.username, "fout-wachtwoord")
    same_64 = Client(REMOTE_ADDR=addresses[-1])
    assert login_form(same_64, user.username, WACHTWOORD, totp_token(device)).status_code == 429
    next_64 = Client(REMOTE_ADDR="2001:db8:7:9::1")
    assert login_form(next_64, user.username, WACHTWOORD, totp_token(device)).status_code == 302
