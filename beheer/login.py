"""Logging in: by e-mail address in any case, one name for the lockout, the state of a link."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.tokens import default_token_generator
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


def link_problem(token: str) -> str:
    """Why a set-password link was refused: "verlopen" (too old) or "gebruikt" (used or wrong)."""
    try:
        timestamp = base36_to_int(token.split("-", 1)[0])
    except ValueError:
        return "gebruikt"
    # The token counts seconds since 2001-01-01 (Django's PasswordResetTokenGenerator).
    made = datetime.datetime(2001, 1, 1) + datetime.timedelta(seconds=timestamp)
    age = default_token_generator._now() - made
    if age.total_seconds() > settings.PASSWORD_RESET_TIMEOUT:
        return "verlopen"
    return "gebruikt"
