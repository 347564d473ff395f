"""The recording models (issue 24): month only, themes never deleted, notes checked on save."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from steunpunten.models import (
    MATCH_UITKOMSTEN,
    Contactregistratie,
    ContactThema,
    Doorverwijzing,
    Maandtotaal,
    Signaal,
    Thema,
    Uitkomst,
)
from tests.helpers import make_steunpunt

pytestmark = pytest.mark.django_db


@pytest.fixture
def steunpunt():
    return make_steunpunt("PO2707", "VO2708", slug="test-registratie")


def contact(steunpunt, **fields):
    values = {
        "maand": datetime.date(2026, 3, 17),
        "sector": "PO",
        "vrager": "ouder",
        "kanaal": "telefoon",
        "uitkomst": Uitkomst.INFORMATIE,
    }
    values.update(fields)
    return Contactregistratie.objects.create(steunpunt=steunpunt, **values)


def test_the_national_themes_are_there_with_a_definition_each():
    namen = list(Thema.objects.values_list("naam", flat=True))
    assert namen[0] == "Extra ondersteuning op school" and namen[-1] == "Anders"
    assert len(namen) == 9
    assert all(thema.definitie for thema in Thema.objects.all())


def test_a_contact_keeps_only_its_month(steunpunt):
    opgeslagen = contact(steunpunt)
    opgeslagen.refresh_from_db()
    assert opgeslagen.maand == datetime.date(2026, 3, 1)
    velden = {f.name for f in Contactregistratie._meta.get_fields()}
    assert not velden & {"naam", "school", "aangemaakt", "datum", "tekst", "door", "user"}


def test_a_referral_needs_its_destination_and_only_a_referral_has_one(steunpunt):
    with pytest.raises(IntegrityError), transaction.atomic():
        contact(steunpunt, uitkomst=Uitkomst.DOORVERWEZEN)
    with pytest.raises(IntegrityError), transaction.atomic():
        contact(steunpunt, uitkomst=Uitkomst.STEUN, doorverwezen_naar=Doorverwijzing.SCHOOL)
    ok = contact(steunpunt, uitkomst=Uitkomst.DOORVERWEZEN, doorverwezen_naar="school")
    assert ok.is_match()
    with pytest.raises(ValidationError):
        Contactregistratie(
            steunpunt=steunpunt,
            maand=datetime.date(2026, 1, 1),
            sector="PO",
            vrager="ouder",
            kanaal="telefoon",
            uitkomst=Uitkomst.DOORVERWEZEN,
        ).full_clean()


def test_a_match_tot_steun_is_defined_once(steunpunt):
    assert set(MATCH_UITKOMSTEN) == {Uitkomst.STEUN, Uitkomst.DOORVERWEZEN}
    contact(steunpunt)
    contact(steunpunt, uitkomst=Uitkomst.STEUN)
    contact(steunpunt, uitkomst=Uitkomst.DOORVERWEZEN, doorverwezen_naar="swv")
    assert Contactregistratie.objects.matches().count() == 2


def test_a_theme_that_was_used_cannot_be_deleted_only_retired(steunpunt):
    thema = Thema.objects.get(code="vervoer")
    ContactThema.objects.create(contact=contact(steunpunt), thema=thema)
    with pytest.raises(ProtectedError):
        thema.delete()
    thema.actief = False
    thema.save()
    ongebruikt = Thema.objects.create(code="nieuw", naam="Nieuw", definitie="x")
    ongebruikt.delete()


def test_monthly_totals_are_per_month_and_never_more_matches_than_contacts(steunpunt):
    thema = Thema.objects.get(code="thuiszitten")
    totaal = Maandtotaal.objects.create(
        steunpunt=steunpunt, maand=datetime.date(2026, 2, 9), thema=thema, contacten=4, matches=2
    )
    assert totaal.maand == datetime.date(2026, 2, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Maandtotaal.objects.create(
            steunpunt=steunpunt,
            maand=datetime.date(2026, 2, 1),
            thema=thema,
            contacten=1,
            matches=0,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Maandtotaal.objects.create(
            steunpunt=steunpunt,
            maand=datetime.date(2026, 3, 1),
            thema=thema,
            contacten=1,
            matches=2,
        )


def test_a_signal_is_per_quarter_and_its_note_is_checked_on_every_save(steunpunt):
    thema = Thema.objects.get(code="vervoer")
    signaal = Signaal.objects.create(
        steunpunt=steunpunt, kwartaal=datetime.date(2026, 5, 20), thema=thema
    )
    assert signaal.kwartaal == datetime.date(2026, 4, 1) and str(signaal) == "Vervoer (2026 K2)"
    signaal.toelichting = "Ouder belde vanaf 06 12345678"
    with pytest.raises(ValidationError):
        signaal.save()
    with pytest.raises(ValidationError):
        signaal.full_clean()
    signaal.toelichting = "Meer vragen over vervoer na de zomervakantie."
    signaal.save()


def test_records_go_after_five_years_through_the_daily_purge(steunpunt):
    from beheer.bewaartermijn import registraties_purge

    thema = Thema.objects.get(code="vervoer")
    oud = contact(steunpunt, maand=datetime.date(2021, 2, 1))
    blijft = contact(steunpunt, maand=datetime.date(2021, 3, 1))
    Maandtotaal.objects.create(
        steunpunt=steunpunt, maand=datetime.date(2020, 12, 1), thema=thema, contacten=3, matches=1
    )
    Signaal.objects.create(steunpunt=steunpunt, kwartaal=datetime.date(2020, 10, 1), thema=thema)
    ContactThema.objects.create(contact=oud, thema=thema)
    # The oldest month kept in March 2026 is March 2021 (contact, its theme, total, signal).
    assert registraties_purge(today=datetime.date(2026, 3, 15)) == 4
    assert list(Contactregistratie.objects.all()) == [blijft]
    assert not Maandtotaal.objects.exists() and not Signaal.objects.exists()
