"""`make bench` (part): the first `make run` from a fresh clone and `load_shipped_data` on empty
databases -> docs/benchmarks-first-run.md.

1. `load_shipped_data` on an empty SQLite file and on an empty PostgreSQL database (this machine's
   server at 127.0.0.1:5432, as .ci/run uses it), each after `migrate`, with the development
   settings that `make run` uses, ROUNDS times on a fresh database each.
2. The first `make run`: `git clone` of this checkout's last commit into a temporary folder, then
   `make run PORT=<free port>` there, timed from the clone to the first page that answers 200.
   The clone makes its own virtualenv and installs every pinned package with pip, as a fresh
   machine does; pip may use its download cache (~/.cache/pip), which a machine that never
   installed these packages would not have: the report says how large that cache was.
Nothing leaves this machine except pip's requests to PyPI. Every wait is bounded in time.
"""

import datetime
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from tests.localserver import ROOT, free_port

OUTPUT = ROOT / "docs" / "benchmarks-first-run.md"
ROUNDS = 2
LOAD_TARGET_S, FIRST_RUN_TARGET_S = 15, 90
FIRST_RUN_TIMEOUT_S = 900
POSTGRES = ("127.0.0.1", "5432", "postgres")
# What `make run` prints when it starts a step (its commands and its own lines).
PHASES = (
    ("virtualenv and pip install", "-m venv"),
    ("development settings (.env)", "vindplek.devenv"),
    ("migrate", "manage.py migrate"),
    ("load_shipped_data", "manage.py load_shipped_data"),
    ("ensure_roles", "manage.py ensure_roles"),
    ("runserver until the first page", "manage.py runserver"),
)


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without the project's settings, plus `extra`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "VINDPLEK_", "PYTEST_", "VIRTUAL_ENV"))
        and k != "DATABASE_URL"
    }
    env.update(extra)
    return env


def timed(args: list[str], env: dict[str, str], cwd: Path = ROOT) -> float:
    start = time.monotonic()
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return time.monotonic() - start


def load(env: dict[str, str]) -> dict:
    """`migrate`, then `load_shipped_data`, on the empty database that env names."""
    manage = [sys.executable, "manage.py"]
    migrate = timed([*manage, "migrate", "--noinput", "-v0"], env)
    return {"migrate": migrate, "load": timed([*manage, "load_shipped_data"], env)}


def dev_env(**extra: str) -> dict[str, str]:
    """The settings of `make run`: DEBUG on, the demo steunpunten loaded."""
    return clean_env(DJANGO_DEBUG="1", VINDPLEK_VOORBEELDEN="1", PYTHONPATH=str(ROOT), **extra)


def load_sqlite(tmp: Path) -> list[dict]:
    rounds = []
    for number in range(ROUNDS):
        path = tmp / f"load-{number}.sqlite3"
        rounds.append(load(dev_env(DJANGO_SQLITE_PATH=str(path))))
        print(f"SQLite round {number + 1}: {rounds[-1]}", flush=True)
    return rounds


def psql(sql: str) -> None:
    host, port, user = POSTGRES
    command = ["psql", "-h", host, "-p", port, "-U", user, "-d", "postgres", "-q", "-c", sql]
    subprocess.run(command, check=True, capture_output=True, timeout=60)


def load_postgres() -> list[dict] | str:
    """The same on PostgreSQL; or why it was not measured."""
    host, port, user = POSTGRES
    ready = ["pg_isready", "-h", host, "-p", port, "-q"]
    if shutil.which("pg_isready") is None or subprocess.run(ready).returncode != 0:
        return f"not measured: no PostgreSQL answers at {host}:{port}"
    rounds = []
    for number in range(ROUNDS):
        name = f"vindplek_bench_load_{os.getpid()}_{number}"
        psql(f"CREATE DATABASE {name}")
        try:
            url = f"postgres://{user}@{host}:{port}/{name}"
            rounds.append(load(dev_env(DATABASE_URL=url)))
        finally:
            psql(f"DROP DATABASE IF EXISTS {name}")
        print(f"PostgreSQL round {number + 1}: {rounds[-1]}", flush=True)
    return rounds


def folder_size(path: Path) -> int:
    if not path.is_dir():
        return 0
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def first_run(tmp: Path) -> dict:
    """A fresh clone's `make run`: seconds from the clone to the first 200, and per step."""
    port = free_port()
    clone = tmp / "vindplek"
    start = time.monotonic()
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=300)
    lines: list[tuple[float, str]] = []
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=clone,
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: runserver and its reloader stop with it
    )

    def read() -> None:
        for line in process.stdout:
            lines.append((time.monotonic() - start, line.rstrip()))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    answered = None
    try:
        while time.monotonic() - start < FIRST_RUN_TIMEOUT_S:
            if process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                    if answer.status == 200:
                        answered = time.monotonic() - start
                        break
            except OSError:
                time.sleep(0.5)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        reader.join(timeout=5)
    if answered is None:
        tail = "\n".join(line for _t, line in lines[-30:])
        raise RuntimeError(f"the first `make run` gave no page in {FIRST_RUN_TIMEOUT_S} s:\n{tail}")
    marks = [("git clone", 0.0)]
    for name, needle in PHASES:
        found = next((t for t, line in lines if needle in line), None)
        if found is not None:
            marks.append((name, found))
    marks.sort(key=lambda mark: mark[1])
    steps = [
        (name, (marks[i + 1][1] if i + 1 < len(marks) else answered) - begin)
        for i, (name, begin) in enumerate(marks)
    ]
    return {"total": answered, "steps": steps}


def seconds(value: float) -> str:
    return f"{value:.1f} s"


def verdict(value: float, target: float) -> str:
    return f"**met** (≤ {target} s)" if value <= target else f"**not met** (> {target} s)"


def report(info: dict, sqlite: list[dict], postgres, run: dict) -> str:
    lines = [
        "# Benchmarks: the first start",
        "",
        "Written by `make bench` (`bench/first_run.py`); the figures below are from the latest run.",
        "The machine is shared: other work on it slows every figure down; compare within one run.",
        "",
        f"- Run: {info['date']}; {info['cpu']} ({info['cores']} cores), load average before the "
        f"run {info['load']}",
        f"- Commit measured: `{info['commit']}` (a clone of this checkout's last commit)",
        f"- pip's download cache before the run: {info['pip_cache']}",
        "",
        "## `load_shipped_data` on an empty database",
        "",
        "After `migrate`, with the settings of `make run` (DEBUG on, the demo steunpunten),",
        f"{ROUNDS} rounds, each on a new, empty database. Target: at most {LOAD_TARGET_S} s.",
        "",
        "| database | round | migrate | load_shipped_data |",
        "| --- | ---: | ---: | ---: |",
    ]
    measured = {"SQLite": sqlite, "PostgreSQL": postgres}
    for name, rounds in measured.items():
        if isinstance(rounds, str):
            lines.append(f"| {name} | – | – | {rounds} |")
            continue
        for number, row in enumerate(rounds, 1):
            lines.append(
                f"| {name} | {number} | {seconds(row['migrate'])} | {seconds(row['load'])} |"
            )
    lines.append("")
    for name, rounds in measured.items():
        if not isinstance(rounds, str):
            slowest = max(row["load"] for row in rounds)
            lines.append(
                f"- {name}: slowest load {seconds(slowest)}: {verdict(slowest, LOAD_TARGET_S)}"
            )
    lines += [
        "",
        "## The first `make run` from a fresh clone",
        "",
        "`git clone` of the commit above into a temporary folder, then `make run PORT=<free port>`",
        "there: a new virtualenv, `pip install` of every pinned package (from PyPI; pip may take",
        "files from its cache, see above), migrate, load_shipped_data, ensure_roles and runserver,",
        "timed until `/` answers 200. Each step runs from the moment `make` prints its command.",
        f"Target: at most {FIRST_RUN_TARGET_S} s.",
        "",
        "| step | time |",
        "| --- | ---: |",
    ]
    lines += [f"| {name} | {seconds(value)} |" for name, value in run["steps"]]
    lines += [
        f"| **total, clone to the first page** | **{seconds(run['total'])}** |",
        "",
        f"First `make run`: {seconds(run['total'])}: {verdict(run['total'], FIRST_RUN_TARGET_S)}",
        "",
    ]
    return "\n".join(lines)


def machine() -> dict:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    commit = subprocess.run(
        ["git", "log", "-1", "--format=%h %s"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    cache = Path(os.environ.get("PIP_CACHE_DIR", Path.home() / ".cache" / "pip"))
    size = folder_size(cache)
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load": " ".join(f"{value:.1f}" for value in os.getloadavg()),
        "commit": commit[:90],
        "pip_cache": f"{size / 1024 / 1024:.0f} MB" if size else "empty (no cache)",
    }


def main() -> int:
    info = machine()
    with tempfile.TemporaryDirectory(prefix="vindplek-first-run-") as name:
        tmp = Path(name)
        print("load_shipped_data on an empty SQLite file ...", flush=True)
        sqlite = load_sqlite(tmp)
        print("load_shipped_data on an empty PostgreSQL database ...", flush=True)
        postgres = load_postgres()
        print("the first `make run` from a fresh clone ...", flush=True)
        run = first_run(tmp)
    text = report(info, sqlite, postgres, run)
    OUTPUT.write_text(text)
    print(text)
    print(f"written to {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
