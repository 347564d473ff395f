"""Rights named after what they allow (steunpunten/permissions.py), per role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from steunpunten import permissions
from steunpunten.models import Samenwerkingsverband, Steunpunt
from tests.helpers import make_staff, make_steunpunt

pytestmark = pytest.mark.django_db

RECORD = "/beheer/steunpunten/peiling/vastleggen/"


@pytest.fixture
def users():
    return {
        "swv": make_staff("medewerker", "PO2707"),
        "ocw": make_staff("ocw", role="ocw"),
        "beheerder": make_staff("beheerder", role="beheerder"),
        "anoniem": AnonymousUser(),
    }


@pytest.mark.parametrize(
    ("rol", "edit", "record", "withdraw"),
    [
        ("swv", True, False, False),
        ("ocw", False, True, False),
        ("beheerder", True, True, True),
        ("anoniem", False, False, False),
    ],
)
def test_each_right_is_named_after_its_action(users, rol, edit, record, withdraw):
    user = users[rol]
    assert permissions.can_edit_steunpunten(user) is edit
    assert permissions.can_add_steunpunt(user) is edit
    assert permissions.can_record_peiling(user) is record  # a write: not "may see everything"
    assert permissions.can_withdraw_peiling(user) is withdraw


def test_editable_swvs_are_the_users_own(users):
    assert list(permissions.editable_swvs(users["swv"]).values_list("code", flat=True)) == [
        "PO2707"
    ]
    assert not permissions.editable_swvs(users["ocw"]).exists()  # sees all, edits none
    alle = Samenwerkingsverband.objects.count()
    assert permissions.editable_swvs(users["beheerder"]).count() == alle
    assert permissions.visible_swvs(users["ocw"]).count() == alle


def test_visible_steunpunten_are_what_a_role_may_see(users):
    eigen = make_steunpunt("PO2707", slug="eigen", plaats="Amsterdam")
    ander = Steunpunt.objects.exclude(samenwerkingsverbanden__code="PO2707").first()
    seen = set(permissions.visible_steunpunten(users["swv"]))
    assert eigen in seen and ander not in seen
    assert set(permissions.visible_steunpunten(users["swv"])) == set(
        permissions.editable_steunpunten(users["swv"])
    )
    assert permissions.visible_steunpunten(users["ocw"]).count() == Steunpunt.objects.count()
    assert not permissions.editable_steunpunten(users["ocw"]).exists()


def test_swv_staff_cannot_record_a_peiling_and_ocw_can(client, users):
    from tests.helpers import login_verified

    login_verified(client, users["swv"])
    assert client.get(RECORD).status_code == 403
    client.logout()
    login_verified(client, users["ocw"])
    assert client.get(RECORD).status_code == 200
