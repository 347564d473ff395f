"""The permission matrix, through HTTP against the real admin URLs.

Three SWVs from the shipped data: A = PO2707 (the staff member's own), B = VO2708 (shares the
Amsterdam steunpunt with A), C = PO2801 (Leiden, someone else's). Roles: SWV staff of A,
OCW, beheerder and anonymous.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from steunpunten.models import Medewerker, Melding, Postcodegebied, Samenwerkingsverband, Steunpunt
from tests.admin_helpers import admin_url, steunpunt_data
from tests.helpers import login_verified, make_staff, make_steunpunt

pytestmark = pytest.mark.django_db

# From public pages (data/steunpunten-openbare-bronnen.csv).
GEDEELD = "oudersteunpunt-passend-onderwijs-amsterdam-diemen-po2707-vo2708"  # serves A and B
ANDER = "oudersteunpunt-regio-leiden-po2801"  # serves C only
ROLLEN = ["swv", "ocw", "beheerder", "anoniem"]


@pytest.fixture
def wereld():
    """The three SWVs, their steunpunten, reports and one user per role."""
    eigen = make_steunpunt("PO2707", slug="eigen-a", postcode="1011 AB", plaats="Amsterdam")
    # Imported from public pages without an address: a save needs one, or "alleen online".
    Steunpunt.objects.filter(slug__in=[GEDEELD, ANDER]).update(alleen_online=True)
    gedeeld = Steunpunt.objects.get(slug=GEDEELD)
    ander = Steunpunt.objects.get(slug=ANDER)
    return {
        "eigen": eigen,
        "gedeeld": gedeeld,
        "ander": ander,
        "swv_a": Samenwerkingsverband.objects.get(code="PO2707"),
        "swv_b": Samenwerkingsverband.objects.get(code="VO2708"),
        "swv_c": Samenwerkingsverband.objects.get(code="PO2801"),
        "melding_eigen": Melding.objects.create(steunpunt=gedeeld, tekst="Telefoon klopt niet"),
        "melding_ander": Melding.objects.create(steunpunt=ander, tekst="Adres klopt niet"),
        "users": {
            "swv": make_staff("medewerker-a", "PO2707"),
            "ocw": make_staff("ocw", role="ocw"),
            "beheerder": make_staff("beheerder", role="beheerder"),
        },
    }


def as_role(client, wereld, rol):
    if rol != "anoniem":
        login_verified(client, wereld["users"][rol])
    return client


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/beheer/login/" in response["Location"]


# --- Steunpunt ---------------------------------------------------------------------------

# (object, role) -> expected status of GET change page; 404 = out of scope.
STEUNPUNT_VIEW = {
    ("eigen", "swv"): 200,
    ("gedeeld", "swv"): 200,
    ("ander", "swv"): 404,
    ("eigen", "ocw"): 200,
    ("gedeeld", "ocw"): 200,
    ("ander", "ocw"): 200,
    ("eigen", "beheerder"): 200,
    ("gedeeld", "beheerder"): 200,
    ("ander", "beheerder"): 200,
}


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("obj", ["eigen", "gedeeld", "ander"])
def test_steunpunt_view_and_history(client, wereld, rol, obj):
    as_role(client, wereld, rol)
    steunpunt = wereld[obj]
    urls = [
        admin_url("steunpunt", "change", steunpunt.pk),
        admin_url("steunpunt", "history", steunpunt.pk),
    ]
    version = steunpunt.history.first()
    urls.append(admin_url("steunpunt", "simple_history", steunpunt.pk, version.history_id))
    for url in urls:
        response = client.get(url)
        if rol == "anoniem":
            assert is_login_redirect(response), url
        else:
            assert response.status_code == STEUNPUNT_VIEW[(obj, rol)], url
            if response.status_code == 404:
                assert steunpunt.naam.encode() not in response.content


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("obj", ["eigen", "gedeeld", "ander"])
def test_steunpunt_change(client, wereld, rol, obj):
    as_role(client, wereld, rol)
    steunpunt = wereld[obj]
    data = steunpunt_data(steunpunt, telefoon="020 123 4567")
    if rol == "swv":  # the form offers only their own SWVs
        data["samenwerkingsverbanden"] = [wereld["swv_a"].pk]
    response = client.post(admin_url("steunpunt", "change", steunpunt.pk), data)
    steunpunt.refresh_from_db()
    allowed = (rol, obj) in {("swv", "eigen"), ("swv", "gedeeld")} or rol == "beheerder"
    if allowed:
        form = response.context["adminform"].form if response.status_code == 200 else None
        assert response.status_code == 302, form.errors if form else response.status_code
        assert steunpunt.telefoon == "020 123 4567"
    else:
        assert steunpunt.telefoon != "020 123 4567"
        expected = {"anoniem": None, "ocw": 403, "swv": 404}[rol]
        assert is_login_redirect(response) if expected is None else response.status_code == expected


def test_shared_steunpunt_keeps_other_swv_when_staff_saves(client, wereld):
    login_verified(client, wereld["users"]["swv"])
    gedeeld = wereld["gedeeld"]
    # The form only offers A; B is not posted but must stay linked.
    data = steunpunt_data(gedeeld, samenwerkingsverbanden=[wereld["swv_a"].pk])
    response = client.post(admin_url("steunpunt", "change", gedeeld.pk), data)
    assert response.status_code == 302
    assert set(gedeeld.samenwerkingsverbanden.values_list("code", flat=True)) == {
        "PO2707",
        "VO2708",
    }


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("obj", ["eigen", "gedeeld", "ander"])
def test_steunpunt_delete(client, wereld, rol, obj):
    as_role(client, wereld, rol)
    steunpunt = wereld[obj]
    url = admin_url("steunpunt", "delete", steunpunt.pk)
    response = client.post(url, {"post": "yes"})
    deleted = not Steunpunt.objects.filter(pk=steunpunt.pk).exists()
    # Only what serves none but one's own SWVs: staff of A may delete "eigen", not "gedeeld".
    allowed = rol == "beheerder" or (rol, obj) == ("swv", "eigen")
    assert deleted is allowed
    if not allowed:
        expected = {"anoniem": None, "ocw": 403, "swv": 404 if obj == "ander" else 403}[rol]
        assert is_login_redirect(response) if expected is None else response.status_code == expected


@pytest.mark.parametrize("rol", ROLLEN)
def test_steunpunt_changelist_and_raw_id_popup(client, wereld, rol):
    as_role(client, wereld, rol)
    for query in ("", "?_popup=1&_to_field=id", "?q=Leiden"):
        response = client.get(admin_url("steunpunt", "changelist") + query)
        if rol == "anoniem":
            assert is_login_redirect(response)
            continue
        assert response.status_code == 200
        body = response.content.decode()
        assert (wereld["ander"].naam in body) is (rol != "swv")
        if query != "?q=Leiden":
            assert wereld["gedeeld"].naam in body
    if rol == "swv":
        assert response.context["cl"].result_count == 0


@pytest.mark.parametrize("rol", ROLLEN)
def test_steunpunt_add(client, wereld, rol):
    as_role(client, wereld, rol)
    url = admin_url("steunpunt", "add")
    response = client.get(url)
    swv_id = wereld["swv_c"].pk
    data = steunpunt_data(
        wereld["eigen"], slug="nieuw-c", naam="Nieuw C", samenwerkingsverbanden=[swv_id]
    )
    data.pop("versie_bij_openen")
    post = client.post(url, data)
    if rol == "anoniem":
        assert is_login_redirect(response) and is_login_redirect(post)
    elif rol == "ocw":
        assert response.status_code == 403 and post.status_code == 403
    elif rol == "swv":
        assert response.status_code == 200
        # Another SWV is not a valid choice: the form is refused, nothing is created.
        assert post.status_code == 200
        assert "samenwerkingsverbanden" in post.context["adminform"].form.errors
        own = dict(data, slug="nieuw-a", samenwerkingsverbanden=[wereld["swv_a"].pk])
        assert client.post(url, own).status_code == 302
        assert Steunpunt.objects.get(slug="nieuw-a").samenwerkingsverbanden.get().code == "PO2707"
    else:
        assert response.status_code == 200 and post.status_code == 302
    assert Steunpunt.objects.filter(slug="nieuw-c").exists() is (rol == "beheerder")


@pytest.mark.parametrize("rol", ROLLEN)
def test_autocomplete_of_swvs_is_scoped(client, wereld, rol):
    as_role(client, wereld, rol)
    found = {}
    for term in ("", "PO2801", "VO2708", "PO2707"):
        response = client.get(
            "/beheer/autocomplete/",
            {
                "app_label": "steunpunten",
                "model_name": "steunpunt",
                "field_name": "samenwerkingsverbanden",
                "term": term,
            },
        )
        if rol == "anoniem":
            assert is_login_redirect(response)
            return
        assert response.status_code == 200
        found[term] = {int(item["id"]) for item in response.json()["results"]}
    if rol == "swv":
        assert found[""] == found["PO2707"] == {wereld["swv_a"].pk}
        assert found["PO2801"] == found["VO2708"] == set()
    else:
        assert found["PO2801"] == {wereld["swv_c"].pk}
        assert found["VO2708"] == {wereld["swv_b"].pk}


def test_bulk_delete_refuses_shared_steunpunt(client, wereld):
    login_verified(client, wereld["users"]["swv"])
    gedeeld, eigen, ander = wereld["gedeeld"], wereld["eigen"], wereld["ander"]
    url = admin_url("steunpunt", "changelist")
    for steunpunt in (gedeeld, ander):
        client.post(
            url, {"action": "delete_selected", "_selected_action": [steunpunt.pk], "post": "yes"}
        )
        assert Steunpunt.objects.filter(pk=steunpunt.pk).exists()
    response = client.post(
        url, {"action": "delete_selected", "_selected_action": [eigen.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert not Steunpunt.objects.filter(pk=eigen.pk).exists()


def test_bulk_action_never_touches_other_swv(client, wereld):
    login_verified(client, wereld["users"]["swv"])
    ander = wereld["ander"]
    before = ander.gecontroleerd_op
    client.post(
        admin_url("steunpunt", "changelist"),
        {"action": "markeer_gecontroleerd", "_selected_action": [ander.pk, wereld["eigen"].pk]},
    )
    ander.refresh_from_db()
    assert ander.gecontroleerd_op == before


def test_ocw_has_no_bulk_actions_that_change(client, wereld):
    login_verified(client, wereld["users"]["ocw"])
    ander = wereld["ander"]
    before = ander.gecontroleerd_op
    client.post(
        admin_url("steunpunt", "changelist"),
        {"action": "markeer_gecontroleerd", "_selected_action": [ander.pk]},
    )
    client.post(
        admin_url("steunpunt", "changelist"),
        {"action": "delete_selected", "_selected_action": [ander.pk], "post": "yes"},
    )
    ander.refresh_from_db()
    assert ander.gecontroleerd_op == before


# --- Samenwerkingsverband ----------------------------------------------------------------


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("obj", ["swv_a", "swv_b", "swv_c"])
def test_swv_view_change_delete(client, wereld, rol, obj):
    as_role(client, wereld, rol)
    swv = wereld[obj]
    view = client.get(admin_url("samenwerkingsverband", "change", swv.pk))
    history = client.get(admin_url("samenwerkingsverband", "history", swv.pk))
    data = {
        "naam": swv.naam,
        "code": swv.code,
        "telefoon": "030 123 4567",
        "email": "",
        "website": "",
    }
    change = client.post(admin_url("samenwerkingsverband", "change", swv.pk), data)
    delete = client.post(admin_url("samenwerkingsverband", "delete", swv.pk), {"post": "yes"})
    swv.refresh_from_db()
    if rol == "anoniem":
        assert all(is_login_redirect(r) for r in (view, history, change, delete))
        return
    own = rol == "beheerder" or (rol, obj) == ("swv", "swv_a")
    visible = rol != "swv" or obj == "swv_a"
    assert view.status_code == history.status_code == (200 if visible else 404)
    assert (swv.telefoon == "030 123 4567") is own
    assert change.status_code == (302 if own else (403 if visible else 404))
    assert Samenwerkingsverband.objects.filter(pk=swv.pk).exists()  # PROTECTed or refused
    if rol != "beheerder":
        assert delete.status_code == (403 if visible else 404)


def test_swv_staff_cannot_change_code_or_name(client, wereld):
    login_verified(client, wereld["users"]["swv"])
    swv = wereld["swv_a"]
    data = {"naam": "Gekaapt", "code": "PO2799", "sector": "VO", "telefoon": "030 123 4567"}
    assert client.post(admin_url("samenwerkingsverband", "change", swv.pk), data).status_code == 302
    swv.refresh_from_db()
    assert (swv.code, swv.sector, swv.telefoon) == ("PO2707", "PO", "030 123 4567")
    assert swv.naam != "Gekaapt"


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.realdata
def test_swv_add_and_changelist(client, wereld, rol):
    as_role(client, wereld, rol)
    add = client.get(admin_url("samenwerkingsverband", "add"))
    listing = client.get(admin_url("samenwerkingsverband", "changelist"))
    if rol == "anoniem":
        assert is_login_redirect(add) and is_login_redirect(listing)
        return
    assert add.status_code == (200 if rol == "beheerder" else 403)
    assert listing.status_code == 200
    codes = {swv.code for swv in listing.context["cl"].result_list}
    assert codes == {"PO2707"} if rol == "swv" else len(codes) > 50


# --- Postcodegebied ----------------------------------------------------------------------


@pytest.mark.parametrize("rol", ROLLEN)
def test_postcodegebied_read_only_but_for_beheerder(client, wereld, rol):
    as_role(client, wereld, rol)
    area = Postcodegebied.objects.get(pc4="1011")
    view = client.get(admin_url("postcodegebied", "change", area.pk))
    add = client.get(admin_url("postcodegebied", "add"))
    change = client.post(
        admin_url("postcodegebied", "change", area.pk), {"pc4": "1011", "gemeente": "X"}
    )
    delete = (
        client.get(admin_url("postcodegebied", "delete", area.pk))
        if rol == "beheerder"
        else client.post(admin_url("postcodegebied", "delete", area.pk), {"post": "yes"})
    )
    area.refresh_from_db()
    assert (area.gemeente == "X") is (rol == "beheerder")
    if rol == "anoniem":
        assert all(is_login_redirect(r) for r in (view, add, change, delete))
        return
    assert view.status_code == 200
    if rol == "beheerder":
        assert add.status_code == delete.status_code == 200
    else:
        assert add.status_code == change.status_code == delete.status_code == 403
        assert Postcodegebied.objects.filter(pk=area.pk).exists()


# --- Melding -----------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("obj", ["melding_eigen", "melding_ander"])
def test_melding_scoped_like_its_steunpunt(client, wereld, rol, obj):
    as_role(client, wereld, rol)
    melding = wereld[obj]
    view = client.get(admin_url("melding", "change", melding.pk))
    listing = client.get(admin_url("melding", "changelist"))
    add = client.get(admin_url("melding", "add"))
    client.post(
        admin_url("melding", "changelist"),
        {"action": "markeer_afgehandeld", "_selected_action": [melding.pk]},
    )
    delete = client.post(admin_url("melding", "delete", melding.pk), {"post": "yes"})
    if rol == "anoniem":
        assert all(is_login_redirect(r) for r in (view, listing, add, delete))
        assert not Melding.objects.get(pk=melding.pk).afgehandeld
        return
    visible = rol != "swv" or obj == "melding_eigen"
    assert view.status_code == (200 if visible else 404)
    assert (melding.tekst in listing.content.decode()) is visible
    assert add.status_code == 403
    handled = Melding.objects.filter(pk=melding.pk, afgehandeld=True).exists()
    deleted = not Melding.objects.filter(pk=melding.pk).exists()
    assert handled or deleted if rol == "beheerder" else True
    if rol == "ocw" or not visible:
        assert not handled and not deleted
    if rol == "swv" and visible:
        # The Amsterdam steunpunt also serves VO2708, so staff of A may handle but not delete.
        assert handled and not deleted and delete.status_code == 403


# --- Accounts ----------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ROLLEN)
def test_accounts_only_for_beheerder(client, wereld, rol):
    as_role(client, wereld, rol)
    staff = wereld["users"]["swv"]
    urls = [
        "/beheer/auth/user/",
        f"/beheer/auth/user/{staff.pk}/change/",
        "/beheer/auth/user/add/",
        f"/beheer/auth/user/{staff.pk}/delete/",
        "/beheer/axes/accessattempt/",
    ]
    for url in urls:
        response = client.get(url)
        if rol == "anoniem":
            assert is_login_redirect(response), url
        else:
            assert response.status_code == (200 if rol == "beheerder" else 403), url
    if rol == "swv":
        # Staff cannot give themselves another SWV or make themselves superuser.
        client.post(f"/beheer/auth/user/{staff.pk}/change/", {"is_superuser": "on"})
        client.post(f"/beheer/auth/user/{wereld['users']['ocw'].pk}/delete/", {"post": "yes"})
        assert get_user_model().objects.filter(username="ocw").exists()
        staff.refresh_from_db()
        assert not staff.is_superuser
        assert list(
            Medewerker.objects.get(user=staff).samenwerkingsverbanden.values_list("code", flat=True)
        ) == ["PO2707"]


@pytest.mark.parametrize("rol", ["swv", "ocw", "beheerder"])
def test_raw_group_and_swv_link_pages_are_gone(client, wereld, rol):
    """Roles are kept by ensure_roles and the account page: no page lets an account lose one."""
    as_role(client, wereld, rol)
    staff = wereld["users"]["swv"]
    for url in (
        "/beheer/auth/group/",
        "/beheer/steunpunten/medewerker/",
        f"/beheer/steunpunten/medewerker/{staff.medewerker.pk}/change/",
    ):
        assert client.get(url).status_code == 404, url


def test_index_shows_only_what_the_role_may_see(client, wereld):
    login_verified(client, wereld["users"]["swv"])
    body = client.get("/beheer/").content.decode()
    assert "/beheer/steunpunten/steunpunt/" in body
    assert "/beheer/auth/user/" not in body
    assert Group.objects.filter(name="SWV-medewerker").exists()
    assert get_user_model().objects.filter(username="medewerker-a", is_superuser=False).exists()


@pytest.mark.parametrize("rol", ["swv", "ocw", "beheerder"])
def test_junk_and_unknown_ids_give_404_never_500(client, wereld, rol):
    as_role(client, wereld, rol)
    pk = wereld["eigen"].pk
    urls = [
        "/beheer/steunpunten/steunpunt/abc/change/",
        "/beheer/steunpunten/steunpunt/999999/change/",
        "/beheer/steunpunten/steunpunt/abc/history/",
        "/beheer/steunpunten/steunpunt/abc/delete/",
        f"/beheer/steunpunten/steunpunt/{pk}/history/abc/",
        f"/beheer/steunpunten/steunpunt/{pk}/history/999999/",
        "/beheer/steunpunten/samenwerkingsverband/x/history/",
        "/beheer/steunpunten/melding/x/change/",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_beheerder_reads_history_of_deleted_steunpunt(client, wereld):
    login_verified(client, wereld["users"]["beheerder"])
    eigen = wereld["eigen"]
    pk, naam = eigen.pk, eigen.naam
    eigen.delete()
    response = client.get(admin_url("steunpunt", "history", pk))
    assert response.status_code == 200 and naam in response.content.decode()
    staff = Client()
    login_verified(staff, wereld["users"]["swv"])
    assert staff.get(admin_url("steunpunt", "history", pk)).status_code == 404


# --- "View on site" (/beheer/r/<type>/<id>/) ----------------------------------------------


@pytest.mark.parametrize(
    ("obj", "rol", "expected"),
    [
        ("eigen", "swv", 302),
        ("gedeeld", "swv", 302),
        ("ander", "swv", 404),
        ("geheim", "swv", 404),  # another SWV's unpublished steunpunt: not even its slug
        ("ander", "ocw", 302),
        ("geheim", "beheerder", 302),
    ],
)
def test_view_on_site_is_scoped(client, wereld, obj, rol, expected):
    from django.contrib.contenttypes.models import ContentType

    wereld["geheim"] = make_steunpunt("PO2801", slug="geheim-ander", gepubliceerd=False)
    steunpunt = wereld[obj]
    as_role(client, wereld, rol)
    ct = ContentType.objects.get_for_model(Steunpunt)
    response = client.get(f"/beheer/r/{ct.pk}/{steunpunt.pk}/")
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].endswith(steunpunt.get_absolute_url())
    else:
        assert steunpunt.slug not in response.content.decode()


def test_view_on_site_of_an_unregistered_or_unknown_type_is_404(client, wereld):
    as_role(client, wereld, "beheerder")
    assert client.get("/beheer/r/999999/1/").status_code == 404
