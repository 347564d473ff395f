"""Accounts of every role from one place: add_account, the account page, createsuperuser, links."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from beheer import medewerkers
from beheer.login import invitation_token_generator, link_problem
from beheer.models import Uitnodiging
from steunpunten.models import Medewerker, Samenwerkingsverband
from steunpunten.permissions import GROUP_OCW, GROUP_SWV, rol_of
from tests.helpers import login_verified, make_staff

pytestmark = pytest.mark.django_db
User = get_user_model()
WACHTWOORD = "Een-heel-nieuw-wachtwoord-9"


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def groups(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def swv_codes(user) -> list[str]:
    medewerker = Medewerker.objects.filter(user=user).first()
    if medewerker is None:
        return []
    return sorted(medewerker.samenwerkingsverbanden.values_list("code", flat=True))


def link_in(message) -> str:
    return re.search(r"(http\S+/beheer/wachtwoord/\S+/)", message.body).group(1)


def set_password(client, link: str):
    path = link.split("localhost:8000", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    return client.post(form_url, {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD})


# --- add_account --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rol", "extra", "superuser", "expected_groups", "codes"),
    [
        ("swv", ["--swv", "po2707", "VO2708"], False, {GROUP_SWV}, ["PO2707", "VO2708"]),
        ("ocw", [], False, {GROUP_OCW}, []),
        ("beheerder", [], True, set(), []),
    ],
)
def test_add_account_makes_exactly_the_role_and_mails_a_link(
    client, rol, extra, superuser, expected_groups, codes
):
    output = run("add_account", "Nieuw@Example.org", "--rol", rol, "--naam", "An de Vries", *extra)
    user = User.objects.get(email="nieuw@example.org")
    assert user.username == "nieuw@example.org"
    assert user.is_staff and user.is_active and user.is_superuser is superuser
    assert groups(user) == expected_groups
    assert swv_codes(user) == codes
    assert (user.first_name, user.last_name) == ("An", "de Vries")
    assert not user.has_usable_password()  # nobody typed a password for this person
    assert medewerkers.role_of_account(user) == rol
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nieuw@example.org"]
    assert "14 dagen" in mail.outbox[0].body
    link = link_in(mail.outbox[0])
    assert link in output and link.startswith("http://localhost:8000/beheer/wachtwoord/")
    assert Uitnodiging.objects.get(user=user).aantal == 1
    assert set_password(client, link).status_code == 302
    user.refresh_from_db()
    assert user.check_password(WACHTWOORD)


def test_links_follow_the_site_url(settings):
    settings.VINDPLEK_SITE_URL = "http://127.0.0.1:8010"
    output = run("add_account", "a@example.org", "--rol", "ocw")
    assert "http://127.0.0.1:8010/beheer/wachtwoord/" in output
    assert link_in(mail.outbox[0]).startswith("http://127.0.0.1:8010/beheer/wachtwoord/")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x@example.org", "--rol", "swv"], "ten minste één samenwerkingsverband"),
        (["x@example.org", "--rol", "ocw", "--swv", "PO2707"], "Alleen een SWV-medewerker"),
        (["x@example.org", "--rol", "swv", "--swv", "PO9999"], "Onbekend samenwerkingsverband"),
        (["geen-adres", "--rol", "ocw"], "geen geldig e-mailadres"),
    ],
)
def test_add_account_refuses_bad_input_and_makes_nothing(args, message):
    with pytest.raises(CommandError, match=message):
        run("add_account", *args)
    assert not User.objects.exists()
    assert mail.outbox == []


def test_add_account_never_changes_the_role_of_an_existing_account():
    run("add_account", "a@example.org", "--rol", "swv", "--swv", "PO2707")
    with pytest.raises(CommandError, match="al een account als swv-medewerker"):
        run("add_account", "A@example.org", "--rol", "beheerder")
    user = User.objects.get(email="a@example.org")
    assert not user.is_superuser and medewerkers.role_of_account(user) == "swv"


def test_add_account_again_adds_swvs_and_sends_a_new_link():
    run("add_account", "a@example.org", "--rol", "swv", "--swv", "PO2707")
    output = run("add_account", "a@example.org", "--rol", "swv", "--swv", "PO2801")
    user = User.objects.get(email="a@example.org")
    assert swv_codes(user) == ["PO2707", "PO2801"]
    assert output.startswith("Bijgewerkt: a@example.org")
    assert len(mail.outbox) == 2
    assert Uitnodiging.objects.get(user=user).aantal == 2


def test_add_medewerker_stays_the_swv_shorthand():
    run("add_medewerker", "b@example.org", "PO2707")
    user = User.objects.get(email="b@example.org")
    assert medewerkers.role_of_account(user) == "swv" and swv_codes(user) == ["PO2707"]


# --- The role is always exact -------------------------------------------------------------


def test_role_set_replaces_whatever_the_account_had():
    user = make_staff("wissel", "PO2707")
    medewerkers.role_set(user, rol="ocw", swvs=[])
    user.refresh_from_db()
    assert groups(user) == {GROUP_OCW} and swv_codes(user) == [] and not user.is_superuser
    assert rol_of(user).ocw and not rol_of(user).swv_medewerker  # the remembered role is fresh
    medewerkers.role_set(user, rol="beheerder", swvs=[])
    user.refresh_from_db()
    assert user.is_superuser and groups(user) == set()
    swv = Samenwerkingsverband.objects.get(code="VO2708")
    medewerkers.role_set(user, rol="swv", swvs=[swv])
    user.refresh_from_db()
    assert not user.is_superuser and groups(user) == {GROUP_SWV} and swv_codes(user) == ["VO2708"]


@pytest.mark.parametrize(("rol", "codes"), [("swv", []), ("ocw", ["PO2707"]), ("baas", [])])
def test_no_service_path_makes_a_staff_account_without_its_role(rol, codes):
    swvs = list(Samenwerkingsverband.objects.filter(code__in=codes))
    with pytest.raises(medewerkers.MedewerkerError):
        medewerkers.account_store(user=User(email="x@example.org"), rol=rol, swvs=swvs)
    with pytest.raises(medewerkers.MedewerkerError):
        medewerkers.account_save(email="x@example.org", rol=rol, swv_codes=codes)
    assert not User.objects.filter(email="x@example.org").exists()
    user = make_staff("bestaand", "PO2707")
    with pytest.raises(medewerkers.MedewerkerError):
        medewerkers.role_set(user, rol=rol, swvs=swvs)
    assert medewerkers.role_of_account(user) == "swv"


# --- The beheerder's account page ---------------------------------------------------------


def account_data(**values) -> dict:
    data = {"email": "", "first_name": "", "last_name": "", "rol": "", "is_active": "on"}
    data.update(values)
    return data


@pytest.fixture
def beheerder_client():
    client = Client()
    login_verified(client, make_staff("baas", role="beheerder"))
    return client


def test_beheerder_adds_an_ocw_colleague_on_one_page(beheerder_client):
    page = beheerder_client.get("/beheer/auth/user/add/").content.decode()
    for name in ("email", "first_name", "last_name", "rol", "samenwerkingsverbanden"):
        assert f'name="{name}"' in page
    assert 'name="password' not in page  # nobody types another person's password
    response = beheerder_client.post(
        "/beheer/auth/user/add/",
        account_data(email="Collega@OCW.example.org", first_name="Cor", rol="ocw"),
        follow=True,
    )
    assert response.status_code == 200
    user = User.objects.get(email="collega@ocw.example.org")
    assert medewerkers.role_of_account(user) == "ocw" and groups(user) == {GROUP_OCW}
    assert not user.has_usable_password() and user.is_staff
    assert [m.to for m in mail.outbox] == [["collega@ocw.example.org"]]
    assert "Uitnodiging gemaild naar collega@ocw.example.org" in response.content.decode()
    assert Uitnodiging.objects.get(user=user).verstuurd_door.username == "baas"


def test_account_page_refuses_a_role_without_what_it_needs(beheerder_client):
    response = beheerder_client.post(
        "/beheer/auth/user/add/", account_data(email="x@example.org", rol="swv")
    )
    assert response.status_code == 200
    assert "ten minste één samenwerkingsverband" in response.content.decode()
    response = beheerder_client.post("/beheer/auth/user/add/", account_data(email="x@example.org"))
    assert response.status_code == 200 and "rol" in response.context["adminform"].form.errors
    assert not User.objects.filter(email="x@example.org").exists() and mail.outbox == []


def test_account_page_changes_the_role_exactly(beheerder_client):
    user = make_staff("wordt-ocw", "PO2707", email="wordt-ocw@example.org")
    po2801 = Samenwerkingsverband.objects.get(code="PO2801")
    url = f"/beheer/auth/user/{user.pk}/change/"
    page = beheerder_client.get(url).content.decode()
    assert 'value="swv"' in page and "checked" in page
    data = account_data(email=user.email, rol="swv", samenwerkingsverbanden=[po2801.pk])
    assert beheerder_client.post(url, data).status_code == 302
    assert swv_codes(user) == ["PO2801"]
    assert beheerder_client.post(url, account_data(email=user.email, rol="ocw")).status_code == 302
    user.refresh_from_db()
    assert groups(user) == {GROUP_OCW} and swv_codes(user) == []


def test_a_beheerder_cannot_take_their_own_role_away(beheerder_client):
    baas = User.objects.get(username="baas")
    url = f"/beheer/auth/user/{baas.pk}/change/"
    response = beheerder_client.post(url, account_data(email=baas.email, rol="ocw"))
    assert response.status_code == 200 and "Uw eigen rol" in response.content.decode()
    baas.refresh_from_db()
    assert baas.is_superuser


def test_account_list_shows_progress_and_resends_invitations(beheerder_client):
    run("add_account", "nieuw@example.org", "--rol", "swv", "--swv", "PO2707")
    gekozen = make_staff("gekozen", "PO2801", password=WACHTWOORD, email="gekozen@example.org")
    mail.outbox.clear()
    lijst = beheerder_client.get("/beheer/auth/user/").content.decode()
    assert "uitgenodigd; link werkt tot" in lijst
    assert "wachtwoord gekozen, nog niet ingelogd" in lijst
    nieuw = User.objects.get(email="nieuw@example.org")
    response = beheerder_client.post(
        "/beheer/auth/user/",
        {"action": "send_invitation", "_selected_action": [nieuw.pk, gekozen.pk]},
        follow=True,
    )
    body = response.content.decode()
    assert "1 uitnodiging verstuurd" in body and "al een wachtwoord" in body
    assert [m.to for m in mail.outbox] == [["nieuw@example.org"]]
    assert Uitnodiging.objects.get(user=nieuw).aantal == 2
    Uitnodiging.objects.filter(user=nieuw).update(
        verstuurd_op=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    assert "link verlopen op" in beheerder_client.get("/beheer/auth/user/").content.decode()


# --- Links: how long they work and what a refused one says ----------------------------------


def test_an_invitation_works_14_days_and_then_says_it_expired(client, monkeypatch):
    run("add_account", "a@example.org", "--rol", "ocw")
    user = User.objects.get(email="a@example.org")
    link = link_in(mail.outbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    later = invitation_token_generator._now() + datetime.timedelta(days=13)
    monkeypatch.setattr(invitation_token_generator, "_now", lambda: later)
    assert invitation_token_generator.check_token(user, token)
    too_late = later + datetime.timedelta(days=2)
    monkeypatch.setattr(invitation_token_generator, "_now", lambda: too_late)
    assert not invitation_token_generator.check_token(user, token)
    assert link_problem(token, user) == "verlopen"
    body = client.get(link.split("localhost:8000", 1)[1], follow=True).content.decode()
    assert "Deze link is verlopen" in body and "14 dagen" in body


def test_a_used_invitation_says_so(client):
    run("add_account", "a@example.org", "--rol", "ocw")
    link = link_in(mail.outbox[0])
    assert set_password(client, link).status_code == 302
    body = Client().get(link.split("localhost:8000", 1)[1], follow=True).content.decode()
    assert "Deze link is al gebruikt" in body


def test_password_pages_have_plain_dutch_titles(client):
    run("add_account", "a@example.org", "--rol", "ocw")
    link = link_in(mail.outbox[0])
    page = client.get(link.split("localhost:8000", 1)[1], follow=True).content.decode()
    assert "<title>Wachtwoord instellen" in page
    done = client.get("/beheer/wachtwoord/ingesteld/").content.decode()
    assert "Wachtwoord ingesteld" in done and "herinitialisatie" not in done.lower()


# --- createsuperuser: the e-mail address first, in Dutch ------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_createsuperuser_asks_the_email_address_first_in_dutch(monkeypatch):
    asked = []
    answers = iter(["geen-adres", "Eerste@Example.org", "Eva Eerste"])

    def fake_input(prompt):
        asked.append(prompt)
        return next(answers)

    passwords = iter(["kort", "kort", WACHTWOORD, WACHTWOORD])
    monkeypatch.setattr("builtins.input", fake_input)
    monkeypatch.setattr(
        "getpass.getpass", lambda prompt="": asked.append(prompt) or next(passwords)
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("createsuperuser", stdin=Terminal(), stdout=out, stderr=err)
    email_prompt = "E-mailadres (daarmee logt u in): "
    herhaal = ["Wachtwoord: ", "Wachtwoord nog een keer: "]
    assert asked == [email_prompt, email_prompt, "Naam (niet verplicht): ", *herhaal, *herhaal]
    assert "geen geldig e-mailadres" in err.getvalue()
    assert "te kort" in err.getvalue()  # Django's own password rules, in Dutch
    user = User.objects.get(email="eerste@example.org")
    assert user.is_superuser and user.check_password(WACHTWOORD)
    assert medewerkers.role_of_account(user) == "beheerder"
    assert "Beheerder aangemaakt: eerste@example.org" in out.getvalue()


def test_createsuperuser_without_input_mails_a_link(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    output = run("createsuperuser", "--noinput", "--email", "Baas@Example.org")
    user = User.objects.get(email="baas@example.org")
    assert user.is_superuser and not user.has_usable_password()
    assert "Wachtwoordlink gemaild naar baas@example.org" in output
    with pytest.raises(CommandError, match="Er is al een account"):
        run("createsuperuser", "--noinput", "--email", "baas@example.org")
