"""Inviting many staff at once from a table: e-mail; naam; rol; swv_codes; steunpunt (slug or
id, for steunpunt staff; the column may be left out), one account a row.

`invitations_plan` reads and checks every row without changing anything (the preview); when no
row has an error, `invitations_apply` creates or extends every account in one transaction and,
once that is committed, mails each new account its invitation link. A second run of the same
file changes nothing and mails nobody.
"""

from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from steunpunten.spreadsheet import Rij, SpreadsheetError, read_table

from .medewerkers import (
    BESTAAT,
    BIJWERKEN,
    NIEUW,
    AccountPlan,
    MedewerkerError,
    account_apply,
    account_plan,
    invitation_send,
)

KOLOMMEN = ["email", "naam", "rol", "swv_codes", "steunpunt"]


@dataclass(frozen=True)
class UitnodigingRegel:
    """One row of the file: what it will do (plan) or why it cannot (fout)."""

    regel: int
    email: str
    plan: AccountPlan | None = None
    fout: str = ""

    @property
    def actie(self) -> str:
        return "fout" if self.fout else self.plan.actie

    def omschrijving(self) -> str:
        """One Dutch line for the preview: line, address, and what happens."""
        if self.fout:
            wie = f"{self.email}: " if self.email else ""
            return _("regel %(regel)d: %(wie)sFOUT: %(fout)s") % {
                "regel": self.regel,
                "wie": wie,
                "fout": self.fout,
            }
        plan = self.plan
        if plan.actie == NIEUW:
            waar = ", ".join(swv.code for swv in plan.swvs)
            if plan.steunpunt is not None:
                waar = plan.steunpunt.naam
            wat = _("nieuw account (%(rol)s%(swvs)s), krijgt een uitnodiging") % {
                "rol": plan.rol,
                "swvs": ": " + waar if waar else "",
            }
        elif plan.actie == BIJWERKEN:
            wat = _("bestaat al; wordt aangevuld%(swvs)s") % {
                "swvs": (" " + _("met %s") % ", ".join(plan.nieuwe_swvs))
                if plan.nieuwe_swvs
                else " " + _("met de naam"),
            }
        else:
            wat = _("bestaat al, verandert niet")
        return _("regel %(regel)d: %(email)s: %(wat)s") % {
            "regel": self.regel,
            "email": plan.email,
            "wat": wat,
        }


@dataclass(frozen=True)
class UitnodigingPlan:
    """The preview of a whole file."""

    regels: list[UitnodigingRegel]

    @property
    def fouten(self) -> list[UitnodigingRegel]:
        return [regel for regel in self.regels if regel.fout]

    @property
    def telling(self) -> Counter:
        return Counter(regel.actie for regel in self.regels)

    def samenvatting(self) -> str:
        """E.g. "150 nieuw, 0 aangevuld, 0 bestaan al, 0 fouten"."""
        telling = self.telling
        return _(
            "%(nieuw)d nieuw, %(bij)d aangevuld, %(bestaat)d bestaan al, %(fout)d met een fout"
        ) % {
            "nieuw": telling[NIEUW],
            "bij": telling[BIJWERKEN],
            "bestaat": telling[BESTAAT],
            "fout": telling["fout"],
        }


def read_invitations(data: bytes, *, filename: str) -> list[Rij]:
    """The rows of an invitation file (CSV or XLSX, header row optional)."""
    return read_table(
        data, filename=filename, columns=KOLOMMEN, required=["email", "rol"], header_optional=True
    )


def invitations_plan(rijen: list[Rij]) -> UitnodigingPlan:
    """Check every row against the accounts as they are, changing nothing."""
    regels: list[UitnodigingRegel] = []
    seen: dict[str, int] = {}
    for rij in rijen:
        waarden = rij.waarden
        email = waarden.get("email", "").strip()
        try:
            plan = account_plan(
                email=email,
                rol=waarden.get("rol", ""),
                swv_codes=[waarden.get("swv_codes", "")],
                naam=waarden.get("naam", ""),
                steunpunt=waarden.get("steunpunt", ""),
            )
        except MedewerkerError as error:
            regels.append(UitnodigingRegel(rij.regel, email, fout=str(error)))
            continue
        if plan.email in seen:
            fout = _("dit e-mailadres staat ook op regel %d") % seen[plan.email]
            regels.append(UitnodigingRegel(rij.regel, plan.email, fout=fout))
            continue
        seen[plan.email] = rij.regel
        regels.append(UitnodigingRegel(rij.regel, plan.email, plan=plan))
    if not regels:
        regels.append(UitnodigingRegel(1, "", fout=_("het bestand bevat geen accounts")))
    return UitnodigingPlan(regels)


def invitations_from_file(data: bytes, *, filename: str) -> UitnodigingPlan:
    """Read and check a file; a file that cannot be read is one error on its line."""
    try:
        rijen = read_invitations(data, filename=filename)
    except SpreadsheetError as error:
        return UitnodigingPlan([UitnodigingRegel(error.regel, "", fout=error.tekst)])
    return invitations_plan(rijen)


class UitnodigingError(ValueError):
    """The file has errors: nothing was changed."""


def invitations_apply(plan: UitnodigingPlan, *, door=None) -> list[tuple[object, str]]:
    """Save every row in one transaction, then mail each new account its link: [(user, link)].

    The rows are checked again inside the transaction, so an account made meanwhile by someone
    else is not made twice. Nothing is changed when any row has an error.
    """
    if plan.fouten:
        raise UitnodigingError(_("Het bestand heeft fouten; er is niets veranderd."))
    nieuw = []
    with transaction.atomic():
        for regel in plan.regels:
            fresh = account_plan(
                email=regel.plan.email,
                rol=regel.plan.rol,
                swv_codes=[swv.code for swv in regel.plan.swvs],
                naam=regel.plan.naam,
                steunpunt=regel.plan.steunpunt,
            )
            user = account_apply(fresh)
            if fresh.actie == NIEUW:
                nieuw.append(user)
    # Mails go once the accounts exist for sure; a failing mail server leaves the accounts,
    # and the beheerder sends the links again from the account list.
    return [(user, invitation_send(user, door=door)) for user in nieuw]
