"""The search form: one field, "Postcode of plaats"; search.parse_query holds the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from steunpunten.postcode import PostcodeError, parse_postcode

from .search import ZoekFout, parse_query


class ZoekForm(forms.Form):
    q = forms.CharField(label=_("Postcode of plaats"), required=False, strip=True)

    def clean_q(self) -> str:
        text = self.cleaned_data["q"]
        try:
            parse_query(text)
        except ZoekFout as error:
            raise forms.ValidationError(error.message, code="zoekfout") from error
        return text


class WegwijzerForm(forms.Form):
    postcode = forms.CharField(label=_("Postcode"), required=False, strip=True)

    def clean_postcode(self) -> str:
        text = self.cleaned_data["postcode"]
        if text:
            try:
                parse_postcode(text)
            except PostcodeError as error:
                raise forms.ValidationError(error.message, code="postcode") from error
        return text
