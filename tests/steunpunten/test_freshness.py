"""Freshness: six months without a check is "mogelijk verouderd", in the model, admin and action."""

import datetime

import pytest

from steunpunten import freshness
from tests.admin_helpers import admin_url
from tests.helpers import login_verified, make_staff, make_steunpunt

TODAY = datetime.date(2026, 11, 28)


@pytest.mark.parametrize(
    ("checked", "stale"),
    [(None, True), (TODAY, False), (TODAY - datetime.timedelta(days=183), False)]
    + [(TODAY - datetime.timedelta(days=184), True)],
)
def test_is_stale(checked, stale):
    assert freshness.is_stale(checked, TODAY) is stale


@pytest.mark.django_db
def test_model_property_and_query_agree():
    old = make_steunpunt(
        "PO2707", slug="oud", gecontroleerd_op=datetime.date(2020, 1, 1), plaats="Amsterdam"
    )
    new = make_steunpunt("PO2801", slug="nieuw")
    assert old.mogelijk_verouderd and not new.mogelijk_verouderd
    stale = set(freshness.stale(type(old).objects.all()).values_list("slug", flat=True))
    assert "oud" in stale and "nieuw" not in stale


@pytest.mark.django_db
def test_admin_marks_filters_and_checks(client):
    login_verified(client, make_staff("a", "PO2707"))
    old = make_steunpunt(
        "PO2707", slug="oud", gecontroleerd_op=datetime.date(2020, 1, 1), plaats="Amsterdam"
    )
    url = admin_url("steunpunt", "changelist")
    listing = client.get(url + "?verouderd=ja")
    assert [s.slug for s in listing.context["cl"].result_list if s.slug == "oud"] == ["oud"]
    assert 'alt="True"' in listing.content.decode()  # the "mogelijk verouderd" column
    client.post(url, {"action": "markeer_gecontroleerd", "_selected_action": [old.pk]})
    old.refresh_from_db()
    assert not old.mogelijk_verouderd and old.versie == 1
    assert "oud" not in {
        s.slug for s in client.get(url + "?verouderd=ja").context["cl"].result_list
    }
