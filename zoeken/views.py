"""Public pages. Thin: each view asks a domain module and renders."""

import datetime

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from steunpunten import cache, ervaring, limieten, poster, securitytxt
from steunpunten.bereikbaarheid import ROOSTER_PREFETCH, overzicht, rooster_van
from steunpunten.context_processors import page_in_language
from steunpunten.coverage import overview
from steunpunten.gemeenten import gemeenten_of, provincies_by_swv
from steunpunten.http import framable, public_page
from steunpunten.models import Samenwerkingsverband, Steunpunt
from steunpunten.regio import PROVINCIE_CHOICES, parse_swv_code, provincie_name
from steunpunten.scholen import parse_code

from . import landelijk, search, vindbaar, weergave
from .antwoord import Uitkomst, filter_answer
from .filters import result_filters
from .forms import ErvaringCodeForm, ErvaringForm, VoorScholenForm, WegwijzerForm, ZoekForm
from .index import current_index

STATUS_BY_UITKOMST = {
    Uitkomst.ONBEKEND: 404,
    Uitkomst.POSTBUS: 404,
    Uitkomst.PLAATS_ONBEKEND: 404,
}


@require_safe
@public_page
def home(request):
    return render(
        request, "zoeken/home.html", {"form": ZoekForm(), "provincies": PROVINCIE_CHOICES}
    )


# "Komt u er niet uit?" on a steunpunt page: after school, SWV and steunpunt, in this order.
STEUNPUNT_ROUTE = (
    landelijk.OUDERS_EN_ONDERWIJS,
    landelijk.ONDERWIJSCONSULENTEN,
    landelijk.GESCHILLENCOMMISSIE,
)
# What a region without a steunpunt shows first (templates/zoeken/_nationale_route.html).
NATIONALE_ROUTE = {
    "ouders_en_onderwijs": landelijk.OUDERS_EN_ONDERWIJS,
    "onderwijsconsulenten": landelijk.ONDERWIJSCONSULENTEN,
}


@require_safe
@public_page
def zoeken(request):
    filters = result_filters(request.GET)
    form = ZoekForm(request.GET)
    if not form.is_valid():
        return render(request, "zoeken/zoeken.html", {"form": form}, status=400)
    antwoord = search.answer_for(form.vraag, request=request)
    if antwoord and antwoord.school:
        # One school: its own page is the answer.
        return redirect("zoeken:school", vestigingscode=antwoord.school.vestigingscode)
    getoond = antwoord and filter_answer(antwoord, **filters)
    context = {
        "form": form,
        "antwoord": getoond,
        "filters": filters,
        **NATIONALE_ROUTE,
    }
    if antwoord and antwoord.gevonden:
        plaats_gekozen = weergave.place_confirm(
            pc4=antwoord.pc4, naam=request.GET.get("plaats", "")
        )
        context |= {
            "blokken": weergave.answer_blocks(getoond),
            "filtergroepen": weergave.filters_that_matter(antwoord, active=filters),
            "in_de_buurt": weergave.nearby_shown(getoond),
            "koppen": weergave.headings(
                getoond, plaats_gekozen=plaats_gekozen, provincie=weergave.provincie_of(antwoord)
            ),
            "plaats_gekozen": plaats_gekozen,
        }
    elif antwoord:
        context |= {
            "keuzes": weergave.choice_lines(antwoord.keuzes),
            "in_de_buurt": weergave.nearby_shown(antwoord),
        }
    status = STATUS_BY_UITKOMST.get(antwoord.uitkomst, 200) if antwoord else 200
    return render(request, "zoeken/zoeken.html", context, status=status)


@require_safe
@public_page
def school(request, vestigingscode):
    code = vestigingscode.strip().upper()
    if parse_code(code) != ("vestigingscode", code):
        raise Http404
    if code != vestigingscode:
        return redirect("zoeken:school", vestigingscode=code, permanent=True)
    antwoord = search.answer_for_school(code, request=request)
    if antwoord is None:
        raise Http404
    kaarten = vindbaar.school_kaarten(antwoord)
    if via_poster := poster_visit(request, [kaart.pk for kaart in kaarten]):
        return via_poster
    context = {
        "antwoord": antwoord,
        "blokken": weergave.answer_blocks(antwoord),
        "in_de_buurt": weergave.nearby_shown(antwoord),
        "regio_zin": weergave.school_region(antwoord),
        **NATIONALE_ROUTE,
    }
    return render(request, "zoeken/school.html", context)


@require_safe
@public_page
def steunpunt_detail(request, slug):
    steunpunt = _published_steunpunt(slug)
    if via_poster := poster_visit(request, [steunpunt.pk]):
        return via_poster
    gemeenten = vindbaar.steunpunt_gemeenten(steunpunt)
    rooster = rooster_van(steunpunt)
    contact = overzicht(steunpunt, rooster=rooster)
    context = {
        "steunpunt": steunpunt,
        "route": STEUNPUNT_ROUTE,
        "contact": contact,
        # Nothing on the page to reach it by: the national route goes first in its contact box.
        "zonder_contact": steunpunt.zonder_contact
        and not steunpunt.videogesprek
        and not contact.kanalen,
        **NATIONALE_ROUTE,
        # Not "talen": that is the page in each language (context processor, hreflang links).
        "kanaal_talen": {k.soort: k.talen_tekst for k in contact.kanalen if k.talen},
        "waar": vindbaar.waar(steunpunt, gemeenten),
        "jsonld": vindbaar.steunpunt_jsonld(
            request, steunpunt, gemeenten=gemeenten, rooster=rooster
        ),
    }
    return render(request, "zoeken/steunpunt_detail.html", context)


def poster_visit(request, steunpunt_ids: list[int]) -> HttpResponse | None:
    """A visit through a poster's QR code: counted once (for a person), then sent on to the
    clean address, so a reload or a shared link does not count again. None for other visits."""
    if not poster.came_from_poster(request.GET):
        return None
    if poster.counts_as_visit(request):
        poster.record_poster_visit(steunpunt_ids=steunpunt_ids)
    response = redirect(request.path)
    add_never_cache_headers(response)
    return response


def _published_steunpunt(slug: str) -> Steunpunt:
    swvs = Samenwerkingsverband.objects.order_by("code")
    return get_object_or_404(
        Steunpunt.objects.published().prefetch_related(
            Prefetch("samenwerkingsverbanden", queryset=swvs), *ROOSTER_PREFETCH, "kanalen"
        ),
        slug=slug,
    )


def _poster_regels(kaarten_en_roosters) -> list[dict]:
    """Per steunpunt on a poster: what to show of it and when it can be reached."""
    return [
        {"kaart": kaart, "tijden": vindbaar.poster_tijden(rooster)}
        for kaart, rooster in kaarten_en_roosters
    ]


@require_safe
@public_page
def steunpunt_poster(request, slug):
    steunpunt = _published_steunpunt(slug)
    context = {
        "regels": _poster_regels([(steunpunt, rooster_van(steunpunt))]),
        "titel": steunpunt.naam,
        "qr": vindbaar.qr_voor(request, steunpunt.get_absolute_url()),
        "terug": steunpunt.get_absolute_url(),
    }
    return render(request, "zoeken/poster.html", context)


def _school_answer(request, vestigingscode: str):
    """The answer for a school by its code, or None for a code that is malformed or unknown."""
    code = vestigingscode.strip().upper()
    if parse_code(code) != ("vestigingscode", code):
        return None
    return search.answer_for_school(code, request=request)


@require_safe
@public_page
def school_poster(request, vestigingscode):
    antwoord = _school_answer(request, vestigingscode)
    if antwoord is None:
        raise Http404
    pagina = reverse("zoeken:school", args=[antwoord.school.vestigingscode])
    kaarten = vindbaar.school_kaarten(antwoord)
    context = {
        "regels": _poster_regels((kaart, kaart.rooster) for kaart in kaarten),
        "school": antwoord.school,
        "titel": antwoord.school.naam,
        "qr": vindbaar.qr_voor(request, pagina),
        "terug": pagina,
        **NATIONALE_ROUTE,
    }
    return render(request, "zoeken/poster.html", context)


@require_safe
@public_page
def samenwerkingsverband_detail(request, code):
    parsed = parse_swv_code(code)
    if parsed is None:
        raise Http404
    canonical = parsed.sector + parsed.provincienummer + parsed.volgnummer
    if canonical != code:
        return redirect("zoeken:samenwerkingsverband", code=canonical, permanent=True)
    swv = get_object_or_404(Samenwerkingsverband.objects.with_coverage(), code=canonical)
    gemeenten = gemeenten_of([swv])
    steunpunten = current_index(request).swvs[swv.pk].steunpunten
    context = {
        "swv": swv,
        "gemeenten": gemeenten,
        "steunpunten": steunpunten,
        "jsonld": vindbaar.swv_jsonld(request, swv, steunpunten=steunpunten, gemeenten=gemeenten),
        **NATIONALE_ROUTE,
    }
    return render(request, "zoeken/samenwerkingsverband_detail.html", context)


@require_safe
@public_page
def regio(request):
    return render(request, "zoeken/regio.html", {"overzicht": overview()})


@require_safe
@public_page
def regio_provincie(request, provincie):
    if provincie not in dict(PROVINCIE_CHOICES):
        raise Http404
    # Every SWV with a postcode in this province, also those whose code is of another one.
    provincies = provincies_by_swv()
    here = [pk for pk, slugs in provincies.items() if provincie in slugs]
    swvs = list(
        Samenwerkingsverband.objects.filter(Q(provincie=provincie) | Q(pk__in=here))
        .with_coverage()
        .with_published_steunpunten()
    )
    for swv in swvs:
        swv.ook_in = [
            provincie_name(slug)
            for slug, _naam in PROVINCIE_CHOICES
            if slug != provincie and slug in provincies.get(swv.pk, ())
        ]
    context = {"provincie": provincie, "provincie_naam": provincie_name(provincie), "swvs": swvs}
    return render(request, "zoeken/regio_provincie.html", context)


@require_safe
@public_page
def wegwijzer(request):
    form = WegwijzerForm(request.GET)
    antwoord = None
    if form.is_valid() and form.cleaned_data["school"]:
        antwoord = search.answer_for_school(form.cleaned_data["school"], request=request)
        if antwoord is None:
            form.add_unknown_school()
    elif form.is_valid() and form.cleaned_data["postcode"]:
        antwoord = search.answer(form.cleaned_data["postcode"], request=request)
    blokken = weergave.answer_blocks(antwoord) if antwoord and antwoord.gevonden else ()
    context = {"form": form, "antwoord": antwoord, "blokken": blokken, "route": landelijk.ROUTE}
    return render(request, "zoeken/wegwijzer.html", context, status=200 if form.is_valid() else 400)


@require_safe
@public_page
def over(request):
    return render(request, "zoeken/over.html")


# The date of the accessibility statement: change it whenever the statement is reviewed.
TOEGANKELIJKHEID_VERKLAARD_OP = datetime.date(2026, 11, 28)


@require_safe
@public_page
def toegankelijkheid(request):
    context = {"verklaard_op": TOEGANKELIJKHEID_VERKLAARD_OP}
    return render(request, "zoeken/toegankelijkheid.html", context)


@require_safe
@public_page
def contact(request):
    return render(request, "zoeken/contact.html")


@require_safe
@public_page
def privacy(request):
    context = {"bewaardagen": settings.VINDPLEK_MELDINGEN_BEWAARDAGEN}
    return render(request, "zoeken/privacy.html", context)


@require_safe
@public_page
def api_docs(request):
    return render(request, "zoeken/api.html", {"api_per_minuut": settings.VINDPLEK_API_PER_MINUUT})


# --- "Voelde u zich gesteund?" -------------------------------------------------------------
# These pages set no cookie at all: no session, no language cookie and no CSRF cookie. Django's
# CSRF check needs that cookie, so the form's POST is exempt from it, and safely: CSRF protects a
# logged-in visitor from another site that posts in their name. Here nobody is logged in, and a
# post does nothing without the one-time code, which works once and only its holder knows; a
# site that knew the code could send the answers itself. No page holds a token or a secret but
# the code, and none is cached (the code is in its address).

ERVARING_STATUS = {
    ervaring.Probleem.ONBEKEND: 404,
    ervaring.Probleem.GEBRUIKT: 410,
    ervaring.Probleem.VERLOPEN: 410,
}


def _code_checked(request, code: str):
    """The usable code, or the refusal (CodeFout); a wrong code counts toward the limit."""
    try:
        return ervaring.code_check(code)
    except ervaring.CodeFout as fout:
        if fout.probleem is ervaring.Probleem.ONBEKEND:
            ervaring.wrong_code_count(request)
        return fout


def _te_vaak(request):
    response = render(request, "zoeken/ervaring_te_vaak.html", status=429)
    response["Retry-After"] = str(limieten.seconds_left())
    return response


@never_cache
@require_safe
def ervaring_start(request):
    """Type the code from the card: a usable one leads to the questions."""
    if "code" not in request.GET:
        return render(request, "zoeken/ervaring_code.html", {"form": ErvaringCodeForm()})
    form = ErvaringCodeForm(request.GET)
    if not form.is_valid():
        return render(request, "zoeken/ervaring_code.html", {"form": form}, status=400)
    if ervaring.guessing_blocked(request):
        return _te_vaak(request)
    gevonden = _code_checked(request, form.cleaned_data["code"])
    if isinstance(gevonden, ervaring.CodeFout):
        form.add_error("code", str(gevonden))
        status = ERVARING_STATUS[gevonden.probleem]
        return render(request, "zoeken/ervaring_code.html", {"form": form}, status=status)
    return redirect("zoeken:ervaring", code=form.cleaned_data["code"])


@csrf_exempt  # why: see above
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def ervaring_vragen(request, code):
    """The three questions for a usable code; the answers use it up."""
    if ervaring.guessing_blocked(request):
        return _te_vaak(request)
    gevonden = _code_checked(request, code)
    if isinstance(gevonden, ervaring.CodeFout):
        context = {
            "melding": str(gevonden),
            "al_gebruikt": gevonden.probleem is ervaring.Probleem.GEBRUIKT,
        }
        status = ERVARING_STATUS[gevonden.probleem]
        return render(request, "zoeken/ervaring_probleem.html", context, status=status)
    form = ErvaringForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "steunpunt": gevonden.steunpunt, "code": code}
    if not form.is_bound:
        return render(request, "zoeken/ervaring_vragen.html", context)
    if not form.is_valid():
        return render(request, "zoeken/ervaring_vragen.html", context, status=400)
    try:
        ervaring.ervaring_record(code=code, antwoorden=form.antwoorden())
    except ervaring.CodeFout as fout:  # used at the same moment in another window
        context = {"melding": str(fout), "al_gebruikt": fout.probleem is ervaring.Probleem.GEBRUIKT}
        return render(request, "zoeken/ervaring_probleem.html", context, status=410)
    return redirect("zoeken:ervaring_bedankt")


@require_safe
@public_page
def ervaring_bedankt(request):
    return render(request, "zoeken/ervaring_bedankt.html")


# --- On school websites: the pages any site may show in a frame ------------------------------


@framable
@require_safe
@public_page
def insluiten(request):
    """The small search page for a frame: the answer in short, every link opens on Vindplek."""
    form = ZoekForm(request.GET)
    if not form.is_valid():
        return render(request, "zoeken/insluiten.html", {"form": form}, status=400)
    antwoord = search.answer_for(form.vraag, request=request)
    if antwoord and antwoord.school:
        return redirect("zoeken:insluiten_school", vestigingscode=antwoord.school.vestigingscode)
    context = {"form": form, "antwoord": antwoord, **NATIONALE_ROUTE}
    if antwoord and antwoord.gevonden:
        context["blokken"] = weergave.answer_blocks(antwoord)
    elif antwoord:
        context["keuzes"] = weergave.choice_lines(antwoord.keuzes)
    status = STATUS_BY_UITKOMST.get(antwoord.uitkomst, 200) if antwoord else 200
    return render(request, "zoeken/insluiten.html", context, status=status)


@framable
@require_safe
@public_page
def insluiten_school(request, vestigingscode):
    """One school's steunpunt, for a frame on that school's website."""
    antwoord = _school_answer(request, vestigingscode)
    if antwoord is None:
        # Its own page, not the site's 404: this one may show inside the school's frame.
        context = {"form": ZoekForm(), "onbekend": vestigingscode}
        return render(request, "zoeken/insluiten.html", context, status=404)
    if antwoord.school.vestigingscode != vestigingscode:
        return redirect("zoeken:insluiten_school", vestigingscode=antwoord.school.vestigingscode)
    context = {
        "antwoord": antwoord,
        "school": antwoord.school,
        "blokken": weergave.answer_blocks(antwoord),
        **NATIONALE_ROUTE,
    }
    return render(request, "zoeken/insluiten_school.html", context)


@require_safe
@public_page
def voor_scholen(request):
    """ "Zet de steunpunt-zoeker op uw website": the snippet to copy (for one school with
    ?school=<vestigingscode>) and a sentence for the schoolgids."""
    form = VoorScholenForm(request.GET)
    antwoord = None
    if form.is_valid() and form.cleaned_data["school"]:
        antwoord = _school_answer(request, form.cleaned_data["school"])
        if antwoord is None:
            form.add_unknown_school()
    school = antwoord.school if antwoord else None
    kaarten = vindbaar.school_kaarten(antwoord) if antwoord else []
    vindplek = request.build_absolute_uri(reverse("zoeken:home"))
    context = {
        "form": form,
        "school": school,
        "insluiten": vindbaar.insluitcode(
            request, vestigingscode=school.vestigingscode if school else ""
        ),
        "schoolgids": vindbaar.schoolgids_zin(kaarten[0] if kaarten else None, vindplek=vindplek),
    }
    status = 400 if form.errors else 200
    return render(request, "zoeken/voor_scholen.html", context, status=status)


# --- For search engines and security researchers ------------------------------------------------


@require_safe
def robots_txt(request):
    """Which pages robots may index: all public pages; not beheer, the API or the frames."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    return render(
        request, "robots.txt", {"sitemap": sitemap}, content_type="text/plain; charset=utf-8"
    )


@require_safe
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): whom to tell about a security problem."""
    text = securitytxt.security_txt(
        contact_page=request.build_absolute_uri(reverse("zoeken:contact")),
        canonical=request.build_absolute_uri(request.path),
    )
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def taal_kiezen(request):
    """The old language switch (a form POST): now a plain redirect to the page in that language.

    It sets no cookie and changes nothing, so it needs no CSRF token; `next` must stay on this
    site.
    """
    data = request.POST if request.method == "POST" else request.GET
    language = data.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    target = data.get("next") or request.headers.get("Referer") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return redirect(page_in_language(target, language))


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not; the body also says how the cache is.

    The status code is about the database only: the site works without its cache (slower).
    """
    lines = [f"cache: {cache.cache_state()}"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        body = "\n".join(["database unavailable", *lines]) + "\n"
        return HttpResponse(body, status=503, content_type="text/plain")
    return HttpResponse("\n".join(["ok", *lines]) + "\n", content_type="text/plain")
