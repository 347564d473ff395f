"""URL configuration: the admin, i18n and the public site of the steunpunten app."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("steunpunten.urls")),
]
