"""Small builders for test data on top of the shipped fixtures."""

import datetime

from steunpunten.models import Samenwerkingsverband, Steunpunt, SteunpuntStatus


def make_steunpunt(*swv_codes: str, **fields) -> Steunpunt:
    """A published, active steunpunt serving the given SWVs (override any field by keyword)."""
    slug = fields.pop("slug", "test-" + "-".join(code.lower() for code in swv_codes))
    values = {
        "naam": f"Teststeunpunt {' '.join(swv_codes)}",
        "status": SteunpuntStatus.ACTIEF,
        "gepubliceerd": True,
        "gecontroleerd_op": datetime.date.today(),
    }
    values.update(fields)
    steunpunt = Steunpunt.objects.create(slug=slug, **values)
    steunpunt.samenwerkingsverbanden.set(Samenwerkingsverband.objects.filter(code__in=swv_codes))
    return steunpunt
