"""The domain: samenwerkingsverbanden, postcode areas, steunpunten, and what staff and OCW add."""

import contextlib
import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.lookups import Exact
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import freshness
from .geo import NL_BBOX
from .persoonsgegevens import validate_geen_persoonsgegevens
from .postcode import PostcodeError, normalise_postcode, validate_postcode
from .regio import PROVINCIE_CHOICES, SWV_CODE_PATTERN, Sector, parse_swv_code, provincie_name
from .scholen import format_adres
from .validators import (
    validate_https_url,
    validate_huisnummer,
    validate_taalcodes,
    validate_telefoon,
)

validate_swv_code = RegexValidator(
    SWV_CODE_PATTERN,
    _("Een code van een samenwerkingsverband ziet eruit als PO2707 of VO2708."),
)


def inside_nl(lat_field: str = "lat", lon_field: str = "lon") -> Q:
    """A check-constraint condition: the coordinates are empty or inside the Netherlands."""
    return Q(**{f"{lat_field}__isnull": True, f"{lon_field}__isnull": True}) | Q(
        **{
            f"{lat_field}__gte": NL_BBOX.min_lat,
            f"{lat_field}__lte": NL_BBOX.max_lat,
            f"{lon_field}__gte": NL_BBOX.min_lon,
            f"{lon_field}__lte": NL_BBOX.max_lon,
        }
    )


class Dekking(models.TextChoices):
    """A SWV's coverage: the one vocabulary of the overview, the peilingen, the exports and the
    answer (SamenwerkingsverbandQuerySet.with_coverage() decides it)."""

    ACTIEF = "actief", _("steunpunt actief")
    IN_OPRICHTING = "in_oprichting", _("steunpunt in oprichting")
    GEEN = "geen", _("geen steunpunt")


class Vermelding(models.TextChoices):
    """What Vindplek lists for a SWV now, by where its steunpunt's data comes from (issue 19):
    SamenwerkingsverbandQuerySet.with_vermelding() decides it. Not a peiling: a peiling records
    what it recorded, this is the data of today."""

    BEVESTIGD = "bevestigd", _("bevestigd steunpunt")
    OPENBARE_BRON = "openbare_bron", _("uit een openbare bron")
    NIETS = "niets", _("nog niets")


class SamenwerkingsverbandQuerySet(models.QuerySet):
    def get_by_natural_key(self, code):
        return self.get(code=code)

    def with_vermelding(self):
        """Annotate `vermelding` (Vermelding): THE rule of what Vindplek lists for a SWV now.

        "bevestigd" when a steunpunt its staff confirmed serves it, else "openbare_bron" when
        one from a public page does, else "niets". Counted are the steunpunten the public sees
        for the SWV (Steunpunt.objects.visible_for: published, for its sector, active or in
        oprichting); a demo steunpunt counts as nothing. The overview, its exports and the
        beheer start pages all count with this annotation.
        """
        serving = Steunpunt.objects.visible_for(OuterRef("pk"), sector=OuterRef("sector"))
        bevestigd = Exists(serving.filter(herkomst=Herkomst.BEVESTIGD))
        openbaar = Exists(serving.filter(herkomst=Herkomst.OPENBARE_BRON))
        return self.annotate(
            vermelding=models.Case(
                models.When(bevestigd, then=models.Value(Vermelding.BEVESTIGD)),
                models.When(openbaar, then=models.Value(Vermelding.OPENBARE_BRON)),
                default=models.Value(Vermelding.NIETS),
                output_field=models.CharField(),
            )
        )

    def with_coverage(self):
        """Annotate the one coverage rule: `heeft_steunpunt`, `in_oprichting` and `dekking`.

        A SWV *has a steunpunt* when a published, active steunpunt serves it for its sector
        (voor_po / voor_vo); it is *in oprichting* when only published steunpunten in oprichting
        do. Steunpunt.covers() and Steunpunt.visible_for() are the same rule for one steunpunt.
        """
        serving = Steunpunt.objects.visible_for(OuterRef("pk"), sector=OuterRef("sector"))
        heeft = Exists(serving.filter(status=SteunpuntStatus.ACTIEF))
        founding = Exists(serving.filter(status=SteunpuntStatus.IN_OPRICHTING))
        return self.annotate(
            heeft_steunpunt=heeft,
            in_oprichting=founding,
            dekking=models.Case(
                models.When(heeft, then=models.Value(Dekking.ACTIEF)),
                models.When(founding, then=models.Value(Dekking.IN_OPRICHTING)),
                default=models.Value(Dekking.GEEN),
                output_field=models.CharField(),
            ),
        )

    def covered(self):
        """The SWVs that have a steunpunt (the one rule of with_coverage())."""
        return self.with_coverage().filter(heeft_steunpunt=True)

    def without_steunpunt(self):
        """The SWVs that no published, active steunpunt serves for their sector."""
        return self.with_coverage().filter(heeft_steunpunt=False)

    def with_published_steunpunten(self):
        """SWVs with `gepubliceerde_steunpunten`: the steunpunten the public sees for each SWV
        (published, serving its sector), by status and name.

        One extra query for any number of SWVs and steunpunten; the sector flag is applied per
        SWV in Python (Samenwerkingsverband.gepubliceerde_steunpunten), the same rule as in SQL.
        """
        published = (
            Steunpunt.objects.published()
            .order_by("status", "naam", "pk")
            # What the card's opening hours need (bereikbaarheid.ROOSTER_PREFETCH).
            .prefetch_related("tijdvakken", "sluitingen")
        )
        return self.prefetch_related(
            models.Prefetch("steunpunten", queryset=published, to_attr="_gepubliceerd")
        )


class Samenwerkingsverband(models.Model):
    """A samenwerkingsverband passend onderwijs (SWV), PO or VO."""

    code = models.CharField(_("code"), max_length=6, unique=True, validators=[validate_swv_code])
    sector = models.CharField(_("sector"), max_length=2, choices=Sector.choices)
    naam = models.CharField(_("naam"), max_length=200)
    provincie = models.CharField(_("provincie"), max_length=20, choices=PROVINCIE_CHOICES)
    website = models.URLField(_("website"), blank=True, validators=[validate_https_url])
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(
        _("telefoonnummer"), max_length=20, blank=True, validators=[validate_telefoon]
    )
    bezoekadres = models.CharField(_("bezoekadres"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = SamenwerkingsverbandQuerySet.as_manager()

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(sector__in=Sector.values), name="swv_sector_valid"),
            models.CheckConstraint(
                condition=Q(code__startswith="PO", sector="PO")
                | Q(code__startswith="VO", sector="VO"),
                name="swv_code_matches_sector",
            ),
            models.CheckConstraint(
                condition=Q(provincie__in=[slug for slug, _name in PROVINCIE_CHOICES]),
                name="swv_provincie_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.leesbare_code})"

    def save(self, *args, **kwargs):
        # Sector and province follow from the code; they are never typed by hand.
        parsed = parse_swv_code(self.code)
        if parsed:
            self.code = parsed.sector + parsed.provincienummer + parsed.volgnummer
            self.sector = parsed.sector
            self.provincie = parsed.provincie
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("zoeken:samenwerkingsverband", args=[self.code])

    def natural_key(self):
        return (self.code,)

    @property
    def is_po(self) -> bool:
        """For primary schools (de basisschool); otherwise for secondary schools."""
        return self.sector == Sector.PO

    @property
    def leesbare_code(self) -> str:
        """The code as people read it: "PO 27-07"."""
        parsed = parse_swv_code(self.code)
        return parsed.leesbaar if parsed else self.code

    @property
    def provincie_naam(self) -> str:
        return provincie_name(self.provincie)

    @property
    def gepubliceerde_steunpunten(self) -> list["Steunpunt"]:
        """The steunpunten the public sees for this SWV (needs with_published_steunpunten())."""
        return [s for s in self._gepubliceerd if s.visible_for(self)]

    @property
    def website_site(self) -> str:
        """The SWV's website as people read it: "swvdordrecht.nl"."""
        return site_name(self.website)


class CoordinaatBron(models.TextChoices):
    GEONAMES = "geonames", _("GeoNames")
    AFGELEID = "afgeleid", _("afgeleid van naburige postcodes")


class GemeenteBron(models.TextChoices):
    """How the current gemeente of a PC4 was decided (the `bron` column of pc4-gemeente-2024)."""

    SCHOOL = "school", _("gemeente van de scholen in deze postcode")
    HERINDELING = "herindeling", _("de hele gemeente van 2015 ging op in deze gemeente")
    BUUR = "buur", _("gemeente van 2015 gesplitst: gemeente van de dichtstbijzijnde school")
    HANDMATIG = "handmatig", _("met de hand vastgesteld")


class PostcodegebiedQuerySet(models.QuerySet):
    def get_by_natural_key(self, pc4):
        return self.get(pc4=pc4)


class Postcodegebied(models.Model):
    """A four-digit postcode area (PC4) with the SWVs the regio-indeling gives it."""

    pc4 = models.CharField(_("postcode (4 cijfers)"), max_length=4, unique=True)
    # The gemeente people see and search for today; until import_gemeenten has run it is the
    # 2015 gemeente of the regio-indeling (gemeente_bron empty).
    gemeente = models.CharField(_("gemeente"), max_length=100, blank=True)
    gemeente_sleutel = models.CharField(max_length=100, blank=True, db_index=True, editable=False)
    gemeente_bron = models.CharField(
        _("herkomst gemeente"), max_length=12, choices=GemeenteBron.choices, blank=True
    )
    gemeente_2015 = models.CharField(
        _("gemeente in 2015 (regio-indeling)"), max_length=100, blank=True
    )
    gemeente_2015_sleutel = models.CharField(
        max_length=100, blank=True, db_index=True, editable=False
    )
    provincie = models.CharField(
        _("provincie"), max_length=20, choices=PROVINCIE_CHOICES, blank=True, db_index=True
    )
    lat = models.FloatField(_("breedtegraad"), null=True, blank=True)
    lon = models.FloatField(_("lengtegraad"), null=True, blank=True)
    coordinaten_bron = models.CharField(
        _("herkomst coördinaten"), max_length=10, choices=CoordinaatBron.choices, blank=True
    )
    coordinaten_toelichting = models.CharField(max_length=200, blank=True)
    in_regio_indeling = models.BooleanField(
        _("in de regio-indeling"),
        default=True,
        help_text=_("Nee voor postcodes die niet in de regio-indeling van 2015 staan."),
    )
    swv_po = models.ForeignKey(
        Samenwerkingsverband,
        verbose_name=_("samenwerkingsverband PO"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="postcodegebieden_po",
        limit_choices_to={"sector": Sector.PO},
    )
    swv_vo = models.ForeignKey(
        Samenwerkingsverband,
        verbose_name=_("samenwerkingsverband VO"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="postcodegebieden_vo",
        limit_choices_to={"sector": Sector.VO},
    )

    objects = PostcodegebiedQuerySet.as_manager()

    class Meta:
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")
        ordering = ["pc4"]
        indexes = [models.Index(fields=["lat", "lon"], name="pc4_lat_lon_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(pc4__regex=r"^[1-9][0-9]{3}$"), name="pc4_format"),
            models.CheckConstraint(condition=inside_nl(), name="pc4_inside_nl"),
        ]

    def __str__(self) -> str:
        return f"{self.pc4} {self.gemeente}".strip()

    def natural_key(self):
        return (self.pc4,)


class PlaatsnaamQuerySet(models.QuerySet):
    def get_by_natural_key(self, naam, pc4):
        return self.get(naam=naam, postcodegebied__pc4=pc4)


class Plaatsnaam(models.Model):
    """A place name (woonplaats) within a PC4, from GeoNames; one PC4 can have several."""

    naam = models.CharField(_("plaats"), max_length=100)
    sleutel = models.CharField(max_length=100, db_index=True, editable=False)
    postcodegebied = models.ForeignKey(
        Postcodegebied, on_delete=models.CASCADE, related_name="plaatsnamen"
    )

    objects = PlaatsnaamQuerySet.as_manager()

    class Meta:
        verbose_name = _("plaatsnaam")
        verbose_name_plural = _("plaatsnamen")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["postcodegebied", "naam"], name="plaats_per_pc4_unique")
        ]

    def __str__(self) -> str:
        return self.naam

    def natural_key(self):
        return (self.naam, *self.postcodegebied.natural_key())

    natural_key.dependencies = ["steunpunten.postcodegebied"]


class AlternatieveNaamSoort(models.TextChoices):
    FRIES = "fries", _("Friese naam")
    NEDERLANDS = "nederlands", _("Nederlandse naam van een plaats met een Friese naam")
    OUDE_NAAM = "oude_naam", _("vroegere naam van een gemeente")
    FUSIE = "fusie", _("gemeente die opging in een nieuwe gemeente")
    WIJK = "wijk", _("stadsdeel of wijk")
    ROEPNAAM = "roepnaam", _("gewone naam van een plaats met een andere officiële naam")
    ENGELS = "engels", _("Engelse naam")


class AlternatieveNaamQuerySet(models.QuerySet):
    def get_by_natural_key(self, naam, gemeente):
        return self.get(naam=naam, gemeente=gemeente)


class AlternatieveNaam(models.Model):
    """A name people use that is not in the place or gemeente lists ("Snits" for Sneek), with
    what it stands for and the public page that says so (data/alternatieve-namen.csv)."""

    naam = models.CharField(_("naam"), max_length=100)
    sleutel = models.CharField(max_length=100, db_index=True, editable=False)
    soort = models.CharField(_("soort"), max_length=12, choices=AlternatieveNaamSoort.choices)
    staat_voor = models.CharField(_("staat voor"), max_length=100)
    staat_voor_sleutel = models.CharField(max_length=100, editable=False)
    gemeente = models.CharField(_("gemeente"), max_length=100)
    jaar = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    # A district's PC4s as ranges and single postcodes: "2544-2545 2547 2551-2553".
    postcodes = models.CharField(_("postcodes"), max_length=200, blank=True)
    bron_url = models.URLField(_("bron"), max_length=300)

    objects = AlternatieveNaamQuerySet.as_manager()

    class Meta:
        verbose_name = _("andere naam")
        verbose_name_plural = _("andere namen")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["naam", "gemeente"], name="alternatieve_naam_unique")
        ]

    def __str__(self) -> str:
        return self.naam

    def natural_key(self):
        return (self.naam, self.gemeente)


# Entries whose data nobody checked for six months show "mogelijk verouderd" (freshness.py).
STALE_AFTER = freshness.STALE_AFTER


class SteunpuntStatus(models.TextChoices):
    ACTIEF = "actief", _("actief")
    IN_OPRICHTING = "in_oprichting", _("in oprichting")


class LocatiePrecisie(models.TextChoices):
    ADRES = "adres", _("adres")
    POSTCODE = "postcode", _("postcode")


# The Steunpunt field that says it serves a sector.
SECTOR_VELD = {Sector.PO: "voor_po", Sector.VO: "voor_vo"}


class Herkomst(models.TextChoices):
    """Where a steunpunt's data comes from, as every page, the API and the exports say."""

    # An SWV employee saved or confirmed it; the date is `gecontroleerd_op`.
    BEVESTIGD = "bevestigd", _("bevestigd door het samenwerkingsverband")
    # Taken from a public page (`bron_url`), not (yet) confirmed by the SWV.
    OPENBARE_BRON = "openbare_bron", _("uit een openbare bron")
    # Invented, to show the site in development (settings.VINDPLEK_VOORBEELDEN).
    VOORBEELD = "voorbeeld", _("voorbeeld, niet echt")


def site_name(url: str) -> str:
    """The site a web address points to, as people read it: "swvdordrecht.nl"."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.")


class HerkomstEigenschappen:
    """What a steunpunt's `herkomst`, `bron_url` and contact fields say, in one place for the
    model and for the search's cards (zoeken.antwoord.SteunpuntKaart) alike."""

    herkomst: str
    bron_url: str
    website: str
    telefoon: str
    email: str
    contactformulier: str
    adres: str

    @property
    def voorbeeld(self) -> bool:
        """Invented data, only on a development site (settings.VINDPLEK_VOORBEELDEN)."""
        return self.herkomst == Herkomst.VOORBEELD

    @property
    def uit_openbare_bron(self) -> bool:
        """Taken from a public page (`bron_url`); the SWV has not confirmed it."""
        return self.herkomst == Herkomst.OPENBARE_BRON

    @property
    def bevestigd(self) -> bool:
        """Saved or confirmed by an SWV employee, on `gecontroleerd_op`."""
        return self.herkomst == Herkomst.BEVESTIGD

    @property
    def bron_site(self) -> str:
        """The site of the public page the data comes from: "swvdordrecht.nl" ("" without)."""
        return site_name(self.bron_url)

    @property
    def website_site(self) -> str:
        """The steunpunt's website as people read it: "ojsp-regio.nl"."""
        return site_name(self.website)

    @property
    def zonder_contact(self) -> bool:
        """Nothing to reach it by: no phone, e-mail, website, contact form or address (a page
        that only says the steunpunt exists). The card then offers the national route."""
        return not any((self.telefoon, self.email, self.website, self.contactformulier, self.adres))


def voorbeelden_aan() -> bool:
    """Whether demo steunpunten exist on this site at all (settings.VINDPLEK_VOORBEELDEN)."""
    return bool(getattr(settings, "VINDPLEK_VOORBEELDEN", False))


class SteunpuntQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def published(self):
        """What the public may see: published steunpunten, active or in oprichting.

        THE place of the rule that a demo steunpunt shows nowhere unless VINDPLEK_VOORBEELDEN
        is on, even when one is in the database: every page, the API, the coverage counts and
        the exports read the public steunpunten through here.
        """
        published = self.filter(gepubliceerd=True)
        if not voorbeelden_aan():
            published = published.exclude(herkomst=Herkomst.VOORBEELD)
        return published

    def voorbeelden(self):
        """The demo steunpunten."""
        return self.filter(herkomst=Herkomst.VOORBEELD)

    def visible_for(self, swv, *, sector=None):
        """The published steunpunten that serve this SWV for its sector: what its page shows.

        `swv` is a SWV (or an OuterRef to one, then with `sector` as an OuterRef too).
        """
        sector = swv.sector if sector is None else sector
        return self.published().filter(samenwerkingsverbanden=swv).filter(serves_sector(sector))

    def counting_for(self, swv):
        """The steunpunten that make this SWV covered: visible for it and active."""
        return self.visible_for(swv).filter(status=SteunpuntStatus.ACTIEF)


def serves_sector(sector) -> Q:
    """The condition "serves this sector", for a sector value or an OuterRef to one."""
    if isinstance(sector, str):
        return Q(**{SECTOR_VELD[sector]: True})
    return Q(Q(voor_po=True), Exact(sector, Sector.PO)) | Q(
        Q(voor_vo=True), Exact(sector, Sector.VO)
    )


class VakantieRegio(models.TextChoices):
    """The three regions of the Dutch school holidays."""

    NOORD = "noord", _("regio noord")
    MIDDEN = "midden", _("regio midden")
    ZUID = "zuid", _("regio zuid")


class BereikbaarheidStatus(models.TextChoices):
    """Whether a steunpunt keeps to its opening hours now (steunpunten/bereikbaarheid.py)."""

    NORMAAL = "normaal", _("bereikbaar volgens de tijden")
    BEPERKT = "beperkt", _("beperkt bereikbaar (zie de melding)")
    GESLOTEN = "gesloten", _("tijdelijk gesloten")


class KanaalSoort(models.TextChoices):
    """The ways to reach a steunpunt, in the order pages show them."""

    TELEFOON = "telefoon", _("telefoon")
    WHATSAPP = "whatsapp", _("WhatsApp")
    EMAIL = "email", _("e-mail")
    CONTACTFORMULIER = "contactformulier", _("contactformulier")
    INLOOP = "inloop", _("inloop")
    VIDEOGESPREK = "videogesprek", _("videogesprek")


class Steunpunt(HerkomstEigenschappen, models.Model):
    """An Ouder- en Jeugdsteunpunt (OJS) serving one or more SWVs."""

    naam = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(_("adres op de site (slug)"), max_length=160, unique=True)
    samenwerkingsverbanden = models.ManyToManyField(
        Samenwerkingsverband,
        verbose_name=_("samenwerkingsverbanden"),
        related_name="steunpunten",
    )
    status = models.CharField(
        _("status"), max_length=15, choices=SteunpuntStatus.choices, default=SteunpuntStatus.ACTIEF
    )
    gepubliceerd = models.BooleanField(_("gepubliceerd"), default=False)
    herkomst = models.CharField(
        _("herkomst van de gegevens"),
        max_length=13,
        choices=Herkomst.choices,
        default=Herkomst.BEVESTIGD,
    )
    bron_url = models.URLField(
        _("openbare bron (link)"),
        max_length=500,
        blank=True,
        help_text=_(
            "De pagina waar de gegevens vandaan komen, als ze uit een openbare bron komen."
        ),
    )
    voor_ouders = models.BooleanField(_("voor ouders"), default=True)
    voor_jongeren = models.BooleanField(_("voor jongeren"), default=True)
    voor_po = models.BooleanField(_("voor primair onderwijs"), default=True)
    voor_vo = models.BooleanField(_("voor voortgezet onderwijs"), default=True)
    aanbod = models.TextField(_("wat het steunpunt doet"), max_length=1000, blank=True)

    telefoon = models.CharField(
        _("telefoonnummer"), max_length=20, blank=True, validators=[validate_telefoon]
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True, validators=[validate_https_url])
    contactformulier = models.URLField(
        _("contactformulier (link)"), blank=True, validators=[validate_https_url]
    )
    telefonisch_bereikbaar = models.CharField(
        _("telefonisch bereikbaar"), max_length=200, blank=True
    )
    inloopspreekuur = models.CharField(_("inloopspreekuur"), max_length=200, blank=True)

    alleen_online = models.BooleanField(_("alleen telefonisch of online"), default=False)
    straat = models.CharField(_("straat"), max_length=100, blank=True)
    huisnummer = models.CharField(
        _("huisnummer"), max_length=10, blank=True, validators=[validate_huisnummer]
    )
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    lat = models.FloatField(_("breedtegraad"), null=True, blank=True)
    lon = models.FloatField(_("lengtegraad"), null=True, blank=True)
    locatie_precisie = models.CharField(
        _("precisie van de locatie"), max_length=10, choices=LocatiePrecisie.choices, blank=True
    )

    talen = models.CharField(
        _("talen"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: Nederlands, Engels")
    )
    # Structured contact (issue 25): the values of the channels telefoon, e-mail,
    # contactformulier and inloop (the address) are the fields above; these two are new.
    whatsapp = models.CharField(
        _("WhatsApp-nummer"), max_length=20, blank=True, validators=[validate_telefoon]
    )
    videogesprek = models.URLField(
        _("videogesprek (link)"), blank=True, validators=[validate_https_url]
    )
    vakantieregio = models.CharField(
        _("regio voor schoolvakanties"),
        max_length=6,
        choices=VakantieRegio.choices,
        blank=True,
        help_text=_("Noord, midden of zuid; leeg als het niet bekend is."),
    )
    dicht_in_schoolvakanties = models.BooleanField(
        _("gesloten in de schoolvakanties"), default=False
    )
    bereikbaarheid = models.CharField(
        _("bereikbaarheid"),
        max_length=8,
        choices=BereikbaarheidStatus.choices,
        default=BereikbaarheidStatus.NORMAAL,
    )
    bereikbaarheid_melding = models.CharField(
        _("korte melding over de bereikbaarheid"),
        max_length=200,
        blank=True,
        help_text=_(
            "Bijvoorbeeld: Tijdelijk gesloten tot 6 januari; bel tot dan Ouders & Onderwijs."
        ),
    )
    ervaringsdeskundigen = models.BooleanField(_("ervaringsdeskundigen"), default=False)
    gecontroleerd_op = models.DateField(_("gegevens gecontroleerd op"), null=True, blank=True)
    versie = models.PositiveIntegerField(default=0, editable=False)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    gewijzigd = models.DateTimeField(_("gewijzigd"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[samenwerkingsverbanden])

    objects = SteunpuntQuerySet.as_manager()

    class Meta:
        verbose_name = _("steunpunt")
        verbose_name_plural = _("steunpunten")
        ordering = ["naam"]
        indexes = [models.Index(fields=["lat", "lon"], name="steunpunt_lat_lon_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SteunpuntStatus.values), name="steunpunt_status_valid"
            ),
            models.CheckConstraint(condition=inside_nl(), name="steunpunt_inside_nl"),
            models.CheckConstraint(
                condition=Q(herkomst__in=Herkomst.values), name="steunpunt_herkomst_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("zoeken:steunpunt", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def validate_constraints(self, exclude=None):
        # clean_fields() already checks the status against its choices and the database holds
        # the constraint; checking it here again would cost a query on every admin save.
        super().validate_constraints(exclude={*(exclude or ()), "status", "herkomst"})

    def clean(self) -> None:
        """The rules across fields: a visiting address (or online only), a check date not ahead."""
        with contextlib.suppress(PostcodeError):  # the field's validator gives the message
            self.postcode = normalise_postcode(self.postcode) if self.postcode else ""
        errors = {}
        if self.gecontroleerd_op and self.gecontroleerd_op > timezone.localdate():
            errors["gecontroleerd_op"] = ValidationError(
                _("De datum van controle kan niet in de toekomst liggen."), code="future"
            )
        # Data from a public page keeps what the page gave: no address is invented, and "online
        # only" is not claimed either. Confirmed data says where parents can go, or that they can't.
        needs_address = self.herkomst != Herkomst.OPENBARE_BRON
        if needs_address and not self.alleen_online and not (self.postcode or self.plaats):
            message = _(
                "Vul de postcode en plaats van het bezoekadres in, of kies "
                "“alleen telefonisch of online”."
            )
            errors["postcode"] = errors["plaats"] = ValidationError(message, code="no_address")
        elif not self.alleen_online and self.straat and not self.huisnummer:
            errors["huisnummer"] = ValidationError(
                _("Vul bij de straat ook het huisnummer in."), code="no_huisnummer"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def in_oprichting(self) -> bool:
        """True while the steunpunt is being set up."""
        return self.status == SteunpuntStatus.IN_OPRICHTING

    def serves_sector(self, sector: str) -> bool:
        """True when the steunpunt is for this sector (voor_po / voor_vo)."""
        return bool(getattr(self, SECTOR_VELD[sector]))

    @property
    def is_published(self) -> bool:
        """The public may see it: SteunpuntQuerySet.published() for one steunpunt."""
        return self.gepubliceerd and (not self.voorbeeld or voorbeelden_aan())

    def visible_for(self, swv: Samenwerkingsverband) -> bool:
        """The public sees it for this SWV (the SWV it is linked to): SteunpuntQuerySet.visible_for."""
        return self.is_published and self.serves_sector(swv.sector)

    @property
    def bediende_swvs(self) -> list[Samenwerkingsverband]:
        """The SWVs it is linked to and serves for their sector: those whose pages show it."""
        return [s for s in self.samenwerkingsverbanden.all() if self.serves_sector(s.sector)]

    def covers(self, swv: Samenwerkingsverband) -> bool:
        """It makes this SWV covered: visible for it and active (with_coverage's rule)."""
        return self.visible_for(swv) and self.status == SteunpuntStatus.ACTIEF

    @property
    def mogelijk_verouderd(self) -> bool:
        """True when the SWV has not checked this entry in the last six months."""
        return freshness.is_stale(self.gecontroleerd_op)

    @property
    def adres(self) -> str:
        """The visiting address on one line, or "" when there is none."""
        if self.alleen_online:
            return ""
        street = f"{self.straat} {self.huisnummer}".strip()
        town = f"{self.postcode} {self.plaats}".strip()
        return ", ".join(part for part in (street, town) if part)


class Weekdag(models.IntegerChoices):
    MAANDAG = 0, _("maandag")
    DINSDAG = 1, _("dinsdag")
    WOENSDAG = 2, _("woensdag")
    DONDERDAG = 3, _("donderdag")
    VRIJDAG = 4, _("vrijdag")
    ZATERDAG = 5, _("zaterdag")
    ZONDAG = 6, _("zondag")


class Kanaal(models.Model):
    """What one way to reach a steunpunt adds to its value: languages and a short note.

    The value itself is a field of the steunpunt (telefoon, whatsapp, email, contactformulier,
    videogesprek; inloop: the address). Opening slots of a channel are Tijdvak rows with this
    `soort`; without its own slots a channel follows the steunpunt's (bereikbaarheid.py).
    """

    steunpunt = models.ForeignKey(Steunpunt, on_delete=models.CASCADE, related_name="kanalen")
    soort = models.CharField(_("soort"), max_length=16, choices=KanaalSoort.choices)
    talen = models.CharField(
        _("talen"),
        max_length=60,
        blank=True,
        validators=[validate_taalcodes],
        help_text=_("Taalcodes met een spatie ertussen, bijvoorbeeld: nl en ar tr"),
    )
    toelichting = models.CharField(_("toelichting"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("contactmogelijkheid")
        verbose_name_plural = _("contactmogelijkheden")
        ordering = ["steunpunt", "soort"]
        constraints = [
            models.UniqueConstraint(fields=["steunpunt", "soort"], name="kanaal_per_soort"),
            models.CheckConstraint(
                condition=Q(soort__in=KanaalSoort.values), name="kanaal_soort_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.steunpunt}: {self.get_soort_display()}"

    @property
    def taalcodes(self) -> list[str]:
        return self.talen.split()


class Tijdvak(models.Model):
    """One opening slot: a weekday with a start and end time, for the steunpunt as a whole
    (`kanaal` empty) or for one channel, valid between two dates (both optional, inclusive).

    An end time of 00:00 means midnight at the end of the day (24.00 uur).
    """

    steunpunt = models.ForeignKey(Steunpunt, on_delete=models.CASCADE, related_name="tijdvakken")
    kanaal = models.CharField(
        _("contactmogelijkheid"),
        max_length=16,
        choices=KanaalSoort.choices,
        blank=True,
        help_text=_("Leeg: de tijden van het steunpunt zelf."),
    )
    weekdag = models.PositiveSmallIntegerField(_("dag"), choices=Weekdag.choices)
    van = models.TimeField(_("van"))
    tot = models.TimeField(_("tot"))
    geldig_van = models.DateField(_("geldig vanaf"), null=True, blank=True)
    geldig_tot = models.DateField(_("geldig tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("openingstijd")
        verbose_name_plural = _("openingstijden")
        ordering = ["steunpunt", "kanaal", "weekdag", "van"]
        constraints = [
            models.CheckConstraint(condition=Q(weekdag__lte=6), name="tijdvak_weekdag_valid"),
            models.CheckConstraint(
                condition=Q(van__lt=models.F("tot")) | Q(tot=datetime.time(0)),
                name="tijdvak_tot_na_van",
            ),
            models.CheckConstraint(
                condition=Q(geldig_van__isnull=True)
                | Q(geldig_tot__isnull=True)
                | Q(geldig_van__lte=models.F("geldig_tot")),
                name="tijdvak_geldig_volgorde",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekdag_display()} {self.van:%H:%M}-{self.tot:%H:%M}"

    def clean(self) -> None:
        errors = {}
        heeft_tijden = self.van is not None and self.tot is not None
        if heeft_tijden and self.tot != datetime.time(0) and self.tot <= self.van:
            errors["tot"] = ValidationError(
                _("De eindtijd moet na de begintijd liggen."), code="tot_voor_van"
            )
        if self.geldig_van and self.geldig_tot and self.geldig_tot < self.geldig_van:
            errors["geldig_tot"] = ValidationError(
                _("De einddatum moet na de begindatum liggen."), code="datum_volgorde"
            )
        if errors:
            raise ValidationError(errors)


class Sluiting(models.Model):
    """Days a steunpunt is closed (from and to inclusive), with a short reason."""

    steunpunt = models.ForeignKey(Steunpunt, on_delete=models.CASCADE, related_name="sluitingen")
    van = models.DateField(_("gesloten vanaf"))
    tot = models.DateField(_("gesloten tot en met"))
    reden = models.CharField(
        _("reden"), max_length=100, blank=True, help_text=_("Bijvoorbeeld: kerstvakantie")
    )

    class Meta:
        verbose_name = _("sluiting")
        verbose_name_plural = _("sluitingen")
        ordering = ["steunpunt", "van"]
        constraints = [
            models.CheckConstraint(condition=Q(van__lte=models.F("tot")), name="sluiting_volgorde")
        ]

    def __str__(self) -> str:
        return f"{self.steunpunt}: {self.van:%d-%m-%Y} t/m {self.tot:%d-%m-%Y}"

    def clean(self) -> None:
        if self.van and self.tot and self.tot < self.van:
            raise ValidationError(
                {"tot": ValidationError(_("De einddatum moet na de begindatum liggen."))}
            )


class Schoolvakantie(models.Model):
    """A school holiday in one region (noord, midden, zuid), as the government publishes it
    each year; a beheerder adds the new school year in the admin (data/schoolvakanties.csv)."""

    regio = models.CharField(_("regio"), max_length=6, choices=VakantieRegio.choices)
    schooljaar = models.CharField(
        _("schooljaar"),
        max_length=9,
        validators=[RegexValidator(r"^20\d\d-20\d\d$", _("Schrijf het schooljaar als 2025-2026."))],
    )
    naam = models.CharField(_("naam"), max_length=60, help_text=_("Bijvoorbeeld: kerstvakantie"))
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"))
    bron_url = models.URLField(_("bron"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("schoolvakantie")
        verbose_name_plural = _("schoolvakanties")
        ordering = ["van", "regio"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "schooljaar", "naam"], name="schoolvakantie_unique"
            ),
            models.CheckConstraint(
                condition=Q(van__lte=models.F("tot")), name="schoolvakantie_volgorde"
            ),
            models.CheckConstraint(
                condition=Q(regio__in=VakantieRegio.values), name="schoolvakantie_regio_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} {self.schooljaar} ({self.get_regio_display()})"

    def clean(self) -> None:
        if self.van and self.tot and self.tot < self.van:
            raise ValidationError(
                {"tot": ValidationError(_("De einddatum moet na de begindatum liggen."))}
            )


class Medewerker(models.Model):
    """Links a staff account to the SWVs whose listings it may keep current."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="medewerker"
    )
    samenwerkingsverbanden = models.ManyToManyField(
        Samenwerkingsverband,
        verbose_name=_("samenwerkingsverbanden"),
        related_name="medewerkers",
        blank=True,
    )
    # A steunpuntmedewerker (issue 24) works for one steunpunt: records its contacts and
    # signals and hands out its feedback codes, and sees nothing else.
    steunpunt = models.ForeignKey(
        Steunpunt,
        verbose_name=_("steunpunt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steunpuntmedewerkers",
    )

    class Meta:
        verbose_name = _("SWV-medewerker")
        verbose_name_plural = _("SWV-medewerkers")

    def __str__(self) -> str:
        return self.user.get_username()


class Melding(models.Model):
    """A visitor's report that a steunpunt's information is wrong ("Klopt er iets niet?")."""

    steunpunt = models.ForeignKey(Steunpunt, on_delete=models.CASCADE, related_name="meldingen")
    tekst = models.TextField(_("wat klopt er niet"), max_length=2000)
    email = models.EmailField(_("e-mailadres voor een antwoord"), blank=True)
    aangemaakt = models.DateTimeField(_("ontvangen"), auto_now_add=True)
    afgehandeld = models.BooleanField(_("afgehandeld"), default=False)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["afgehandeld", "-aangemaakt"]

    def __str__(self) -> str:
        return f"{self.steunpunt}: {self.tekst[:40]}"


class MeldingBericht(models.Model):
    """That one report went to one staff member, in a mail of new reports (send_meldingen).

    The unique pair is what makes that mail idempotent: a report is mailed to someone once, and
    a second run (or two at the same time) finds the row and sends nothing again.
    """

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="berichten")
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    verzonden_op = models.DateTimeField(_("gemaild op"))

    class Meta:
        verbose_name = _("gemailde melding")
        verbose_name_plural = _("gemailde meldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["melding", "ontvanger"], name="melding_eenmaal_per_ontvanger"
            )
        ]

    def __str__(self) -> str:
        return f"{self.melding_id} -> {self.ontvanger_id}"


class ErvaringCode(models.Model):
    """A one-time code for "Voelde u zich gesteund?", kept only as a keyed hash.

    The code itself is shown once to the staff member who hands it out, never stored. It knows
    its steunpunt and the last day it works, nothing about the contact or the person it was
    given to; an answer (Ervaring) keeps no link back to it.
    """

    hash = models.CharField(_("sleutel (hash van de code)"), max_length=64, unique=True)
    steunpunt = models.ForeignKey(
        Steunpunt, on_delete=models.CASCADE, related_name="ervaringscodes"
    )
    geldig_tot = models.DateField(_("werkt tot en met"))
    gebruikt = models.BooleanField(_("gebruikt"), default=False)

    class Meta:
        verbose_name = _("ervaringscode")
        verbose_name_plural = _("ervaringscodes")

    def __str__(self) -> str:
        return _("code van %(steunpunt)s") % {"steunpunt": self.steunpunt}


class GesteundScore(models.IntegerChoices):
    HELEMAAL_NIET = 1, _("1 – helemaal niet")
    NIET = 2, _("2 – niet zo")
    GEDEELTELIJK = 3, _("3 – een beetje")
    WEL = 4, _("4 – ja")
    HELEMAAL = 5, _("5 – ja, helemaal")


class WeetVerder(models.TextChoices):
    JA = "ja", _("Ja")
    EEN_BEETJE = "een_beetje", _("Een beetje")
    NEE = "nee", _("Nee")


class Aanbevelen(models.TextChoices):
    JA = "ja", _("Ja")
    NEE = "nee", _("Nee")


class Ervaring(models.Model):
    """One answer to "Voelde u zich gesteund?": the steunpunt, the month and three choices.

    Nothing else on purpose: no date, no code, no contact, no IP address, no browser.
    """

    steunpunt = models.ForeignKey(Steunpunt, on_delete=models.CASCADE, related_name="ervaringen")
    maand = models.DateField(_("maand"), help_text=_("Altijd de eerste dag van de maand."))
    gesteund = models.PositiveSmallIntegerField(
        _("voelde zich gehoord en gesteund"), choices=GesteundScore.choices
    )
    weet_verder = models.CharField(
        _("weet wat de volgende stap is"), max_length=10, choices=WeetVerder.choices
    )
    aanbevelen = models.CharField(
        _("zou het steunpunt aanraden"), max_length=3, choices=Aanbevelen.choices
    )

    class Meta:
        verbose_name = _("ervaring")
        verbose_name_plural = _("ervaringen")
        constraints = [
            models.CheckConstraint(
                condition=Q(gesteund__gte=1, gesteund__lte=5), name="ervaring_gesteund_1_tot_5"
            ),
            models.CheckConstraint(
                condition=Q(weet_verder__in=WeetVerder.values), name="ervaring_weet_verder_geldig"
            ),
            models.CheckConstraint(
                condition=Q(aanbevelen__in=Aanbevelen.values), name="ervaring_aanbevelen_geldig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.steunpunt} {self.maand:%Y-%m}"


class PeilingError(ValueError):
    """A peiling cannot be recorded, found or changed; the message is Dutch and for people."""


def _refuse_change():
    return PeilingError(_("Een vastgelegde peiling kan niet meer veranderen."))


def _refuse_delete():
    return PeilingError(_("Een vastgelegde peiling kan niet worden verwijderd."))


class PeilingQuerySet(models.QuerySet):
    def not_withdrawn(self):
        """The peilingen that count: a withdrawn one stays in the admin, nowhere else."""
        return self.filter(ingetrokken_op__isnull=True)

    def update(self, **kwargs):
        raise _refuse_change()

    def delete(self):
        raise _refuse_delete()

    def record_withdrawal(self, *, pk: int, ingetrokken_op, ingetrokken_door, reden: str) -> int:
        """The one change a recorded peiling allows: its withdrawal (once; rows changed: 0 or 1)."""
        rows = self.filter(pk=pk, ingetrokken_op__isnull=True)
        return models.QuerySet.update(
            rows,
            ingetrokken_op=ingetrokken_op,
            ingetrokken_door=ingetrokken_door,
            reden_intrekking=reden,
        )


class Peiling(models.Model):
    """A dated, immutable snapshot of coverage: which SWVs had a steunpunt on that day.

    The model refuses every change of a recorded peiling (save, delete, QuerySet update and
    delete) except its withdrawal through PeilingQuerySet.record_withdrawal (the withdraw
    service in steunpunten/peilingen.py).
    """

    datum = models.DateField(_("datum"), unique=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    aantal_swv = models.PositiveIntegerField(_("aantal samenwerkingsverbanden"))
    aantal_met_steunpunt = models.PositiveIntegerField(_("met steunpunt"))
    # Empty when the peiling gave no split by sector (November 2023 gave only the total).
    po_totaal = models.PositiveIntegerField(null=True, blank=True)
    po_met_steunpunt = models.PositiveIntegerField(null=True, blank=True)
    vo_totaal = models.PositiveIntegerField(null=True, blank=True)
    vo_met_steunpunt = models.PositiveIntegerField(null=True, blank=True)
    # Now, or for a survey held before it was entered here, the day it was held.
    aangemaakt = models.DateTimeField(_("vastgelegd"), default=timezone.now, editable=False)
    # A mistaken peiling is withdrawn, never deleted (steunpunten/peilingen.withdraw_peiling).
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reden_intrekking = models.CharField(_("reden van intrekken"), max_length=200, blank=True)

    objects = PeilingQuerySet.as_manager()

    class Meta:
        verbose_name = _("peiling")
        verbose_name_plural = _("peilingen")
        ordering = ["datum"]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y}: {self.aantal_met_steunpunt}/{self.aantal_swv}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise _refuse_change()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise _refuse_delete()

    @property
    def per_sector(self) -> bool:
        """True when the peiling gave the figures per sector (PO and VO), not only the total."""
        return None not in (
            self.po_totaal,
            self.po_met_steunpunt,
            self.vo_totaal,
            self.vo_met_steunpunt,
        )

    @cached_property
    def per_swv(self) -> bool:
        """True when the peiling holds a row per SWV (its status and steunpunten that day)."""
        return self.regels.exists()


class PeilingRegelQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise _refuse_change()

    def delete(self):
        raise _refuse_delete()


class PeilingRegel(models.Model):
    """One SWV in a peiling, copied as it was so that later edits never change it."""

    peiling = models.ForeignKey(Peiling, on_delete=models.CASCADE, related_name="regels")
    swv_code = models.CharField(max_length=6)
    sector = models.CharField(max_length=2, choices=Sector.choices)
    naam = models.CharField(max_length=200)
    provincie = models.CharField(max_length=20, choices=PROVINCIE_CHOICES)
    status = models.CharField(max_length=15)
    steunpunten = models.JSONField(default=list, blank=True)

    objects = PeilingRegelQuerySet.as_manager()

    class Meta:
        verbose_name = _("regel van een peiling")
        verbose_name_plural = _("regels van een peiling")
        ordering = ["peiling", "swv_code"]
        constraints = [
            models.UniqueConstraint(fields=["peiling", "swv_code"], name="peiling_swv_unique")
        ]

    def __str__(self) -> str:
        return f"{self.swv_code}: {self.status}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise _refuse_change()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise _refuse_delete()


@receiver(pre_save, sender=Peiling)
@receiver(pre_save, sender=PeilingRegel)
def _refuse_loading_over_a_peiling(sender, instance, raw=False, **kwargs):
    """Loading a fixture (raw) writes past save(): only the very same data may be loaded again."""
    if not raw or instance.pk is None:
        return
    stored = sender._base_manager.filter(pk=instance.pk).values().first()
    if stored is not None and stored != {
        f.attname: getattr(instance, f.attname) for f in sender._meta.fields
    }:
        raise _refuse_change()


class Gegevensversie(models.Model):
    """One row whose number goes up on every change of public data; cache keys include it."""

    versie = models.PositiveBigIntegerField(default=0)
    # Moves only with places, gemeenten, postcode areas and schools (imports, a restore, a
    # beheerder's edit of a postcode area), not with steunpunten: the in-memory place and school
    # indexes of each worker are built per this number (steunpunten/cache.py).
    plaatsversie = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("gegevensversie")
        verbose_name_plural = _("gegevensversie")

    def __str__(self) -> str:
        return str(self.versie)


class SchoolQuerySet(models.QuerySet):
    def get_by_natural_key(self, vestigingscode):
        return self.get(vestigingscode=vestigingscode)


class School(models.Model):
    """A school location (a DUO vestiging): its soort says which of its PC4's SWVs is its own."""

    brin = models.CharField(_("BRIN"), max_length=4, db_index=True)
    vestigingscode = models.CharField(_("vestigingscode"), max_length=6, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort onderwijs"), max_length=40)
    denominatie = models.CharField(_("denominatie"), max_length=60, blank=True)
    straat = models.CharField(_("straat"), max_length=100, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=10, blank=True)
    toevoeging = models.CharField(_("toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validate_postcode])
    plaats = models.CharField(_("plaats"), max_length=100)
    gemeente = models.CharField(_("gemeente"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    postcodegebied = models.ForeignKey(
        Postcodegebied,
        verbose_name=_("postcodegebied"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scholen",
    )

    objects = SchoolQuerySet.as_manager()

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("scholen")
        ordering = ["naam", "vestigingscode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vestigingscode__regex=r"^[0-9A-Z]{4}[0-9]{2}$"),
                name="school_vestigingscode_format",
            ),
            models.CheckConstraint(
                condition=Q(postcode__regex=r"^[1-9][0-9]{3}[A-Z]{2}$"),
                name="school_postcode_format",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.plaats})"

    def get_absolute_url(self) -> str:
        return reverse("zoeken:school", args=[self.vestigingscode])

    def natural_key(self):
        return (self.vestigingscode,)

    natural_key.dependencies = ["steunpunten.postcodegebied"]

    @property
    def pc4(self) -> str:
        return self.postcode[:4]

    @property
    def adres(self) -> str:
        """The address on one line: "Lyceumlaan 30, 7522 GK Enschede"."""
        return format_adres(
            straat=self.straat,
            huisnummer=self.huisnummer,
            toevoeging=self.toevoeging,
            postcode=self.postcode,
            plaats=self.plaats,
        )


# --- What a steunpunt records of its work: counts, never cases (issue 24) ---------------------
# No names, no free text about a family, no school, no date finer than a month, no account or
# moment of recording: nothing in a row can point at one family. See docs/privacy.md.


class Thema(models.Model):
    """A theme of the questions a steunpunt gets: the national list, kept by beheerders.

    A theme that was ever used is never deleted (PROTECT on every reference); it is retired
    (`actief` off) instead, so old counts keep their name. `code` stays when the name changes
    and is what the CSV of monthly totals uses.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=80, unique=True)
    definitie = models.CharField(_("korte omschrijving"), max_length=300)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    actief = models.BooleanField(
        _("in gebruik"), default=True, help_text=_("Uitzetten in plaats van verwijderen.")
    )

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class RegistratieSector(models.TextChoices):
    PO = "PO", _("primair onderwijs")
    VO = "VO", _("voortgezet onderwijs")
    BEIDE = "beide", _("beide")


class Vrager(models.TextChoices):
    OUDER = "ouder", _("ouder of verzorger")
    JONGERE = "jongere", _("jongere")
    PROFESSIONAL = "professional", _("professional")


class ContactKanaal(models.TextChoices):
    TELEFOON = "telefoon", _("telefoon")
    EMAIL = "email", _("e-mail")
    WHATSAPP = "whatsapp", _("WhatsApp")
    INLOOP = "inloop", _("inloop")
    GESPREK = "gesprek", _("gesprek")


class Uitkomst(models.TextChoices):
    INFORMATIE = "informatie", _("informatie gegeven")
    STEUN = "steun", _("steun geboden")
    DOORVERWEZEN = "doorverwezen", _("doorverwezen")


class Doorverwijzing(models.TextChoices):
    SCHOOL = "school", _("school")
    SWV = "swv", _("samenwerkingsverband")
    ONDERWIJSCONSULENT = "onderwijsconsulent", _("onderwijsconsulent")
    OUDERS_EN_ONDERWIJS = "ouders_onderwijs", _("Ouders & Onderwijs")
    JEUGDHULP = "jeugdhulp", _("jeugdhulp of gemeente")
    GESCHILLENCOMMISSIE = "geschillencommissie", _("geschillencommissie")


# The one definition of a "match tot steun"; the pages show MATCH_TOT_STEUN_UITLEG with it.
MATCH_UITKOMSTEN = (Uitkomst.STEUN, Uitkomst.DOORVERWEZEN)
MATCH_TOT_STEUN_UITLEG = _(
    "Een match tot steun is een contact waarin het steunpunt steun bood of doorverwees."
)


def first_of_month(datum):
    """The month a date falls in, as its first day: the finest date a record may hold."""
    return datum.replace(day=1)


def first_of_quarter(datum):
    """The quarter a date falls in, as its first day (1 January, 1 April, 1 July, 1 October)."""
    return datum.replace(month=(datum.month - 1) // 3 * 3 + 1, day=1)


class ContactregistratieQuerySet(models.QuerySet):
    def matches(self):
        """The contacts that are a match tot steun (MATCH_UITKOMSTEN, the one definition)."""
        return self.filter(uitkomst__in=MATCH_UITKOMSTEN)


class Contactregistratie(models.Model):
    """One contact of a steunpunt with a parent, young person or professional, as a count.

    The month only (saved as its first day, whatever the caller gives), and no recorder or
    time of recording: the row cannot be traced back to one conversation.
    """

    steunpunt = models.ForeignKey(
        Steunpunt, on_delete=models.PROTECT, related_name="contactregistraties"
    )
    maand = models.DateField(_("maand"))
    sector = models.CharField(_("sector"), max_length=5, choices=RegistratieSector.choices)
    vrager = models.CharField(_("wie vroeg"), max_length=12, choices=Vrager.choices)
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=ContactKanaal.choices)
    themas = models.ManyToManyField(
        Thema, through="ContactThema", verbose_name=_("thema's"), related_name="+"
    )
    uitkomst = models.CharField(_("uitkomst"), max_length=12, choices=Uitkomst.choices)
    doorverwezen_naar = models.CharField(
        _("doorverwezen naar"), max_length=20, choices=Doorverwijzing.choices, blank=True
    )

    objects = ContactregistratieQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacten")
        indexes = [models.Index(fields=["steunpunt", "maand"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(uitkomst=Uitkomst.DOORVERWEZEN, doorverwezen_naar__gt="")
                | (~Q(uitkomst=Uitkomst.DOORVERWEZEN) & Q(doorverwezen_naar="")),
                name="contact_doorverwezen_naar_bij_doorverwijzing",
            ),
        ]

    def __str__(self) -> str:
        return _("contact in %(maand)s") % {"maand": self.maand.strftime("%m-%Y")}

    def save(self, *args, **kwargs):
        self.maand = first_of_month(self.maand)
        super().save(*args, **kwargs)

    def clean(self):
        if self.uitkomst == Uitkomst.DOORVERWEZEN and not self.doorverwezen_naar:
            raise ValidationError(
                {"doorverwezen_naar": _("Kies naar wie het steunpunt doorverwees.")}
            )
        if self.uitkomst != Uitkomst.DOORVERWEZEN and self.doorverwezen_naar:
            raise ValidationError(
                {
                    "doorverwezen_naar": _(
                        "Kies “doorverwezen” als uitkomst, of geen doorverwijzing."
                    )
                }
            )

    def is_match(self) -> bool:
        return self.uitkomst in MATCH_UITKOMSTEN


class ContactThema(models.Model):
    """A theme of a recorded contact (a contact has one or more)."""

    contact = models.ForeignKey(Contactregistratie, on_delete=models.CASCADE)
    thema = models.ForeignKey(Thema, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "thema"], name="contactthema_uniek")
        ]

    def __str__(self) -> str:
        return str(self.thema)


class Maandtotaal(models.Model):
    """A steunpunt that keeps its own records enters per month and theme: contacts and matches.

    A contact about two themes counts once under each, as in the recorded contacts.
    """

    steunpunt = models.ForeignKey(Steunpunt, on_delete=models.PROTECT, related_name="maandtotalen")
    maand = models.DateField(_("maand"))
    thema = models.ForeignKey(Thema, on_delete=models.PROTECT, related_name="+")
    contacten = models.PositiveIntegerField(_("contacten"))
    matches = models.PositiveIntegerField(_("matches tot steun"))

    class Meta:
        verbose_name = _("maandtotaal")
        verbose_name_plural = _("maandtotalen")
        ordering = ["steunpunt", "maand", "thema"]
        constraints = [
            models.UniqueConstraint(
                fields=["steunpunt", "maand", "thema"], name="maandtotaal_uniek"
            ),
            models.CheckConstraint(
                condition=Q(matches__lte=models.F("contacten")),
                name="maandtotaal_matches_hoogstens_contacten",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.steunpunt} {self.maand:%m-%Y} {self.thema}"

    def save(self, *args, **kwargs):
        self.maand = first_of_month(self.maand)
        super().save(*args, **kwargs)

    def clean(self):
        if None not in (self.matches, self.contacten) and self.matches > self.contacten:
            raise ValidationError({"matches": _("Er kunnen niet meer matches dan contacten zijn.")})


class Signaal(models.Model):
    """A theme a steunpunt marks for its SWV in a quarter: "wij zien dit vaker".

    The optional note is about a pattern, never about a person: the validator refuses e-mail
    addresses, phone numbers, postcodes and BSN-like numbers on every path (form, import, API).
    """

    steunpunt = models.ForeignKey(Steunpunt, on_delete=models.PROTECT, related_name="signalen")
    kwartaal = models.DateField(_("kwartaal"))
    thema = models.ForeignKey(Thema, on_delete=models.PROTECT, related_name="+")
    toelichting = models.TextField(
        _("patroon (niet verplicht)"),
        max_length=500,
        blank=True,
        validators=[validate_geen_persoonsgegevens],
    )

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-kwartaal", "thema"]
        constraints = [
            models.UniqueConstraint(
                fields=["steunpunt", "kwartaal", "thema"], name="signaal_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.thema} ({kwartaal_label(self.kwartaal)})"

    def save(self, *args, **kwargs):
        self.kwartaal = first_of_quarter(self.kwartaal)
        # Every path checks the note, also one that skips full_clean().
        validate_geen_persoonsgegevens(self.toelichting)
        super().save(*args, **kwargs)


def kwartaal_label(kwartaal) -> str:
    """ "2026 K1" for a quarter's first day."""
    return f"{kwartaal.year} K{(kwartaal.month - 1) // 3 + 1}"


class PosterBezoek(models.Model):
    """How many visits reached a steunpunt through the QR code of its poster, in one month.

    A number per steunpunt and month, nothing about who came: no IP address, no cookie, no time
    of day (steunpunten/poster.py counts). Not public data, so it moves no data version.
    """

    steunpunt = models.ForeignKey(
        Steunpunt, on_delete=models.CASCADE, related_name="poster_bezoeken"
    )
    maand = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    aantal = models.PositiveIntegerField(_("aantal bezoeken"), default=0)

    class Meta:
        verbose_name = _("bezoek via de poster")
        verbose_name_plural = _("bezoeken via de poster")
        ordering = ["steunpunt", "-maand"]
        constraints = [
            models.UniqueConstraint(fields=["steunpunt", "maand"], name="posterbezoek_per_maand")
        ]

    def __str__(self) -> str:
        return f"{self.steunpunt}: {self.maand:%m-%Y}: {self.aantal}"
