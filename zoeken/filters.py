"""Filters for the public lists and results: sector (PO/VO) and for whom (ouders/jongeren)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from steunpunten.models import Samenwerkingsverband, Steunpunt
from steunpunten.regio import PROVINCIE_CHOICES, Sector, parse_swv_code

from .antwoord import DOELGROEP_VELD, SECTOR_VELD

DOELGROEP_CHOICES = [("ouders", _("ouders")), ("jongeren", _("jongeren"))]


class SteunpuntFilter(django_filters.FilterSet):
    sector = django_filters.ChoiceFilter(
        label=_("Onderwijs"),
        choices=Sector.choices,
        method="filter_sector",
        empty_label=_("basisschool en middelbare school"),
    )
    voor = django_filters.ChoiceFilter(
        label=_("Voor wie"),
        choices=DOELGROEP_CHOICES,
        method="filter_voor",
        empty_label=_("ouders en jongeren"),
    )
    swv = django_filters.CharFilter(
        label=_("Samenwerkingsverband (code)"), method="filter_swv", max_length=10
    )

    class Meta:
        model = Steunpunt
        fields: list[str] = []

    def filter_sector(self, queryset, name, value):
        return queryset.filter(**{SECTOR_VELD[value]: True})

    def filter_voor(self, queryset, name, value):
        return queryset.filter(**{DOELGROEP_VELD[value]: True})

    def filter_swv(self, queryset, name, value):
        parsed = parse_swv_code(value)
        if parsed is None:
            return queryset.none()
        code = parsed.sector + parsed.provincienummer + parsed.volgnummer
        return queryset.filter(samenwerkingsverbanden__code=code).distinct()


class SamenwerkingsverbandFilter(django_filters.FilterSet):
    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Sector.choices)
    provincie = django_filters.ChoiceFilter(label=_("Provincie"), choices=PROVINCIE_CHOICES)

    class Meta:
        model = Samenwerkingsverband
        fields: list[str] = []


def result_filters(data) -> dict[str, str]:
    """The valid sector and group filters from the query string; invalid values count as none."""
    if not (data.get("sector") or data.get("voor")):
        return {"sector": "", "voor": ""}
    filterset = SteunpuntFilter(data)
    if not filterset.is_valid():
        return {"sector": "", "voor": ""}
    cleaned = filterset.form.cleaned_data
    return {"sector": cleaned.get("sector") or "", "voor": cleaned.get("voor") or ""}
