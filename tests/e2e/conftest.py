"""End-to-end set-up: a real gunicorn server on 127.0.0.1 with a fresh database, and Chromium.

The server runs the production settings (DEBUG off, a random secret key, collected static files)
on a temporary SQLite file with the shipped data and the e2e staff accounts (seed.py). The
browser is Debian's Chromium (`.ci/browser.sh` installs it); screenshots go to artifacts/.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(tmp: Path) -> dict[str, str]:
    """Production settings on a temporary SQLite file; plain HTTP on loopback."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "VINDPLEK_", "PYTEST_")) and k != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="vindplek.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SQLITE_PATH=str(tmp / "e2e.sqlite3"),
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def run(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server at {url} did not answer within {timeout} s")


@pytest.fixture(scope="session")
def server_database(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A fresh database with the shipped data and the e2e staff accounts."""
    tmp = tmp_path_factory.mktemp("e2e")
    env = server_env(tmp)
    python = sys.executable
    run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([python, "manage.py", "load_shipped_data", "-v0"], env)
    run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    facts = json.loads(run([python, "-m", "tests.e2e.seed"], env).strip().splitlines()[-1])
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
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "vindplek.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--access-logfile",
            "-",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
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
        self.messages: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.messages.append(f"page error: {error}"))
        page.on("response", self._response)

    def _console(self, message) -> None:
        # A failed sub-resource is reported with its address by _response instead.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.messages.append(f"console: {message.text}")

    def _response(self, response) -> None:
        # Pages the journeys open on purpose may answer 403/404; their parts (CSS, JS) may not.
        request = response.request
        # The browser asks for /favicon.ico by itself; the site has none.
        if (
            response.status >= 400
            and request.resource_type != "document"
            and not request.url.endswith("/favicon.ico")
        ):
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
