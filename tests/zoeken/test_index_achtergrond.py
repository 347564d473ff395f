"""Issue 23, finding 5: a rebuild must not stall the request that meets it.

The request that meets an index older than its data version is answered from that index while
one thread builds the new one (steunpunten/indexen.py); that answer is neither cached nor given
an ETag, and the next request after the rebuild has the edit. The builds here are held by an
Event, never timed: a build that runs in the request's own thread fails the test at once.
"""

import datetime
import threading

import pytest
from django.core.signals import request_finished, request_started

from beheer import editing
from steunpunten import cache, indexen
from steunpunten.models import Postcodegebied, Steunpunt
from tests.helpers import make_staff
from zoeken import index

EMMEN = "steunpunt-emmen-po2202-vo2202"
NUMMER = "0591 123 456"


class HeldBuild:
    """A build that waits until the test lets it go, and refuses to run in the test's thread."""

    def __init__(self, result) -> None:
        self.result = result
        self.release = threading.Event()
        self.calls: list[tuple] = []
        self.test_thread = threading.current_thread()

    def __call__(self, *args):
        self.calls.append(args)
        if threading.current_thread() is self.test_thread:
            raise AssertionError("the request waited for the rebuild")
        # A safeguard so a broken test cannot hang the suite; the test never waits for it.
        if not self.release.wait(timeout=60):
            raise AssertionError("the build was never released")
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


@pytest.fixture
def achtergrond(settings):
    settings.VINDPLEK_INDEXEN_OP_ACHTERGROND = True
    yield
    indexen.wait_for_rebuilds()


def save_telefoon(capture) -> None:
    steunpunt = Steunpunt.objects.prefetch_related("samenwerkingsverbanden").get(slug=EMMEN)
    steunpunt.telefoon = NUMMER
    with capture(execute=True):
        editing.steunpunt_save(
            user=make_staff("po2202", "PO2202"),
            steunpunt=steunpunt,
            changed=["telefoon"],
            expected_versie=steunpunt.versie,
            today=datetime.date.today(),
        )


@pytest.mark.django_db
def test_a_request_is_answered_from_the_old_index_while_a_thread_builds_the_new_one(
    client, achtergrond, monkeypatch, django_capture_on_commit_callbacks
):
    pc4 = Postcodegebied.objects.filter(swv_po__code="PO2202").order_by("pc4").first().pc4
    vraag = {"q": f"{pc4} AB"}
    first = client.get("/zoeken/", vraag)  # the first index of the process: built at once
    assert first.status_code == 200 and NUMMER not in first.content.decode()
    old = index.current_index()

    save_telefoon(django_capture_on_commit_callbacks)
    versie, plaatsversie = cache.versions()
    assert old.versie < versie and old.plaatsversie == plaatsversie
    # The new index as the real build reads it (in this thread: the test's own database
    # connection has the edit); the thread that builds it hands it over once released.
    new = index.build_index(versie, plaatsversie)
    held = HeldBuild(new)
    monkeypatch.setattr(index, "build_index", held)

    during = client.get("/zoeken/", vraag)
    assert during.status_code == 200
    assert NUMMER not in during.content.decode()  # the old index answered
    assert index.current_index(versie=old.versie, plaatsversie=old.plaatsversie) is old
    # Not kept for the new version: no cached answer, no ETag, no shared cache.
    assert cache.read(cache.make_key("zoek", f"pc4:{pc4}", versie)) is None
    assert not during.has_header("ETag")
    assert "private" in during["Cache-Control"] and "no-cache" in during["Cache-Control"]
    again = client.get("/zoeken/", vraag)  # a second request meets the same build under way
    assert NUMMER not in again.content.decode()

    held.release.set()
    indexen.wait_for_rebuilds()
    assert held.calls == [(versie, plaatsversie)]  # one build, in one thread
    assert index.current_index() is new

    after = client.get("/zoeken/", vraag)
    assert NUMMER in after.content.decode()
    assert after.has_header("ETag") and "public" in after["Cache-Control"]
    assert cache.read(cache.make_key("zoek", f"pc4:{pc4}", versie)) is not None


class InRequest:
    """Inside a request as Django marks one (its request_started and request_finished)."""

    def __enter__(self):
        request_started.send(sender=self.__class__, environ={})

    def __exit__(self, *exc):
        request_finished.send(sender=self.__class__)


@pytest.mark.django_db  # Django's own request_started receiver looks at the connection
def test_a_failed_rebuild_keeps_the_old_index_and_the_next_request_tries_again(achtergrond):
    proef = indexen.process_index("proef-mislukt")
    proef.forget()
    assert proef.get(1, lambda: "een") == "een"  # outside a request: built at once
    failing = HeldBuild(RuntimeError("database weg"))
    with InRequest():
        assert proef.get(2, failing) == "een"
        assert indexen.served_from_old_index()
    failing.release.set()
    indexen.wait_for_rebuilds()
    working = HeldBuild("twee")
    with InRequest():
        assert proef.get(2, working) == "een"
    working.release.set()
    indexen.wait_for_rebuilds()
    with InRequest():
        assert proef.get(2, working) == "twee"
        assert not indexen.served_from_old_index()
    assert len(failing.calls) == len(working.calls) == 1


@pytest.mark.django_db
def test_outside_a_request_and_with_the_setting_off_the_new_index_is_built_at_once(settings):
    proef = indexen.process_index("proef-direct")
    proef.forget()
    settings.VINDPLEK_INDEXEN_OP_ACHTERGROND = True
    assert proef.get(1, lambda: "een") == "een"
    assert proef.get(2, lambda: "twee") == "twee"  # a command that wrote, then searches
    settings.VINDPLEK_INDEXEN_OP_ACHTERGROND = False
    with InRequest():
        assert proef.get(3, lambda: "drie") == "drie"  # the test suite's requests
        assert not indexen.served_from_old_index()
