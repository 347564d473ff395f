"""Monthly totals from a file (docs/registratie-csv.md): a dry run first, then all or nothing.

`maandtotalen_plan` reads and checks every line without changing anything and says per line
what it would do; `maandtotalen_apply` writes a plan without errors in one transaction. The
same file twice changes nothing the second time.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from .cache import bump_data_version
from .models import Maandtotaal, Steunpunt, Thema
from .registratie import RegistratieError, check_month
from .spreadsheet import SpreadsheetError, read_table

KOLOMMEN = ["maand", "thema", "contacten", "matches"]
NIEUW, GEWIJZIGD, GELIJK, WEG = "nieuw", "gewijzigd", "gelijk", "weg"
_MAAND = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})[-/](\d{4}))\s*$")


@dataclass(frozen=True)
class TotaalRegel:
    """One line of the file: what it will do, or why it cannot."""

    regel: int
    maand: datetime.date | None = None
    thema: Thema | None = None
    contacten: int = 0
    matches: int = 0
    actie: str = ""
    fout: str = ""

    def omschrijving(self) -> str:
        if self.fout:
            return _("regel %(regel)d: FOUT: %(fout)s") % {"regel": self.regel, "fout": self.fout}
        wat = {
            NIEUW: _("nieuw"),
            GEWIJZIGD: _("wordt gewijzigd"),
            GELIJK: _("verandert niet"),
            WEG: _("wordt weggehaald (0 contacten)"),
        }[self.actie]
        return _(
            "regel %(regel)d: %(maand)s, %(thema)s: %(contacten)d contacten, %(matches)d "
            "matches: %(wat)s"
        ) % {
            "regel": self.regel,
            "maand": self.maand.strftime("%m-%Y"),
            "thema": self.thema.naam,
            "contacten": self.contacten,
            "matches": self.matches,
            "wat": wat,
        }


@dataclass(frozen=True)
class TotaalPlan:
    regels: list[TotaalRegel]

    @property
    def fouten(self) -> list[TotaalRegel]:
        return [regel for regel in self.regels if regel.fout]

    @property
    def wijzigingen(self) -> int:
        return sum(regel.actie in (NIEUW, GEWIJZIGD, WEG) for regel in self.regels)

    def samenvatting(self) -> str:
        telling = Counter(regel.actie or "fout" for regel in self.regels)
        return _(
            "%(nieuw)d nieuw, %(gewijzigd)d gewijzigd, %(weg)d weggehaald, %(gelijk)d gelijk, "
            "%(fout)d met een fout"
        ) % {
            "nieuw": telling[NIEUW],
            "gewijzigd": telling[GEWIJZIGD],
            "weg": telling[WEG],
            "gelijk": telling[GELIJK],
            "fout": telling["fout"],
        }


def parse_month(text: str) -> datetime.date:
    """ "2026-03" or "03-2026" as 1 March 2026; ValueError with a Dutch message otherwise."""
    match = _MAAND.match(text or "")
    if match:
        jaar, maand = (match[1], match[2]) if match[1] else (match[4], match[3])
        if 1 <= int(maand) <= 12:
            return datetime.date(int(jaar), int(maand), 1)
    raise ValueError(_("maand “%s” niet begrepen; schrijf bijvoorbeeld 2026-03") % text)


def _count(text: str, naam: str) -> int:
    value = (text or "").strip()
    if not value.isdigit():
        raise ValueError(
            _("%(naam)s “%(waarde)s” is geen heel getal van 0 of meer")
            % {
                "naam": naam,
                "waarde": value,
            }
        )
    return int(value)


def _theme(text: str, themas: dict[str, Thema]) -> Thema:
    thema = themas.get((text or "").strip().lower())
    if thema is None:
        raise ValueError(_("onbekend thema “%s”; gebruik de code uit de lijst") % text)
    if not thema.actief:
        raise ValueError(_("het thema “%s” is niet meer in gebruik") % thema.naam)
    return thema


def _plan_line(rij, *, themas, bestaand, today) -> TotaalRegel:
    waarden = rij.waarden
    try:
        maand = check_month(parse_month(waarden.get("maand", "")), today=today)
        thema = _theme(waarden.get("thema", ""), themas)
        contacten = _count(waarden.get("contacten", ""), _("contacten"))
        matches = _count(waarden.get("matches", ""), _("matches"))
    except RegistratieError as error:
        return TotaalRegel(rij.regel, fout=str(error))
    except ValueError as error:
        return TotaalRegel(rij.regel, fout=str(error))
    if matches > contacten:
        return TotaalRegel(rij.regel, fout=_("meer matches dan contacten"))
    nu = bestaand.get((maand, thema.pk))
    if contacten == 0:
        actie = GELIJK if nu is None else WEG
    else:
        actie = NIEUW if nu is None else GELIJK if nu == (contacten, matches) else GEWIJZIGD
    return TotaalRegel(rij.regel, maand, thema, contacten, matches, actie)


def maandtotalen_plan(
    data: bytes, *, filename: str, steunpunt: Steunpunt, today: datetime.date | None = None
) -> TotaalPlan:
    """Check every line of the file against what is stored, changing nothing (the dry run)."""
    try:
        rijen = read_table(data, filename=filename, columns=KOLOMMEN)
    except SpreadsheetError as error:
        return TotaalPlan([TotaalRegel(error.regel, fout=error.tekst)])
    themas = {}
    for thema in Thema.objects.all():
        themas[thema.code.lower()] = themas[thema.naam.lower()] = thema
    bestaand = {
        (row.maand, row.thema_id): (row.contacten, row.matches)
        for row in Maandtotaal.objects.filter(steunpunt=steunpunt)
    }
    today = today or datetime.date.today()
    regels, gezien = [], {}
    for rij in rijen:
        regel = _plan_line(rij, themas=themas, bestaand=bestaand, today=today)
        if not regel.fout:
            sleutel = (regel.maand, regel.thema.pk)
            if sleutel in gezien:
                fout = _("deze maand en dit thema staan ook op regel %d") % gezien[sleutel]
                regel = TotaalRegel(rij.regel, fout=fout)
            else:
                gezien[sleutel] = rij.regel
        regels.append(regel)
    if not regels:
        regels.append(TotaalRegel(1, fout=_("het bestand bevat geen regels met totalen")))
    return TotaalPlan(regels)


class MaandtotaalImportError(ValueError):
    """The file has errors: nothing was changed."""


@transaction.atomic
def maandtotalen_apply(plan: TotaalPlan, *, steunpunt: Steunpunt) -> int:
    """Write every line of an error-free plan in one transaction; returns the lines changed."""
    if plan.fouten:
        raise MaandtotaalImportError(_("Het bestand heeft fouten; er is niets veranderd."))
    veranderd = 0
    for regel in plan.regels:
        if regel.actie == GELIJK:
            continue
        if regel.contacten == 0:
            Maandtotaal.objects.filter(
                steunpunt=steunpunt, maand=regel.maand, thema=regel.thema
            ).delete()
        else:
            Maandtotaal.objects.update_or_create(
                steunpunt=steunpunt,
                maand=regel.maand,
                thema=regel.thema,
                defaults={"contacten": regel.contacten, "matches": regel.matches},
            )
        veranderd += 1
    if veranderd:
        transaction.on_commit(bump_data_version)
    return veranderd
