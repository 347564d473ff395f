from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteunpuntenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "steunpunten"
    verbose_name = _("Steunpunten en samenwerkingsverbanden")
