"""Which client sent a request: its IP address, read the same way for the lockout and limits."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind VINDPLEK_PROXY_COUNT trusted proxies the address they were given.

    None when unknown (a request made inside the server, such as a test login).
    """
    proxies = int(getattr(settings, "VINDPLEK_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
