"""Every response carries the security headers: CSP, nosniff, Referrer-Policy, HSTS in production."""

import pytest
from django.urls import reverse

from steunpunten.models import Samenwerkingsverband, Steunpunt

pytestmark = pytest.mark.django_db

REQUIRED_CSP = {
    "default-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "frame-ancestors": {"'none'"},
}


def parse_csp(header: str) -> dict[str, set[str]]:
    """A CSP header as {directive: {sources}}."""
    policy = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            policy[words[0].lower()] = set(words[1:])
    return policy


def public_urls() -> list[str]:
    """Pages of every kind, including ones that answer 404 or 405: all must carry the headers."""
    steunpunt = Steunpunt.objects.published().first()
    swv = Samenwerkingsverband.objects.first()
    return [
        reverse("zoeken:home"),
        steunpunt.get_absolute_url(),
        reverse("zoeken:samenwerkingsverband", args=[swv.code]),
        reverse("zoeken:steunpunt_poster", args=[steunpunt.slug]),
        "/voor-scholen/",
        "/robots.txt",
        "/.well-known/security.txt",
        reverse("healthz"),
        "/zoeken/?q=1011+AB",
        "/zoeken/?q=%3Cscript%3E",
        "/api/",
        "/overzicht/",
        "/beheer/login/",
        "/bestaat-niet/",
        "/static/css/vindplek.css",
    ]


def assert_security_headers(response, url: str) -> None:
    assert "Content-Security-Policy" in response.headers, url
    policy = parse_csp(response.headers["Content-Security-Policy"])
    for directive, sources in REQUIRED_CSP.items():
        assert policy.get(directive) == sources, (url, directive, policy.get(directive))
    # No directive that could run scripts may allow inline code or eval.
    for directive in ("default-src", "script-src", "script-src-elem", "script-src-attr"):
        sources = policy.get(directive, set())
        assert not sources & {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"}
    script_sources = policy.get("script-src", policy["default-src"])
    assert script_sources <= {"'self'"} | {s for s in script_sources if s.startswith("'nonce-")}
    assert response.headers.get("X-Content-Type-Options") == "nosniff", url
    assert "camera=()" in response.headers.get("Permissions-Policy", ""), url
    assert response.headers.get("Referrer-Policy") in {
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
        "no-referrer",
    }, url
    if response.headers.get("Content-Type", "").startswith("text/html"):
        assert response.headers.get("X-Frame-Options") == "DENY", url


def test_every_kind_of_response_carries_the_security_headers(client):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code < 500, url
        assert_security_headers(response, url)


def test_a_post_that_is_refused_carries_the_headers_too(client):
    response = client.post(reverse("zoeken:home"))
    assert response.status_code == 405
    assert_security_headers(response, "POST /")


def test_hsts_is_sent_over_https_under_production_settings(client, settings):
    # The test settings are the production settings (DEBUG off) with the HTTPS redirect off.
    assert settings.DEBUG is False
    response = client.get(reverse("zoeken:home"), secure=True)
    hsts = response.headers.get("Strict-Transport-Security", "")
    max_age = int(hsts.split("max-age=")[1].split(";")[0])
    assert max_age >= 31536000
    assert "includeSubDomains" in hsts
    assert_security_headers(response, "https /")


def test_session_and_csrf_cookies_are_secure_in_production(settings):
    assert settings.SESSION_COOKIE_SECURE is True
    assert settings.CSRF_COOKIE_SECURE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_pages_contain_no_inline_scripts_styles_or_handlers(client):
    # The policy forbids them, so a page that has them would break in the browser.
    for url in public_urls():
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode().lower()
        for needle in ("<style", " style=", " onclick=", " onload=", "javascript:"):
            assert needle not in html, (url, needle)
        for tag in html.split("<script")[1:]:
            opening = tag.split(">")[0]
            # JSON-LD for search engines is data, which browsers never run (zoeken/vindbaar.py).
            if opening == ' type="application/ld+json"':
                continue
            assert " src=" in opening, (url, "inline <script>")


PUBLIC_PAGES = [
    "/",
    "/zoeken/?q=1011+AB",
    "/zoeken/?q=Rotterdam",
    "/regio/",
    "/regio/utrecht/",
    "/wegwijzer/",
    "/wegwijzer/?postcode=1011AB",
    "/overzicht/",
    "/over/",
    "/toegankelijkheid/",
    "/api/",
    "/api/v1/zoeken?q=1011",
    "/api/v1/steunpunten",
    "/api/v1/samenwerkingsverbanden",
    "/samenwerkingsverbanden/PO2707/",
    "steunpunt",  # a steunpunt's own page, with the way to the report form
]


def resolve_page(url: str) -> str:
    if url == "steunpunt":
        return Steunpunt.objects.published().first().get_absolute_url()
    return url


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_set_no_cookie_and_hold_no_csrf_token(client, url, language):
    """No tracking and no secret: a public page is the same for every visitor."""
    response = client.get(language + resolve_page(url))
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    body = response.content.decode()
    assert "csrfmiddlewaretoken" not in body and "csrftoken" not in body


@pytest.mark.django_db
def test_only_the_report_form_page_holds_a_csrf_token(client):
    steunpunt = Steunpunt.objects.published().first()
    response = client.get(reverse("beheer:melding", args=[steunpunt.slug]))
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert set(response.cookies) == {"csrftoken"}
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/en/over/", "/api/v1/zoeken?q=1011", "/healthz", "/beheer/login/", "/nergens/"]
)
def test_every_response_has_a_permissions_policy(client, url):
    policy = client.get(url)["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy
