"""URL configuration: the admin, and the public site in Dutch (plain URLs) and English (/en/)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from beheer import views as beheer_views
from zoeken import views as zoeken_views
from zoeken.sitemaps import SITEMAPS


class FaviconView(RedirectView):
    """Browsers ask /favicon.ico by themselves (the admin's pages link none): send the icon."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")


urlpatterns = [
    # Around the admin's login: the link that `manage.py add_medewerker` and "Wachtwoord vergeten?"
    # send, and setting up the second factor (before the admin's catch-all).
    path(
        "beheer/wachtwoord-vergeten/",
        beheer_views.WachtwoordVergetenView.as_view(),
        name="password_reset",
    ),
    path(
        "beheer/wachtwoord-vergeten/verstuurd/",
        beheer_views.WachtwoordVergetenVerstuurdView.as_view(),
        name="password_reset_done",
    ),
    path(
        "beheer/wachtwoord/<uidb64>/<token>/",
        beheer_views.WachtwoordInstellenView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "beheer/wachtwoord/ingesteld/",
        beheer_views.WachtwoordIngesteldView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "beheer/tweede-factor/instellen/",
        beheer_views.TweedeFactorInstellenView.as_view(),
        name="tweede_factor_instellen",
    ),
    path(
        "beheer/tweede-factor/qr-code/",
        beheer_views.TweedeFactorQrView.as_view(),
        name="tweede_factor_qr",
    ),
    path(
        "beheer/tweede-factor/reservecodes/",
        beheer_views.ReservecodesView.as_view(),
        name="tweede_factor_reservecodes",
    ),
    path("beheer/", admin.site.urls),
    # The old POST language switch (and bookmarks of it): a redirect to the page in that language.
    path("i18n/setlang/", zoeken_views.taal_kiezen, name="set_language"),
    path("favicon.ico", FaviconView.as_view()),
    path("healthz", zoeken_views.healthz, name="healthz"),
    # For search engines and security researchers: one file each, in no language.
    path("robots.txt", zoeken_views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_deel"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_deel",
    ),
    path(".well-known/security.txt", zoeken_views.security_txt, name="security_txt"),
]
# The public pages: Dutch at the plain URL (unchanged), English at the same URL under /en/.
urlpatterns += i18n_patterns(
    path("", include("beheer.urls")),
    path("", include("overzicht.urls")),
    path("", include("zoeken.urls")),
    prefix_default_language=False,
)

# Errors: JSON for the API, the site's own pages for the rest (steunpunten/fouten.py).
handler400 = "steunpunten.fouten.bad_request"
handler404 = "steunpunten.fouten.page_not_found"
handler500 = "steunpunten.fouten.server_error"
