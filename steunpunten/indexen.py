"""The in-memory indexes of this process, rebuilt in the background when a version moves on.

Each worker keeps a few indexes in memory (zoeken/index.py: postcode areas, SWVs and published
steunpunten; the place names, the schools, the place suggestions), each for one version
(steunpunten/cache.py). Once an edit moves that version, the request that meets the old index
does not wait for a new one: it is served from the old index while one thread per index builds
the new one, which then takes the old one's place in a single assignment (issue 23, finding 5).
Only the very first build in a process, when there is no index yet, happens in the request.

What a request built from an old index must never be kept for the new version: it is not
written to the shared cache (cache.write) and its page gets no ETag and no `public` caching
(http.public_page). The next request after the rebuild has the edit, as before.

Outside a request (management commands, the shell, background builds themselves) and when
settings.VINDPLEK_INDEXEN_OP_ACHTERGROND is off (the test suite), every build happens at once,
so code that writes and then searches in one process always sees its own write.
`wait_for_rebuilds()` waits for the builds that are under way (tests, benchmarks).
"""

import logging
import threading
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import connections

logger = logging.getLogger(__name__)


class _Verzoek:
    """What this process knows of the request being served: whether an old index was used."""

    def __init__(self) -> None:
        self.oud_index = False


_verzoek: ContextVar[_Verzoek | None] = ContextVar("vindplek_index_verzoek", default=None)


def _request_started(**kwargs) -> None:
    _verzoek.set(_Verzoek())


def _request_finished(**kwargs) -> None:
    _verzoek.set(None)


request_started.connect(_request_started, dispatch_uid="vindplek-indexen-start")
request_finished.connect(_request_finished, dispatch_uid="vindplek-indexen-einde")


def served_from_old_index() -> bool:
    """True when the request being served used an index older than its data version."""
    verzoek = _verzoek.get()
    return verzoek is not None and verzoek.oud_index


def in_background() -> bool:
    """Whether a stale index may be served while it is rebuilt: inside a request, when on."""
    return _verzoek.get() is not None and getattr(settings, "VINDPLEK_INDEXEN_OP_ACHTERGROND", True)


class ProcessIndex:
    """One index of this process: the value for the newest version built, and its builder."""

    def __init__(self, naam: str) -> None:
        self.naam = naam
        self._held: tuple[Any, Any] | None = None  # (version, index), replaced as one value
        self._build_lock = threading.Lock()  # one build of this index at a time
        self._thread_lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def get(self, versie: Hashable, build: Callable[[], Any]) -> Any:
        """The index of `versie`; an older one while a new one is built (see the module)."""
        held = self._held
        if held is not None and held[0] == versie:
            return held[1]
        if held is None or not in_background():
            return self._build(versie, build)
        if versie < held[0]:
            # A request that read the version just before another one rebuilt: newer is fine.
            return held[1]
        self._start(versie, build)
        verzoek = _verzoek.get()
        if verzoek is not None:
            verzoek.oud_index = True
        return held[1]

    def _build(self, versie: Hashable, build: Callable[[], Any]) -> Any:
        with self._build_lock:
            held = self._held
            if held is not None and held[0] == versie:
                return held[1]
            found = build()
            self._held = (versie, found)
            return found

    def _start(self, versie: Hashable, build: Callable[[], Any]) -> None:
        with self._thread_lock:
            if self._thread is not None and self._thread.is_alive():
                return  # the next request after it asks again if the version moved on since
            self._thread = threading.Thread(
                target=self._rebuild, args=(versie, build), name=f"index-{self.naam}", daemon=True
            )
            self._thread.start()

    def _rebuild(self, versie: Hashable, build: Callable[[], Any]) -> None:
        # A new thread starts outside any request: what `build` asks of other indexes (the
        # postcode areas of the main index) is built here and now, never served old.
        try:
            self._build(versie, build)
        except Exception:
            # The old index keeps serving; the next request that meets it tries again.
            logger.exception("Index %s niet opnieuw opgebouwd", self.naam)
        finally:
            connections.close_all()  # this thread's own database connections

    def wait(self) -> None:
        """Return once no build of this index is under way in the background."""
        thread = self._thread
        if thread is not None:
            thread.join()

    def forget(self) -> None:
        self.wait()
        self._held = None


_indexes: dict[str, ProcessIndex] = {}
_indexes_lock = threading.Lock()


def process_index(naam: str) -> ProcessIndex:
    """The index `naam` of this process (made empty the first time)."""
    found = _indexes.get(naam)
    if found is None:
        with _indexes_lock:
            found = _indexes.setdefault(naam, ProcessIndex(naam))
    return found


def index_for_version(versie: Hashable, build: Callable[[], Any], *, naam: str) -> Any:
    """The index `naam` of this version, built by `build()` once per process and version.

    In memory, not in the shared cache: it is a few MB of sets that no cache should pickle on
    every request. A new version replaces the old one; in a request the old one serves while
    the new one is built (see the module)."""
    return process_index(naam).get(versie, build)


def wait_for_rebuilds() -> None:
    """Return once no index of this process is being rebuilt in the background."""
    for found in list(_indexes.values()):
        found.wait()


def forget_indexes() -> None:
    """Drop every index (tests whose rollback reuses a version number)."""
    for found in list(_indexes.values()):
        found.forget()
    _by_content.clear()


def snapshot_indexes() -> tuple[dict[str, tuple[Any, Any] | None], dict[str, tuple[int, Any]]]:
    """What every index of this process holds now, with its version, and the indexes kept by
    their rows (index_for_rows): for tests, which put them back with restore_indexes()."""
    wait_for_rebuilds()
    return {naam: found._held for naam, found in list(_indexes.items())}, dict(_by_content)


def restore_indexes(held: tuple[dict, dict]) -> None:
    """Hold again what snapshot_indexes() gave; an index not in it holds nothing. A test that
    rolls the data back to the state of the snapshot starts with the indexes of that state."""
    wait_for_rebuilds()
    by_version, by_content = held
    for naam, found in list(_indexes.items()):
        found._held = by_version.get(naam)
    _by_content.clear()
    _by_content.update(by_content)


# The last index built per name, with a digest of the rows it was built from.
_by_content: dict[str, tuple[int, Any]] = {}


def index_for_rows(rows: list[tuple], build, *, naam: str, extra: object = None) -> Any:
    """The index `naam` of exactly these rows: the one built before when they are unchanged.

    The data version moves with every edit, also one that leaves these rows alone (a steunpunt's
    phone number). Reading the rows again is a single query; building the index from them is
    what costs (0.6 s for 8,622 schools), so an unchanged set of rows keeps its index. `extra`
    is whatever else the index is built from (the aliases of place names).
    """
    # Python's own hash: kept in this process only, and 6 ms for the schools where SHA-256 of
    # their text takes 40 ms.
    digest = hash((repr(extra), tuple(rows)))
    previous = _by_content.get(naam)
    if previous is not None and previous[0] == digest:
        return previous[1]
    found = build(rows)
    _by_content[naam] = (digest, found)
    return found
