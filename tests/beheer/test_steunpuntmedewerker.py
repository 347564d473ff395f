"""The steunpuntmedewerker (issue 24): invited like everyone, records for one steunpunt only."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from beheer import medewerkers
from beheer.invitations import invitations_apply, invitations_from_file
from steunpunten import permissions
from steunpunten.models import Steunpunt
from tests.admin_helpers import admin_url
from tests.helpers import login_verified, make_staff, make_steunpunt, make_steunpunt_staff

pytestmark = pytest.mark.django_db
User = get_user_model()


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def eigen():
    return make_steunpunt("PO2707", "VO2708", slug="eigen-steunpunt")


@pytest.fixture
def ander():
    return make_steunpunt("PO2801", slug="ander-steunpunt")


def test_add_account_invites_a_steunpuntmedewerker_by_slug_or_id(eigen):
    output = run(
        "add_account",
        "Loket@Steunpunt.example.org",
        "--rol",
        "steunpunt",
        "--steunpunt",
        "eigen-steunpunt",
    )
    user = User.objects.get(email="loket@steunpunt.example.org")
    assert medewerkers.role_of_account(user) == "steunpunt"
    assert (
        user.medewerker.steunpunt == eigen and not user.medewerker.samenwerkingsverbanden.exists()
    )
    assert user.is_staff and not user.is_superuser and not user.has_usable_password()
    assert "Steunpuntmedewerker (Teststeunpunt PO2707 VO2708)" in output
    assert len(mail.outbox) == 1
    run("add_account", "tweede@example.org", "--rol", "steunpunt", "--steunpunt", str(eigen.pk))
    assert User.objects.get(email="tweede@example.org").medewerker.steunpunt == eigen


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rol", "steunpunt"], "hoort bij één steunpunt"),
        (["--rol", "steunpunt", "--steunpunt", "bestaat-niet"], "Onbekend steunpunt"),
        (["--rol", "ocw", "--steunpunt", "eigen-steunpunt"], "Alleen een steunpuntmedewerker"),
        (
            ["--rol", "steunpunt", "--steunpunt", "eigen-steunpunt", "--swv", "PO2707"],
            "Alleen een SWV-medewerker",
        ),
    ],
)
def test_add_account_refuses_a_steunpunt_role_without_exactly_its_steunpunt(eigen, args, message):
    with pytest.raises(CommandError, match=message):
        run("add_account", "x@example.org", *args)
    assert not User.objects.filter(email="x@example.org").exists()


def test_another_steunpunt_for_an_existing_account_is_refused(eigen, ander):
    run("add_account", "a@example.org", "--rol", "steunpunt", "--steunpunt", eigen.slug)
    with pytest.raises(CommandError, match="ander steunpunt"):
        run("add_account", "a@example.org", "--rol", "steunpunt", "--steunpunt", ander.slug)


def test_invite_accounts_reads_the_steunpunt_column(eigen):
    data = (
        b"email;naam;rol;swv_codes;steunpunt\n"
        b"loket@example.org;Lies Loket;steunpunt;;eigen-steunpunt\n"
        b"fout@example.org;;steunpunt;;\n"
    )
    plan = invitations_from_file(data, filename="u.csv")
    assert [r.regel for r in plan.fouten] == [3]
    assert "Teststeunpunt PO2707 VO2708" in plan.regels[0].omschrijving()
    goed = invitations_from_file(data.split(b"fout@")[0], filename="u.csv")
    sent = invitations_apply(goed)
    assert [user.email for user, _link in sent] == ["loket@example.org"]
    assert User.objects.get(email="loket@example.org").medewerker.steunpunt == eigen


def test_the_account_page_gives_the_role_and_its_steunpunt(eigen):
    client = Client()
    login_verified(client, make_staff("baas", role="beheerder"))
    data = {"email": "nieuw@example.org", "first_name": "", "last_name": "", "is_active": "on"}
    response = client.post("/beheer/auth/user/add/", {**data, "rol": "steunpunt"})
    assert response.status_code == 200
    assert "steunpunt" in response.context["adminform"].form.errors
    response = client.post(
        "/beheer/auth/user/add/", {**data, "rol": "steunpunt", "steunpunt": eigen.pk}
    )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert medewerkers.role_of_account(user) == "steunpunt" and user.medewerker.steunpunt == eigen
    lijst = client.get("/beheer/auth/user/?rol=steunpunt").content.decode()
    assert "nieuw@example.org" in lijst and eigen.naam in lijst


# --- What the role may do ------------------------------------------------------------------


def test_steunpunt_staff_record_for_their_own_steunpunt_only(eigen, ander):
    user = make_steunpunt_staff("loket", eigen)
    assert permissions.is_steunpunt_medewerker(user)
    assert list(permissions.recordable_steunpunten(user)) == [eigen]
    assert permissions.can_record_contacts(user, eigen)
    assert permissions.can_record_signals(user, eigen) and permissions.can_hand_out_codes(
        user, eigen
    )
    assert not permissions.can_record_contacts(user, ander)
    assert not permissions.can_view_counts(user, ander)
    # and edits nothing: no steunpunt, SWV or report is theirs to see or change
    assert not permissions.editable_steunpunten(user).exists()
    assert not permissions.visible_steunpunten(user).exists()
    assert not permissions.visible_swvs(user).exists()
    assert not permissions.can_change_steunpunt(user, eigen)
    assert not permissions.can_edit_steunpunten(user)
    assert not permissions.can_export(user)


def test_swv_staff_record_for_the_steunpunten_of_their_swvs(eigen, ander):
    swv = make_staff("swv", "PO2707")
    assert eigen in permissions.recordable_steunpunten(user=swv)
    assert not permissions.can_record_contacts(swv, ander)
    ocw = make_staff("ocw", role="ocw")
    assert not permissions.recordable_steunpunten(ocw).exists()
    assert not permissions.can_record_contacts(ocw, eigen)


def test_steunpunt_staff_get_404_on_every_steunpunt_page_of_the_admin(eigen, ander):
    client = Client()
    login_verified(client, make_steunpunt_staff("loket", eigen))
    assert client.get("/beheer/").status_code == 200
    for steunpunt in (eigen, ander):
        for view in ("change", "delete", "history"):
            status = client.get(admin_url("steunpunt", view, steunpunt.pk)).status_code
            assert status in (403, 404), (steunpunt, view, status)
    assert client.get(admin_url("steunpunt", "changelist")).status_code == 403
    assert client.get(admin_url("steunpunt", "add")).status_code == 403
    assert client.get(admin_url("samenwerkingsverband", "changelist")).status_code == 403
    assert client.get(admin_url("melding", "changelist")).status_code == 403
    assert Steunpunt.objects.get(pk=eigen.pk).naam == eigen.naam
