"""The admin's steunpunt edit through HTTP: shared steunpunten, query budget, data version."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from steunpunten.cache import bump_data_version
from steunpunten.models import Gegevensversie, Samenwerkingsverband, Steunpunt
from tests.admin_helpers import admin_url, steunpunt_data
from tests.helpers import has_steunpunt, login_verified, make_staff, make_steunpunt

pytestmark = pytest.mark.django_db

EMMEN = "steunpunt-emmen-po2202-vo2202"
# Opening and saving a steunpunt as SWV staff (issue 10). Savepoint statements are not counted:
# they come from the test's own transaction around the admin's; production does not send them.
MAX_QUERIES = 15


class Queries(CaptureQueriesContext):
    """The SQL statements that read or write data (savepoint bookkeeping left out)."""

    @property
    def data(self) -> list[str]:
        return [q["sql"] for q in self.captured_queries if "SAVEPOINT" not in q["sql"]]


def test_withdrawing_a_shared_steunpunt_is_refused_for_staff_of_one_swv(client):
    """Issue 15, finding 3: PO2202 staff unpublished it and VO2202 showed "geen steunpunt"."""
    login_verified(client, make_staff("po2202", "PO2202"))
    steunpunt = Steunpunt.objects.get(slug=EMMEN)
    url = admin_url("steunpunt", "change", steunpunt.pk)
    page = client.get(url).content.decode()
    assert "Dit steunpunt werkt ook voor" in page and "VO 22-02" in page
    form = client.get(url).context["adminform"].form
    for name in ("gepubliceerd", "status", "voor_vo"):
        assert name not in form.fields
    assert "voor_po" in form.fields  # no other SWV relies on the PO sector here
    po2202 = Samenwerkingsverband.objects.get(code="PO2202")
    data = steunpunt_data(steunpunt, samenwerkingsverbanden=[po2202.pk], status="in_oprichting")
    del data["gepubliceerd"], data["voor_vo"]
    data["telefoon"] = "050 111 2222"
    assert client.post(url, data).status_code == 302
    saved = Steunpunt.objects.get(pk=steunpunt.pk)
    assert saved.telefoon == "050 111 2222"
    assert (saved.gepubliceerd, saved.status, saved.voor_vo) == (True, "actief", True)
    assert has_steunpunt(Samenwerkingsverband.objects.get(code="VO2202"))


def test_staff_removes_their_own_swv_from_a_shared_steunpunt(client):
    login_verified(client, make_staff("po2202", "PO2202"))
    steunpunt = Steunpunt.objects.get(slug=EMMEN)
    data = steunpunt_data(steunpunt, samenwerkingsverbanden=[])
    response = client.post(admin_url("steunpunt", "change", steunpunt.pk), data)
    assert response.status_code == 302
    codes = list(steunpunt.samenwerkingsverbanden.values_list("code", flat=True))
    assert codes == ["VO2202"]
    assert Steunpunt.objects.get(pk=steunpunt.pk).gepubliceerd


def test_beheerder_may_withdraw_a_shared_steunpunt(client):
    login_verified(client, make_staff("beheerder", role="beheerder"))
    steunpunt = Steunpunt.objects.get(slug=EMMEN)
    data = steunpunt_data(steunpunt)
    del data["gepubliceerd"]
    assert client.post(admin_url("steunpunt", "change", steunpunt.pk), data).status_code == 302
    assert not Steunpunt.objects.get(pk=steunpunt.pk).gepubliceerd


@pytest.mark.parametrize("shared", [False, True])
def test_open_and_save_within_the_query_budget_and_one_data_version(
    client, shared, django_capture_on_commit_callbacks
):
    codes = ("PO2707", "VO2708") if shared else ("PO2707",)
    steunpunt = make_steunpunt(*codes, slug="eigen", postcode="1011 AB", plaats="Amsterdam")
    login_verified(client, make_staff("eerste", "PO2707"))
    url = admin_url("steunpunt", "change", steunpunt.pk)
    own = Samenwerkingsverband.objects.get(code="PO2707")
    data = steunpunt_data(steunpunt, samenwerkingsverbanden=[own.pk], telefoon="020 111 1111")
    before = Gegevensversie.objects.get().versie

    with Queries(connection) as opening:
        assert client.get(url).status_code == 200
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        Queries(connection) as saving,
    ):
        assert client.post(url, data).status_code == 302

    assert len(opening.data) <= MAX_QUERIES, "\n".join(opening.data)
    assert len(saving.data) <= MAX_QUERIES, "\n".join(saving.data)
    assert callbacks == [bump_data_version]  # one move of the data version, after the commit
    assert Gegevensversie.objects.get().versie > before
    saved = Steunpunt.objects.get(pk=steunpunt.pk)
    assert saved.telefoon == "020 111 1111" and saved.versie == 1
    assert set(saved.samenwerkingsverbanden.values_list("code", flat=True)) == set(codes)
