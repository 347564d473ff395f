""" "Voelde u zich gesteund?": one-time codes, the answers given with them, and their results.

A code is 8 characters from an alphabet without look-alikes (no 0/O, no 1/I/L), so it can be
read out over the phone. It is stored only as a keyed hash (HMAC-SHA256 with a key derived
from SECRET_KEY): a copy of the database does not give the codes, and without the key nobody
can test guesses against it. A code knows its steunpunt and the last day it works (60 days),
and nothing of the contact it was handed out after; an answer keeps the steunpunt, the month
and the three choices, and no link back to the code.
"""

import datetime
import secrets
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from . import limieten
from .cache import bump_data_version
from .models import Ervaring, ErvaringCode, Steunpunt, first_of_month

ALFABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTE = 8
GELDIG_DAGEN = 60
# The key of the hash is derived from SECRET_KEY under this name, so it is used for nothing else.
HASH_SLEUTEL = "vindplek.ervaring.code"
# At most this many codes at once (a printed sheet holds 10).
MAX_PER_KEER = 50


class Probleem(Enum):
    """Why a code is refused; each has its own plain message."""

    ONBEKEND = "onbekend"
    GEBRUIKT = "gebruikt"
    VERLOPEN = "verlopen"


MELDINGEN = {
    Probleem.ONBEKEND: _(
        "Deze code kennen we niet. Kijk of u de code goed heeft overgenomen: 8 tekens, "
        "letters en cijfers. Hoofdletters en spaties maken niet uit."
    ),
    Probleem.GEBRUIKT: _(
        "Met deze code is al geantwoord. Een code werkt één keer. Dank u wel voor uw antwoord."
    ),
    Probleem.VERLOPEN: _(
        "Deze code is verlopen. Een code werkt 60 dagen. Wilt u toch iets laten weten? "
        "Vraag het steunpunt om een nieuwe code."
    ),
}


class CodeFout(ValueError):
    """A code that cannot be used; `str()` is the plain Dutch (or English) message."""

    def __init__(self, probleem: Probleem):
        self.probleem = probleem
        super().__init__(str(MELDINGEN[probleem]))


def normalise_code(text: str) -> str | None:
    """The code in its stored form (8 capitals), ignoring case, spaces and dashes; else None."""
    code = "".join(text.split()).replace("-", "").upper()
    if len(code) != LENGTE or any(char not in ALFABET for char in code):
        return None
    return code


def format_code(code: str) -> str:
    """The code as people read it: two groups of four ("K7QM 4XTB")."""
    return f"{code[:4]} {code[4:]}"


def code_hash(code: str, *, secret: str | None = None) -> str:
    """The keyed hash a code is stored as (HMAC-SHA256 under a key derived from SECRET_KEY)."""
    return salted_hmac(HASH_SLEUTEL, code, secret=secret, algorithm="sha256").hexdigest()


def _hashes(code: str) -> list[str]:
    # After a change of SECRET_KEY the old key (in SECRET_KEY_FALLBACKS) still finds a code.
    secrets_ = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [code_hash(code, secret=secret) for secret in secrets_]


def new_code() -> str:
    """A random code (8 of 31 characters: about 8.5 × 10^11 possibilities)."""
    return "".join(secrets.choice(ALFABET) for _ in range(LENGTE))


def last_day(today: datetime.date | None = None) -> datetime.date:
    """The last day a code made today works."""
    return (today or timezone.localdate()) + datetime.timedelta(days=GELDIG_DAGEN)


def codes_create(
    *, steunpunt: Steunpunt, aantal: int = 1, today: datetime.date | None = None
) -> list[str]:
    """Make `aantal` new codes for this steunpunt and return them; only their hashes are kept."""
    if not 1 <= aantal <= MAX_PER_KEER:
        raise ValueError(f"aantal must be 1 to {MAX_PER_KEER}")
    geldig_tot = last_day(today)
    codes: list[str] = []
    while len(codes) < aantal:
        code = new_code()
        try:
            with transaction.atomic():
                ErvaringCode.objects.create(
                    hash=code_hash(code), steunpunt=steunpunt, geldig_tot=geldig_tot
                )
        except IntegrityError:  # the same hash already exists: practically never, draw again
            continue
        codes.append(code)
    return codes


def code_check(text: str, *, today: datetime.date | None = None) -> ErvaringCode:
    """The unused, valid code typed as `text`; raises CodeFout saying why not."""
    code = normalise_code(text)
    found = None
    if code is not None:
        found = (
            ErvaringCode.objects.filter(hash__in=_hashes(code)).select_related("steunpunt").first()
        )
    if found is None:
        raise CodeFout(Probleem.ONBEKEND)
    if found.gebruikt:
        raise CodeFout(Probleem.GEBRUIKT)
    if found.geldig_tot < (today or timezone.localdate()):
        raise CodeFout(Probleem.VERLOPEN)
    return found


@dataclass(frozen=True)
class Antwoorden:
    """The three answers, as the form gives them."""

    gesteund: int
    weet_verder: str
    aanbevelen: str


def ervaring_record(
    *, code: str, antwoorden: Antwoorden, today: datetime.date | None = None
) -> Ervaring:
    """Use the code once and store the answers for its steunpunt and this month.

    The code is marked used by one conditional UPDATE, so of two requests at the same moment
    only one stores answers; the other gets CodeFout(GEBRUIKT). The answer keeps no link to it.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        gevonden = code_check(code, today=today)
        if not ErvaringCode.objects.filter(pk=gevonden.pk, gebruikt=False).update(gebruikt=True):
            raise CodeFout(Probleem.GEBRUIKT)
        ervaring = Ervaring.objects.create(
            steunpunt_id=gevonden.steunpunt_id,
            maand=first_of_month(today),
            gesteund=antwoorden.gesteund,
            weet_verder=antwoorden.weet_verder,
            aanbevelen=antwoorden.aanbevelen,
        )
        # The national figures on the public /overzicht/ include the answers.
        transaction.on_commit(bump_data_version)
    return ervaring


def max_wrong_per_hour() -> int:
    """Wrong codes a client may try in an hour (VINDPLEK_ERVARING_POGINGEN_PER_UUR)."""
    return int(getattr(settings, "VINDPLEK_ERVARING_POGINGEN_PER_UUR", 10))


def guessing_blocked(request: HttpRequest) -> bool:
    """True when this client (an IPv4 address or IPv6 /64) tried too many wrong codes this hour.

    The count lives in the rate-limit table under a hash of the client, like the reports'; the
    address itself is never stored, and the count is gone after the hour.
    """
    return limieten.limit_reached(limieten.client_key(request, "ervaring"), max_wrong_per_hour())


def wrong_code_count(request: HttpRequest) -> None:
    """Count one wrong code for this client in this hour."""
    limieten.take_slot(limieten.client_key(request, "ervaring"), max_wrong_per_hour())
