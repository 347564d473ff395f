"""Counts on the single definition: overall, per sector and per province."""

import pytest

from steunpunten.coverage import (
    Dekking,
    Telling,
    count_statuses,
    overview,
)
from steunpunten.models import Samenwerkingsverband, Steunpunt, SteunpuntStatus
from steunpunten.regio import PROVINCIE_CHOICES, Sector
from tests.helpers import has_steunpunt, make_steunpunt

pytestmark = pytest.mark.django_db


def covered_by_definition(**filters) -> int:
    swvs = Samenwerkingsverband.objects.filter(**filters)
    return sum(has_steunpunt(swv) for swv in swvs)


def test_demo_totals_equal_the_single_definition():
    nu = overview()
    covered = covered_by_definition()
    assert (nu.alle.met_steunpunt, nu.alle.totaal) == (covered, 150)
    assert nu.po.totaal == 76 and nu.vo.totaal == 74
    assert nu.po.met_steunpunt == covered_by_definition(sector=Sector.PO)
    assert nu.vo.met_steunpunt == covered_by_definition(sector=Sector.VO)
    assert nu.po.met_steunpunt + nu.vo.met_steunpunt == covered


def test_statuses_add_up_and_match_status_of():
    nu = overview()
    statuses = [swv.dekking for swv in Samenwerkingsverband.objects.with_coverage()]
    assert statuses.count(Dekking.ACTIEF) == nu.alle.met_steunpunt
    assert statuses.count(Dekking.IN_OPRICHTING) == nu.alle.in_oprichting
    assert statuses.count(Dekking.GEEN) == nu.alle.zonder_steunpunt
    assert nu.alle.in_oprichting > 0 and nu.alle.zonder_steunpunt > 0


def test_per_province_sums_to_the_national_figures():
    nu = overview()
    assert [p.provincie for p in nu.provincies] == [slug for slug, _name in PROVINCIE_CHOICES]
    for field in ("totaal", "met_steunpunt", "in_oprichting"):
        assert sum(getattr(p.alle, field) for p in nu.provincies) == getattr(nu.alle, field)
        assert sum(getattr(p.po, field) for p in nu.provincies) == getattr(nu.po, field)
        assert sum(getattr(p.vo, field) for p in nu.provincies) == getattr(nu.vo, field)
    for p in nu.provincies:
        assert p.alle.met_steunpunt == covered_by_definition(provincie=p.provincie)
        assert p.alle.totaal == p.po.totaal + p.vo.totaal
    holland = next(p for p in nu.provincies if p.provincie == "noord-holland")
    assert holland.naam == "Noord-Holland"


def only_steunpunt_of_a_covered_swv() -> tuple[Steunpunt, Samenwerkingsverband]:
    for swv in Samenwerkingsverband.objects.with_coverage().filter(heeft_steunpunt=True):
        serving = list(swv.steunpunten.filter(gepubliceerd=True, status=SteunpuntStatus.ACTIEF))
        if len(serving) == 1:
            return serving[0], swv
    raise AssertionError("the demo data has a SWV with exactly one steunpunt")


def test_unpublishing_lowers_the_totals():
    steunpunt, swv = only_steunpunt_of_a_covered_swv()
    served = steunpunt.samenwerkingsverbanden.count()
    before = overview().alle.met_steunpunt
    steunpunt.gepubliceerd = False
    steunpunt.save()
    nu = overview()
    assert before - served <= nu.alle.met_steunpunt <= before - 1
    assert not has_steunpunt(swv)
    assert nu.sector(swv.sector).met_steunpunt == covered_by_definition(sector=swv.sector)
    province = next(p for p in nu.provincies if p.provincie == swv.provincie)
    assert province.alle.met_steunpunt == covered_by_definition(provincie=swv.provincie)


def test_in_oprichting_counts_apart_from_active():
    steunpunt, swv = only_steunpunt_of_a_covered_swv()
    before = overview()
    steunpunt.status = SteunpuntStatus.IN_OPRICHTING
    steunpunt.save()
    after = overview()
    assert after.alle.met_steunpunt < before.alle.met_steunpunt
    assert after.alle.in_oprichting > before.alle.in_oprichting
    assert after.alle.totaal == 150
    assert (
        Samenwerkingsverband.objects.with_coverage().get(pk=swv.pk).dekking == Dekking.IN_OPRICHTING
    )


def test_a_new_steunpunt_raises_the_totals():
    swv = Samenwerkingsverband.objects.with_coverage().filter(heeft_steunpunt=False).first()
    before = overview().alle.met_steunpunt
    make_steunpunt(swv.code)
    assert overview().alle.met_steunpunt == before + 1
    assert overview().sector(swv.sector).met_steunpunt == covered_by_definition(sector=swv.sector)


def test_count_statuses_without_database():
    rows = [
        (Sector.PO, "utrecht", Dekking.ACTIEF),
        (Sector.PO, "utrecht", Dekking.GEEN),
        (Sector.VO, "utrecht", Dekking.IN_OPRICHTING),
        (Sector.VO, "limburg", Dekking.ACTIEF),
    ]
    result = count_statuses(rows)
    assert result.alle == Telling(4, 2, 1)
    assert result.po == Telling(2, 1, 0) and result.vo == Telling(2, 1, 1)
    utrecht = next(p for p in result.provincies if p.provincie == "utrecht")
    assert utrecht.alle == Telling(3, 1, 1) and utrecht.alle.zonder_steunpunt == 1
    assert utrecht.alle.percentage == 33
    groningen = next(p for p in result.provincies if p.provincie == "groningen")
    assert groningen.alle == Telling() and groningen.alle.percentage == 0
