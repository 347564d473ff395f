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
        "Gratis begeleiding, advies en bemiddeling als het u, de school en het "
        "samenwerkingsverband niet lukt om passend onderwijs voor uw kind te vinden. Bijvoorbeeld: "
        "er is geen geschikte school voor uw kind, de school kan niet de ondersteuning geven die "
        "het nodig heeft, of uw kind zit langer dan vier weken thuis zonder zicht op een plek. "
        "Voor basisonderwijs, voortgezet onderwijs, speciaal onderwijs en mbo."
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

# What an SWV without a steunpunt on Vindplek gets: never "it has none" (it may well have one).
NIET_OP_VINDPLEK = _("Dit samenwerkingsverband heeft zijn steunpunt nog niet op Vindplek gezet.")
# Who helps meanwhile, in this order (results page, SWV page and API alike).
INTUSSEN = (OUDERS_EN_ONDERWIJS, ONDERWIJSCONSULENTEN)

# The whole route "Komt u er niet uit?", after school, SWV and steunpunt.
ROUTE = (OUDERS_EN_ONDERWIJS, ONDERWIJSCONSULENTEN, GESCHILLENCOMMISSIE, INSPECTIE)
