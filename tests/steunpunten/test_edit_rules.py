"""The rules of a listing live on the model: validators and clean(), whoever writes it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from steunpunten.models import Samenwerkingsverband, Steunpunt

pytestmark = pytest.mark.django_db


def steunpunt(**fields) -> Steunpunt:
    values = {"naam": "Regelpunt", "slug": "regelpunt", "postcode": "1011 AB", "plaats": "A'dam"}
    return Steunpunt(**{**values, **fields})


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        instance.full_clean()
    return refused.value.message_dict


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("telefoon", "12345", "Nederlands telefoonnummer"),
        ("website", "http://voorbeeld.nl", "https://"),
        ("contactformulier", "ftp://voorbeeld.nl/formulier", "https://"),
        ("huisnummer", "abc", "huisnummer"),
    ],
)
def test_field_rules_hold_without_any_form(field, value, fragment):
    errors = errors_of(steunpunt(**{field: value, "straat": "Dam"}))
    assert fragment in " ".join(errors[field])


def test_swv_contact_rules_hold_without_any_form():
    swv = Samenwerkingsverband.objects.get(code="PO2707")
    swv.telefoon, swv.website = "bel ons", "http://swv.example"
    errors = errors_of(swv)
    assert "Nederlands telefoonnummer" in errors["telefoon"][0]
    assert "https://" in errors["website"][0]


def test_a_visiting_address_needs_postcode_or_place_unless_online_only():
    errors = errors_of(steunpunt(postcode="", plaats=""))
    assert "alleen telefonisch of online" in errors["postcode"][0]
    assert "alleen telefonisch of online" in errors["plaats"][0]
    steunpunt(postcode="", plaats="", alleen_online=True).full_clean()


def test_a_street_needs_a_house_number():
    assert "huisnummer" in errors_of(steunpunt(straat="Dam"))["huisnummer"][0]
    steunpunt(straat="Dam", huisnummer="1").full_clean()


def test_a_check_date_cannot_lie_ahead():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    assert "toekomst" in errors_of(steunpunt(gecontroleerd_op=tomorrow))["gecontroleerd_op"][0]


def test_clean_writes_the_postcode_in_its_standard_spelling():
    entry = steunpunt(postcode="1011ab")
    entry.full_clean()
    assert entry.postcode == "1011 AB"


def test_every_shipped_listing_keeps_the_rules():
    """So "Alles klopt nog" and a save work on each of them as shipped."""
    broken = {}
    for entry in [*Steunpunt.objects.all(), *Samenwerkingsverband.objects.all()]:
        try:
            entry.full_clean(validate_constraints=False)
        except ValidationError as error:
            broken[str(entry)] = error.message_dict
    assert broken == {}
