"""Whether demo data is on show, for every page (settings name this processor by string)."""

from .index import current_index


def demo(request) -> dict:
    """`demo_gegevens`: whether a published steunpunt is an example (lazily, from the index).

    The index is built per data version anyway (a results page needs it), so on a cold page
    this costs no query of its own.
    """

    def demo_gegevens() -> bool:
        return current_index(request).voorbeelden

    return {"demo_gegevens": demo_gegevens}
