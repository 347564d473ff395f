"""Issue 23, finding 5: an edit of a steunpunt rebuilds no place index in any worker, a change of
places does (and the answer follows it), and one process never builds the same index twice."""

import datetime
import threading
import time
from types import SimpleNamespace

import pytest

from beheer import editing
from steunpunten import cache, indexen
from steunpunten.models import Postcodegebied, Steunpunt
from tests.helpers import make_staff
from zoeken import index, school_search, search, suggesties

EMMEN = "steunpunt-emmen-po2202-vo2202"


def place_indexes() -> tuple:
    """Every index built per place version, as this process holds it now."""
    return (
        index.current_index().gebieden,
        search.name_list(),
        school_search.school_index(aliases=search.school_aliases()),
        suggesties.place_names(),
    )


def emmen_pc4() -> str:
    return Postcodegebied.objects.filter(swv_po__code="PO2202").order_by("pc4").first().pc4


@pytest.mark.django_db
def test_a_steunpunt_edit_rebuilds_no_place_index_and_the_answer_has_the_edit(
    client, django_capture_on_commit_callbacks
):
    pc4 = emmen_pc4()
    assert client.get("/zoeken/", {"q": f"{pc4} AB"}).status_code == 200
    before = place_indexes()
    versie, plaatsversie = cache.versions()
    user = make_staff("po2202", "PO2202")
    steunpunt = Steunpunt.objects.prefetch_related("samenwerkingsverbanden").get(slug=EMMEN)
    steunpunt.telefoon = "0591 123 456"
    with django_capture_on_commit_callbacks(execute=True):
        editing.steunpunt_save(
            user=user,
            steunpunt=steunpunt,
            changed=["telefoon"],
            expected_versie=steunpunt.versie,
            today=datetime.date.today(),
        )
    assert cache.current_version() > versie
    assert cache.place_version() == plaatsversie  # places, gemeenten and schools stay
    after = place_indexes()
    assert all(new is old for new, old in zip(after, before, strict=True))
    # The steunpunt's own data comes from the data version of the request, never an old index.
    page = client.get("/zoeken/", {"q": f"{pc4} AB"}).content.decode()
    assert "0591 123 456" in page
    assert index.current_index().steunpunten[steunpunt.pk].telefoon == "0591 123 456"


@pytest.mark.django_db
def test_a_change_of_places_rebuilds_them_and_the_answer_follows(
    client, django_capture_on_commit_callbacks
):
    pc4 = emmen_pc4()
    client.get("/zoeken/", {"q": f"{pc4} AB"})
    before = place_indexes()
    plaatsversie = cache.place_version()
    gebied = Postcodegebied.objects.get(pc4=pc4)
    gebied.gemeente = "Vindplekgemeente"
    with django_capture_on_commit_callbacks(execute=True):
        editing.reference_save(user=make_staff("b", role="beheerder"), obj=gebied)
    assert cache.place_version() > plaatsversie
    after = place_indexes()
    assert after[0] is not before[0] and after[1] is not before[1]
    assert index.current_index().gebieden[pc4].gemeente == "Vindplekgemeente"
    assert "Vindplekgemeente" in client.get("/zoeken/", {"q": f"{pc4} AB"}).content.decode()


@pytest.mark.django_db
def test_the_place_version_moves_only_with_places_and_never_back():
    versie, plaatsversie = cache.versions()
    cache.bump_data_version()
    assert cache.current_version() > versie and cache.place_version() == plaatsversie
    cache.bump_version()
    assert cache.place_version() > plaatsversie
    # A restore passes the number it had before: both move past it.
    far = cache.current_version() + 10**9
    cache.bump_version(past=far)
    assert cache.current_version() > far and cache.place_version() > far


def test_two_threads_that_meet_a_new_version_build_the_index_once(monkeypatch):
    builds = []

    def slow_build(versie, plaatsversie):
        builds.append((versie, plaatsversie))
        time.sleep(0.2)
        return SimpleNamespace(versie=versie, plaatsversie=plaatsversie)

    monkeypatch.setattr(index, "build_index", slow_build)
    index.forget_index()
    barrier, found = threading.Barrier(4), []

    def ask():
        barrier.wait()
        found.append(index.current_index(versie=10**17, plaatsversie=7))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert builds == [(10**17, 7)]
    assert all(one is found[0] for one in found)
    index.forget_index()


def test_two_threads_build_a_place_index_once():
    builds = []

    def slow_build():
        builds.append(1)
        time.sleep(0.2)
        return object()

    barrier, found = threading.Barrier(4), []

    def ask():
        barrier.wait()
        found.append(indexen.index_for_version(-42, slow_build, naam="proef"))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert builds == [1] and all(one is found[0] for one in found)
