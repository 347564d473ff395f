"""The search form: one field, "Postcode, plaats of school"; search.parse_query holds the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from steunpunten.ervaring import Antwoorden, normalise_code
from steunpunten.models import Aanbevelen, GesteundScore, WeetVerder
from steunpunten.postcode import PostcodeError, parse_postcode
from steunpunten.scholen import parse_code

from .search import Zoekvraag, ZoekvraagError, parse_query


class ZoekForm(forms.Form):
    q = forms.CharField(label=_("Postcode, plaats of school"), required=False, strip=True)

    # The parsed query once the form is valid (None for empty input), for search.answer_for.
    vraag: Zoekvraag | None = None

    def clean_q(self) -> str:
        text = self.cleaned_data["q"]
        try:
            self.vraag = parse_query(text)
        except ZoekvraagError as error:
            raise forms.ValidationError(error.message, code="zoekfout") from error
        return text


SCHOOL_ONBEKEND = _("Wij kennen deze school niet. Vul de postcode van de school in.")


class WegwijzerForm(forms.Form):
    postcode = forms.CharField(label=_("Postcode"), required=False, strip=True)
    school = forms.CharField(required=False, strip=True)  # a vestigingscode, from a school page

    def clean_school(self) -> str:
        code = self.cleaned_data["school"].upper()
        if code and parse_code(code) != ("vestigingscode", code):
            self.add_unknown_school()
            return ""
        return code

    def add_unknown_school(self) -> None:
        """The visible field carries the message: the school came from a link, not from typing."""
        self.add_error("postcode", SCHOOL_ONBEKEND)

    def clean_postcode(self) -> str:
        text = self.cleaned_data["postcode"]
        if text:
            try:
                parse_postcode(text)
            except PostcodeError as error:
                raise forms.ValidationError(error.message, code="postcode") from error
        return text


class ErvaringCodeForm(forms.Form):
    """ "Voelde u zich gesteund?": the code from the card or the steunpunt, in any spelling."""

    code = forms.CharField(
        label=_("Uw code"),
        max_length=40,
        strip=True,
        error_messages={"required": _("Vul de code in die u van het steunpunt kreeg.")},
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("Een code heeft 8 tekens: letters en cijfers, bijvoorbeeld K7QM 4XTB."),
                code="vorm",
            )
        return code


class ErvaringForm(forms.Form):
    """The three questions; each is one choice, and each must be answered."""

    gesteund = forms.TypedChoiceField(
        label=_("Voelde u zich gehoord en gesteund door het steunpunt?"),
        choices=GesteundScore.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies bij vraag 1 een cijfer van 1 tot en met 5."),
            "invalid_choice": _("Kies bij vraag 1 een cijfer van 1 tot en met 5."),
        },
    )
    weet_verder = forms.ChoiceField(
        label=_("Weet u wat u nu kunt doen?"),
        choices=WeetVerder.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies bij vraag 2: ja, een beetje of nee."),
            "invalid_choice": _("Kies bij vraag 2: ja, een beetje of nee."),
        },
    )
    aanbevelen = forms.ChoiceField(
        label=_("Zou u het steunpunt aanraden aan anderen?"),
        choices=Aanbevelen.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies bij vraag 3: ja of nee."),
            "invalid_choice": _("Kies bij vraag 3: ja of nee."),
        },
    )

    def antwoorden(self) -> Antwoorden:
        return Antwoorden(**self.cleaned_data)


class VoorScholenForm(forms.Form):
    """The school on the page for schools: its vestigingscode prefills the snippet."""

    school = forms.CharField(
        label=_("Vestigingscode van uw school"),
        help_text=_("Het BRIN-nummer met de twee cijfers van de vestiging, bijvoorbeeld 00AH00."),
        required=False,
        strip=True,
    )

    def clean_school(self) -> str:
        code = self.cleaned_data["school"].upper().replace(" ", "")
        if code and parse_code(code) != ("vestigingscode", code):
            raise forms.ValidationError(
                _(
                    "Een vestigingscode is 4 tekens (het BRIN-nummer) en 2 cijfers, "
                    "bijvoorbeeld 00AH00."
                ),
                code="vestigingscode",
            )
        return code

    def add_unknown_school(self) -> None:
        self.add_error(
            "school",
            _(
                "Wij kennen geen school met deze vestigingscode. Kijk de code na, of zoek uw "
                "school op Vindplek en kies daar de link voor scholen."
            ),
        )
