"""`/.well-known/security.txt` (RFC 9116): whom to tell about a security problem, until when.

Contact and Expires come from settings (VINDPLEK_SECURITY_CONTACT, VINDPLEK_SECURITY_VERLOOPT);
without a contact the owner's e-mail address is used, else the site's contact page. Without a
date the file expires half a year from today, so it is always valid but never older than that.
"""

import datetime

from django.conf import settings
from django.core.checks import Warning, register
from django.utils import timezone

# RFC 9116 advises an expiry less than a year ahead, so that an old file is not trusted forever.
MAX_AHEAD = datetime.timedelta(days=365)
DEFAULT_AHEAD = datetime.timedelta(days=180)
TALEN = ("nl", "en")


def configured_day() -> datetime.date | None:
    """The configured last day (VINDPLEK_SECURITY_VERLOOPT), or None when unset or unreadable."""
    try:
        return datetime.date.fromisoformat(settings.VINDPLEK_SECURITY_VERLOOPT)
    except ValueError:
        return None


def expires(now: datetime.datetime | None = None) -> datetime.datetime:
    """When the file stops being valid: the configured day (end of it, UTC), else half a year on."""
    day = configured_day()
    if day is not None:
        return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=datetime.UTC)
    now = now or timezone.now()
    return (now + DEFAULT_AHEAD).replace(microsecond=0).astimezone(datetime.UTC)


def contacts(*, contact_page: str) -> list[str]:
    """The Contact lines: the configured URIs, else the owner's e-mail, else the contact page."""
    if settings.VINDPLEK_SECURITY_CONTACT:
        return list(settings.VINDPLEK_SECURITY_CONTACT)
    email = settings.VINDPLEK_EIGENAAR.get("email", "")
    return [f"mailto:{email}"] if email else [contact_page]


def security_txt(*, contact_page: str, canonical: str, policy: str = "") -> str:
    """The file's text: Contact, Expires, Preferred-Languages and Canonical (CRLF is optional)."""
    lines = [f"Contact: {uri}" for uri in contacts(contact_page=contact_page)]
    lines.append(f"Expires: {expires():%Y-%m-%dT%H:%M:%SZ}")
    lines.append(f"Preferred-Languages: {', '.join(TALEN)}")
    lines.append(f"Canonical: {canonical}")
    if policy:
        lines.append(f"Policy: {policy}")
    return "\n".join(lines) + "\n"


@register()
def check_expiry(app_configs=None, **kwargs) -> list[Warning]:
    """`manage.py check` warns when the configured expiry is past, too far ahead or unreadable."""
    configured = settings.VINDPLEK_SECURITY_VERLOOPT
    if not configured:
        return []
    if configured_day() is None:
        return [
            Warning(
                f"VINDPLEK_SECURITY_VERLOOPT is no date (YYYY-MM-DD): {configured!r}.",
                id="vindplek.W101",
            )
        ]
    until, now = expires(), timezone.now()
    if until <= now:
        return [
            Warning(
                "security.txt has expired: set VINDPLEK_SECURITY_VERLOOPT anew.", id="vindplek.W102"
            )
        ]
    if until - now > MAX_AHEAD:
        return [
            Warning(
                "VINDPLEK_SECURITY_VERLOOPT is more than a year ahead (RFC 9116 advises less).",
                id="vindplek.W103",
            )
        ]
    return []
