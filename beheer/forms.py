"""Admin forms: the field rules of validators.py; the rules of an edit are in bewerken.py."""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunten.models import Samenwerkingsverband, Steunpunt
from steunpunten.postcode import PostcodeError, normalise_postcode
from steunpunten.validators import validate_https_url, validate_huisnummer, validate_telefoon

from .bewerken import ConflictError, check_versie

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _add_validators(self, {"telefoon": validate_telefoon, "website": validate_https_url})


class SteunpuntForm(forms.ModelForm):
    """A steunpunt, refused when someone else saved it after this form was opened."""

    versie_bij_openen = forms.IntegerField(widget=forms.HiddenInput, required=False)

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The steunpunt as loaded, before this form sets the new values on it (for bewerken.py).
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
