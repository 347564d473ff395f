"""The Peiling admin: read-only for everyone, "Peiling vastleggen" and exports for beheer and OCW."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

import overzicht.admin  # noqa: F401  (registers the admin when admin.py does not yet)
from steunpunten.models import Peiling
from steunpunten.permissions import GROUP_OCW, GROUP_SWV

pytestmark = pytest.mark.django_db

CHANGELIST = "/beheer/steunpunten/peiling/"
RECORD = "/beheer/steunpunten/peiling/vastleggen/"


def staff(client, name: str, group: str | None = None, **fields) -> User:
    """A staff user logged in with a verified second factor, as after the admin login."""
    user = User.objects.create_user(name, password="x" * 16, is_staff=True, **fields)
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    client.force_login(user, backend="beheer.login.EmailBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return user


def test_changelist_links_the_exports_and_the_record_button(client):
    staff(client, "beheer", is_superuser=True)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="/overzicht/export.{fmt}"' in html
        assert f'href="/overzicht/export.{fmt}?peiling=2023-11-01"' in html
    assert RECORD in html and "Peiling vastleggen" in html


def test_nobody_may_change_or_delete_a_survey(client):
    staff(client, "beheer", is_superuser=True)
    peiling = Peiling.objects.get(datum="2023-11-01")
    change = client.get(f"{CHANGELIST}{peiling.pk}/change/")
    assert change.status_code == 200
    assert 'type="submit"' not in change.content.decode().split('id="content-main"')[1]
    assert client.post(f"{CHANGELIST}{peiling.pk}/change/", {}).status_code == 403
    assert client.post(f"{CHANGELIST}{peiling.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert Peiling.objects.filter(pk=peiling.pk).exists()


@pytest.mark.realdata
def test_ocw_records_a_survey(client):
    staff(client, "ocw", GROUP_OCW)
    assert client.get(CHANGELIST).status_code == 200
    response = client.post(RECORD, {"datum": "2024-03-01", "omschrijving": "Maart"})
    assert response.status_code == 302
    peiling = Peiling.objects.get(datum=datetime.date(2024, 3, 1))
    assert peiling.regels.count() == 150 and peiling.omschrijving == "Maart"


def test_recording_a_taken_date_shows_the_reason(client):
    staff(client, "beheer", is_superuser=True)
    response = client.post(RECORD, {"datum": "2023-11-01"})
    assert response.status_code == 200
    assert "Er is al een peiling van 01-11-2023" in response.content.decode()
    assert Peiling.objects.count() == 1


def test_swv_staff_do_not_see_surveys(client):
    staff(client, "swv", GROUP_SWV)
    assert client.get(CHANGELIST).status_code == 403
    assert client.post(RECORD, {"datum": "2024-03-01"}).status_code == 403
    assert not Peiling.objects.filter(datum=datetime.date(2024, 3, 1)).exists()


def test_compare_action_opens_the_comparison(client):
    staff(client, "beheer", is_superuser=True)
    client.post(RECORD, {"datum": "2024-03-01"})
    ids = [str(pk) for pk in Peiling.objects.values_list("pk", flat=True)]
    response = client.post(CHANGELIST, {"action": "compare_selected", "_selected_action": ids})
    assert response.status_code == 302
    assert response["Location"] == "/overzicht/?van=2023-11-01&tot=2024-03-01#vergelijken"
