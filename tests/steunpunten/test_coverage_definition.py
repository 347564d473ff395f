"""The single definition of "a SWV has a steunpunt" and the shipped data built on it."""

import pytest

from steunpunten.coverage import Dekking, overview
from steunpunten.models import (
    Herkomst,
    Samenwerkingsverband,
    Steunpunt,
    SteunpuntStatus,
)
from tests.helpers import has_steunpunt, make_steunpunt

pytestmark = pytest.mark.django_db


def test_the_totals_follow_the_single_definition():
    result = overview()
    covered = sum(has_steunpunt(swv) for swv in Samenwerkingsverband.objects.all())
    total = Samenwerkingsverband.objects.count()
    assert (result.alle.met_steunpunt, result.alle.totaal) == (covered, total)
    assert result.po.totaal + result.vo.totaal == result.alle.totaal
    assert result.po.met_steunpunt + result.vo.met_steunpunt == covered


def test_demo_data_is_marked_and_fake():
    demo = Steunpunt.objects.voorbeelden()
    assert demo.count() + Steunpunt.objects.filter(herkomst=Herkomst.OPENBARE_BRON).count() == (
        Steunpunt.objects.count()
    )
    for steunpunt in demo:
        assert steunpunt.email.endswith(".example.org")
        assert steunpunt.website.startswith("https://") and ".example.org" in steunpunt.website
        assert steunpunt.telefoon.startswith("0800-")
        assert steunpunt.lat is not None and steunpunt.samenwerkingsverbanden.exists()
    # A demo steunpunt serves the PO and the VO SWV of one region together, or one of them (a
    # few regions were made that way, and a real steunpunt from a public page takes the place of
    # the demo for its SWVs: import_openbare_bronnen).
    for steunpunt in demo:
        swvs = list(steunpunt.samenwerkingsverbanden.all())
        assert len(swvs) in (1, 2) and len({swv.sector for swv in swvs}) == len(swvs)
        assert not any(swv.steunpunten.filter(herkomst=Herkomst.OPENBARE_BRON) for swv in swvs)
    assert any(s.samenwerkingsverbanden.count() == 2 for s in demo)


def test_only_published_active_steunpunten_count():
    swv = (
        Samenwerkingsverband.objects.with_coverage()
        .filter(heeft_steunpunt=False, in_oprichting=False)
        .first()
    )
    before = overview().alle.met_steunpunt
    steunpunt = make_steunpunt(swv.code, gepubliceerd=False)
    assert not has_steunpunt(swv)
    assert Samenwerkingsverband.objects.with_coverage().get(pk=swv.pk).dekking == Dekking.GEEN
    steunpunt.gepubliceerd = True
    steunpunt.status = SteunpuntStatus.IN_OPRICHTING
    steunpunt.save()
    assert not has_steunpunt(swv)
    assert (
        Samenwerkingsverband.objects.with_coverage().get(pk=swv.pk).dekking == Dekking.IN_OPRICHTING
    )
    steunpunt.status = SteunpuntStatus.ACTIEF
    steunpunt.save()
    assert has_steunpunt(swv)
    assert overview().alle.met_steunpunt == before + 1
