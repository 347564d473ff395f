"""Staff accounts for the end-to-end journeys, with TOTP keys the tests know.

Run inside the e2e server's environment: `python -m tests.e2e.seed` (DJANGO_SETTINGS_MODULE set).
"""

import json

import django

WACHTWOORD = "e2e-wachtwoord-lang-genoeg-42"
# Hex TOTP keys (20 bytes), one per account: a code works only once per device.
SLEUTELS = {
    "swv-e2e": "3132333435363738393031323334353637383930",
    "ocw-e2e": "4142434445464748494a4b4c4d4e4f5051525354",
    "swv-axe-e2e": "6162636465666768696a6b6c6d6e6f7071727374",
    # The OCW start page has its own account: two logins of one account within the same 30 s
    # would offer the same code twice, which the second factor rightly refuses.
    "ocw-start-e2e": "2122232425262728292a2b2c2d2e2f3031323334",
    # The launch (test_lancering.py): a beheerder who invites, an SWV employee who confirms.
    "beheerder-e2e": "3031323334353637383941424344454647484950",
    "swv-lancering-e2e": "5152535455565758595a6162636465666768696a",
    # "Voelde u zich gesteund?" and OCW's monitor (test_ervaring.py).
    "swv-ervaring-e2e": "0102030405060708090a0b0c0d0e0f1011121314",
    "ocw-ervaring-e2e": "a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4",
    # The week table of opening hours (test_bereikbaarheid.py).
    "swv-tijden-e2e": "7172737475767778797a7b7c7d7e7f8081828384",
    # Recording contacts (test_registratie.py): steunpunt staff on a phone, SWV staff at 1280.
    "steunpunt-registratie-e2e": "c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4",
    "swv-registratie-e2e": "e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4",
}
SWV_CODES = ["PO2707", "VO2708"]


def main() -> None:
    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from steunpunten.models import Medewerker, Samenwerkingsverband
    from steunpunten.permissions import GROUP_OCW, GROUP_STEUNPUNT, GROUP_SWV, ensure_roles

    ensure_roles()
    for username, key in SLEUTELS.items():
        user = get_user_model().objects.create_user(
            username=username, email=f"{username}@example.org", password=WACHTWOORD, is_staff=True
        )
        if username.startswith("beheerder"):
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        elif username.startswith("swv"):
            user.groups.add(Group.objects.get(name=GROUP_SWV))
            medewerker = Medewerker.objects.create(user=user)
            medewerker.samenwerkingsverbanden.set(
                Samenwerkingsverband.objects.filter(code__in=SWV_CODES)
            )
        elif username.startswith("steunpunt"):
            user.groups.add(Group.objects.get(name=GROUP_STEUNPUNT))
            Medewerker.objects.create(user=user, steunpunt=registratie_steunpunt())
        else:
            user.groups.add(Group.objects.get(name=GROUP_OCW))
        TOTPDevice.objects.create(user=user, name="telefoon", key=key, confirmed=True)
    # The public page of the Amsterdam steunpunt names no visiting address; its staff would
    # have to give one (or say it is online only) before "Alles klopt nog" is accepted.
    from steunpunten.models import Steunpunt

    Steunpunt.objects.filter(samenwerkingsverbanden__code__in=SWV_CODES, straat="").update(
        alleen_online=True
    )
    confirm_one()
    print(json.dumps(facts()))


# A steunpunt from a public page that the e2e run treats as confirmed by its SWV (PPO Rotterdam).
BEVESTIGD_SWV = "PO2806"


def confirm_one() -> None:
    """What an SWV employee's save does, so the journeys see a `bevestigd` steunpunt too."""
    import datetime

    from steunpunten.models import Herkomst, Steunpunt

    steunpunt = Steunpunt.objects.filter(samenwerkingsverbanden__code=BEVESTIGD_SWV).get()
    steunpunt.herkomst = Herkomst.BEVESTIGD
    steunpunt.gecontroleerd_op = datetime.date.today()
    steunpunt.save()


def registratie_steunpunt():
    """The steunpunt whose contacts the recording journey records (one of the SWV's own)."""
    from steunpunten.models import Steunpunt

    eigen = Steunpunt.objects.filter(samenwerkingsverbanden__code__in=SWV_CODES).distinct()
    return eigen.order_by("pk").first()


def facts() -> dict:
    """What the journeys need to know about the data, read from the database, not guessed."""
    from django.db.models import Q

    from steunpunten.models import Herkomst, Postcodegebied, Samenwerkingsverband, Steunpunt

    zonder = Samenwerkingsverband.objects.with_coverage().filter(
        heeft_steunpunt=False, in_oprichting=False
    )
    gebied = (
        Postcodegebied.objects.filter(swv_po__in=zonder).order_by("pc4").first()
        or Postcodegebied.objects.filter(swv_vo__in=zonder).order_by("pc4").first()
    )
    eigen = Steunpunt.objects.filter(samenwerkingsverbanden__code__in=SWV_CODES).distinct()
    ander = Steunpunt.objects.exclude(pk__in=eigen).order_by("pk").first()
    per_herkomst = {}
    for herkomst in Herkomst.values:
        # One for primary school with a phone or website: the first card of its answer, so the
        # way to reach it can be looked for on the first screen (the VO card comes second).
        steunpunt = (
            Steunpunt.objects.filter(
                herkomst=herkomst, voor_po=True, samenwerkingsverbanden__sector="PO"
            )
            .filter(~Q(telefoon="") | ~Q(website=""))
            .order_by("slug")
            .first()
        )
        swv = steunpunt.samenwerkingsverbanden.filter(sector="PO").order_by("code").first()
        area = Postcodegebied.objects.filter(Q(swv_po=swv) | Q(swv_vo=swv)).order_by("pc4").first()
        per_herkomst[f"steunpunt_{herkomst}"] = steunpunt.slug
        per_herkomst[f"pc4_{herkomst}"] = area.pc4
    return {
        **per_herkomst,
        "pc4_zonder_steunpunt": gebied.pc4,
        "eigen_steunpunt": {
            "pk": eigen.order_by("pk").first().pk,
            "slug": eigen.order_by("pk").first().slug,
        },
        "ander_steunpunt": {"pk": ander.pk, "naam": ander.naam},
        "registratie_steunpunt": {
            "slug": registratie_steunpunt().slug,
            "naam": registratie_steunpunt().naam,
            "ander_slug": ander.slug,
        },
    }


if __name__ == "__main__":
    main()
