"""The admin site at /beheer/: staff only, with a verified second factor (TOTP) when required."""

from django import forms
from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.signals import user_login_failed
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _

from steunpunten.permissions import otp_required, passes_staff_gate

from . import registratie
from .startpagina import start_context
from .tweedefactor import has_second_factor, second_factor_verify

ONE_LOGIN_ERROR = _(
    "Het e-mailadres, het wachtwoord of de code klopt niet. Let op: na vijf pogingen kunt u een "
    "half uur niet inloggen."
)


class BeheerLoginForm(AdminAuthenticationForm):
    """E-mail address, password and code in one step, with one message for any failure.

    A wrong code counts toward the lockout like a wrong password, and no message says which of
    the three was wrong. Without a second factor yet, the login leads to setting one up.
    """

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": ONE_LOGIN_ERROR,
        "inactive": ONE_LOGIN_ERROR,
    }
    otp_token = forms.CharField(required=False, max_length=20, strip=True)

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mailadres")
        self.fields["username"].max_length = 254

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if otp_required() and user is not None and has_second_factor(user):
            device = second_factor_verify(user=user, token=cleaned.get("otp_token") or "")
            if device is None:
                credentials = {"username": cleaned.get("username")}
                user_login_failed.send(__name__, credentials=credentials, request=self.request)
                raise self.get_invalid_login_error()
            user.otp_device = device  # django-otp marks the session verified at login
        return cleaned

    def get_invalid_login_error(self):
        return forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")

    def confirm_login_allowed(self, user):
        if not user.is_active or not user.is_staff:
            raise self.get_invalid_login_error()


def needs_enrolment(user) -> bool:
    """Staff who logged in with their password but have no second factor yet."""
    return (
        otp_required()
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and not user.is_verified()
        and not has_second_factor(user)
    )


def enrolment_url(request) -> str:
    """The set-up page of the second factor, keeping where the user wanted to go."""
    url = reverse("tweede_factor_instellen")
    target = request.GET.get(REDIRECT_FIELD_NAME, "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return f"{url}?{urlencode({REDIRECT_FIELD_NAME: target})}"
    return url


class MissingObjectIs404:
    """ModelAdmin mixin: an object URL that finds nothing (unknown id or out of scope) is a 404.

    Django redirects to the start page instead; then an id that exists but is out of reach
    answers differently from one that does not exist, and both look like success to a script.
    """

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404(_("Dit onderdeel bestaat niet of u heeft er geen toegang toe."))


class BeheerAdminSite(AdminSite):
    """Django's admin, but a staff member must also have passed the TOTP check."""

    site_header = _("Vindplek beheer")
    site_title = _("Vindplek beheer")
    index_title = _("Start")
    # Without the model sidebar the change list keeps room for its columns on a laptop.
    enable_nav_sidebar = False

    login_form = BeheerLoginForm
    login_template = "admin/login_otp.html"

    def login(self, request, extra_context=None):
        # Right password, no second factor yet: set one up before anything else.
        if needs_enrolment(request.user):
            return redirect(enrolment_url(request))
        return super().login(request, extra_context)

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every model admin, also those of django-axes and django.contrib.auth, answers 404.
        base = admin_class or ModelAdmin
        namespace = {"__module__": base.__module__, "__doc__": base.__doc__}
        admin_class = type(base.__name__, (MissingObjectIs404, base), namespace)
        super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request) -> bool:
        # The same predicate guards the exports (permissions.can_export).
        return passes_staff_gate(request.user)

    def index(self, request, extra_context=None):
        # The start page per role (beheer/startpagina.py); the model list stays below it.
        context = {**start_context(request.user), **(extra_context or {})}
        return super().index(request, context)

    def get_urls(self):
        # "View on site" (/beheer/r/<type>/<id>/) would redirect to any object's public page,
        # unpublished ones and other SWVs' included: scope it like every other admin path.
        scoped = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [scoped, *registratie.urls(self), *super().get_urls()]

    def view_on_site(self, request, content_type_id, object_id):
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            model = None
        model_admin = self._registry.get(model)
        obj = model_admin.get_object(request, object_id) if model_admin else None
        if obj is None or not model_admin.has_view_or_change_permission(request, obj):
            raise Http404(_("Dit onderdeel bestaat niet of u heeft er geen toegang toe."))
        return contenttype_views.shortcut(request, content_type_id, object_id)
