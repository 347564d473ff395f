"""Public pages. Thin: each view asks a domain module and renders."""

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .coverage import with_coverage
from .models import Steunpunt
from .regio import PROVINCIE_CHOICES


@require_GET
def home(request):
    swvs = with_coverage().order_by("provincie", "code")
    provincies = [
        (slug, name, [swv for swv in swvs if swv.provincie == slug])
        for slug, name in PROVINCIE_CHOICES
    ]
    return render(request, "steunpunten/home.html", {"provincies": provincies})


@require_GET
def steunpunt_detail(request, slug):
    steunpunt = get_object_or_404(Steunpunt.objects.published(), slug=slug)
    return render(request, "steunpunten/steunpunt_detail.html", {"steunpunt": steunpunt})


@require_GET
def samenwerkingsverband_detail(request, code):
    swv = get_object_or_404(with_coverage(), code=code.upper())
    return render(request, "steunpunten/samenwerkingsverband_detail.html", {"swv": swv})


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not. Says nothing else."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
