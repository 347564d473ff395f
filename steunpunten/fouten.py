"""Error answers: JSON (`{"fout": "…"}`) for the API, the site's own pages for everything else.

Django's error handlers (vindplek/urls.py) come here, so that a client of /api/v1/ never gets
an HTML page, whatever went wrong: a bad request, an unknown address, a wrong method, a crash.
"""

import re

from django.core.exceptions import DisallowedHost
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views import csrf, defaults

API_PATH = re.compile(r"^/(?:[a-z]{2}/)?api/(?:v\d+|hsds)/")


def fout(message, status: int) -> JsonResponse:
    """The API's error answer: {"fout": message} with this status."""
    return JsonResponse({"fout": str(message)}, status=status)


def is_api(request) -> bool:
    return bool(API_PATH.match(request.path_info))


def method_not_allowed(request, allowed: list[str]) -> JsonResponse:
    response = fout(
        _("Dit kan hier niet met %(methode)s. Gebruik GET.") % {"methode": request.method[:10]}, 405
    )
    response["Allow"] = ", ".join(allowed)
    return response


def bad_request(request, exception=None):
    if is_api(request):
        return fout(_("Dit verzoek kunnen we niet lezen."), 400)
    if isinstance(exception, DisallowedHost):
        return unknown_host(request)
    return defaults.bad_request(request, exception)


def unknown_host(request) -> HttpResponseBadRequest:
    """A Host header outside ALLOWED_HOSTS: a plain 400 that builds nothing from that host.

    The site's error page would link its pages in both languages from the host it was asked
    for, which is what Django refuses to trust here (so the page itself failed with a 500).
    """
    return HttpResponseBadRequest(
        _("Deze website is niet bereikbaar onder dit adres.") + "\n",
        content_type="text/plain; charset=utf-8",
    )


def page_not_found(request, exception=None):
    if is_api(request):
        return fout(_("Dit adres bestaat niet in de API. Op /api/ staat wat er is."), 404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_api(request):
        return fout(_("Er ging iets mis bij ons. Probeer het later nog eens."), 500)
    return defaults.server_error(request)


def csrf_failure(request, reason: str = ""):
    """A refused CSRF check: JSON for the API like its other errors, the usual page elsewhere."""
    if is_api(request):
        return fout(
            _("Dit verzoek is geweigerd: het kwam niet van een formulier van deze site."), 403
        )
    return csrf.csrf_failure(request, reason)
