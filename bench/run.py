"""`make bench`: throughput, nearest search, query counts and page weight -> docs/benchmarks.md.

Serves the site with gunicorn (production settings, 1 worker) on 127.0.0.1 from a scratch SQLite
file with the shipped data, and loads it with wrk from this machine only: the search results
page against the trivial view /healthz (the same middleware stack, one `SELECT 1`), alternated
over 3 rounds. Every request loop is bounded in time; nothing leaves the loopback address.
"""

import datetime
import gzip
import json
import os
import platform
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
SEARCH = "/zoeken/?q=1011+AB"
TRIVIAL = "/healthz"
PLAIN_PAGE = "/toegankelijkheid/"  # for reference: a template page without a search
ROUNDS = 3
WRK_SECONDS = 8
WRK_CONNECTIONS = 8
PAGE_TARGET_KB, JS_TARGET_KB, RATIO_TARGET = 100, 32, 0.5


def fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def parse_latency_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str) -> dict:
    """One bounded wrk run; counts non-2xx answers itself (wrk counts 3xx as fine)."""
    script = Path(__file__).with_name("status.lua")
    output = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{WRK_CONNECTIONS}",
            f"-d{WRK_SECONDS}s",
            "--latency",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=WRK_SECONDS + 60,
        check=True,
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


def throughput(base: str) -> list[dict]:
    rounds = []
    for number in range(1, ROUNDS + 1):
        search, trivial = wrk(base + SEARCH), wrk(base + TRIVIAL)
        plain = wrk(base + PLAIN_PAGE)
        rounds.append({"round": number, "search": search, "trivial": trivial, "plain": plain})
        print(
            f"round {number}: search {search['rps']:.0f} req/s p99 {search['p99_ms']:.1f} ms "
            f"non-2xx {search['non_2xx']} | trivial {trivial['rps']:.0f} req/s "
            f"p99 {trivial['p99_ms']:.1f} ms non-2xx {trivial['non_2xx']} | "
            f"ratio {search['rps'] / trivial['rps']:.2f} | plain page {plain['rps']:.0f} req/s",
            flush=True,
        )
    return rounds


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def report(info: dict, rounds: list[dict], weight: dict, inprocess: dict) -> str:
    median = lambda values: sorted(values)[len(values) // 2]  # noqa: E731
    s_rps = median([r["search"]["rps"] for r in rounds])
    t_rps = median([r["trivial"]["rps"] for r in rounds])
    s_p99 = median([r["search"]["p99_ms"] for r in rounds])
    t_p99 = median([r["trivial"]["p99_ms"] for r in rounds])
    p_rps = median([r["plain"]["rps"] for r in rounds])
    non_2xx = sum(r[k]["non_2xx"] for r in rounds for k in ("search", "trivial", "plain"))
    ratio = s_rps / t_rps
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
        "## Throughput: search results vs a trivial view",
        "",
        "gunicorn, production settings (DEBUG off, whitenoise, CSP, sessions, CSRF, OTP, axes,",
        "history middleware), 1 sync worker, SQLite with the shipped data, on 127.0.0.1.",
        f"wrk: 1 thread, {WRK_CONNECTIONS} connections, {WRK_SECONDS} s per run, the two URLs",
        f"alternated over {ROUNDS} rounds. Search: `{SEARCH}`. Trivial view: `{TRIVIAL}`",
        "(the same middleware stack; it runs `SELECT 1` and returns `ok`).",
        "",
        "| round | search req/s | search p99 | trivial req/s | trivial p99 | req/s ratio | p99 ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rounds:
        s, t = r["search"], r["trivial"]
        lines.append(
            f"| {r['round']} | {s['rps']:.0f} | {s['p99_ms']:.1f} ms | {t['rps']:.0f} | "
            f"{t['p99_ms']:.1f} ms | {s['rps'] / t['rps']:.2f} | {s['p99_ms'] / t['p99_ms']:.2f} |"
        )
    lines += [
        f"| median | {s_rps:.0f} | {s_p99:.1f} ms | {t_rps:.0f} | {t_p99:.1f} ms | "
        f"{ratio:.2f} | {s_p99 / t_p99:.2f} |",
        "",
        f"Non-2xx responses: {non_2xx}. Target: search at least {RATIO_TARGET}× the trivial "
        f"view's throughput: **{'met' if ratio >= RATIO_TARGET else 'NOT met'}** ({ratio:.2f}×).",
        "",
        f"For reference, a plain template page (`{PLAIN_PAGE}`, base template, no search) in the",
        f"same rounds: median {p_rps:.0f} req/s; search is {s_rps / p_rps:.2f}× that.",
        "The results page is stored whole per data version, language and URL, with each",
        "visitor's own CSRF token put in (`steunpunten/pagecache.py`); its heavy part is also",
        "cached as a fragment for other spellings of the same query. Repeated searches for one",
        "postcode measure that warm path: 1 query per request (the data version).",
        "",
        "## Nearest steunpunten: bounding box in SQL vs full scan",
        "",
        "`steunpunten.nabij.find_nearby` against `find_nearby_naive` (distance to every row),",
        "on synthetic published steunpunten spread over the Netherlands, 200 random points each.",
        "",
        "| steunpunten | per search (bbox) | per search (full scan) | speed-up | identical answers |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in inprocess["nearest"]:
        lines.append(
            f"| {row['steunpunten']:,} | {row['snel_ms']:.2f} ms | {row['naief_ms']:.2f} ms | "
            f"{row['versnelling']:.1f}× | {row['identiek']}/{row['punten']} |"
        )
    lines += [
        "",
        "## Database queries of the results page",
        "",
        "`/zoeken/?q=1011+AB` through Django's test client with the production settings; cold =",
        "caches emptied first, warm = the same request again.",
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
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (Path(tmp) / "gunicorn.log").open("w")
        # No access log: writing one would add the same cost to both URLs and blur the ratio.
        process = start_gunicorn(env, port, workers=1, log=log, access_log="/dev/null")
        try:
            for url in (SEARCH, TRIVIAL):
                status, _body = fetch(base + url)
                assert status == 200, (url, status)
            weight = page_weight(base)
            rounds = throughput(base)
        finally:
            stop(process)
            log.close()
        print("nearest search and query counts ...", flush=True)
        output = run([sys.executable, str(Path(__file__).with_name("inprocess.py"))], env)
        inprocess = json.loads(output.strip().splitlines()[-1])
    text = report(machine(), rounds, weight, inprocess)
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(text)
    print(text)
    print(f"written to {OUTPUT.relative_to(ROOT)}")
    non_2xx = sum(r[k]["non_2xx"] for r in rounds for k in ("search", "trivial", "plain"))
    identical = all(row["identiek"] == row["punten"] for row in inprocess["nearest"])
    return 0 if non_2xx == 0 and identical else 1


if __name__ == "__main__":
    sys.exit(main())
