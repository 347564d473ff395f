"""Choice lists never show overlapping postcode ranges (issue 22): each option's postcodes are
written as ranges that hold none of the other options' PC4s."""

import re

import pytest
from django.urls import reverse

from steunpunten.gemeenten import postcode_text
from steunpunten.models import Postcodegebied
from zoeken import search
from zoeken.antwoord import Uitkomst
from zoeken.weergave import keuze_label


def ask(text):
    return search.resolve(search.parse_query(text))


def spans(text: str) -> list[tuple[int, int]]:
    """The ranges of a postcode text: "8529–8642, 9021" -> [(8529, 8642), (9021, 9021)]."""
    result = []
    for part in re.findall(r"\d{4}(?:–\d{4})?", text):
        van, _, tot = part.partition("–")
        result.append((int(van), int(tot or van)))
    return result


def assert_no_overlap(antwoord, text: str):
    shown = [spans(k.postcode_tekst) for k in antwoord.keuzes]
    for i, mine in enumerate(shown):
        # Every PC4 of the option lies in its own ranges, and no other option's PC4 does.
        for j, keuze in enumerate(antwoord.keuzes):
            if i == j:
                continue
            for other in spans(keuze.postcode_tekst):
                for van, tot in mine:
                    assert other[1] < van or other[0] > tot, (text, i, j)


@pytest.mark.parametrize(
    ("own", "others", "text"),
    [
        (["7551", "7552", "7559"], [], "7551–7559"),
        (["8529", "8600", "8700", "9021"], ["8644", "9012"], "8529–8600, 8700, 9021"),
        (["1000"], ["0999", "1001"], "1000"),
        ([], ["1234"], ""),
    ],
)
def test_postcode_text_never_swallows_another_options_postcodes(own, others, text):
    assert postcode_text(own, others) == text


@pytest.mark.django_db
@pytest.mark.realdata
def test_sudwest_fryslan_names_sneek_and_bolsward_without_overlapping_ranges(client):
    antwoord = ask("Súdwest-Fryslân")
    assert antwoord.uitkomst == Uitkomst.KEUZES and len(antwoord.keuzes) >= 2
    assert_no_overlap(antwoord, "Súdwest-Fryslân")
    first = antwoord.keuzes[0]
    assert "Sneek" in first.plaatsen and "Bolsward" in first.plaatsen
    html = client.get(reverse("zoeken:zoeken"), {"q": "Súdwest-Fryslân"}).content.decode()
    for keuze in antwoord.keuzes:
        assert keuze.postcode_tekst in html
    # Never two identical lines.
    labels = [keuze_label(k) for k in antwoord.keuzes]
    assert len(labels) == len(set(labels))


@pytest.mark.django_db
@pytest.mark.realdata
def test_no_choice_list_of_a_gemeente_or_place_name_shows_overlapping_ranges():
    """Every gemeente and every place name of the country that gives a choice list."""
    from steunpunten.models import Plaatsnaam

    names = set(Postcodegebied.objects.exclude(gemeente="").values_list("gemeente", flat=True))
    names |= set(Plaatsnaam.objects.values_list("naam", flat=True))
    checked = 0
    for name in sorted(names):
        antwoord = ask(name)
        if antwoord is None or len(antwoord.keuzes) < 2:
            continue
        checked += 1
        assert_no_overlap(antwoord, name)
        labels = [keuze_label(k) for k in antwoord.keuzes]
        assert len(labels) == len(set(labels)), name
    assert checked > 20
