"""Admin forms: they collect input; the field rules are the model's, the edit's are in editing.py."""

import copy

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from steunpunten.models import Samenwerkingsverband, Steunpunt

from . import editing

# URL fields take "example.org" as "https://example.org" (Django 6's default, chosen today).
URL_FORMFIELD = {"assume_scheme": "https"}


def formfield(db_field, **kwargs):
    """The form field of a model field, with the URL rule above."""
    if isinstance(db_field, models.URLField):
        kwargs = {**URL_FORMFIELD, **kwargs}
    return db_field.formfield(**kwargs)


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
    "herkomst": _(
        "Waar de gegevens vandaan komen. Slaat een medewerker van het samenwerkingsverband ze op, of kiest die „Alles klopt nog”, dan worden ze „bevestigd door het samenwerkingsverband”."
    ),
    "bron_url": _(
        "De openbare pagina waar de gegevens vandaan komen (bij „uit een openbare bron”)."
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

    edit_user = None  # set by the admin on the form class it makes for each request

    def edit_arguments(self) -> dict:
        """What the edit service needs from this form: what changed, the SWVs, the lock."""
        return {
            "changed": [name for name in self.changed_data if name in self._meta.fields],
            "confirms_real": bool(self.cleaned_data.get("echte_gegevens")),
            "swvs": self.cleaned_data.get("samenwerkingsverbanden")
            if "samenwerkingsverbanden" in self.fields
            else None,
            "expected_versie": self.cleaned_data.get("versie_bij_openen")
            if self.instance.pk
            else None,
            "stored": self.stored,
        }

    def _post_clean(self):
        # The model's rules ran (full_clean); now the edit's, so a refusal shows by the input.
        super()._post_clean()
        if self.errors or self.edit_user is None:
            return
        try:
            editing.steunpunt_check_edit(
                user=self.edit_user, steunpunt=self.instance, **self.edit_arguments()
            )
        except editing.EditError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
