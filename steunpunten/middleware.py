"""Site-wide middleware: NUL bytes refused, the language from the URL, gzip for public pages,
Permissions-Policy."""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import cc_delim_re
from django.utils.translation import gettext as _

from .fouten import fout, is_api

# No page uses a camera, microphone, location or payment: say so, for every response.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


class TaalUitUrlMiddleware:
    """The language is the URL's: /en/… is English, every other URL Dutch.

    Unlike Django's LocaleMiddleware it never reads a cookie, a session or Accept-Language, so
    a Dutch URL answers in Dutch on an English phone, and no response varies on Accept-Language
    (a shared cache can store one copy per URL).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info)
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class PermissionsPolicyMiddleware:
    """Every response says that the site uses no powerful browser feature."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def has_nul_byte(request) -> bool:
    """True when a name or value of the query string holds a NUL byte."""
    return any(
        "\x00" in name or any("\x00" in value for value in values)
        for name, values in request.GET.lists()
    )


class RejectNulBytesMiddleware:
    """A NUL byte in any query parameter is a bad request (400), on every URL and database.

    PostgreSQL refuses NUL in text and SQLite stores it: without this check an admin filter
    (`?status__exact=%00`) or an autocomplete `term` gave a 500 on one database and not on the
    other. Form fields refuse NUL already (Django's ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul_byte(request):
            return nul_byte_response(request)
        return self.get_response(request)


def nul_byte_response(request):
    """400 in Dutch (or English under /en/): JSON for the API, the error page elsewhere."""
    melding = _(
        "In het adres van deze pagina staat een teken dat daar niet kan staan (een nul-teken). "
        "Typ uw vraag opnieuw."
    )
    if is_api(request):
        return fout(melding, 400)
    return render(request, "400.html", {"melding": melding}, status=400)


class PublicGZipMiddleware(GZipMiddleware):
    """Gzip for responses marked Cache-Control: public (http.py), and only those."""

    def process_response(self, request, response):
        directives = {
            d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        if "public" not in directives:
            return response
        return super().process_response(request, response)
