"""Which client sent a request: its IP address, read the same way for the lockout and limits."""

import ipaddress

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


def client_group(address: str | None) -> str:
    """The unit a per-client limit counts: an IPv4 address, or the /64 network of an IPv6 one.

    One IPv6 subscriber gets a whole /64 (often more), so counting each address apart would
    give every client billions of allowances.
    """
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return "onbekend"
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip)
