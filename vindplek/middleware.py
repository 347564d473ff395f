"""Site-wide middleware: the language from the URL, and the Permissions-Policy header."""

from django.conf import settings
from django.utils import translation

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
