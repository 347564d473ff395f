"""Values every page needs: whether demo data is on show."""

from . import cache
from .models import Steunpunt


def site(request) -> dict:
    """Expose `demo_gegevens` lazily and cached, so a page adds no query on the common path."""

    def demo_gegevens() -> bool:
        return cache.get_or_compute("site", "demo_gegevens", _demo_on_show, request=request)

    return {"demo_gegevens": demo_gegevens}


def _demo_on_show() -> bool:
    return Steunpunt.objects.filter(demo=True).exists()
