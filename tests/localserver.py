"""A real gunicorn server with the production settings on 127.0.0.1, for `make e2e` and `make bench`.

The server runs DEBUG off with a random secret key, collected static files and a scratch SQLite
file holding the shipped data; plain HTTP, because it only listens on the loopback address.
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(tmp: Path, name: str) -> dict[str, str]:
    """The environment of a production-settings server on `tmp/<name>.sqlite3`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "VINDPLEK_", "PYTEST_")) and k != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="vindplek.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SQLITE_PATH=str(tmp / f"{name}.sqlite3"),
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_LOG_LEVEL="WARNING",
        # Benchmarks load the API from one address; its per-client limit (tested on its own in
        # tests/zoeken/test_api_limit.py) would answer them with 429.
        VINDPLEK_API_PER_MINUUT="0",
        PYTHONPATH=str(ROOT),
    )
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
    """Migrate the scratch database, load the shipped data and collect the static files."""
    python = sys.executable
    run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([python, "manage.py", "load_shipped_data", "-v0"], env)
    run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env)


def start_gunicorn(
    env: dict[str, str], port: int, workers: int, log, access_log: str = "-", timeout: float = 60
) -> subprocess.Popen:
    """gunicorn from the project's venv on 127.0.0.1:port, once /healthz answers 200.

    `log` is an open file for its output; `access_log` "-" puts the access log there too.
    """
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "vindplek.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            access_log,
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped with exit code {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise RuntimeError(f"gunicorn on port {port} did not answer within {timeout} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
