"""`make bench`: throughput, load, nearest search, query counts and page weight -> docs/benchmarks.md.

Serves the site with gunicorn (production settings, 1 worker) on 127.0.0.1 from a scratch SQLite
file with the shipped data, and loads it with wrk from this machine only: results pages and API
answers for more than 10,000 *different* postcodes (every PC4 of the regio-indeling with varying
letters, bench/paden.lua cycles through them) against the plain page /over/, alternated over 3
rounds; results pages without and with one save of a steunpunt per second (bench/saver.py),
alternated over 3 rounds; then both under 64 connections for 20 s. Every request loop is bounded
in time; nothing leaves the loopback address.
"""

import csv
import datetime
import gzip
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from tests.localserver import ROOT, free_port, prepare, production_env, run, start_gunicorn, stop

OUTPUT = ROOT / "docs" / "benchmarks.md"
REGIO_CSV = Path(os.environ.get("VINDPLEK_DATA_DIR", ROOT / "data")) / ("regio-indeling-pc4.csv")
SEARCH = "/zoeken/?q=1011+AB"  # for the page weight
PLAIN_PAGE = "/over/"  # the yardstick: a plain template page
ROUNDS = 3
WRK_SECONDS = 8
WRK_CONNECTIONS = 8
LOAD_SECONDS, LOAD_CONNECTIONS = 20, 64
LETTERS = ("AB", "KL", "XZ")  # three spellings per PC4 (never SA, SD or SS)
PAGE_TARGET_KB, JS_TARGET_KB, RATIO_TARGET, RATIO_AIM = 100, 32, 0.5, 0.9
SAVE_ROUNDS, SAVE_SECONDS, SAVES_TARGET = 3, 10, 0.8


def fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def parse_latency_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(
    url: str,
    paths: Path | None = None,
    connections: int = WRK_CONNECTIONS,
    seconds: int = WRK_SECONDS,
    threads: int = 1,
) -> dict:
    """One bounded wrk run; counts non-2xx answers itself (wrk counts 3xx as fine).

    With `paths`, every request asks the next path of that file (bench/paden.lua).
    """
    script = Path(__file__).with_name("paden.lua" if paths else "status.lua")
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["-s", str(script), url]
    if paths:
        command += ["--", str(paths)]
    output = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = parse_latency_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    non_2xx = int(re.search(r"non2xx=(\d+)", output).group(1))
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rps,
        "p99_ms": p99,
        "non_2xx": non_2xx,
        "errors": errors.group(1) if errors else "",
    }


class Assets(HTMLParser):
    """The stylesheets and scripts that a page loads."""

    def __init__(self):
        super().__init__()
        self.css, self.js = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "") and attrs.get("href"):
            self.css.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.js.append(attrs["src"])


def page_weight(base: str) -> dict:
    """HTML + CSS + JS of the results page, each gzip-compressed (level 9, as whitenoise does)."""
    _status, html = fetch(base + SEARCH)
    parser = Assets()
    parser.feed(html.decode())
    sizes = {"html": len(gzip.compress(html, 9)), "css": 0, "js": 0}
    for kind, urls in (("css", parser.css), ("js", parser.js)):
        for url in urls:
            sizes[kind] += len(gzip.compress(fetch(base + url)[1], 9))
    sizes["files"] = 1 + len(parser.css) + len(parser.js)
    sizes["total"] = sizes["html"] + sizes["css"] + sizes["js"]
    return sizes


def machine() -> dict:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.*)", cpuinfo.read_text())
        cpu = match.group(1).strip() if match else cpu
    import django

    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "os": platform.platform(),
        "wrk": wrk_version.split("[")[0].strip() or "wrk",
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def postcode_paths(tmp: Path) -> tuple[Path, Path, int]:
    """Files of results-page and API paths for every PC4 of the regio-indeling, 3 spellings each."""
    with REGIO_CSV.open(encoding="utf-8") as source:
        pc4s = sorted({row["pc4"] for row in csv.DictReader(source, delimiter=";")})
    postcodes = [f"{pc4}+{letters}" for pc4 in pc4s for letters in LETTERS]
    random.Random(20261128).shuffle(postcodes)
    pages, api = tmp / "zoeken.txt", tmp / "api.txt"
    pages.write_text("".join(f"/zoeken/?q={p}\n" for p in postcodes))
    api.write_text("".join(f"/api/v1/zoeken?q={p}\n" for p in postcodes))
    return pages, api, len(postcodes)


def throughput(base: str, pages: Path, api: Path) -> list[dict]:
    """Results pages, API answers (each request another postcode) and /over/, alternated."""
    rounds = []
    for number in range(1, ROUNDS + 1):
        search = wrk(base + "/", paths=pages)
        answers = wrk(base + "/", paths=api)
        plain = wrk(base + PLAIN_PAGE)
        rounds.append({"round": number, "search": search, "api": answers, "plain": plain})
        print(
            f"round {number}: results {search['rps']:.0f} req/s (p99 {search['p99_ms']:.1f} ms) | "
            f"API {answers['rps']:.0f} req/s (p99 {answers['p99_ms']:.1f} ms) | "
            f"/over/ {plain['rps']:.0f} req/s (p99 {plain['p99_ms']:.1f} ms) | ratios "
            f"{search['rps'] / plain['rps']:.2f} / {answers['rps'] / plain['rps']:.2f} | non-2xx "
            f"{search['non_2xx'] + answers['non_2xx'] + plain['non_2xx']}",
            flush=True,
        )
    return rounds


def under_saves(base: str, pages: Path, env: dict[str, str]) -> list[dict]:
    """Results pages for different postcodes without saves, then with one save a second.

    Side by side in each round (same server, same connections, same postcode list), so the
    share compares like with like on a machine whose load changes from minute to minute.
    """
    rounds = []
    saver_script = Path(__file__).with_name("saver.py")
    for number in range(1, SAVE_ROUNDS + 1):
        quiet = wrk(base + "/", paths=pages, seconds=SAVE_SECONDS)
        saver = subprocess.Popen(
            [sys.executable, str(saver_script)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert saver.stdout.readline().strip() == "klaar", "bench/saver.py did not start"
            busy = wrk(base + "/", paths=pages, seconds=SAVE_SECONDS)
        finally:
            saver.terminate()
            output, _ = saver.communicate(timeout=30)
        saves = json.loads(output.strip().splitlines()[-1])
        rounds.append({"round": number, "quiet": quiet, "busy": busy, "saves": saves["saves"]})
        print(
            f"saves round {number}: without {quiet['rps']:.0f} req/s (p99 "
            f"{quiet['p99_ms']:.1f} ms) | with {saves['saves']} saves in {saves['seconds']} s "
            f"{busy['rps']:.0f} req/s (p99 {busy['p99_ms']:.1f} ms) | share "
            f"{busy['rps'] / quiet['rps']:.0%} | non-2xx {quiet['non_2xx'] + busy['non_2xx']}",
            flush=True,
        )
    return rounds


def load(base: str, pages: Path, api: Path) -> dict:
    """Results pages and API answers under 64 connections for 20 s each."""
    found = {}
    for name, paths in (("search", pages), ("api", api)):
        found[name] = wrk(
            base + "/", paths=paths, connections=LOAD_CONNECTIONS, seconds=LOAD_SECONDS, threads=2
        )
        print(
            f"load {name}: {found[name]['rps']:.0f} req/s, p99 {found[name]['p99_ms']:.1f} ms, "
            f"non-2xx {found[name]['non_2xx']} {found[name]['errors']}",
            flush=True,
        )
    return found


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def median(values):
    return sorted(values)[len(values) // 2]


def saves_section(saves: list[dict], count: int) -> list[str]:
    """The table of results pages without and with one save per second."""
    share = median([r["busy"]["rps"] / r["quiet"]["rps"] for r in saves])
    p99_quiet = median([r["quiet"]["p99_ms"] for r in saves])
    p99_busy = median([r["busy"]["p99_ms"] for r in saves])
    met = "met" if share >= SAVES_TARGET else "NOT met"
    lines = [
        "## Results pages under one save per second",
        "",
        f"The same {count:,} different postcodes and the same single worker, wrk with",
        f"{WRK_CONNECTIONS} connections for {SAVE_SECONDS} s: first without saves, then while",
        "`bench/saver.py` saves a published steunpunt once a second through the edit service",
        "(`beheer.editing.steunpunt_save`, as the admin does; each save moves the data version),",
        f"side by side in each of {SAVE_ROUNDS} rounds. A save orphans the cached answers, so",
        "with saves most requests are computed again; a save leaves places, postcode areas and",
        "schools alone, so no worker rebuilds their indexes (issue 23, finding 5): it only reads",
        "the SWVs with their steunpunten again, in a thread beside the requests, which are",
        "answered from the old index meanwhile (steunpunten/indexen.py).",
        "",
        "| round | without saves req/s | p99 | with saves req/s | p99 | saves | share |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in saves:
        quiet, busy = r["quiet"], r["busy"]
        lines.append(
            f"| {r['round']} | {quiet['rps']:.0f} | {quiet['p99_ms']:.1f} ms | {busy['rps']:.0f} | "
            f"{busy['p99_ms']:.1f} ms | {r['saves']} | {busy['rps'] / quiet['rps']:.0%} |"
        )
    non_2xx = sum(r[k]["non_2xx"] for r in saves for k in ("quiet", "busy"))
    lines += [
        f"| median | | {p99_quiet:.1f} ms | | {p99_busy:.1f} ms | | {share:.0%} |",
        "",
        f"Throughput with one save per second: **{share:.0%}** of without (target at least",
        f"{SAVES_TARGET:.0%}: **{met}**); p99 {p99_busy:.1f} ms with saves against {p99_quiet:.1f} ms",
        f"without ({p99_busy / p99_quiet:.2f}×). Non-2xx responses: {non_2xx}.",
        "",
    ]
    return lines


def report(
    info: dict,
    rounds: list[dict],
    heavy: dict,
    weight: dict,
    inprocess: dict,
    count: int,
    saves: list[dict],
) -> str:
    s_rps = median([r["search"]["rps"] for r in rounds])
    a_rps = median([r["api"]["rps"] for r in rounds])
    p_rps = median([r["plain"]["rps"] for r in rounds])
    s_ratio = median([r["search"]["rps"] / r["plain"]["rps"] for r in rounds])
    a_ratio = median([r["api"]["rps"] / r["plain"]["rps"] for r in rounds])
    non_2xx = sum(r[k]["non_2xx"] for r in rounds for k in ("search", "api", "plain"))

    def verdict(ratio: float) -> str:
        met = "met" if ratio >= RATIO_TARGET else "NOT met"
        aim = "aim met" if ratio >= RATIO_AIM else f"aim {RATIO_AIM} not met"
        return f"**{met}** ({ratio:.2f}×; {aim})"

    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/run.py`); the figures below are from the latest run.",
        "Load is generated on the same machine over loopback, so server and load generator share",
        "the cores: compare figures within one run, not across machines.",
        "",
        "## Machine",
        "",
        f"- CPU: {info['cpu']} ({info['cores']} cores)",
        f"- Python {info['python']}, Django {info['django']}, {info['wrk']}",
        f"- {info['os']}",
        f"- Run: {info['date']}",
        "",
        "## Throughput: results pages for different postcodes vs a plain page",
        "",
        "gunicorn, production settings (DEBUG off, whitenoise, CSP, sessions, CSRF, OTP, axes,",
        "history middleware, gzip for public pages), 1 sync worker, SQLite with the shipped",
        f"data, on 127.0.0.1. wrk: 1 thread, {WRK_CONNECTIONS} connections, {WRK_SECONDS} s per",
        f"run, alternated over {ROUNDS} rounds. Every request of a results or API run asks",
        f"another postcode: {count:,} different ones (every PC4 of the regio-indeling with the",
        f"letters {', '.join(LETTERS)}, shuffled; `bench/paden.lua` cycles through them), so the",
        "first round includes every PC4's first, uncached answer. Yardstick: the plain page",
        f"`{PLAIN_PAGE}` (base template, no search).",
        "",
        "| round | results req/s | results p99 | API req/s | API p99 | /over/ req/s | /over/ p99 "
        "| results ratio | API ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rounds:
        sr, ar, pr = r["search"], r["api"], r["plain"]
        lines.append(
            f"| {r['round']} | {sr['rps']:.0f} | {sr['p99_ms']:.1f} ms | {ar['rps']:.0f} | "
            f"{ar['p99_ms']:.1f} ms | {pr['rps']:.0f} | {pr['p99_ms']:.1f} ms | "
            f"{sr['rps'] / pr['rps']:.2f} | {ar['rps'] / pr['rps']:.2f} |"
        )
    lines += [
        f"| median | {s_rps:.0f} | | {a_rps:.0f} | | {p_rps:.0f} | | {s_ratio:.2f} | "
        f"{a_ratio:.2f} |",
        "",
        f"Non-2xx responses: {non_2xx}. Target: at least {RATIO_TARGET}× the plain page's",
        f"throughput (aim {RATIO_AIM}×). Results pages: {verdict(s_ratio)}. API: "
        f"{verdict(a_ratio)}.",
        "",
        *saves_section(saves, count),
        "## Load: 64 connections for 20 s",
        "",
        f"The same {count:,} different postcodes, wrk with 2 threads and {LOAD_CONNECTIONS}",
        f"connections for {LOAD_SECONDS} s against the same single gunicorn worker.",
        "",
        "| what | req/s | p99 | non-2xx | socket errors |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for name, label in (("search", "results pages"), ("api", "API answers")):
        row = heavy[name]
        lines.append(
            f"| {label} | {row['rps']:.0f} | {row['p99_ms']:.1f} ms | {row['non_2xx']} | "
            f"{row['errors'] or 'none'} |"
        )
    lines += [
        "",
        "## Nearest steunpunten: in memory against a full scan",
        "",
        "`steunpunten.geo.find_nearby` (in memory, as the search uses it on the index of",
        "published steunpunten) against the naive full scan in `bench/inprocess.py` (geodesic",
        "distance to every row read from the database), on synthetic published steunpunten spread",
        "over the Netherlands, 200 random points each.",
        "",
        "| steunpunten | in memory | full scan | speed-up | identical answers |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in inprocess["nearest"]:
        lines.append(
            f"| {row['steunpunten']:,} | {row['geheugen_ms']:.2f} ms | {row['naief_ms']:.2f} ms | "
            f"{row['versnelling']:.1f}× | {row['identiek']}/{row['punten']} |"
        )
    lines += [
        "",
        "## Database queries of the results page",
        "",
        "`/zoeken/?q=1011+AB` through Django's test client with the production settings; cold =",
        "answer cache and index emptied first, warm = another spelling of the same PC4 next.",
        "Each includes the data-version query.",
        "",
        "| steunpunten serving the SWVs of 1011 | queries (cold) | queries (warm) |",
        "| ---: | ---: | ---: |",
    ]
    for row in inprocess["queries"]:
        cold, warm = row["koud_warm"]
        lines.append(f"| {row['resultaten']} | {cold} | {warm} |")
    lines += [
        "",
        "## Page weight of the results page",
        "",
        "HTML + CSS + JS of `/zoeken/?q=1011+AB`, each gzip-compressed (level 9).",
        "",
        "| part | compressed |",
        "| --- | ---: |",
        f"| HTML | {kb(weight['html'])} |",
        f"| CSS | {kb(weight['css'])} |",
        f"| JavaScript | {kb(weight['js'])} |",
        f"| total ({weight['files']} files) | {kb(weight['total'])} |",
        "",
        f"Targets: at most {PAGE_TARGET_KB} KB in total "
        f"(**{'met' if weight['total'] <= PAGE_TARGET_KB * 1024 else 'NOT met'}**) and at most "
        f"{JS_TARGET_KB} KB of JavaScript "
        f"(**{'met' if weight['js'] <= JS_TARGET_KB * 1024 else 'NOT met'}**).",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (make bench installs Debian's package).")
    with tempfile.TemporaryDirectory(prefix="vindplek-bench-") as tmp:
        env = production_env(Path(tmp), "bench")
        print("preparing a scratch database with the shipped data ...", flush=True)
        prepare(env)
        pages, api, count = postcode_paths(Path(tmp))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (Path(tmp) / "gunicorn.log").open("w")
        # No access log: writing one would add the same cost to every URL and blur the ratio.
        process = start_gunicorn(env, port, workers=1, log=log, access_log="/dev/null")
        try:
            for url in (SEARCH, PLAIN_PAGE, "/api/v1/zoeken?q=1011+AB"):
                status, _body = fetch(base + url)
                assert status == 200, (url, status)
            weight = page_weight(base)
            rounds = throughput(base, pages, api)
            saves = under_saves(base, pages, env)
            heavy = load(base, pages, api)
        finally:
            stop(process)
            log.close()
        print("nearest search and query counts ...", flush=True)
        output = run([sys.executable, str(Path(__file__).with_name("inprocess.py"))], env)
        inprocess = json.loads(output.strip().splitlines()[-1])
    text = report(machine(), rounds, heavy, weight, inprocess, count, saves)
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(text)
    print(text)
    print(f"written to {OUTPUT.relative_to(ROOT)}")
    non_2xx = sum(r[k]["non_2xx"] for r in rounds for k in ("search", "api", "plain"))
    non_2xx += sum(row["non_2xx"] for row in heavy.values())
    non_2xx += sum(r[k]["non_2xx"] for r in saves for k in ("quiet", "busy"))
    identical = all(row["identiek"] == row["punten"] for row in inprocess["nearest"])
    return 0 if non_2xx == 0 and identical else 1


if __name__ == "__main__":
    sys.exit(main())
