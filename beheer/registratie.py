"""The pages where a steunpunt records its work (issue 24): thin views inside the admin's gate.

Contact vastleggen (one submit, then the form again), monthly totals (a form per month or a
file, dry run first), signals per quarter, and the own counts per month and quarter through
the one small-number rule. Who may: permissions.can_record_contacts and friends; a steunpunt
out of reach is a 404, like every object in beheer.
"""

import base64
import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from steunpunten import permissions, registratie, tellingen
from steunpunten.maandtotalen import MaandtotaalImportError, maandtotalen_apply, maandtotalen_plan
from steunpunten.models import (
    MATCH_TOT_STEUN_UITLEG,
    Signaal,
    Steunpunt,
    Thema,
    kwartaal_label,
)

from .registratie_forms import (
    BestandForm,
    ContactForm,
    MaandKeuzeForm,
    MaandtotalenForm,
    SignaalForm,
    month_label,
    month_value,
    parse_month_value,
)

SESSIE = "vindplek_maandtotalen_bestand"
MAX_UPLOAD_BYTES = 1024 * 1024
GEEN_TOEGANG = _("Dit onderdeel bestaat niet of u heeft er geen toegang toe.")


def _today() -> datetime.date:
    return timezone.localdate()


def _steunpunt(request, slug: str) -> Steunpunt:
    """The steunpunt in the URL, when this user records for it; 404 otherwise."""
    return get_object_or_404(permissions.recordable_steunpunten(request.user), slug=slug)


def _context(request, steunpunt: Steunpunt | None, title: str, **extra) -> dict:
    return {
        **admin.site.each_context(request),
        "title": title,
        "steunpunt": steunpunt,
        "match_uitleg": MATCH_TOT_STEUN_UITLEG,
        **extra,
    }


def _render(request, template: str, context: dict, status: int = 200):
    return TemplateResponse(request, f"beheer/registratie/{template}", context, status=status)


def _add_errors(form, error: registratie.RegistratieError) -> None:
    for veld, tekst in error.velden.items():
        form.add_error(veld if veld in form.fields else None, tekst)


@require_http_methods(["GET"])
def kiezen(request):
    """Which steunpunt: straight to recording when the user has just one."""
    steunpunten = list(permissions.recordable_steunpunten(request.user).order_by("naam"))
    if not steunpunten:
        raise PermissionDenied
    if len(steunpunten) == 1:
        return redirect("admin:registratie_contact", slug=steunpunten[0].slug)
    return _render(
        request,
        "kiezen.html",
        _context(request, None, _("Contacten vastleggen"), steunpunten=steunpunten),
    )


@require_http_methods(["GET", "POST"])
def contact(request, slug):
    """Contact vastleggen: one screen, one submit, then the form again for the next contact."""
    steunpunt = _steunpunt(request, slug)
    today = _today()
    form = ContactForm(request.POST or None, today=today)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                registratie.contact_record(
                    steunpunt=steunpunt, today=today, **form.recording_arguments()
                )
            except registratie.RegistratieError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Contact vastgelegd (%(maand)s). U kunt het volgende contact invullen.")
                    % {"maand": month_label(form.recording_arguments()["maand"])},
                )
                return redirect("admin:registratie_contact", slug=steunpunt.slug)
        status = 400
    context = _context(request, steunpunt, _("Contact vastleggen"), form=form)
    return _render(request, "contact.html", context, status=status)


@require_http_methods(["GET", "POST"])
def maandtotalen(request, slug):
    """Monthly totals per theme, typed in for one month."""
    steunpunt = _steunpunt(request, slug)
    today = _today()
    keuze = MaandKeuzeForm(request.GET or None, today=today)
    maand = keuze.chosen(today)
    themas = Thema.objects.filter(actief=True)
    stored = registratie.maandtotalen_of(steunpunt, maand)
    form = MaandtotalenForm(request.POST or None, themas=themas, stored=stored)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                veranderd = registratie.maandtotalen_save(
                    steunpunt=steunpunt, maand=maand, totalen=form.totals(), today=today
                )
            except registratie.RegistratieError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Totalen van %(maand)s opgeslagen: %(n)d thema gewijzigd.",
                        "Totalen van %(maand)s opgeslagen: %(n)d thema's gewijzigd.",
                        veranderd,
                    )
                    % {"maand": month_label(maand), "n": veranderd},
                )
                url = reverse("admin:registratie_maandtotalen", args=[steunpunt.slug])
                return redirect(f"{url}?maand={month_value(maand)}")
        status = 400
    context = _context(
        request,
        steunpunt,
        _("Maandtotalen invullen"),
        keuze=keuze,
        maand=maand,
        form=form,
        bestand_form=BestandForm(),
    )
    return _render(request, "maandtotalen.html", context, status=status)


@require_http_methods(["GET", "POST"])
def maandtotalen_bestand(request, slug):
    """Monthly totals from a file: the dry run first, then all lines or none."""
    steunpunt = _steunpunt(request, slug)
    context = _context(
        request,
        steunpunt,
        _("Maandtotalen uit een bestand"),
        max_kb=MAX_UPLOAD_BYTES // 1024,
        themas_lijst=Thema.objects.filter(actief=True),
    )
    if request.method == "GET":
        request.session.pop(SESSIE, None)
        return _render(request, "bestand.html", {**context, "bestand_form": BestandForm()})
    if request.POST.get("toepassen"):
        return _apply_file(request, steunpunt, context)
    form = BestandForm(request.POST, request.FILES)
    context["bestand_form"] = form
    if not form.is_valid():
        return _render(request, "bestand.html", context, status=400)
    upload = form.cleaned_data["bestand"]
    if upload.size > MAX_UPLOAD_BYTES:
        form.add_error("bestand", _("Het bestand is te groot (meer dan 1 MB)."))
        return _render(request, "bestand.html", context, status=400)
    data = upload.read()
    plan = maandtotalen_plan(data, filename=upload.name, steunpunt=steunpunt, today=_today())
    request.session[SESSIE] = {
        "steunpunt": steunpunt.pk,
        "naam": upload.name[:200],
        "data": base64.b64encode(data).decode("ascii"),
    }
    return _render(request, "bestand.html", {**context, "plan": plan})


def _apply_file(request, steunpunt, context):
    stored = request.session.get(SESSIE)
    if not isinstance(stored, dict) or stored.get("steunpunt") != steunpunt.pk:
        context.update(bestand_form=BestandForm(), fout=_("Kies het bestand opnieuw."))
        return _render(request, "bestand.html", context, status=400)
    data = base64.b64decode(stored["data"])
    plan = maandtotalen_plan(data, filename=stored["naam"], steunpunt=steunpunt, today=_today())
    try:
        veranderd = maandtotalen_apply(plan, steunpunt=steunpunt)
    except MaandtotaalImportError as error:
        context.update(plan=plan, fout=str(error), bestand_form=BestandForm())
        return _render(request, "bestand.html", context, status=400)
    request.session.pop(SESSIE, None)
    messages.success(
        request,
        ngettext(
            "Opgeslagen: %(n)d regel veranderde (%(samenvatting)s).",
            "Opgeslagen: %(n)d regels veranderden (%(samenvatting)s).",
            veranderd,
        )
        % {"n": veranderd, "samenvatting": plan.samenvatting()},
    )
    return redirect("admin:registratie_cijfers", slug=steunpunt.slug)


@require_http_methods(["GET", "POST"])
def signalen(request, slug):
    """Per quarter, themes marked as a signal to the SWV, each with an optional pattern note."""
    steunpunt = _steunpunt(request, slug)
    today = _today()
    if request.method == "POST" and request.POST.get("intrekken"):
        try:
            pk = int(request.POST["intrekken"])
        except ValueError:
            raise Http404(GEEN_TOEGANG) from None
        if registratie.signaal_withdraw(steunpunt=steunpunt, pk=pk):
            messages.success(request, _("Het signaal is ingetrokken."))
        return redirect("admin:registratie_signalen", slug=steunpunt.slug)
    form = SignaalForm(request.POST or None, today=today)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                signaal = registratie.signaal_save(
                    steunpunt=steunpunt,
                    kwartaal=form.quarter(),
                    thema=form.cleaned_data["thema"],
                    toelichting=form.cleaned_data["toelichting"],
                )
            except registratie.RegistratieError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Signaal doorgegeven aan uw samenwerkingsverband: %(signaal)s.")
                    % {"signaal": signaal},
                )
                return redirect("admin:registratie_signalen", slug=steunpunt.slug)
        status = 400
    lijst = Signaal.objects.filter(steunpunt=steunpunt).select_related("thema")[:40]
    context = _context(request, steunpunt, _("Signalen aan het samenwerkingsverband"), form=form)
    return _render(request, "signalen.html", {**context, "signalen": lijst}, status=status)


def _quarter(request) -> datetime.date:
    value = request.GET.get("kwartaal", "")
    try:
        kwartaal = parse_month_value(value)
    except ValueError:
        kwartaal = _today()
    return tellingen.this_quarter(min(kwartaal, _today()))


def _counts_context(request, overzicht, **extra) -> dict:
    kwartaal = overzicht.kwartaal
    volgende = tellingen.next_quarter(kwartaal)
    return {
        "overzicht": overzicht,
        "kwartaal_label": kwartaal_label(kwartaal),
        "vorige": month_value(tellingen.previous_quarter(kwartaal)),
        "volgende": month_value(volgende) if volgende <= _today() else None,
        **extra,
    }


@require_http_methods(["GET"])
def cijfers(request, slug):
    """The steunpunt's own counts for a quarter, per month (small numbers hidden)."""
    steunpunt = get_object_or_404(permissions.recordable_steunpunten(request.user), slug=slug)
    if not permissions.can_view_counts(request.user, steunpunt):
        raise Http404(GEEN_TOEGANG)
    overzicht = tellingen.steunpunt_overview(steunpunt, _quarter(request))
    context = _context(request, steunpunt, _("Cijfers van %(naam)s") % {"naam": steunpunt.naam})
    return _render(request, "cijfers.html", {**context, **_counts_context(request, overzicht)})


@require_http_methods(["GET"])
def swv_cijfers(request, code):
    """A SWV's counts for a quarter, over the steunpunten that serve it (small numbers hidden)."""
    swv = get_object_or_404(permissions.swvs_with_visible_counts(request.user), code=code.upper())
    overzicht = tellingen.swv_overview(swv, _quarter(request))
    signalen_lijst = (
        permissions.visible_signalen(request.user)
        .filter(steunpunt__samenwerkingsverbanden=swv, kwartaal=overzicht.kwartaal)
        .select_related("thema", "steunpunt")
    )
    context = _context(request, None, _("Cijfers van %(naam)s") % {"naam": swv.naam}, swv=swv)
    extra = _counts_context(request, overzicht, signalen=signalen_lijst)
    return _render(request, "cijfers.html", {**context, **extra})


def urls(site) -> list:
    """The recording pages, behind the admin's own gate (staff, second factor)."""
    view = site.admin_view
    return [
        path("registratie/", view(kiezen), name="registratie"),
        path("registratie/<slug:slug>/contact/", view(contact), name="registratie_contact"),
        path(
            "registratie/<slug:slug>/maandtotalen/",
            view(maandtotalen),
            name="registratie_maandtotalen",
        ),
        path(
            "registratie/<slug:slug>/maandtotalen/bestand/",
            view(maandtotalen_bestand),
            name="registratie_bestand",
        ),
        path("registratie/<slug:slug>/signalen/", view(signalen), name="registratie_signalen"),
        path("registratie/<slug:slug>/cijfers/", view(cijfers), name="registratie_cijfers"),
        path("registratie/swv/<str:code>/cijfers/", view(swv_cijfers), name="registratie_swv"),
    ]
