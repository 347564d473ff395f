"""National help for parents when the region gives no answer: real, public organisations."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Hulp:
    naam: str
    wat: str
    website: str
    telefoon: str = ""

    @property
    def website_kort(self) -> str:
        """The website as people say it: "oudersenonderwijs.nl" (no https://, www. or slash)."""
        return self.website.removeprefix("https://").removeprefix("www.").rstrip("/")


OUDERS_EN_ONDERWIJS = Hulp(
    naam="Ouders & Onderwijs",
    wat=_(
        "Gratis informatie en advies over onderwijs en passend onderwijs, per telefoon of e-mail."
    ),
    website="https://oudersenonderwijs.nl/",
    telefoon="0800-5010",
)
ONDERWIJSCONSULENTEN = Hulp(
    naam=_("Onderwijsconsulenten"),
    wat=_(
        "Gratis advies en bemiddeling als uw kind langer dan vier weken thuis zit, of als u met "
        "school en samenwerkingsverband geen passende plek of ondersteuning vindt."
    ),
    website="https://www.onderwijsconsulenten.nl/",
)
GESCHILLENCOMMISSIE = Hulp(
    naam=_("Geschillencommissie passend onderwijs"),
    wat=_(
        "Een onafhankelijk oordeel als u het niet eens bent met het schoolbestuur over de "
        "toelating of verwijdering van uw kind, of over het ontwikkelingsperspectief (OPP)."
    ),
    website="https://www.onderwijsgeschillen.nl/",
)
INSPECTIE = Hulp(
    naam=_("Inspectie van het Onderwijs"),
    wat=_(
        "De vertrouwensinspecteurs luisteren en adviseren bij seksuele intimidatie of misbruik, "
        "lichamelijk of psychisch geweld, discriminatie en radicalisering op school."
    ),
    website="https://www.onderwijsinspectie.nl/",
    telefoon="0900-111 3 111",
)

# The whole route "Komt u er niet uit?", after school, SWV and steunpunt.
ROUTE = (OUDERS_EN_ONDERWIJS, ONDERWIJSCONSULENTEN, GESCHILLENCOMMISSIE, INSPECTIE)
