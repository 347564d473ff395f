"""Production-settings servers on the loopback address: for `make deploy-check`, `make e2e`
and `make bench` (deploy/check.py, tests/localserver.py).

DEBUG off, a random secret key, plain HTTP (nothing listens beyond 127.0.0.1), the environment
of the calling process without its own Django, Vindplek and pytest settings.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**settings: str) -> dict[str, str]:
    """The environment of a server with the production settings on loopback, plus `settings`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "VINDPLEK_", "PYTEST_")) and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="vindplek.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # In production nginx terminates TLS and redirects HTTP itself (deploy/README.md).
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="WARNING",
        # The load of a check or benchmark comes from one address: the API's per-client limit
        # (zoeken/throttle.py, tested in tests/zoeken/test_api_limit.py) would answer it with 429.
        VINDPLEK_API_PER_MINUUT="0",
        PYTHONPATH=str(ROOT),
    )
    env.update(settings)
    return env


def run(args: list[str], env: dict[str, str], timeout: float = 900) -> str:
    """Run a command in the project folder; its output, or RuntimeError with all it said."""
    result = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare(env: dict[str, str]) -> None:
    """Migrate the database, load the shipped data and collect the static files."""
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PYTHON, "manage.py", "load_shipped_data", "-v0"], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)


def wait_healthy(port: int, process: subprocess.Popen | None = None, timeout: float = 60) -> None:
    """Return once http://127.0.0.1:port/healthz answers 200; RuntimeError when `process` stops
    or nothing answers within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process on port {port} stopped ({process.returncode})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"nothing healthy on port {port} within {timeout} s")
