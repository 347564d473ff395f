from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteunpuntenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "steunpunten"
    verbose_name = _("Steunpunten en samenwerkingsverbanden")

    def ready(self):
        # Connect the signal handlers: the guards that keep a recorded peiling unchanged
        # (peilingen.py) and the data version that moves caches on (signals.py, cache.py).
        from . import peilingen, signals  # noqa: F401
