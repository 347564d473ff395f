"""Logging in: by e-mail address in any case, one name for the lockout, the state of a link."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

User = get_user_model()


def normalise_login(value: str) -> str:
    """What a person typed as their login, the way accounts are stored: trimmed, lower case."""
    return (value or "").strip().lower()


def find_login_user(login: str):
    """The one account with this e-mail address (any case), else the one with this username."""
    login = normalise_login(login)
    if not login:
        return None
    by_email = list(User._default_manager.filter(email__iexact=login)[:2])
    if len(by_email) == 1:
        return by_email[0]
    if by_email:  # two accounts share an address: only the exact username decides
        return User._default_manager.filter(username__iexact=login).first()
    return User._default_manager.filter(username__iexact=login).first()


class EmailBackend(ModelBackend):
    """Django's ModelBackend, but the "username" typed may be the e-mail address in any case."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = find_login_user(username)
        if user is None:
            User().set_password(password)  # the same work as a real check: no timing hint
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def lockout_username(request, credentials: dict | None = None) -> str:
    """The name django-axes counts failures under: the login as typed, normalised."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username", "")
    return normalise_login(value)


def invitation_days() -> int:
    """How many days an invitation link works (VINDPLEK_UITNODIGING_DAGEN, default 14)."""
    return int(settings.VINDPLEK_UITNODIGING_DAGEN)


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Invitation links: like Django's set-password tokens, valid for days instead of hours.

    A national launch invites 150 SWVs at once; people read such a mail days later. A link of
    "Wachtwoord vergeten?" keeps Django's shorter PASSWORD_RESET_TIMEOUT. Both stop working
    once the password is set or the person logs in (the hash covers both).
    """

    key_salt = "vindplek.beheer.uitnodiging"

    def timeout(self) -> int:
        return invitation_days() * 24 * 60 * 60

    def matches(self, user, token: str) -> bool:
        """The token was made by this generator for this user's present state (age aside)."""
        return token_matches(self, user, token)

    def check_token(self, user, token) -> bool:
        if not (user and token) or not self.matches(user, token):
            return False
        return self._num_seconds(self._now()) - _timestamp(token) <= self.timeout()


class BeheerTokenGenerator:
    """What the set-password page accepts: an invitation link or a "Wachtwoord vergeten?" link."""

    def make_token(self, user) -> str:
        return default_token_generator.make_token(user)

    def check_token(self, user, token) -> bool:
        return invitation_token_generator.check_token(
            user, token
        ) or default_token_generator.check_token(user, token)


invitation_token_generator = InvitationTokenGenerator()
beheer_token_generator = BeheerTokenGenerator()


def _timestamp(token: str) -> int | None:
    try:
        return base36_to_int((token or "").split("-", 1)[0])
    except ValueError:
        return None


def token_matches(generator: PasswordResetTokenGenerator, user, token: str) -> bool:
    """The generator made this token for the user as the account is now, whatever its age."""
    timestamp = _timestamp(token)
    if timestamp is None or user is None:
        return False
    return any(
        constant_time_compare(generator._make_token_with_timestamp(user, timestamp, secret), token)
        for secret in [generator.secret, *generator.secret_fallbacks]
    )


def link_problem(token: str, user=None) -> str:
    """Why a set-password link was refused: "verlopen" (too old) or "gebruikt" (used or wrong)."""
    timestamp = _timestamp(token)
    if timestamp is None:
        return "gebruikt"
    if token_matches(invitation_token_generator, user, token) or token_matches(
        default_token_generator, user, token
    ):
        return "verlopen"  # made for the account as it is now: only its age refuses it
    age = default_token_generator._num_seconds(default_token_generator._now()) - timestamp
    limit = (
        settings.PASSWORD_RESET_TIMEOUT if user is None else invitation_token_generator.timeout()
    )
    return "verlopen" if age > limit else "gebruikt"
