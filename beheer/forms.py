"""Admin forms: the field rules of validators.py; the rules of an edit are in editing.py."""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunten.models import Samenwerkingsverband, Steunpunt
from steunpunten.postcode import PostcodeError, normalise_postcode
from steunpunten.validators import validate_https_url, validate_huisnummer, validate_telefoon

from .editing import ConflictError, check_versie

# URL fields take "example.org" as "https://example.org" (Django 6's default, chosen today).
URL_FORMFIELD = {"assume_scheme": "https"}


def formfield(db_field, **kwargs):
    """The form field of a model field, with the URL rule above."""
    if isinstance(db_field, models.URLField):
        kwargs = {**URL_FORMFIELD, **kwargs}
    return db_field.formfield(**kwargs)


def _add_validators(form: forms.ModelForm, rules: dict) -> None:
    for name, validator in rules.items():
        if name in form.fields:
            form.fields[name].validators.append(validator)


class SwvContactForm(forms.ModelForm):
    """The contact details of a SWV with the same rules as a steunpunt's."""

    class Meta:
        model = Samenwerkingsverband
        formfield_callback = formfield
        fields = ["code", "naam", "website", "email", "telefoon", "bezoekadres"]
        # Shown on the SWV's public page, and to parents whose region has no steunpunt yet.
        help_texts = {
            "website": _(
                "De website van het samenwerkingsverband, bijvoorbeeld https://www.swv.nl."
            ),
            "email": _("Het algemene e-mailadres, voor ouders uit een regio zonder steunpunt."),
            "telefoon": _("Het algemene telefoonnummer, bijvoorbeeld 075 123 45 67."),
            "bezoekadres": _("Straat, huisnummer en plaats, bijvoorbeeld “Dam 1, Zaandam”."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _add_validators(self, {"telefoon": validate_telefoon, "website": validate_https_url})


# What a staff member needs to know to fill in a field: what the public sees, with examples.
STEUNPUNT_HULPTEKSTEN = {
    "naam": _(
        "Zoals ouders het steunpunt kennen, bijvoorbeeld “Ouder- en Jeugdsteunpunt Zaanstreek”."
    ),
    "slug": _(
        "Het laatste deel van het adres van de pagina op Vindplek. Alleen kleine letters, cijfers en streepjes."
    ),
    "samenwerkingsverbanden": _(
        "Voor welke samenwerkingsverbanden dit steunpunt werkt. Ouders uit die regio’s vinden het bij hun postcode."
    ),
    "status": _(
        "“Actief” als ouders er nu terecht kunnen; “in oprichting” als het steunpunt er nog niet is."
    ),
    "gepubliceerd": _(
        "Aangevinkt: bezoekers van Vindplek zien dit steunpunt. Uit: alleen te zien in beheer."
    ),
    "demo": _(
        "Verzonnen gegevens om de site te tonen. Op de site staat dan “Voorbeeld, niet echt”."
    ),
    "gecontroleerd_op": _(
        "Wanneer iemand de gegevens voor het laatst heeft nagekeken. Opslaan of “Alles klopt nog” zet hier de datum van vandaag. Na een half jaar staat er “mogelijk verouderd”."
    ),
    "voor_ouders": _("Ouders en verzorgers kunnen hier terecht."),
    "voor_jongeren": _("Jongeren en leerlingen kunnen hier zelf terecht."),
    "voor_po": _(
        "Voor kinderen op de basisschool, het speciaal basisonderwijs of het speciaal onderwijs."
    ),
    "voor_vo": _("Voor leerlingen op de middelbare school of het voortgezet speciaal onderwijs."),
    "aanbod": _(
        "In een paar zinnen wat u voor ouders en jongeren doet, in gewone taal. Bijvoorbeeld: “Wij denken mee als uw kind niet goed op school past, en gaan mee naar gesprekken.” Hoogstens 1000 tekens."
    ),
    "talen": _(
        "Talen waarin u ouders te woord staat, met komma’s ertussen. Bijvoorbeeld: Nederlands, Engels, Arabisch."
    ),
    "ervaringsdeskundigen": _(
        "Aanvinken als er ouders werken die zelf ervaring hebben met passend onderwijs."
    ),
    "telefoon": _(
        "Het nummer dat ouders kunnen bellen, bijvoorbeeld 075 123 45 67 of 06 12345678."
    ),
    "telefonisch_bereikbaar": _(
        "Wanneer de telefoon wordt opgenomen, bijvoorbeeld “maandag tot en met donderdag van 9 tot 17 uur”."
    ),
    "email": _("Het e-mailadres waarop ouders u kunnen mailen, bijvoorbeeld info@steunpunt.nl."),
    "website": _("Het adres van uw eigen website, bijvoorbeeld https://www.steunpunt.nl."),
    "contactformulier": _("Een link naar uw contactformulier, als u dat heeft."),
    "inloopspreekuur": _(
        "Wanneer en waar ouders zonder afspraak langs kunnen komen, bijvoorbeeld “dinsdag 10 tot 12 uur in de bibliotheek”."
    ),
    "alleen_online": _(
        "Aanvinken als ouders niet langs kunnen komen. Dan is geen bezoekadres nodig."
    ),
    "straat": _(
        "Het adres waar ouders langs kunnen komen. Vindplek zoekt de plek op de kaart zelf op."
    ),
    "postcode": _("Bijvoorbeeld 1506 AB."),
}
CONFIRM_REAL_LABEL = _("Dit zijn nu de echte gegevens van ons steunpunt")
CONFIRM_REAL_HELP = _(
    "Dit steunpunt toont nog voorbeeldgegevens. Heeft u alle gegevens nagekeken en vervangen "
    "door die van uw echte steunpunt? Vink dit dan aan en sla op. Op de site verdwijnt dan "
    "“Voorbeeld, niet echt”."
)


class SteunpuntForm(forms.ModelForm):
    """A steunpunt, refused when someone else saved it after this form was opened."""

    versie_bij_openen = forms.IntegerField(widget=forms.HiddenInput, required=False)
    echte_gegevens = forms.BooleanField(
        label=CONFIRM_REAL_LABEL, help_text=CONFIRM_REAL_HELP, required=False
    )

    class Meta:
        model = Steunpunt
        formfield_callback = formfield
        # The admin's fieldsets pick the fields; these are the ones a person may type.
        fields = [
            f.name
            for f in Steunpunt._meta.get_fields()
            if getattr(f, "editable", False)
            and not f.auto_created
            and f.name not in {"lat", "lon", "locatie_precisie", "id"}
        ]
        help_texts = STEUNPUNT_HULPTEKSTEN

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The steunpunt as loaded, before this form sets the new values on it (for editing.py).
        self.stored = copy.copy(self.instance) if self.instance.pk else None
        if self.instance.pk and "versie_bij_openen" in self.fields:
            self.fields["versie_bij_openen"].initial = self.instance.versie
        _add_validators(
            self,
            {
                "telefoon": validate_telefoon,
                "website": validate_https_url,
                "contactformulier": validate_https_url,
                "huisnummer": validate_huisnummer,
            },
        )

    def clean_postcode(self) -> str:
        value = self.cleaned_data.get("postcode", "")
        try:
            return normalise_postcode(value) if value else ""
        except PostcodeError:  # the model validator gives the message
            return value

    def clean_gecontroleerd_op(self):
        value = self.cleaned_data.get("gecontroleerd_op")
        if value and value > timezone.localdate():
            raise ValidationError(
                _("De datum van controle kan niet in de toekomst liggen."), code="future"
            )
        return value

    def clean(self):
        cleaned = super().clean()
        self._check_version(cleaned)
        self._check_address(cleaned)
        return cleaned

    def _check_version(self, cleaned) -> None:
        if not self.instance.pk or "versie_bij_openen" not in self.fields:
            return
        # A quick check for the message; the edit service checks again on the locked row.
        try:
            check_versie(
                expected_versie=cleaned.get("versie_bij_openen"),
                current_versie=self.instance.versie,
            )
        except ConflictError as error:
            raise ValidationError(error.message, code=error.code) from error

    def _check_address(self, cleaned) -> None:
        if cleaned.get("alleen_online"):
            return
        if not (cleaned.get("postcode") or cleaned.get("plaats")):
            message = _(
                "Vul de postcode en plaats van het bezoekadres in, of kies "
                "“alleen telefonisch of online”."
            )
            for name in ("postcode", "plaats"):
                if name in self.fields and name not in self.errors:
                    self.add_error(name, message)
        elif (
            cleaned.get("straat")
            and not cleaned.get("huisnummer")
            and "huisnummer" in self.fields
            and "huisnummer" not in self.errors
        ):
            self.add_error("huisnummer", _("Vul bij de straat ook het huisnummer in."))
