"""Loads Django's admin with Vindplek's own site (imported lazily: no models at app loading)."""

from django.contrib.admin.apps import AdminConfig


class BeheerAdminConfig(AdminConfig):
    """Makes `steunpunten.admin_site.BeheerAdminSite` the default `admin.site`."""

    default_site = "steunpunten.admin_site.BeheerAdminSite"
