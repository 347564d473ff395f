"""Steunpunten from a spreadsheet: the export's own sheet, filled in, read back.

`steunpunten_plan` reads the sheet "Steunpunten" (or a CSV with the same columns) and says per
row which fields change, from what to what, and every error with its line, changing nothing.
`steunpunten_apply` saves every changed row through the edit service (editing.py: permission,
version, withdrawal and address rules) in one transaction, recorded in each steunpunt's history
as "via import door <wie>"; an error in any row changes nothing. A column that is not in the
file is left as it is; an unchanged sheet gives "0 gewijzigd".
"""

import base64
import copy
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from steunpunten import permissions
from steunpunten.models import Herkomst, Samenwerkingsverband, Steunpunt
from steunpunten.postcode import PostcodeError, normalise_postcode
from steunpunten.spreadsheet import SpreadsheetError, read_table
from steunpunten.steunpuntenblad import (
    BEWERKBAAR,
    BLAD,
    JA_NEE_VELDEN,
    KOLOMMEN,
    WaardeFout,
    parse_ja_nee,
    parse_status,
    parse_swv_codes,
    unneutralise,
)
from steunpunten.validators import validate_https_url, validate_huisnummer, validate_telefoon

from . import editing

VELD_REGELS = {
    "telefoon": validate_telefoon,
    "website": validate_https_url,
    "contactformulier": validate_https_url,
    "huisnummer": validate_huisnummer,
}


@dataclass
class ImportRegel:
    """One row of the sheet: the steunpunt, its changes (field: (old, new)) or its errors."""

    regel: int
    slug: str
    naam: str
    wijzigingen: dict[str, tuple[str, str]] = field(default_factory=dict)
    fouten: list[str] = field(default_factory=list)
    nieuw: bool = False
    waarden: dict = field(default_factory=dict, repr=False)
    swv_codes: list[str] | None = None
    versie: int | None = None

    @property
    def verandert(self) -> bool:
        return self.nieuw or bool(self.wijzigingen)

    def omschrijving(self) -> list[str]:
        """Dutch lines for the preview: the row and each change or error."""
        wie = self.naam or self.slug or _("(zonder naam)")
        if self.fouten:
            return [
                _("regel %(regel)d: %(wie)s: FOUT: %(fout)s")
                % {"regel": self.regel, "wie": wie, "fout": fout}
                for fout in self.fouten
            ]
        if self.nieuw:
            kop = _("regel %(regel)d: %(wie)s: nieuw steunpunt") % {"regel": self.regel, "wie": wie}
        elif self.wijzigingen:
            kop = _("regel %(regel)d: %(wie)s: %(n)d veld(en) gewijzigd") % {
                "regel": self.regel,
                "wie": wie,
                "n": len(self.wijzigingen),
            }
        else:
            return []
        return [kop] + [
            f"    {veld}: “{oud}” → “{nieuw}”" for veld, (oud, nieuw) in self.wijzigingen.items()
        ]


@dataclass
class ImportPlan:
    """The preview of a whole sheet."""

    regels: list[ImportRegel]
    bestandsfout: str = ""

    @property
    def fouten(self) -> list[str]:
        lines = [self.bestandsfout] if self.bestandsfout else []
        return lines + [
            line for regel in self.regels for line in regel.omschrijving() if regel.fouten
        ]

    @property
    def gewijzigd(self) -> int:
        return sum(1 for regel in self.regels if regel.wijzigingen and not regel.nieuw)

    @property
    def nieuw(self) -> int:
        return sum(1 for regel in self.regels if regel.nieuw)

    def samenvatting(self) -> str:
        """E.g. "1 gewijzigd, 0 nieuw, 33 ongewijzigd, 0 met een fout"."""
        fout = sum(1 for regel in self.regels if regel.fouten) + bool(self.bestandsfout)
        ongewijzigd = sum(1 for regel in self.regels if not regel.verandert and not regel.fouten)
        return _(
            "%(gewijzigd)d gewijzigd, %(nieuw)d nieuw, %(zelfde)d ongewijzigd, %(fout)d met een fout"
        ) % {
            "gewijzigd": self.gewijzigd,
            "nieuw": self.nieuw,
            "zelfde": ongewijzigd,
            "fout": fout,
        }


def _shown(value) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return "" if value is None else str(value)


def _parse_cell(name: str, text: str):
    text = unneutralise(text.strip())
    if name in JA_NEE_VELDEN:
        return parse_ja_nee(text)
    if name == "status":
        return parse_status(text)
    if name == "postcode" and text:
        try:
            return normalise_postcode(text)
        except PostcodeError:
            return text  # the model's validator names the problem
    return text


def _field_errors(steunpunt: Steunpunt, names: set[str]) -> list[str]:
    """The field rules of the model and of validators.py, for the fields in the sheet."""
    problems = []
    exclude = [f.name for f in Steunpunt._meta.fields if f.name not in names]
    try:
        steunpunt.clean_fields(exclude=exclude)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems += [f"{name}: {message}" for message in messages]
    for name, rule in VELD_REGELS.items():
        value = getattr(steunpunt, name)
        if name in names and value and not any(p.startswith(f"{name}:") for p in problems):
            try:
                rule(value)
            except ValidationError as error:
                problems += [f"{name}: {message}" for message in error.messages]
    # Data from a public page keeps what the page gave (Steunpunt.clean: no address invented).
    no_address = (
        steunpunt.herkomst != Herkomst.OPENBARE_BRON
        and not steunpunt.alleen_online
        and not (steunpunt.postcode or steunpunt.plaats)
    )
    if no_address and names & {"postcode", "plaats", "alleen_online"}:
        problems.append(
            _("vul postcode en plaats van het bezoekadres in, of zet alleen_online op “ja”")
        )
    return problems


def _row(rij, bestaand: dict[str, Steunpunt], swvs: dict[str, Samenwerkingsverband]):
    waarden = rij.waarden
    slug = waarden.get("slug", "").strip()
    regel = ImportRegel(rij.regel, slug, waarden.get("naam", "").strip())
    stored = bestaand.get(slug) if slug else None
    if slug and stored is None:
        regel.fouten.append(
            _("er is geen steunpunt “%s”; laat de kolom slug leeg voor een nieuw steunpunt") % slug
        )
        return regel
    regel.nieuw = stored is None
    candidate = copy.copy(stored) if stored else Steunpunt()
    names = {name for name in BEWERKBAAR if name in waarden and name != "samenwerkingsverbanden"}
    for name in sorted(names, key=BEWERKBAAR.index):
        try:
            value = _parse_cell(name, waarden[name])
        except WaardeFout as error:
            regel.fouten.append(f"{name}: {error}")
            continue
        regel.waarden[name] = value
        old = getattr(stored, name) if stored else None
        if stored is None or value != old:
            setattr(candidate, name, value)
            if stored is not None:
                regel.wijzigingen[name] = (_shown(old), _shown(value))
    if "samenwerkingsverbanden" in waarden:
        codes = parse_swv_codes(waarden["samenwerkingsverbanden"])
        unknown = [code for code in codes if code not in swvs]
        if unknown:
            regel.fouten.append(_("samenwerkingsverbanden: onbekende code %s") % ", ".join(unknown))
        elif not codes:
            regel.fouten.append(_("samenwerkingsverbanden: vul ten minste één code in"))
        else:
            current = sorted(s.code for s in stored.samenwerkingsverbanden.all()) if stored else []
            if sorted(codes) != current:
                regel.swv_codes = codes
                if stored is not None:
                    regel.wijzigingen["samenwerkingsverbanden"] = (
                        " ".join(current),
                        " ".join(sorted(codes)),
                    )
    elif regel.nieuw:
        regel.fouten.append(_("een nieuw steunpunt heeft samenwerkingsverbanden nodig"))
    if regel.nieuw and not regel.waarden.get("naam"):
        regel.fouten.append(_("een nieuw steunpunt heeft een naam nodig"))
    if not regel.fouten and regel.verandert:
        regel.fouten += _field_errors(candidate, names)
    if stored is not None and regel.wijzigingen and waarden.get("versie", "").strip():
        try:
            regel.versie = int(float(waarden["versie"]))
        except ValueError:
            regel.fouten.append(_("versie: geen getal"))
        else:
            if regel.versie != stored.versie:
                regel.fouten.append(
                    _(
                        "dit steunpunt is na de export gewijzigd (versie %(oud)d, nu %(nu)d); "
                        "exporteer opnieuw en neem uw wijzigingen daarin over"
                    )
                    % {"oud": regel.versie, "nu": stored.versie}
                )
    return regel


def steunpunten_plan(data: bytes, *, filename: str) -> ImportPlan:
    """Read and check the sheet against the steunpunten as they are; nothing is changed."""
    try:
        rijen = read_table(data, filename=filename, columns=KOLOMMEN, required=["slug"], sheet=BLAD)
    except SpreadsheetError as error:
        return ImportPlan([], bestandsfout=str(error))
    bestaand = {
        s.slug: s for s in Steunpunt.objects.prefetch_related("samenwerkingsverbanden").all()
    }
    swvs = {swv.code: swv for swv in Samenwerkingsverband.objects.all()}
    regels = []
    seen: dict[str, int] = {}
    for rij in rijen:
        regel = _row(rij, bestaand, swvs)
        if regel.slug:
            if regel.slug in seen:
                regel.fouten.append(_("dit steunpunt staat ook op regel %d") % seen[regel.slug])
            seen.setdefault(regel.slug, regel.regel)
        regels.append(regel)
    if not regels:
        return ImportPlan([], bestandsfout=_("het blad bevat geen steunpunten"))
    return ImportPlan(regels)


class SteunpuntImportError(ValueError):
    """The import could not be applied; nothing was changed. The message is Dutch."""


def _new_slug(naam: str, taken: set[str]) -> str:
    base = slugify(naam)[:150] or "steunpunt"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def steunpunten_apply(plan: ImportPlan, *, user) -> int:
    """Save every changed row through the edit service, all or nothing; how many were saved."""
    if plan.fouten:
        raise SteunpuntImportError(_("Het bestand heeft fouten; er is niets veranderd."))
    if not permissions.is_beheerder(user):
        raise PermissionDenied
    reden = _("via import door %s") % (user.get_full_name() or user.email or user.get_username())
    swvs = {swv.code: swv for swv in Samenwerkingsverband.objects.all()}
    taken = set(Steunpunt.objects.values_list("slug", flat=True))
    saved = 0
    try:
        with transaction.atomic():
            for regel in plan.regels:
                if not regel.verandert:
                    continue
                _apply_row(regel, user=user, reden=reden, swvs=swvs, taken=taken)
                saved += 1
    except editing.EditError as error:
        raise SteunpuntImportError(
            _("regel %(regel)d: %(fout)s Er is niets veranderd.")
            % {
                "regel": regel.regel,
                "fout": error.message,
            }
        ) from error
    except ValidationError as error:
        raise SteunpuntImportError(
            _("regel %(regel)d: %(fout)s Er is niets veranderd.")
            % {
                "regel": regel.regel,
                "fout": " ".join(error.messages),
            }
        ) from error
    return saved


def _apply_row(regel: ImportRegel, *, user, reden: str, swvs: dict, taken: set[str]) -> None:
    if regel.nieuw:
        steunpunt, stored = Steunpunt(slug=_new_slug(regel.waarden["naam"], taken)), None
    else:
        queryset = Steunpunt.objects.all()
        stored = editing.steunpunt_for_edit(queryset=queryset, pk=_pk_of(regel.slug))
        if stored is None:
            raise editing.ConflictError(editing.CONFLICT_MELDING)
        steunpunt = copy.copy(stored)
    for name, value in regel.waarden.items():
        setattr(steunpunt, name, value)
    steunpunt._change_reason = reden
    steunpunt._history_user = user
    chosen = [swvs[code] for code in regel.swv_codes] if regel.swv_codes else None
    editing.steunpunt_save(
        user=user,
        steunpunt=steunpunt,
        changed=[*regel.wijzigingen] if not regel.nieuw else [*regel.waarden],
        swvs=chosen,
        expected_versie=None
        if regel.nieuw
        else (regel.versie if regel.versie is not None else stored.versie),
        stored=stored,
    )


def _pk_of(slug: str) -> int | None:
    return Steunpunt.objects.filter(slug=slug).values_list("pk", flat=True).first()


# --- The admin's two steps: the uploaded file is kept in the session between preview and apply

SESSIE = "vindplek_import_steunpunten"
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def remember_upload(session, *, data: bytes, filename: str) -> None:
    """Keep the uploaded file for the "opslaan" step (the preview is made again from it)."""
    session[SESSIE] = {"naam": filename[:200], "data": base64.b64encode(data).decode("ascii")}


def remembered_upload(session) -> tuple[bytes, str] | None:
    """The file remembered by remember_upload, or None."""
    stored = session.get(SESSIE)
    if not isinstance(stored, dict):
        return None
    try:
        return base64.b64decode(stored["data"]), str(stored["naam"])
    except (KeyError, ValueError, TypeError):
        return None
