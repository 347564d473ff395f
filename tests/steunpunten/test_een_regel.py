""" "A SWV has a steunpunt" is decided once (issue 20): every caller agrees with the one rule.

Covered: a published, active steunpunt serves the SWV *for its sector* (voor_po / voor_vo).
Publicly visible: a published steunpunt serves the SWV for its sector (active or in oprichting).
"""

import itertools
import json

import pytest
from django.test import Client

from steunpunten.coverage import Dekking, overview
from steunpunten.models import Postcodegebied, Samenwerkingsverband, Steunpunt, SteunpuntStatus
from steunpunten.permissions import withdrawal_fields
from tests.helpers import make_staff, make_steunpunt

pytestmark = pytest.mark.django_db


def empty_region() -> tuple[str, Samenwerkingsverband, Samenwerkingsverband]:
    """A PC4 whose PO and VO SWV have no published steunpunt any more (this test unpublished them)."""
    area = Postcodegebied.objects.filter(swv_po__isnull=False, swv_vo__isnull=False).first()
    po, vo = area.swv_po, area.swv_vo
    Steunpunt.objects.filter(samenwerkingsverbanden__in=[po, vo]).update(gepubliceerd=False)
    from steunpunten.cache import bump_version

    bump_version()
    return area.pc4, po, vo


def dekking_of(swv: Samenwerkingsverband) -> str:
    return Samenwerkingsverband.objects.with_coverage().get(pk=swv.pk).dekking


def test_a_steunpunt_not_for_po_does_not_cover_a_po_swv():
    _pc4, po, vo = empty_region()
    before = overview()
    make_steunpunt(po.code, vo.code, slug="alleen-vo", voor_po=False, voor_vo=True)
    after = overview()
    assert dekking_of(po) == Dekking.GEEN
    assert dekking_of(vo) == Dekking.ACTIEF
    assert after.po.met_steunpunt == before.po.met_steunpunt
    assert after.vo.met_steunpunt == before.vo.met_steunpunt + 1
    assert not Samenwerkingsverband.objects.covered().filter(pk=po.pk).exists()
    assert Samenwerkingsverband.objects.covered().filter(pk=vo.pk).exists()


def test_the_po_answer_leaves_out_a_steunpunt_not_for_po():
    pc4, po, vo = empty_region()
    make_steunpunt(po.code, vo.code, slug="alleen-vo", naam="Alleen VO Punt", voor_po=False)
    client = Client()
    body = client.get("/zoeken/", {"q": pc4}).content.decode()
    po_blok = body.split('id="blok-po"')[1].split("</section>")[0]
    vo_blok = body.split('id="blok-vo"')[1].split("</section>")[0]
    assert "Alleen VO Punt" not in po_blok
    assert "Alleen VO Punt" in vo_blok
    answer = json.loads(client.get("/api/v1/zoeken", {"q": pc4}).content)
    po_json, vo_json = (answer["samenwerkingsverbanden"][key] for key in ("po", "vo"))
    assert po_json["steunpunten"] == [] and po_json["heeft_steunpunt"] is False
    assert [s["naam"] for s in vo_json["steunpunten"]] == ["Alleen VO Punt"]
    swv_page = client.get(po.get_absolute_url()).content.decode()
    assert "Alleen VO Punt" not in swv_page


def test_staff_start_page_lists_a_swv_whose_only_steunpunt_is_unpublished():
    _pc4, po, _vo = empty_region()
    make_steunpunt(po.code, slug="verborgen", gepubliceerd=False)
    client = Client()
    from tests.helpers import login_verified

    login_verified(client, make_staff("a", po.code))
    body = client.get("/beheer/").content.decode()
    assert "heeft nog geen actief steunpunt" in body
    assert dekking_of(po) == Dekking.GEEN


def test_withdrawal_fields_are_exactly_the_changes_that_take_coverage_or_visibility_away():
    """Every combination: a field is protected iff changing it alone takes the steunpunt off
    the coverage or the public pages of one of the other SWVs."""
    _pc4, po, vo = empty_region()
    steunpunt = make_steunpunt(po.code, vo.code, slug="gedeeld")
    flips = {
        "gepubliceerd": lambda s: not s.gepubliceerd,
        "voor_po": lambda s: not s.voor_po,
        "voor_vo": lambda s: not s.voor_vo,
        "status": lambda s: (
            SteunpuntStatus.IN_OPRICHTING
            if s.status == SteunpuntStatus.ACTIEF
            else SteunpuntStatus.ACTIEF
        ),
    }
    for gepubliceerd, status, voor_po, voor_vo in itertools.product(
        (True, False), SteunpuntStatus.values, (True, False), (True, False)
    ):
        values = {"gepubliceerd": gepubliceerd, "status": status}
        values |= {"voor_po": voor_po, "voor_vo": voor_vo}
        Steunpunt.objects.filter(pk=steunpunt.pk).update(**values)
        for others in ([po], [vo], [po, vo]):
            stored = Steunpunt.objects.get(pk=steunpunt.pk)
            expected = []
            for name, flip in flips.items():
                changed = Steunpunt.objects.get(pk=steunpunt.pk)
                setattr(changed, name, flip(changed))
                if any(
                    (stored.covers(swv) and not changed.covers(swv))
                    or (stored.visible_for(swv) and not changed.visible_for(swv))
                    for swv in others
                ):
                    expected.append(name)
            assert sorted(withdrawal_fields(stored, others)) == sorted(expected), values
            # ... and the Python rule agrees with the SQL rule for each SWV.
            for swv in others:
                in_sql = Samenwerkingsverband.objects.with_coverage().get(pk=swv.pk)
                assert in_sql.heeft_steunpunt == stored.covers(swv)
                visible = Steunpunt.objects.visible_for(swv).filter(pk=steunpunt.pk).exists()
                assert visible == stored.visible_for(swv)


def test_unticking_the_other_sector_of_a_shared_steunpunt_is_allowed():
    """Staff of the VO SWV may untick PO when the other SWV it serves is VO only... and the
    reverse: unticking VO never touches a PO SWV's coverage."""
    _pc4, po, vo = empty_region()
    steunpunt = make_steunpunt(po.code, vo.code, slug="gedeeld")
    assert "voor_vo" not in withdrawal_fields(steunpunt, [po])
    assert "voor_po" in withdrawal_fields(steunpunt, [po])
    steunpunt.gepubliceerd = False
    assert withdrawal_fields(steunpunt, [po]) == []


@pytest.mark.parametrize("voorbeelden", [True, False])
def test_the_python_rule_agrees_with_sql_for_a_demo_steunpunt(settings, voorbeelden):
    """A demo steunpunt shows nowhere unless VINDPLEK_VOORBEELDEN is on (SteunpuntQuerySet
    .published): for one steunpunt in Python (visible_for, covers) as in SQL."""
    _pc4, po, vo = empty_region()
    settings.VINDPLEK_VOORBEELDEN = voorbeelden
    steunpunt = make_steunpunt(po.code, vo.code, slug="voorbeeld", herkomst="voorbeeld")
    for swv in (po, vo):
        in_sql = Steunpunt.objects.visible_for(swv).filter(pk=steunpunt.pk).exists()
        assert steunpunt.visible_for(swv) is in_sql is voorbeelden
        assert steunpunt.covers(swv) is voorbeelden
        assert dekking_of(swv) == (Dekking.ACTIEF if voorbeelden else Dekking.GEEN)
    # Nobody is kept from changing what no one sees.
    assert withdrawal_fields(steunpunt, [po, vo]) == (
        ["gepubliceerd", "status", "voor_po", "voor_vo"] if voorbeelden else []
    )
