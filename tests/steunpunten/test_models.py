"""Model rules and the database constraints behind them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from steunpunten.models import Postcodegebied, Samenwerkingsverband, Steunpunt
from steunpunten.regio import parse_swv_code

pytestmark = pytest.mark.django_db


def test_swv_derives_sector_and_province_from_its_code():
    swv = Samenwerkingsverband.objects.create(code="vo3199", naam="Test")
    assert (swv.code, swv.sector, swv.provincie) == ("VO3199", "VO", "limburg")
    assert swv.leesbare_code == "VO 31-99"
    assert swv.provincie_naam == "Limburg"


@pytest.mark.parametrize("code", ["PO1907", "XO2707", "PO27071", "PO32", "2707"])
def test_invalid_swv_codes_are_refused(code):
    assert parse_swv_code(code) is None
    swv = Samenwerkingsverband(code=code, naam="Test", sector="PO", provincie="utrecht")
    with pytest.raises(ValidationError):
        swv.full_clean()


def test_swv_code_is_unique():
    with pytest.raises(IntegrityError), transaction.atomic():
        Samenwerkingsverband.objects.create(code="PO2707", naam="Dubbel")


def test_sector_must_match_the_code_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Samenwerkingsverband.objects.filter(code="PO2707").update(sector="VO")


def test_a_swv_without_area_is_allowed():
    swv = Samenwerkingsverband.objects.create(code="VO2899", naam="Landelijk SWV (voorbeeld)")
    assert not swv.postcodegebieden_po.exists() and not swv.postcodegebieden_vo.exists()


@pytest.mark.parametrize(("lat", "lon"), [(48.85, 2.35), (52.0, 8.0), (54.0, 5.0)])
def test_coordinates_outside_the_netherlands_are_refused(lat, lon):
    with pytest.raises(IntegrityError), transaction.atomic():
        Postcodegebied.objects.filter(pc4="1011").update(lat=lat, lon=lon)
    with pytest.raises(IntegrityError), transaction.atomic():
        Steunpunt.objects.create(naam="X", slug="x-buiten", lat=lat, lon=lon)


def test_pc4_format_is_enforced_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Postcodegebied.objects.create(pc4="0123")


def test_steunpunt_status_is_enforced_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Steunpunt.objects.create(naam="X", slug="x-status", status="weg")


def test_steunpunt_address_and_freshness():
    steunpunt = Steunpunt(
        naam="X", straat="Dam", huisnummer="1", postcode="1012 JS", plaats="Amsterdam"
    )
    assert steunpunt.adres == "Dam 1, 1012 JS Amsterdam"
    steunpunt.alleen_online = True
    assert steunpunt.adres == ""
    steunpunt.gecontroleerd_op = datetime.date.today()
    assert not steunpunt.mogelijk_verouderd
    steunpunt.gecontroleerd_op = datetime.date.today() - datetime.timedelta(days=200)
    assert steunpunt.mogelijk_verouderd


def test_steunpunt_postcode_field_uses_the_dutch_postcode_rules():
    steunpunt = Steunpunt(naam="X", slug="x-postcode", postcode="1012 SS")
    with pytest.raises(ValidationError) as error:
        steunpunt.full_clean()
    assert "SA, SD en SS" in str(error.value)
