"""What makes Vindplek findable where parents already look: the JSON-LD of a page, the words a
search engine shows, the snippet a school puts on its website and the QR code of a poster."""

from django.urls import reverse
from django.utils.html import escape
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from steunpunten import bereikbaarheid, poster, schemaorg
from steunpunten.gemeenten import gemeenten_of
from steunpunten.models import BereikbaarheidStatus

from .antwoord import Antwoord, SteunpuntKaart
from .weergave import answer_blocks

# The height of the frame in the snippet: a school's steunpunt with its phone, or the search box
# with one answer, fits without scrolling on a phone.
FRAME_HOOGTE = 560
# At most this many gemeenten are named in a title; more are named by their province.
GEMEENTEN_IN_TITEL = 2


def steunpunt_jsonld(request, steunpunt, *, gemeenten: list[str], rooster=None) -> str:
    """The <script> with a steunpunt's GovernmentService, its SWVs as providers."""
    aanbieders = [
        schemaorg.aanbieder(
            naam=swv.naam, code=swv.code, url=request.build_absolute_uri(swv.get_absolute_url())
        )
        for swv in steunpunt.bediende_swvs
    ]
    data = schemaorg.steunpunt_dienst(
        steunpunt,
        url=request.build_absolute_uri(steunpunt.get_absolute_url()),
        gemeenten=gemeenten,
        aanbieders=aanbieders,
        rooster=rooster,
    )
    return schemaorg.as_script(data)


def swv_jsonld(request, swv, *, steunpunten, gemeenten: list[str]) -> str:
    """The <script> with an SWV's Organization and the steunpunten it offers."""
    url = request.build_absolute_uri(swv.get_absolute_url())
    zelf = schemaorg.aanbieder(naam=swv.naam, code=swv.code, url=url)
    diensten = [
        schemaorg.steunpunt_dienst(
            kaart, url=request.build_absolute_uri(kaart.url), gemeenten=(), aanbieders=[zelf]
        )
        for kaart in steunpunten
    ]
    return schemaorg.as_script(
        schemaorg.swv_organisatie(swv, url=url, gemeenten=gemeenten, diensten=diensten)
    )


def waar(steunpunt, gemeenten: list[str]) -> str:
    """Where a steunpunt helps, for its title: its town, a gemeente or two, else its provinces."""
    if steunpunt.plaats:
        return steunpunt.plaats
    if 0 < len(gemeenten) <= GEMEENTEN_IN_TITEL:
        return get_text_list(gemeenten, _("en"))
    provincies = sorted({swv.provincie_naam for swv in steunpunt.bediende_swvs})
    return get_text_list(provincies, _("en"))


def steunpunt_gemeenten(steunpunt) -> list[str]:
    """The gemeenten a steunpunt serves: those of the SWVs it serves."""
    return gemeenten_of([swv.pk for swv in steunpunt.bediende_swvs])


def poster_tijden(rooster) -> dict:
    """When a steunpunt can be reached, for a poster (paper, so no "now"): the days of the week
    with hours (phone, else its own), the closures ahead and its notice."""
    kanaal = "telefoon" if rooster.heeft_tijden("telefoon") else None
    dagen = [dag for dag in bereikbaarheid.week(rooster, kanaal=kanaal) if not dag.gesloten]
    return {
        "dagen": dagen,
        "dicht": bereikbaarheid.uitzonderingen(rooster, dagen=42) if dagen else [],
        "melding": rooster.melding,
        "gesloten": rooster.status == BereikbaarheidStatus.GESLOTEN,
    }


def school_kaarten(antwoord: Antwoord) -> list[SteunpuntKaart]:
    """The steunpunten a school's page shows, each once (one serving PO and VO counts once)."""
    seen, kaarten = set(), []
    for blok in answer_blocks(antwoord):
        for kaart in blok.steunpunten:
            if kaart.pk not in seen:
                seen.add(kaart.pk)
                kaarten.append(kaart)
    return kaarten


def qr_voor(request, path: str) -> dict:
    """The QR code of a poster for this page: the address it holds and its SVG."""
    url = poster.poster_url(request.build_absolute_uri(path))
    titel = _("QR-code naar %(adres)s") % {"adres": request.build_absolute_uri(path)}
    return {"url": url, "svg": poster.qr_svg(url, titel=titel), "kort": _kort(request, path)}


def _kort(request, path: str) -> str:
    """The page's address as printed under the code: without https://."""
    return request.build_absolute_uri(path).split("://", 1)[-1]


def insluitcode(request, *, vestigingscode: str = "") -> dict:
    """The snippet a school copies: an iframe of the search page, or of its own steunpunt."""
    if vestigingscode:
        path = reverse("zoeken:insluiten_school", args=[vestigingscode])
    else:
        path = reverse("zoeken:insluiten")
    src = request.build_absolute_uri(path)
    titel = _("Ouder- en jeugdsteunpunt passend onderwijs zoeken (Vindplek)")
    code = (
        f'<iframe src="{escape(src)}" title="{escape(titel)}" width="100%" '
        f'height="{FRAME_HOOGTE}" loading="lazy"></iframe>'
    )
    return {"src": src, "code": code, "path": path, "hoogte": FRAME_HOOGTE}


def schoolgids_zin(kaart: SteunpuntKaart | None, *, vindplek: str) -> str:
    """The sentence a school puts in its schoolgids: its steunpunt and how to reach it."""
    if kaart is None:
        return _(
            "Loopt het op school niet zoals het moet voor uw kind, en komt u er samen met ons "
            "niet uit? Dan kunt u terecht bij het onafhankelijke ouder- en jeugdsteunpunt van uw "
            "regio. Op %(adres)s vindt u welk steunpunt dat is en hoe u het bereikt."
        ) % {"adres": vindplek}
    zinnen = [
        _(
            "Loopt het op school niet zoals het moet voor uw kind, en komt u er samen met ons "
            "niet uit? Dan kunt u terecht bij %(naam)s, het onafhankelijke ouder- en "
            "jeugdsteunpunt van onze regio."
        )
        % {"naam": kaart.naam}
    ]
    if kaart.telefoon and kaart.telefonisch_bereikbaar:
        zinnen.append(
            _("Bel %(telefoon)s (%(tijden)s).")
            % {"telefoon": kaart.telefoon, "tijden": kaart.telefonisch_bereikbaar}
        )
    elif kaart.telefoon:
        zinnen.append(_("Bel %(telefoon)s.") % {"telefoon": kaart.telefoon})
    if kaart.email:
        zinnen.append(_("Mail %(email)s.") % {"email": kaart.email})
    zinnen.append(_("Alle gegevens staan op %(adres)s.") % {"adres": vindplek})
    return " ".join(zinnen)
