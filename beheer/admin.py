"""The Django admin ("beheer") at /beheer/. Thin: who may do what is decided in permissions.py.

Every path is scoped on the server: the querysets (change list, autocomplete, raw-id popups,
bulk actions) and every object URL (change, delete, history) only reach what the user may see;
another SWV's object gives 404. Django's model permissions from the role groups apply as well.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, models, router, transaction
from django.db.models import Count
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from steunpunten import freshness, permissions
from steunpunten.models import (
    BereikbaarheidStatus,
    Melding,
    Postcodegebied,
    Samenwerkingsverband,
    Schoolvakantie,
    Steunpunt,
    VakantieRegio,
)

from . import (
    accounts,  # noqa: F401  (registers users, groups and SWV links)
    editing,
    ervaringscodes,  # noqa: F401  (registers the page that hands out feedback codes)
    meldingen,
    steunpunt_import,
    themas,  # noqa: F401  (registers the national list of themes)
    tijden,
)
from .forms import URL_FORMFIELD, SteunpuntForm, SwvContactForm


class ScopedObjectMixin:
    """Object URLs outside the user's queryset give 404, never a redirect or the object.

    The change view's 404 for a missing object comes from the site (site.MissingObjectIs404).
    """

    def require_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("Dit onderdeel bestaat niet of u heeft er geen toegang toe."))
        return obj

    def delete_view(self, request, object_id, extra_context=None):
        self.require_object(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def require_history(self, request, object_id) -> None:
        """The object is in scope; a beheerder may also read the history of a deleted one."""
        if self.get_object(request, unquote(object_id)) is not None:
            return
        if permissions.is_beheerder(request.user):
            try:
                self.model._meta.pk.to_python(unquote(object_id))
                return
            except ValidationError:
                pass
        raise Http404(_("Dit onderdeel bestaat niet of u heeft er geen toegang toe."))

    def history_view(self, request, object_id, extra_context=None):
        self.require_history(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # An old version is shown, never saved back: that would bypass the checks of the form.
        if request.method != "GET":
            raise PermissionDenied
        if not str(version_id).isdigit():
            raise Http404
        self.require_history(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class VerouderdFilter(admin.SimpleListFilter):
    title = _("actualiteit")
    parameter_name = "verouderd"

    def lookups(self, request, model_admin):
        return [("ja", _("mogelijk verouderd")), ("nee", _("recent gecontroleerd"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return freshness.stale(queryset)
        if self.value() == "nee":
            return queryset.exclude(freshness.stale_q())
        return queryset


@admin.register(Samenwerkingsverband)
class SamenwerkingsverbandAdmin(ScopedObjectMixin, SimpleHistoryAdmin):
    form = SwvContactForm
    formfield_overrides = {models.URLField: URL_FORMFIELD}
    list_display = ["code", "naam", "sector", "provincie", "aantal_steunpunten"]
    list_filter = ["sector", "provincie"]
    search_fields = ["code", "naam"]
    ordering = ["code"]  # also for the autocomplete, which pages its answers

    def get_queryset(self, request):
        qs = super().get_queryset(request).annotate(aantal=Count("steunpunten"))
        return qs.filter(pk__in=permissions.visible_swvs(request.user).values("pk"))

    @admin.display(description=_("steunpunten"), ordering="aantal")
    def aantal_steunpunten(self, obj) -> int:
        return obj.aantal

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["sector", "provincie"]
        if permissions.is_beheerder(request.user):
            return ["code", "sector", "provincie"]
        editable = set(permissions.SWV_CONTACTVELDEN)
        return [f.name for f in self.model._meta.fields if f.name not in editable]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.is_beheerder(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return permissions.own_swv_ids(request.user) != frozenset()
        return permissions.can_change_swv(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and permissions.is_beheerder(
            request.user
        )

    def save_model(self, request, obj, form, change):
        editing.swv_save(user=request.user, swv=obj)

    def delete_model(self, request, obj):
        editing.reference_delete(user=request.user, obj=obj)

    def delete_queryset(self, request, queryset):
        for swv in queryset:
            editing.reference_delete(user=request.user, obj=swv)


@admin.action(permissions=["change"], description=_("Gegevens gecontroleerd (vandaag)"))
def markeer_gecontroleerd(modeladmin, request, queryset):
    # "Alles klopt nog" for each: the same service, its rights, lock and rules (editing.py).
    count, refused = editing.steunpunten_confirm_checked(user=request.user, steunpunten=queryset)
    for steunpunt, error in refused:
        modeladmin.message_user(
            request,
            _("%(naam)s is niet gemarkeerd: %(reden)s") % {"naam": steunpunt, "reden": error},
            messages.ERROR,
        )
    if not count:
        return
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d steunpunt is gemarkeerd als gecontroleerd.",
            "%(count)d steunpunten zijn gemarkeerd als gecontroleerd.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


@admin.register(Steunpunt)
class SteunpuntAdmin(ScopedObjectMixin, SimpleHistoryAdmin):
    form = SteunpuntForm
    formfield_overrides = {models.URLField: URL_FORMFIELD}
    list_display = [
        "naam",
        "swv_codes",
        "status",
        "gepubliceerd",
        "herkomst",
        "gecontroleerd_op",
        "verouderd",
    ]
    list_filter = ["status", "gepubliceerd", "herkomst", VerouderdFilter]
    search_fields = ["naam", "plaats", "samenwerkingsverbanden__code"]
    autocomplete_fields = ["samenwerkingsverbanden"]
    actions = [markeer_gecontroleerd]
    # Grouped the way a person thinks about their steunpunt: who, for whom, how to reach,
    # when, where, and how it shows on the site.
    fieldsets = [
        (_("Het steunpunt"), {"fields": ["naam", "samenwerkingsverbanden", "aanbod"]}),
        (
            _("Voor wie"),
            {
                "fields": [
                    "voor_ouders",
                    "voor_jongeren",
                    "voor_po",
                    "voor_vo",
                    "talen",
                    "ervaringsdeskundigen",
                ]
            },
        ),
        (_("Hoe bereikbaar"), {"fields": ["telefoon", "email", "website", "contactformulier"]}),
        (
            _("Wanneer"),
            {
                "fields": ["telefonisch_bereikbaar", "inloopspreekuur"],
                "description": _(
                    "De tijden staan nu in een tabel: gebruik de knop “Tijden, sluitingen en "
                    "bereikbaarheid bewerken” bovenaan. Deze tekst blijft alleen staan als "
                    "Vindplek hem niet zeker kon lezen."
                ),
            },
        ),
        (
            _("Waar"),
            {
                "fields": [
                    "alleen_online",
                    "straat",
                    "huisnummer",
                    "postcode",
                    "plaats",
                    "lat",
                    "lon",
                    "locatie_precisie",
                ]
            },
        ),
        (
            _("Op de site"),
            {
                "fields": [
                    "status",
                    "gepubliceerd",
                    "herkomst",
                    "bron_url",
                    "gecontroleerd_op",
                    "slug",
                ]
            },
        ),
        (None, {"fields": ["versie_bij_openen"]}),
    ]

    def get_queryset(self, request):
        qs = super().get_queryset(request).prefetch_related("samenwerkingsverbanden")
        return qs.filter(pk__in=permissions.visible_steunpunten(request.user).values("pk"))

    def get_object(self, request, object_id, from_field=None):
        connection = connections[router.db_for_write(self.model)]
        if from_field or request.method != "POST" or not connection.in_atomic_block:
            return super().get_object(request, object_id, from_field)
        # A save runs in the admin's transaction: the row stays locked until it ends, so the
        # version the form compares with is still the stored one when the edit service saves.
        try:
            pk = self.model._meta.pk.to_python(object_id)
        except ValidationError:
            return None
        return editing.steunpunt_for_edit(queryset=self.get_queryset(request), pk=pk)

    @admin.display(description=_("samenwerkingsverbanden"))
    def swv_codes(self, obj) -> str:
        return ", ".join(swv.code for swv in obj.samenwerkingsverbanden.all())

    @admin.display(description=_("mogelijk verouderd"), boolean=True)
    def verouderd(self, obj) -> bool:
        return obj.mogelijk_verouderd

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.edit_user = request.user  # the edit service's rules show beside the input
        field = form.base_fields.get("samenwerkingsverbanden")
        others = permissions.other_swvs(request.user, obj) if obj is not None else []
        if field is not None and others:
            # The form class is made per request, so this text is for this user and object only.
            field.help_text = _(
                "Dit steunpunt werkt ook voor: %(swvs)s. Die koppeling blijft. Haalt u al uw "
                "eigen samenwerkingsverbanden weg, dan verdwijnt het steunpunt uit uw lijst."
            ) % {"swvs": ", ".join(str(swv) for swv in others)}
            field.required = False
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.voorbeeld and not permissions.is_beheerder(request.user):
            # Staff turn a demo record into their real steunpunt here (a beheerder has `herkomst`).
            fieldsets = [(_("Voorbeeldgegevens"), {"fields": ["echte_gegevens"]}), *fieldsets]
        protected = set(permissions.protected_fields(request.user, obj)) if obj else set()
        if not protected:
            return fieldsets
        # Say why the fields are read-only, in the fieldsets that hold them.
        reason = format_html(
            "{}", editing.withdrawal_message(permissions.other_swvs(request.user, obj))
        )
        return [
            (name, {**options, "description": reason})
            if protected & set(options.get("fields", ()))
            else (name, options)
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = ["lat", "lon", "locatie_precisie"]
        if not permissions.is_beheerder(request.user):
            fields.extend(["herkomst", "bron_url"])
            if obj is not None:
                fields.append("slug")
                fields.extend(permissions.protected_fields(request.user, obj))
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ["naam"]} if obj is None else {}

    def get_autocomplete_fields(self, request):
        # Staff have a few SWVs: plain checkboxes, labelled and usable without a search box.
        return self.autocomplete_fields if permissions.is_beheerder(request.user) else []

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "samenwerkingsverbanden":
            kwargs["queryset"] = permissions.editable_swvs(request.user)
            if not permissions.is_beheerder(request.user):
                kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.can_add_steunpunt(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return permissions.can_edit_steunpunten(request.user)
        return permissions.can_change_steunpunt(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None:
            return permissions.can_edit_steunpunten(request.user)
        return permissions.can_delete_steunpunt(request.user, obj)

    def save_model(self, request, obj, form, change):
        # Every rule of an edit lives in the service; the form only collected the input.
        editing.steunpunt_save(user=request.user, steunpunt=obj, **form.edit_arguments())

    def get_urls(self):
        view = self.admin_site.admin_view(self.alles_klopt_view)
        importeren = self.admin_site.admin_view(self.importeren_view)
        tijden_view = self.admin_site.admin_view(self.tijden_view)
        extra = [
            path("importeren/", importeren, name="steunpunten_steunpunt_importeren"),
            path("<path:object_id>/tijden/", tijden_view, name="steunpunten_steunpunt_tijden"),
            path("<path:object_id>/alles-klopt/", view, name="steunpunten_steunpunt_klopt"),
        ]
        return extra + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        context = {"mag_importeren": permissions.is_beheerder(request.user)}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    def importeren_view(self, request):
        """Steunpunten from the export's sheet: upload, preview per row, then apply (beheerder)."""
        if not permissions.is_beheerder(request.user):
            raise PermissionDenied
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Steunpunten importeren uit Excel of CSV"),
            "max_mb": steunpunt_import.MAX_UPLOAD_BYTES // (1024 * 1024),
        }
        if request.method == "GET":
            request.session.pop(steunpunt_import.SESSIE, None)
            return TemplateResponse(request, "admin/steunpunten/steunpunt/importeren.html", context)
        if request.POST.get("toepassen"):
            return self._importeren_toepassen(request, context)
        upload = request.FILES.get("bestand")
        if upload is None:
            context["fout"] = _("Kies eerst een bestand.")
        elif upload.size > steunpunt_import.MAX_UPLOAD_BYTES:
            context["fout"] = _("Het bestand is te groot (meer dan %(mb)d MB).") % {
                "mb": context["max_mb"]
            }
        else:
            data = upload.read()
            plan = steunpunt_import.steunpunten_plan(data, filename=upload.name)
            steunpunt_import.remember_upload(request.session, data=data, filename=upload.name)
            context["plan"] = plan
        return TemplateResponse(request, "admin/steunpunten/steunpunt/importeren.html", context)

    def _importeren_toepassen(self, request, context):
        upload = steunpunt_import.remembered_upload(request.session)
        if upload is None:
            context["fout"] = _("Het bestand is niet meer bekend. Kies het opnieuw.")
            return TemplateResponse(request, "admin/steunpunten/steunpunt/importeren.html", context)
        plan = steunpunt_import.steunpunten_plan(upload[0], filename=upload[1])
        try:
            saved = steunpunt_import.steunpunten_apply(plan, user=request.user)
        except steunpunt_import.SteunpuntImportError as error:
            context.update(plan=plan, fout=str(error))
            return TemplateResponse(request, "admin/steunpunten/steunpunt/importeren.html", context)
        request.session.pop(steunpunt_import.SESSIE, None)
        self.message_user(
            request,
            ngettext(
                "Geïmporteerd: %(count)d steunpunt opgeslagen (%(samenvatting)s).",
                "Geïmporteerd: %(count)d steunpunten opgeslagen (%(samenvatting)s).",
                saved,
            )
            % {"count": saved, "samenvatting": plan.samenvatting()},
            messages.SUCCESS,
        )
        return redirect("admin:steunpunten_steunpunt_changelist")

    def tijden_view(self, request, object_id):
        """The week table, closures, channels and status of one steunpunt (beheer/tijden.py)."""
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        steunpunt = self.require_object(request, object_id)
        if not self.has_change_permission(request, steunpunt):
            raise PermissionDenied
        if request.method == "GET":
            formulier = tijden.formulier_van(steunpunt)
        else:
            erbij = request.POST.get("erbij", "")
            formulier = tijden.formulier_uit_post(request.POST, erbij=erbij)
            if not erbij:
                try:
                    tijden.tijden_save(
                        user=request.user, steunpunt_pk=steunpunt.pk, formulier=formulier
                    )
                except tijden.TijdenFout as error:
                    formulier.zet_fouten(error.fouten)
                except editing.EditError as error:
                    formulier.zet_fouten({"": str(error.message)})
                else:
                    message = _("Opgeslagen: de tijden en bereikbaarheid van %(naam)s.")
                    self.message_user(request, message % {"naam": steunpunt.naam}, messages.SUCCESS)
                    return redirect("admin:steunpunten_steunpunt_tijden", steunpunt.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": steunpunt,
            "title": _("Tijden en bereikbaarheid: %(naam)s") % {"naam": steunpunt.naam},
            "formulier": formulier,
            "oude_teksten": [
                (steunpunt._meta.get_field(veld).verbose_name, getattr(steunpunt, veld))
                for veld in tijden.OUDE_TEKST.values()
                if getattr(steunpunt, veld)
            ],
            "statussen": BereikbaarheidStatus.choices,
            "regio_keuzes": VakantieRegio.choices,
        }
        return TemplateResponse(request, "admin/steunpunten/steunpunt/tijden.html", context)

    def alles_klopt_view(self, request, object_id):
        """The "Alles klopt nog" button: checked today, through the edit service."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        steunpunt = self.require_object(request, object_id)
        if not self.has_change_permission(request, steunpunt):
            raise PermissionDenied
        try:
            versie = int(request.POST.get("versie_bij_openen", ""))
        except ValueError:
            versie = None
        try:
            with transaction.atomic():
                editing.steunpunt_confirm_checked(
                    user=request.user, steunpunt=steunpunt, expected_versie=versie
                )
        except editing.EditError as error:
            self.message_user(request, error.message, messages.ERROR)
        else:
            message = _("Opgeslagen: de gegevens van %(naam)s zijn vandaag gecontroleerd.")
            self.message_user(request, message % {"naam": steunpunt.naam}, messages.SUCCESS)
        if request.POST.get("terug") == "start":  # the button on the start page's card
            return redirect("admin:index")
        return redirect("admin:steunpunten_steunpunt_change", steunpunt.pk)

    def delete_model(self, request, obj):
        editing.steunpunt_delete(user=request.user, steunpunt=obj)

    def delete_queryset(self, request, queryset):
        for steunpunt in queryset:
            editing.steunpunt_delete(user=request.user, steunpunt=steunpunt)

    def save_related(self, request, form, formsets, change):
        # The SWV links were saved by the service (with those of other SWVs kept), not the form.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class ReferentieAdmin(admin.ModelAdmin):
    """Reference data that only a beheerder changes, through the edit service."""

    def has_add_permission(self, request):
        return permissions.is_beheerder(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.is_beheerder(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.is_beheerder(request.user)

    def save_model(self, request, obj, form, change):
        editing.reference_save(user=request.user, obj=obj)

    def delete_model(self, request, obj):
        editing.reference_delete(user=request.user, obj=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            editing.reference_delete(user=request.user, obj=obj)


@admin.register(Postcodegebied)
class PostcodegebiedAdmin(ReferentieAdmin):
    """Public reference data from the law and GeoNames: only a beheerder changes it."""

    list_display = ["pc4", "gemeente", "gemeente_2015", "swv_po", "swv_vo", "coordinaten_bron"]
    list_filter = ["coordinaten_bron", "in_regio_indeling", "provincie", "gemeente_bron"]
    search_fields = ["pc4", "gemeente", "gemeente_2015"]
    list_select_related = ["swv_po", "swv_vo"]
    raw_id_fields = ["swv_po", "swv_vo"]


@admin.register(Schoolvakantie)
class SchoolvakantieAdmin(ReferentieAdmin):
    """The school holidays per region, as the government publishes them: a beheerder adds
    each new school year; steunpunten that close in the holidays follow them."""

    list_display = ["naam", "schooljaar", "regio", "van", "tot"]
    list_filter = ["regio", "schooljaar"]
    search_fields = ["naam", "schooljaar"]

    def has_view_permission(self, request, obj=None):
        return permissions.is_beheerder(request.user)


@admin.action(permissions=["change"], description=_("Markeren als afgehandeld"))
def markeer_afgehandeld(modeladmin, request, queryset):
    allowed = queryset.filter(
        steunpunt__in=permissions.editable_steunpunten(request.user).values("pk")
    )
    count = meldingen.mark_handled(allowed, request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d melding is afgehandeld.", "%(count)d meldingen zijn afgehandeld.", count
        )
        % {"count": count},
        messages.SUCCESS,
    )


@admin.register(Melding)
class MeldingAdmin(ScopedObjectMixin, admin.ModelAdmin):
    """Reports from visitors: seen by the steunpunt's SWV staff, OCW and beheerders."""

    list_display = ["steunpunt", "korte_tekst", "aangemaakt", "afgehandeld"]
    list_filter = ["afgehandeld"]
    search_fields = ["tekst", "steunpunt__naam"]
    actions = [markeer_afgehandeld]
    readonly_fields = [
        "steunpunt",
        "tekst",
        "email",
        "aangemaakt",
        "afgehandeld",
        "afgehandeld_op",
        "afgehandeld_door",
    ]

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("steunpunt")
        return qs.filter(pk__in=permissions.visible_meldingen(request.user).values("pk"))

    @admin.display(description=_("wat klopt er niet"))
    def korte_tekst(self, obj) -> str:
        return obj.tekst if len(obj.tekst) <= 80 else obj.tekst[:79] + "…"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return permissions.can_edit_steunpunten(request.user)
        return permissions.can_handle_melding(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Reports go with their steunpunt: whoever may delete that, may delete its reports.
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None:
            return permissions.is_beheerder(request.user)
        return permissions.can_delete_steunpunt(request.user, obj.steunpunt)
