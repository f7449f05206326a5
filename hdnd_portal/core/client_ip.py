"""The client's address, as login throttling (django-axes) counts it.

Behind HAProxy every connection comes from the proxy: counted by ``REMOTE_ADDR``, five wrong
passwords from anywhere would lock the real user, and twenty would lock the whole portal. The
proxy writes the address it saw in ``X-Forwarded-For``; that header is believed **only** on a
connection from one of ``TRUSTED_PROXIES`` (addresses or networks). Anyone else may send the
header too, so on any other connection it is ignored and the client is ``REMOTE_ADDR``.

django-ipware reads the header; its ``proxy_trusted_ips`` cannot do the first check, because it
matches the proxies *listed inside* the header, and HAProxy never lists itself there: the
address of the proxy is the connection's own. Of the header, only the last address counts (the
one our proxy appended, ``proxy_count=0``): what a client wrote before it is not evidence.
Installed as ``AXES_CLIENT_IP_CALLABLE``.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core import checks
from ipware import get_client_ip

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """``TRUSTED_PROXIES`` as networks (an address is a /32 or /128); the settings refuse to
    load with an entry that is neither."""
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def from_trusted_proxy(request) -> bool:
    """Whether the connection itself comes from one of ``TRUSTED_PROXIES``."""
    remote = request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:
        return False
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in trusted_networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request) -> str | None:
    """The address of whoever sent ``request``: the proxy's word for it only from the proxy."""
    remote = request.META.get("REMOTE_ADDR")
    if not from_trusted_proxy(request):
        return remote
    forwarded, _routable = get_client_ip(
        request,
        proxy_count=0,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return forwarded or remote


@checks.register(checks.Tags.security, deploy=True)
def check_trusted_proxies(app_configs, **kwargs):
    """Behind a proxy with none trusted, every login counts against the proxy's address."""
    if settings.BEHIND_PROXY and not settings.TRUSTED_PROXIES:
        return [
            checks.Warning(
                "BEHIND_PROXY is on but TRUSTED_PROXIES is empty: login throttling counts "
                "every failure against the proxy's address and locks everyone at once.",
                hint="Set TRUSTED_PROXIES to the reverse proxy's address (README 'Configuration').",
                id="core.W001",
            )
        ]
    return []
