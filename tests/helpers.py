"""Small builders for test data on top of the shipped fixtures."""

import datetime

from steunpunten.cache import bump_data_version
from steunpunten.models import Samenwerkingsverband, Steunpunt, SteunpuntStatus


def make_steunpunt(*swv_codes: str, **fields) -> Steunpunt:
    """A published, active steunpunt serving the given SWVs (override any field by keyword).

    It moves the data version on as the edit service's commit would (steunpunten/cache.py): a test
    runs inside a transaction that never commits.
    """
    slug = fields.pop("slug", "test-" + "-".join(code.lower() for code in swv_codes))
    values = {
        "naam": f"Teststeunpunt {' '.join(swv_codes)}",
        "status": SteunpuntStatus.ACTIEF,
        "gepubliceerd": True,
        "gecontroleerd_op": datetime.date.today(),
    }
    values.update(fields)
    steunpunt = Steunpunt.objects.create(slug=slug, **values)
    steunpunt.samenwerkingsverbanden.set(Samenwerkingsverband.objects.filter(code__in=swv_codes))
    bump_data_version()
    return steunpunt


def has_steunpunt(swv: Samenwerkingsverband) -> bool:
    """Test oracle for the coverage rule, in plain Python: a published, active steunpunt serves
    it for its sector."""
    return any(
        steunpunt.gepubliceerd
        and steunpunt.status == SteunpuntStatus.ACTIEF
        and getattr(steunpunt, f"voor_{swv.sector.lower()}")
        for steunpunt in swv.steunpunten.all()
    )


# --- Staff accounts for the admin (issue 4) ---------------------------------------------------

MODEL_BACKEND = "beheer.login.EmailBackend"


def make_staff(username: str, *swv_codes: str, role: str = "swv", **fields):
    """An active staff user: role "swv" (linked to swv_codes), "ocw", "beheerder" or "geen"."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from steunpunten.models import Medewerker
    from steunpunten.permissions import GROUP_OCW, GROUP_SWV

    # The role groups are there from the test database's set-up (tests/conftest.py).
    user = get_user_model().objects.create_user(
        username=username,
        email=fields.pop("email", f"{username}@example.org"),
        password=fields.pop("password", None),
        is_staff=True,
        is_superuser=role == "beheerder",
        **fields,
    )
    if role == "swv":
        user.groups.add(Group.objects.get(name=GROUP_SWV))
        medewerker = Medewerker.objects.create(user=user)
        medewerker.samenwerkingsverbanden.set(
            Samenwerkingsverband.objects.filter(code__in=swv_codes)
        )
    elif role == "ocw":
        user.groups.add(Group.objects.get(name=GROUP_OCW))
    return user


def make_steunpunt_staff(username: str, steunpunt, **fields):
    """An active steunpuntmedewerker (issue 24) of this steunpunt."""
    from django.contrib.auth.models import Group

    from steunpunten.models import Medewerker
    from steunpunten.permissions import GROUP_STEUNPUNT

    user = make_staff(username, role="geen", **fields)
    user.groups.add(Group.objects.get(name=GROUP_STEUNPUNT))
    Medewerker.objects.create(user=user, steunpunt=steunpunt)
    return user


def make_totp_device(user):
    """A confirmed TOTP device for the user (what a beheerder creates at enrolment)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def totp_token(device) -> str:
    """The code the authenticator app shows right now for this device."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, device.step, device.t0, device.digits):0{device.digits}d}"


def login_verified(client, user):
    """Log the user in with a verified second factor, as after the admin's login form."""
    from django_otp import DEVICE_ID_SESSION_KEY

    device = make_totp_device(user)
    client.force_login(user, backend=MODEL_BACKEND)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
