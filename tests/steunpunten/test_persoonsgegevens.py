"""The check on a signal's pattern note: no e-mail, phone, postcode or BSN-like number."""

import re

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from steunpunten.persoonsgegevens import (
    passes_elfproef,
    personal_data_found,
    validate_geen_persoonsgegevens,
)

GEWONE_ZINNEN = [
    "Meer vragen over vervoer na de zomervakantie.",
    "In 2024 en 2025 zagen we steeds meer thuiszitters in het vo.",
    "Sinds 1 september 12 vragen over de toelaatbaarheidsverklaring, vaker dan vorig jaar.",
    "Ouders van kinderen in groep 8 vragen vaak naar de overstap; 3 op de 10 gaan over zorgplicht.",
    "Wachttijd jeugdhulp loopt op tot 26 weken.",
    "Het aantal vragen over hoogbegaafdheid verdubbelde (van 15 naar 30).",
    "",
]
WOORDEN = st.sampled_from(
    [
        "meer",
        "vragen",
        "over",
        "vervoer",
        "school",
        "ouders",
        "jongeren",
        "vaker",
        "sinds",
        "de",
        "het",
        "een",
        "in",
        "en",
        "van",
        "thuiszitten",
        "wachtlijst",
        "groep",
        "week",
        "maand",
        "kwartaal",
        "zorgplicht",
    ]
)
SCHEIDING = st.sampled_from(["", " ", "-", " - ", "."])


def zin(*delen: str) -> str:
    return " ".join(delen)


@pytest.mark.parametrize("tekst", GEWONE_ZINNEN)
def test_ordinary_pattern_sentences_pass(tekst):
    validate_geen_persoonsgegevens(tekst)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(WOORDEN, st.integers(0, 2100).map(str)), max_size=25))
def test_generated_pattern_sentences_with_years_and_counts_pass(woorden):
    tekst = " ".join(woorden)
    assume(not re.search(r"\b\d{4} \d{2} \d{3}\b", tekst))  # how a BSN is spaced: refused
    validate_geen_persoonsgegevens(tekst)


@settings(max_examples=150, deadline=None)
@given(st.emails(), WOORDEN)
def test_an_email_address_is_refused(email, woord):
    with pytest.raises(ValidationError, match="e-mailadres"):
        validate_geen_persoonsgegevens(zin("mail", woord, email, "graag"))


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["06", "020", "010", "0800", "+31 6", "0031 20", "085"]),
    st.text("0123456789", min_size=10, max_size=10),
    SCHEIDING,
    WOORDEN,
)
def test_a_phone_number_is_refused(begin, cijfers, scheiding, woord):
    lengte = {"06": 8, "020": 7, "010": 7, "0800": 4, "+31 6": 8, "0031 20": 7, "085": 7}[begin]
    nummer = begin + scheiding + cijfers[: lengte // 2] + scheiding + cijfers[lengte // 2 : lengte]
    with pytest.raises(ValidationError, match="telefoonnummer"):
        validate_geen_persoonsgegevens(zin(woord, "bel", nummer))


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1000, 9999),
    st.text("ABCDEFGHJKLMNPRTUVWXYZ", min_size=2, max_size=2),
    st.booleans(),
    st.booleans(),
)
def test_a_postcode_is_refused(cijfers, letters, spatie, klein):
    letters = letters.lower() if klein and not spatie else letters
    with pytest.raises(ValidationError, match="postcode"):
        validate_geen_persoonsgegevens(f"gezin woont op {cijfers}{' ' if spatie else ''}{letters}")


def bsn_from(eerste_acht: str) -> str | None:
    som = sum(int(d) * w for d, w in zip(eerste_acht, range(9, 1, -1), strict=True))
    laatste = som % 11
    return None if laatste > 9 else eerste_acht + str(laatste)


@settings(max_examples=150, deadline=None)
@given(st.text("0123456789", min_size=8, max_size=8), st.sampled_from(["", ".", " ", "-"]))
def test_a_bsn_like_number_is_refused(eerste_acht, scheiding):
    bsn = bsn_from(eerste_acht)
    assume(bsn is not None and passes_elfproef(bsn))
    geschreven = scheiding.join([bsn[:4], bsn[4:6], bsn[6:]]) if scheiding else bsn
    assert "een nummer dat op een BSN lijkt" in personal_data_found(f"bsn {geschreven}")
    with pytest.raises(ValidationError):
        validate_geen_persoonsgegevens(f"kind met nummer {geschreven}")


@pytest.mark.parametrize(
    "tekst",
    [
        "in groep 8 0612345678 gebeld",  # a count right before the number
        "klas 3 06 12 34 56 78",
        "bel +31 6 1234 5678",
        "nummer 31 0031 20 123 4567",
    ],
)
def test_a_phone_number_after_a_count_is_refused(tekst):
    with pytest.raises(ValidationError, match="telefoonnummer"):
        validate_geen_persoonsgegevens(tekst)


@pytest.mark.parametrize("tekst", ["0 100 100 100 vragen", "31 100 100 100 ouders", "2024 2025"])
def test_a_list_of_counts_is_no_phone_number(tekst):
    validate_geen_persoonsgegevens(tekst)


def test_nine_digits_that_fail_the_elfproef_pass():
    assert not passes_elfproef("123456789")
    validate_geen_persoonsgegevens("referentie 123456789 in het jaarverslag")


def test_the_message_names_what_was_found_and_asks_for_a_pattern():
    with pytest.raises(ValidationError) as fout:
        validate_geen_persoonsgegevens("Bel 06-12345678 of mail a@b.nl")
    tekst = fout.value.messages[0]
    assert "e-mailadres" in tekst and "telefoonnummer" in tekst and "patroon" in tekst
