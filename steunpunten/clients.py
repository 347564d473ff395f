"""Which client sent a request: its IP address, read the same way for the lockout and limits."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind VINDPLEK_PROXY_COUNT trusted proxies the address they were given.

    A port that a proxy wrote beside the address (`192.0.2.7:51234`, `[2001:db8::1]:443`) is
    dropped, so one client is one client. None when unknown (a request made inside the server,
    such as a test login) or when the header holds no address.
    """
    proxies = int(getattr(settings, "VINDPLEK_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return parse_address(forwarded[-proxies])
    return parse_address(request.META.get("REMOTE_ADDR", ""))


def parse_address(value: str) -> str | None:
    """The IP address in `value`, without a port or brackets; None when it holds none."""
    text = value.strip()
    if text.startswith("["):  # [IPv6] or [IPv6]:port
        text = text[1 : text.find("]")] if "]" in text else ""
    elif text.count(":") == 1:  # IPv4:port (a bare IPv6 address has two colons or more)
        text = text.split(":")[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _group(address: str | None) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return ipaddress.IPv4Network(ip.ipv4_mapped)
    if ip.version == 6:
        return ipaddress.IPv6Network(f"{ip}/64", strict=False)
    return ipaddress.IPv4Network(ip)


def client_group(address: str | None) -> str:
    """The unit a per-client limit counts: an IPv4 address, or the /64 network of an IPv6 one.

    One IPv6 subscriber gets a whole /64 (often more), so counting each address apart would
    give every client billions of allowances.
    """
    network = _group(address)
    if network is None:
        return "onbekend"
    return str(network.network_address) if network.version == 4 else str(network)


def lockout_ip(request: HttpRequest) -> str | None:
    """The address the login lockout (django-axes) counts: the client's group as one address.

    IPv4 stays itself; an IPv6 client counts as the first address of its /64, the unit the
    report form counts too. Axes stores it in an IP address column, so it must be an address.
    """
    network = _group(client_ip(request))
    return None if network is None else str(network.network_address)
