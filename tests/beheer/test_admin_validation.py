"""Field rules in the admin: each wrong field gets its Dutch message, the rest of the input stays."""

import pytest
from django.core.exceptions import ValidationError

from steunpunten.models import Steunpunt
from steunpunten.validators import (
    normalise_telefoon,
    validate_https_url,
    validate_huisnummer,
    validate_telefoon,
)
from tests.admin_helpers import admin_url, steunpunt_data
from tests.helpers import login_verified, make_staff, make_steunpunt

GOED = ["020 123 4567", "0201234567", "06-12345678", "+31 6 12345678", "+31 (0)20 123 4567"]
GOED += ["0800 1234", "0800-0000001", "0900 1234567", "088 123 4567", "010-1234567"]
FOUT = ["12345", "0612", "+44 20 1234 5678", "06123456789", "0800 12", "bel ons", "0020 1234567"]


@pytest.mark.parametrize("nummer", GOED)
def test_dutch_phone_numbers_are_accepted(nummer):
    validate_telefoon(nummer)


@pytest.mark.parametrize("nummer", FOUT)
def test_other_phone_numbers_are_refused(nummer):
    with pytest.raises(ValidationError) as error:
        validate_telefoon(nummer)
    assert "Nederlands telefoonnummer" in str(error.value.messages[0])


def test_phone_number_normalised_to_national_digits():
    assert normalise_telefoon("+31 (0)20-123 45 67") == "0201234567"


@pytest.mark.parametrize(
    ("url", "fragment"),
    [("http://voorbeeld.nl", "https://"), ("voorbeeld.nl", "https://"), ("ftp://x.nl", "https://")],
)
def test_only_https_urls(url, fragment):
    with pytest.raises(ValidationError) as error:
        validate_https_url(url)
    assert fragment in str(error.value.messages[0])


def test_https_url_accepted():
    validate_https_url("https://www.voorbeeld.nl/contact")


@pytest.mark.parametrize("nummer", ["0", "abc", "12 abcdefgh", ""])
def test_bad_house_numbers(nummer):
    with pytest.raises(ValidationError):
        validate_huisnummer(nummer)


# (field, bad value, a piece of the Dutch message)
REGELS = [
    ("telefoon", "12345", "Nederlands telefoonnummer"),
    ("website", "http://voorbeeld.nl", "https://"),
    ("contactformulier", "http://voorbeeld.nl/contact", "https://"),
    ("email", "geen-adres", "e-mailadres"),
    ("postcode", "0123 AB", "begint niet met een 0"),
    ("postcode", "1234 SA", "SA, SD en SS"),
    ("postcode", "1234", "4 cijfers en 2 letters"),
    ("postcode", "12345", "4 cijfers en 2 letters"),
    ("huisnummer", "nul", "huisnummer"),
    ("naam", "x" * 151, "151"),
    ("aanbod", "x" * 1001, "1001"),
    ("naam", "", "verplicht"),
    ("gecontroleerd_op", "2099-01-01", "toekomst"),
    ("gecontroleerd_op", "31-02-2026", "datum"),
]


@pytest.fixture
def staff_client(client):
    login_verified(client, make_staff("medewerker-a", "PO2707"))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(("veld", "waarde", "melding"), REGELS)
def test_admin_refuses_field_with_dutch_message_and_keeps_input(
    staff_client, veld, waarde, melding
):
    steunpunt = make_steunpunt("PO2707", slug="eigen-a", postcode="1011 AB", plaats="Amsterdam")
    values = {"inloopspreekuur": "dinsdag 10-12 uur (nieuw)", "straat": "Dam", "huisnummer": "1"}
    data = steunpunt_data(steunpunt, **{**values, veld: waarde})
    response = staff_client.post(admin_url("steunpunt", "change", steunpunt.pk), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert list(form.errors) == [veld]
    assert melding in " ".join(form.errors[veld])
    body = response.content.decode()
    assert 'value="dinsdag 10-12 uur (nieuw)"' in body  # the other input is kept
    steunpunt.refresh_from_db()
    assert steunpunt.inloopspreekuur != "dinsdag 10-12 uur (nieuw)"


@pytest.mark.django_db
def test_address_needs_postcode_and_place_unless_online(staff_client):
    steunpunt = make_steunpunt("PO2707", slug="eigen-a", postcode="1011 AB", plaats="Amsterdam")
    url = admin_url("steunpunt", "change", steunpunt.pk)
    response = staff_client.post(url, steunpunt_data(steunpunt, postcode="", plaats=""))
    errors = response.context["adminform"].form.errors
    assert "alleen telefonisch of online" in errors["postcode"][0]
    ok = staff_client.post(
        url, steunpunt_data(steunpunt, postcode="", plaats="", alleen_online="on")
    )
    assert ok.status_code == 302


@pytest.mark.django_db
def test_postcode_saved_in_standard_spelling(staff_client):
    steunpunt = make_steunpunt("PO2707", slug="eigen-a", postcode="1011 AB", plaats="Amsterdam")
    url = admin_url("steunpunt", "change", steunpunt.pk)
    assert staff_client.post(url, steunpunt_data(steunpunt, postcode="1012ab")).status_code == 302
    assert Steunpunt.objects.get(pk=steunpunt.pk).postcode == "1012 AB"


@pytest.mark.django_db
def test_swv_contact_rules(staff_client):
    from steunpunten.models import Samenwerkingsverband

    swv = Samenwerkingsverband.objects.get(code="PO2707")
    url = admin_url("samenwerkingsverband", "change", swv.pk)
    data = {
        "telefoon": "999",
        "website": "http://swv.nl",
        "email": "info@swv.nl",
        "bezoekadres": "Dam 1",
    }
    response = staff_client.post(url, data)
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"telefoon", "website"}
    assert 'value="Dam 1"' in response.content.decode()


@pytest.mark.django_db
def test_a_url_typed_without_scheme_is_saved_as_https(staff_client):
    steunpunt = make_steunpunt("PO2707", slug="eigen-b", postcode="1011 AB", plaats="Amsterdam")
    data = steunpunt_data(steunpunt, contactformulier="voorbeeld.nl/contact")
    response = staff_client.post(admin_url("steunpunt", "change", steunpunt.pk), data)
    assert response.status_code == 302
    steunpunt.refresh_from_db()
    assert steunpunt.contactformulier == "https://voorbeeld.nl/contact"
