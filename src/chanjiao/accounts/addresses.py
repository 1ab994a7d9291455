"""The client's address behind our own reverse proxies (no model imports: the request-id
middleware and the logging set-up use it before the apps are loaded)."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_address(request) -> str | None:
    """``AXES_CLIENT_IP_CALLABLE``: the address of the person, not of our own proxy.

    ``X-Forwarded-For`` is believed only as far as our proxies wrote it: walking it from the right,
    the first address that is not a trusted proxy is the client. Anything a client wrote further
    left is ignored, and without ``TRUSTED_PROXIES`` the header is not read at all.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = _networks(tuple(settings.TRUSTED_PROXIES))
    here = _address(remote or "")
    if here is None or not any(here in network for network in trusted):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return remote  # a malformed header: count the proxy, never a made-up key
        if not any(address in network for network in trusted):
            return str(address)
    return remote
