"""/sitemap.xml: the public pages search engines should know, in Dutch and English, with the
date their content last changed (the newest change of a steunpunt shown on them)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from steunpunten.models import Samenwerkingsverband, School, Steunpunt
from steunpunten.regio import PROVINCIE_CHOICES


class Tweetalig(Sitemap):
    """Every page at its Dutch and English address, each naming the other (hreflang)."""

    i18n = True
    alternates = True
    x_default = True
    limit = 5000


def swv_lastmod() -> dict[int, object]:
    """Per SWV id: when one of the published steunpunten it shows last changed."""
    rows = (
        Steunpunt.objects.published()
        .values("samenwerkingsverbanden")
        .annotate(laatst=Max("gewijzigd"))
        .values_list("samenwerkingsverbanden", "laatst")
    )
    return {pk: laatst for pk, laatst in rows if pk}


def _newest(dates) -> object:
    known = [date for date in dates if date]
    return max(known) if known else None


class StatischeSitemap(Tweetalig):
    changefreq = "monthly"

    def items(self):
        return [
            "zoeken:home",
            "zoeken:regio",
            "zoeken:wegwijzer",
            "zoeken:over",
            "zoeken:voor_scholen",
        ]

    def location(self, item):
        return reverse(item)


class SteunpuntSitemap(Tweetalig):
    changefreq = "weekly"

    def items(self):
        return Steunpunt.objects.published().order_by("slug")

    def lastmod(self, steunpunt):
        return steunpunt.gewijzigd


class SamenwerkingsverbandSitemap(Tweetalig):
    changefreq = "weekly"

    def items(self):
        self._lastmod = swv_lastmod()
        return Samenwerkingsverband.objects.order_by("code").only("code")

    def lastmod(self, swv):
        return self._lastmod.get(swv.pk)


class ProvincieSitemap(Tweetalig):
    changefreq = "weekly"

    def items(self):
        per_swv = swv_lastmod()
        provincies = Samenwerkingsverband.objects.values_list("pk", "provincie")
        self._lastmod = {
            slug: _newest(per_swv.get(pk) for pk, p in provincies if p == slug)
            for slug, _naam in PROVINCIE_CHOICES
        }
        return [slug for slug, _naam in PROVINCIE_CHOICES]

    def location(self, slug):
        return reverse("zoeken:regio_provincie", args=[slug])

    def lastmod(self, slug):
        return self._lastmod.get(slug)


class SchoolSitemap(Tweetalig):
    changefreq = "monthly"

    def items(self):
        self._lastmod = swv_lastmod()
        return School.objects.order_by("vestigingscode").values_list(
            "vestigingscode", "postcodegebied__swv_po", "postcodegebied__swv_vo"
        )

    def location(self, school):
        return reverse("zoeken:school", args=[school[0]])

    def lastmod(self, school):
        return _newest(self._lastmod.get(pk) for pk in school[1:] if pk)


SITEMAPS = {
    "pagina": StatischeSitemap,
    "steunpunten": SteunpuntSitemap,
    "samenwerkingsverbanden": SamenwerkingsverbandSitemap,
    "provincies": ProvincieSitemap,
    "scholen": SchoolSitemap,
}
