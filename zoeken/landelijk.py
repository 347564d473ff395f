"""National help for parents when the region gives no answer: real, public organisations."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Hulp:
    naam: str
    wat: str
    website: str
    telefoon: str = ""


OUDERS_EN_ONDERWIJS = Hulp(
    naam="Ouders & Onderwijs",
    wat=_("Gratis vragen stellen over onderwijs en passend onderwijs."),
    website="https://www.ouders-onderwijs.nl/",
    telefoon="0800-5010",
)
ONDERWIJSCONSULENTEN = Hulp(
    naam=_("Onderwijsconsulenten"),
    wat=_("Gratis hulp als uw kind thuis zit of geen passende plek op school vindt."),
    website="https://www.onderwijsconsulenten.nl/",
)
GESCHILLENCOMMISSIE = Hulp(
    naam=_("Geschillencommissie passend onderwijs"),
    wat=_("Een oordeel als u het niet eens wordt met de school over toelating of ondersteuning."),
    website="https://www.onderwijsgeschillen.nl/",
)
INSPECTIE = Hulp(
    naam=_("Inspectie van het Onderwijs"),
    wat=_("De vertrouwensinspecteurs luisteren bij ernstige problemen, zoals geweld of pesten."),
    website="https://www.onderwijsinspectie.nl/",
    telefoon="0900-111 3 111",
)

# What the results page shows when a region has no steunpunt (yet).
TERUGVAL = (OUDERS_EN_ONDERWIJS, ONDERWIJSCONSULENTEN)
# The whole route "Kom je er niet uit?", after school, SWV and steunpunt.
ROUTE = (OUDERS_EN_ONDERWIJS, ONDERWIJSCONSULENTEN, GESCHILLENCOMMISSIE, INSPECTIE)
