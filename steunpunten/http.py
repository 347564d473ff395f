"""HTTP caching of public pages: an ETag from the data version, and Cache-Control: public.

A public page is the same for every visitor (no cookie, no CSRF token: tests assert it), so a
browser, a reverse proxy or a CDN in front of several servers may keep it. Its ETag is derived
from what the page depends on: the data version (cache.py, raised by every edit), the day, the
language, the host and the full URL, and the release (settings.VINDPLEK_RELEASE: the
environment's release name, else the package version). Django's `condition()` answers a
matching If-None-Match with 304 after one query (the data version) and no rendering; an edit
changes the ETag for the very next request.
"""

import hashlib
import math
from collections.abc import Callable
from functools import wraps

from csp.decorators import csp_replace
from django.conf import settings
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import condition

from .bereikbaarheid import huidig_tijdvenster
from .cache import current_version
from .indexen import served_from_old_index

# Only these are kept by caches: a page, or "not modified" for one. An error or a redirect is not.
KEPT_STATUSES = (200, 304)


def page_etag(request, *args, variant: str = "", **kwargs) -> str:
    """The ETag of this public page: release, data version, day, language, host and URL (and
    the variant of a page that differs for a logged-in staff member)."""
    parts = (
        settings.VINDPLEK_RELEASE,
        str(current_version(request)),
        # "Gegevens mogelijk verouderd" follows the calendar, not only the data.
        timezone.localdate().isoformat(),
        # "Nu bereikbaar tot 12.30 uur" follows the clock: the window in which no such sentence
        # changes (bereikbaarheid.tijdvenster) starts anew at every slot edge and at midnight.
        huidig_tijdvenster(request)[0].isoformat(),
        get_language() or "",
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        variant,
    )
    return '"' + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32] + '"'


def max_age(request) -> int:
    """settings.VINDPLEK_PUBLIC_MAX_AGE, but never past the moment a "Nu bereikbaar" sentence
    may change (the end of bereikbaarheid.tijdvenster): a cache then asks again."""
    eind = huidig_tijdvenster(request)[1]
    over = math.ceil((eind - timezone.now()).total_seconds())
    return max(0, min(settings.VINDPLEK_PUBLIC_MAX_AGE, over))


def asks_for_any(request) -> bool:
    """True for `If-None-Match: *`: "any version you have", which says nothing of this one."""
    return "*" in parse_etags(request.headers.get("If-None-Match", ""))


def public_page(view=None, *, personal: Callable[[HttpRequest], bool] | None = None):
    """Serve a public page with its ETag (Django's `condition()`: 304 when it matches) and
    Cache-Control: public, max-age.

    Django's `cache_control()` decorator would mark every answer public, an error page too; so
    the same header (`patch_cache_control`, which that decorator calls) goes only on a page or
    its 304, and an error or a redirect loses the ETag that `condition()` gave it.

    `personal(request)` says when the page differs for this visitor (a logged-in OCW member sees
    export links): that page gets an ETag of its own and `private, no-cache`, so no shared cache
    keeps it and neither copy passes for the other when a browser asks again. The public copy
    does not vary on Cookie, so caches keep one copy for every visitor.
    """
    if view is None:
        return lambda view: public_page(view, personal=personal)

    def etag(request, *args, **kwargs) -> str:
        variant = "persoonlijk" if personal and personal(request) else ""
        return page_etag(request, variant=variant)

    conditional = condition(etag_func=etag)(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if asks_for_any(request):
            # Only a page that exists matches "*": a URL that would be a 400 or a 404 says so.
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                response = HttpResponseNotModified()
                response["ETag"] = etag(request, *args, **kwargs)
        else:
            response = conditional(request, *args, **kwargs)
        if response.status_code not in KEPT_STATUSES:
            if response.has_header("ETag"):
                del response["ETag"]
            return response
        if served_from_old_index():
            # Made from an index older than the data version (indexen.py): the ETag would stand
            # for the new data, so it goes, and no cache keeps this copy.
            if response.has_header("ETag"):
                del response["ETag"]
            patch_cache_control(response, private=True, no_cache=True)
        elif personal is not None and personal(request):
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=max_age(request))
        # Compressed and plain copies are different bodies for caches on the way.
        patch_vary_headers(response, ("Accept-Encoding",))
        return response

    # It answers GET and HEAD only and changes nothing, so there is nothing for a CSRF check to
    # guard: a POST gets 405 with Allow (above), not the CSRF check's 403.
    wrapper.csrf_exempt = True
    return wrapper


def framable(view):
    """Any website may show this page in a frame (the embed pages for schools, and only those).

    Every other response keeps `frame-ancestors 'none'` and `X-Frame-Options: DENY` (settings).
    """
    return xframe_options_exempt(csp_replace({"frame-ancestors": ["*"]})(view))
