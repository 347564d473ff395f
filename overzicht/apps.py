from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverzichtConfig(AppConfig):
    name = "overzicht"
    verbose_name = _("Landelijk overzicht")

    def ready(self):
        # The guards that keep a recorded peiling unchanged (steunpunten/peilingen.py).
        from steunpunten import peilingen  # noqa: F401
