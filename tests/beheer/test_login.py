"""Logging in as a new staff member would: e-mail login, set-password links, enrolment (issue 13)."""

import datetime
import re
import threading

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.mail.backends import locmem
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from beheer import login, tweedefactor
from beheer.medewerkers import set_password_link
from tests.helpers import login_verified, make_staff, make_totp_device, totp_token
from tests.site_settings import environment_without, site_settings

pytestmark = pytest.mark.django_db

LOGIN = "/beheer/login/"
SETUP = "/beheer/tweede-factor/instellen/"
CODES = "/beheer/tweede-factor/reservecodes/"
WACHTWOORD = "een-lang-en-goed-wachtwoord-2026"


def login_form(client, username, password, token="", next_url="/beheer/"):
    data = {"username": username, "password": password, "otp_token": token, "next": next_url}
    return client.post(LOGIN, data)


def code_for_key(b32key: str) -> str:
    """What an authenticator app shows now for the key typed from the set-up page."""
    import base64

    key = base64.b32decode(b32key.replace(" ", ""))
    return f"{totp(key):06d}"


def enrol(client) -> list[str]:
    """Walk the set-up page as a person would; returns the backup codes shown."""
    page = client.get(SETUP)
    assert page.status_code == 200
    body = page.content.decode()
    key = re.search(r'<code class="sleutel" id="sleutel">([A-Z2-7 ]+)</code>', body).group(1)
    qr = client.get("/beheer/tweede-factor/qr-code/")
    assert qr.status_code == 200 and qr["Content-Type"].startswith("image/svg+xml")
    data = {
        "tweede_factor_instellen_view-current_step": "generator",
        "generator-token": code_for_key(key),
    }
    response = client.post(SETUP, data)
    assert response.status_code == 302 and response["Location"] == CODES
    shown = client.get(CODES).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown)
    assert len(codes) == tweedefactor.BACKUP_CODES
    # Shown once: the next visit only says how many are left.
    again = client.get(CODES).content.decode()
    assert not any(code in again for code in codes) and "10 ongebruikte" in again
    return codes


def test_new_staff_member_enrols_then_reaches_the_admin(client):
    user = make_staff("nieuw", "PO2707", password=WACHTWOORD, email="nieuw@swv.example.org")
    response = login_form(client, "Nieuw@SWV.example.org", WACHTWOORD)
    assert response.status_code == 302
    # Logged in with the password only: the admin itself stays closed, the set-up is next.
    response = client.get("/beheer/", follow=True)
    assert response.redirect_chain[-1][0].startswith(SETUP)
    assert client.get("/beheer/steunpunten/steunpunt/").status_code == 302
    codes = enrol(client)
    assert client.get("/beheer/").status_code == 200
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    # Next time: password and the app's code, or one backup code, once.
    client.logout()
    assert login_form(client, user.email, WACHTWOORD, codes[0].upper()).status_code == 302
    assert client.get("/beheer/").status_code == 200
    client.logout()
    assert login_form(client, user.email, WACHTWOORD, codes[0]).status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == tweedefactor.BACKUP_CODES - 1


def test_setup_page_is_dutch_and_refuses_a_wrong_code(client):
    make_staff("nieuw", "PO2707", password=WACHTWOORD)
    login_form(client, "nieuw@example.org", WACHTWOORD)
    body = client.get(SETUP).content.decode()
    assert "Scan de QR-code" in body and 'lang="nl"' in body
    data = {"tweede_factor_instellen_view-current_step": "generator", "generator-token": "12"}
    response = client.post(SETUP, data)
    assert response.status_code == 200 and "Deze code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.exists()


def test_enrolled_staff_cannot_set_up_a_second_app_without_a_code(client):
    user = make_staff("a", "PO2707", password=WACHTWOORD)
    make_totp_device(user)
    assert login_form(client, user.email, WACHTWOORD, "").status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get(SETUP).status_code == 302


def test_beheerder_resets_a_second_factor(client):
    user = make_staff("kwijt", "PO2707", password=WACHTWOORD)
    device = make_totp_device(user)
    tweedefactor.backup_codes_create(user=user)
    baas = make_staff("baas", role="beheerder")
    login_verified(client, baas)
    lijst = client.get("/beheer/auth/user/").content.decode()
    assert "app ingesteld" in lijst.lower()
    response = client.post(
        "/beheer/auth/user/",
        {"action": "reset_second_factor", "_selected_action": [user.pk]},
        follow=True,
    )
    assert "een nieuwe app in" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()
    # The old code no longer works; the password leads to setting up a new app.
    other = Client()
    assert login_form(other, user.email, WACHTWOORD, totp_token(device)).status_code == 302
    assert other.get("/beheer/", follow=True).redirect_chain[-1][0].startswith(SETUP)


def test_reset_is_for_beheerders_only(client):
    user = make_staff("a", "PO2707", password=WACHTWOORD)
    make_totp_device(user)
    login_verified(client, make_staff("b", "PO2707"))
    response = client.post(
        "/beheer/auth/user/", {"action": "reset_second_factor", "_selected_action": [user.pk]}
    )
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=user).exists()


@pytest.mark.parametrize("rol", ["swv", "beheerder"])
def test_device_admin_pages_are_gone(client, rol):
    user = make_staff("a", "PO2707", role=rol)
    device = login_verified(client, user)
    for pk in (device.pk, 999):
        for url in ("", "change/", "config/", "qrcode/"):
            response = client.get(f"/beheer/otp_totp/totpdevice/{pk}/{url}")
            assert response.status_code == 404, url
    assert client.get("/beheer/otp_static/staticdevice/").status_code == 404


# --- One message for any failed login; wrong codes count toward the lockout (issue 15, 13) ----


def test_wrong_password_and_wrong_code_get_the_same_answer(client):
    user = make_staff("a", "PO2707", password=WACHTWOORD)
    device = make_totp_device(user)
    wrong = "111111" if totp_token(device) != "111111" else "222222"
    answers = [
        login_form(Client(), user.email, "fout-wachtwoord", totp_token(device)),
        login_form(Client(), user.email, WACHTWOORD, wrong),
        login_form(Client(), user.email, WACHTWOORD, ""),
        login_form(Client(), "niemand@example.org", WACHTWOORD, wrong),
    ]
    errors = [
        re.findall(r'<p class="errornote"[^>]*>(.*?)</p>', a.content.decode(), re.S)
        for a in answers
    ]
    assert all(a.status_code == 200 for a in answers)
    assert errors[0] == errors[1] == errors[2] == errors[3]
    assert "klopt niet" in errors[0][0] and "wachtwoord was" not in errors[0][0]


def test_wrong_codes_count_toward_the_lockout(client):
    user = make_staff("a", "PO2707", password=WACHTWOORD)
    device = make_totp_device(user)
    wrong = "111111" if totp_token(device) != "111111" else "222222"
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        login_form(client, user.email, WACHTWOORD, wrong)
    response = login_form(client, user.email, WACHTWOORD, totp_token(device))
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username=user.email).failures_since_start >= 5


def test_lockout_counts_any_spelling_of_the_address_as_one(client):
    user = make_staff("a", "PO2707", password=WACHTWOORD, email="anna@example.org")
    device = make_totp_device(user)
    for spelling in (
        "Anna@example.org",
        "ANNA@example.org",
        " anna@Example.org",
        "anna@EXAMPLE.org",
    ):
        login_form(client, spelling, "fout", "")
    login_form(client, "AnNa@example.org", "fout", "")
    assert login_form(client, user.email, WACHTWOORD, totp_token(device)).status_code == 429


# --- E-mail login ---------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["anna.devries@swv.example.org", "Anna.deVries@SWV.example.org"])
def test_login_with_the_email_address_in_any_case(client, typed):
    user = make_staff("anna.devries@swv.example.org", "PO2707", password=WACHTWOORD)
    device = make_totp_device(user)
    assert login_form(client, typed, WACHTWOORD, totp_token(device)).status_code == 302
    assert client.get("/beheer/").status_code == 200


def test_superuser_with_a_username_logs_in_with_its_address(client):
    user = make_staff("admin", role="beheerder", password=WACHTWOORD, email="Baas@Example.org")
    device = make_totp_device(user)
    assert login_form(client, "baas@example.org", WACHTWOORD, totp_token(device)).status_code == 302


def test_login_page_says_email_and_offers_a_reset(client):
    body = client.get(LOGIN).content.decode()
    assert re.search(r'<label for="id_username"[^>]*>E-mailadres</label>', body)
    assert 'href="/beheer/wachtwoord-vergeten/"' in body


# --- Links: made by a command, refused with the reason, "wachtwoord vergeten?" --------------


def _link_path(user, token=None) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/beheer/wachtwoord/{uid}/{token or default_token_generator.make_token(user)}/"


def test_link_uses_the_site_url(settings):
    settings.VINDPLEK_SITE_URL = "https://vindplek.example.nl"
    user = make_staff("a", "PO2707")
    assert set_password_link(user).startswith("https://vindplek.example.nl/beheer/wachtwoord/")


def test_used_link_says_so(client):
    user = make_staff("a", "PO2707")
    path = _link_path(user)
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    nieuw = {"new_password1": "Een-nieuw-wachtwoord-9x", "new_password2": "Een-nieuw-wachtwoord-9x"}
    assert client.post(form_url, nieuw).status_code == 302
    body = Client().get(path, follow=True).content.decode()
    assert "Deze link is al gebruikt" in body and "Wachtwoord vergeten?" in body


def test_expired_link_says_so(client, monkeypatch):
    user = make_staff("a", "PO2707")
    old = datetime.datetime.now() - datetime.timedelta(days=4)
    monkeypatch.setattr(default_token_generator, "_now", lambda: old)
    token = default_token_generator.make_token(user)
    monkeypatch.undo()
    body = client.get(_link_path(user, token), follow=True).content.decode()
    assert "Deze link is verlopen" in body and "Wachtwoord vergeten?" in body
    assert login.link_problem("!!-onzin") == "gebruikt"
    assert login.link_problem("") == "gebruikt"


def test_password_reset_sends_a_link_and_answers_the_same_for_unknown_addresses(client, settings):
    settings.VINDPLEK_SITE_URL = "https://vindplek.example.nl"
    user = make_staff("a", "PO2707", email="anna@example.org")
    known = client.post("/beheer/wachtwoord-vergeten/", {"email": "Anna@Example.org"}, follow=True)
    unknown = client.post("/beheer/wachtwoord-vergeten/", {"email": "x@example.org"}, follow=True)
    assert known.content == unknown.content
    wait_for_mail_threads()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna@example.org"]
    link = re.search(r"https://vindplek\.example\.nl(/beheer/wachtwoord/\S+/)", mail.outbox[0].body)
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    nieuw = {"new_password1": "Een-nieuw-wachtwoord-9x", "new_password2": "Een-nieuw-wachtwoord-9x"}
    assert client.post(form_url, nieuw).status_code == 302
    user.refresh_from_db()
    assert user.check_password("Een-nieuw-wachtwoord-9x")


def test_password_reset_refuses_a_bad_address_in_dutch(client):
    response = client.post("/beheer/wachtwoord-vergeten/", {"email": "geen-adres"})
    assert response.status_code == 200
    assert "Vul een geldig e-mailadres in" in response.content.decode()


def test_development_processes_share_one_secret_key(tmp_path):
    keyfile = tmp_path / "key"
    clean = environment_without("DJANGO_", "VINDPLEK_")
    env = {**clean, "DJANGO_DEBUG": "1", "VINDPLEK_DEV_SECRET_KEY_FILE": str(keyfile)}
    # Each reading of the settings is what a new process does (the first makes the file).
    first, second = site_settings(env).SECRET_KEY, site_settings(env).SECRET_KEY
    assert first == second == keyfile.read_text() and len(first) > 40
    assert oct(keyfile.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("rol", ["ocw", "beheerder"])
def test_ocw_and_createsuperuser_accounts_enrol_the_same_way(client, rol):
    user = make_staff("eerste", role=rol, password=WACHTWOORD, email="Eerste@Example.org")
    assert login_form(client, "eerste@example.org", WACHTWOORD).status_code == 302
    assert client.get("/beheer/", follow=True).redirect_chain[-1][0].startswith(SETUP)
    enrol(client)
    assert client.get("/beheer/").status_code == 200
    assert tweedefactor.has_second_factor(user)


def test_swv_contact_fields_have_help(client):
    login_verified(client, make_staff("a", "PO2707"))
    from steunpunten.models import Samenwerkingsverband

    swv = Samenwerkingsverband.objects.get(code="PO2707")
    response = client.get(f"/beheer/steunpunten/samenwerkingsverband/{swv.pk}/change/")
    form = response.context["adminform"].form
    assert all(form.fields[name].help_text for name in ("website", "email", "telefoon"))


# --- Issue 23, finding 4: the reset mail leaves the request's timing -------------------------


def wait_for_mail_threads() -> None:
    from beheer.background import THREAD_NAME

    for thread in threading.enumerate():
        if thread.name == THREAD_NAME:
            thread.join(timeout=10)


class SlowMailServer(locmem.EmailBackend):
    """A mail server that answers only when the test lets it, as a slow one over the network can."""

    released = threading.Event()

    def send_messages(self, messages):
        SlowMailServer.released.wait(timeout=10)
        return super().send_messages(messages)


def test_a_known_address_answers_as_fast_as_an_unknown_one(client, settings):
    settings.EMAIL_BACKEND = f"{__name__}.SlowMailServer"
    make_staff("traag", "PO2707", email="traag@example.org")
    SlowMailServer.released.clear()
    for email in ("traag@example.org", "onbekend@example.org"):
        response = client.post("/beheer/wachtwoord-vergeten/", {"email": email})
        assert response.status_code == 302
    # Both answers came while the mail server still held the mail: nobody waited for it, so a
    # known address takes as long as an unknown one (counted, not timed).
    assert mail.outbox == []
    SlowMailServer.released.set()
    wait_for_mail_threads()
    assert [m.to for m in mail.outbox] == [["traag@example.org"]]


def test_a_mail_server_that_fails_costs_the_visitor_nothing(client, settings, caplog):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    make_staff("kapot", "PO2707", email="kapot@example.org")
    response = client.post("/beheer/wachtwoord-vergeten/", {"email": "kapot@example.org"})
    assert response.status_code == 302
    wait_for_mail_threads()
    # Logged (by Django's reset form, which catches it), never shown to the visitor.
    assert any("password reset email" in record.getMessage() for record in caplog.records)
    assert mail.outbox == []


class BrokenMailServer(locmem.EmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server weg")
