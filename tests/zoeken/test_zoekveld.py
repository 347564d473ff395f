"""Every search form draws its field from one include (zoeken/_zoekveld.html)."""

import re

import pytest

from steunpunten.models import School

pytestmark = pytest.mark.django_db


def field(html: str, veld_id: str) -> str:
    """The field's block: from its label to its button."""
    return re.search(rf'<label for="{veld_id}">.*?</button>', html, re.S).group(0)


def test_the_three_search_forms_share_one_field(client):
    home = field(client.get("/").content.decode(), "q")
    speciaal = School.objects.filter(soort="(V)SO").first()
    school = field(client.get(speciaal.get_absolute_url()).content.decode(), "thuis")
    wegwijzer = field(client.get("/wegwijzer/").content.decode(), "postcode")
    for block in (home, school, wegwijzer):
        assert '<div class="zoekregel">' in block and 'spellcheck="false"' in block
        assert 'class="nl-button nl-button--primary"' in block
    assert 'aria-describedby="q-hulp"' in home and 'autocapitalize="off"' in home
    assert 'autocomplete="postal-code"' in school and "aria-describedby" not in school
    assert 'aria-describedby="postcode-hulp"' in wegwijzer


def test_a_field_with_an_error_ties_the_error_to_it(client):
    html = client.get("/wegwijzer/", {"postcode": "0123"}).content.decode()
    block = field(html, "postcode")
    assert 'id="postcode-fout"' in block
    assert 'aria-describedby="postcode-hulp postcode-fout"' in block
    assert 'aria-invalid="true"' in block
    assert '<div class="veld veld-fout">' in html
