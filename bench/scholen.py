"""`make bench`, the school part (issue 12) -> docs/benchmarks-scholen.md.

1. In process (bench/scholen_inprocess.py): a school-name search over all 8,622 schools, one
   query per school, uncached (the name index is built once per data version); the whole answer
   for every 8th school; suggestions for 1,000 different prefixes.
2. Under gunicorn (production settings, 1 worker) and wrk on 127.0.0.1: /api/v1/suggesties over
   1,000 different prefixes against /over/, alternated over 3 bounded rounds.
3. Page weight of the results page with the suggestions script, gzip level 9 as whitenoise does.
"""

import datetime
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from tests.localserver import ROOT, free_port, prepare, production_env, run, start_gunicorn, stop

OUTPUT = ROOT / "docs" / "benchmarks-scholen.md"
RESULTS_PAGE = "/zoeken/?q=1011+AB"
REFERENCE = "/over/"
ROUNDS, WRK_SECONDS, WRK_CONNECTIONS = 3, 8, 8
TARGETS = {"p50_ms": 5.0, "p99_ms": 20.0, "ratio": 0.5, "page_kb": 30.0}
HERE = Path(__file__).parent


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


class Assets(HTMLParser):
    """The stylesheets and scripts that a page loads."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or ""):
            self.urls.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def page_weight(base: str) -> dict:
    html = fetch(base + RESULTS_PAGE)
    assets = Assets()
    assets.feed(html.decode())
    sizes = {"html": len(gzip.compress(html, 9))}
    for url in assets.urls:
        sizes[url.rsplit("/", 1)[-1]] = len(gzip.compress(fetch(base + url), 9))
    return sizes


def wrk(url: str, script: str, *args: str) -> dict:
    output = subprocess.run(
        ["wrk", "-t1", f"-c{WRK_CONNECTIONS}", f"-d{WRK_SECONDS}s", "--latency"]
        + ["-s", str(HERE / script), url, "--", *args],
        capture_output=True,
        text=True,
        timeout=WRK_SECONDS + 60,
        check=True,
    ).stdout
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "non_2xx": int(re.search(r"non2xx=(\d+)", output).group(1)),
    }


def throughput(base: str, prefixes: Path) -> list[dict]:
    rounds = []
    for _ in range(ROUNDS):
        over = wrk(base + REFERENCE, "status.lua")
        suggest = wrk(base + "/", "suggesties.lua", str(prefixes))
        rounds.append({"over": over, "suggesties": suggest, "ratio": suggest["rps"] / over["rps"]})
    return rounds


def met(ok: bool) -> str:
    return "**met**" if ok else "**NOT met**"


def report(inprocess: dict, rounds: list[dict], weight: dict) -> str:
    find, full, suggest = inprocess["find"], inprocess["full_answer"], inprocess["suggest"]
    ratios = sorted(r["ratio"] for r in rounds)
    median_ratio = ratios[len(ratios) // 2]
    total_kb = sum(weight.values()) / 1024
    lines = [
        "# Benchmarks: search by school",
        "",
        "Written by `make bench` (`bench/scholen.py`) on "
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f} at the end (the machine is shared; more in "
        "[benchmarks.md](benchmarks.md)).",
        "",
        "## School-name search, in process, not cached",
        "",
        f"One query per school for all {inprocess['scholen']:,} schools (its name, every other "
        "one with its place). The name index is built once per data version "
        f"({inprocess['index_build_ms']} ms here) and then only read.",
        "",
        "| what | n | p50 | p99 | max |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| finding the schools (`SchoolIndex.find`) | {find['n']} | {find['p50_ms']} ms "
        f"| {find['p99_ms']} ms | {find['max_ms']} ms |",
        f"| the whole answer with the database (`search.resolve`), every 8th school "
        f"| {full['n']} | {full['p50_ms']} ms | {full['p99_ms']} ms | {full['max_ms']} ms |",
        f"| suggestions for {inprocess['prefixes']} prefixes (uncached) | {suggest['n']} "
        f"| {suggest['p50_ms']} ms | {suggest['p99_ms']} ms | {suggest['max_ms']} ms |",
        "",
        f"Target for the search: p50 ≤ {TARGETS['p50_ms']:g} ms "
        f"({met(find['p50_ms'] <= TARGETS['p50_ms'])}), p99 ≤ {TARGETS['p99_ms']:g} ms "
        f"({met(find['p99_ms'] <= TARGETS['p99_ms'])}).",
        "",
        "## Suggestions under load",
        "",
        f"gunicorn (1 worker) and wrk ({WRK_CONNECTIONS} connections, {WRK_SECONDS} s a run) "
        f"on 127.0.0.1: `/api/v1/suggesties` cycling through {inprocess['prefixes']} different "
        f"prefixes against `{REFERENCE}`, alternated over {ROUNDS} rounds. Each prefix is "
        "computed once per data version and then served from the cache, as in production; "
        "what a first computation costs is in the in-process table above.",
        "",
        "| round | /over/ req/s | suggestions req/s | ratio | non-2xx |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for number, r in enumerate(rounds, 1):
        non_2xx = r["over"]["non_2xx"] + r["suggesties"]["non_2xx"]
        lines.append(
            f"| {number} | {r['over']['rps']:.0f} | {r['suggesties']['rps']:.0f} "
            f"| {r['ratio']:.2f} | {non_2xx} |"
        )
    lines += [
        "",
        f"Median ratio {median_ratio:.2f}; target ≥ {TARGETS['ratio']} "
        f"({met(median_ratio >= TARGETS['ratio'])}).",
        "",
        "## Page weight of the results page with the suggestions script",
        "",
        f"`{RESULTS_PAGE}` and every stylesheet and script it loads, each gzip level 9.",
        "",
        "| file | compressed |",
        "| --- | ---: |",
    ]
    lines += [f"| {name} | {size / 1024:.1f} KB |" for name, size in weight.items()]
    lines += [
        f"| total | {total_kb:.1f} KB |",
        "",
        f"Target ≤ {TARGETS['page_kb']:g} KB ({met(total_kb <= TARGETS['page_kb'])}).",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (make bench installs Debian's package).")
    with tempfile.TemporaryDirectory(prefix="vindplek-bench-scholen-") as tmp:
        env = production_env(Path(tmp), "bench")
        print("preparing a scratch database with the shipped data ...", flush=True)
        prepare(env)
        print("school search in process ...", flush=True)
        output = run([sys.executable, str(HERE / "scholen_inprocess.py")], env)
        inprocess = json.loads(output.strip().splitlines()[-1])
        prefixes = Path(tmp) / "prefixes.txt"
        prefixes.write_text("\n".join(inprocess["prefix_list"]) + "\n")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (Path(tmp) / "gunicorn.log").open("w")
        process = start_gunicorn(env, port, workers=1, log=log, access_log="/dev/null")
        try:
            weight = page_weight(base)
            print("suggestions under wrk ...", flush=True)
            rounds = throughput(base, prefixes)
        finally:
            stop(process)
            log.close()
    text = report(inprocess, rounds, weight)
    OUTPUT.write_text(text)
    print(text)
    non_2xx = sum(r[k]["non_2xx"] for r in rounds for k in ("over", "suggesties"))
    return 0 if non_2xx == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
