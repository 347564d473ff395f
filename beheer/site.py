"""The admin site at /beheer/: staff only, with a verified second factor (TOTP) when required."""

from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_totp.models import TOTPDevice

from steunpunten.permissions import otp_required, passes_staff_gate


class BeheerLoginForm(OTPAdminAuthenticationForm):
    """Username, password and the code in one step; the code is checked on the TOTP device."""

    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": _("Vul de code uit uw authenticator-app in."),
        "invalid_token": _("Deze code klopt niet. Vul de code in die de app nu toont."),
        "device_required": _(
            "Voor uw account is nog geen authenticator-app ingesteld. Vraag de beheerder om een "
            "QR-code."
        ),
        "n_failed_attempts": _(
            "Er is te vaak een verkeerde code ingevuld. Wacht even en probeer het opnieuw."
        ),
        "verification_not_allowed": _("Inloggen met een code kan nu even niet."),
    }

    def _chosen_device(self, user):
        # Staff have one authenticator app: use their (oldest) confirmed TOTP device.
        return super()._chosen_device(user) or (
            TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()
        )


class BeheerAdminSite(AdminSite):
    """Django's admin, but a staff member must also have passed the TOTP check."""

    site_header = _("Vindplek beheer")
    site_title = _("Vindplek beheer")
    index_title = _("Beheer van steunpunten")

    @property
    def login_form(self):
        return BeheerLoginForm if otp_required() else AdminAuthenticationForm

    @property
    def login_template(self):
        return "admin/login_otp.html" if otp_required() else None

    def has_permission(self, request) -> bool:
        # The same predicate guards the exports (permissions.can_export).
        return passes_staff_gate(request.user)

    def get_urls(self):
        # "View on site" (/beheer/r/<type>/<id>/) would redirect to any object's public page,
        # unpublished ones and other SWVs' included: scope it like every other admin path.
        scoped = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [scoped, *super().get_urls()]

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
