"""End-to-end set-up: a real gunicorn server on 127.0.0.1 with a fresh database, and Chromium.

The server runs the production settings (DEBUG off, a random secret key, collected static files)
on a temporary SQLite file with the shipped data and the e2e staff accounts (seed.py). The
browser is Debian's Chromium (`.ci/browser.sh` installs it); screenshots go to artifacts/.
"""

import json
import shutil
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.localserver import ROOT, free_port, prepare, production_env, run, start_gunicorn, stop

ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WIDTHS = (320, 1280)


@pytest.fixture(scope="session")
def server_database(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A fresh database with the shipped data and the e2e staff accounts."""
    tmp = tmp_path_factory.mktemp("e2e")
    env = production_env(tmp, "e2e")
    # The demo steunpunten too (as under `make run`), so a card and page of every herkomst exist.
    env["VINDPLEK_VOORBEELDEN"] = "1"
    # A journey edits and then searches at once: its worker builds the new search index before
    # it answers. In production the request that meets a stale index is answered from the old
    # one while a thread builds (tests/zoeken/test_index_achtergrond.py tests that on its own).
    env["VINDPLEK_INDEXEN_OP_ACHTERGROND"] = "0"
    prepare(env)
    facts = json.loads(run([sys.executable, "-m", "tests.e2e.seed"], env).strip().splitlines()[-1])
    return tmp, env, facts


@pytest.fixture(scope="session")
def facts(server_database) -> dict:
    """Data the journeys need (a PC4 without steunpunt, staff steunpunten), from seed.py."""
    return server_database[2]


@pytest.fixture(scope="session")
def base_url(server_database) -> str:
    """A gunicorn server from the project's venv, on a free port of 127.0.0.1."""
    _tmp, env, _facts = server_database
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / "gunicorn-e2e.log", "w")  # noqa: SIM115 - closed below
    url = f"http://127.0.0.1:{port}"
    try:
        process = start_gunicorn(env, port, workers=2, log=log)
    except RuntimeError:
        log.close()
        raise
    try:
        yield url
    finally:
        stop(process)
        log.close()


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed: run `bash .ci/browser.sh` (make e2e does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """Console errors and failed requests of one page: a CSP violation shows up here."""

    def __init__(self, page: Page):
        self.page = page
        self.messages: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.messages.append(f"page error: {error}"))
        page.on("response", self._response)

    def _console(self, message) -> None:
        # A failed sub-resource is reported with its address by _response instead.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.messages.append(f"console on {self.page.url}: {message.text}")

    def _response(self, response) -> None:
        # Pages the journeys open on purpose may answer 403/404; their parts (CSS, JS) may not.
        request = response.request
        if response.status >= 400 and request.resource_type != "document":
            self.messages.append(f"{response.status} for {request.url}")


@pytest.fixture
def open_page(browser, base_url):
    """open_page(width, javascript=True) -> a Page in a fresh context at that viewport width."""
    contexts = []
    problems = []

    def factory(width: int = 1280, *, javascript: bool = True) -> Page:
        context = browser.new_context(
            base_url=base_url,
            viewport={"width": width, "height": 900},
            java_script_enabled=javascript,
            locale="nl-NL",
            accept_downloads=True,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        problems.append(PageProblems(page))
        return page

    yield factory
    for context in contexts:
        context.close()
    messages = [message for found in problems for message in found.messages]
    assert not messages, "The browser reported errors:\n" + "\n".join(messages)


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under artifacts/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
