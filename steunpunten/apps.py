from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteunpuntenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "steunpunten"
    verbose_name = _("Steunpunten en samenwerkingsverbanden")

    def ready(self):
        # Connects the guards that keep a recorded peiling unchanged (see peilingen.py).
        from . import peilingen  # noqa: F401

        # Raises the data version on every public-data change, so caches move on (cache.py).
        from . import signals  # noqa: F401
