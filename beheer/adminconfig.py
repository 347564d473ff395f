"""Loads Django's admin with Vindplek's own site (imported lazily: no models at app loading)."""

from django.contrib.admin.apps import AdminConfig


class BeheerAdminConfig(AdminConfig):
    """Makes `beheer.site.BeheerAdminSite` the default `admin.site`."""

    default_site = "beheer.site.BeheerAdminSite"
