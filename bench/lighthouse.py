"""`make lighthouse`: Lighthouse on the public pages -> docs/lighthouse.md.

Serves the site with gunicorn (production settings) on 127.0.0.1 from a scratch SQLite file with
the shipped data, as `make bench` does, and runs a pinned Lighthouse from the npm registry
(installed once into build/lighthouse/) in Debian's headless Chromium against public pages.
Fails when the text-compression audit does not pass on a page, accessibility scores below 0.9, or
SEO below 1.0 on a steunpunt, SWV, school or province page.
Nothing leaves the loopback address: Chromium sends every other host to a closed proxy port.
"""

import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from tests.localserver import ROOT, free_port, prepare, production_env, start_gunicorn, stop

OUTPUT = ROOT / "docs" / "lighthouse.md"
VERSION = "12.8.2"  # the newest release for Node 20; Lighthouse 13 needs Node >= 22.19
PREFIX = ROOT / "build" / "lighthouse"
LIGHTHOUSE = PREFIX / "node_modules" / ".bin" / "lighthouse"
# The pages a parent finds through a search engine must score SEO 1.00 (issue 25).
SEO_PAGES = (
    "/steunpunten/oudersteunpunt-passend-onderwijs-amsterdam-diemen-po2707-vo2708/",
    "/samenwerkingsverbanden/PO2707/",
    "/scholen/00AH00/",
    "/regio/utrecht/",
    "/en/steunpunten/oudersteunpunt-passend-onderwijs-amsterdam-diemen-po2707-vo2708/",
)
PAGES = ("/", "/zoeken/?q=1011+AB", "/over/", "/en/zoeken/?q=9711+AB", *SEO_PAGES)
MIN_SEO = 1.0
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
AUDIT = "uses-text-compression"
MIN_ACCESSIBILITY = 0.9
ATTEMPTS = 2
# No sandbox: CI runs as root. Chromium never sends loopback through a proxy, so the dead proxy
# only catches requests to other hosts (chrome-launcher already turns off background networking).
CHROME_FLAGS = "--headless=new --no-sandbox --proxy-server=127.0.0.1:9"
SCORED = ("binary", "numeric", "metricSavings")
PASS = 0.9  # where Lighthouse's own report counts a scored audit as passed
TEXT = ("Document", "Stylesheet", "Script")  # HTML, CSS and JS


def install() -> None:
    """The pinned Lighthouse in build/lighthouse/, fetched from the npm registry only once."""
    package = PREFIX / "node_modules" / "lighthouse" / "package.json"
    if package.exists() and json.loads(package.read_text())["version"] == VERSION:
        return
    print(f"installing lighthouse@{VERSION} into {PREFIX.relative_to(ROOT)}/ ...", flush=True)
    command = ["npm", "install", "--prefix", str(PREFIX), "--save-exact", "--no-audit", "--no-fund"]
    subprocess.run([*command, f"lighthouse@{VERSION}"], check=True, timeout=600)


def lighthouse(url: str, output: Path, chrome: str) -> dict:
    """One Lighthouse run (mobile, the four categories); its JSON result (LHR)."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--disable-full-page-screenshot",
        "--no-enable-error-reporting",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": chrome}
    # A busy machine now and then spoils the trace (NO_NAVSTART); Lighthouse says to run again.
    for attempt in range(1, ATTEMPTS + 1):
        output.unlink(missing_ok=True)
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        error = f"{result.stdout}\n{result.stderr}".strip()
        if result.returncode == 0 and output.exists():
            lhr = json.loads(output.read_text())
            error = lhr.get("runtimeError")
            if not error:
                return lhr
        print(f"attempt {attempt} on {url} failed: {error}", flush=True)
    raise RuntimeError(f"lighthouse could not test {url} in {ATTEMPTS} attempts")


def summary(path: str, lhr: dict) -> dict:
    """The category scores, the text-compression verdict and the audits that did not pass."""
    audit = lhr["audits"][AUDIT]
    text = [
        item
        for item in lhr["audits"]["network-requests"]["details"]["items"]
        if item.get("resourceType") in TEXT
    ]
    flagged = {}
    for category in CATEGORIES:
        for ref in lhr["categories"][category]["auditRefs"]:
            found = lhr["audits"][ref["id"]]
            mode = found["scoreDisplayMode"]
            failed = mode in SCORED and found["score"] is not None and found["score"] < PASS
            if failed or mode == "error":
                flagged.setdefault(category, []).append((ref["id"], found["title"]))
    return {
        "path": path,
        "scores": {c: lhr["categories"][c]["score"] for c in CATEGORIES},
        "compression": {
            "passed": audit["score"] == 1 or audit["scoreDisplayMode"] == "notApplicable",
            "score": audit["score"],
            "mode": audit["scoreDisplayMode"],
            "items": len((audit.get("details") or {}).get("items") or []),
            "sent": sum(item.get("transferSize") or 0 for item in text),
            "size": sum(item.get("resourceSize") or 0 for item in text),
        },
        "flagged": flagged,
    }


def score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def compression(result: dict) -> str:
    c = result["compression"]
    verdict = "pass" if c["passed"] else f"**FAIL** ({c['items']} uncompressed)"
    sizes = f"HTML, CSS and JS: {c['sent'] / 1024:.1f} KB sent for {c['size'] / 1024:.1f} KB"
    return f"{verdict} (score {score(c['score'])}, {c['mode']}; {sizes})"


def report(info: dict, results: list[dict]) -> str:
    lines = [
        "# Lighthouse",
        "",
        "Written by `make lighthouse` (`bench/lighthouse.py`); the figures below are from the",
        "latest run.",
        "",
        f"- Run: {info['date']}",
        f"- Lighthouse {info['lighthouse']} (npm, in `build/lighthouse/`), Node {info['node']}",
        f"- {info['chromium']}, headless",
        "",
        "| page | performance | accessibility | best practices | SEO | text compression |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        s = r["scores"]
        lines.append(
            f"| `{r['path']}` | {score(s['performance'])} | {score(s['accessibility'])} | "
            f"{score(s['best-practices'])} | {score(s['seo'])} | {compression(r)} |"
        )
    lines += [
        "",
        "Scores run from 0 to 1, as in Lighthouse's JSON (its report shows them × 100). Text",
        f"compression is Lighthouse's `{AUDIT}` audit: score 1, or `notApplicable`, is a pass.",
        f"`make lighthouse` fails when it does not pass on a page, accessibility is below "
        f"{MIN_ACCESSIBILITY}, or SEO is below {MIN_SEO:.2f} on a steunpunt, SWV, school or",
        "province page (the pages a parent finds through a search engine).",
        "The search pages say `noindex` on purpose (`templates/zoeken/zoeken.html`), which costs",
        "them SEO's `is-crawlable`.",
        "",
        "How it was run: gunicorn with the production settings (DEBUG off, whitenoise, CSP, gzip",
        "for public pages) on 127.0.0.1, serving a scratch SQLite database with the shipped data;",
        "Lighthouse's defaults otherwise: the mobile form factor with simulated throttling (slow",
        "4G, 4× CPU slowdown) computed from a page load over the loopback address. The",
        "performance scores therefore reflect this machine, not a phone on a real mobile network,",
        "and are not field data. Chromium gets no other host (a closed proxy port) and no page",
        "loads anything from elsewhere. The check is not part of CI (`.ci/run`) nor of",
        "`make test`; run it with `make lighthouse`.",
        "",
        "## Audits that did not pass",
        "",
        f"Scored audits below {PASS} (where Lighthouse's report lists them as failed) and audits",
        "that could not run, per page and category.",
        "",
    ]
    flagged = [(r["path"], c, ids) for r in results for c, ids in r["flagged"].items()]
    if not flagged:
        lines.append("None.")
    for path, category, audits in flagged:
        names = "; ".join(f"`{audit_id}` ({title})" for audit_id, title in audits)
        lines.append(f"- `{path}`, {category}: {names}")
    lines.append("")
    return "\n".join(lines)


def versions(lhr: dict, chrome: str) -> dict:
    chromium = subprocess.run([chrome, "--version"], capture_output=True, text=True).stdout
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "lighthouse": lhr["lighthouseVersion"],
        "node": node.strip().lstrip("v"),
        "chromium": chromium.strip() or lhr["environment"]["hostUserAgent"],
    }


def main() -> int:
    chrome = shutil.which("chromium")
    if chrome is None:
        sys.exit("chromium is not installed (make lighthouse installs Debian's package).")
    install()
    with tempfile.TemporaryDirectory(prefix="vindplek-lighthouse-") as tmp:
        env = production_env(Path(tmp), "lighthouse")
        print("preparing a scratch database with the shipped data ...", flush=True)
        prepare(env)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (Path(tmp) / "gunicorn.log").open("w")
        process = start_gunicorn(env, port, workers=2, log=log)
        results, last = [], None
        try:
            for number, path in enumerate(PAGES):
                with urllib.request.urlopen(base + path, timeout=10) as answer:
                    assert answer.status == 200, (path, answer.status)
                last = lighthouse(base + path, Path(tmp) / f"page-{number}.json", chrome)
                results.append(summary(path, last))
                r = results[-1]
                print(
                    f"{path}: "
                    + ", ".join(f"{c} {score(v)}" for c, v in r["scores"].items())
                    + f"; {AUDIT}: {compression(r)}",
                    flush=True,
                )
        finally:
            stop(process)
            log.close()
    text = report(versions(last, chrome), results)
    OUTPUT.write_text(text)
    print(text)
    print(f"written to {OUTPUT.relative_to(ROOT)}")
    problems = [
        f"{r['path']}: {AUDIT} does not pass ({compression(r)})"
        for r in results
        if not r["compression"]["passed"]
    ]
    problems += [
        f"{r['path']}: accessibility {score(r['scores']['accessibility'])} < {MIN_ACCESSIBILITY}"
        for r in results
        if (r["scores"]["accessibility"] or 0) < MIN_ACCESSIBILITY
    ]
    problems += [
        f"{r['path']}: SEO {score(r['scores']['seo'])} < {MIN_SEO}"
        for r in results
        if r["path"] in SEO_PAGES and (r["scores"]["seo"] or 0) < MIN_SEO
    ]
    for problem in problems:
        print(f"FAILED {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
