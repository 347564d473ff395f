"""Optimistic locking: the later of two concurrent edits is refused with a clear message."""

import pytest

from steunpunten.models import Steunpunt
from tests.admin_helpers import admin_url, steunpunt_data
from tests.helpers import login_verified, make_staff, make_steunpunt

pytestmark = pytest.mark.django_db


def test_concurrent_edit_refused_and_input_kept(client, django_user_model):
    from django.test import Client

    sp = make_steunpunt("PO2707", slug="eigen", postcode="1011 AB", plaats="Amsterdam")
    url = admin_url("steunpunt", "change", sp.pk)
    eerste, tweede = client, Client()
    login_verified(eerste, make_staff("eerste", "PO2707"))
    login_verified(tweede, make_staff("tweede", "PO2707"))
    # Both open the form at version 0.
    for c in (eerste, tweede):
        form = c.get(url).context["adminform"].form
        assert form["versie_bij_openen"].value() == 0
    opened = steunpunt_data(sp)
    assert eerste.post(url, {**opened, "telefoon": "020 111 1111"}).status_code == 302
    response = tweede.post(url, {**opened, "telefoon": "020 222 2222", "talen": "Arabisch"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Iemand anders heeft dit steunpunt gewijzigd" in body
    assert 'value="020 222 2222"' in body and 'value="Arabisch"' in body
    sp.refresh_from_db()
    assert (sp.telefoon, sp.versie) == ("020 111 1111", 1)
    # After opening it again (new version), the second person can save.
    again = tweede.get(url).context["adminform"].form["versie_bij_openen"].value()
    assert again == 1
    retry = steunpunt_data(sp, telefoon="020 222 2222")
    assert tweede.post(url, retry).status_code == 302
    assert Steunpunt.objects.get(pk=sp.pk).telefoon == "020 222 2222"


def test_missing_or_forged_version_refused(client):
    sp = make_steunpunt("PO2707", slug="eigen", postcode="1011 AB", plaats="Amsterdam")
    login_verified(client, make_staff("eerste", "PO2707"))
    url = admin_url("steunpunt", "change", sp.pk)
    for versie in ("", "7", "abc"):
        response = client.post(url, steunpunt_data(sp, versie_bij_openen=versie))
        assert response.status_code == 200
    assert Steunpunt.objects.get(pk=sp.pk).versie == 0


def test_checked_action_counts_as_a_change(client):
    sp = make_steunpunt("PO2707", slug="eigen", postcode="1011 AB", plaats="Amsterdam")
    login_verified(client, make_staff("eerste", "PO2707"))
    opened = steunpunt_data(sp)
    client.post(
        admin_url("steunpunt", "changelist"),
        {"action": "markeer_gecontroleerd", "_selected_action": [sp.pk]},
    )
    response = client.post(admin_url("steunpunt", "change", sp.pk), opened)
    assert response.status_code == 200
