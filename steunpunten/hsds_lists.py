"""The lists of the HSDS API: their parameters, filters and pages.

A list answers with the `Page` of the HSDS OpenAPI (total_items, total_pages, page_number, size,
first_page, last_page, empty, contents). Parameters: `page` and `per_page` everywhere,
`modified_after`, `organization_id` and (for service_at_locations) `postcode`. A bad parameter
raises ParameterError with a Dutch message; the API answers it with 400. Filters HSDS describes
but Vindplek cannot honour (full text, taxonomies, proximity) are refused the same way rather
than ignored, so that no client takes an unfiltered list for a filtered one.
"""

import datetime
import math
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from .hsds import Catalogus, service_summary
from .models import Postcodegebied
from .postcode import PostcodeError, parse_postcode

PER_PAGE = 50
MAX_PER_PAGE = 500
NOT_SUPPORTED = ("search", "taxonomy_term_id", "taxonomy_id", "proximity")
# "…+01:00" arrives as "… 01:00" when a client did not encode the plus sign.
_LOST_PLUS = re.compile(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")


class ParameterError(ValueError):
    """A list parameter that cannot be used; the message is Dutch and for people."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Lijstvraag:
    """What a client asked of a list, checked."""

    page: int = 1
    per_page: int = PER_PAGE
    modified_after: datetime.datetime | None = None
    organization_id: str | None = None
    # The SWV codes of the postcode asked for (None: no postcode filter).
    swv_codes: frozenset[str] | None = None
    # full=true: every item fully nested.
    full: bool = False


def parse_list_query(params: Mapping[str, str], *, postcode: bool = False) -> Lijstvraag:
    """Check the parameters of a list; raise ParameterError for the first bad one."""
    for name in NOT_SUPPORTED:
        if params.get(name):
            raise ParameterError(
                _("De parameter %(naam)s kan Vindplek (nog) niet gebruiken. Laat hem weg.")
                % {"naam": name}
            )
    if (params.get("format") or "json").strip().lower() != "json":
        raise ParameterError(_("Vindplek geeft alleen format=json, in pagina's."))
    return Lijstvraag(
        full=_boolean(params.get("full"), name="full"),
        page=_whole_number(params.get("page"), default=1, name="page"),
        per_page=min(
            _whole_number(params.get("per_page"), default=PER_PAGE, name="per_page"),
            MAX_PER_PAGE,
        ),
        modified_after=parse_modified_after(params.get("modified_after")),
        organization_id=_uuid(params.get("organization_id")),
        swv_codes=swv_codes_for_postcode(params.get("postcode")) if postcode else None,
    )


def _whole_number(value: str | None, *, default: int, name: str) -> int:
    if value is None or not value.strip():
        return default
    text = value.strip()
    if not re.fullmatch(r"[0-9]{1,9}", text) or int(text) < 1:
        raise ParameterError(
            _("%(naam)s moet een heel getal van 1 of meer zijn, bijvoorbeeld 2.") % {"naam": name}
        )
    return int(text)


def _boolean(value: str | None, *, name: str) -> bool:
    text = (value or "").strip().lower()
    if text in ("", "false", "0"):
        return False
    if text in ("true", "1"):
        return True
    raise ParameterError(_("%(naam)s moet true of false zijn.") % {"naam": name})


def parse_modified_after(value: str | None) -> datetime.datetime | None:
    """An ISO 8601 date or date-time; without a time zone it is Dutch time."""
    if value is None or not value.strip():
        return None
    text = _LOST_PLUS.sub(r"\1+\2", value.strip())
    try:
        moment = datetime.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        raise ParameterError(
            _(
                "modified_after moet een datum of tijdstip zijn zoals 2026-01-31 of "
                "2026-01-31T09:00:00+01:00."
            )
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def _uuid(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        raise ParameterError(
            _("organization_id moet een id van een organisatie uit deze API zijn (een UUID).")
        ) from None


def swv_codes_for_postcode(value: str | None) -> frozenset[str] | None:
    """The SWVs whose area holds this postcode (PC4 or full); empty for a postcode no SWV has."""
    if value is None or not value.strip():
        return None
    try:
        postcode = parse_postcode(value)
    except PostcodeError as error:
        raise ParameterError(str(error.message)) from None
    row = (
        Postcodegebied.objects.filter(pc4=postcode.pc4)
        .values_list("swv_po__code", "swv_vo__code")
        .first()
    )
    return frozenset(code for code in row or () if code)


def matching_services(catalogus: Catalogus, vraag: Lijstvraag) -> list[dict]:
    """The services that pass every filter asked for, in the catalogue's order."""
    found = list(catalogus.services)
    if vraag.modified_after is not None:
        found = [s for s in found if catalogus.gewijzigd[s["id"]] >= vraag.modified_after]
    if vraag.organization_id is not None:
        organization = catalogus.organization(vraag.organization_id)
        code = organization["ojs_swv_code"] if organization else ""
        ids = set(catalogus.services_per_swv.get(code, ()))
        found = [s for s in found if s["id"] in ids]
    if vraag.swv_codes is not None:
        ids = {i for code in vraag.swv_codes for i in catalogus.services_per_swv.get(code, ())}
        found = [s for s in found if s["id"] in ids]
    return found


def service_at_locations(services: list[dict], *, full: bool = False) -> list[dict]:
    """Each service at each of its locations, with the location's and the service's own
    fields (HSDS compiled/service_at_location_list.json), or everything with `full`."""
    return [
        {
            **{k: v for k, v in link.items() if k != "location"},
            "location": (
                link["location"]
                if full
                else {k: v for k, v in link["location"].items() if k != "addresses"}
            ),
            "service": service if full else service_summary(service),
        }
        for service in services
        for link in service.get("service_at_locations", ())
    ]


def page_of(items: Sequence, vraag: Lijstvraag) -> dict:
    """One page of a list as the HSDS OpenAPI's Page; a page past the last one is empty."""
    total_pages = math.ceil(len(items) / vraag.per_page)
    start = (vraag.page - 1) * vraag.per_page
    contents = list(items[start : start + vraag.per_page])
    return {
        "total_items": len(items),
        "total_pages": total_pages,
        "page_number": vraag.page,
        "size": len(contents),
        "first_page": vraag.page == 1,
        "last_page": vraag.page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }
