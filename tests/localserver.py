"""A real gunicorn server with the production settings on 127.0.0.1, for `make e2e` and `make bench`.

The server runs DEBUG off with a random secret key, collected static files and a scratch SQLite
file holding the shipped data; plain HTTP, because it only listens on the loopback address.
"""

import subprocess
from pathlib import Path

from deploy.loopback import PYTHON, ROOT, free_port, prepare, run, wait_healthy
from deploy.loopback import production_env as loopback_env

__all__ = ["ROOT", "free_port", "prepare", "production_env", "run", "start_gunicorn", "stop"]


def production_env(tmp: Path, name: str) -> dict[str, str]:
    """The environment of a production-settings server on `tmp/<name>.sqlite3`."""
    return loopback_env(
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SQLITE_PATH=str(tmp / f"{name}.sqlite3"),
        DJANGO_STATIC_ROOT=str(tmp / "static"),
    )


def start_gunicorn(
    env: dict[str, str], port: int, workers: int, log, access_log: str = "-", timeout: float = 60
) -> subprocess.Popen:
    """gunicorn from the project's venv on 127.0.0.1:port, once /healthz answers 200.

    `log` is an open file for its output; `access_log` "-" puts the access log there too.
    """
    gunicorn = Path(PYTHON).with_name("gunicorn")
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
    try:
        wait_healthy(port, process, timeout)
    except RuntimeError:
        stop(process)
        raise
    return process


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
