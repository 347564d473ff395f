"""The national picture: the public /overzicht/ page and the OCW exports. Thin edges."""

import datetime

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from steunpunten.cache import get_or_compute
from steunpunten.coverage import listing_overview, overview
from steunpunten.http import public_page
from steunpunten.models import MATCH_TOT_STEUN_UITLEG, Peiling, first_of_quarter
from steunpunten.monitor import build_monitor, national_rows, quarters_until
from steunpunten.peilingen import NU, PeilingError, compare, find_peiling, stand_for
from steunpunten.permissions import can_export, passes_staff_gate
from steunpunten.regio import Sector

from .exports import FORMATEN, build_dekkingslijst, export_xlsx
from .grafiek import monitor_charts
from .hsds_export import bestandsnaam, export_hsds_zip
from .kaart import overview_page


def sees_exports(request) -> bool:
    """True for a logged-in OCW member or beheerder, whose page links the exports."""
    # A visitor has no session cookie: no session or user is read for them.
    return bool(request.COOKIES.get(settings.SESSION_COOKIE_NAME) and can_export(request.user))


@require_safe
@public_page(personal=sees_exports)
def overzicht(request):
    meldingen = []
    sector = request.GET.get("sector", Sector.PO).strip().upper()
    if sector not in Sector.values:
        meldingen.append(_("Kies PO of VO. We tonen nu het primair onderwijs."))
        sector = Sector.PO
    nu = overview()
    context = {"nu": nu, "meldingen": meldingen, **overview_page(sector, nu, request)}
    # Beside the coverage: what Vindplek lists now, by where its data comes from.
    vermeld = listing_overview()
    context["vermeld"] = vermeld
    context["vermeld_rijen"] = [
        (f"{Sector.PO.label} (PO)", vermeld.po),
        (f"{Sector.VO.label} (VO)", vermeld.vo),
        (_("Samen"), vermeld.alle),
    ]
    # Logged-in OCW staff and beheerders find their exports here too.
    context["kan_exporteren"] = sees_exports(request)
    # What the steunpunten record and hear: national totals per quarter only.
    # Cached per data version, which every recorded contact and answer moves on.
    kwartalen = quarters_until(first_of_quarter(timezone.localdate()), aantal=4)
    werk = get_or_compute(
        "overzicht-werk",
        kwartalen[-1].isoformat(),
        lambda: national_rows(kwartalen),
        request=request,
    )
    context |= {"werk": werk, "match_uitleg": MATCH_TOT_STEUN_UITLEG}
    context.update(_comparison(request, meldingen))
    return render(request, "overzicht/overzicht.html", context)


def _comparison(request, meldingen: list) -> dict:
    peilingen = list(Peiling.objects.not_withdrawn().order_by("-datum"))
    if not peilingen:
        return {"peilingen": []}
    van = request.GET.get("van") or peilingen[0].datum.isoformat()
    tot = request.GET.get("tot") or NU
    try:
        vergelijking = compare(stand_for(van), stand_for(tot))
    except PeilingError as error:
        meldingen.append(str(error))
        van, tot = peilingen[0].datum.isoformat(), NU
        vergelijking = compare(stand_for(van), stand_for(tot))
    return {"peilingen": peilingen, "van": van, "tot": tot, "vergelijking": vergelijking}


def _export_gate(request):
    """None for OCW staff and beheerders; else the login (with the second factor) or a 403."""
    if not passes_staff_gate(request.user):
        # Like the admin: log in (again), with the second factor.
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not can_export(request.user):
        raise PermissionDenied
    return None


@never_cache
@require_safe
def export(request, formaat: str):
    """The coverage list as a file, for OCW staff and beheerders only."""
    if refused := _export_gate(request):
        return refused
    peiling = None
    if request.GET.get("peiling"):
        try:
            peiling = find_peiling(request.GET["peiling"])
        except PeilingError as error:
            return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    lijst = build_dekkingslijst(basis_url=request.build_absolute_uri("/"), peiling=peiling)
    writer, content_type = FORMATEN[formaat]
    if formaat == "xlsx":  # the workbook also holds the monitor's sheets
        inhoud = export_xlsx(lijst, build_monitor(today=timezone.localdate()))
    else:
        inhoud = writer(lijst)
    response = HttpResponse(inhoud, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{lijst.bestandsnaam}.{formaat}"'
    return response


@never_cache
@require_safe
def export_hsds(request):
    """Every SWV and published steunpunt as HSDS 3.0 tables (a zip of CSV files), for OCW."""
    if refused := _export_gate(request):
        return refused
    data = export_hsds_zip(basis_url=request.build_absolute_uri("/"))
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam()}"'
    return response


def _chosen_quarter(request, meldingen: list):
    """The quarter of ?kwartaal=2026-10-01, None when absent; a wrong one gets a message."""
    text = request.GET.get("kwartaal", "").strip()
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        meldingen.append(_("Dit kwartaal kennen we niet. We tonen het laatste kwartaal."))
        return None


@never_cache
@require_safe
def monitor(request):
    """OCW's monitor: contacts, matches tot steun, themes, signals and feedback per quarter."""
    if refused := _export_gate(request):
        return refused
    meldingen: list[str] = []
    kwartaal = _chosen_quarter(request, meldingen)
    gegevens = build_monitor(today=timezone.localdate(), kwartaal=kwartaal)
    if kwartaal is not None and kwartaal != gegevens.gekozen:
        meldingen.append(_("Dit kwartaal kennen we niet. We tonen het laatste kwartaal."))
    context = {
        "monitor": gegevens,
        "grafieken": monitor_charts(gegevens),
        "meldingen": meldingen,
        "match_uitleg": MATCH_TOT_STEUN_UITLEG,
    }
    return render(request, "overzicht/monitor.html", context)
