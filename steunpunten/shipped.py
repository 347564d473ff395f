"""The data the repository ships in fixtures/: which files, in which order, with which models."""

from django.conf import settings

# (fixture file, model labels separated by spaces) in load order: every file only refers to
# the ones before it.
SHIPPED_FIXTURES: list[tuple[str, str]] = [
    ("samenwerkingsverbanden.json", "steunpunten.samenwerkingsverband"),
    ("postcodegebieden.json", "steunpunten.postcodegebied"),
    ("plaatsnamen.json", "steunpunten.plaatsnaam"),
    ("demo-steunpunten.json", "steunpunten.steunpunt"),
    # The November 2023 peiling (its regels in the same file, after the peiling).
    ("peilingen.json", "steunpunten.peiling steunpunten.peilingregel"),
]


def fixture_paths() -> list[str]:
    """Absolute paths of the shipped fixture files, in load order."""
    return [str(settings.BASE_DIR / "fixtures" / name) for name, _label in SHIPPED_FIXTURES]
