"""Staff accounts in the admin: users, groups, SWV links. Only a beheerder sees them."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from steunpunten import permissions
from steunpunten.models import Medewerker

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


class BeheerUserAdmin(BeheerderOnlyMixin, UserAdmin):
    inlines = [MedewerkerInline]


class BeheerGroupAdmin(BeheerderOnlyMixin, GroupAdmin):
    pass


for model, model_admin in ((User, BeheerUserAdmin), (Group, BeheerGroupAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
