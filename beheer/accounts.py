"""Staff accounts in the admin: one page per account (e-mail, name, role, SWVs or steunpunt).
Beheerders only.

The page saves through the account service (beheer/medewerkers.py), so an account always has
exactly its role; a new account gets an invitation link by mail, never a typed password. The
list shows where each account is on its way in and sends links again (action).
"""

# The admin modules whose registrations this one replaces run first (beheer precedes their
# apps in INSTALLED_APPS, for its createsuperuser command).
import django.contrib.auth.admin  # noqa: F401
import django_otp.plugins.otp_static.admin  # noqa: F401
import django_otp.plugins.otp_totp.admin  # noqa: F401
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from steunpunten import permissions
from steunpunten.models import Medewerker, Samenwerkingsverband, Steunpunt

from . import medewerkers, tweedefactor
from .login import invitation_days

User = get_user_model()


class BeheerderOnlyMixin:
    """Staff accounts and their links: only a beheerder sees or changes them."""

    def has_module_permission(self, request):
        return permissions.can_manage_accounts(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_manage_accounts(request.user)

    def has_add_permission(self, request, *args):
        return permissions.can_manage_accounts(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_manage_accounts(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_manage_accounts(request.user)


class AccountForm(forms.ModelForm):
    """E-mail address, name, role and SWVs on one screen; no password field."""

    rol = forms.ChoiceField(
        label=_("Rol"),
        choices=[
            (
                medewerkers.ROL_SWV,
                _("SWV-medewerker: houdt de steunpunten van de eigen samenwerkingsverbanden bij"),
            ),
            (
                medewerkers.ROL_STEUNPUNT,
                _(
                    "Steunpuntmedewerker: legt contacten en signalen van één steunpunt vast en "
                    "geeft er ervaringscodes uit, wijzigt verder niets"
                ),
            ),
            (
                medewerkers.ROL_OCW,
                _("OCW-medewerker: ziet alles en downloadt de overzichten, wijzigt niets"),
            ),
            (medewerkers.ROL_BEHEERDER, _("Beheerder: mag alles, ook accounts maken")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de rol van deze medewerker.")},
    )
    samenwerkingsverbanden = forms.ModelMultipleChoiceField(
        label=_("Samenwerkingsverbanden"),
        queryset=Samenwerkingsverband.objects.order_by("code"),
        required=False,
        help_text=_(
            "Alleen voor een SWV-medewerker, en dan ten minste één. Typ een code of een deel "
            "van de naam."
        ),
    )
    steunpunt = forms.ModelChoiceField(
        label=_("Steunpunt"),
        queryset=Steunpunt.objects.order_by("naam"),
        required=False,
        help_text=_(
            "Alleen voor een steunpuntmedewerker, en dan verplicht. Typ een deel van de naam."
        ),
    )

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "is_active"]
        labels = {
            "email": _("E-mailadres"),
            "first_name": _("Voornaam"),
            "last_name": _("Achternaam"),
            "is_active": _("Account staat aan"),
        }
        help_texts = {
            "email": _("Hiermee logt de medewerker in. Er gaat een uitnodiging naartoe."),
            "is_active": _("Uitzetten in plaats van verwijderen: de geschiedenis blijft."),
        }

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["email"].required = True
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        field = Medewerker._meta.get_field("samenwerkingsverbanden")
        swvs = self.fields["samenwerkingsverbanden"]
        swvs.widget = AutocompleteSelectMultiple(
            field, admin.site, attrs={"data-placeholder": str(_("Zoek op code of naam"))}
        )
        swvs.widget.choices = swvs.choices
        steunpunt = self.fields["steunpunt"]
        steunpunt.widget = AutocompleteSelect(
            Medewerker._meta.get_field("steunpunt"),
            admin.site,
            attrs={"data-placeholder": str(_("Zoek op naam"))},
        )
        steunpunt.widget.choices = steunpunt.choices
        if self.instance.pk:
            self.fields["rol"].initial = medewerkers.role_of_account(self.instance)
            medewerker = Medewerker.objects.filter(user=self.instance).first()
            if medewerker:
                self.fields["samenwerkingsverbanden"].initial = list(
                    medewerker.samenwerkingsverbanden.all()
                )
                self.fields["steunpunt"].initial = medewerker.steunpunt

    def clean_email(self):
        try:
            email = medewerkers.normalise_email(self.cleaned_data.get("email", ""))
        except medewerkers.MedewerkerError as error:
            raise forms.ValidationError(str(error)) from None
        others = User.objects.exclude(pk=self.instance.pk)
        if others.filter(email__iexact=email).exists() or others.filter(username=email).exists():
            raise forms.ValidationError(_("Er is al een account met dit e-mailadres."))
        return email

    def clean(self):
        cleaned = super().clean()
        rol, swvs = cleaned.get("rol"), cleaned.get("samenwerkingsverbanden") or []
        if rol:
            try:
                medewerkers.check_role_swvs(rol, swvs, cleaned.get("steunpunt"))
            except medewerkers.MedewerkerError as error:
                steunpunt_fout = (rol == medewerkers.ROL_STEUNPUNT) != bool(
                    cleaned.get("steunpunt")
                )
                veld = "steunpunt" if steunpunt_fout else "samenwerkingsverbanden"
                self.add_error(veld, str(error))
        own = self.request is not None and self.instance.pk == self.request.user.pk
        if own and rol and rol != medewerkers.ROL_BEHEERDER:
            self.add_error("rol", _("Uw eigen rol kunt u niet veranderen; vraag een beheerder."))
        if own and cleaned.get("is_active") is False:
            self.add_error("is_active", _("Uw eigen account kunt u niet uitzetten."))
        return cleaned


class RolFilter(admin.SimpleListFilter):
    title = _("rol")
    parameter_name = "rol"

    def lookups(self, request, model_admin):
        return list(medewerkers.ROLLEN.items())

    def queryset(self, request, queryset):
        value = self.value()
        if value == medewerkers.ROL_BEHEERDER:
            return queryset.filter(is_superuser=True)
        if value in (medewerkers.ROL_SWV, medewerkers.ROL_STEUNPUNT, medewerkers.ROL_OCW):
            group = medewerkers.ROL_GROEP[value]
            return queryset.filter(is_superuser=False, groups__name=group).distinct()
        return queryset


class OpWegFilter(admin.SimpleListFilter):
    title = _("onderweg")
    parameter_name = "onderweg"

    def lookups(self, request, model_admin):
        return [
            ("nooit", _("nog nooit ingelogd")),
            ("ingelogd", _("ingelogd")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "nooit":
            return queryset.filter(last_login__isnull=True)
        if self.value() == "ingelogd":
            return queryset.filter(last_login__isnull=False)
        return queryset


@admin.action(description=_("Tweede factor opnieuw laten instellen (telefoon kwijt)"))
def reset_second_factor(modeladmin, request, queryset):
    for user in queryset:
        tweedefactor.second_factor_reset(user=user)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d medewerker stelt bij de volgende keer inloggen een nieuwe app in.",
            "%(count)d medewerkers stellen bij de volgende keer inloggen een nieuwe app in.",
            len(queryset),
        )
        % {"count": len(queryset)},
        messages.SUCCESS,
    )


@admin.action(description=_("Uitnodiging (opnieuw) sturen"))
def send_invitation(modeladmin, request, queryset):
    sent = skipped = 0
    for user in queryset.filter(is_active=True):
        if user.has_usable_password() or user.last_login:
            skipped += 1  # they have a password: "Wachtwoord vergeten?" is their way back
            continue
        medewerkers.invitation_send(user, door=request.user)
        sent += 1
    message = ngettext(
        "%(count)d uitnodiging verstuurd; de link werkt %(dagen)d dagen.",
        "%(count)d uitnodigingen verstuurd; elke link werkt %(dagen)d dagen.",
        sent,
    ) % {"count": sent, "dagen": invitation_days()}
    if skipped:
        message += " " + ngettext(
            "%(count)d account heeft al een wachtwoord en kreeg niets: die medewerker gebruikt "
            "“Wachtwoord vergeten?”.",
            "%(count)d accounts hebben al een wachtwoord en kregen niets: die medewerkers "
            "gebruiken “Wachtwoord vergeten?”.",
            skipped,
        ) % {"count": skipped}
    modeladmin.message_user(request, message, messages.SUCCESS if sent else messages.WARNING)


class AccountAdmin(BeheerderOnlyMixin, admin.ModelAdmin):
    form = AccountForm
    actions = [send_invitation, reset_second_factor]
    list_display = ["email", "naam", "rol", "swv_codes", "status", "tweede_factor"]
    list_display_links = ["email"]
    list_filter = [RolFilter, OpWegFilter, "is_active"]
    search_fields = ["email", "first_name", "last_name", "medewerker__samenwerkingsverbanden__code"]
    ordering = ["email"]
    list_per_page = 200

    def add_view(self, request, form_url="", extra_context=None):
        context = {"title": _("Account toevoegen"), **(extra_context or {})}
        return super().add_view(request, form_url, context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = {"title": _("Account wijzigen"), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)

    def changelist_view(self, request, extra_context=None):
        context = {"title": _("Accounts"), **(extra_context or {})}
        return super().changelist_view(request, context)

    def get_fieldsets(self, request, obj=None):
        persoon = ["email", "first_name", "last_name"] + (["is_active"] if obj else [])
        return [
            (_("De medewerker"), {"fields": persoon}),
            (
                _("Wat mag deze medewerker"),
                {"fields": ["rol", "samenwerkingsverbanden", "steunpunt"]},
            ),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class RequestForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, request=request, **inner)

        return RequestForm

    def get_queryset(self, request):
        apps = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return (
            super()
            .get_queryset(request)
            .annotate(heeft_app=Exists(apps))
            .select_related("uitnodiging")
            .select_related("medewerker__steunpunt")
            .prefetch_related("groups", "medewerker__samenwerkingsverbanden")
        )

    @admin.display(description=_("naam"), ordering="last_name")
    def naam(self, obj) -> str:
        return obj.get_full_name()

    @admin.display(description=_("rol"))
    def rol(self, obj) -> str:
        if obj.is_superuser:
            return medewerkers.ROLLEN[medewerkers.ROL_BEHEERDER]
        names = {group.name for group in obj.groups.all()}
        for rol, group in medewerkers.ROL_GROEP.items():
            if group in names:
                return medewerkers.ROLLEN[rol]
        return _("geen rol: kies er een")

    @admin.display(description=_("samenwerkingsverbanden of steunpunt"))
    def swv_codes(self, obj) -> str:
        medewerker = getattr(obj, "medewerker", None)
        if medewerker is None:
            return ""
        if medewerker.steunpunt is not None:
            return medewerker.steunpunt.naam
        return ", ".join(swv.code for swv in medewerker.samenwerkingsverbanden.all())

    @admin.display(description=_("stand"))
    def status(self, obj) -> str:
        return medewerkers.account_status(obj)

    @admin.display(description=_("app ingesteld"), boolean=True)
    def tweede_factor(self, obj) -> bool:
        return obj.heeft_app

    def save_model(self, request, obj, form, change):
        medewerkers.account_store(
            user=obj,
            rol=form.cleaned_data["rol"],
            swvs=form.cleaned_data.get("samenwerkingsverbanden") or [],
            steunpunt=form.cleaned_data.get("steunpunt"),
        )
        if not change:
            medewerkers.invitation_send(obj, door=request.user)
            self.message_user(
                request,
                _("Uitnodiging gemaild naar %(email)s; de link werkt %(dagen)d dagen.")
                % {"email": obj.email, "dagen": invitation_days()},
                messages.SUCCESS,
            )

    def save_related(self, request, form, formsets, change):
        # The role and SWVs were saved by the service; the form has no relations of its own.
        pass


def _register(model, model_admin=None) -> None:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    if model_admin is not None:
        admin.site.register(model, model_admin)


_register(User, AccountAdmin)
# Roles are the groups `ensure_roles` keeps, and a staff member's SWVs are set on the account
# page: the raw group and link pages would let an account lose its role.
_register(Group)
_register(Medewerker)
# Devices are set up by their owner (beheer/views.py) and reset with the action above: the
# device pages of django-otp (English, with key and QR code of someone else) are not offered.
for model in (TOTPDevice, StaticDevice):
    _register(model)
