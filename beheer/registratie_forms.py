"""The forms of recording a steunpunt's work: a contact, monthly totals, a signal, a file.

Big radio buttons and checkboxes, no JavaScript, and a contact in one submit: the outcome and
the referral are one choice ("doorverwezen naar school"), so no field depends on another.
"""

import datetime

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from steunpunten.models import ContactKanaal as Kanaal
from steunpunten.models import (
    Doorverwijzing,
    RegistratieSector,
    Thema,
    Uitkomst,
    Vrager,
    first_of_month,
    first_of_quarter,
    kwartaal_label,
)
from steunpunten.persoonsgegevens import WAARSCHUWING
from steunpunten.registratie import recordable_months

DOORVERWEZEN = "doorverwezen:"


def month_value(maand: datetime.date) -> str:
    return maand.strftime("%Y-%m")


def month_label(maand: datetime.date) -> str:
    return formats.date_format(maand, "F Y")


def month_choices(today: datetime.date, aantal: int | None = None) -> list[tuple[str, str]]:
    return [(month_value(m), month_label(m)) for m in recordable_months(today)[:aantal]]


def parse_month_value(value: str) -> datetime.date:
    jaar, maand = value.split("-")
    return datetime.date(int(jaar), int(maand), 1)


def uitkomst_choices() -> list[tuple[str, str]]:
    """The outcome and, for a referral, to whom: one list."""
    keuzes = [(Uitkomst.INFORMATIE.value, Uitkomst.INFORMATIE.label)]
    keuzes.append((Uitkomst.STEUN.value, Uitkomst.STEUN.label))
    for doel in Doorverwijzing:
        label = _("doorverwezen naar %(doel)s") % {"doel": doel.label}
        keuzes.append((DOORVERWEZEN + doel.value, label))
    return keuzes


class ContactForm(forms.Form):
    maand = forms.ChoiceField(label=_("Maand"))
    sector = forms.ChoiceField(
        label=_("Onderwijs"),
        choices=RegistratieSector.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies primair onderwijs, voortgezet onderwijs of beide.")},
    )
    vrager = forms.ChoiceField(
        label=_("Wie vroeg"),
        choices=Vrager.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie de vraag stelde.")},
    )
    kanaal = forms.ChoiceField(
        label=_("Hoe"),
        choices=Kanaal.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe het contact ging.")},
    )
    themas = forms.ModelMultipleChoiceField(
        label=_("Waarover (één of meer)"),
        queryset=Thema.objects.filter(actief=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één thema.")},
    )
    uitkomst = forms.ChoiceField(
        label=_("Wat kwam eruit"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat het contact opleverde.")},
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        # A contact is recorded soon after: this month and the twelve before.
        self.fields["maand"].choices = month_choices(today, 13)
        self.fields["maand"].initial = month_value(first_of_month(today))
        self.fields["uitkomst"].choices = uitkomst_choices()

    def recording_arguments(self) -> dict:
        """The keyword arguments of registratie.contact_record."""
        data = self.cleaned_data
        uitkomst, naar = data["uitkomst"], ""
        if uitkomst.startswith(DOORVERWEZEN):
            uitkomst, naar = Uitkomst.DOORVERWEZEN, uitkomst.removeprefix(DOORVERWEZEN)
        return {
            "maand": parse_month_value(data["maand"]),
            "sector": data["sector"],
            "vrager": data["vrager"],
            "kanaal": data["kanaal"],
            "themas": list(data["themas"]),
            "uitkomst": uitkomst,
            "doorverwezen_naar": naar,
        }


class MaandKeuzeForm(forms.Form):
    maand = forms.ChoiceField(label=_("Maand"))

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maand"].choices = month_choices(today)
        self.fields["maand"].initial = month_value(first_of_month(today))

    def chosen(self, today: datetime.date) -> datetime.date:
        if self.is_valid():
            return parse_month_value(self.cleaned_data["maand"])
        return first_of_month(today)


class MaandtotalenForm(forms.Form):
    """Per active theme two numbers: contacts and, of those, matches tot steun."""

    def __init__(self, *args, themas, stored: dict[int, tuple[int, int]], **kwargs):
        super().__init__(*args, **kwargs)
        self.themas = list(themas)
        for thema in self.themas:
            contacten, matches = stored.get(thema.pk, (0, 0))
            for naam, waarde, label in (
                ("contacten", contacten, _("Contacten")),
                ("matches", matches, _("waarvan matches tot steun")),
            ):
                self.fields[f"{naam}_{thema.code}"] = forms.IntegerField(
                    label=label,
                    min_value=0,
                    max_value=100000,
                    initial=waarde,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                    error_messages={
                        "required": _("Vul een getal in (0 als er geen waren)."),
                        "invalid": _("Vul een heel getal in."),
                        "min_value": _("Vul 0 of meer in."),
                        "max_value": _("Dat getal is te groot."),
                    },
                )

    def clean(self):
        cleaned = super().clean()
        for thema in self.themas:
            contacten = cleaned.get(f"contacten_{thema.code}")
            matches = cleaned.get(f"matches_{thema.code}")
            if None not in (contacten, matches) and matches > contacten:
                self.add_error(
                    f"matches_{thema.code}", _("Er kunnen niet meer matches dan contacten zijn.")
                )
        return cleaned

    def rows(self):
        """(thema, contacts field, matches field) per theme, for the template."""
        return [
            (thema, self[f"contacten_{thema.code}"], self[f"matches_{thema.code}"])
            for thema in self.themas
        ]

    def totals(self) -> dict:
        return {
            thema: (
                self.cleaned_data[f"contacten_{thema.code}"],
                self.cleaned_data[f"matches_{thema.code}"],
            )
            for thema in self.themas
        }


class BestandForm(forms.Form):
    bestand = forms.FileField(
        label=_("Bestand (.csv of .xlsx)"),
        error_messages={
            "required": _("Kies eerst een bestand."),
            "empty": _("Dit bestand is leeg."),
        },
    )


def quarter_choices(today: datetime.date, aantal: int = 8) -> list[tuple[str, str]]:
    kwartaal = first_of_quarter(today)
    keuzes = []
    for _i in range(aantal):
        keuzes.append((kwartaal.strftime("%Y-%m"), kwartaal_label(kwartaal)))
        kwartaal = first_of_quarter(kwartaal - datetime.timedelta(days=1))
    return keuzes


class SignaalForm(forms.Form):
    kwartaal = forms.ChoiceField(label=_("Kwartaal"))
    thema = forms.ModelChoiceField(
        label=_("Thema dat u vaker ziet"),
        queryset=Thema.objects.filter(actief=True),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Kies het thema dat u vaker ziet.")},
    )
    toelichting = forms.CharField(
        label=_("Het patroon dat u ziet (niet verplicht)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=WAARSCHUWING,
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kwartaal"].choices = quarter_choices(today)
        self.fields["kwartaal"].initial = first_of_quarter(today).strftime("%Y-%m")

    def quarter(self) -> datetime.date:
        return parse_month_value(self.cleaned_data["kwartaal"])
