"""HTTP caching of public pages: an ETag from the data version, and Cache-Control: public.

A public page is the same for every visitor (no cookie, no CSRF token: tests assert it), so a
browser, a reverse proxy or a CDN in front of several servers may keep it. Its ETag is derived
from what the page depends on: the data version (steunpunten/cache.py, raised by every edit),
the language, the host and the full URL, and the release (the code, templates, translations and
static files this process serves). A request with a matching If-None-Match gets 304 after one
query (the data version) and no rendering; an edit changes the ETag for the very next request.
"""

import hashlib
from functools import cache as remembered
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language

from steunpunten.cache import current_version

# What a release consists of: a change in any of these files may change a page.
RELEASE_FILES = ("*.py", "*.html", "*.mo", "*.css", "*.js", "*.svg")
RELEASE_FOLDERS = (
    "vindplek",
    "steunpunten",
    "zoeken",
    "beheer",
    "overzicht",
    "templates",
    "locale",
    "static",
)


@remembered
def release() -> str:
    """A short fingerprint of the code and files that make the pages (VINDPLEK_RELEASE wins)."""
    if settings.VINDPLEK_RELEASE:
        return settings.VINDPLEK_RELEASE
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for folder in RELEASE_FOLDERS:
        for pattern in RELEASE_FILES:
            for path in sorted((base / folder).rglob(pattern)):
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def page_etag(request) -> str:
    """The ETag of this public page: data version, day, language, host, URL and release."""
    parts = (
        release(),
        str(current_version(request)),
        # "Gegevens mogelijk verouderd" follows the calendar, not only the data.
        timezone.localdate().isoformat(),
        get_language() or "",
        request.scheme,
        request.get_host(),
        request.get_full_path(),
    )
    return '"' + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32] + '"'


def _matches(request, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    wanted = {tag.removeprefix("W/") for tag in parse_etags(header)}
    return "*" in wanted or etag in wanted


def public_page(view):
    """Serve a public page with its ETag and Cache-Control: public; 304 when the ETag matches.

    Only answers with status 200 are marked public: an error or a redirect is not kept.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        etag = page_etag(request)
        if _matches(request, etag):
            response = HttpResponseNotModified()
        else:
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=settings.VINDPLEK_PUBLIC_MAX_AGE)
        # Compressed and plain copies are different bodies for caches on the way.
        patch_vary_headers(response, ("Accept-Encoding",))
        return response

    return wrapper
