"""The Django admin ("beheer"). Scoping per SWV lives in permissions.py."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Postcodegebied, Samenwerkingsverband, Steunpunt


@admin.register(Samenwerkingsverband)
class SamenwerkingsverbandAdmin(SimpleHistoryAdmin):
    list_display = ["code", "naam", "sector", "provincie"]
    list_filter = ["sector", "provincie"]
    search_fields = ["code", "naam"]
    readonly_fields = ["code", "sector", "provincie"]


@admin.register(Steunpunt)
class SteunpuntAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "status", "gepubliceerd", "demo", "gecontroleerd_op"]
    list_filter = ["status", "gepubliceerd", "demo"]
    search_fields = ["naam", "plaats"]
    prepopulated_fields = {"slug": ["naam"]}
    filter_horizontal = ["samenwerkingsverbanden"]


@admin.register(Postcodegebied)
class PostcodegebiedAdmin(admin.ModelAdmin):
    list_display = ["pc4", "gemeente", "swv_po", "swv_vo", "coordinaten_bron"]
    list_filter = ["coordinaten_bron", "in_regio_indeling"]
    search_fields = ["pc4", "gemeente"]
    list_select_related = ["swv_po", "swv_vo"]
