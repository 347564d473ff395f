"""Whole public pages from the cache, keyed by data version, language and the exact URL.

A public page such as a search answer is the same for every visitor who asks the same URL in the
same language at the same data version, with one exception: the CSRF token of the language
switch in the page header. So the page is rendered once with a placeholder where the token goes,
stored, and every visitor gets the stored page with their own token put in its place (and their
CSRF cookie set, as `get_token` asks the middleware to). The data version (cache.py) moves on with
every edit, so an edit still shows on the very next request.

Only answers with status 200 to plain URLs are stored: no parameters beyond the ones the page
knows, each once, with a value the view accepts as it stands (`storable`), and never a URL that
holds the placeholder itself. So made-up parameters, junk filter values or unknown queries
cannot fill the cache; different spellings of a real postcode or place still get a page each.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from . import cache

# Letters only: the {% csrf_token %} tag escapes its value, and letters come through unchanged.
CSRF_PLACEHOLDER = "vindplekCSRFtokenPlaatshouder"
NAMESPACE = "pagina"


def page_key(
    request: HttpRequest, known_parameters: frozenset[str], storable: bool = True
) -> str | None:
    """The cache key of this request's page, or None when the request must not be stored."""
    if not storable or request.method != "GET" or not set(request.GET) <= known_parameters:
        return None
    if any(len(values) > 1 for _name, values in request.GET.lists()):
        return None
    url = request.get_full_path()
    if CSRF_PLACEHOLDER.lower() in url.lower():
        return None
    return cache.make_key(NAMESPACE, f"{get_language()}|{url}", cache.current_version(request))


def serve(
    request: HttpRequest,
    render_page: Callable[[dict], HttpResponse],
    known_parameters: frozenset[str],
    storable: bool = True,
) -> HttpResponse:
    """The stored page for this request, or `render_page(extra_context)` stored for the next one.

    `render_page` gets extra template context to pass on: it puts the placeholder in place of
    the CSRF token, so that the rendered page holds nobody's token.
    """
    key = page_key(request, known_parameters, storable)
    if key is None:
        return render_page({})
    stored = cache.read(key)
    if stored is None:
        response = render_page({"csrf_token": CSRF_PLACEHOLDER})
        if response.status_code == 200:
            cache.write(key, (response.content, response["Content-Type"]))
        return _with_token(request, response.content, response)
    content, content_type = stored
    return _with_token(request, content, HttpResponse(content_type=content_type))


def _with_token(request: HttpRequest, content: bytes, response: HttpResponse) -> HttpResponse:
    """The response with this visitor's own CSRF token where the placeholder stands."""
    placeholder = CSRF_PLACEHOLDER.encode("ascii")
    if placeholder in content:
        content = content.replace(placeholder, get_token(request).encode("ascii"))
    response.content = content
    return response
