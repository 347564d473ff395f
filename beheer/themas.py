"""The national list of question themes in the admin: beheerders add, rename and retire them.

A theme that was ever used cannot be deleted (the models PROTECT it, and the page offers no
delete); it is retired with "in gebruik" off, and its code stays, since files of monthly
totals name it.
"""

from django.contrib import admin

from steunpunten import permissions
from steunpunten.models import ContactThema, Maandtotaal, Signaal, Thema


def used(thema: Thema) -> bool:
    """True when any record, total or signal names this theme."""
    return any(
        model.objects.filter(thema=thema).exists() for model in (ContactThema, Maandtotaal, Signaal)
    )


@admin.register(Thema)
class ThemaAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "definitie", "volgorde", "actief"]
    list_editable = ["volgorde", "actief"]
    list_filter = ["actief"]
    search_fields = ["naam", "code"]
    ordering = ["volgorde", "naam"]
    fields = ["naam", "code", "definitie", "volgorde", "actief"]
    prepopulated_fields = {"code": ["naam"]}
    actions = None

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else self.prepopulated_fields

    def has_module_permission(self, request):
        return permissions.can_manage_themas(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_manage_themas(request.user)

    def has_add_permission(self, request):
        return permissions.can_manage_themas(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_manage_themas(request.user)

    def has_delete_permission(self, request, obj=None):
        if not permissions.can_manage_themas(request.user):
            return False
        return obj is None or not used(obj)
