"""`make run` writes .env; manage.py reads it, so the README's commands work as written."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vindplek.devenv import dev_env_lines, main

ROOT = Path(__file__).resolve().parent.parent


def test_dev_env_keeps_other_lines_and_follows_the_port():
    lines = dev_env_lines([], port=8000)
    assert "DJANGO_DEBUG=1" in lines and "VINDPLEK_SITE_URL=http://127.0.0.1:8000" in lines
    mine = [*lines, "VINDPLEK_ADMIN_OTP_UIT=1"]
    again = dev_env_lines(mine, port=8010)
    assert "VINDPLEK_SITE_URL=http://127.0.0.1:8010" in again
    assert "VINDPLEK_SITE_URL=http://127.0.0.1:8000" not in again
    assert "VINDPLEK_ADMIN_OTP_UIT=1" in again and again.count("DJANGO_DEBUG=1") == 1
    assert dev_env_lines(["DJANGO_DEBUG=0"], port=8000)[0] == "DJANGO_DEBUG=0"


@pytest.mark.processen  # two manage.py processes: `make test-realdata`, not `make test`
def test_manage_py_reads_the_env_file_that_make_run_writes(tmp_path):
    env_file = tmp_path / ".env"
    main(["--port", "8010", "--file", str(env_file)])
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "VINDPLEK_", "PYTEST_")) and k != "DATABASE_URL"
    }
    env.update(
        VINDPLEK_DOTENV=str(env_file),
        VINDPLEK_DEV_SECRET_KEY_FILE=str(tmp_path / "key"),
        DJANGO_SQLITE_PATH=str(tmp_path / "db.sqlite3"),
    )
    code = "from django.conf import settings; print(settings.DEBUG, settings.VINDPLEK_SITE_URL)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True http://127.0.0.1:8010"
    # A variable set in the environment wins over the file.
    env["VINDPLEK_SITE_URL"] = "https://vindplek.example.nl"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "True https://vindplek.example.nl"
