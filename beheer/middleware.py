"""Middleware of the admin, named by string in settings: staff sessions end when idle too long or
too old (sessies.py); the admin's pages are gzip-compressed, except those with a second-factor
secret."""

from django.conf import settings
from django.contrib import auth, messages
from django.middleware.gzip import GZipMiddleware
from django.utils.translation import gettext as _

from .sessies import session_expired, session_touch


class StaffSessionTimeoutMiddleware:
    """A logged-in session ends when idle too long or too old (beheer/sessies.py).

    Requests without a session cookie (every public visitor) pass untouched: reading the session
    would add `Vary: Cookie` to public pages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        has_cookie = settings.SESSION_COOKIE_NAME in request.COOKIES
        if has_cookie and request.user.is_authenticated and session_expired(request.session):
            auth.logout(request)
            messages.info(
                request, _("U bent uitgelogd omdat de sessie verlopen is. Log opnieuw in.")
            )
        response = self.get_response(request)
        # A cookie, or a session just written (a login): only then is there a user to look at.
        if (has_cookie or request.session.modified) and request.user.is_authenticated:
            session_touch(request.session)
        return response


# The set-up page shows the new TOTP key, the backup-code page the codes: never compressed, so
# no compression side channel (BREACH) can be aimed at them. Elsewhere the admin's only secret
# in a page is the CSRF token, which Django masks anew in every response, and Django's gzip
# adds random padding to every compressed response (since 4.2).
NIET_COMPRIMEREN = ("/beheer/tweede-factor/",)


class BeheerGZipMiddleware(GZipMiddleware):
    """Compress HTML and JSON of /beheer/ like the public pages (Lighthouse: text compression)."""

    def process_response(self, request, response):
        path = request.path
        if not path.startswith("/beheer/") or path.startswith(NIET_COMPRIMEREN):
            return response
        return super().process_response(request, response)
