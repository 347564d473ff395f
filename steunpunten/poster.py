"""The poster of a steunpunt: its QR code, made on the server, and the visits the code brings.

The QR code holds the page's address with `?via=poster`. A visit that arrives that way adds one
to its steunpunt's counter of the month; nothing about the visitor is kept (no IP address, no
cookie, no time of day). The page then sends the visitor on to its clean address, so a reload or
a shared link does not count again. The counters are not public data: they move no data version.
"""

import datetime
from collections.abc import Iterable

import segno
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import PosterBezoek

VIA = "via"
VIA_POSTER = "poster"
# Programs that fetch a page without a person behind it, by a word in their User-Agent.
ROBOTS = ("bot", "crawl", "spider", "slurp", "facebookexternalhit", "preview")
# Headers with which browsers announce a prefetch or a preview of a link.
PURPOSE_HEADERS = ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")


def qr_svg(url: str, *, titel: str) -> str:
    """The QR code of this address as inline SVG: one unit a module, sized by the page's CSS."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=1, border=4, title=titel, omitsize=True, svgclass="qr-code")


def poster_url(page_url: str) -> str:
    """The address a poster's QR code holds: the page's own address, marked as from a poster."""
    return f"{page_url}?{VIA}={VIA_POSTER}"


def came_from_poster(query) -> bool:
    """True when the query string says the visit came through a poster's QR code."""
    return query.get(VIA) == VIA_POSTER


def counts_as_visit(request) -> bool:
    """A person opening the page: a GET that is no prefetch or preview, and no known robot."""
    if request.method != "GET":
        return False
    purpose = " ".join(request.headers.get(name, "") for name in PURPOSE_HEADERS).lower()
    if "prefetch" in purpose or "preview" in purpose or "prerender" in purpose:
        return False
    agent = request.headers.get("User-Agent", "").lower()
    return not any(word in agent for word in ROBOTS)


def month_of(moment: datetime.datetime | None = None) -> datetime.date:
    """The first day of the month of this moment (now by default), in the Netherlands' time."""
    return timezone.localdate(moment).replace(day=1)


def record_poster_visit(*, steunpunt_ids: Iterable[int], moment=None) -> None:
    """Add one visit this month to the poster counter of each of these steunpunten (atomically)."""
    maand = month_of(moment)
    for steunpunt_id in sorted(set(steunpunt_ids)):
        rows = PosterBezoek.objects.filter(steunpunt_id=steunpunt_id, maand=maand)
        if rows.update(aantal=F("aantal") + 1):
            continue
        try:
            with transaction.atomic():
                PosterBezoek.objects.create(steunpunt_id=steunpunt_id, maand=maand, aantal=1)
        except IntegrityError:  # another visit made this month's row first
            rows.update(aantal=F("aantal") + 1)


def recent_months(count: int, *, moment=None) -> list[datetime.date]:
    """The first days of this month and the months before it, newest first."""
    months = [month_of(moment)]
    while len(months) < count:
        months.append((months[-1] - datetime.timedelta(days=1)).replace(day=1))
    return months


def recent_visits(steunpunt_ids: Iterable[int], *, months: int = 3, moment=None) -> dict:
    """Per steunpunt id: [(month, visits)] for this month and the ones before, zeros included."""
    wanted = recent_months(months, moment=moment)
    ids = list(steunpunt_ids)
    counted = {
        (row.steunpunt_id, row.maand): row.aantal
        for row in PosterBezoek.objects.filter(steunpunt_id__in=ids, maand__in=wanted)
    }
    return {pk: [(maand, counted.get((pk, maand), 0)) for maand in wanted] for pk in ids}
