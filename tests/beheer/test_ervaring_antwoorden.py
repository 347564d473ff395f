"""The answers page in beheer: a steunpunt's own results per month and quarter, only from 10
answers, for its own staff only."""

import datetime
import re

import pytest
from django.utils import timezone

from steunpunten.models import Ervaring
from tests.helpers import login_verified, make_staff, make_steunpunt

pytestmark = pytest.mark.django_db

URL = "/beheer/steunpunten/ervaring/"


def answers(steunpunt, maand: datetime.date, aantal: int, **fields):
    values = {"gesteund": 4, "weet_verder": "ja", "aanbevelen": "ja", **fields}
    Ervaring.objects.bulk_create(
        Ervaring(steunpunt=steunpunt, maand=maand, **values) for _ in range(aantal)
    )


def count_cells(body: str) -> list[str]:
    """Every table cell that holds a count (not the mean score)."""
    return re.findall(r"<td(?! class=\"gemiddelde\")[^>]*>(.*?)</td>", body, flags=re.S)


@pytest.fixture
def steunpunt():
    return make_steunpunt("PO2707", slug="antwoorden", naam="Steunpunt Antwoorden")


def test_results_show_from_10_answers_and_never_a_number_under_10(client, steunpunt):
    deze_maand = timezone.localdate().replace(day=1)
    answers(steunpunt, deze_maand, 11, gesteund=5)
    answers(steunpunt, deze_maand, 3, weet_verder="nee", aanbevelen="nee", gesteund=2)
    login_verified(client, make_staff("swv", "PO2707"))
    response = client.get(URL, {"steunpunt": steunpunt.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h2>Steunpunt Antwoorden</h2>" in body
    assert "4,4" in body  # (11 × 5 + 3 × 2) / 14, this month and the quarter
    shown = count_cells(body)
    numbers = [int(n) for cell in shown for n in re.findall(r"^\s*(\d+)", cell)]
    assert numbers and all(n >= 10 for n in numbers), shown
    assert "minder dan 10" in body
    assert "Nog niet te zien: minder dan 10 antwoorden." in body  # the quarters before


def test_other_swv_staff_and_ocw_do_not_see_a_steunpunts_answers(client, steunpunt):
    answers(steunpunt, timezone.localdate().replace(day=1), 12)
    make_steunpunt("PO2801", slug="elders")
    login_verified(client, make_staff("elders", "PO2801"))
    body = client.get(URL, {"steunpunt": steunpunt.pk}).content.decode()
    assert "Steunpunt Antwoorden" not in body
    client.logout()
    login_verified(client, make_staff("ocw", role="ocw"))
    assert client.get(URL).status_code == 403
