"""Who runs this site, from settings; a clearly marked example when none is configured."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Eigenaar:
    naam: str
    email: str
    adres: str
    telefoon: str = ""
    website: str = ""
    voorbeeld: bool = False


# Shown until VINDPLEK_EIGENAAR_NAAM is set; every page marks it "Voorbeeld, niet echt".
VOORBEELD = Eigenaar(
    naam="Stichting Voorbeeld Vindplek",
    email="contact@vindplek.example.nl",
    adres="Voorbeeldstraat 1, 1234 AB Voorbeeldstad",
    voorbeeld=True,
)


def eigenaar_from_settings() -> Eigenaar:
    """The owner named in settings (VINDPLEK_EIGENAAR_*), or the example when no name is set."""
    values = getattr(settings, "VINDPLEK_EIGENAAR", {}) or {}
    if not values.get("naam"):
        return VOORBEELD
    return Eigenaar(
        naam=values["naam"],
        email=values.get("email", ""),
        adres=values.get("adres", ""),
        telefoon=values.get("telefoon", ""),
        website=values.get("website", ""),
    )
