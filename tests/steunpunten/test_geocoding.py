"""Geocoding with a fake geocoder object: success, failure, timeout, none configured, fallback."""

import pytest
from geopy.exc import GeocoderTimedOut, GeocoderUnavailable

from steunpunten import geocoding
from steunpunten.models import Postcodegebied
from tests.admin_helpers import admin_url, steunpunt_data
from tests.helpers import login_verified, make_staff, make_steunpunt

pytestmark = pytest.mark.django_db


class Punt:
    def __init__(self, lat, lon):
        self.latitude, self.longitude = lat, lon


class FakeGeocoder:
    """Stands in for a geopy geocoder; records the queries it was asked."""

    answer = Punt(52.3731, 4.8926)
    error = None
    queries: list = []

    def __init__(self, **options):
        self.options = options

    def geocode(self, query, timeout=None):
        FakeGeocoder.queries.append((query, timeout))
        if FakeGeocoder.error:
            raise FakeGeocoder.error
        return FakeGeocoder.answer


@pytest.fixture
def fake(settings):
    FakeGeocoder.answer, FakeGeocoder.error, FakeGeocoder.queries = Punt(52.3731, 4.8926), None, []
    settings.VINDPLEK_GEOCODER = {
        "class": "tests.steunpunten.test_geocoding.FakeGeocoder",
        "options": {"user_agent": "vindplek-test"},
        "min_delay_seconds": 1,
        "timeout": 2,
    }
    geocoding._build_geocode.cache_clear()
    yield FakeGeocoder
    geocoding._build_geocode.cache_clear()


def steunpunt(**fields):
    values = {"slug": "geo", "straat": "Dam", "huisnummer": "1", "postcode": "1012 JS"}
    return make_steunpunt("PO2707", plaats="Amsterdam", **{**values, **fields})


def test_success_gives_address_precision(fake):
    sp = steunpunt()
    locatie = geocoding.update_location(sp)
    assert (sp.lat, sp.lon, sp.locatie_precisie) == (52.3731, 4.8926, "adres")
    assert locatie.precisie == "adres"
    assert fake.queries == [("Dam 1, 1012 JS Amsterdam, Nederland", 2.0)]


def test_geocoder_gets_its_options_and_a_rate_limiter(fake):
    geocode = geocoding.configured_geocode()
    assert geocode.min_delay_seconds >= 1
    assert geocode.func.__self__.options == {"user_agent": "vindplek-test"}


@pytest.mark.parametrize(
    "error", [GeocoderTimedOut("te traag"), GeocoderUnavailable("weg"), OSError]
)
def test_failure_or_timeout_falls_back_to_pc4_centroid(fake, error):
    fake.error = error
    sp = steunpunt()
    geocoding.update_location(sp)
    area = Postcodegebied.objects.get(pc4="1012")
    assert (sp.lat, sp.lon, sp.locatie_precisie) == (area.lat, area.lon, "postcode")


def test_no_answer_or_answer_outside_nl_falls_back(fake):
    for answer in (None, Punt(48.85, 2.35)):
        fake.answer = answer
        sp = steunpunt(slug=f"geo-{answer is None}")
        geocoding.update_location(sp)
        assert sp.locatie_precisie == "postcode"


def test_no_geocoder_configured_uses_pc4(settings):
    settings.VINDPLEK_GEOCODER = {"class": ""}
    sp = steunpunt()
    geocoding.update_location(sp)
    assert sp.locatie_precisie == "postcode"


def test_wrong_geocoder_class_does_not_break(settings):
    settings.VINDPLEK_GEOCODER = {"class": "geopy.geocoders.BestaatNiet"}
    geocoding._build_geocode.cache_clear()
    sp = steunpunt()
    geocoding.update_location(sp)
    assert sp.locatie_precisie == "postcode"


def test_unknown_postcode_and_no_geocoder_clears_location(settings):
    settings.VINDPLEK_GEOCODER = {}
    sp = steunpunt(postcode="1000 AA", lat=52.0, lon=5.0, locatie_precisie="adres")
    assert geocoding.update_location(sp) is None
    assert (sp.lat, sp.lon, sp.locatie_precisie) == (None, None, "")


def test_an_explicit_geocode_function_wins(settings):
    settings.VINDPLEK_GEOCODER = {}
    sp = steunpunt()
    geocoding.update_location(sp, geocode=lambda query, timeout: Punt(52.1, 5.1))
    assert (sp.lat, sp.locatie_precisie) == (52.1, "adres")


def test_admin_save_geocodes_when_the_address_changes(client, fake):
    login_verified(client, make_staff("medewerker-a", "PO2707"))
    sp = steunpunt()
    url = admin_url("steunpunt", "change", sp.pk)
    client.post(url, steunpunt_data(sp, telefonisch_bereikbaar="ma-vr"))
    assert fake.queries == []  # no address change, no lookup
    fake.error = GeocoderTimedOut("te traag")
    response = client.post(url, steunpunt_data(sp, straat="Rokin", versie_bij_openen=1))
    assert response.status_code == 302  # saving never fails because of geocoding
    sp.refresh_from_db()
    assert sp.straat == "Rokin" and sp.locatie_precisie == "postcode"
    assert fake.queries[-1][0].startswith("Rokin 1")
