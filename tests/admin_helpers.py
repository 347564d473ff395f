"""Helpers for the admin tests: POST data for the steunpunt form and admin URLs."""

from django.urls import reverse

BOOLEANS = (
    "gepubliceerd",
    "voor_ouders",
    "voor_jongeren",
    "voor_po",
    "voor_vo",
    "ervaringsdeskundigen",
    "alleen_online",
)
TEXTS = (
    "naam",
    "slug",
    "status",
    "aanbod",
    "telefoon",
    "email",
    "website",
    "contactformulier",
    "telefonisch_bereikbaar",
    "inloopspreekuur",
    "straat",
    "huisnummer",
    "postcode",
    "plaats",
    "talen",
    "herkomst",
    "bron_url",
)


def steunpunt_data(steunpunt, **overrides) -> dict:
    """What the change form posts for this steunpunt, with some fields overridden."""
    data = {name: getattr(steunpunt, name) for name in TEXTS}
    data.update({name: "on" for name in BOOLEANS if getattr(steunpunt, name)})
    data["gecontroleerd_op"] = (
        steunpunt.gecontroleerd_op.isoformat() if steunpunt.gecontroleerd_op else ""
    )
    data["samenwerkingsverbanden"] = [swv.pk for swv in steunpunt.samenwerkingsverbanden.all()]
    data["versie_bij_openen"] = steunpunt.versie
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def admin_url(model: str, view: str, *args) -> str:
    """reverse() for the admin: admin_url("steunpunt", "change", pk)."""
    return reverse(f"admin:steunpunten_{model}_{view}", args=args)
