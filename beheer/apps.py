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
        # django-axes speaks English ("Access attempts"): its pages, in the site's words.
        axes = apps.get_app_config("axes")
        axes.verbose_name = _("Inloggen: pogingen en blokkades")
        names = {
            "accessattempt": (_("blokkade-teller"), _("Blokkade-tellers (per adres en IP)")),
            "accessfailurelog": (_("mislukte inlogpoging"), _("Mislukte inlogpogingen")),
            "accesslog": (_("in- of uitlog"), _("Inloggen en uitloggen")),
        }
        for model in axes.get_models():
            if model._meta.model_name in names:
                model._meta.verbose_name, model._meta.verbose_name_plural = names[
                    model._meta.model_name
                ]
