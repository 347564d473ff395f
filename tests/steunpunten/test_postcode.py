"""Dutch postcode spellings: what the search accepts and what it refuses, with the message."""

import pytest

from steunpunten.postcode import PostcodeError, normalise_postcode
from zoeken.search import ZoekvraagError, parse_query

ACCEPTED = [
    ("1234 AB", "1234 AB"),
    ("1234AB", "1234 AB"),
    ("1234ab", "1234 AB"),
    (" 1234-AB ", "1234 AB"),
    ("1234 ab", "1234 AB"),
    ("1234  AB", "1234 AB"),
    ("1234-ab", "1234 AB"),
    ("1234\tAB", "1234 AB"),
    ("1234", "1234"),
    (" 1234 ", "1234"),
    ("9999 ZZ", "9999 ZZ"),
    ("1011aB", "1011 AB"),
    ("3197 SB", "3197 SB"),
    ("1000 AA", "1000 AA"),
]

REJECTED = [
    ("0123 AB", "Een postcode begint niet met een 0. Controleer de cijfers."),
    ("1234 SA", "De letters SA, SD en SS komen in Nederlandse postcodes niet voor."),
    ("1234 sd", "De letters SA, SD en SS komen in Nederlandse postcodes niet voor."),
    ("1234SS", "De letters SA, SD en SS komen in Nederlandse postcodes niet voor."),
    ("123", "Een postcode heeft 4 cijfers en 2 letters, bijvoorbeeld 1234 AB."),
    ("12345", "Een postcode heeft 4 cijfers en 2 letters, bijvoorbeeld 1234 AB."),
    ("1234 A", "Een postcode heeft 4 cijfers en 2 letters, bijvoorbeeld 1234 AB."),
    ("1234 ABC", "Een postcode heeft 4 cijfers en 2 letters, bijvoorbeeld 1234 AB."),
    ("1234 A1", "Een postcode heeft 4 cijfers en 2 letters, bijvoorbeeld 1234 AB."),
    ("1234 ÅB", "Een postcode heeft 4 cijfers en 2 letters, bijvoorbeeld 1234 AB."),
]


@pytest.mark.parametrize(("spelling", "expected"), ACCEPTED)
def test_accepted_spellings_are_normalised(spelling, expected):
    assert normalise_postcode(spelling) == expected
    vraag = parse_query(spelling)
    assert str(vraag.postcode) == expected


@pytest.mark.parametrize(("spelling", "message"), REJECTED)
def test_rejected_spellings_say_why(spelling, message):
    with pytest.raises(PostcodeError) as error:
        normalise_postcode(spelling)
    assert str(error.value.message) == message
    # The search gives the same message for the same input.
    with pytest.raises(ZoekvraagError) as zoekfout:
        parse_query(spelling)
    assert str(zoekfout.value.message) == message


def test_counts_as_the_issue_asks():
    assert len(ACCEPTED) >= 12
    assert len(REJECTED) >= 6


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_input_is_no_query(text):
    assert parse_query(text) is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("x" * 151, "te lang"),
        ("12 abc", "postcode"),
        ("!!!", "Vul een postcode"),
        ("<>", "Vul een postcode"),
    ],
)
def test_other_bad_input_gets_a_message(text, fragment):
    with pytest.raises(ZoekvraagError) as error:
        parse_query(text)
    assert fragment in str(error.value.message)
