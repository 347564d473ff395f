"""`make lighthouse`: Lighthouse on the public pages and the beheer -> docs/lighthouse.md.

Serves the site with gunicorn (production settings) on 127.0.0.1 from a scratch SQLite file with
the shipped data, as `make bench` does, and runs a pinned Lighthouse from the npm registry
(installed once into build/lighthouse/) in Debian's headless Chromium against public pages
and the pages of the beheer: login, setting up the app, and the start page, steunpunt list and
change forms of each role. For those, staff accounts are made in the scratch database (the e2e
accounts of tests/e2e/seed.py) and logged in over HTTP with password and code, as a person
would; Lighthouse runs those pages in one Chromium whose cookie jar holds that session.
Fails when the text-compression audit does not pass on a page, accessibility scores below 0.9
on a public page, SEO below 1.0 on a steunpunt, SWV, school or province page, or
accessibility or best practices below 1 on a page of the beheer.
Nothing leaves the loopback address: Chromium sends every other host to a closed proxy port.
"""

import datetime
import http.cookies
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.localserver import ROOT, free_port, prepare, production_env, run, start_gunicorn, stop

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
# The beheer: (label, account or None for a visitor, path); {eigen} is the SWV's own steunpunt.
ENROL = "aanmelden-lighthouse"  # an account that has a password but no authenticator app yet
STEUNPUNTEN = "/beheer/steunpunten/steunpunt/"
BEHEER_PAGES = (
    ("inloggen", None, "/beheer/login/"),
    ("app instellen", ENROL, "/beheer/tweede-factor/instellen/"),
    ("start SWV", "swv-e2e", "/beheer/"),
    ("start OCW", "ocw-e2e", "/beheer/"),
    ("start beheerder", "beheerder-e2e", "/beheer/"),
    ("steunpunten SWV", "swv-e2e", STEUNPUNTEN),
    ("steunpunten beheerder", "beheerder-e2e", STEUNPUNTEN),
    ("steunpunt wijzigen SWV", "swv-e2e", STEUNPUNTEN + "{eigen}/change/"),
    ("steunpunt wijzigen beheerder", "beheerder-e2e", STEUNPUNTEN + "{eigen}/change/"),
    ("account toevoegen", "beheerder-e2e", "/beheer/auth/user/add/"),
)
MIN_BEHEER = 1.0  # accessibility and best practices on every page of the beheer (issue 21)
# Pages the site leaves uncompressed on purpose: the set-up page shows the new TOTP key, so no
# compression side channel (BREACH) may be aimed at it (beheer/middleware.py, NIET_COMPRIMEREN).
UNCOMPRESSED_ON_PURPOSE = ("/beheer/tweede-factor/",)
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


def create_accounts() -> None:
    """In the server's environment: the e2e staff accounts and one without an app yet."""
    from tests.e2e import seed

    seed.main()  # sets Django up; prints the facts (JSON) as its last line
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from steunpunten.permissions import GROUP_OCW

    user = get_user_model().objects.create_user(
        username=ENROL, email=f"{ENROL}@example.org", password=seed.WACHTWOORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=GROUP_OCW))


class Visitor:
    """A person with a browser's cookies, over plain HTTP on the loopback address."""

    def __init__(self, base: str, cookie: str = ""):
        self.base = base
        self.cookies = dict(part.split("=", 1) for part in cookie.split("; ") if part)
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path: str, form: dict | None = None) -> tuple[int, str, str]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data)
        request.add_header("Cookie", self.cookie_header())
        try:
            answer = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:  # a redirect, with NoRedirect
            answer = error
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        body = answer.read().decode(errors="replace")
        return answer.status, answer.headers.get("Location", ""), body

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def log_in(self, username: str, token: str) -> None:
        from tests.e2e.seed import WACHTWOORD

        _status, _location, page = self.request("/beheer/login/")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {"csrfmiddlewaretoken": csrf, "username": username, "password": WACHTWOORD}
        form.update(otp_token=token, next="/beheer/")
        status, location, _page = self.request("/beheer/login/", form)
        if status != 302 or "/login/" in location:
            raise RuntimeError(f"{username} could not log in ({status} to {location!r})")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sessions(base: str) -> dict[str, str]:
    """A logged-in session (its Cookie header) per account of BEHEER_PAGES."""
    from django_otp.oath import totp

    from tests.e2e.seed import SLEUTELS

    cookies = {}
    for account in {account for _label, account, _path in BEHEER_PAGES if account}:
        visitor = Visitor(base)
        key = SLEUTELS.get(account)
        visitor.log_in(account, f"{totp(bytes.fromhex(key)):06d}" if key else "")
        cookies[account] = visitor.cookie_header()
    return cookies


class LoggedInChrome:
    """One Chromium for the pages of the beheer, whose cookie jar holds the session of the account.

    Lighthouse's --extra-headers would send a Cookie header, but the first Set-Cookie of a response
    replaces it for every later request of the page (GoogleChrome/lighthouse#6207), so the admin's
    scripts would load as a visitor. Instead Lighthouse attaches to this Chromium (--port) and
    keeps its storage (--disable-storage-reset); the cookies go in over the DevTools protocol.
    """

    def __init__(self, chrome: str, profile: Path):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                chrome,
                *CHROME_FLAGS.split(),
                f"--remote-debugging-port={self.port}",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        for _ in range(100):
            try:
                self.browser = self.playwright.chromium.connect_over_cdp(
                    f"http://127.0.0.1:{self.port}"
                )
                break
            except Exception:  # not listening yet
                time.sleep(0.2)
        else:
            self.close()
            raise RuntimeError("Chromium did not open its debugging port")

    def use(self, base: str, cookie: str) -> None:
        """Only this session's cookies (none for a visitor) in the jar."""
        context = self.browser.contexts[0]
        context.clear_cookies()
        cookies = Visitor(base, cookie).cookies
        context.add_cookies([{"name": k, "value": v, "url": base} for k, v in cookies.items()])

    def close(self) -> None:
        if getattr(self, "browser", None) is not None:
            self.browser.close()
        self.playwright.stop()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def lighthouse(url: str, output: Path, chrome: str, port: int | None = None) -> dict:
    """One Lighthouse run (mobile, the four categories); its JSON result (LHR).

    With `port`, in the Chromium already listening there, keeping its cookies (LoggedInChrome).
    """
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--disable-full-page-screenshot",
        "--no-enable-error-reporting",
        "--quiet",
    ]
    if port:
        command += [f"--port={port}", "--disable-storage-reset"]
    else:
        command.append(f"--chrome-flags={CHROME_FLAGS}")
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


def summary(path: str, lhr: dict, label: str, beheer: bool) -> dict:
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
        "label": label,
        "beheer": beheer,
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
    if not c["passed"] and result["path"].startswith(UNCOMPRESSED_ON_PURPOSE):
        verdict = f"not compressed on purpose ({c['items']} uncompressed: the page with the key)"
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
    ]
    header = [
        "| page | performance | accessibility | best practices | SEO | text compression |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for title, beheer in (("Public pages", False), ("Beheer (staff)", True)):
        lines += [f"## {title}", "", *header]
        for r in (r for r in results if r["beheer"] == beheer):
            s = r["scores"]
            name = f"`{r['path']}`" if r["label"] == r["path"] else f"{r['label']} (`{r['path']}`)"
            lines.append(
                f"| {name} | {score(s['performance'])} | {score(s['accessibility'])} | "
                f"{score(s['best-practices'])} | {score(s['seo'])} | {compression(r)} |"
            )
        lines.append("")
    lines += [
        "Scores run from 0 to 1, as in Lighthouse's JSON (its report shows them × 100). Text",
        f"compression is Lighthouse's `{AUDIT}` audit: score 1, or `notApplicable`, is a pass.",
        f"`make lighthouse` fails when it does not pass on a page, when accessibility is below "
        f"{MIN_ACCESSIBILITY} on a public page, or when accessibility or best practices is below",
        f"{MIN_BEHEER} on a page of the beheer, or when SEO is below {MIN_SEO:.2f} on a steunpunt,",
        "SWV, school or province page (the pages a parent finds through a search engine).",
        "The page that sets up the authenticator app is sent uncompressed on purpose: it shows",
        "the new secret key, and no compression side channel (BREACH) may be aimed at it",
        "(`beheer/middleware.py`); every other page of the beheer is gzip-compressed.",
        "The search pages say `noindex` on purpose (`templates/zoeken/zoeken.html`), which costs",
        "them SEO's `is-crawlable`; so does every page of the beheer (Django's admin sends",
        "`robots: NONE,NOARCHIVE`).",
        "",
        "The beheer is scored as its users see it: the accounts of the end-to-end tests",
        "(`tests/e2e/seed.py`: an SWV employee, an OCW employee, a beheerder with their",
        "authenticator keys, plus an account without an app for the set-up page) are made in the",
        "scratch database and log in over HTTP with password and code; Lighthouse attaches to a",
        "Chromium whose cookie jar holds that session (`--port`, `--disable-storage-reset`; its",
        "`--extra-headers` would lose the cookie at the first `Set-Cookie`, GoogleChrome/lighthouse",
        "#6207), so the pages of the beheer load with a warm browser cache: their performance",
        "scores are kinder than a first visit's. The SWV employee's own steunpunt is the one",
        "whose change form is scored, for the SWV employee and for a beheerder (whose form has",
        "more fields and select boxes).",
        "",
        "How it was run: gunicorn with the production settings (DEBUG off, whitenoise, CSP, gzip",
        "for public pages) on 127.0.0.1, serving a scratch SQLite database with the shipped data",
        "and the demo steunpunten (as `make run`);",
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
    flagged = [(r["label"], c, ids) for r in results for c, ids in r["flagged"].items()]
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
    if sys.argv[1:] == ["--accounts"]:  # run by main() below inside the server's environment
        create_accounts()
        return 0
    chrome = shutil.which("chromium")
    if chrome is None:
        sys.exit("chromium is not installed (make lighthouse installs Debian's package).")
    install()
    with tempfile.TemporaryDirectory(prefix="vindplek-lighthouse-") as tmp:
        env = production_env(Path(tmp), "lighthouse")
        # The demo steunpunten too, as under `make run` and in the e2e run (seed.py needs them).
        env["VINDPLEK_VOORBEELDEN"] = "1"
        print("preparing a scratch database with the shipped data ...", flush=True)
        prepare(env)
        output = run([sys.executable, "-m", "bench.lighthouse", "--accounts"], env)
        facts = json.loads(output.strip().splitlines()[-1])
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (Path(tmp) / "gunicorn.log").open("w")
        process = start_gunicorn(env, port, workers=2, log=log)
        pages = [(path, path, None, False) for path in PAGES]
        pages += [
            (label, path.format(eigen=facts["eigen_steunpunt"]["pk"]), account, True)
            for label, account, path in BEHEER_PAGES
        ]
        results, last, logged_in = [], None, None
        try:
            cookies = sessions(base)
            logged_in = LoggedInChrome(chrome, Path(tmp) / "profiel")
            for number, (label, path, account, beheer) in enumerate(pages):
                cookie = cookies.get(account, "")
                status, location, _body = Visitor(base, cookie).request(path)
                if status != 200:
                    raise RuntimeError(f"{label}: {path} answers {status} {location}")
                output = Path(tmp) / f"page-{number}.json"
                port = None
                if beheer:
                    logged_in.use(base, cookie)
                    port = logged_in.port
                last = lighthouse(base + path, output, chrome, port)
                results.append(summary(path, last, label=label, beheer=beheer))
                r = results[-1]
                print(
                    f"{label}: "
                    + ", ".join(f"{c} {score(v)}" for c, v in r["scores"].items())
                    + f"; {AUDIT}: {compression(r)}",
                    flush=True,
                )
        finally:
            if logged_in is not None:
                logged_in.close()
            stop(process)
            log.close()
    text = report(versions(last, chrome), results)
    OUTPUT.write_text(text)
    print(text)
    print(f"written to {OUTPUT.relative_to(ROOT)}")
    problems = [
        f"{r['label']}: {AUDIT} does not pass ({compression(r)})"
        for r in results
        if not r["compression"]["passed"] and not r["path"].startswith(UNCOMPRESSED_ON_PURPOSE)
    ]
    problems += [
        f"{r['label']}: accessibility {score(r['scores']['accessibility'])} < {MIN_ACCESSIBILITY}"
        for r in results
        if (r["scores"]["accessibility"] or 0) < MIN_ACCESSIBILITY
    ]
    problems += [
        f"{r['label']}: SEO {score(r['scores']['seo'])} < {MIN_SEO}"
        for r in results
        if r["path"] in SEO_PAGES and (r["scores"]["seo"] or 0) < MIN_SEO
    ]
    problems += [
        f"{r['label']}: {category} {score(r['scores'][category])} < {MIN_BEHEER}"
        for r in results
        if r["beheer"]
        for category in ("accessibility", "best-practices")
        if (r["scores"][category] or 0) < MIN_BEHEER
    ]
    for problem in problems:
        print(f"FAILED {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
