"""The admin site at /beheer/: staff only, with a verified second factor (TOTP) when required."""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm


def otp_required() -> bool:
    """True unless a developer switched the second factor off (only possible with DEBUG on)."""
    return bool(getattr(settings, "VINDPLEK_ADMIN_OTP", True))


class BeheerAdminSite(AdminSite):
    """Django's admin, but a staff member must also have passed the TOTP check."""

    site_header = _("Vindplek beheer")
    site_title = _("Vindplek beheer")
    index_title = _("Beheer van steunpunten")

    @property
    def login_form(self):
        return OTPAdminAuthenticationForm if otp_required() else AdminAuthenticationForm

    @property
    def login_template(self):
        return "admin/login_otp.html" if otp_required() else None

    def has_permission(self, request) -> bool:
        if not super().has_permission(request):
            return False
        return not otp_required() or request.user.is_verified()
