"""Work that a response must not wait for: a mail sent in a thread of its own.

"Wachtwoord vergeten?" answers the same for every address; if it sent the mail inside the
request, the time it took would still tell a known address (a mail server's round trip) from
an unknown one. The thread is not a daemon: a worker that is shut down gracefully finishes
sending before it exits.
"""

import logging
import threading
from collections.abc import Callable

from django.db import connections

logger = logging.getLogger(__name__)

THREAD_NAME = "vindplek-mail"


def send_in_background(send: Callable[[], object], *, wat: str) -> threading.Thread:
    """Run `send()` in a new thread; a failure is logged (with `wat`), never raised."""

    def run() -> None:
        try:
            send()
        except Exception:
            logger.exception("Versturen mislukt: %s", wat)
        finally:
            connections.close_all()  # this thread's own database connections, if it opened any

    thread = threading.Thread(target=run, name=THREAD_NAME)
    thread.start()
    return thread
