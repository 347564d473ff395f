"""One-time codes of "Voelde u zich gesteund?" (steunpunten/ervaring.py): stored as a hash,
usable once, for 60 days, and never linked to an answer."""

import datetime

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from steunpunten import ervaring
from steunpunten.ervaring import Antwoorden, CodeFout, Probleem
from steunpunten.models import Ervaring, ErvaringCode, Steunpunt
from tests.helpers import make_steunpunt

ANTWOORDEN = Antwoorden(gesteund=4, weet_verder="ja", aanbevelen="ja")
TODAY = datetime.date(2026, 11, 17)


@pytest.fixture
def steunpunt(db):
    return make_steunpunt("PO2707", slug="ervaring-test")


def test_normalise_ignores_case_spaces_and_dashes():
    assert ervaring.normalise_code(" k7qm 4xtb ") == "K7QM4XTB"
    assert ervaring.normalise_code("K7QM-4XTB") == "K7QM4XTB"
    assert ervaring.normalise_code("k 7 q m 4 x t b") == "K7QM4XTB"


@pytest.mark.parametrize("text", ["", "K7QM4XT", "K7QM4XTBB", "K7QM4XT0", "K7QM4XTO", "K7QM4XTI"])
def test_normalise_refuses_other_lengths_and_look_alikes(text):
    assert ervaring.normalise_code(text) is None


def test_the_alphabet_has_no_look_alikes():
    assert not set("01OIL") & set(ervaring.ALFABET)
    assert len(set(ervaring.ALFABET)) == len(ervaring.ALFABET) == 31


def test_format_code_in_two_groups():
    assert ervaring.format_code("K7QM4XTB") == "K7QM 4XTB"


def test_codes_are_stored_only_as_a_hash(steunpunt):
    codes = ervaring.codes_create(steunpunt=steunpunt, aantal=10)
    assert len(set(codes)) == 10
    stored = list(ErvaringCode.objects.values_list("hash", flat=True))
    assert sorted(stored) == sorted(ervaring.code_hash(code) for code in codes)
    # Nowhere in the table, in any spelling: read the raw rows.
    table = connection.ops.quote_name(ErvaringCode._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")
        raw = repr(cursor.fetchall())
    for code in codes:
        for spelling in (code, code.lower(), ervaring.format_code(code)):
            assert spelling not in raw


def test_the_hash_depends_on_the_secret_key(settings):
    first = ervaring.code_hash("K7QM4XTB")
    settings.SECRET_KEY = "een-andere-sleutel-" + "x" * 40
    assert ervaring.code_hash("K7QM4XTB") != first


def test_an_old_secret_key_still_finds_a_code(steunpunt, settings):
    [code] = ervaring.codes_create(steunpunt=steunpunt)
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "nieuwe-sleutel-" + "y" * 40
    with pytest.raises(CodeFout):
        ervaring.code_check(code)
    settings.SECRET_KEY_FALLBACKS = [old]
    assert ervaring.code_check(code).steunpunt == steunpunt


def test_a_code_works_for_60_days(steunpunt):
    [code] = ervaring.codes_create(steunpunt=steunpunt, today=TODAY)
    last_day = TODAY + datetime.timedelta(days=60)
    assert ervaring.code_check(code, today=last_day).steunpunt == steunpunt
    with pytest.raises(CodeFout) as refused:
        ervaring.code_check(code, today=last_day + datetime.timedelta(days=1))
    assert refused.value.probleem is Probleem.VERLOPEN
    assert "verlopen" in str(refused.value)
    with pytest.raises(CodeFout):
        ervaring.ervaring_record(
            code=code, antwoorden=ANTWOORDEN, today=last_day + datetime.timedelta(days=1)
        )
    assert not Ervaring.objects.exists()


def test_an_answer_keeps_the_month_only(steunpunt):
    [code] = ervaring.codes_create(steunpunt=steunpunt, today=TODAY)
    answer = ervaring.ervaring_record(code=code.lower(), antwoorden=ANTWOORDEN, today=TODAY)
    assert (answer.steunpunt, answer.maand) == (steunpunt, datetime.date(2026, 11, 1))
    assert (answer.gesteund, answer.weet_verder, answer.aanbevelen) == (4, "ja", "ja")


def test_nothing_of_an_answer_links_to_a_code_a_contact_or_a_visitor():
    fields = {field.name for field in Ervaring._meta.get_fields()}
    assert fields == {"id", "steunpunt", "maand", "gesteund", "weet_verder", "aanbevelen"}
    relations = {field.related_model for field in Ervaring._meta.get_fields() if field.is_relation}
    assert relations == {Steunpunt}
    # And the code knows nothing of the answer or the contact either.
    code_fields = {field.name for field in ErvaringCode._meta.get_fields()}
    assert code_fields == {"id", "hash", "steunpunt", "geldig_tot", "gebruikt"}


def test_a_count_outside_1_to_50_is_refused(steunpunt):
    with pytest.raises(ValueError):
        ervaring.codes_create(steunpunt=steunpunt, aantal=0)
    with pytest.raises(ValueError):
        ervaring.codes_create(steunpunt=steunpunt, aantal=51)


class EenKeerTest(TestCase):
    """Property: whatever the answers and however the code is typed, it works once, never again."""

    @classmethod
    def setUpTestData(cls):
        cls.steunpunt = make_steunpunt("VO2708", slug="ervaring-eenmalig")

    @settings(max_examples=40, deadline=None)
    @given(
        gesteund=st.integers(1, 5),
        weet_verder=st.sampled_from(["ja", "een_beetje", "nee"]),
        aanbevelen=st.sampled_from(["ja", "nee"]),
        spelling=st.sampled_from([str.lower, str.upper, ervaring.format_code, lambda c: c]),
        later=st.lists(st.integers(0, 60), min_size=1, max_size=4),
    )
    def test_a_code_works_once_and_never_after(
        self, gesteund, weet_verder, aanbevelen, spelling, later
    ):
        [code] = ervaring.codes_create(steunpunt=self.steunpunt, today=TODAY)
        antwoorden = Antwoorden(gesteund, weet_verder, aanbevelen)
        before = Ervaring.objects.count()
        ervaring.ervaring_record(code=spelling(code), antwoorden=antwoorden, today=TODAY)
        assert Ervaring.objects.count() == before + 1
        for days in later:
            day = TODAY + datetime.timedelta(days=days)
            with pytest.raises(CodeFout) as refused:
                ervaring.ervaring_record(code=code, antwoorden=antwoorden, today=day)
            assert refused.value.probleem is Probleem.GEBRUIKT
            with pytest.raises(CodeFout):
                ervaring.code_check(spelling(code), today=day)
        assert Ervaring.objects.count() == before + 1

    @settings(max_examples=60, deadline=None)
    @given(text=st.text(max_size=20))
    def test_no_typed_text_finds_a_code_it_was_not(self, text):
        [code] = ervaring.codes_create(steunpunt=self.steunpunt, today=TODAY)
        if ervaring.normalise_code(text) == code:
            return
        with pytest.raises(CodeFout) as refused:
            ervaring.code_check(text, today=TODAY)
        assert refused.value.probleem is Probleem.ONBEKEND
