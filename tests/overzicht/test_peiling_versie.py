"""Issue 20: recording and withdrawing a peiling move the data version, so /overzicht/ answers a
browser's If-None-Match with the new page (200) instead of a stale 304; the model itself keeps
a recorded peiling as it is."""

import datetime

import pytest
from django.db import transaction

from steunpunten.models import Peiling, PeilingError, PeilingRegel
from steunpunten.peilingen import record_peiling, withdraw_peiling
from tests.helpers import make_staff

pytestmark = pytest.mark.django_db

MISTAKE = datetime.date(2019, 6, 1)
REGEL = "Peiling 1 juni 2019"


def test_withdrawing_a_peiling_gives_the_new_overzicht_not_a_304(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        peiling = record_peiling(datum=MISTAKE, omschrijving="vergissing")
    first = client.get("/overzicht/")
    assert first.status_code == 200 and REGEL in first.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_peiling(peiling=peiling, door=make_staff("b", role="beheerder"), reden="Fout")
    again = client.get("/overzicht/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert REGEL not in again.content.decode()


def test_recording_a_historic_peiling_gives_the_new_overzicht(
    client, django_capture_on_commit_callbacks
):
    first = client.get("/overzicht/")
    with django_capture_on_commit_callbacks(execute=True):
        peiling = record_peiling(datum=MISTAKE, historisch=True)
    again = client.get("/overzicht/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and REGEL in again.content.decode()
    assert peiling.aangemaakt.date() == MISTAKE


@pytest.mark.realdata
def test_the_model_refuses_every_change_but_the_withdrawal():
    peiling = record_peiling(datum=MISTAKE)
    attempts = [
        lambda: Peiling.objects.filter(pk=peiling.pk).update(aantal_met_steunpunt=1),
        lambda: Peiling.objects.filter(pk=peiling.pk).update(reden_intrekking="stil"),
        lambda: PeilingRegel.objects.filter(peiling=peiling).update(status="geen"),
        lambda: peiling.regels.update(naam="anders"),
        Peiling.objects.filter(pk=peiling.pk).delete,
        peiling.regels.all().delete,
        peiling.save,
        peiling.delete,
    ]
    for attempt in attempts:
        with pytest.raises(PeilingError), transaction.atomic():
            attempt()
    stored = Peiling.objects.get(pk=peiling.pk)
    assert stored.ingetrokken_op is None and stored.reden_intrekking == ""
    assert stored.aantal_met_steunpunt == peiling.aantal_met_steunpunt
    assert stored.regels.count() == 150
    withdraw_peiling(peiling=stored, door=None, reden="Verkeerde datum")
    assert Peiling.objects.get(pk=peiling.pk).reden_intrekking == "Verkeerde datum"
    with pytest.raises(PeilingError, match="al ingetrokken"):
        withdraw_peiling(peiling=peiling, door=None, reden="Nog eens")
