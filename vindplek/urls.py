"""URL configuration: the admin, i18n and the public site of the steunpunten app."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView


class FaviconView(RedirectView):
    """Browsers ask /favicon.ico by themselves (the admin's pages link none): send the icon."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")


urlpatterns = [
    # Setting a password from the link that `manage.py medewerker` sends (no default passwords).
    path(
        "beheer/wachtwoord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "beheer/wachtwoord/ingesteld/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("beheer/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", FaviconView.as_view()),
    path("", include("beheer.urls")),
    path("", include("overzicht.urls")),
    path("", include("zoeken.urls")),
]
