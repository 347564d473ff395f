import pytest
from django.test import SimpleTestCase

from steunpunten.names import normalise_name
from steunpunten.regio import PROVINCIES, parse_swv_code


class RegioTests(SimpleTestCase):
    def test_every_province_number_parses(self):
        for number, (slug, _name) in PROVINCIES.items():
            parsed = parse_swv_code(f"VO{number}01")
            assert parsed.provincie == slug
            assert parsed.leesbaar == f"VO {number}-01"

    def test_readable_spellings_parse(self):
        assert parse_swv_code("po 27-07").leesbaar == "PO 27-07"


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("Súdwest-Fryslân", "sudwest fryslan"),
        ("'s-Gravenhage", "s gravenhage"),
        ("  DEN   haag ", "den haag"),
        ("Bergen (NH.)", "bergen nh"),
    ],
)
def test_normalise_name(raw, normal):
    assert normalise_name(raw) == normal
