"""The recording pages of a steunpunt (issue 24): contact, totals, file, signals, counts."""

import datetime
import re
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steunpunten import maandtotalen as maandtotalen_module
from steunpunten.kleine_aantallen import DREMPEL, Aantal
from steunpunten.models import Contactregistratie, Maandtotaal, Signaal, Thema, first_of_month
from tests.eigenschappen import examples
from tests.helpers import login_verified, make_staff, make_steunpunt, make_steunpunt_staff
from tests.steunpunten.test_kleine_aantallen import recoverable, table_lines

pytestmark = pytest.mark.django_db


@pytest.fixture
def eigen():
    return make_steunpunt("PO2707", "VO2708", slug="eigen")


@pytest.fixture
def ander():
    return make_steunpunt("PO2801", slug="ander")


@pytest.fixture
def loket(eigen):
    client = Client()
    login_verified(client, make_steunpunt_staff("loket", eigen))
    return client


def deze_maand() -> str:
    return first_of_month(timezone.localdate()).strftime("%Y-%m")


def contact_data(**values) -> dict:
    data = {
        "maand": deze_maand(),
        "sector": "PO",
        "vrager": "ouder",
        "kanaal": "telefoon",
        "themas": [Thema.objects.get(code="vervoer").pk],
        "uitkomst": "steun",
    }
    data.update(values)
    return data


def url(naam: str, slug: str = "eigen") -> str:
    return f"/beheer/registratie/{slug}/{naam}/"


# --- Contact vastleggen -----------------------------------------------------------------------


def test_a_contact_is_recorded_in_one_submit_and_the_form_is_there_again(loket, eigen):
    page = loket.get(url("contact")).content.decode()
    assert f'<option value="{deze_maand()}" selected>' in page  # this month by default
    assert "Een match tot steun is een contact waarin" in page
    twee = [t.pk for t in Thema.objects.filter(code__in=["vervoer", "thuiszitten"])]
    response = loket.post(
        url("contact"), contact_data(themas=twee, uitkomst="doorverwezen:ouders_onderwijs")
    )
    assert response.status_code == 302 and response["Location"] == url("contact")
    contact = Contactregistratie.objects.get()
    assert contact.steunpunt == eigen and contact.maand == first_of_month(timezone.localdate())
    assert (contact.uitkomst, contact.doorverwezen_naar) == ("doorverwezen", "ouders_onderwijs")
    assert contact.themas.count() == 2
    page = loket.get(response["Location"])
    assert "Contact vastgelegd" in [str(m) for m in get_messages(page.wsgi_request)][0]


def test_a_contact_without_its_choices_gets_dutch_messages_and_is_not_saved(loket):
    response = loket.post(url("contact"), {"maand": "1999-01"})
    assert response.status_code == 400
    page = response.content.decode()
    for tekst in ("Kies wie de vraag stelde", "Kies ten minste één thema", "Kies wat het contact"):
        assert tekst in page
    assert 'href="#veld-themas"' in page
    assert not Contactregistratie.objects.exists()


# --- Who may: 404 on every other steunpunt, nothing for OCW ---------------------------------

PAGINAS = ["contact", "maandtotalen", "maandtotalen/bestand", "signalen", "cijfers"]


@pytest.mark.parametrize("pagina", PAGINAS)
def test_steunpunt_staff_get_404_on_another_steunpunt(loket, ander, pagina):
    assert loket.get(url(pagina, "ander")).status_code == 404
    assert loket.post(url(pagina, "ander"), contact_data()).status_code in (404, 405)
    assert loket.get(url(pagina, "bestaat-niet")).status_code == 404
    assert not Contactregistratie.objects.exists()


def test_steunpunt_staff_see_no_swv_counts(loket):
    assert loket.get("/beheer/registratie/swv/PO2707/cijfers/").status_code == 404


def test_swv_staff_record_for_their_steunpunten_and_see_their_swv(eigen, ander):
    client = Client()
    login_verified(client, make_staff("swv", "PO2707"))
    assert client.post(url("contact"), contact_data()).status_code == 302
    assert client.get(url("contact", "ander")).status_code == 404
    assert client.get("/beheer/registratie/swv/PO2707/cijfers/").status_code == 200
    assert client.get("/beheer/registratie/swv/PO2801/cijfers/").status_code == 404


def test_ocw_records_nothing(eigen):
    client = Client()
    login_verified(client, make_staff("ocw", role="ocw"))
    assert client.get("/beheer/registratie/").status_code == 403
    for pagina in PAGINAS:
        assert client.get(url(pagina)).status_code == 404


def test_without_login_the_pages_ask_for_one(eigen):
    response = Client().get(url("contact"))
    assert response.status_code == 302 and "/beheer/login/" in response["Location"]


def test_the_start_page_of_steunpunt_staff_shows_only_their_steunpunt(loket, eigen, ander):
    page = loket.get("/beheer/").content.decode()
    assert "Mijn steunpunt" in page and eigen.naam in page and ander.naam not in page
    assert url("contact") in page
    assert "Deze maand vastgelegd: minder dan 10 contacten" in page
    for lijst in ("steunpunt", "samenwerkingsverband", "melding"):
        assert f"/beheer/steunpunten/{lijst}/" not in page


def test_the_start_page_of_swv_staff_shows_the_signals_of_their_steunpunten(eigen, ander):
    vervoer = Thema.objects.get(code="vervoer")
    today = timezone.localdate()
    Signaal.objects.create(steunpunt=eigen, kwartaal=today, thema=vervoer, toelichting="Vaker.")
    Signaal.objects.create(steunpunt=ander, kwartaal=today, thema=vervoer, toelichting="Elders.")
    client = Client()
    login_verified(client, make_staff("swv", "PO2707"))
    page = client.get("/beheer/").content.decode()
    assert "Signalen van de steunpunten" in page and "Vaker." in page and "Elders." not in page


# --- Signals ------------------------------------------------------------------------------


def test_a_signal_with_a_phone_number_is_refused_with_the_warning_shown(loket, eigen):
    thema = Thema.objects.get(code="thuiszitten")
    today = timezone.localdate()
    kwartaal = f"{today.year}-{(today.month - 1) // 3 * 3 + 1:02d}"

    page = loket.get(url("signalen")).content.decode()
    assert "Geen namen, geen school van een kind" in page
    data = {"kwartaal": kwartaal, "thema": thema.pk, "toelichting": "Moeder belde 06-12345678"}
    response = loket.post(url("signalen"), data)
    assert response.status_code == 400 and "telefoonnummer" in response.content.decode()
    assert not Signaal.objects.exists()
    data["toelichting"] = "Meer thuiszitters na de herfstvakantie."
    assert loket.post(url("signalen"), data).status_code == 302
    signaal = Signaal.objects.get()
    assert signaal.steunpunt == eigen and signaal.toelichting.startswith("Meer")
    assert loket.post(url("signalen"), {"intrekken": signaal.pk}).status_code == 302
    assert not Signaal.objects.exists()


# --- Monthly totals: the form and the file -------------------------------------------------


def test_monthly_totals_are_saved_and_saving_them_again_changes_nothing(loket, eigen):
    themas = list(Thema.objects.filter(actief=True))
    data = {f"contacten_{t.code}": 0 for t in themas} | {f"matches_{t.code}": 0 for t in themas}
    data |= {"contacten_vervoer": 14, "matches_vervoer": 6}
    maand = deze_maand()
    response = loket.post(url("maandtotalen") + f"?maand={maand}", data)
    assert response.status_code == 302
    assert Maandtotaal.objects.get().contacten == 14
    loket.post(url("maandtotalen") + f"?maand={maand}", data)
    assert Maandtotaal.objects.count() == 1
    data["matches_vervoer"] = 20
    response = loket.post(url("maandtotalen") + f"?maand={maand}", data)
    assert (
        response.status_code == 400
        and "niet meer matches dan contacten" in response.content.decode()
    )


def upload(client, inhoud: str, naam: str = "totalen.csv"):
    bestand = SimpleUploadedFile(naam, inhoud.encode(), content_type="text/csv")
    return client.post(url("maandtotalen/bestand"), {"bestand": bestand})


def csv_maand(maanden_terug: int = 1) -> str:
    dag = first_of_month(timezone.localdate())
    for _i in range(maanden_terug):
        dag = first_of_month(dag - datetime.timedelta(days=1))
    return dag.strftime("%Y-%m")


def test_the_file_dry_run_changes_nothing_then_applies_all_once(loket, eigen):
    m = csv_maand()
    inhoud = f"maand;thema;contacten;matches\n{m};vervoer;12;5\n{m};Thuiszitten;4;4\n"
    response = upload(loket, inhoud)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 nieuw, 0 gewijzigd" in page and not Maandtotaal.objects.exists()
    response = loket.post(url("maandtotalen/bestand"), {"toepassen": "1"})
    assert response.status_code == 302
    assert sorted(Maandtotaal.objects.values_list("contacten", flat=True)) == [4, 12]
    page = upload(loket, inhoud).content.decode()
    assert "0 nieuw, 0 gewijzigd, 0 weggehaald, 2 gelijk" in page
    assert "er is niets op te slaan" in page


def test_bad_lines_are_named_by_number_and_nothing_is_saved(loket):
    m = csv_maand()
    inhoud = (
        "maand;thema;contacten;matches\n"
        f"{m};vervoer;12;5\n"
        f"{m};bestaat-niet;3;1\n"
        "2026-13;vervoer;3;1\n"
        f"{m};thuiszitten;2;5\n"
        f"{m};vervoer;1;0\n"
        f"{m};jeugdhulp;drie;0\n"
    )
    page = upload(loket, inhoud).content.decode()
    for regel, tekst in [
        (3, "onbekend thema"),
        (4, "niet begrepen"),
        (5, "meer matches dan contacten"),
        (6, "ook op regel 2"),
        (7, "geen heel getal"),
    ]:
        assert re.search(rf"regel {regel}: FOUT: [^<]*{tekst}", page), (regel, tekst)
    assert 'name="toepassen"' not in page
    assert loket.post(url("maandtotalen/bestand"), {"toepassen": "1"}).status_code == 400
    assert not Maandtotaal.objects.exists()


def test_a_failure_halfway_leaves_nothing_half_applied(loket):
    m = csv_maand()
    upload(loket, f"maand;thema;contacten;matches\n{m};vervoer;12;5\n{m};thuiszitten;4;4\n")
    echt = Maandtotaal.objects.update_or_create
    calls = []

    def half(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("database weg")
        return echt(*args, **kwargs)

    with (
        mock.patch.object(maandtotalen_module.Maandtotaal.objects, "update_or_create", half),
        pytest.raises(RuntimeError),
    ):
        loket.post(url("maandtotalen/bestand"), {"toepassen": "1"})
    assert not Maandtotaal.objects.exists()


def test_a_file_for_one_steunpunt_cannot_be_applied_to_another(eigen, ander):
    client = Client()
    login_verified(client, make_staff("swv", "PO2707", "PO2801"))
    m = csv_maand()
    upload(client, f"maand;thema;contacten;matches\n{m};vervoer;12;5\n")
    response = client.post(url("maandtotalen/bestand", "ander"), {"toepassen": "1"})
    assert response.status_code == 400 and not Maandtotaal.objects.exists()


# --- The counts: no count under 10 and nothing recoverable, over generated data ------------


class TableReader(HTMLParser):
    """The cells of the counts table: rows of (header, [cell texts])."""

    def __init__(self):
        super().__init__()
        self.rows, self._cells, self._in_table, self._cell = [], None, False, None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "cijfers" in (dict(attrs).get("class") or ""):
            self._in_table = True
        elif self._in_table and tag == "tr":
            self._cells = []
        elif self._in_table and tag in ("td", "th") and self._cells is not None:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = False
        elif self._in_table and tag in ("td", "th") and self._cell is not None:
            self._cells.append(self._cell.strip())
            self._cell = None
        elif self._in_table and tag == "tr" and self._cells:
            self.rows.append(self._cells)
            self._cells = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def aantal(tekst: str) -> Aantal:
    assert tekst == "minder dan 10" or tekst.isdigit(), tekst
    return Aantal(None if tekst == "minder dan 10" else int(tekst))


@examples(25, quick=5)
def test_the_counts_page_never_shows_a_small_or_recoverable_count(loket, eigen, examples):
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.lists(st.lists(st.integers(0, 25), min_size=3, max_size=3), min_size=9, max_size=9))
    def check(per_thema):
        Maandtotaal.objects.all().delete()
        kwartaal_start = timezone.localdate().replace(day=1)
        kwartaal_start = kwartaal_start.replace(month=(kwartaal_start.month - 1) // 3 * 3 + 1)
        themas = list(Thema.objects.filter(actief=True))
        Maandtotaal.objects.bulk_create(
            Maandtotaal(
                steunpunt=eigen,
                maand=kwartaal_start.replace(month=kwartaal_start.month + k),
                thema=thema,
                contacten=n,
                matches=n // 2,
            )
            for thema, rij in zip(themas, per_thema, strict=True)
            for k, n in enumerate(rij)
            if n
        )
        page = loket.get(url("cijfers") + f"?kwartaal={kwartaal_start:%Y-%m}").content.decode()
        reader = TableReader()
        reader.feed(page)
        rows = reader.rows[1:]  # without the header row
        assert len(rows) == len(themas) + 2
        shown = {}
        for r, row in enumerate(rows[: len(themas)]):
            for k, tekst in enumerate(row[1:4]):
                shown["c", r, k] = aantal(tekst)
            shown["r", r] = aantal(row[4])
        for k, tekst in enumerate(rows[len(themas)][1:4]):
            shown["k", k] = aantal(tekst)
        shown["t"] = aantal(rows[len(themas)][4])
        for a in shown.values():
            assert a.verborgen or a.waarde >= DREMPEL
        for tekst in rows[-1][1:]:
            a = aantal(tekst)
            assert a.verborgen or a.waarde >= DREMPEL
        assert recoverable(shown, table_lines(len(themas), 3)) == []

    check()


# --- The national list of themes: beheerders only, never delete what was used --------------


def test_beheerders_keep_the_themes_and_cannot_delete_a_used_one(loket, eigen):
    loket.post(url("contact"), contact_data())
    baas = Client()
    login_verified(baas, make_staff("baas", role="beheerder"))
    vervoer = Thema.objects.get(code="vervoer")
    assert baas.get("/beheer/steunpunten/thema/").status_code == 200
    assert baas.get(f"/beheer/steunpunten/thema/{vervoer.pk}/delete/").status_code == 403
    response = baas.post(
        f"/beheer/steunpunten/thema/{vervoer.pk}/change/",
        {"naam": "Leerlingenvervoer", "definitie": vervoer.definitie, "volgorde": 40, "actief": ""},
    )
    assert response.status_code == 302
    vervoer.refresh_from_db()
    assert (vervoer.naam, vervoer.code, vervoer.actief) == ("Leerlingenvervoer", "vervoer", False)
    assert "Leerlingenvervoer" not in loket.get(url("contact")).content.decode()  # retired
    nieuw = {"naam": "Dyslexie", "code": "dyslexie", "definitie": "Lezen.", "volgorde": 85}
    assert baas.post("/beheer/steunpunten/thema/add/", {**nieuw, "actief": "on"}).status_code == 302
    ongebruikt = Thema.objects.get(code="dyslexie")
    assert baas.get(f"/beheer/steunpunten/thema/{ongebruikt.pk}/delete/").status_code == 200
    swv = Client()
    login_verified(swv, make_staff("swv", "PO2707"))
    assert swv.get("/beheer/steunpunten/thema/").status_code == 403
