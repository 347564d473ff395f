"""The read-only JSON API (/api/v1/): the same search and lists as the pages, open to any site."""

from functools import wraps

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from steunpunten import hsds, hsds_lists, hsds_openapi
from steunpunten.fouten import fout, method_not_allowed
from steunpunten.http import public_page
from steunpunten.models import Samenwerkingsverband, Steunpunt

from . import landelijk, school_search, search, suggesties, throttle
from .antwoord import (
    Antwoord,
    SchoolKaart,
    SchoolKeuze,
    SteunpuntKaart,
    SwvKaart,
    Uitkomst,
    filter_answer,
    steunpunt_card,
)
from .filters import SamenwerkingsverbandFilter, SteunpuntFilter, result_filters
from .index import current_index

PAGE_SIZE = 50


ALLOWED_METHODS = ["GET", "HEAD", "OPTIONS"]


def open_for_reading(view):
    """Allow GET from any origin (CORS); answer preflight requests; refuse other methods (JSON)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ALLOWED_METHODS:
            response = method_not_allowed(request, ALLOWED_METHODS)
        elif request.method == "OPTIONS":
            response = HttpResponse(status=204)
        elif not throttle.allow(request):
            response = too_many_requests()
        else:
            response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Max-Age"] = "86400"
        return response

    return wrapper


def too_many_requests() -> JsonResponse:
    """429 with Retry-After: this client asked more than VINDPLEK_API_PER_MINUUT this minute."""
    wait = throttle.seconds_left()
    response = fout(
        _("Te veel verzoeken van uw adres. Probeer het over %(seconden)s seconden opnieuw.")
        % {"seconden": wait},
        429,
    )
    response["Retry-After"] = str(wait)
    return response


# Outcomes the API answers with 404 and the message the results page shows for them.
NIET_GEVONDEN = (Uitkomst.ONBEKEND, Uitkomst.POSTBUS, Uitkomst.PLAATS_ONBEKEND)


@open_for_reading
@public_page
def zoeken(request):
    try:
        antwoord = search.answer(request.GET.get("q", ""), request=request)
    except search.ZoekvraagError as error:
        return fout(error.message, 400)
    if antwoord is None:
        return fout(_("Vul een postcode (1234 AB) of de naam van een plaats of gemeente in."), 400)
    antwoord = filter_answer(antwoord, **result_filters(request.GET))
    if antwoord.uitkomst in NIET_GEVONDEN:
        return fout(antwoord.melding, 404)
    return JsonResponse(answer_json(request, antwoord))


def answer_json(request, antwoord: Antwoord) -> dict:
    """The answer as the API gives it."""
    data = {
        "zoekterm": antwoord.zoekterm,
        "uitkomst": str(antwoord.uitkomst),
        "postcode": antwoord.postcode,
        "pc4": antwoord.pc4 or None,
        "gemeente": antwoord.gemeente or None,
        "plaats": antwoord.plaats or None,
        "benadering": antwoord.benadering,
        "benaderd_met_pc4": antwoord.benaderd_met or None,
        "toelichting": antwoord.benadering_zin or antwoord.melding or None,
        "herindeling": herindeling_json(antwoord.herindeling),
        "school": school_json(request, antwoord.school) if antwoord.school else None,
        "bedoeld": antwoord.bedoeld or None,
        "andere_naam": antwoord.andere_naam.zin if antwoord.andere_naam else None,
        "wijk": antwoord.wijk_zin or None,
        "provincie": provincie_json(request, antwoord),
        "buiten_regio": antwoord.eiland.naam if antwoord.eiland else None,
    }
    if antwoord.school_keuzes:
        data["keuzes"] = [school_json(request, keuze) for keuze in antwoord.school_keuzes]
        data["plaats_keuzes"] = [keuze_json(keuze) for keuze in antwoord.keuzes]
        return data
    if antwoord.uitkomst in (Uitkomst.PROVINCIE, Uitkomst.BUITEN_REGIO):
        data["keuzes"] = [keuze_json(keuze) for keuze in antwoord.keuzes]
        return data
    if antwoord.andere_delen:
        data["andere_delen"] = [keuze_json(keuze) for keuze in antwoord.andere_delen]
    if antwoord.uitkomst == Uitkomst.KEUZES:
        data["keuzes"] = [keuze_json(keuze) for keuze in antwoord.keuzes]
        return data
    data["samenwerkingsverbanden"] = {
        "po": swv_json(request, antwoord.po),
        "vo": swv_json(request, antwoord.vo),
    }
    data["in_de_buurt"] = [
        {**steunpunt_json(request, item.steunpunt), "afstand_km": item.afstand_km}
        for item in antwoord.in_de_buurt
    ]
    return data


def provincie_json(request, antwoord: Antwoord) -> dict | None:
    """The province asked for, or one that shares the place's name, with its page."""
    if not antwoord.provincie:
        return None
    return {
        "slug": antwoord.provincie,
        "naam": antwoord.provincie_naam,
        "url": request.build_absolute_uri(antwoord.provincie_url),
    }


def school_json(request, school: SchoolKaart | SchoolKeuze) -> dict:
    """A school as the API gives it, in an answer, a choice list or a look-up."""
    return {
        "vestigingscode": school.vestigingscode,
        "naam": school.naam,
        "soort": school.soort,
        "adres": school.adres,
        "plaats": school.plaats,
        "url": school_url(request, school.vestigingscode),
        "zoekterm": school.vestigingscode,
    }


def school_url(request, vestigingscode: str) -> str:
    return request.build_absolute_uri(reverse("zoeken:school", args=[vestigingscode]))


def keuze_json(keuze) -> dict:
    return {
        "naam": keuze.naam,
        "label": keuze.label,
        "gemeente": keuze.gemeente,
        "provincie": keuze.provincie_naam,
        "plaatsen": list(keuze.plaatsen),
        "pc4_van": keuze.pc4_van,
        "pc4_tot": keuze.pc4_tot,
        # The PC4s as ranges that hold no other option's postcode ("8529–8637, 8650–9021").
        "postcodes": keuze.postcode_tekst,
        "zoekterm": keuze.zoekterm,
    }


def herindeling_json(herindeling) -> dict | None:
    """An old gemeente name that was searched for, and what it is now."""
    if herindeling is None:
        return None
    return {
        "oude_gemeente": herindeling.oud,
        "jaar": herindeling.jaar,
        "gemeenten": list(herindeling.gemeenten),
        "toelichting": herindeling.zin,
    }


def swv_json(request, swv: SwvKaart | None) -> dict | None:
    if swv is None:
        return None
    return {
        "code": swv.code,
        "leesbare_code": swv.leesbare_code,
        "naam": swv.naam,
        "sector": swv.sector,
        "provincie": swv.provincie,
        "heeft_steunpunt": swv.heeft_steunpunt,
        "url": request.build_absolute_uri(swv.url),
        "website": swv.website,
        "email": swv.email,
        "telefoon": swv.telefoon,
        "steunpunten": [steunpunt_json(request, s) for s in swv.steunpunten],
        **zonder_steunpunt_json(bool(swv.steunpunten)),
    }


def zonder_steunpunt_json(heeft_steunpunten: bool) -> dict:
    """For an SWV without a steunpunt on Vindplek: why, and who helps meanwhile (else empty)."""
    if heeft_steunpunten:
        return {"toelichting": None, "landelijke_hulp": []}
    return {
        "toelichting": str(landelijk.NIET_OP_VINDPLEK),
        "landelijke_hulp": [
            {"naam": str(h.naam), "wat": str(h.wat), "telefoon": h.telefoon, "website": h.website}
            for h in landelijk.INTUSSEN
        ],
    }


def steunpunt_json(request, kaart: SteunpuntKaart) -> dict:
    return {
        "naam": kaart.naam,
        "slug": kaart.slug,
        "url": request.build_absolute_uri(kaart.url),
        "status": kaart.status,
        "herkomst": kaart.herkomst,
        "bron_url": kaart.bron_url,
        # Kept for existing users of the API: the same as herkomst == "voorbeeld".
        "demo": kaart.voorbeeld,
        "voor_ouders": kaart.voor_ouders,
        "voor_jongeren": kaart.voor_jongeren,
        "voor_po": kaart.voor_po,
        "voor_vo": kaart.voor_vo,
        "telefoon": kaart.telefoon,
        "email": kaart.email,
        "website": kaart.website,
        "contactformulier": kaart.contactformulier,
        "telefonisch_bereikbaar": kaart.telefonisch_bereikbaar,
        "inloopspreekuur": kaart.inloopspreekuur,
        "alleen_online": kaart.alleen_online,
        "adres": kaart.adres,
        "plaats": kaart.plaats,
        "gecontroleerd_op": kaart.gecontroleerd_op.isoformat() if kaart.gecontroleerd_op else None,
        "mogelijk_verouderd": kaart.mogelijk_verouderd,
        "samenwerkingsverbanden": list(kaart.swv_codes),
    }


def paginated(request, queryset, to_json) -> JsonResponse:
    """One page of a list as {aantal, pagina, paginas, vorige, volgende, resultaten}."""
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("pagina") or 1)
    except PageNotAnInteger:
        return fout(_("Het paginanummer moet een heel getal zijn, bijvoorbeeld 2."), 400)
    except EmptyPage:
        return fout(_("Deze pagina bestaat niet."), 404)

    def link(number: int) -> str:
        query = request.GET.copy()
        query["pagina"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return JsonResponse(
        {
            "aantal": paginator.count,
            "pagina": page.number,
            "paginas": paginator.num_pages,
            "vorige": link(page.previous_page_number()) if page.has_previous() else None,
            "volgende": link(page.next_page_number()) if page.has_next() else None,
            "resultaten": [to_json(item) for item in page.object_list],
        }
    )


def filter_errors(filterset) -> JsonResponse:
    messages = [str(m) for errors in filterset.errors.values() for m in errors]
    return fout(" ".join(messages), 400)


@open_for_reading
@public_page
def steunpunten(request):
    filterset = SteunpuntFilter(request.GET, queryset=Steunpunt.objects.published())
    if not filterset.is_valid():
        return filter_errors(filterset)
    kaarten = current_index(request).steunpunten

    def to_json(steunpunt: Steunpunt) -> dict:
        # A published steunpunt that serves no SWV is not in the index: its card has no codes.
        kaart = kaarten.get(steunpunt.pk) or steunpunt_card(steunpunt, ())
        return steunpunt_json(request, kaart)

    return paginated(request, filterset.qs.order_by("naam", "pk"), to_json)


@open_for_reading
@public_page
def samenwerkingsverbanden(request):
    queryset = (
        Samenwerkingsverband.objects.order_by("code").with_coverage().with_published_steunpunten()
    )
    filterset = SamenwerkingsverbandFilter(request.GET, queryset=queryset)
    if not filterset.is_valid():
        return filter_errors(filterset)

    def to_json(swv):
        return {
            "code": swv.code,
            "leesbare_code": swv.leesbare_code,
            "naam": swv.naam,
            "sector": swv.sector,
            "provincie": swv.provincie,
            "heeft_steunpunt": swv.heeft_steunpunt,
            "url": request.build_absolute_uri(swv.get_absolute_url()),
            "website": swv.website,
            "email": swv.email,
            "telefoon": swv.telefoon,
            "steunpunten": [
                {
                    "naam": s.naam,
                    "url": request.build_absolute_uri(s.get_absolute_url()),
                    "herkomst": s.herkomst,
                    "bron_url": s.bron_url,
                }
                for s in swv.gepubliceerde_steunpunten
            ],
            **zonder_steunpunt_json(bool(swv.gepubliceerde_steunpunten)),
        }

    return paginated(request, filterset.qs, to_json)


@open_for_reading
@public_page
def scholen_zoeken(request):
    """School look-up by name (with or without place), BRIN or vestigingscode."""
    text = request.GET.get("q", "").strip()
    if len(text) < suggesties.MIN_LENGTH or len(text) > search.MAX_QUERY_LENGTH:
        return fout(
            _("Vul de naam van een school in (minstens 2 tekens), of een BRIN-nummer."), 400
        )
    found = school_search.find_schools(
        text, aliases=search.school_aliases(request=request), request=request
    )
    return JsonResponse(
        {
            "zoekterm": text,
            "aantal": len(found),
            "resultaten": [school_json(request, keuze) for keuze in found],
        }
    )


@open_for_reading
@public_page
def suggesties_zoeken(request):
    """Places and schools for what has been typed so far (the search box's suggestions)."""
    found = suggesties.suggest(request.GET.get("q", ""), request=request)
    response = JsonResponse(
        {
            "suggesties": [
                {
                    "soort": s.soort,
                    "label": s.label,
                    "zoekterm": s.zoekterm,
                    "url": school_url(request, s.zoekterm) if s.soort == "school" else None,
                }
                for s in found
            ]
        }
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


# HSDS 3.0 (/api/hsds/): Open Referral's Human Services Data Specification, with the OJS
# profile. The mapping, filters and pages are in steunpunten/hsds*.py; these views translate.


def _absolute(request, name: str, *args) -> str:
    return request.build_absolute_uri(reverse(f"zoeken:{name}", args=args))


def _catalogus(request) -> hsds.Catalogus:
    return hsds.catalogus(basis_url=request.build_absolute_uri("/"), request=request)


def _hsds_page(request, items, vraag) -> JsonResponse:
    return JsonResponse(hsds_lists.page_of(items, vraag))


def _list_query(request, *, postcode: bool = False):
    """The checked list parameters, or the 400 answer that says what is wrong."""
    try:
        return hsds_lists.parse_list_query(request.GET, postcode=postcode), None
    except hsds_lists.ParameterError as error:
        return None, fout(error.message, 400)


@open_for_reading
@public_page
def hsds_root(request):
    return JsonResponse(
        hsds_openapi.root_json(
            profile_url=_absolute(request, "hsds_profiel"),
            openapi_url=_absolute(request, "hsds_openapi"),
        )
    )


@open_for_reading
@public_page
def hsds_openapi_document(request):
    return JsonResponse(
        hsds_openapi.openapi_json(
            server_url=_absolute(request, "hsds").rstrip("/"),
            documentation_url=_absolute(request, "api") + "#hsds",
        )
    )


@open_for_reading
@public_page
def hsds_profiel(request):
    return JsonResponse(
        hsds_openapi.profile_json(
            patch_url=_absolute(request, "hsds_profiel_bestand", "NAAM").replace("NAAM", "{naam}"),
            documentation_url=_absolute(request, "api") + "#hsds-profiel",
        )
    )


@open_for_reading
@public_page
def hsds_profiel_bestand(request, naam: str):
    patch = hsds_openapi.profile_patches().get(naam)
    if patch is None:
        return fout(_("Dit bestand hoort niet bij het profiel."), 404)
    return JsonResponse(patch)


@open_for_reading
@public_page
def hsds_services(request):
    vraag, error = _list_query(request)
    if error:
        return error
    services = hsds_lists.matching_services(_catalogus(request), vraag)
    items = services if vraag.full else [hsds.service_summary(s) for s in services]
    return _hsds_page(request, items, vraag)


@open_for_reading
@public_page
def hsds_service(request, id: str):
    service = _catalogus(request).service(id)
    if service is None:
        return fout(_("Deze dienst (service) staat niet in de API."), 404)
    return JsonResponse(service)


@open_for_reading
@public_page
def hsds_organizations(request):
    vraag, error = _list_query(request)
    if error:
        return error
    organizations = _catalogus(request).organizations
    return _hsds_page(request, [hsds.organization_summary(o) for o in organizations], vraag)


@open_for_reading
@public_page
def hsds_organization(request, id: str):
    catalogus = _catalogus(request)
    organization = catalogus.organization(id)
    if organization is None:
        return fout(_("Deze organisatie staat niet in de API."), 404)
    if request.GET.get("full_service", "").lower() in ("true", "1"):
        ids = catalogus.services_per_swv.get(organization["ojs_swv_code"], ())
        organization = {**organization, "services": [catalogus.service(i) for i in ids]}
    return JsonResponse(organization)


@open_for_reading
@public_page
def hsds_service_at_locations(request):
    vraag, error = _list_query(request, postcode=True)
    if error:
        return error
    services = hsds_lists.matching_services(_catalogus(request), vraag)
    return _hsds_page(request, hsds_lists.service_at_locations(services, full=vraag.full), vraag)
