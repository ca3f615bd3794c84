"""Which addresses a source may lead the watcher to.

The address a source is configured at is trusted: the desk named it. Every other address the
watcher is led to, by a redirect or by a link in a feed, is judged before any connection:

- the configured host itself (on its own port, or the scheme's default one) is always allowed;
- link-local and cloud metadata addresses are always refused;
- a host whose name cannot be resolved is refused, never taken for public;
- a loopback or private address is refused unless `allow_private_redirects` is set;
- a public address is allowed.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from enum import Enum
from urllib.parse import SplitResult, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Instance metadata services that are not in the link-local ranges: AWS over IPv6 and Alibaba.
METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("fd00:ec2::254"), ipaddress.ip_address("100.100.100.200")}
)
DEFAULT_PORTS = {"http": 80, "https": 443}


class Reach(Enum):
    PUBLIC = "a public address"
    PRIVATE = "a loopback or private address"
    LINK_LOCAL = "a link-local or cloud metadata address"
    UNRESOLVED = "a name that cannot be resolved"


def reach_of(addresses: Sequence[IPAddress]) -> Reach:
    """The most sensitive kind among the addresses a host resolves to."""
    if not addresses:
        return Reach.UNRESOLVED
    if any(is_link_local(a) for a in addresses):
        return Reach.LINK_LOCAL
    if any(not a.is_global for a in addresses):
        return Reach.PRIVATE
    return Reach.PUBLIC


def is_link_local(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_link_local(address.ipv4_mapped)
    return address.is_link_local or address in METADATA_ADDRESSES


def literal_address(host: str) -> IPAddress | None:
    """The address when `host` is written as one (IPv6 without its brackets), else None."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def same_host(origin: str, target: str) -> bool:
    """Is `target` on the configured `origin`'s own host and port (or its scheme's default)?"""
    a, b = urlsplit(origin), urlsplit(target)
    if not a.hostname or (a.hostname or "").lower() != (b.hostname or "").lower():
        return False
    return port_of(b) in (port_of(a), DEFAULT_PORTS.get(b.scheme))


def port_of(url: SplitResult) -> int | None:
    try:
        return url.port or DEFAULT_PORTS.get(url.scheme)
    except ValueError:  # a port that is no number
        return None


def refusal(target: str, reach: Reach, addresses: Sequence[IPAddress]) -> str:
    """Why `target` is refused, naming it and what its host resolved to."""
    host = urlsplit(target).hostname or ""
    shown = ", ".join(str(a) for a in addresses[:4])
    if shown and shown != host:
        host = f"{host} ({shown})"
    return f"{target[:200]} refused: {host} is {reach.value}"
