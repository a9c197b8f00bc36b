"""Client addresses: who is asking (trusting only configured proxies), grouping and truncation."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]):
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            continue
    return tuple(networks)


def parse(value: str | None):
    """An ip_address, or None for anything that is not one."""
    try:
        address = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket is the IPv4 client.
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address) -> bool:
    return any(address in net for net in _networks(tuple(settings.DATELINE_TRUSTED_PROXIES)))


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or, behind a trusted proxy, the right-most address in
    X-Forwarded-For that is not itself a trusted proxy (the left-most entries are the client's
    to forge)."""
    remote = parse(request.META.get("REMOTE_ADDR"))
    if remote is None:
        return None
    if not _trusted(remote):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        address = parse(hop)
        if address is None:
            break
        if not _trusted(address):
            return str(address)
    return str(remote)


def rate_group(ip: str | None) -> str:
    """The unit rate limits count by: the IPv4 address, or the /64 an IPv6 address is in (one
    subscriber usually holds a whole /64, so counting single IPv6 addresses limits nothing)."""
    address = parse(ip)
    if address is None:
        return ""
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def truncate(ip: str | None) -> str | None:
    """The address with its host part removed: IPv4 to its /24, IPv6 to its /48."""
    address = parse(ip)
    if address is None:
        return None
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


def in_networks(ip: str | None, networks) -> bool:
    address = parse(ip)
    if address is None:
        return False
    return any(address.version == net.version and address in net for net in networks)
