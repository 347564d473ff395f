"""The edit service (beheer/editing.py): every rule of a steunpunt edit, called directly."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from beheer import editing
from steunpunten.models import Gegevensversie, Samenwerkingsverband, Steunpunt, SteunpuntStatus
from tests.helpers import has_steunpunt, make_staff, make_steunpunt

pytestmark = pytest.mark.django_db

# Shipped demo data: one steunpunt serves PO2202 and VO2202 (as Groningen did in issue 15, finding 3).
EMMEN = "steunpunt-emmen-po2202-vo2202"


def swv(code: str) -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(code=code)


def version() -> int:
    return Gegevensversie.objects.get().versie


def opened(slug: str) -> Steunpunt:
    """The steunpunt as the admin loads it: with its SWVs prefetched."""
    return Steunpunt.objects.prefetch_related("samenwerkingsverbanden").get(slug=slug)


def test_save_keeps_other_swvs_bumps_version_and_records_check(
    django_capture_on_commit_callbacks,
):
    user = make_staff("po2202", "PO2202")
    steunpunt = opened(EMMEN)
    steunpunt.gecontroleerd_op = datetime.date(2020, 1, 1)
    Steunpunt.objects.filter(pk=steunpunt.pk).update(gecontroleerd_op=datetime.date(2020, 1, 1))
    before = version()
    steunpunt.telefoon = "050 123 4567"
    with django_capture_on_commit_callbacks(execute=True):
        editing.steunpunt_save(
            user=user,
            steunpunt=steunpunt,
            changed=["telefoon"],
            swvs=[swv("PO2202")],
            expected_versie=steunpunt.versie,
            today=datetime.date(2026, 3, 4),
        )
    saved = Steunpunt.objects.get(pk=steunpunt.pk)
    assert saved.telefoon == "050 123 4567"
    assert saved.versie == 1
    assert saved.gecontroleerd_op == datetime.date(2026, 3, 4)
    assert set(saved.samenwerkingsverbanden.values_list("code", flat=True)) == {"PO2202", "VO2202"}
    assert version() > before


def test_a_save_without_changes_does_not_claim_a_check():
    user = make_staff("po2202", "PO2202")
    Steunpunt.objects.filter(slug=EMMEN).update(gecontroleerd_op=datetime.date(2020, 1, 1))
    steunpunt = opened(EMMEN)
    editing.steunpunt_save(user=user, steunpunt=steunpunt, changed=[], swvs=None, expected_versie=0)
    assert Steunpunt.objects.get(pk=steunpunt.pk).gecontroleerd_op == datetime.date(2020, 1, 1)


def test_a_date_the_user_typed_is_kept():
    user = make_staff("po2202", "PO2202")
    steunpunt = opened(EMMEN)
    steunpunt.gecontroleerd_op = datetime.date(2026, 1, 2)
    editing.steunpunt_save(
        user=user,
        steunpunt=steunpunt,
        changed=["gecontroleerd_op"],
        expected_versie=0,
        today=datetime.date(2026, 3, 4),
    )
    assert Steunpunt.objects.get(pk=steunpunt.pk).gecontroleerd_op == datetime.date(2026, 1, 2)


def test_stale_version_is_a_conflict_and_nothing_is_saved():
    user = make_staff("po2202", "PO2202")
    steunpunt = opened(EMMEN)
    Steunpunt.objects.filter(pk=steunpunt.pk).update(versie=3)
    steunpunt.telefoon = "050 999 9999"
    with pytest.raises(editing.ConflictError) as refused:
        editing.steunpunt_save(
            user=user, steunpunt=steunpunt, changed=["telefoon"], expected_versie=0
        )
    assert "Iemand anders heeft dit steunpunt gewijzigd" in str(refused.value.message)
    assert Steunpunt.objects.get(pk=steunpunt.pk).telefoon != "050 999 9999"


@pytest.mark.parametrize(
    ("field", "value"),
    [("gepubliceerd", False), ("status", SteunpuntStatus.IN_OPRICHTING), ("voor_vo", False)],
)
def test_staff_of_one_swv_cannot_withdraw_a_shared_steunpunt(field, value):
    """Issue 15, finding 3: PO2202 staff could take the steunpunt away from VO2202."""
    user = make_staff("po2202", "PO2202")
    steunpunt = opened(EMMEN)
    setattr(steunpunt, field, value)
    with pytest.raises(editing.WithdrawalError) as refused:
        editing.steunpunt_save(
            user=user, steunpunt=steunpunt, changed=[field], swvs=None, expected_versie=0
        )
    assert refused.value.field == field
    assert "VO 22-02" in str(refused.value.message)
    assert has_steunpunt(swv("VO2202"))
    assert getattr(Steunpunt.objects.get(pk=steunpunt.pk), field) != value


def test_unticking_a_sector_no_other_swv_relies_on_is_allowed():
    user = make_staff("po2202", "PO2202")
    steunpunt = opened(EMMEN)
    steunpunt.voor_jongeren = False
    editing.steunpunt_save(
        user=user, steunpunt=steunpunt, changed=["voor_jongeren"], expected_versie=0
    )
    assert not Steunpunt.objects.get(pk=steunpunt.pk).voor_jongeren


@pytest.mark.parametrize("who", ["beheerder", "both"])
def test_beheerder_or_staff_of_every_swv_may_withdraw(who):
    if who == "beheerder":
        user = make_staff("beheerder", role="beheerder")
    else:
        user = make_staff("beide", "PO2202", "VO2202")
    steunpunt = opened(EMMEN)
    steunpunt.gepubliceerd = False
    editing.steunpunt_save(
        user=user, steunpunt=steunpunt, changed=["gepubliceerd"], expected_versie=0
    )
    assert not Steunpunt.objects.get(pk=steunpunt.pk).gepubliceerd
    assert not has_steunpunt(swv("VO2202"))


def test_staff_may_always_remove_their_own_swv():
    user = make_staff("po2202", "PO2202")
    steunpunt = opened(EMMEN)
    editing.steunpunt_save(user=user, steunpunt=steunpunt, changed=[], swvs=[], expected_versie=0)
    saved = Steunpunt.objects.get(pk=steunpunt.pk)
    assert list(saved.samenwerkingsverbanden.values_list("code", flat=True)) == ["VO2202"]
    assert saved.gepubliceerd and has_steunpunt(swv("VO2202"))


def test_the_last_swv_cannot_be_removed():
    user = make_staff("po2707", "PO2707")
    steunpunt = make_steunpunt("PO2707", slug="eigen", postcode="1011 AB", plaats="Amsterdam")
    steunpunt = opened("eigen")
    with pytest.raises(editing.EditError) as refused:
        editing.steunpunt_save(
            user=user, steunpunt=steunpunt, changed=[], swvs=[], expected_versie=0
        )
    assert refused.value.field == "samenwerkingsverbanden"


def test_other_swvs_cannot_be_chosen_or_edited():
    user = make_staff("po2707", "PO2707")
    steunpunt = opened(EMMEN)
    with pytest.raises(PermissionDenied):
        editing.steunpunt_save(
            user=user, steunpunt=steunpunt, changed=["telefoon"], expected_versie=0
        )
    new = Steunpunt(naam="Nieuw", slug="nieuw", alleen_online=True)
    with pytest.raises(PermissionDenied):
        editing.steunpunt_save(user=user, steunpunt=new, changed=["naam"], swvs=[swv("PO2202")])
    assert not Steunpunt.objects.filter(slug="nieuw").exists()


def test_new_steunpunt_is_located_checked_and_linked():
    user = make_staff("po2707", "PO2707")
    new = Steunpunt(naam="Nieuw", slug="nieuw", postcode="1011 AB", plaats="Amsterdam")
    editing.steunpunt_save(
        user=user,
        steunpunt=new,
        changed=["naam"],
        swvs=[swv("PO2707")],
        today=datetime.date(2026, 3, 4),
    )
    saved = Steunpunt.objects.get(slug="nieuw")
    assert saved.gecontroleerd_op == datetime.date(2026, 3, 4)
    assert saved.lat is not None and saved.locatie_precisie == "postcode"
    assert [s.code for s in saved.samenwerkingsverbanden.all()] == ["PO2707"]


def test_a_failing_geocoder_never_stops_a_save():
    user = make_staff("po2707", "PO2707")
    make_steunpunt("PO2707", slug="eigen", postcode="1011 AB", plaats="Amsterdam")
    steunpunt = opened("eigen")
    steunpunt.straat, steunpunt.huisnummer = "Damrak", "1"
    steunpunt.postcode = "3511 AA"
    steunpunt.plaats = "Utrecht"

    def broken(query, timeout):
        raise TimeoutError("geocoder hangt")

    editing.steunpunt_save(
        user=user,
        steunpunt=steunpunt,
        changed=["straat", "huisnummer", "postcode", "plaats"],
        expected_versie=0,
        geocode=broken,
    )
    saved = Steunpunt.objects.get(pk=steunpunt.pk)
    assert saved.straat == "Damrak" and saved.locatie_precisie == "postcode"
    assert 52.0 < saved.lat < 52.2  # the centre of 3511 (Utrecht), not Amsterdam


def test_the_service_applies_the_models_field_rules_and_writes_nothing(
    django_capture_on_commit_callbacks,
):
    """A script or import that calls the service meets the same rules as the admin's form."""
    user = make_staff("po2001", "PO2202")
    steunpunt = opened(EMMEN)
    steunpunt.telefoon, steunpunt.straat, steunpunt.huisnummer = "bel ons", "Dam", ""
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(editing.InvalidError) as refused,
    ):
        editing.steunpunt_save(
            user=user,
            steunpunt=steunpunt,
            changed={"telefoon", "straat", "huisnummer"},
            expected_versie=steunpunt.versie,
        )
    assert set(refused.value.errors) == {"telefoon", "huisnummer"}
    assert "Telefoonnummer: Vul een Nederlands telefoonnummer in" in str(refused.value.message)
    assert callbacks == []
    assert Steunpunt.objects.get(pk=steunpunt.pk).telefoon != "bel ons"


def test_swv_staff_confirm_a_demo_record_as_real_through_the_service():
    demo = opened(EMMEN)
    assert demo.voorbeeld
    editing.steunpunt_save(
        user=make_staff("beide", "PO2202", "VO2202"),
        steunpunt=demo,
        changed=set(),
        expected_versie=demo.versie,
        confirms_real=True,
        today=datetime.date(2026, 3, 4),
    )
    saved = Steunpunt.objects.get(pk=demo.pk)
    assert saved.bevestigd and saved.gecontroleerd_op == datetime.date(2026, 3, 4)


def test_swv_staff_change_only_the_contact_details_of_their_swv():
    user = make_staff("po2202", "PO2202")
    own = swv("PO2202")
    own.telefoon = "050 123 4567"
    editing.swv_save(user=user, swv=own)
    assert swv("PO2202").telefoon == "050 123 4567"
    own.naam = "Een andere naam"
    with pytest.raises(PermissionDenied):
        editing.swv_save(user=user, swv=own)
    assert swv("PO2202").naam != "Een andere naam"
    with pytest.raises(PermissionDenied):
        editing.swv_save(user=user, swv=swv("VO2202"))
