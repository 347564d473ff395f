"""Bar charts for the monitor, drawn on the server as SVG: no JavaScript, no images elsewhere.

Each chart is a figure with a title and a description for screen readers; the table beside it
holds every number, so the chart only adds a picture. Two series differ in pattern (solid and
striped), never in colour alone, and each bar carries its value as text.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

BREEDTE, HOOGTE = 640, 280
LINKS, RECHTS, BOVEN, ONDER = 44, 10, 34, 30
VULLING = ("url(#grafiek-vol)", "url(#grafiek-streep)")
PATRONEN = (
    '<pattern id="grafiek-vol" width="4" height="4" patternUnits="userSpaceOnUse">'
    '<rect width="4" height="4" fill="#004b87"/></pattern>'
    '<pattern id="grafiek-streep" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
    '<rect width="3" height="6" fill="#1d6b4f"/></pattern>'
)


@dataclass(frozen=True)
class Reeks:
    naam: str
    waarden: Sequence[float | None]


def _schaal(hoogste: float) -> float:
    """A round top for the axis: 1, 2 or 5 times a power of ten, at least the highest value."""
    if hoogste <= 0:
        return 1
    stap = 1.0
    while stap * 10 <= hoogste:
        stap *= 10
    while stap > hoogste * 10:
        stap /= 10
    for factor in (1, 2, 5, 10):
        if stap * factor >= hoogste:
            return stap * factor
    return stap * 10


def _getal(waarde: float) -> str:
    return f"{waarde:.1f}".replace(".", ",") if waarde % 1 else f"{int(waarde)}"


def staafgrafiek(
    *,
    sleutel: str,
    titel: str,
    uitleg: str,
    labels: Sequence[str],
    reeksen: Sequence[Reeks],
    maximum: float | None = None,
    eenheid: str = "",
) -> SafeString:
    """Grouped vertical bars: one group per label, one bar per series (at most two)."""
    hoogste = maximum or _schaal(
        max((w for r in reeksen for w in r.waarden if w is not None), default=0)
    )
    vlak_b, vlak_h = BREEDTE - LINKS - RECHTS, HOOGTE - BOVEN - ONDER
    groep = vlak_b / max(len(labels), 1)
    staaf = groep * 0.7 / max(len(reeksen), 1)
    delen = [
        f'<svg class="grafiek" viewBox="0 0 {BREEDTE} {HOOGTE}" role="img" '
        f'aria-labelledby="{sleutel}-titel {sleutel}-uitleg" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{sleutel}-titel">{escape(titel)}</title>',
        f'<desc id="{sleutel}-uitleg">{escape(uitleg)}</desc>',
        f"<defs>{PATRONEN}</defs>",
    ]
    for i in range(5):
        waarde = hoogste * i / 4
        y = BOVEN + vlak_h - vlak_h * i / 4
        delen.append(
            f'<line x1="{LINKS}" x2="{BREEDTE - RECHTS}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#c5ced6" stroke-width="1"/>'
            f'<text x="{LINKS - 6}" y="{y + 5:.1f}" text-anchor="end" font-size="13" '
            f'fill="#3d4650">{_getal(waarde)}{escape(eenheid)}</text>'
        )
    for g, label in enumerate(labels):
        x0 = LINKS + g * groep + groep * 0.15
        for r, reeks in enumerate(reeksen):
            waarde = reeks.waarden[g]
            x = x0 + r * staaf
            if waarde is not None:
                h = vlak_h * min(waarde, hoogste) / hoogste
                y = BOVEN + vlak_h - h
                delen.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{staaf - 2:.1f}" height="{h:.1f}" '
                    f'fill="{VULLING[r % 2]}" stroke="#1a1a1a" stroke-width="1"/>'
                    f'<text x="{x + staaf / 2 - 1:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
                    f'font-size="12" fill="#1a1a1a">{_getal(waarde)}{escape(eenheid)}</text>'
                )
        delen.append(
            f'<text x="{LINKS + g * groep + groep / 2:.1f}" y="{HOOGTE - 10}" '
            f'text-anchor="middle" font-size="13" fill="#1a1a1a">{escape(label)}</text>'
        )
    x = LINKS
    for r, reeks in enumerate(reeksen):
        delen.append(
            f'<rect x="{x}" y="8" width="16" height="16" fill="{VULLING[r % 2]}" '
            f'stroke="#1a1a1a"/><text x="{x + 22}" y="21" font-size="13" '
            f'fill="#1a1a1a">{escape(reeks.naam)}</text>'
        )
        x += 30 + 8 * len(reeks.naam)
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308  (numbers and escaped text only)


def monitor_charts(monitor) -> dict[str, SafeString]:
    """The monitor's three charts: contacts and matches, SWVs that record, and feedback."""
    labels = monitor.labels
    rijen = monitor.landelijk
    return {
        "contacten": staafgrafiek(
            sleutel="grafiek-contacten",
            titel=_("Contacten en matches tot steun per kwartaal, landelijk"),
            uitleg=_("Staafdiagram. De getallen staan ook in de tabel hieronder."),
            labels=labels,
            reeksen=[
                Reeks(_("contacten"), [r.contacten for r in rijen]),
                Reeks(_("matches tot steun"), [r.matches for r in rijen]),
            ],
        ),
        "swvs": staafgrafiek(
            sleutel="grafiek-swvs",
            titel=_("Deel van de samenwerkingsverbanden waarvoor contacten zijn vastgelegd"),
            uitleg=_("Staafdiagram in procenten. De getallen staan ook in de tabel."),
            labels=labels,
            reeksen=[Reeks(_("samenwerkingsverbanden"), [r.swv_procent for r in rijen])],
            maximum=100,
            eenheid="%",
        ),
        "ervaring": staafgrafiek(
            sleutel="grafiek-ervaring",
            titel=_("Voelde u zich gehoord en gesteund? Gemiddelde per kwartaal (1 tot 5)"),
            uitleg=_("Staafdiagram. De getallen staan ook in de tabel hieronder."),
            labels=labels,
            reeksen=[
                Reeks(
                    _("gemiddelde"),
                    [
                        round(r.ervaring.gemiddelde, 1) if r.ervaring.gemiddelde else None
                        for r in rijen
                    ],
                )
            ],
            maximum=5,
        ),
    }
