from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteunpuntenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "steunpunten"
    verbose_name = _("Steunpunten en samenwerkingsverbanden")

    def ready(self) -> None:
        # Registers the check of security.txt's expiry date (`manage.py check` warns).
        from . import securitytxt  # noqa: F401
