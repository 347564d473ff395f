from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class BeheerConfig(AppConfig):
    name = "beheer"
    verbose_name = _("Beheer")

    def ready(self) -> None:
        # Staff accounts are "accounts" in the admin, not Django's "authentication and
        # authorisation" and "users" (the breadcrumbs and the model list of a beheerder).
        from django.contrib.auth import get_user_model

        apps.get_app_config("auth").verbose_name = _("Accounts")
        opts = get_user_model()._meta
        opts.verbose_name = _("account")
        opts.verbose_name_plural = _("accounts")
