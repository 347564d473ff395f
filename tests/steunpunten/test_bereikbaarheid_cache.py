"""The sentence "Nu bereikbaar tot 12.30 uur" follows the clock, so public pages that show it
are never kept past its next change: the ETag carries the window in which no sentence changes
(bereikbaarheid.tijdvenster) and max-age never reaches past its end (issue 25)."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from steunpunten.models import Tijdvak
from tests.helpers import make_steunpunt

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Europe/Amsterdam")


def op(tekst: str):
    """Freeze the clock at this Dutch time."""
    moment = datetime.datetime.fromisoformat(tekst).replace(tzinfo=TZ).astimezone(datetime.UTC)
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def steunpunt():
    sp = make_steunpunt(
        "PO2707", slug="klok", telefoon="020 111 1111", plaats="Amsterdam", postcode="1011 AB"
    )
    # Thursday 9.00-12.30 (3 December 2026 is a Thursday)
    Tijdvak.objects.create(steunpunt=sp, weekdag=3, van=datetime.time(9), tot=datetime.time(12, 30))
    return sp


def haal(client, url, **headers):
    return client.get(url, headers=headers)


def test_the_page_changes_its_etag_when_the_sentence_changes(client, steunpunt):
    url = "/steunpunten/klok/"
    with op("2026-12-03 10:00"):
        eerste = haal(client, url)
    assert "Nu bereikbaar tot 12.30 uur" in eerste.content.decode()
    with op("2026-12-03 12:00"):
        # The same sentence: the same ETag, and a browser that has it gets 304.
        zelfde = haal(client, url, if_none_match=eerste["ETag"])
    assert zelfde.status_code == 304
    with op("2026-12-03 12:31"):
        later = haal(client, url, if_none_match=eerste["ETag"])
    assert later.status_code == 200
    assert later["ETag"] != eerste["ETag"]
    assert "Nu bereikbaar" not in later.content.decode()
    assert "Weer bereikbaar" in later.content.decode()


def test_max_age_never_reaches_past_the_next_change(client, steunpunt, settings):
    settings.VINDPLEK_PUBLIC_MAX_AGE = 600
    with op("2026-12-03 12:29:30"):
        response = haal(client, "/steunpunten/klok/")
    assert "max-age=30" in response["Cache-Control"]
    with op("2026-12-03 10:00"):
        response = haal(client, "/steunpunten/klok/")
    assert "max-age=600" in response["Cache-Control"]
    with op("2026-12-03 23:59:50"):
        # "morgen" becomes a weekday name at midnight
        response = haal(client, "/zoeken/?q=1011+AB")
    assert "max-age=10" in response["Cache-Control"]


def test_the_search_card_says_it_at_the_moment_it_is_shown(client, steunpunt):
    with op("2026-12-03 08:00"):
        vroeg = haal(client, "/zoeken/?q=1011+AB").content.decode()
    with op("2026-12-03 09:30"):
        # the index and its cards were built before; the sentence is worked out now
        later = haal(client, "/zoeken/?q=1011+AB").content.decode()
    assert "Vandaag nog bereikbaar vanaf 9.00 uur" in vroeg
    assert "Nu bereikbaar tot 12.30 uur" in later
