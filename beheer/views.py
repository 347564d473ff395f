"""The "Klopt er iets niet?" form and the login pages around the admin: thin views."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.decorators import otp_required
from two_factor.forms import TOTPDeviceForm
from two_factor.utils import get_otpauth_url
from two_factor.views import QRGeneratorView, SetupView

from steunpunten import limieten
from steunpunten.models import Steunpunt

from . import login, meldingen, tweedefactor
from .background import send_in_background


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
        return too_many(request, context)
    if meldingen.steunpunt_limit_reached(steunpunt):
        return too_many(request, {**context, "steunpunt_vol": True})
    form = MeldingForm(request.POST)
    if not form.is_valid():
        return render(request, "beheer/melding.html", {**context, "melding_form": form}, status=400)
    # The atomic counts decide, not the checks above.
    if not meldingen.take_report_slot(request):
        return too_many(request, context)
    if not meldingen.take_steunpunt_slot(steunpunt):
        return too_many(request, {**context, "steunpunt_vol": True})
    if not form.cleaned_data["website"]:
        meldingen.create_melding(
            steunpunt=steunpunt, tekst=form.cleaned_data["tekst"], email=form.cleaned_data["email"]
        )
    # A bot that filled the honeypot sees the same thanks, so it learns nothing.
    return render(request, "beheer/melding_bedankt.html", context)


def too_many(request, context: dict):
    """429, with Retry-After: the end of the hour in which the reports are counted."""
    response = render(request, "beheer/melding_te_vaak.html", context, status=429)
    response["Retry-After"] = str(limieten.seconds_left())
    return response


# --- Logging in: the set-password link, "wachtwoord vergeten?" and the second factor ----------


class WachtwoordInstellenView(auth_views.PasswordResetConfirmView):
    """The link from the mail: choose a password; a refused link says why and what to do."""

    template_name = "beheer/wachtwoord_instellen.html"
    token_generator = login.beheer_token_generator
    title = _("Wachtwoord instellen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context.get("validlink"):
            token = self.kwargs.get("token", "")
            if token == self.reset_url_token:  # the link's token went into the session
                token = self.request.session.get(auth_views.INTERNAL_RESET_SESSION_TOKEN, "")
            context["link_verlopen"] = login.link_problem(token, self.user) == "verlopen"
            context["title"] = _("Deze link werkt niet meer")
        context["uitnodiging_dagen"] = login.invitation_days()
        context["vergeten_dagen"] = settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)
        return context


class WachtwoordVergetenForm(auth_forms.PasswordResetForm):
    """Sends the link to the staff account(s) with this address, also one without a password."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        },
    )

    def get_users(self, email):
        # Invited staff have no password until they set one: they may ask for a new link too.
        return get_user_model()._default_manager.filter(
            email__iexact=email, is_active=True, is_staff=True
        )

    def send_mail(self, *args, **kwargs) -> None:
        """Render and send the link in a thread: a known address answers as fast as an unknown."""
        send_in_background(
            lambda: super(WachtwoordVergetenForm, self).send_mail(*args, **kwargs),
            wat="link om een wachtwoord in te stellen",
        )


class WachtwoordVergetenView(auth_views.PasswordResetView):
    """The same answer whether the address has an account or not."""

    form_class = WachtwoordVergetenForm
    template_name = "beheer/wachtwoord_vergeten.html"
    email_template_name = "beheer/wachtwoord_vergeten_mail.txt"
    subject_template_name = "beheer/wachtwoord_vergeten_onderwerp.txt"
    success_url = reverse_lazy("password_reset_done")
    title = _("Wachtwoord vergeten?")

    def get_extra_email_context(self) -> dict:
        return {"site_url": settings.VINDPLEK_SITE_URL}

    def form_valid(self, form):
        self.extra_email_context = self.get_extra_email_context()
        return super().form_valid(form)


class WachtwoordVergetenVerstuurdView(auth_views.PasswordResetDoneView):
    template_name = "beheer/wachtwoord_vergeten_verstuurd.html"
    title = _("Kijk in uw e-mail")


class WachtwoordIngesteldView(auth_views.PasswordResetCompleteView):
    template_name = "beheer/wachtwoord_ingesteld.html"
    title = _("Wachtwoord ingesteld")


class AppCodeForm(TOTPDeviceForm):
    """django-two-factor-auth's confirmation of the new app, in plain Dutch."""

    token = forms.IntegerField(
        label=_("Code uit de app"),
        min_value=0,
        max_value=999999,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "maxlength": "6",
                "aria-describedby": "id_generator-token_hulp",
            }
        ),
        error_messages={
            "required": _("Vul de 6 cijfers in die de app nu toont."),
            "invalid": _("Vul alleen de 6 cijfers in die de app nu toont."),
            "min_value": _("Vul alleen de 6 cijfers in die de app nu toont."),
            "max_value": _("Vul alleen de 6 cijfers in die de app nu toont."),
        },
    )
    error_messages = {
        "invalid_token": _(
            "Deze code klopt niet. Kijk of u de juiste sleutel heeft ingevoerd en vul de code in "
            "die de app nu toont."
        ),
    }


def _admin_context(request) -> dict:
    return {**admin.site.each_context(request), "has_permission": False}


class TweedeFactorInstellenView(SetupView):
    """Set up the authenticator app: QR code and key, confirmed with a code (no intro step)."""

    template_name = "beheer/tweede_factor_instellen.html"
    qrcode_url = "tweede_factor_qr"
    success_url = "tweede_factor_reservecodes"
    form_list = (("generator", AppCodeForm),)

    def get(self, request, *args, **kwargs):
        if tweedefactor.has_second_factor(request.user):
            return redirect("admin:index")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if tweedefactor.has_second_factor(request.user):
            return redirect("admin:index")
        return super().post(request, *args, **kwargs)

    def get_form_list(self):
        form_list = super().get_form_list()  # the app ("generator") is the only method
        form_list["generator"] = AppCodeForm
        return form_list

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        key = context.get("secret_key", "")
        context.update(
            _admin_context(self.request),
            otpauth_url=get_otpauth_url(
                self.request.user.get_username(), key, settings.OTP_TOTP_ISSUER
            ),
            sleutel_in_groepen=" ".join(key[i : i + 4] for i in range(0, len(key), 4)),
            title=_("Stel uw authenticator-app in"),
        )
        return context

    def get_success_url(self):
        # First the backup codes, then where the user was going.
        self.request.session[VOLGENDE_SESSIE] = self.get_redirect_url()
        return reverse(self.success_url)

    def done(self, form_list, **kwargs):
        response = super().done(form_list, **kwargs)
        codes = tweedefactor.backup_codes_create(user=self.request.user)
        self.request.session[RESERVECODES_SESSIE] = codes
        return response


class TweedeFactorQrView(QRGeneratorView):
    """The QR code of the key being set up (an SVG from our own server)."""

    def get_issuer(self):
        return settings.OTP_TOTP_ISSUER


RESERVECODES_SESSIE = "vindplek_reservecodes_eenmalig"
VOLGENDE_SESSIE = "vindplek_na_instellen"


@method_decorator([never_cache, otp_required], name="dispatch")
class ReservecodesView(View):
    """Backup codes: a new set is shown once, right after it is made; later only how many."""

    def get(self, request):
        codes = request.session.pop(RESERVECODES_SESSIE, None)
        context = {
            **_admin_context(request),
            "codes": codes,
            "over": tweedefactor.backup_codes_left(request.user),
            "title": _("Reservecodes"),
            "volgende": request.session.pop(VOLGENDE_SESSIE, None) or reverse("admin:index"),
        }
        return render(request, "beheer/reservecodes.html", context)

    def post(self, request):
        request.session[RESERVECODES_SESSIE] = tweedefactor.backup_codes_create(user=request.user)
        return redirect("tweede_factor_reservecodes")
