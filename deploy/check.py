"""make deploy-check: the production recipe of deploy/, started on the loopback address and tested.

It runs nginx (deploy/nginx/vindplek.conf) in front of two gunicorn instances
(deploy/gunicorn.conf.py) that share one fresh PostgreSQL database and one Redis, puts a load
of thousands of different postcodes on nginx, and meanwhile

1. shows that an edit is visible through both instances on the next request,
2. restarts the instances one at a time (SIGTERM, wait, start, wait for /healthz), and
3. kills one instance outright (SIGKILL) and leaves it dead.

It reports requests, failed requests (must be 0) and the p99 per phase, and exits 1 when any
request failed or the edit did not show. Only loopback addresses are used; the load is bounded
in time and stops by itself. `deploy/ensure-services.sh` installs nginx and starts PostgreSQL
and Redis first (the Makefile target runs it).
"""

import csv
import http.client
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from deploy import loopback
from deploy.loopback import PYTHON, ROOT, free_port, prepare, wait_healthy
from deploy.render_nginx import FAIL_TIMEOUT_SECONDS, render

GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
PG = ["psql", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-d", "postgres", "-q"]
REDIS_DB = 9
THREADS = 6
PHASE_SECONDS = {"steady": 8.0, "after_restart": 6.0, "after_kill": 8.0}
MARK = "deploy-check"


def production_env(database_url: str, static_root: Path) -> dict[str, str]:
    """Production settings on loopback: DEBUG off, shared PostgreSQL and Redis, behind nginx."""
    return loopback.production_env(
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_CACHE_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        DATABASE_URL=database_url,
        VINDPLEK_PROXY_COUNT="1",
        VINDPLEK_RELEASE=MARK,
        VINDPLEK_WORKERS="2",
        VINDPLEK_ACCESS_LOG="/dev/null",
    )


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    return loopback.run([PYTHON, "manage.py", *args], env, timeout=timeout)


@dataclass
class Instance:
    """One gunicorn master with its workers, as systemd's vindplek@<port> would run it."""

    port: int
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**self.env, "VINDPLEK_BIND": f"127.0.0.1:{self.port}"}
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [GUNICORN, "-c", "deploy/gunicorn.conf.py", "vindplek.wsgi:application"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_healthy(self.port, self.process)

    def restart(self) -> float:
        """Graceful stop, then start; the seconds it was away."""
        began = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=40)
        self.start()
        return time.monotonic() - began

    def kill(self) -> None:
        """A lost server: the master and its workers die at once, mid-request."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


@dataclass
class Tally:
    """Requests of one phase: latencies in seconds, failures by kind."""

    latencies: list[float] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ok(self, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)

    def fail(self, kind: str) -> None:
        with self.lock:
            self.failures[kind] = self.failures.get(kind, 0) + 1

    @property
    def requests(self) -> int:
        return len(self.latencies) + sum(self.failures.values())

    def p(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def postcode_paths() -> list[str]:
    """Results pages and API answers for every PC4 of the regio-indeling that has an SWV."""
    paths = []
    with (ROOT / "data" / "regio-indeling-pc4.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            if row["swv_po"].startswith("PO"):
                paths.append(f"/zoeken/?q={row['pc4']}")
                paths.append(f"/api/v1/zoeken?q={row['pc4']}")
    random.Random(7).shuffle(paths)
    return paths


class Load:
    """THREADS clients sending GETs to nginx until stopped; each result goes to the phase's tally."""

    def __init__(self, port: int, paths: list[str]):
        self.port = port
        self.paths = paths
        self.stopped = threading.Event()
        self.tally = Tally()
        self.threads = [threading.Thread(target=self.client, args=(n,)) for n in range(THREADS)]

    def client(self, number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        index = number
        while not self.stopped.is_set():
            path = self.paths[index % len(self.paths)]
            index += THREADS
            tally = self.tally
            began = time.monotonic()
            try:
                connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as error:
                tally.fail(type(error).__name__)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                continue
            if response.status == 200:
                tally.ok(time.monotonic() - began)
            else:
                tally.fail(f"HTTP {response.status}")
        connection.close()

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def next_phase(self) -> Tally:
        """Close the phase so far and start counting a new one."""
        finished, self.tally = self.tally, Tally()
        return finished

    def stop(self) -> Tally:
        self.stopped.set()
        for thread in self.threads:
            thread.join(timeout=40)
        return self.tally


def page(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
        return answer.read().decode("utf-8")


EDIT = """
from django.db import transaction
from steunpunten.cache import bump_version
from steunpunten.models import Steunpunt
steunpunt = Steunpunt.objects.get(slug={slug!r})
steunpunt.naam = steunpunt.naam + " ({mark})"
with transaction.atomic():
    steunpunt.save()
    transaction.on_commit(bump_version)
"""


def check_edit_across(instances: list[Instance], env: dict[str, str]) -> str:
    """An edit written once is on the next page of every instance, whatever each had cached."""
    slug = manage(
        env,
        "shell",
        "-v0",
        "-c",
        "from steunpunten.models import Steunpunt;"
        "print(Steunpunt.objects.filter(gepubliceerd=True).order_by('pk')[0].slug)",
    ).strip()
    path = f"/steunpunten/{slug}/"
    for instance in instances:
        for _ in range(3):  # every worker of every instance, most likely
            if MARK in page(instance.port, path):
                return f"{path} showed the mark before the edit"
    manage(env, "shell", "-v0", "-c", EDIT.format(slug=slug, mark=MARK))
    missing = [str(i.port) for i in instances if MARK not in page(i.port, path)]
    if missing:
        return f"the edit of {path} was not visible through instance(s) {', '.join(missing)}"
    return ""


def nginx_config(tmp: Path, port: int, instances: list[Instance], static_root: Path) -> Path:
    site = tmp / "vindplek-site.conf"
    site.write_text(
        render(
            instances=[f"127.0.0.1:{i.port}" for i in instances],
            static_root=str(static_root),
            listen=f"127.0.0.1:{port}",
        ),
        encoding="utf-8",
    )
    main = tmp / "nginx.conf"
    mime_types = "/etc/nginx/mime.types"
    main.write_text(
        f"""worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
user root;
events {{ worker_connections 512; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {site};
}}
""",
        encoding="utf-8",
    )
    return main


def summary(name: str, tally: Tally) -> str:
    failed = sum(tally.failures.values())
    kinds = ", ".join(f"{kind}: {count}" for kind, count in sorted(tally.failures.items()))
    return (
        f"{name:<28} {tally.requests:>6} requests  {failed:>3} failed"
        f"  p50 {tally.p(0.5) * 1000:6.0f} ms  p99 {tally.p(0.99) * 1000:6.0f} ms"
        + (f"  ({kinds})" if kinds else "")
    )


def main() -> int:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    tmp = Path(tempfile.mkdtemp(prefix="vindplek-deploy-"))
    database = f"vindplek_deploy_{os.getpid()}"
    subprocess.run([*PG, "-c", f"CREATE DATABASE {database}"], check=True)
    static_root = tmp / "static"
    env = production_env(f"postgres://postgres@127.0.0.1:5432/{database}", static_root)
    instances: list[Instance] = []
    proxy = None
    load = None
    try:
        import redis

        redis.Redis.from_url(env["DJANGO_CACHE_URL"]).flushdb()
        began = time.monotonic()
        prepare(env)
        print(f"database, shipped data and static files ready in {time.monotonic() - began:.0f} s")

        instances = [Instance(free_port(), env, tmp / f"gunicorn-{n}.log") for n in "AB"]
        for instance in instances:
            instance.start()
        port = free_port()
        config = nginx_config(tmp, port, instances, static_root)
        proxy = subprocess.Popen([nginx, "-c", str(config), "-g", "daemon off;"], cwd=tmp)
        wait_healthy(port, proxy)
        print(f"nginx on 127.0.0.1:{port} -> gunicorn on {[i.port for i in instances]}")

        problems = []
        edit_problem = check_edit_across(instances, env)
        print(
            "edit visible through both instances: "
            + ("NO, " + edit_problem if edit_problem else "yes")
        )
        if edit_problem:
            problems.append(edit_problem)
        static = page(port, "/").count("/static/")
        if not static:
            problems.append("the start page links no static files")

        load = Load(port, postcode_paths())
        load.start()
        time.sleep(PHASE_SECONDS["steady"])
        phases = [("steady (2 instances)", load.next_phase())]
        away = []
        for instance in instances:
            away.append(instance.restart())
            # nginx may still count the restarted one as down for FAIL_TIMEOUT_SECONDS.
            time.sleep(FAIL_TIMEOUT_SECONDS + 2)
        phases.append(("rolling restart", load.next_phase()))
        time.sleep(PHASE_SECONDS["after_restart"])
        phases.append(("after the restart", load.next_phase()))
        instances[1].kill()
        time.sleep(PHASE_SECONDS["after_kill"])
        phases.append(("instance B lost", load.stop()))

        print(
            "restarted one at a time: "
            + ", ".join(f"{i.port} away {s:.1f} s" for i, s in zip(instances, away, strict=True))
        )
        total = Tally()
        for name, tally in phases:
            print(summary(name, tally))
            total.latencies += tally.latencies
            for kind, count in tally.failures.items():
                total.failures[kind] = total.failures.get(kind, 0) + count
        print(summary("all", total))
        if total.failures:
            problems.append(f"{sum(total.failures.values())} requests failed")
        if total.requests < 200:
            problems.append(f"only {total.requests} requests were made")
        for problem in problems:
            print(f"FAILED: {problem}")
        if problems:
            print("nginx said:\n" + (tmp / "nginx-error.log").read_text(errors="replace")[-3000:])
        return 1 if problems else 0
    finally:
        if load is not None:
            load.stopped.set()
        if proxy is not None and proxy.poll() is None:
            proxy.terminate()
            proxy.wait(timeout=10)
        for instance in instances:
            instance.stop()
        subprocess.run([*PG, "-c", f"DROP DATABASE IF EXISTS {database}"], check=False)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
