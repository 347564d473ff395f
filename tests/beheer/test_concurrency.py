"""Issue 15, finding 10: parallel saves of one steunpunt on SQLite give the conflict message.

Before, 6 parallel saves gave "database is locked" (500). The saves run in a fresh process
(tests/beheer/parallel_saves.py) against a SQLite file, with the site's own database settings.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# A fresh process that migrates a file database: `make test-realdata`, not `make test`.
pytestmark = pytest.mark.processen

ROOT = Path(__file__).resolve().parents[2]


def test_parallel_saves_of_one_steunpunt_give_one_save_and_conflicts(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SQLITE_PATH"] = str(tmp_path / "parallel.sqlite3")
    run = subprocess.run(
        [sys.executable, "-m", "tests.beheer.parallel_saves", "6"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    statuses = sorted(result["status"] for result in outcome["results"])
    assert statuses == [200, 200, 200, 200, 200, 302], outcome
    assert all(r["conflict"] for r in outcome["results"] if r["status"] == 200)
    winner = next(n for n, r in enumerate(outcome["results"]) if r["status"] == 302)
    assert (outcome["versie"], outcome["telefoon"]) == (1, f"020 000 00{winner:02d}")
