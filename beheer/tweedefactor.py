"""The second factor of staff: the authenticator app (TOTP) and backup codes (django-otp)."""

from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODES = 10


def has_second_factor(user) -> bool:
    """True once the user has set up an authenticator app (a confirmed device)."""
    return user_has_device(user, confirmed=True)


def second_factor_verify(*, user, token: str) -> Device | None:
    """The device this code (app code or backup code) belongs to, or None; a code works once."""
    token = "".join(token.split()).lower()
    if not token:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(token):
                return device
    return None


def backup_codes_create(*, user, count: int = BACKUP_CODES) -> list[str]:
    """A fresh set of backup codes for a lost phone; the old set stops working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="reservecodes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user) -> int:
    """How many unused backup codes the user still has."""
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def second_factor_reset(*, user) -> int:
    """Remove the user's app and backup codes: their next login sets up a new app."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    removed_static, _ = StaticDevice.objects.filter(user=user).delete()
    return removed + removed_static
