"""Values every page needs: whether demo data is on show."""

from .models import Steunpunt


def site(request) -> dict:
    """Expose `demo_gegevens` lazily, so pages that never show it run no query."""

    def demo_gegevens() -> bool:
        return Steunpunt.objects.filter(demo=True).exists()

    return {"demo_gegevens": demo_gegevens}
