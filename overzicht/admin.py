"""Peilingen in the admin: read-only for everyone, recorded with "Peiling vastleggen", exported.

Nobody may change or delete a peiling here (the guards in steunpunten/peilingen.py refuse it
anyway); beheerders and OCW staff may see them, record a new one and download the exports. A beheerder
may withdraw a mistaken peiling: it stays here, marked, and disappears from the public trend,
the comparison and the exports.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from steunpunten.models import Peiling, PeilingRegel
from steunpunten.peilingen import PeilingError, record_peiling, withdraw_peiling
from steunpunten.permissions import can_record_peiling, can_view_everything, can_withdraw_peiling

EXPORT_FORMATS = ("csv", "xlsx", "json")
NOT_DELETED = gettext_lazy(
    "Een peiling wordt nooit verwijderd. Een beheerder kan een verkeerde peiling intrekken: "
    "die blijft hier staan en telt nergens meer mee."
)


def export_links(datum=None) -> list[tuple[str, str]]:
    """(format, URL) of the exports, for now or for the peiling of `datum`."""
    query = f"?{urlencode({'peiling': datum.isoformat()})}" if datum else ""
    return [(fmt.upper(), reverse(f"overzicht:export_{fmt}") + query) for fmt in EXPORT_FORMATS]


class PeilingForm(forms.Form):
    datum = forms.DateField(
        label=gettext_lazy("Peildatum"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    omschrijving = forms.CharField(
        label=gettext_lazy("Omschrijving"), max_length=200, required=False
    )


class IntrekkenForm(forms.Form):
    reden = forms.CharField(
        label=gettext_lazy("Waarom trekt u deze peiling in?"),
        max_length=200,
        error_messages={
            "required": gettext_lazy("Schrijf op waarom de peiling wordt ingetrokken.")
        },
    )


class ReadOnlyMixin:
    """Nothing here can be added, changed or deleted through the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return can_view_everything(request.user)

    def has_module_permission(self, request):
        return can_view_everything(request.user)


class PeilingRegelInline(ReadOnlyMixin, admin.TabularInline):
    model = PeilingRegel
    fields = ["swv_code", "naam", "sector", "provincie", "status", "steunpunten_namen"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    @admin.display(description=gettext_lazy("steunpunten"))
    def steunpunten_namen(self, regel):
        return ", ".join(s.get("naam", "") for s in regel.steunpunten) or "–"


@admin.register(Peiling)
class PeilingAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "datum",
        "omschrijving",
        "dekking",
        "po",
        "vo",
        "aangemaakt",
        "exports",
        "ingetrokken",
    ]
    readonly_fields = [
        "datum",
        "omschrijving",
        "aantal_swv",
        "aantal_met_steunpunt",
        "po_totaal",
        "po_met_steunpunt",
        "vo_totaal",
        "vo_met_steunpunt",
        "aangemaakt",
        "exports",
        "ingetrokken",
    ]
    inlines = [PeilingRegelInline]
    actions = ["compare_selected", "withdraw_selected"]

    @admin.display(description=gettext_lazy("ingetrokken"))
    def ingetrokken(self, peiling):
        if peiling.ingetrokken_op is None:
            return "–"
        return _("op %(datum)s: %(reden)s") % {
            "datum": timezone.localtime(peiling.ingetrokken_op).strftime("%d-%m-%Y"),
            "reden": peiling.reden_intrekking,
        }

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not can_withdraw_peiling(request.user):
            actions.pop("withdraw_selected", None)
        return actions

    @admin.action(description=gettext_lazy("Gekozen peiling intrekken (alleen beheerder)"))
    def withdraw_selected(self, request, queryset):
        chosen = list(queryset[:2])
        if len(chosen) != 1:
            self.message_user(
                request, _("Kies precies één peiling om in te trekken."), messages.WARNING
            )
            return None
        return redirect("admin:steunpunten_peiling_intrekken", chosen[0].pk)

    @admin.display(description=gettext_lazy("met steunpunt"))
    def dekking(self, peiling):
        return f"{peiling.aantal_met_steunpunt}\u00a0/\u00a0{peiling.aantal_swv}"

    @admin.display(description="PO")
    def po(self, peiling):
        if not peiling.per_sector:
            return _("niet bekend")
        return f"{peiling.po_met_steunpunt}\u00a0/\u00a0{peiling.po_totaal}"

    @admin.display(description="VO")
    def vo(self, peiling):
        if not peiling.per_sector:
            return _("niet bekend")
        return f"{peiling.vo_met_steunpunt}\u00a0/\u00a0{peiling.vo_totaal}"

    @admin.display(description=gettext_lazy("exporteren"))
    def exports(self, peiling):
        links = export_links(peiling.datum)
        return format_html(
            " · ".join(['<a href="{}">{}</a>'] * len(links)),
            *[part for label, url in links for part in (url, label)],
        )

    @admin.action(description=gettext_lazy("Vergelijk de twee gekozen peilingen"))
    def compare_selected(self, request, queryset):
        chosen = list(queryset.order_by("datum")[:3])
        if len(chosen) != 2:
            self.message_user(request, _("Kies precies twee peilingen."), messages.WARNING)
            return None
        query = urlencode({"van": chosen[0].datum.isoformat(), "tot": chosen[1].datum.isoformat()})
        return redirect(f"{reverse('overzicht:overzicht')}?{query}#vergelijken")

    def get_urls(self):
        record = self.admin_site.admin_view(self.record_view)
        withdraw = self.admin_site.admin_view(self.withdraw_view)
        return [
            path("vastleggen/", record, name="steunpunten_peiling_vastleggen"),
            path("<int:pk>/intrekken/", withdraw, name="steunpunten_peiling_intrekken"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and request.POST.get("action") == "delete_selected":
            # Never silently nothing: say why, and what can be done instead.
            self.message_user(request, NOT_DELETED, messages.ERROR)
            return redirect("admin:steunpunten_peiling_changelist")
        extra_context = {
            **(extra_context or {}),
            "export_links": export_links(),
            "may_record": can_record_peiling(request.user),
        }
        return super().changelist_view(request, extra_context)

    def record_view(self, request):
        """ "Peiling vastleggen": record today's coverage as a new peiling."""
        if not can_record_peiling(request.user):
            raise PermissionDenied
        form = PeilingForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                peiling = record_peiling(**form.cleaned_data)
            except PeilingError as error:
                form.add_error("datum", str(error))
            else:
                self.message_user(request, _("Peiling vastgelegd: %(p)s.") % {"p": peiling})
                return redirect("admin:steunpunten_peiling_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Peiling vastleggen"),
            "form": form,
        }
        return TemplateResponse(request, "admin/steunpunten/peiling/vastleggen.html", context)

    def withdraw_view(self, request, pk: int):
        """ "Peiling intrekken": a beheerder marks a mistaken peiling, with the reason."""
        if not can_withdraw_peiling(request.user):
            raise PermissionDenied
        peiling = self.get_object(request, str(pk))
        if peiling is None:
            raise Http404(_("Dit onderdeel bestaat niet of u heeft er geen toegang toe."))
        form = IntrekkenForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                withdraw_peiling(
                    peiling=peiling, door=request.user, reden=form.cleaned_data["reden"]
                )
            except PeilingError as error:
                form.add_error("reden", str(error))
            else:
                self.message_user(request, _("Peiling ingetrokken: %(p)s.") % {"p": peiling})
                return redirect("admin:steunpunten_peiling_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Peiling intrekken"),
            "form": form,
            "peiling": peiling,
        }
        return TemplateResponse(request, "admin/steunpunten/peiling/intrekken.html", context)
