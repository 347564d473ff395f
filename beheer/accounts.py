"""Staff accounts in the admin: users, groups, SWV links. Only a beheerder sees them."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from steunpunten import permissions
from steunpunten.models import Medewerker

from . import tweedefactor

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


class MedewerkerInline(BeheerderOnlyMixin, admin.StackedInline):
    model = Medewerker
    can_delete = True
    autocomplete_fields = ["samenwerkingsverbanden"]
    verbose_name_plural = _("samenwerkingsverbanden van deze medewerker")


@admin.register(Medewerker)
class MedewerkerAdmin(BeheerderOnlyMixin, admin.ModelAdmin):
    list_display = ["user", "swv_codes"]
    search_fields = ["user__username", "user__email", "samenwerkingsverbanden__code"]
    autocomplete_fields = ["user", "samenwerkingsverbanden"]

    @admin.display(description=_("samenwerkingsverbanden"))
    def swv_codes(self, obj) -> str:
        return ", ".join(swv.code for swv in obj.samenwerkingsverbanden.all())


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


class BeheerUserAdmin(BeheerderOnlyMixin, UserAdmin):
    inlines = [MedewerkerInline]
    actions = [reset_second_factor]
    list_display = ["email", "first_name", "last_name", "is_staff", "tweede_factor"]
    search_fields = ["username", "email", "first_name", "last_name"]

    def get_queryset(self, request):
        apps = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(heeft_app=Exists(apps))

    @admin.display(description=_("authenticator-app ingesteld"), boolean=True)
    def tweede_factor(self, obj) -> bool:
        return obj.heeft_app


class BeheerGroupAdmin(BeheerderOnlyMixin, GroupAdmin):
    pass


for model, model_admin in ((User, BeheerUserAdmin), (Group, BeheerGroupAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)

# Devices are set up by their owner (beheer/views.py) and reset with the action above: the
# device pages of django-otp (English, with key and QR code of someone else) are not offered.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
