""" "Voelde u zich gesteund?" in beheer: hand out one-time codes, shown large or as printed cards.

A code is made when staff press the button and shown once, on that page only: it is kept only
as a hash (steunpunten/ervaring.py), so nobody can look it up again, and nothing records to
whom it was given. The answers are on the page "Ervaringen" (beheer/ervaringen.py).
"""

from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from steunpunten import ervaring, permissions
from steunpunten.ervaringscijfers import steunpunt_results
from steunpunten.models import Aanbevelen, Ervaring, ErvaringCode, Steunpunt, WeetVerder
from steunpunten.poster import qr_svg

# A printed sheet: 10 cards of 105 × 59.4 mm fill an A4 page (2 columns, 5 rows).
KAARTJES_PER_VEL = 10


@dataclass(frozen=True)
class Kaartje:
    """One code as it is shown or printed: the code in groups, its address and QR code."""

    code: str
    leesbaar: str
    url: str
    korte_url: str
    korte_url_en: str
    qr: SafeString


def code_url(request, code: str) -> str:
    """The full address of the questions for this code (always the Dutch page)."""
    with translation.override("nl"):
        return request.build_absolute_uri(reverse("zoeken:ervaring", args=[code]))


def short_url(request, taal: str = "nl") -> str:
    """The page to type a code, as people write it: host and path, no scheme ("…/ervaring")."""
    with translation.override(taal):
        return request.get_host() + reverse("zoeken:ervaring_start").rstrip("/")


def kaartje(request, code: str) -> Kaartje:
    url = code_url(request, code)
    leesbaar = ervaring.format_code(code)
    label = _("QR-code naar de vragen, voor code %(code)s") % {"code": leesbaar}
    # The SVG is made by segno from the address and our own label: nothing from a visitor.
    qr = mark_safe(qr_svg(url, titel=str(label)))  # noqa: S308
    return Kaartje(code, leesbaar, url, short_url(request), short_url(request, "en"), qr)


class UitgevenForm(forms.Form):
    """Which steunpunt, and one code to show or a sheet of cards to print."""

    steunpunt = forms.ModelChoiceField(
        label=_("Steunpunt"),
        queryset=Steunpunt.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Kies een van uw eigen steunpunten.")},
    )
    soort = forms.ChoiceField(
        choices=[("een", _("Eén code")), ("vel", _("Vel met kaartjes"))],
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["steunpunt"].queryset = permissions.recordable_steunpunten(user).order_by(
            "naam"
        )


class OnePageAdmin(admin.ModelAdmin):
    """A model whose rows nobody opens: its list address is one page of its own, no more.

    Only staff who record for a steunpunt (permissions.recordable_steunpunten) see it.
    """

    def has_module_permission(self, request):
        return permissions.records_for_any_steunpunt(request.user)

    def has_view_permission(self, request, obj=None):
        return obj is None and self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        # Only the list address: no page per row (add, change, delete, history) exists.
        return [url for url in super().get_urls() if url.name and url.name.endswith("changelist")]


@admin.register(ErvaringCode)
class ErvaringCodeAdmin(OnePageAdmin):
    """Not a list of codes (there is nothing to list: only hashes): the page to hand them out."""

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = UitgevenForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            steunpunt = form.cleaned_data["steunpunt"]
            if not permissions.can_hand_out_codes(request.user, steunpunt):
                raise PermissionDenied
            return self.show_codes(request, steunpunt, form.cleaned_data["soort"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Voelde u zich gesteund? Codes uitgeven"),
            "form": form,
            "geldig_dagen": ervaring.GELDIG_DAGEN,
            "per_vel": KAARTJES_PER_VEL,
        }
        return TemplateResponse(request, "admin/steunpunten/ervaringcode/uitgeven.html", context)

    def show_codes(self, request, steunpunt: Steunpunt, soort: str):
        aantal = KAARTJES_PER_VEL if soort == "vel" else 1
        codes = ervaring.codes_create(steunpunt=steunpunt, aantal=aantal)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "steunpunt": steunpunt,
            "kaartjes": [kaartje(request, code) for code in codes],
            "geldig_tot": ervaring.last_day(),
        }
        if soort == "vel":
            context["title"] = _("Vel met %(aantal)d kaartjes") % {"aantal": aantal}
            return TemplateResponse(request, "beheer/ervaring_kaartjes.html", context)
        context["title"] = _("Code voor een ouder of jongere")
        return TemplateResponse(request, "admin/steunpunten/ervaringcode/code.html", context)


class SteunpuntKeuzeForm(forms.Form):
    steunpunt = forms.ModelChoiceField(
        label=_("Steunpunt"), queryset=Steunpunt.objects.none(), empty_label=None
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["steunpunt"].queryset = permissions.recordable_steunpunten(user).order_by(
            "naam"
        )


@admin.register(Ervaring)
class ErvaringAdmin(OnePageAdmin):
    """Not a list of answers: a steunpunt's results per month and quarter, from 10 answers."""

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = SteunpuntKeuzeForm(request.GET or None, user=request.user)
        keuzes = form.fields["steunpunt"].queryset
        steunpunt = form.cleaned_data["steunpunt"] if form.is_valid() else keuzes.first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Voelde u zich gesteund? Antwoorden"),
            "form": form if keuzes.count() > 1 else None,
            "steunpunt": steunpunt,
            "blokken": steunpunt_results(steunpunt, today=timezone.localdate()),
            "weet_verder_keuzes": WeetVerder.labels,
            "aanbevelen_keuzes": Aanbevelen.labels,
        }
        return TemplateResponse(request, "admin/steunpunten/ervaring/antwoorden.html", context)
