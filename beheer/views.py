"""The "Klopt er iets niet?" form: thin, the rules live in meldingen.py."""

from django import forms
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from steunpunten.models import Steunpunt

from . import meldingen


class MeldingForm(forms.Form):
    tekst = forms.CharField(
        label=_("Wat klopt er niet?"),
        max_length=meldingen.MAX_TEKST,
        min_length=5,
        widget=forms.Textarea,
        error_messages={
            "required": _("Schrijf kort op wat er niet klopt."),
            "min_length": _("Schrijf iets meer op, zodat het steunpunt weet wat er niet klopt."),
            "max_length": _("Uw bericht is te lang. Gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres (niet verplicht)"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")
        },
    )
    # The honeypot: hidden from people, filled in by simple bots.
    # No length limit: a bot that fills it gets the same thanks, whatever it typed.
    website = forms.CharField(required=False)


@never_cache
@require_http_methods(["GET", "POST"])
def melding(request, slug):
    steunpunt = get_object_or_404(Steunpunt.objects.published(), slug=slug)
    context = {"steunpunt": steunpunt}
    if request.method == "GET":
        return render(request, "beheer/melding.html", {**context, "melding_form": MeldingForm()})
    if meldingen.limit_reached(request):
        return render(request, "beheer/melding_te_vaak.html", context, status=429)
    form = MeldingForm(request.POST)
    if not form.is_valid():
        return render(request, "beheer/melding.html", {**context, "melding_form": form}, status=400)
    meldingen.count_report(request)
    if not form.cleaned_data["website"]:
        meldingen.create_melding(
            steunpunt=steunpunt, tekst=form.cleaned_data["tekst"], email=form.cleaned_data["email"]
        )
    # A bot that filled the honeypot sees the same thanks, so it learns nothing.
    return render(request, "beheer/melding_bedankt.html", context)
