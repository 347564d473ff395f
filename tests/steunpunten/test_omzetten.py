"""The old free-text hours become slots where the text is unambiguous and stay otherwise, for
the SWV's staff to enter again (migration 0012, steunpunten/tijden_uit_tekst.py; issue 25)."""

import datetime
import importlib

import pytest
from django.apps import apps

from steunpunten.models import Steunpunt, Tijdvak
from steunpunten.tijden_uit_tekst import tijden_opnieuw_invullen, zet_tekst_om
from tests.helpers import make_steunpunt

pytestmark = pytest.mark.django_db

migratie = importlib.import_module("steunpunten.migrations.0012_tijden_uit_tekst")


def slots(steunpunt, kanaal=""):
    return list(
        Tijdvak.objects.filter(steunpunt=steunpunt, kanaal=kanaal)
        .order_by("weekdag", "van")
        .values_list("weekdag", "van", "tot")
    )


def test_the_migration_reads_what_is_clear_and_keeps_the_rest():
    helder = make_steunpunt(
        "PO2707",
        slug="helder",
        telefonisch_bereikbaar="ma t/m do 9.00–12.30",
        inloopspreekuur="woensdag 13.00 tot 15.00 uur",
    )
    half = make_steunpunt(
        "VO2708",
        slug="half",
        telefonisch_bereikbaar="ma en wo 9.00-11.00",
        inloopspreekuur="elke eerste woensdag van de maand",
    )
    onduidelijk = make_steunpunt("PO2201", slug="onduidelijk", telefonisch_bereikbaar="op afspraak")
    leeg = make_steunpunt("VO2201", slug="leeg")

    migratie.tekst_naar_tijdvakken(apps, None)

    for steunpunt in (helder, half, onduidelijk, leeg):
        steunpunt.refresh_from_db()
    negen, half_een = datetime.time(9), datetime.time(12, 30)
    assert slots(helder) == [(dag, negen, half_een) for dag in range(4)]
    assert slots(helder, "inloop") == [(2, datetime.time(13), datetime.time(15))]
    assert helder.telefonisch_bereikbaar == helder.inloopspreekuur == ""
    assert slots(half) == [(0, negen, datetime.time(11)), (2, negen, datetime.time(11))]
    assert half.telefonisch_bereikbaar == ""
    assert half.inloopspreekuur == "elke eerste woensdag van de maand"  # kept
    assert slots(onduidelijk) == [] and onduidelijk.telefonisch_bereikbaar == "op afspraak"
    assert slots(leeg) == []  # nothing invented
    opnieuw = set(tijden_opnieuw_invullen().values_list("slug", flat=True))
    assert {"half", "onduidelijk"} <= opnieuw
    assert not {"helder", "leeg"} & opnieuw


def test_a_channel_that_already_has_slots_keeps_them_and_its_text(
    django_capture_on_commit_callbacks,
):
    steunpunt = make_steunpunt("PO2707", slug="al", telefonisch_bereikbaar="ma 9.00-12.00")
    Tijdvak.objects.create(
        steunpunt=steunpunt, weekdag=4, van=datetime.time(8), tot=datetime.time(10)
    )
    with django_capture_on_commit_callbacks(execute=True):
        resultaat = zet_tekst_om(steunpunt)
    assert resultaat.omgezet == () and resultaat.bewaard == ("telefonisch_bereikbaar",)
    assert slots(steunpunt) == [(4, datetime.time(8), datetime.time(10))]
    assert Steunpunt.objects.get(pk=steunpunt.pk).telefonisch_bereikbaar == "ma 9.00-12.00"


def test_the_demo_texts_became_slots():
    # tests/conftest.py loads the sample as load_shipped_data does (demo_tijden)
    demo = Steunpunt.objects.voorbeelden().first()
    assert demo.telefonisch_bereikbaar == ""
    assert slots(demo) == [(dag, datetime.time(9), datetime.time(16)) for dag in range(4)]
