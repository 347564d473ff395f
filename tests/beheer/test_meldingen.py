""" "Klopt er iets niet?": stored, mailed, protected (CSRF, honeypot, length, rate limit), scoped."""

import datetime

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.cache.backends import db as db_cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beheer import meldingen
from steunpunten import limieten
from steunpunten.models import Melding, Steunpunt
from tests.admin_helpers import admin_url
from tests.helpers import login_verified, make_staff

pytestmark = pytest.mark.django_db

SLUG = "oudersteunpunt-passend-onderwijs-amsterdam-diemen-po2707-vo2708"


@pytest.fixture(autouse=True)
def lege_limieten():
    caches["limieten"].clear()
    yield
    caches["limieten"].clear()


@pytest.fixture
def steunpunt():
    return Steunpunt.objects.get(slug=SLUG)


def url(slug=SLUG):
    return reverse("beheer:melding", args=[slug])


def test_form_renders_with_accessible_fields(client, steunpunt):
    body = client.get(url()).content.decode()
    assert 'name="csrfmiddlewaretoken"' in body
    assert 'maxlength="2000"' in body
    assert 'aria-describedby="melding-tekst-hulp"' in body
    assert "hidden" in body and 'name="website"' in body


def test_happy_path_stores_and_the_next_mail_of_reports_tells_staff(client, steunpunt):
    make_staff("a", "PO2707", email="a@po2707.example.org")
    make_staff("b", "VO2708", email="b@vo2708.example.org")
    make_staff("c", "PO2801", email="c@po2801.example.org")
    response = client.post(
        url(), {"tekst": "Het telefoonnummer is veranderd.", "email": "ouder@example.org"}
    )
    assert response.status_code == 200
    assert "Bedankt voor uw melding" in response.content.decode()
    melding = Melding.objects.get(steunpunt=steunpunt)
    assert (melding.tekst, melding.email, melding.afgehandeld) == (
        "Het telefoonnummer is veranderd.",
        "ouder@example.org",
        False,
    )
    assert mail.outbox == []  # not from the request: send_meldingen mails (test_meldingen_mail)
    meldingen.send_new_reports()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@po2707.example.org", "b@vo2708.example.org"]
    assert all("Het telefoonnummer is veranderd." in m.body for m in mail.outbox)


@pytest.mark.parametrize("website", ["https://spam.example", "https://spam.example/" + "x" * 500])
def test_honeypot_pretends_success_but_stores_nothing(client, steunpunt, website):
    response = client.post(url(), {"tekst": "Koop nu goedkope pillen", "website": website})
    assert response.status_code == 200
    assert "Bedankt" in response.content.decode()
    assert not Melding.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("data", "veld", "melding"),
    [
        ({"tekst": "x" * 2001}, "tekst", "te lang"),
        ({"tekst": ""}, "tekst", "Schrijf kort op"),
        ({"tekst": "Adres klopt niet", "email": "geen-adres"}, "email", "geldig e-mailadres"),
    ],
)
def test_invalid_input_gets_dutch_message_tied_to_field(client, steunpunt, data, veld, melding):
    response = client.post(url(), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert melding in body
    assert f'id="melding-{veld}-fout"' in body
    assert f'aria-describedby="melding-{veld}-hulp melding-{veld}-fout"' in body
    assert f'href="#melding-{veld}"' in body  # the error summary links to the field
    assert 'aria-invalid="true"' in body
    assert not Melding.objects.exists()
    if veld == "email":
        assert "Adres klopt niet</textarea>" in body  # the other input is kept


def test_csrf_is_required(steunpunt):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url(), {"tekst": "Adres klopt niet"})
    assert response.status_code == 403
    assert not Melding.objects.exists()


def test_rate_limit_per_client_gives_429(client, steunpunt, settings):
    settings.VINDPLEK_MELDINGEN_PER_UUR = 3
    for i in range(3):
        assert client.post(url(), {"tekst": f"Melding nummer {i}"}).status_code == 200
    response = client.post(url(), {"tekst": "Nog een melding"})
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert Melding.objects.count() == 3
    # Another client is not affected.
    other = Client(REMOTE_ADDR="192.0.2.55")
    assert other.post(url(), {"tekst": "Andere bezoeker"}).status_code == 200


def test_rate_limit_holds_for_the_whole_hour_then_opens(client, steunpunt, settings, monkeypatch):
    settings.VINDPLEK_MELDINGEN_PER_UUR = 2
    hour = 500_000
    monkeypatch.setattr(limieten, "current_window", lambda: hour)
    for i in range(2):
        assert client.post(url(), {"tekst": f"Melding nummer {i}"}).status_code == 200
    assert client.post(url(), {"tekst": "Derde"}).status_code == 429
    # 50 minutes later, in the same hour: still counted (the cache's clock moves on too).
    later = timezone.now() + datetime.timedelta(minutes=50)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(db_cache, "tz_now", lambda: later)
    assert client.post(url(), {"tekst": "Vierde"}).status_code == 429
    # The next hour starts a new count.
    monkeypatch.setattr(limieten, "current_window", lambda: hour + 1)
    assert client.post(url(), {"tekst": "Een uur later"}).status_code == 200


def test_rate_limit_is_kept_in_the_database_cache():
    assert caches["limieten"].__class__.__name__ == "DatabaseCache"


def test_unknown_or_unpublished_steunpunt_gives_404(client, steunpunt):
    assert client.post(url("bestaat-niet"), {"tekst": "Adres klopt niet"}).status_code == 404
    Steunpunt.objects.filter(pk=steunpunt.pk).update(gepubliceerd=False)
    assert client.post(url(), {"tekst": "Adres klopt niet"}).status_code == 404


def test_staff_sees_and_handles_only_their_reports(client, steunpunt):
    client.post(url(), {"tekst": "Amsterdam klopt niet"})
    client.post(url("steunpunt-leiden-po2801-vo2801"), {"tekst": "Leiden klopt niet"})
    staff = make_staff("a", "PO2707")
    login_verified(client, staff)
    listing = client.get(admin_url("melding", "changelist")).content.decode()
    assert "Amsterdam klopt niet" in listing and "Leiden klopt niet" not in listing
    both = list(Melding.objects.values_list("pk", flat=True))
    client.post(
        admin_url("melding", "changelist"),
        {"action": "markeer_afgehandeld", "_selected_action": both},
    )
    amsterdam = Melding.objects.get(tekst="Amsterdam klopt niet")
    assert amsterdam.afgehandeld and amsterdam.afgehandeld_door == staff
    assert amsterdam.afgehandeld_op is not None
    assert not Melding.objects.get(tekst="Leiden klopt niet").afgehandeld


# --- Issue 15, finding 7: counted atomically, IPv6 per /64 -----------------------------------

SAME_64 = [f"2001:db8:1:2::{i:x}" for i in range(1, 21)]


def test_ipv6_clients_are_counted_per_64(steunpunt, settings):
    settings.VINDPLEK_MELDINGEN_PER_UUR = 3
    statuses = [
        Client(REMOTE_ADDR=address).post(url(), {"tekst": "Telefoon klopt niet"}).status_code
        for address in SAME_64[:5]
    ]
    assert statuses == [200, 200, 200, 429, 429]
    # Another /64 (next door) is another client; an IPv4-mapped address counts as its IPv4.
    other = Client(REMOTE_ADDR="2001:db8:1:3::1").post(url(), {"tekst": "Adres klopt niet"})
    assert other.status_code == 200
    mapped = Client(REMOTE_ADDR="::ffff:192.0.2.77").post(url(), {"tekst": "Adres klopt niet"})
    assert mapped.status_code == 200
    assert Melding.objects.count() == 3 + 2


def test_client_group():
    from steunpunten.clients import client_group

    assert client_group("2001:db8:1:2::1") == client_group("2001:db8:1:2:ffff:1:2:3")
    assert client_group("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert client_group("2001:db8:1:3::1") != client_group("2001:db8:1:2::1")
    assert client_group("::ffff:192.0.2.7") == client_group("192.0.2.7") == "192.0.2.7"
    assert client_group("192.0.2.7") != client_group("192.0.2.8")
    assert client_group(None) == client_group("geen adres") == "onbekend"


# --- Issue 23, finding 4: a cap per steunpunt, from all clients together ----------------------


def test_a_steunpunt_takes_only_so_many_reports_an_hour_from_all_clients(steunpunt, settings):
    settings.VINDPLEK_MELDINGEN_PER_STEUNPUNT_PER_UUR = 3
    statuses = [
        Client(REMOTE_ADDR=f"192.0.2.{i}").post(url(), {"tekst": "Telefoon klopt niet"})
        for i in range(1, 6)
    ]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429, 429]
    refused = statuses[-1]
    assert "Over dit steunpunt kwamen het afgelopen uur al veel meldingen binnen" in (
        refused.content.decode()
    )
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert Melding.objects.filter(steunpunt=steunpunt).count() == 3
    # Another steunpunt still takes reports.
    other = Steunpunt.objects.published().exclude(pk=steunpunt.pk).first()
    response = Client(REMOTE_ADDR="192.0.2.99").post(url(other.slug), {"tekst": "Adres klopt niet"})
    assert response.status_code == 200


def test_the_client_limit_answers_with_retry_after(client, steunpunt, settings):
    settings.VINDPLEK_MELDINGEN_PER_UUR = 1
    assert client.post(url(), {"tekst": "Eerste melding"}).status_code == 200
    response = client.post(url(), {"tekst": "Tweede melding"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
