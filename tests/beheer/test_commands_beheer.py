"""The beheer commands: add_medewerker, ensure_roles, send_reminders, geocode_steunpunten."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from steunpunten.models import Steunpunt
from steunpunten.permissions import GROUP_OCW, GROUP_SWV
from tests.helpers import make_staff, make_steunpunt

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_ensure_roles_is_idempotent():
    run("ensure_roles")
    first = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    group = Group.objects.get(name=GROUP_OCW)
    group.permissions.clear()  # a drifted group is put right again
    run("ensure_roles")
    second = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert first == second
    assert Group.objects.filter(name__in=[GROUP_SWV, GROUP_OCW]).count() == 2
    assert (
        "change_steunpunt" in second[GROUP_SWV]
        and "delete_samenwerkingsverband" not in second[GROUP_SWV]
    )
    assert all(code.startswith("view_") for code in second[GROUP_OCW])


def test_medewerker_creates_account_without_password_and_mails_link(client):
    output = run("add_medewerker", "Nieuw@SWV.example.org", "po2707", "VO2708")
    user = get_user_model().objects.get(username="nieuw@swv.example.org")
    assert user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    assert user.groups.filter(name=GROUP_SWV).exists()
    assert sorted(user.medewerker.samenwerkingsverbanden.values_list("code", flat=True)) == [
        "PO2707",
        "VO2708",
    ]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nieuw@swv.example.org"]
    link = next(word for word in mail.outbox[0].body.split() if "/beheer/wachtwoord/" in word)
    assert link in output
    # The link works: it leads to the set-password form, and setting one logs nothing in.
    path = link.split("localhost:8000", 1)[1]
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url,
        {
            "new_password1": "Een-heel-nieuw-wachtwoord-9",
            "new_password2": "Een-heel-nieuw-wachtwoord-9",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Een-heel-nieuw-wachtwoord-9")


def test_medewerker_twice_adds_swvs_and_keeps_password():
    run("add_medewerker", "a@example.org", "PO2707")
    user = get_user_model().objects.get(username="a@example.org")
    user.set_password("Al-een-eigen-wachtwoord-1")
    user.save()
    run("add_medewerker", "a@example.org", "PO2801")
    user.refresh_from_db()
    assert user.check_password("Al-een-eigen-wachtwoord-1")
    assert sorted(user.medewerker.samenwerkingsverbanden.values_list("code", flat=True)) == [
        "PO2707",
        "PO2801",
    ]


def test_medewerker_with_totp_prints_qr_code():
    output = run("add_medewerker", "b@example.org", "PO2707", "--totp")
    device = TOTPDevice.objects.get(user__username="b@example.org")
    assert device.confirmed
    assert "otpauth://totp/" in output and device.config_url in output


@pytest.mark.parametrize("args", [("x@example.org", "PO9999"), ("geen-email", "PO2707")])
def test_medewerker_refuses_bad_input(args):
    with pytest.raises(CommandError):
        run("add_medewerker", *args)
    assert not get_user_model().objects.exists()


def test_send_reminders_mails_each_staff_member_their_stale_entries():
    today = timezone.localdate()
    Steunpunt.objects.update(gecontroleerd_op=today)
    oud = make_steunpunt(
        "PO2707", slug="oud-a", gecontroleerd_op=today - datetime.timedelta(days=200)
    )
    nooit = make_steunpunt("PO2801", slug="nooit-c", gecontroleerd_op=None)
    make_steunpunt("PO2707", slug="vers-a", gecontroleerd_op=today - datetime.timedelta(days=10))
    make_staff("a", "PO2707", email="a@example.org")
    make_staff("c", "PO2801", email="c@example.org")
    make_staff("b", "VO2708", email="b@example.org")  # nothing stale: no mail
    output = run("send_reminders")
    assert "2 herinneringen" in output
    by_recipient = {m.to[0]: m.body for m in mail.outbox}
    assert set(by_recipient) == {"a@example.org", "c@example.org"}
    assert (
        oud.naam in by_recipient["a@example.org"]
        and nooit.naam not in by_recipient["a@example.org"]
    )
    assert nooit.naam in by_recipient["c@example.org"]
    assert "vers-a" not in " ".join(by_recipient.values())


class FakeGeocoder:
    def __init__(self, **options):
        pass

    def geocode(self, query, timeout=None):
        class Punt:
            latitude, longitude = 52.37, 4.89

        return Punt() if "Dam" in query else None


def test_geocode_steunpunten(settings):
    from steunpunten import geocoding

    settings.VINDPLEK_GEOCODER = {
        "class": "tests.beheer.test_commands_beheer.FakeGeocoder",
        "min_delay_seconds": 0,
    }
    geocoding._build_geocode.cache_clear()
    dam = make_steunpunt(
        "PO2707", slug="dam", straat="Dam", huisnummer="1", postcode="1012 JS", plaats="Amsterdam"
    )
    output = run("geocode_steunpunten", "--slug", "dam", "--slug", "steunpunt-leiden-po2801-vo2801")
    dam.refresh_from_db()
    assert (dam.lat, dam.lon, dam.locatie_precisie) == (52.37, 4.89, "adres")
    leiden = Steunpunt.objects.get(slug="steunpunt-leiden-po2801-vo2801")
    assert leiden.locatie_precisie == "postcode"
    assert "Op adres: 1, op postcode: 1" in output
    # Only the ones without address precision: Dam is skipped (the geocoder waits 1 s per call).
    again = run(
        "geocode_steunpunten", "--alleen-onnauwkeurig", "--slug", "dam", "--slug", leiden.slug
    )
    assert "Op adres: 0, op postcode: 1" in again
    geocoding._build_geocode.cache_clear()
