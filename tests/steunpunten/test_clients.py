"""Which client sent a request: the address behind a proxy, its port dropped, and its group.

Issue 23, finding 4: an `ip:port` in X-Forwarded-For was taken as it stood, so every client
behind such a proxy was one unknown client that shared one limit; X-Forwarded-Proto was trusted
without a proxy; the login lockout counted each IPv6 address of one /64 apart.
"""

import pytest
from django.test import RequestFactory

from steunpunten.clients import client_group, client_ip, lockout_ip, parse_address
from tests.site_settings import environment_without, site_settings


@pytest.mark.parametrize(
    ("value", "address"),
    [
        ("192.0.2.7", "192.0.2.7"),
        ("192.0.2.7:51234", "192.0.2.7"),
        (" 192.0.2.7:443 ", "192.0.2.7"),
        ("2001:db8::1", "2001:db8::1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:DB8:0:0::1", "2001:db8::1"),
        ("::ffff:192.0.2.7", "::ffff:c000:207"),
        ("", None),
        ("unknown", None),
        ("[2001:db8::1", None),
        ("192.0.2.7:abc:1", None),
        ("999.0.2.7:80", None),
    ],
)
def test_parse_address(value, address):
    assert parse_address(value) == address


def request_from(forwarded: str, remote: str = "10.0.0.1"):
    return RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)


def test_behind_a_proxy_the_forwarded_address_counts_without_its_port(settings):
    settings.VINDPLEK_PROXY_COUNT = 1
    assert client_ip(request_from("192.0.2.7:51234")) == "192.0.2.7"
    assert client_ip(request_from("203.0.113.9, [2001:db8:1:2::5]:443")) == "2001:db8:1:2::5"
    # Two clients on other ports of one address are one client; two addresses are two.
    first, second = request_from("192.0.2.7:1000"), request_from("192.0.2.7:2000")
    assert client_group(client_ip(first)) == client_group(client_ip(second)) == "192.0.2.7"
    assert client_ip(request_from("192.0.2.8:1000")) != client_ip(first)


def test_without_a_proxy_the_forwarded_header_is_ignored(settings):
    settings.VINDPLEK_PROXY_COUNT = 0
    assert client_ip(request_from("192.0.2.7:51234", remote="198.51.100.1")) == "198.51.100.1"


def test_an_unreadable_forwarded_address_is_no_address(settings):
    settings.VINDPLEK_PROXY_COUNT = 1
    assert client_ip(request_from("unknown")) is None


def test_the_lockout_counts_an_ipv6_client_per_64():
    def lockout(address):
        return lockout_ip(RequestFactory().get("/", REMOTE_ADDR=address))

    assert lockout("2001:db8:1:2::1") == lockout("2001:db8:1:2:ffff:1:2:3") == "2001:db8:1:2::"
    assert lockout("2001:db8:1:3::1") == "2001:db8:1:3::"
    assert lockout("::ffff:192.0.2.7") == lockout("192.0.2.7") == "192.0.2.7"
    assert lockout("") is None


@pytest.mark.django_db
def test_x_forwarded_proto_is_not_trusted_without_a_proxy(client, settings):
    """With VINDPLEK_PROXY_COUNT=0 (the test settings) a request saying https is plain HTTP."""
    assert settings.VINDPLEK_PROXY_COUNT == 0
    response = client.get("/over/", HTTP_X_FORWARDED_PROTO="https")
    assert "Strict-Transport-Security" not in response.headers


def _production_setting(name: str, **env) -> str:
    production = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50}
    read = site_settings({**environment_without("DJANGO_", "VINDPLEK_"), **production, **env})
    return str(getattr(read, name, None))


def test_x_forwarded_proto_is_trusted_only_behind_a_proxy():
    assert _production_setting("SECURE_PROXY_SSL_HEADER") == "None"
    assert _production_setting("SECURE_PROXY_SSL_HEADER", VINDPLEK_PROXY_COUNT="0") == "None"
    with_proxy = _production_setting("SECURE_PROXY_SSL_HEADER", VINDPLEK_PROXY_COUNT="1")
    assert with_proxy == "('HTTP_X_FORWARDED_PROTO', 'https')"
